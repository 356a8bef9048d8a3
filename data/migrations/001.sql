-- SPDX-License-Identifier: GPL-3.0-or-later
-- 1: members and their full-text index
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
-- Kept by the triggers below, so that the list knows its length without
-- counting a million rows.
INSERT INTO meta (key, value) VALUES ('member_count', '0');
CREATE TABLE members (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  first_name TEXT NOT NULL CHECK (first_name <> ''),
  last_name TEXT NOT NULL DEFAULT '',
  preferred_name TEXT NOT NULL DEFAULT '',
  pronouns TEXT NOT NULL DEFAULT '',
  birth_date TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  emergency_name TEXT NOT NULL DEFAULT '',
  emergency_phone TEXT NOT NULL DEFAULT '',
  joined_date TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
  gender TEXT NOT NULL DEFAULT 'not_collected',
  race TEXT NOT NULL DEFAULT 'not_collected',
  ethnicity TEXT NOT NULL DEFAULT 'not_collected',
  veteran TEXT NOT NULL DEFAULT 'not_collected',
  housing TEXT NOT NULL DEFAULT 'not_collected',
  justice TEXT NOT NULL DEFAULT 'not_collected',
  may_contact INTEGER NOT NULL DEFAULT 0 CHECK (may_contact IN (0, 1)),
  report_consent INTEGER NOT NULL DEFAULT 1 CHECK (report_consent IN (0, 1)),
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  sort_key TEXT NOT NULL,
  phone_digits TEXT NOT NULL DEFAULT ''
);
CREATE INDEX members_by_sort_key ON members (sort_key, id);
CREATE INDEX members_by_phone ON members (phone_digits) WHERE phone_digits <> '';
-- Names only: member numbers and phone numbers are found through their own
-- indexes. detail=none keeps the index small, as searches are only ever
-- prefixes of words, never phrases.
CREATE VIRTUAL TABLE members_fts USING fts5 (
  first_name, last_name, preferred_name,
  content = 'members', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3', detail = none
);
-- While a bulk load is under way (a meta row "bulk_load" in the same
-- transaction), the loader indexes its rows in one statement at the end,
-- which is many times faster than a row at a time.
CREATE TRIGGER members_fts_insert AFTER INSERT ON members
  WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk_load')
 BEGIN
  INSERT INTO members_fts (rowid, first_name, last_name, preferred_name)
  VALUES (new.id, new.first_name, new.last_name, new.preferred_name);
  UPDATE meta SET value = value + 1 WHERE key = 'member_count';
END;
CREATE TRIGGER members_fts_delete AFTER DELETE ON members BEGIN
  INSERT INTO members_fts (members_fts, rowid, first_name, last_name, preferred_name)
  VALUES ('delete', old.id, old.first_name, old.last_name, old.preferred_name);
  UPDATE meta SET value = value - 1 WHERE key = 'member_count';
END;
CREATE TRIGGER members_fts_update
  AFTER UPDATE OF first_name, last_name, preferred_name ON members
 BEGIN
  INSERT INTO members_fts (members_fts, rowid, first_name, last_name, preferred_name)
  VALUES ('delete', old.id, old.first_name, old.last_name, old.preferred_name);
  INSERT INTO members_fts (rowid, first_name, last_name, preferred_name)
  VALUES (new.id, new.first_name, new.last_name, new.preferred_name);
END;
