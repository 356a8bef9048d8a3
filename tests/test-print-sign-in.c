/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "pd-attendance.h"
#include "pd-audit.h"
#include "pd-demo.h"
#include "pd-error.h"
#include "pd-groups.h"
#include "pd-members.h"
#include "pd-print-documents.h"
#include "pd-staff.h"
#include "pd-test-core.h"
#include "pd-test-pdf.h"

typedef struct
{
  char *dir;
  PdDatabase *db;
  GPtrArray *names;       /* every first and last name of the members made */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = pd_test_make_dir ();
  fixture->db = pd_test_new_database (fixture->dir, NULL);
  fixture->names = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_ptr_array_unref (fixture->names);
  g_assert_finalize_object (fixture->db);
  pd_test_clear_dir (&fixture->dir);
}

static gint64
add_member (Fixture    *fixture,
            const char *first_name,
            const char *last_name)
{
  g_autoptr(PdMember) member = pd_member_new ();
  g_autoptr(GError) error = NULL;

  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, first_name);
  pd_member_set (member, PD_MEMBER_FIELD_LAST_NAME, last_name);
  g_assert_true (pd_members_insert (fixture->db, member, &error));
  g_assert_no_error (error);
  g_ptr_array_add (fixture->names, g_strdup (first_name));
  g_ptr_array_add (fixture->names, g_strdup (last_name));
  return pd_member_get_id (member);
}

static gint64
add_group (Fixture    *fixture,
           const char *name,
           const char *mode)
{
  g_autoptr(PdGroup) group = pd_group_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_free (group->name);
  group->name = g_strdup (name);
  g_free (group->room);
  group->room = g_strdup ("Garden Room");
  g_free (group->facilitator_name);
  group->facilitator_name = g_strdup ("Pat Quinn");
  g_free (group->attendance_mode);
  group->attendance_mode = g_strdup (mode);
  g_free (group->start_date);
  group->start_date = g_strdup ("2025-01-01");
  g_free (group->start_time);
  group->start_time = g_strdup ("18:00");
  group->duration_minutes = 90;
  id = pd_groups_insert (fixture->db, group, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
add_session (Fixture    *fixture,
             gint64      group_id,
             const char *starts_at)
{
  g_autoptr(GError) error = NULL;
  gint64 id = pd_sessions_add (fixture->db, group_id, starts_at, 0, &error);

  g_assert_no_error (error);
  return id;
}

static void
mark (Fixture *fixture,
      gint64   session_id,
      gint64   member_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_attendance_mark (fixture->db, session_id, member_id, &error));
  g_assert_no_error (error);
}

static gint64
count_exports (Fixture *fixture)
{
  return pd_test_query_int (fixture->db,
                            "SELECT count (*) FROM audit WHERE kind = 'export'"
                            " AND detail = 'printed sign-in sheet'");
}

static char *
sheet_text (Fixture *fixture,
            gint64   session_id,
            PdPaper  paper,
            guint   *n_pages)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdPrintDoc) doc = pd_print_sign_in_sheet (fixture->db, session_id, &error);
  g_autofree char *path = g_build_filename (fixture->dir, "sheet.pdf", NULL);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  g_assert_true (pd_print_doc_write_pdf (doc, paper, path, &error));
  g_assert_no_error (error);
  if (n_pages != NULL)
    *n_pages = pd_test_pdf_n_pages (path);
  return pd_test_pdf_text (path, 0);
}

/* A group whose last four sessions before the one printed were held by
 * Zoe Adams, Ana Ruiz and Bob Smith at least twice each, Carl Jones once;
 * Dana White never came. Returns the session to print. */
