-- SPDX-License-Identifier: GPL-3.0-or-later
-- 6: staff accounts and the audit trail.
-- Times are unix seconds (UTC). A removed account keeps its row, so that
-- its name stays meaningful in the audit trail, and frees its name for a
-- new account.
CREATE TABLE staff (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (name <> ''),
  role TEXT NOT NULL
    CHECK (role IN ('front-desk', 'facilitator', 'coordinator', 'director')),
  -- libsodium's Argon2id strings; NULL when there is none (a JSON import
  -- carries accounts without them).
  passphrase_hash TEXT,
  pin_hash TEXT,
  failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
  last_failure_at INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  removed_at INTEGER
);
CREATE UNIQUE INDEX staff_active_name ON staff (name COLLATE NOCASE) WHERE removed_at IS NULL;
-- Without a director sign-in would be off and everyone hold every right:
-- the last one stays, whichever program asks.
CREATE TRIGGER staff_keep_a_director BEFORE UPDATE OF role, removed_at ON staff
  WHEN old.role = 'director' AND old.removed_at IS NULL
   AND (new.role <> 'director' OR new.removed_at IS NOT NULL)
   AND NOT EXISTS (SELECT 1 FROM staff WHERE role = 'director' AND removed_at IS NULL
                   AND id <> old.id) BEGIN
  SELECT RAISE (ABORT, 'the last director account cannot be removed');
END;
-- Who did what, never the values themselves. member_id has no foreign key:
-- an entry outlives the member it names (erasing a member must not touch
-- the trail, which no statement may change).
CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  staff TEXT NOT NULL DEFAULT '',
  os_user TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL,
  member_id INTEGER,
  detail TEXT NOT NULL DEFAULT '',
  count INTEGER NOT NULL DEFAULT -1
);
-- The list shows the newest entries first, a page at a time, filtered by
-- one of these and by a period: each index walks back in time (SQLite ends
-- every index with the id, which breaks ties) from the end of the period or
-- the page before, and stops after a page, however long the trail.
CREATE INDEX audit_by_time ON audit (at);
CREATE INDEX audit_by_staff ON audit (staff, at);
CREATE INDEX audit_by_member ON audit (member_id, at) WHERE member_id IS NOT NULL;
CREATE INDEX audit_by_kind ON audit (kind, at);
-- INSERT OR REPLACE deletes without running delete triggers.
CREATE TRIGGER audit_no_replace BEFORE INSERT ON audit
  WHEN EXISTS (SELECT 1 FROM audit WHERE id = new.id) BEGIN
  SELECT RAISE (ABORT, 'the audit trail cannot be changed');
END;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN
  SELECT RAISE (ABORT, 'the audit trail cannot be changed');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN
  SELECT RAISE (ABORT, 'the audit trail cannot be changed');
END;
