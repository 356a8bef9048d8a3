-- SPDX-License-Identifier: GPL-3.0-or-later
-- Staff roles enforced by the server. Once sign-in is on, a desk works
-- through a connection as the signed-in staff member's own login role, a
-- member of one of the group roles below, so that what a role may not do
-- stays out of reach from psql too. The grants follow pd_role_get_rights()
-- (src/core/pd-staff.c) right by right.
--
-- Run once, in the transaction that creates the first director, by the
-- database's owner, who must hold CREATEROLE. Role names are the server's
-- and not the database's, so each starts with the database's name:
-- @DATABASE@ below stands for it (written by the core, quotes doubled).
--
--   "<db>.desk"         a desk with nobody signed in: the sign-in screen's
--                       reads, and counting a failed sign-in
--   "<db>.front-desk"   check-in, members' details (never their notes)
--   "<db>.facilitator"  meetings and attendance, members' names
--   "<db>.coordinator"  volunteers and their training, members' names
--   "<db>.director"     everything, the audit trail read but never changed
--   "<db>.staff.<id>"   one login role per staff account, made by
--                       pd_staff_login_set() below, its password the
--                       account's passphrase as a SCRAM verifier
--
-- The staff table's hash columns are nobody's to read: on a server the
-- passphrase is checked by the server itself.

DO $$
DECLARE
  suffix TEXT;
BEGIN
  FOREACH suffix IN ARRAY ARRAY['desk', 'front-desk', 'facilitator', 'coordinator', 'director']
  LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_database () || '.' || suffix)
    THEN
      EXECUTE format ('CREATE ROLE %I NOLOGIN', current_database () || '.' || suffix);
    END IF;
  END LOOP;
END;
$$;

-- Every role, signed in or not: the settings, whether sign-in is on and
-- who may sign in, the name folding of the lists, and counting sign-ins.
GRANT SELECT ON meta, identity, pd_fold_chars
  TO "@DATABASE@.desk", "@DATABASE@.front-desk", "@DATABASE@.facilitator",
     "@DATABASE@.coordinator", "@DATABASE@.director";
GRANT SELECT (id, name, role, failures, last_failure_at, locked_until, created_at, removed_at),
      UPDATE (failures, last_failure_at, locked_until)
  ON staff
  TO "@DATABASE@.desk", "@DATABASE@.front-desk", "@DATABASE@.facilitator",
     "@DATABASE@.coordinator", "@DATABASE@.director";
-- A staff member's own passphrase and PIN; staff_own_secrets below keeps
-- everyone but a director to their own.
GRANT UPDATE (passphrase_hash, pin_hash)
  ON staff
  TO "@DATABASE@.front-desk", "@DATABASE@.facilitator", "@DATABASE@.coordinator",
     "@DATABASE@.director";
-- The audit trail: everyone appends, a director alone reads (PD_RIGHT_AUDIT),
-- nobody changes it. The owner's triggers refuse changes as well.
GRANT INSERT ON audit
  TO "@DATABASE@.desk", "@DATABASE@.front-desk", "@DATABASE@.facilitator",
     "@DATABASE@.coordinator", "@DATABASE@.director";
-- lastval (), how the core learns the id of a row it added.
GRANT SELECT ON ALL SEQUENCES IN SCHEMA public
  TO "@DATABASE@.front-desk", "@DATABASE@.facilitator", "@DATABASE@.coordinator",
     "@DATABASE@.director";

-- PD_RIGHT_MEMBER_NAMES (every staff role): members and their name
-- search; PD_RIGHT_MEMBER_DETAILS, the front desk's, the rest of their
-- columns but the notes, which are left out column by column.
GRANT SELECT (id, number, first_name, last_name, preferred_name, pronouns, birth_date, phone,
              email, emergency_name, emergency_phone, joined_date, status, gender, race,
              ethnicity, veteran, housing, justice, may_contact, report_consent, created_at,
              updated_at, sort_key, phone_digits, version, updated_by)
  ON members
  TO "@DATABASE@.front-desk";