static gint64
make_named_group (Fixture    *fixture,
                  const char *mode)
{
  gint64 zoe = add_member (fixture, "Zoe", "Adams");
  gint64 ana = add_member (fixture, "Ana", "Ruiz");
  gint64 bob = add_member (fixture, "Bob", "smith");
  gint64 carl = add_member (fixture, "Carl", "Jones");
  gint64 group = add_group (fixture, "Tuesday <Circle> & Friends", mode);
  const char *days[] = { "2026-01-06T18:00", "2026-01-13T18:00", "2026-01-20T18:00",
                         "2026-01-27T18:00" };
  gint64 sessions[G_N_ELEMENTS (days)];

  add_member (fixture, "Dana", "White");
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    sessions[i] = add_session (fixture, group, days[i]);
  mark (fixture, sessions[0], zoe);
  mark (fixture, sessions[1], zoe);
  mark (fixture, sessions[2], ana);
  mark (fixture, sessions[3], ana);
  mark (fixture, sessions[0], bob);
  mark (fixture, sessions[3], bob);
  mark (fixture, sessions[2], carl);
  return add_session (fixture, group, "2026-02-03T18:00");
}

static void
test_regulars (Fixture       *fixture,
               gconstpointer  data)
{
  gint64 session = make_named_group (fixture, "named");
  guint n_pages = 0;
  g_autofree char *text = sheet_text (fixture, session, PD_PAPER_US_LETTER, &n_pages);
  const char *ana, *bob, *zoe;

  g_assert_nonnull (strstr (text, "Sign-in Sheet"));
  g_assert_nonnull (strstr (text, "Tuesday <Circle> & Friends"));
  g_assert_nonnull (strstr (text, "Tuesday, February 3, 2026"));
  g_assert_nonnull (strstr (text, "6:00 PM–7:30 PM"));
  g_assert_nonnull (strstr (text, "Garden Room"));
  g_assert_nonnull (strstr (text, "Pat Quinn"));

  /* Regulars by first name and last initial, in order. */
  ana = strstr (text, "Ana R.");
  bob = strstr (text, "Bob S.");
  zoe = strstr (text, "Zoe A.");
  g_assert_nonnull (ana);
  g_assert_nonnull (bob);
  g_assert_nonnull (zoe);
  g_assert_true (ana < bob && bob < zoe);
  /* Nobody else, and no last name in full. */
  g_assert_null (strstr (text, "Carl"));
  g_assert_null (strstr (text, "Dana"));
  for (const char *const *last = (const char *[]) { "Adams", "Ruiz", "smith", "Jones", "White",
                                                   NULL }; *last != NULL; last++)
    g_assert_null (strstr (text, *last));

  /* Numbered lines for the others, filling the one page. */
  g_assert_cmpuint (n_pages, ==, 1);
  g_assert_nonnull (strstr (text, "1."));
  g_assert_nonnull (strstr (text, "10."));
  g_assert_nonnull (strstr (text, "15."));
  g_assert_true (zoe < strstr (text, "1."));
  g_assert_nonnull (strstr (text, "Page 1 of 1"));

  g_assert_cmpint (count_exports (fixture), ==, 1);
}

static void
test_both (Fixture       *fixture,
           gconstpointer  data)
{
  gint64 session = make_named_group (fixture, "both");
  g_autofree char *text = sheet_text (fixture, session, PD_PAPER_A4, NULL);

  g_assert_nonnull (strstr (text, "Ana R."));
  g_assert_nonnull (strstr (text, "Guests and people who leave no name"));
}

static void
test_headcount_only (Fixture       *fixture,
                     gconstpointer  data)
{
  gint64 named = make_named_group (fixture, "named");
  gint64 group = add_group (fixture, "Open Meeting", "headcount");
  gint64 session = add_session (fixture, group, "2026-02-04T19:00");
  g_autofree char *text = NULL;
  g_autofree char *named_text = NULL;

  /* The members came to another group; this one still names nobody. */
  add_session (fixture, group, "2026-01-28T19:00");
  text = sheet_text (fixture, session, PD_PAPER_A4, NULL);
  g_assert_nonnull (strstr (text, "Open Meeting"));
  g_assert_nonnull (strstr (text, "Pat Quinn"));
  g_assert_nonnull (strstr (text, "People present"));
  for (guint i = 0; i < fixture->names->len; i++)
    g_assert_null (strstr (text, g_ptr_array_index (fixture->names, i)));
  g_assert_null (strstr (text, "1."));

  named_text = sheet_text (fixture, named, PD_PAPER_A4, NULL);
  g_assert_nonnull (strstr (named_text, "Ana R."));
}

