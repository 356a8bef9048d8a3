-- 2: front-desk visits, groups, their sessions and attendance. Times are
-- local wall-clock times ("2026-03-08T18:00"): a weekly meeting at six stays
-- at six across a daylight-saving change.
CREATE TABLE visit_purposes (
  id INTEGER PRIMARY KEY,
  label TEXT NOT NULL UNIQUE CHECK (label <> ''),
  position INTEGER NOT NULL,
  is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
);
CREATE UNIQUE INDEX visit_purposes_one_default ON visit_purposes (is_default)
  WHERE is_default = 1;
INSERT INTO visit_purposes (label, position, is_default) VALUES  ('Drop-in', 1, 1), ('One-to-one peer support', 2, 0), ('Group', 3, 0),
  ('Resource referral', 4, 0), ('Naloxone kit', 5, 0), ('Phone or text support', 6, 0),
  ('Other', 7, 0);
CREATE TABLE visits (
  id INTEGER PRIMARY KEY,
  member_id INTEGER REFERENCES members (id) ON DELETE RESTRICT,
-- NULL: anonymous
  visited_at TEXT NOT NULL,
  purpose_id INTEGER NOT NULL REFERENCES visit_purposes (id),
  recorded_by TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL);
CREATE INDEX visits_by_time ON visits (visited_at);
CREATE INDEX visits_by_member ON visits (member_id, visited_at) WHERE member_id IS NOT NULL;
CREATE TABLE groups (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (name <> ''),
  kind TEXT NOT NULL CHECK (kind IN ('peer_support', 'all_recovery', 'mutual_aid', 'family',
                                     'wellness', 'training', 'other')),
  facilitator_member_id INTEGER REFERENCES members (id) ON DELETE SET NULL,
  facilitator_name TEXT NOT NULL DEFAULT '',
  room TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  weekdays INTEGER NOT NULL DEFAULT 0 CHECK (weekdays BETWEEN 0 AND 127),
-- Mon = 1 … Sun = 64; 0: one-off
  start_time TEXT NOT NULL DEFAULT '',
-- HH:MM
  duration_minutes INTEGER NOT NULL DEFAULT 60 CHECK (duration_minutes BETWEEN 1 AND 1440),
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL DEFAULT '',
  attendance_mode TEXT NOT NULL DEFAULT 'named'    CHECK (attendance_mode IN ('named', 'headcount', 'both')),
  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL);
CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  group_id INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  starts_at TEXT NOT NULL,
  duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
  cancelled INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
  cancel_reason TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  headcount INTEGER NOT NULL DEFAULT 0 CHECK (headcount >= 0),
  UNIQUE (group_id, starts_at)
);
CREATE INDEX sessions_by_time ON sessions (starts_at);
CREATE TABLE attendance (
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE RESTRICT,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (session_id, member_id)
) WITHOUT ROWID;
CREATE INDEX attendance_by_member ON attendance (member_id, session_id);
-- Mutual-aid meetings keep their members anonymous: in a headcount-only group
-- no name can be recorded, whatever writes to the database.
CREATE TRIGGER attendance_headcount_only BEFORE INSERT ON attendance  WHEN (SELECT g.attendance_mode FROM sessions AS s JOIN groups AS g ON g.id = s.group_id        WHERE s.id = new.session_id) = 'headcount' BEGIN  SELECT RAISE (ABORT, 'headcount-only group: no names are recorded');
END;
CREATE TRIGGER groups_headcount_only BEFORE UPDATE OF attendance_mode ON groups  WHEN new.attendance_mode = 'headcount' AND EXISTS (
    SELECT 1 FROM attendance AS a JOIN sessions AS s ON s.id = a.session_id    WHERE s.group_id = new.id)
 BEGIN  SELECT RAISE (ABORT, 'the group has named attendance: it cannot become headcount-only');
END;