-- The facilitator and coordinator see members by number and name only
-- (PD_RIGHT_MEMBER_NAMES without PD_RIGHT_MEMBER_DETAILS).
GRANT SELECT (id, number, first_name, last_name, preferred_name, created_at, updated_at,
              sort_key, version, updated_by)
  ON members
  TO "@DATABASE@.facilitator", "@DATABASE@.coordinator";
GRANT SELECT ON member_words, visit_purposes
  TO "@DATABASE@.front-desk", "@DATABASE@.facilitator", "@DATABASE@.coordinator";

-- Front desk: PD_RIGHT_CHECK_IN and PD_RIGHT_MEMBER_EDIT. A member's row
-- is written whole, notes included, but members_notes_kept below keeps the
-- notes as they were for whoever may not read them. A new member takes the
-- next number, kept in meta.
GRANT INSERT, UPDATE ON members TO "@DATABASE@.front-desk";
GRANT INSERT, DELETE ON member_words TO "@DATABASE@.front-desk";
GRANT INSERT, UPDATE, DELETE ON meta TO "@DATABASE@.front-desk";
GRANT SELECT, INSERT, UPDATE, DELETE ON visits TO "@DATABASE@.front-desk";

-- The settings in meta are a director's (the report's threshold, the
-- organisation): the roles that register members write only the rows of
-- member numbering and counting, and any desk notes that it welcomed its
-- user; row by row, as a grant cannot tell one row from another. The
-- owner, whose triggers keep the count, is not held to these.
ALTER TABLE meta ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS meta_read ON meta;
CREATE POLICY meta_read ON meta FOR SELECT USING (TRUE);
DROP POLICY IF EXISTS meta_director ON meta;
CREATE POLICY meta_director ON meta TO "@DATABASE@.director" USING (TRUE) WITH CHECK (TRUE);
DROP POLICY IF EXISTS meta_members ON meta;
CREATE POLICY meta_members ON meta TO "@DATABASE@.front-desk", "@DATABASE@.facilitator"
  USING (key IN ('next_member_number', 'member_count', 'bulk_load', 'welcomed'))
  WITH CHECK (key IN ('next_member_number', 'member_count', 'bulk_load', 'welcomed'));
DROP POLICY IF EXISTS meta_welcomed ON meta;
CREATE POLICY meta_welcomed ON meta TO "@DATABASE@.coordinator"
  USING (key = 'welcomed') WITH CHECK (key = 'welcomed');
GRANT INSERT, UPDATE ON meta TO "@DATABASE@.coordinator";

-- Facilitator: PD_RIGHT_MEETINGS. A first-timer at a meeting becomes a
-- member, with a number and no notes.
GRANT SELECT, INSERT, UPDATE, DELETE ON groups, sessions, attendance
  TO "@DATABASE@.facilitator";
GRANT INSERT ON members TO "@DATABASE@.facilitator";
GRANT INSERT, DELETE ON member_words TO "@DATABASE@.facilitator";
GRANT INSERT, UPDATE, DELETE ON meta TO "@DATABASE@.facilitator";
-- Volunteers by name, to choose a group's facilitator (the core withholds
-- the rest).
GRANT SELECT ON volunteers, volunteer_roles, volunteer_role_links TO "@DATABASE@.facilitator";

-- Volunteer coordinator: PD_RIGHT_VOLUNTEERS; hours may name a session.
GRANT SELECT, INSERT, UPDATE, DELETE
  ON volunteers, volunteer_roles, volunteer_role_links, hours, supervision, training_domains,
     courses, course_domains, completions, credentials
  TO "@DATABASE@.coordinator";
GRANT SELECT ON groups, sessions TO "@DATABASE@.coordinator";

-- Director: every right, but the staff table's hashes are not read and the
-- audit trail is not changed.
DO $$
DECLARE
  table_name TEXT;