/* Whether @word is in @text as a word of its own. */
static gboolean
has_word (const char *text,
          const char *word)
{
  gsize len = strlen (word);

  for (const char *at = strstr (text, word); at != NULL; at = strstr (at + 1, word))
    {
      gboolean starts = at == text || !g_unichar_isalpha (g_utf8_get_char (
                                                            g_utf8_prev_char (at)));
      gboolean ends = !g_unichar_isalpha (g_utf8_get_char (at + len));

      if (starts && ends)
        return TRUE;
    }
  return FALSE;
}

/* A member who leads a meeting that keeps no names is not named either;
 * and the sheets of the demo's anonymous meetings name none of its
 * members. */
static void
test_headcount_names_nobody (Fixture       *fixture,
                             gconstpointer  data)
{
  PdDemoOptions options = { .n_members = 300, .seed = 11, .n_years = 1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(PdGroup) led = NULL;
  gint64 leader;
  gint64 led_session;
  g_autofree char *led_text = NULL;
  gint64 n_members;
  guint n_checked = 0;

  /* The demo fills only an empty database. */
  g_assert_true (pd_demo_fill (fixture->db, &options, &error));
  g_assert_no_error (error);
  n_members = pd_test_query_int (fixture->db, "SELECT max (id) FROM members");

  leader = add_member (fixture, "Quincy", "Marlowe");
  led = pd_group_new ();
  g_free (led->name);
  led->name = g_strdup ("Led Meeting");
  g_free (led->attendance_mode);
  led->attendance_mode = g_strdup ("headcount");
  g_free (led->start_date);
  led->start_date = g_strdup ("2025-01-01");
  led->facilitator_member_id = leader;
  g_assert_cmpint (pd_groups_insert (fixture->db, led, &error), >, 0);
  g_assert_no_error (error);
  led_session = add_session (fixture, led->id, "2026-02-04T19:00");
  led_text = sheet_text (fixture, led_session, PD_PAPER_A4, NULL);
  g_assert_nonnull (strstr (led_text, "Led Meeting"));
  g_assert_null (strstr (led_text, "Quincy"));
  g_assert_null (strstr (led_text, "Marlowe"));

  groups = pd_groups_list (fixture->db, TRUE, &error);
  g_assert_no_error (error);
  for (guint g = 0; g < groups->len; g++)
    {
      PdGroup *group = g_ptr_array_index (groups, g);
      g_autoptr(GPtrArray) sessions = NULL;
      g_autofree char *text = NULL;

      if (!g_str_equal (group->attendance_mode, "headcount") || group->id == led->id)
        continue;
      sessions = pd_sessions_list_for_group (fixture->db, group->id, FALSE, 0, 1, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (sessions->len, ==, 1);
      text = sheet_text (fixture, ((PdSession *) g_ptr_array_index (sessions, 0))->id,
                         PD_PAPER_A4, NULL);
      g_assert_nonnull (strstr (text, group->name));

      for (gint64 id = 1; id <= n_members; id++)
        {
          g_autoptr(PdMember) member = pd_members_get (fixture->db, id, NULL);
          const PdMemberField fields[] = { PD_MEMBER_FIELD_FIRST_NAME, PD_MEMBER_FIELD_LAST_NAME,
                                           PD_MEMBER_FIELD_PREFERRED_NAME };

          if (member == NULL)
            continue;
          for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
            {
              const char *name = pd_member_get (member, fields[f]);

              if (*name == '\0')
                continue;
              if (has_word (text, name))
                g_error ("The sheet of “%s” names a member: %s", group->name, name);
              n_checked++;
            }
        }
    }
  g_assert_cmpuint (n_checked, >=, 600);
}

static void
test_long_roster (Fixture       *fixture,
                  gconstpointer  data)
{
  gint64 group = add_group (fixture, "Big Group", "named");
  gint64 before[2];
  gint64 session;
  guint n_pages = 0;
  g_autofree char *text = NULL;
  g_auto(GStrv) pages = NULL;

  before[0] = add_session (fixture, group, "2026-01-06T18:00");
  before[1] = add_session (fixture, group, "2026-01-13T18:00");
  session = add_session (fixture, group, "2026-01-20T18:00");
  for (guint i = 0; i < 45; i++)
    {
      g_autofree char *first = g_strdup_printf ("Person%02u", i);
      gint64 member = add_member (fixture, first, "Kim");

      mark (fixture, before[0], member);
      mark (fixture, before[1], member);
    }

  text = sheet_text (fixture, session, PD_PAPER_A4, &n_pages);
  g_assert_cmpuint (n_pages, >=, 2);
  /* The roster's header again atop its second page. */
  pages = g_strsplit (text, "\f", -1);
  g_assert_nonnull (strstr (pages[1], "Name"));
  g_assert_true (strstr (pages[1], "Name") < strstr (pages[1], "Person"));
  for (guint i = 0; i < 45; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person%02u K.", i);

      g_assert_nonnull (strstr (text, name));
    }
  /* The blank lines fill the second page, and at least ten of them. */
  g_assert_nonnull (strstr (text, "10."));
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 session = make_named_group (fixture, "named");
  g_autoptr(GError) error = NULL;
  g_autoptr(PdPrintDoc) doc = NULL;

  g_assert_true (pd_sessions_cancel (fixture->db, session, "snow", &error));
  g_assert_no_error (error);
  doc = pd_print_sign_in_sheet (fixture->db, session, &error);
  g_assert_null (doc);
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "cancelled"));
  g_assert_cmpint (count_exports (fixture), ==, 0);
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  gint64 session = make_named_group (fixture, "named");
  g_autoptr(GError) error = NULL;
  g_autoptr(PdPrintDoc) doc = NULL;
  g_autoptr(PdPrintDoc) missing = NULL;

  pd_test_sign_in_director (fixture->db, "Director", "director passphrase");
  pd_test_add_staff (fixture->db, "Desk", PD_ROLE_FRONT_DESK, "desk passphrase");
  pd_test_add_staff (fixture->db, "Facilitator", PD_ROLE_FACILITATOR, "facilitator pass");

  pd_test_sign_in (fixture->db, "Desk", "desk passphrase");
  doc = pd_print_sign_in_sheet (fixture->db, session, &error);
  g_assert_null (doc);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_PERMITTED);
  g_clear_error (&error);
  g_assert_cmpint (count_exports (fixture), ==, 0);

  pd_test_sign_in (fixture->db, "Facilitator", "facilitator pass");
  doc = pd_print_sign_in_sheet (fixture->db, session, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  g_assert_cmpint (count_exports (fixture), ==, 1);

  missing = pd_print_sign_in_sheet (fixture->db, 9999, &error);
  g_assert_null (missing);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_FOUND);
  g_assert_cmpint (count_exports (fixture), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  pd_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/print/sign-in/regulars", test_regulars);
  ADD ("/print/sign-in/both", test_both);
  ADD ("/print/sign-in/headcount-only", test_headcount_only);
  ADD ("/print/sign-in/headcount-names-nobody", test_headcount_names_nobody);
  ADD ("/print/sign-in/long-roster", test_long_roster);
  ADD ("/print/sign-in/cancelled", test_cancelled);
  ADD ("/print/sign-in/refused", test_refused);
#undef ADD

  return g_test_run ();
}
