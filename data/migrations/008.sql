-- SPDX-License-Identifier: GPL-3.0-or-later
-- 8: who marked a member present, as visits say who checked them in: the
-- staff member signed in, or nobody ("") while sign-in is off.
ALTER TABLE attendance ADD COLUMN recorded_by TEXT NOT NULL DEFAULT '';
