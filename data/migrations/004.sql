-- 4: indexes for funder reports. The few members who did not consent are
-- looked up in a small partial index instead of every member row, new members
-- by their joining date, and hours read from the index alone.
CREATE INDEX members_without_consent ON members (id) WHERE report_consent = 0;
CREATE INDEX members_by_joined ON members (joined_date, report_consent);
DROP INDEX hours_by_date;
CREATE INDEX hours_by_date ON hours (date, activity, volunteer_id, quarter_hours);
