-- 3: volunteer peers, their hours, supervision, training and credentials.
-- Hours are kept in quarter hours, the only steps they are logged in.
CREATE TABLE volunteer_roles (
  id INTEGER PRIMARY KEY,
  label TEXT NOT NULL UNIQUE CHECK (label <> ''),
  position INTEGER NOT NULL,
  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
);
INSERT INTO volunteer_roles (label, position) VALUES  ('Peer recovery coach', 1), ('Group facilitator', 2), ('Front desk', 3), ('Outreach', 4),
  ('Driver', 5), ('Other', 6);
CREATE TABLE volunteers (
  id INTEGER PRIMARY KEY,
  member_id INTEGER UNIQUE REFERENCES members (id) ON DELETE SET NULL,
  display_name TEXT NOT NULL CHECK (display_name <> ''),
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  start_date TEXT NOT NULL,
  background_check_date TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'on_leave', 'former')),
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL);
CREATE INDEX volunteers_by_name ON volunteers (display_name COLLATE NOCASE);
CREATE TABLE volunteer_role_links (
  volunteer_id INTEGER NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,
  role_id INTEGER NOT NULL REFERENCES volunteer_roles (id),
  PRIMARY KEY (volunteer_id, role_id)
) WITHOUT ROWID;
CREATE TABLE hours (
  id INTEGER PRIMARY KEY,
  volunteer_id INTEGER NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,
  date TEXT NOT NULL,
  activity TEXT NOT NULL CHECK (activity <> ''),
  quarter_hours INTEGER NOT NULL CHECK (quarter_hours > 0),
  session_id INTEGER REFERENCES sessions (id) ON DELETE SET NULL,
  approved_by TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL);
CREATE INDEX hours_by_volunteer ON hours (volunteer_id, date);
CREATE INDEX hours_by_date ON hours (date);
CREATE UNIQUE INDEX hours_once_per_session ON hours (volunteer_id, session_id)
  WHERE session_id IS NOT NULL;
CREATE TABLE supervision (
  id INTEGER PRIMARY KEY,
  volunteer_id INTEGER NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,
  date TEXT NOT NULL,
  supervisor TEXT NOT NULL CHECK (supervisor <> ''),
  minutes INTEGER NOT NULL CHECK (minutes > 0),
  kind TEXT NOT NULL CHECK (kind IN ('individual', 'group')),
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL);
CREATE INDEX supervision_by_volunteer ON supervision (volunteer_id, date);
CREATE TABLE training_domains (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK (code <> ''),
  label TEXT NOT NULL CHECK (label <> ''),
  position INTEGER NOT NULL,
  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
);
INSERT INTO training_domains (code, label, position) VALUES  ('advocacy', 'Advocacy', 1), ('mentoring_education', 'Mentoring and education', 2),
  ('recovery_wellness', 'Recovery and wellness', 3), ('ethics', 'Ethics', 4),
  ('confidentiality', 'Confidentiality', 5),
  ('naloxone', 'Naloxone and overdose response', 6),
  ('bloodborne_pathogens', 'Bloodborne pathogens', 7),
  ('cultural_responsiveness', 'Cultural responsiveness', 8),
  ('trauma_informed', 'Trauma-informed practice', 9), ('other', 'Other', 10);
CREATE TABLE courses (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL CHECK (title <> ''),
  provider TEXT NOT NULL DEFAULT '',
  quarter_hours INTEGER NOT NULL CHECK (quarter_hours > 0),
  delivery TEXT NOT NULL DEFAULT 'in_person' CHECK (delivery IN ('in_person', 'online')),
  required_yearly INTEGER NOT NULL DEFAULT 0 CHECK (required_yearly IN (0, 1)),
  created_at TEXT NOT NULL);
CREATE TABLE course_domains (
  course_id INTEGER NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
  domain_id INTEGER NOT NULL REFERENCES training_domains (id),
  PRIMARY KEY (course_id, domain_id)
) WITHOUT ROWID;
CREATE TABLE completions (
  id INTEGER PRIMARY KEY,
  volunteer_id INTEGER NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,
  course_id INTEGER NOT NULL REFERENCES courses (id),
  date TEXT NOT NULL,
  quarter_hours INTEGER NOT NULL CHECK (quarter_hours > 0),
  certificate TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL);
CREATE INDEX completions_by_volunteer ON completions (volunteer_id, date);
CREATE TABLE credentials (
  id INTEGER PRIMARY KEY,
  volunteer_id INTEGER NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,
  template TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL CHECK (name <> ''),
  issuing_body TEXT NOT NULL DEFAULT '',
  number TEXT NOT NULL DEFAULT '',
  issued_date TEXT NOT NULL DEFAULT '',
  expiry_date TEXT NOT NULL DEFAULT '',
  renewal_cycle_months INTEGER NOT NULL DEFAULT 0 CHECK (renewal_cycle_months >= 0),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL);
CREATE INDEX credentials_by_volunteer ON credentials (volunteer_id);
CREATE INDEX credentials_by_expiry ON credentials (expiry_date);
ALTER TABLE groups ADD COLUMN facilitator_volunteer_id INTEGER  REFERENCES volunteers (id) ON DELETE SET NULL;
