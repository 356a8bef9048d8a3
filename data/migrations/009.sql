-- SPDX-License-Identifier: GPL-3.0-or-later
-- 9: two desks may have one record open at once. Each save of a member,
-- group or volunteer adds one to its version and says who saved it, so
-- that a desk saving what it read before another desk's save is asked
-- what to keep instead of overwriting that save unseen.
ALTER TABLE members ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE members ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
ALTER TABLE groups ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE groups ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
ALTER TABLE volunteers ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE volunteers ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
