-- SPDX-License-Identifier: GPL-3.0-or-later
-- Brings a server database from schema version 8 to 9, as
-- data/migrations/009.sql does a file: each save of a member, group or
-- volunteer adds one to its version and says who saved it, so that a desk
-- saving what it read before another desk's save is asked what to keep.
-- Run in one transaction with the version recorded in meta.
ALTER TABLE members ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE members ADD COLUMN updated_by TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE groups ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE groups ADD COLUMN updated_by TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE volunteers ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE volunteers ADD COLUMN updated_by TEXT COLLATE "C" NOT NULL DEFAULT '';