BEGIN
  FOR table_name IN SELECT c.relname FROM pg_class AS c
                     JOIN pg_namespace AS n ON n.oid = c.relnamespace
                    WHERE n.nspname = current_schema () AND c.relkind = 'r'
                      AND c.relname NOT IN ('staff', 'audit')
                    ORDER BY c.relname
  LOOP
    EXECUTE format ('GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON %I TO %I',
                    table_name, current_database () || '.director');
  END LOOP;
END;
$$;
GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO "@DATABASE@.director";
GRANT INSERT, UPDATE ON staff TO "@DATABASE@.director";
GRANT SELECT ON audit TO "@DATABASE@.director";
REVOKE UPDATE, DELETE, TRUNCATE ON audit FROM PUBLIC;

-- The triggers that keep other tables keep them whoever writes: they run
-- as the owner, with the schema fixed so that no one's own objects stand
-- in for the tables.
DO $$
DECLARE
  function_name TEXT;
BEGIN
  FOREACH function_name IN ARRAY ARRAY['pd_members_count_insert', 'pd_members_count_delete',
                                       'pd_members_count_truncate', 'pd_audit_no_replace',
                                       'pd_staff_keep_a_director']
  LOOP
    EXECUTE format ('ALTER FUNCTION %I () SECURITY DEFINER SET search_path = %I, pg_temp',
                    function_name, current_schema ());
  END LOOP;
END;
$$;

-- Whether the one connected may manage staff login roles: a director, or
-- the owner (who sets the database up and turns sign-in on).
CREATE OR REPLACE FUNCTION pd_staff_may_manage () RETURNS BOOLEAN
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT pg_has_role (session_user, current_user, 'MEMBER')
      OR pg_has_role (session_user, current_database () || '.director', 'MEMBER');
$$;

-- Makes or changes the login role of the staff account @staff_id: its
-- password (a SCRAM verifier computed by the desk, never the passphrase
-- itself) and, unless @role is NULL, its group role. A director may do it
-- for anyone; a staff member only for their own password.
CREATE OR REPLACE FUNCTION pd_staff_login_set (staff_id BIGINT, role TEXT, verifier TEXT)
RETURNS VOID
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  login TEXT := current_database () || '.staff.' || staff_id;
  suffix TEXT;
BEGIN
  IF NOT (pd_staff_may_manage () OR (session_user = login AND role IS NULL)) THEN
    RAISE EXCEPTION 'only a director may change another staff member''s sign-in'
      USING ERRCODE = '42501';
  END IF;
  IF verifier IS NOT NULL AND verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
    RAISE EXCEPTION 'a staff member''s password must be a SCRAM verifier';
  END IF;
  IF role IS NOT NULL AND role NOT IN ('front-desk', 'facilitator', 'coordinator', 'director')
  THEN
    RAISE EXCEPTION 'there is no staff role named %', role;
  END IF;
  -- An account without a passphrase yet (as a JSON import leaves them)
  -- cannot connect.
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
    EXECUTE format ('CREATE ROLE %I NOLOGIN', login);
  END IF;
  IF verifier IS NOT NULL THEN
    EXECUTE format ('ALTER ROLE %I LOGIN PASSWORD %L', login, verifier);
  END IF;
  IF role IS NOT NULL THEN
    FOREACH suffix IN ARRAY ARRAY['front-desk', 'facilitator', 'coordinator', 'director'] LOOP
      IF suffix <> role AND pg_has_role (login, current_database () || '.' || suffix, 'MEMBER')
      THEN
        EXECUTE format ('REVOKE %I FROM %I', current_database () || '.' || suffix, login);
      END IF;
    END LOOP;
    EXECUTE format ('GRANT %I TO %I', current_database () || '.' || role, login);
  END IF;
END;
$$;

-- Removes the login role of a removed account: it can no longer connect.
CREATE OR REPLACE FUNCTION pd_staff_login_drop (staff_id BIGINT) RETURNS VOID
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT pd_staff_may_manage () THEN
    RAISE EXCEPTION 'only a director may remove a staff member''s sign-in'
      USING ERRCODE = '42501';
  END IF;
  -- A director removing their own account is still connected as it: the
  -- role then only loses its password and group, which is as final.
  IF session_user = current_database () || '.staff.' || staff_id THEN
    EXECUTE format ('ALTER ROLE %I NOLOGIN PASSWORD NULL', session_user);
    EXECUTE format ('REVOKE %I FROM %I', current_database () || '.director', session_user);
  ELSE
    EXECUTE format ('DROP ROLE IF EXISTS %I', current_database () || '.staff.' || staff_id);
  END IF;
