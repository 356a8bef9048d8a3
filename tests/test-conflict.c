/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Two desks with one record open: a save made after another desk's save
 * is refused with who saved and when, never written over it unasked. Each
 * test opens the same database twice, as two programs (or two desks on a
 * server) would. */
#include "config.h"

#include <string.h>

#include "pd-conflict.h"
#include "pd-error.h"
#include "pd-groups.h"
#include "pd-member-erase.h"
#include "pd-members.h"
#include "pd-test-core.h"
#include "pd-volunteers.h"

typedef struct
{
  char *dir;
  char *path;
  PdDatabase *a;
  PdDatabase *b;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = pd_test_make_dir ();
  fixture->a = pd_test_new_database (fixture->dir, &fixture->path);
  fixture->b = pd_test_open_database (fixture->path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->a);
  g_clear_object (&fixture->b);
  pd_test_clear_dir (&fixture->dir);
  g_free (fixture->path);
}

static gint64
add_member (PdDatabase *db,
            const char *first_name,
            const char *phone)
{
  g_autoptr(PdMember) member = pd_member_new ();
  g_autoptr(GError) error = NULL;

  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, first_name);
  pd_member_set (member, PD_MEMBER_FIELD_PHONE, phone);
  g_assert_true (pd_members_insert (db, member, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_member_get_version (member), ==, 1);
  return pd_member_get_id (member);
}

