-- 5: the database's random id, which its write-ahead log carries too, so that
-- a log is never replayed into another database. A table of its own keeps it
-- on a page of its own, which every transaction changes (SQLite does not
-- write a row set to the value it had).
CREATE TABLE identity (
  database_id TEXT NOT NULL,
  transactions INTEGER NOT NULL DEFAULT 0);
INSERT INTO identity (database_id) VALUES (lower (hex (randomblob (16))));