END;
$$;

REVOKE ALL ON FUNCTION pd_staff_may_manage (), pd_staff_login_set (BIGINT, TEXT, TEXT),
                       pd_staff_login_drop (BIGINT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pd_staff_may_manage (), pd_staff_login_set (BIGINT, TEXT, TEXT)
  TO "@DATABASE@.front-desk", "@DATABASE@.facilitator", "@DATABASE@.coordinator",
     "@DATABASE@.director";
GRANT EXECUTE ON FUNCTION pd_staff_login_drop (BIGINT) TO "@DATABASE@.director";

-- Only a director changes another account's secrets.
CREATE OR REPLACE FUNCTION pd_staff_own_secrets () RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT pd_staff_may_manage () AND session_user <> current_database () || '.staff.' || OLD.id
  THEN
    RAISE EXCEPTION 'only a director may change another staff member''s sign-in'
      USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END;
$$;
DROP TRIGGER IF EXISTS staff_own_secrets ON staff;
CREATE TRIGGER staff_own_secrets BEFORE UPDATE OF passphrase_hash, pin_hash ON staff
  FOR EACH ROW
  WHEN (NEW.passphrase_hash IS DISTINCT FROM OLD.passphrase_hash
        OR NEW.pin_hash IS DISTINCT FROM OLD.pin_hash)
  EXECUTE FUNCTION pd_staff_own_secrets ();

-- Whether the account @staff_id has a passphrase ('passphrase') or a PIN
-- ('pin'), for the lists, which may not read the hashes.
CREATE OR REPLACE FUNCTION pd_staff_has_secret (staff_id BIGINT, secret TEXT) RETURNS BOOLEAN
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT CASE secret WHEN 'pin' THEN pin_hash IS NOT NULL ELSE passphrase_hash IS NOT NULL END
    FROM staff WHERE id = staff_id;
$$;

-- The PIN hash of the account connected, which only it reads: on a server
-- a PIN unlocks a desk for the one who signed in there with the
-- passphrase, never on its own (a PIN is too short to be a password).
CREATE OR REPLACE FUNCTION pd_staff_own_pin_hash () RETURNS TEXT
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT pin_hash FROM staff
   WHERE current_database () || '.staff.' || id = session_user AND removed_at IS NULL;
$$;

REVOKE ALL ON FUNCTION pd_staff_has_secret (BIGINT, TEXT), pd_staff_own_pin_hash () FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pd_staff_has_secret (BIGINT, TEXT) TO "@DATABASE@.desk";
GRANT EXECUTE ON FUNCTION pd_staff_has_secret (BIGINT, TEXT), pd_staff_own_pin_hash ()
  TO "@DATABASE@.front-desk", "@DATABASE@.facilitator", "@DATABASE@.coordinator",
     "@DATABASE@.director";

-- Notes are written by the roles holding PD_RIGHT_MEMBER_NOTES only: for
-- another role a member's notes stay as they were (the desk writes back the
-- empty notes it was given in their place) and new members start without.
CREATE OR REPLACE FUNCTION pd_members_notes_kept () RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF pd_staff_may_manage () THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND (NEW.notes = '' OR NEW.notes = OLD.notes) THEN
    NEW.notes := OLD.notes;
  ELSIF TG_OP = 'UPDATE' OR NEW.notes <> '' THEN
    RAISE EXCEPTION 'only a director may write confidential notes' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END;
$$;
DROP TRIGGER IF EXISTS members_notes_kept ON members;
CREATE TRIGGER members_notes_kept BEFORE INSERT OR UPDATE ON members
  FOR EACH ROW EXECUTE FUNCTION pd_members_notes_kept ();
