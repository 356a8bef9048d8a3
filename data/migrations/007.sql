-- SPDX-License-Identifier: GPL-3.0-or-later
-- 7: erased members. An erased member keeps only its number, which stands
-- in for the first name the table requires; such a row has no name to
-- index, so the full-text index neither gains nor loses tokens for it.
DROP TRIGGER members_fts_insert;
DROP TRIGGER members_fts_delete;
DROP TRIGGER members_fts_update;
CREATE TRIGGER members_fts_insert AFTER INSERT ON members
  WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk_load')
 BEGIN
  INSERT INTO members_fts (rowid, first_name, last_name, preferred_name)
  SELECT new.id, new.first_name, new.last_name, new.preferred_name
  WHERE new.first_name <> new.number;
  UPDATE meta SET value = value + 1 WHERE key = 'member_count';
END;
CREATE TRIGGER members_fts_delete AFTER DELETE ON members BEGIN
  INSERT INTO members_fts (members_fts, rowid, first_name, last_name, preferred_name)
  SELECT 'delete', old.id, old.first_name, old.last_name, old.preferred_name
  WHERE old.first_name <> old.number;
  UPDATE meta SET value = value - 1 WHERE key = 'member_count';
END;
CREATE TRIGGER members_fts_update
  AFTER UPDATE OF number, first_name, last_name, preferred_name ON members
 BEGIN
  INSERT INTO members_fts (members_fts, rowid, first_name, last_name, preferred_name)
  SELECT 'delete', old.id, old.first_name, old.last_name, old.preferred_name
  WHERE old.first_name <> old.number;
  INSERT INTO members_fts (rowid, first_name, last_name, preferred_name)
  SELECT new.id, new.first_name, new.last_name, new.preferred_name
  WHERE new.first_name <> new.number;
END;