static PdMember *
get_member (PdDatabase *db,
            gint64      id)
{
  g_autoptr(GError) error = NULL;
  PdMember *member = pd_members_get (db, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (member);
  return member;
}

static char *
stored_phone (PdDatabase *db,
              gint64      id)
{
  g_autoptr(PdMember) member = get_member (db, id);

  return g_strdup (pd_member_get (member, PD_MEMBER_FIELD_PHONE));
}

/* Desk A saves, then desk B saves what it read before: B is refused, told
 * who saved and when, and A's save stays; B may then choose to keep its
 * own, and A, now behind, is refused in turn. */
static void
test_member_conflict (Fixture       *fixture,
                      gconstpointer  data)
{
  gint64 id = add_member (fixture->a, "Ana", "555-0100");
  g_autoptr(PdMember) mine = get_member (fixture->a, id);
  g_autoptr(PdMember) theirs = get_member (fixture->b, id);
  g_autoptr(PdMember) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *when = NULL;
  g_autofree char *expected = NULL;

  pd_member_set (mine, PD_MEMBER_FIELD_PHONE, "555-0199");
  g_assert_true (pd_members_update_full (fixture->a, mine, "Front desk", FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_member_get_version (mine), ==, 2);
  g_assert_cmpstr (pd_member_get_updated_by (mine), ==, "Front desk");

  pd_member_set (theirs, PD_MEMBER_FIELD_PHONE, "555-0101");
  g_assert_false (pd_members_update_full (fixture->b, theirs, "Back office", FALSE, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_CONFLICT);
  g_assert_true (pd_error_is_users (error));
  stored = get_member (fixture->b, id);
  when = pd_conflict_format_time (pd_member_get (stored, PD_MEMBER_FIELD_UPDATED_AT));
  /* Saved just now: the time of day alone, HH:MM. */
  g_assert_cmpuint (strlen (when), ==, 5);
  expected = g_strdup_printf ("Changed by Front desk at %s since you opened it.", when);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  phone = stored_phone (fixture->b, id);
  g_assert_cmpstr (phone, ==, "555-0199");
  g_clear_pointer (&phone, g_free);
  /* What B typed is still B's to keep. */
  g_assert_cmpstr (pd_member_get (theirs, PD_MEMBER_FIELD_PHONE), ==, "555-0101");

  /* Keep Mine: B writes over A's save, knowingly. */
  g_assert_true (pd_members_update_full (fixture->b, theirs, "Back office", TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_member_get_version (theirs), ==, 3);
  phone = stored_phone (fixture->a, id);
  g_assert_cmpstr (phone, ==, "555-0101");
  g_clear_pointer (&phone, g_free);

  /* A's form is now the one behind. */
  pd_member_set (mine, PD_MEMBER_FIELD_EMAIL, "ana@example.org");
  g_assert_false (pd_members_update (fixture->a, mine, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Back office"));
  g_clear_error (&error);
  phone = pd_test_query_text (fixture->a, "SELECT email FROM members");
  g_assert_cmpstr (phone, ==, "");
}

/* With sign-in on, the save names the staff member, not the desk. */
static void
test_member_conflict_names_staff (Fixture       *fixture,
                                  gconstpointer  data)
{
  gint64 id;
  g_autoptr(PdMember) mine = NULL;
  g_autoptr(PdMember) theirs = NULL;
  g_autoptr(GError) error = NULL;

  pd_test_sign_in_director (fixture->a, "Dee", "correct horse battery");
  pd_test_sign_in (fixture->b, "Dee", "correct horse battery");
  id = add_member (fixture->a, "Ana", "555-0100");
  mine = get_member (fixture->a, id);
  theirs = get_member (fixture->b, id);
  pd_member_set (mine, PD_MEMBER_FIELD_PHONE, "555-0199");
  g_assert_true (pd_members_update_full (fixture->a, mine, "Front desk", FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (pd_members_update_full (fixture->b, theirs, "Back office", FALSE, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_CONFLICT);
  g_assert_true (g_str_has_prefix (error->message, "Changed by Dee at "));
}

/* One desk alone never meets itself: saving again and again, and after a
 * change of status, goes through. */
static void
test_member_lone_desk (Fixture       *fixture,
                       gconstpointer  data)
{
  gint64 id = add_member (fixture->a, "Ana", "555-0100");
  g_autoptr(PdMember) member = get_member (fixture->a, id);
  g_autoptr(PdMember) again = NULL;
  g_autoptr(GError) error = NULL;
  const char *phones[] = { "555-0101", "555-0102", "555-0103" };

  for (guint i = 0; i < G_N_ELEMENTS (phones); i++)
    {
      pd_member_set (member, PD_MEMBER_FIELD_PHONE, phones[i]);
      g_assert_true (pd_members_update (fixture->a, member, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (pd_member_get_version (member), ==, 4);

  g_assert_true (pd_members_set_status (fixture->a, id, "inactive", &error));
  g_assert_no_error (error);
  again = get_member (fixture->a, id);
  g_assert_cmpint (pd_member_get_version (again), ==, 5);
  pd_member_set (again, PD_MEMBER_FIELD_PHONE, "555-0104");
  g_assert_true (pd_members_update (fixture->a, again, &error));
  g_assert_no_error (error);
}

/* A change of status is a save too: a form read before it is behind. */
static void
test_member_status_counts (Fixture       *fixture,
                           gconstpointer  data)
{
  gint64 id = add_member (fixture->a, "Ana", "555-0100");
  g_autoptr(PdMember) mine = get_member (fixture->a, id);
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;

  g_assert_true (pd_members_set_status (fixture->b, id, "inactive", &error));
  g_assert_no_error (error);
  pd_member_set (mine, PD_MEMBER_FIELD_PHONE, "555-0199");
  g_assert_false (pd_members_update (fixture->a, mine, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_CONFLICT);
  status = pd_test_query_text (fixture->a, "SELECT status FROM members");
  g_assert_cmpstr (status, ==, "inactive");
}

/* Erasing a member is a save too: a form read before it cannot bring the
 * erased details back unasked. */
static void
test_member_erase_counts (Fixture       *fixture,
                          gconstpointer  data)
{
  gint64 id = add_member (fixture->a, "Ana", "555-0100");
  g_autoptr(PdMember) mine = get_member (fixture->a, id);
  g_autoptr(GError) error = NULL;
  g_autofree char *phone = NULL;

  g_assert_true (pd_members_erase (fixture->b, id, &error));
  g_assert_no_error (error);
  pd_member_set (mine, PD_MEMBER_FIELD_EMAIL, "ana@example.org");
  g_assert_false (pd_members_update (fixture->a, mine, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_CONFLICT);
  phone = pd_test_query_text (fixture->a, "SELECT phone FROM members");
  g_assert_cmpstr (phone, ==, "");
}

/* Groups are saved the same way: a save behind another desk's is refused
 * with who saved, and writes over it only when asked to. */
static void
test_group_conflict (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(PdGroup) group = pd_group_new ();
  g_autoptr(PdGroup) mine = NULL;
  g_autoptr(PdGroup) theirs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *room = NULL;

  g_free (group->name);
  group->name = g_strdup ("Art group");
  g_assert_cmpint (pd_groups_insert (fixture->a, group, &error), >, 0);
  g_assert_no_error (error);
  mine = pd_groups_get (fixture->a, group->id, &error);
  g_assert_no_error (error);
  theirs = pd_groups_get (fixture->b, group->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mine->version, ==, 1);

  g_free (mine->room);
  mine->room = g_strdup ("Room 1");
  g_assert_true (pd_groups_update_full (fixture->a, mine, "Front desk", FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mine->version, ==, 2);

  g_free (theirs->room);
  theirs->room = g_strdup ("Room 2");
  g_assert_false (pd_groups_update_full (fixture->b, theirs, "Back office", FALSE, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_CONFLICT);
  g_assert_true (g_str_has_prefix (error->message, "Changed by Front desk at "));
  g_clear_error (&error);
  room = pd_test_query_text (fixture->a, "SELECT room FROM groups");
  g_assert_cmpstr (room, ==, "Room 1");
  g_clear_pointer (&room, g_free);

  g_assert_true (pd_groups_update_full (fixture->b, theirs, "Back office", TRUE, &error));
  g_assert_no_error (error);
  room = pd_test_query_text (fixture->a, "SELECT room FROM groups");
  g_assert_cmpstr (room, ==, "Room 2");

  /* One desk saving again and again meets no one. */
  g_assert_true (pd_groups_update (fixture->b, theirs, &error));
  g_assert_no_error (error);
  /* The last save named no desk. */
  g_assert_false (pd_groups_update (fixture->a, mine, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_CONFLICT);
  g_assert_true (g_str_has_prefix (error->message, "Changed by another desk at "));
}

static void
test_volunteer_conflict (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(PdVolunteer) volunteer = pd_volunteer_new ();
  g_autoptr(PdVolunteer) mine = NULL;
  g_autoptr(PdVolunteer) theirs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *phone = NULL;

  g_free (volunteer->display_name);
  volunteer->display_name = g_strdup ("Rosa");
  g_assert_cmpint (pd_volunteers_insert (fixture->a, volunteer, &error), >, 0);
  g_assert_no_error (error);
  mine = pd_volunteers_get (fixture->a, volunteer->id, &error);
  g_assert_no_error (error);
  theirs = pd_volunteers_get (fixture->b, volunteer->id, &error);
  g_assert_no_error (error);

  g_free (mine->phone);
  mine->phone = g_strdup ("555-0199");
  g_assert_true (pd_volunteers_update_full (fixture->a, mine, "Front desk", FALSE, &error));
  g_assert_no_error (error);

  g_free (theirs->phone);
  theirs->phone = g_strdup ("555-0101");
  g_assert_false (pd_volunteers_update_full (fixture->b, theirs, "Back office", FALSE, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_CONFLICT);
  g_assert_true (g_str_has_prefix (error->message, "Changed by Front desk at "));
  g_clear_error (&error);
  phone = pd_test_query_text (fixture->a, "SELECT phone FROM volunteers");
  g_assert_cmpstr (phone, ==, "555-0199");
  g_clear_pointer (&phone, g_free);

  g_assert_true (pd_volunteers_update_full (fixture->b, theirs, "Back office", TRUE, &error));
  g_assert_no_error (error);
  phone = pd_test_query_text (fixture->a, "SELECT phone FROM volunteers");
  g_assert_cmpstr (phone, ==, "555-0101");
  g_assert_true (pd_volunteers_update (fixture->b, theirs, &error));
  g_assert_no_error (error);
}

/* Makes the database as schema version 8 left it: on a file, made at that
 * version; on a server, the version 9 columns taken away again. */
static PdDatabase *
new_version_8 (const char  *dir,
               char       **path)
{
  g_autoptr(GError) error = NULL;
  PdDatabase *db;

  if (!pd_test_is_postgresql ())
    {
      *path = g_build_filename (dir, "version-8.db", NULL);
      db = pd_database_open_at_version (*path, 8, &error);
      g_assert_no_error (error);
      return db;
    }

  db = pd_test_new_database (dir, path);
  g_assert_true (pd_database_exec (db,
                                   "ALTER TABLE members DROP COLUMN version;"
                                   " ALTER TABLE members DROP COLUMN updated_by;"
                                   " ALTER TABLE groups DROP COLUMN version;"
                                   " ALTER TABLE groups DROP COLUMN updated_by;"
                                   " ALTER TABLE volunteers DROP COLUMN version;"
                                   " ALTER TABLE volunteers DROP COLUMN updated_by;"
                                   " UPDATE meta SET value = '8' WHERE key = 'schema_version'",
                                   &error));
  g_assert_no_error (error);
  return db;
}

/* Records kept at version 8 are all there at version 9, each at version 1
 * and saved by no one known, and can be saved at once. */
static void
test_migration_keeps_records (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(PdMember) member = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *dump = "SELECT string_agg (number || ':' || first_name || ':' || phone, ',')"
                     " FROM (SELECT * FROM members ORDER BY id) AS m";

  db = new_version_8 (fixture->dir, &path);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(PdStatement) stmt = NULL;
      g_autofree char *name = g_strdup_printf ("Member %u", i);
      g_autofree char *number = g_strdup_printf ("M-%06u", i + 1);

      stmt = pd_database_query (db,
                                "INSERT INTO members (number, first_name, phone, joined_date,"
                                " created_at, updated_at, sort_key)"
                                " VALUES (:number, :name, '555-0100', '2026-01-05',"
                                " '2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z', :name)",
                                &error);
      g_assert_no_error (error);
      pd_statement_bind_text (stmt, "number", number);
      pd_statement_bind_text (stmt, "name", name);
      g_assert_true (pd_statement_execute (stmt, &error));
      g_assert_no_error (error);
    }
  if (!pd_test_is_postgresql ())
    dump = "SELECT group_concat (number || ':' || first_name || ':' || phone, ',')"
           " FROM (SELECT * FROM members ORDER BY id)";
  before = pd_test_query_text (db, dump);
  g_clear_object (&db);

  db = pd_test_open_database (path);
  g_assert_cmpint (pd_database_get_version (db), ==, PD_SCHEMA_VERSION);
  after = pd_test_query_text (db, dump);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (pd_test_query_int (db, "SELECT count (*) FROM members"), ==, 5);
  g_assert_cmpint (pd_test_query_int (db, "SELECT count (*) FROM members"
                                          " WHERE version = 1 AND updated_by = ''"), ==, 5);

  member = pd_members_get_by_number (db, "M-000003", &error);
  g_assert_no_error (error);
  g_assert_cmpint (pd_member_get_version (member), ==, 1);
  pd_member_set (member, PD_MEMBER_FIELD_PHONE, "555-0133");
  g_assert_true (pd_members_update (db, member, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pd_test_query_int (db, "SELECT version FROM members WHERE number = 'M-000003'"),
                   ==, 2);
}

/* @uri with its user name and password replaced. */
static char *
uri_as (const char *uri,
        const char *user,
        const char *password)
{
  const char *at = strstr (uri, "user=");
  const char *end;

  g_assert_nonnull (at);
  end = strchr (at, '&');
  return g_strdup_printf ("%.*suser=%s&password=%s%s", (int) (at - uri), uri, user, password,
                          end ? end : "");
}

/* A server database at version 8 opened by a role that may not alter its
 * tables is left as it is, with a message naming the role that may; the
 * owner then brings it up to date. */
static void
test_migration_needs_owner (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(PdDatabase) db = NULL;
  g_autoptr(PdDatabase) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *desk = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *expected = NULL;

  if (!pd_test_is_postgresql ())
    {
      g_test_skip ("only a server database has an owner other than the desk's role");
      return;
    }

  db = new_version_8 (fixture->dir, &path);
  owner = pd_test_query_text (db, "SELECT current_user");
  g_assert_true (pd_database_exec (db,
                                   "DROP ROLE IF EXISTS conflict_desk;"
                                   " CREATE ROLE conflict_desk LOGIN PASSWORD 'desk-passphrase';"
                                   " GRANT USAGE ON SCHEMA public TO conflict_desk;"
                                   " GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES"
                                   "  IN SCHEMA public TO conflict_desk",
                                   &error));
  g_assert_no_error (error);
  g_clear_object (&db);

  desk = uri_as (path, "conflict_desk", "desk-passphrase");
  refused = pd_database_open (desk, &error);
  g_assert_null (refused);
  g_assert_error (error, PD_ERROR, PD_ERROR_NEWER_SCHEMA);
  expected = g_strdup_printf ("the tables’ owner, “%s”", owner);
  g_assert_nonnull (strstr (error->message, "peerdesk-cli server setup"));
  g_assert_nonnull (strstr (error->message, expected));
  g_clear_error (&error);

  db = pd_test_open_database (path);
  g_assert_cmpint (pd_database_get_version (db), ==, PD_SCHEMA_VERSION);
  g_assert_true (pd_database_exec (db, "DROP OWNED BY conflict_desk; DROP ROLE conflict_desk",
                                   &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  pd_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/conflict/member/two-desks", test_member_conflict);
  ADD ("/conflict/member/names-staff", test_member_conflict_names_staff);
  ADD ("/conflict/member/lone-desk", test_member_lone_desk);
  ADD ("/conflict/member/status-counts", test_member_status_counts);
  ADD ("/conflict/member/erase-counts", test_member_erase_counts);
  ADD ("/conflict/group/two-desks", test_group_conflict);
  ADD ("/conflict/volunteer/two-desks", test_volunteer_conflict);
  ADD ("/conflict/migration/keeps-records", test_migration_keeps_records);
  ADD ("/conflict/migration/needs-owner", test_migration_needs_owner);

#undef ADD

  return g_test_run ();
}
