/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "pd-database-private.h"
#include "pd-attendance.h"
#include "pd-attendance-view.h"
#include "pd-visits.h"
#include "pd-context.h"
#include "pd-group-editor.h"
#include "pd-groups.h"
#include "pd-visits.h"
#include "pd-volunteers.h"
#include "pd-meetings-page.h"
#include "pd-members.h"
#include "pd-print-documents.h"
#include "pd-print-operation.h"
#include "pd-text.h"
#include "pd-test-gui.h"
#include "pd-test-pdf.h"

enum { JOSE, JOANNA, MARIA, SAM, N_MEMBERS };

typedef struct
{
  char *dir;
  PdDatabase *database;
  PdContext *context;
  GtkWindow *window;
  PdMeetingsPage *page;
  int width;
  gint64 members[N_MEMBERS];
  gint64 named_group;         /* "Tuesday Circle"-like weekly group, names */
  gint64 both_group;          /* names and a headcount */
  gint64 headcount_group;     /* a hosted mutual-aid meeting: no names */
  gint64 named_past[4];       /* the named group's last four sessions, oldest first */
  gint64 named_today;
  gint64 both_today;
  gint64 headcount_today;
} Fixture;

static GtkWidget *
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static GtkWidget *
page_child (Fixture    *fixture,
            const char *name)
{
  return child (fixture->page, PD_TYPE_MEETINGS_PAGE, name);
}

static PdAttendanceView *
view (Fixture *fixture)
{
  return pd_meetings_page_get_attendance_view (fixture->page);
}

static GtkWidget *
view_child (Fixture    *fixture,
            const char *name)
{
  return child (view (fixture), PD_TYPE_ATTENDANCE_VIEW, name);
}

/* Saves what @window shows, when PD_TEST_SCREENSHOTS names a folder. The
 * window's width goes into the name: the tests run wide and narrow. */
static void
screenshot (Fixture    *fixture,
            GtkWindow  *window,
            const char *name)
{
  g_autofree char *file = g_strdup_printf ("meetings-%s-%d.png", name, fixture->width);

  pd_test_save_screenshot (window, file);
}

/* The date @days from today, as YYYY-MM-DD. */
static char *
date_from_today (int days)
{
  g_autofree char *today = pd_date_today ();
  GDate date;

  g_assert_true (pd_date_parse (today, &date));
  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

/* The weekday bit of the day @days from today. */
static PdWeekdays
weekday_from_today (int days)
{
  g_autofree char *text = date_from_today (days);
  GDate date;

  g_assert_true (pd_date_parse (text, &date));
  return 1 << (g_date_get_weekday (&date) - G_DATE_MONDAY);
}

static gint64
add_member (PdDatabase *database,
            const char *first,
            const char *last)
{
  g_autoptr(PdMember) member = pd_member_new ();
  g_autoptr(GError) error = NULL;

  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, first);
  pd_member_set (member, PD_MEMBER_FIELD_LAST_NAME, last);
  g_assert_true (pd_members_insert (database, member, &error));
  g_assert_no_error (error);
  return pd_member_get_id (member);
}

static gint64
add_group (PdDatabase *database,
           const char *name,
           const char *kind,
           const char *mode,
           PdWeekdays  weekdays,
           const char *start_time,
           int         start_day)
{
  g_autoptr(PdGroup) group = pd_group_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_free (group->name);
  group->name = g_strdup (name);
  g_free (group->kind);
  group->kind = g_strdup (kind);
  g_free (group->attendance_mode);
  group->attendance_mode = g_strdup (mode);
  g_free (group->start_time);
  group->start_time = g_strdup (start_time);
  g_free (group->start_date);
  group->start_date = date_from_today (start_day);
  g_free (group->room);
  group->room = g_strdup ("Room 2");
  g_free (group->facilitator_name);
  group->facilitator_name = g_strdup ("Dana Whitfield");
  group->weekdays = weekdays;
  group->duration_minutes = 90;
  id = pd_groups_insert (database, group, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_session (PdDatabase *database,
             gint64      group_id,
             int         day,
             const char *time)
{
  g_autofree char *date = date_from_today (day);
  g_autofree char *starts_at = g_strdup_printf ("%sT%s", date, time);
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = pd_sessions_add (database, group_id, starts_at, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
mark (PdDatabase *database,
      gint64      session_id,
      gint64      member_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_attendance_mark (database, session_id, member_id, &error));
  g_assert_no_error (error);
}

static gboolean
present (Fixture *fixture,
         gint64   session_id,
         gint64   member_id)
{
  return pd_attendance_is_present (fixture->database, session_id, member_id);
}

static void
open_window (Fixture *fixture)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  const char *width = g_getenv ("PD_TEST_WINDOW_WIDTH");

  fixture->width = width ? atoi (width) : 1280;
  fixture->context = pd_context_new (fixture->database, settings);
  fixture->page = PD_MEETINGS_PAGE (pd_meetings_page_new (fixture->context));
  fixture->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_title (fixture->window, "Peerdesk");
  /* PD_TEST_WINDOW_WIDTH shows the narrow layout, for screenshots. */
  gtk_window_set_default_size (fixture->window, fixture->width, 800);
  adw_window_set_content (ADW_WINDOW (fixture->window), GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);
  /* Showing the page adds the schedules' sessions of the coming weeks. */
  pd_test_iterate (200);
}

/* Three groups, four members, and a history in which José and Sam are
 * regulars of the named group (2 and 3 of its last 4 sessions) and Joanna
 * is not (1 of 4). */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  PdDatabase *db;

  fixture->dir = g_dir_make_tmp ("peerdesk-meetings-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->database = pd_database_open (path, &error);
  g_assert_no_error (error);
  db = fixture->database;

  fixture->members[JOSE] = add_member (db, "José", "Müller");
  fixture->members[JOANNA] = add_member (db, "Joanna", "Smith");
  fixture->members[MARIA] = add_member (db, "Maria", "Okafor");
  fixture->members[SAM] = add_member (db, "Sam", "Lee");

  fixture->named_group = add_group (db, "Recovery Circle", "peer_support", "named",
                                    weekday_from_today (0), "18:00", -28);
  fixture->both_group = add_group (db, "Family & Friends", "family", "both",
                                   weekday_from_today (1), "12:00", 0);
  fixture->headcount_group = add_group (db, "Open SMART Meeting", "mutual_aid", "headcount",
                                        weekday_from_today (0), "20:00", 0);

  for (guint i = 0; i < G_N_ELEMENTS (fixture->named_past); i++)
    fixture->named_past[i] = add_session (db, fixture->named_group, -28 + 7 * (int) i, "18:00");
  fixture->named_today = add_session (db, fixture->named_group, 0, "18:00");
  fixture->both_today = add_session (db, fixture->both_group, 0, "12:00");
  fixture->headcount_today = add_session (db, fixture->headcount_group, 0, "20:00");

  mark (db, fixture->named_past[0], fixture->members[JOSE]);
  mark (db, fixture->named_past[3], fixture->members[JOSE]);
  mark (db, fixture->named_past[1], fixture->members[SAM]);
  mark (db, fixture->named_past[2], fixture->members[SAM]);
  mark (db, fixture->named_past[3], fixture->members[SAM]);
  mark (db, fixture->named_past[2], fixture->members[JOANNA]);

  open_window (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* Dialogs left open by a test go with their window. */
  pd_test_gui_tear_down (&fixture->dir, &fixture->context, &fixture->database, NULL);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WINDOW (window);
    }
  return NULL;
}

static guint
count_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row))
      n++;
  return n;
}

static GtkListBoxRow *
row_at (GtkWidget *list,
        guint      index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), index);

  g_assert_nonnull (row);
  return row;
}

/* The session a row of a group's page opens; the group is shown again
 * after. */
static gint64
row_id_at (Fixture   *fixture,
           GtkWidget *list,
           guint      index)
{
  gint64 group_id = pd_meetings_page_get_group_id (fixture->page);
  gint64 session_id;

  g_signal_emit_by_name (list, "row-activated", row_at (list, index));
  session_id = pd_meetings_page_get_session_id (fixture->page);
  g_assert_cmpint (session_id, >, 0);
  pd_meetings_page_show_group (fixture->page, group_id);
  return session_id;
}

/* Opens today's session of @group_id from the Today list, as a
 * facilitator would. */
static void
open_today (Fixture *fixture,
            gint64   session_id)
{
  GtkWidget *today = page_child (fixture, "today_list");

  for (guint i = 0; i < count_rows (today); i++)
    {
      GtkListBoxRow *row = row_at (today, i);

      g_signal_emit_by_name (today, "row-activated", row);
      if (pd_meetings_page_get_session_id (fixture->page) == session_id)
        return;
    }
  g_assert_not_reached ();
}

static void
search (Fixture    *fixture,
        const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (view_child (fixture, "search_entry")), text);
  /* Wait out the search delay, as a person typing would. */
  pd_test_iterate (300);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        return c;
      if ((found = find_descendant (c, type)) != NULL)
        return found;
    }
  return NULL;
}

static const char *
count_text (Fixture *fixture)
{
  return gtk_label_get_text (GTK_LABEL (view_child (fixture, "count_label")));
}

static void
test_templates_build (Fixture       *fixture,
                      gconstpointer  data)
{
  PdGroupEditor *editor = pd_group_editor_new (NULL, fixture->context, 0);
  GtkWidget *attendance = g_object_ref_sink (pd_attendance_view_new (fixture->context));
  GtkWidget *page = g_object_ref_sink (pd_meetings_page_new (fixture->context));

  g_object_ref (editor);
  g_assert_nonnull (pd_group_editor_get_weekday_button (editor, 6));
  g_assert_false (pd_form_window_get_valid (PD_FORM_WINDOW (editor)));
  gtk_window_destroy (GTK_WINDOW (editor));
  g_assert_finalize_object (editor);
  g_assert_finalize_object (attendance);
  g_assert_finalize_object (page);
}

/* Today's sessions come first, by time, each opening its attendance. */
static void
test_today (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *today = page_child (fixture, "today_list");
  GtkWidget *groups = page_child (fixture, "groups_list");

  g_assert_cmpuint (count_rows (today), ==, 3);
  g_assert_cmpuint (count_rows (groups), ==, 3);

  g_signal_emit_by_name (today, "row-activated", row_at (today, 0));
  g_assert_cmpint (pd_meetings_page_get_session_id (fixture->page), ==, fixture->both_today);
  g_signal_emit_by_name (today, "row-activated", row_at (today, 2));
  g_assert_cmpint (pd_meetings_page_get_session_id (fixture->page), ==, fixture->headcount_today);
  screenshot (fixture, fixture->window, "today");
}

static void
test_type_to_mark (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkCheckButton *match;
  GtkWidget *entry;

  open_today (fixture, fixture->named_today);
  entry = view_child (fixture, "search_entry");
  g_assert_true (gtk_widget_get_visible (view_child (fixture, "search_box")));
  g_assert_cmpstr (count_text (fixture), ==, "0 present");

  search (fixture, "okaf");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (view_child (fixture,
                                                                             "body_stack"))),
                   ==, "matches");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (view_child (fixture, "enter_hint_label"))),
                   ==, "Enter marks Maria Okafor present");
  screenshot (fixture, fixture->window, "search");
  g_signal_emit_by_name (entry, "activate");

  g_assert_true (present (fixture, fixture->named_today, fixture->members[MARIA]));
  g_assert_false (present (fixture, fixture->named_today, fixture->members[JOANNA]));
  g_assert_cmpstr (count_text (fixture), ==, "1 present");
  /* Ready for the next name, with Maria on the roster to untick. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_nonnull (pd_attendance_view_get_roster_check (view (fixture),
                                                         fixture->members[MARIA]));
  g_assert_true (gtk_check_button_get_active (
      pd_attendance_view_get_roster_check (view (fixture), fixture->members[MARIA])));

  /* Enter straight after typing, inside the search delay, marks the match
   * of what was typed, not of the text before. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "joanna");
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (present (fixture, fixture->named_today, fixture->members[JOANNA]));
  g_assert_cmpstr (count_text (fixture), ==, "2 present");
  screenshot (fixture, fixture->window, "attendance");

  /* A match is ticked with a click too, and the roster follows. */
  search (fixture, "lee");
  match = GTK_CHECK_BUTTON (find_descendant (view_child (fixture, "matches_view"),
                                             GTK_TYPE_CHECK_BUTTON));
  g_assert_nonnull (match);
  g_assert_false (gtk_check_button_get_active (match));
  gtk_check_button_set_active (match, TRUE);
  g_assert_true (present (fixture, fixture->named_today, fixture->members[SAM]));
  g_assert_true (gtk_check_button_get_active (
      pd_attendance_view_get_roster_check (view (fixture), fixture->members[SAM])));
  gtk_check_button_set_active (match, FALSE);
  g_assert_false (present (fixture, fixture->named_today, fixture->members[SAM]));
}

/* Marking during another program's import (which holds the write lock
 * for its whole length) does not freeze the window: the mark is refused at
 * once, the name stays typed, and Enter marks it once the import is over. */
static void
test_busy_mark (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "test.db", NULL);
  sqlite3 *blocker = NULL;
  GtkWidget *entry;
  gint64 start;

  open_today (fixture, fixture->named_today);
  entry = view_child (fixture, "search_entry");
  g_assert_cmpint (sqlite3_open_v2 (path, &blocker, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (blocker, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  search (fixture, "okaf");
  start = g_get_monotonic_time ();
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_assert_false (present (fixture, fixture->named_today, fixture->members[MARIA]));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "okaf");
  g_assert_cmpstr (count_text (fixture), ==, "0 present");

  g_assert_cmpint (sqlite3_exec (blocker, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (blocker), ==, SQLITE_OK);
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (present (fixture, fixture->named_today, fixture->members[MARIA]));
  g_assert_cmpstr (count_text (fixture), ==, "1 present");
}

static void
test_toggle_regular (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkCheckButton *check;

  open_today (fixture, fixture->named_today);
  check = pd_attendance_view_get_roster_check (view (fixture), fixture->members[JOSE]);
  g_assert_nonnull (check);
  g_assert_false (gtk_check_button_get_active (check));

  gtk_check_button_set_active (check, TRUE);
  g_assert_true (present (fixture, fixture->named_today, fixture->members[JOSE]));
  g_assert_cmpstr (count_text (fixture), ==, "1 present");

  gtk_check_button_set_active (check, FALSE);
  g_assert_false (present (fixture, fixture->named_today, fixture->members[JOSE]));
  g_assert_cmpstr (count_text (fixture), ==, "0 present");

  /* A click on the row, not only on the box, toggles too. */
  g_signal_emit_by_name (gtk_widget_get_ancestor (GTK_WIDGET (check), ADW_TYPE_ACTION_ROW),
                         "activate");
  g_assert_true (present (fixture, fixture->named_today, fixture->members[JOSE]));
}

static void
test_regulars_first (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GArray) roster = NULL;
  g_autoptr(GArray) regulars = NULL;

  /* Maria came today for the first time: present, but no regular. */
  mark (fixture->database, fixture->named_today, fixture->members[MARIA]);
  open_today (fixture, fixture->named_today);

  regulars = pd_attendance_regulars (fixture->database, fixture->named_today, NULL);
  g_assert_cmpuint (regulars->len, ==, 2);

  roster = pd_attendance_view_dup_roster (view (fixture));
  g_assert_cmpuint (roster->len, ==, 3);
  /* Regulars first, by name; then the others present. */
  g_assert_cmpint (g_array_index (roster, gint64, 0), ==, fixture->members[JOSE]);
  g_assert_cmpint (g_array_index (roster, gint64, 1), ==, fixture->members[SAM]);
  g_assert_cmpint (g_array_index (roster, gint64, 2), ==, fixture->members[MARIA]);
  g_assert_cmpuint (count_rows (view_child (fixture, "regulars_list")), ==, 2);
  g_assert_cmpuint (count_rows (view_child (fixture, "others_list")), ==, 1);
  g_assert_true (gtk_widget_get_visible (view_child (fixture, "regulars_group")));

  /* Joanna came once in four: not on the roster until she is marked. */
  g_assert_null (pd_attendance_view_get_roster_check (view (fixture),
                                                      fixture->members[JOANNA]));
  g_assert_true (gtk_check_button_get_active (
      pd_attendance_view_get_roster_check (view (fixture), fixture->members[MARIA])));
  g_assert_false (gtk_check_button_get_active (
      pd_attendance_view_get_roster_check (view (fixture), fixture->members[SAM])));
  screenshot (fixture, fixture->window, "roster");
}

static void
test_headcount_saves (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkSpinButton *spin;
  g_autoptr(PdSession) session = NULL;

  open_today (fixture, fixture->both_today);
  g_assert_true (gtk_widget_get_visible (view_child (fixture, "search_box")));
  g_assert_true (gtk_widget_get_visible (view_child (fixture, "headcount_group")));
  spin = GTK_SPIN_BUTTON (view_child (fixture, "headcount_spin"));

  gtk_spin_button_set_value (spin, 3);
  session = pd_sessions_get (fixture->database, fixture->both_today, NULL);
  g_assert_cmpuint (session->headcount, ==, 3);
  g_assert_cmpstr (count_text (fixture), ==, "0 present · 3 guests");

  /* Reopened, the page shows what was saved. */
  pd_meetings_page_show_group (fixture->page, fixture->both_group);
  open_today (fixture, fixture->both_today);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 3);
}

static void
test_headcount_only (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(PdSession) session = NULL;
  g_autoptr(GArray) names = NULL;

  open_today (fixture, fixture->headcount_today);

  /* No way to enter a name, not even a hidden one. */
  g_assert_false (gtk_widget_get_visible (view_child (fixture, "search_box")));
  g_assert_false (gtk_widget_is_drawable (view_child (fixture, "search_entry")));
  g_assert_false (gtk_widget_is_drawable (view_child (fixture, "first_timer_button")));
  g_assert_false (gtk_widget_get_visible (view_child (fixture, "regulars_group")));
  g_assert_false (gtk_widget_get_visible (view_child (fixture, "others_group")));
  g_assert_false (gtk_widget_get_visible (view_child (fixture, "roster_empty_label")));
  g_assert_true (gtk_widget_get_visible (view_child (fixture, "headcount_group")));
  gtk_widget_activate_action (GTK_WIDGET (view (fixture)), "attendance.first-timer", NULL);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (view_child (fixture, "headcount_spin")), 12);
  session = pd_sessions_get (fixture->database, fixture->headcount_today, NULL);
  g_assert_cmpuint (session->headcount, ==, 12);
  g_assert_cmpuint (session->n_present, ==, 0);
  names = pd_attendance_present (fixture->database, fixture->headcount_today, NULL);
  g_assert_cmpuint (names->len, ==, 0);
  g_assert_cmpstr (count_text (fixture), ==, "12 attended");
  screenshot (fixture, fixture->window, "headcount-only");
}

/* Answers @dialog as a click on one of its buttons would: the response,
 * then the dialog goes. */
static void
respond (GtkWindow  *dialog,
         const char *response)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_destroy (dialog);
  pd_test_iterate (100);
}

static GtkWidget *
dialog_entry (GtkWindow *dialog,
              guint      index)
{
  GtkWidget *extra = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
  GtkWidget *entry = GTK_IS_ENTRY (extra) ? extra : gtk_widget_get_first_child (extra);

  for (guint i = 0; i < index; i++)
    entry = gtk_widget_get_next_sibling (entry);
  g_assert_true (GTK_IS_ENTRY (entry));
  return entry;
}

static void
test_first_timer (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWindow *dialog;
  gint64 n_before = pd_members_count (fixture->database, NULL);
  g_autoptr(GArray) names = NULL;
  g_autoptr(PdMember) ana = NULL;

  open_today (fixture, fixture->named_today);
  gtk_widget_activate_action (GTK_WIDGET (view (fixture)), "attendance.first-timer", NULL);
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  gtk_editable_set_text (GTK_EDITABLE (dialog_entry (dialog, 0)), "Ana");
  gtk_editable_set_text (GTK_EDITABLE (dialog_entry (dialog, 1)), "r");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  screenshot (fixture, dialog, "first-timer");
  respond (dialog, "add");

  g_assert_cmpint (pd_members_count (fixture->database, NULL), ==, n_before + 1);
  names = pd_attendance_present (fixture->database, fixture->named_today, NULL);
  g_assert_cmpuint (names->len, ==, 1);
  ana = pd_members_get (fixture->database, g_array_index (names, gint64, 0), NULL);
  g_assert_cmpstr (pd_member_get (ana, PD_MEMBER_FIELD_FIRST_NAME), ==, "Ana");
  g_assert_cmpstr (pd_member_get (ana, PD_MEMBER_FIELD_LAST_NAME), ==, "R");
  g_assert_true (gtk_check_button_get_active (
      pd_attendance_view_get_roster_check (view (fixture), pd_member_get_id (ana))));
  g_assert_cmpstr (count_text (fixture), ==, "1 present");

  /* A name nobody has, and Enter, offers the same form with the name in it. */
  search (fixture, "Zed Q");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (view_child (fixture,
                                                                             "body_stack"))),
                   ==, "no-matches");
  g_signal_emit_by_name (view_child (fixture, "search_entry"), "activate");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog_entry (dialog, 0))), ==, "Zed");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog_entry (dialog, 1))), ==, "Q");
  respond (dialog, "cancel");
  g_assert_cmpint (pd_members_count (fixture->database, NULL), ==, n_before + 1);
}

static void
test_undo (Fixture       *fixture,
           gconstpointer  data)
{
  GtkCheckButton *check;

  open_today (fixture, fixture->named_today);

  search (fixture, "maria");
  g_signal_emit_by_name (view_child (fixture, "search_entry"), "activate");
  g_assert_true (present (fixture, fixture->named_today, fixture->members[MARIA]));
  screenshot (fixture, fixture->window, "undo-toast");

  gtk_widget_activate_action (GTK_WIDGET (view (fixture)), "attendance.undo", NULL);
  g_assert_false (present (fixture, fixture->named_today, fixture->members[MARIA]));
  g_assert_false (gtk_check_button_get_active (
      pd_attendance_view_get_roster_check (view (fixture), fixture->members[MARIA])));
  g_assert_cmpstr (count_text (fixture), ==, "0 present");

  /* Only the last change is undone, and an unmark is put back too. */
  mark (fixture->database, fixture->named_today, fixture->members[JOSE]);
  pd_attendance_view_reload (view (fixture));
  check = pd_attendance_view_get_roster_check (view (fixture), fixture->members[SAM]);
  gtk_check_button_set_active (check, TRUE);
  check = pd_attendance_view_get_roster_check (view (fixture), fixture->members[JOSE]);
  gtk_check_button_set_active (check, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (view (fixture)), "attendance.undo", NULL);
  g_assert_true (present (fixture, fixture->named_today, fixture->members[JOSE]));
  g_assert_true (gtk_check_button_get_active (check));
  g_assert_true (present (fixture, fixture->named_today, fixture->members[SAM]));

  /* Nothing left to undo. */
  gtk_widget_activate_action (GTK_WIDGET (view (fixture)), "attendance.undo", NULL);
  g_assert_true (present (fixture, fixture->named_today, fixture->members[JOSE]));
  g_assert_true (present (fixture, fixture->named_today, fixture->members[SAM]));
}

/* Ctrl+Z with the cursor in the search, where the next name is typed,
 * takes back the mark its toast shows; the search's own Ctrl+Z does not
 * swallow it. Once undone, it is not the attendance's to take. */
static void
test_undo_keys (Fixture       *fixture,
                gconstpointer  data)
{
  GtkEventController *keys = GTK_EVENT_CONTROLLER (
      gtk_widget_get_template_child (GTK_WIDGET (view (fixture)), PD_TYPE_ATTENDANCE_VIEW,
                                     "undo_keys"));
  GtkWidget *entry = view_child (fixture, "search_entry");
  gboolean handled = FALSE;

  /* Before the focused control's own keys, over the whole view. */
  g_assert_cmpint (gtk_event_controller_get_propagation_phase (keys), ==, GTK_PHASE_CAPTURE);
  g_assert_true (gtk_event_controller_get_widget (keys) == GTK_WIDGET (view (fixture)));

  open_today (fixture, fixture->named_today);
  search (fixture, "maria");
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (present (fixture, fixture->named_today, fixture->members[MARIA]));
  gtk_widget_grab_focus (entry);
  g_assert_true (gtk_widget_is_focus (entry) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)), entry));

  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_z, 0, GDK_CONTROL_MASK, &handled);
  g_assert_true (handled);
  g_assert_false (present (fixture, fixture->named_today, fixture->members[MARIA]));

  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_z, 0, GDK_CONTROL_MASK, &handled);
  g_assert_false (handled);
  g_assert_false (present (fixture, fixture->named_today, fixture->members[MARIA]));
}

/* Two members of one name differ in the matches and the roster by when
 * each last came to the group; a facilitator sees nothing more of them. */
static void
test_namesakes (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(PdSession) past = NULL;
  g_autoptr(GError) error = NULL;
  gint64 regular = add_member (fixture->database, "Ángel", "Zúñiga");
  gint64 newcomer = add_member (fixture->database, "Ángel", "Zúñiga");
  g_autofree char *day = NULL;
  g_autofree char *regular_label = NULL;
  g_autofree char *newcomer_label = NULL;
  GtkWidget *matches;
  guint found = 0;

  mark (fixture->database, fixture->named_past[3], regular);
  past = pd_sessions_get (fixture->database, fixture->named_past[3], &error);
  g_assert_no_error (error);
  day = pd_describe_day (past->starts_at, NULL);
  regular_label = g_strdup_printf ("Ángel Zúñiga, M-000005, last here %s", day);
  newcomer_label = g_strdup ("Ángel Zúñiga, M-000006, new to this group");
  g_assert_cmpint (regular, <, newcomer);

  open_today (fixture, fixture->named_today);
  search (fixture, "ángel zú");
  matches = view_child (fixture, "matches_view");
  for (GtkWidget *c = gtk_widget_get_first_child (matches); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *check = gtk_widget_get_first_child (c);
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      if (!GTK_IS_CHECK_BUTTON (check) || !gtk_widget_get_visible (c))
        continue;
      a = gtk_test_accessible_check_property (GTK_ACCESSIBLE (check),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, regular_label);
      b = gtk_test_accessible_check_property (GTK_ACCESSIBLE (check),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, newcomer_label);
      g_assert_true (a == NULL || b == NULL);
      found |= a == NULL ? 1 : 2;
    }
  g_assert_cmpuint (found, ==, 3);
  /* Enter's hint says which of them it marks. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (view_child (fixture, "enter_hint_label"))), ==,
                   "Enter marks Ángel Zúñiga (M-000005) present");
  screenshot (fixture, fixture->window, "attendance-namesakes");

  /* Marked present, each stays told apart in the roster. */
  mark (fixture->database, fixture->named_today, regular);
  mark (fixture->database, fixture->named_today, newcomer);
  pd_attendance_view_reload (view (fixture));
  gtk_test_accessible_assert_property (
      GTK_ACCESSIBLE (pd_attendance_view_get_roster_check (view (fixture), regular)),
      GTK_ACCESSIBLE_PROPERTY_LABEL, regular_label);
  gtk_test_accessible_assert_property (
      GTK_ACCESSIBLE (pd_attendance_view_get_roster_check (view (fixture), newcomer)),
      GTK_ACCESSIBLE_PROPERTY_LABEL, newcomer_label);
}

static void
test_cancel_session (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWindow *dialog;
  g_autoptr(PdSession) session = NULL;
  GtkWidget *status;

  open_today (fixture, fixture->named_today);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "meetings.cancel-session", NULL);
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  /* A cancellation needs its reason. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                           "cancel-session"));
  gtk_editable_set_text (GTK_EDITABLE (dialog_entry (dialog, 0)), "Room <flooded> & closed");
  screenshot (fixture, dialog, "cancel-dialog");
  respond (dialog, "cancel-session");

  session = pd_sessions_get (fixture->database, fixture->named_today, NULL);
  g_assert_true (session->cancelled);
  g_assert_cmpstr (session->cancel_reason, ==, "Room <flooded> & closed");

  /* The reason shows; no attendance can be taken. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (view_child (fixture,
                                                                             "body_stack"))),
                   ==, "cancelled");
  status = view_child (fixture, "cancelled_status");
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)),
                            "Room &lt;flooded&gt; &amp; closed"));
  g_assert_false (gtk_widget_get_visible (view_child (fixture, "search_box")));
  g_assert_false (gtk_widget_get_visible (view_child (fixture, "headcount_group")));
  gtk_widget_activate_action (GTK_WIDGET (view (fixture)), "attendance.first-timer", NULL);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  screenshot (fixture, fixture->window, "cancelled");
}

static void
test_notes (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(PdSession) session = NULL;
  GtkWidget *row;

  open_today (fixture, fixture->named_today);
  row = view_child (fixture, "notes_row");
  gtk_editable_set_text (GTK_EDITABLE (row), "Topic: the first ninety days");
  g_signal_emit_by_name (row, "apply");
  session = pd_sessions_get (fixture->database, fixture->named_today, NULL);
  g_assert_cmpstr (session->notes, ==, "Topic: the first ninety days");
}

static void
test_editor_creates_group (Fixture       *fixture,
                           gconstpointer  data)
{
  PdGroupEditor *editor;
  GtkWidget *time_row;
  GtkWidget *end_row;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  const PdGroup *created = NULL;
  guint weekday_index = 0;
  PdWeekdays tomorrow = weekday_from_today (1);

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "meetings.new-group", NULL);
  editor = PD_GROUP_EDITOR (find_toplevel (PD_TYPE_GROUP_EDITOR));
  g_assert_nonnull (editor);
  g_assert_false (pd_form_window_get_valid (PD_FORM_WINDOW (editor)));
  /* Nothing is wrong before anything is typed. */
  g_assert_false (gtk_widget_has_css_class (child (editor, PD_TYPE_GROUP_EDITOR, "name_row"),
                                            "error"));

  gtk_editable_set_text (GTK_EDITABLE (child (editor, PD_TYPE_GROUP_EDITOR, "name_row")),
                         "Men’s Recovery Group");
  gtk_editable_set_text (GTK_EDITABLE (child (editor, PD_TYPE_GROUP_EDITOR, "facilitator_row")),
                         "Luis Ortega");
  gtk_editable_set_text (GTK_EDITABLE (child (editor, PD_TYPE_GROUP_EDITOR, "room_row")),
                         "Garden Room");
  while (!(tomorrow & (1 << weekday_index)))
    weekday_index++;
  gtk_toggle_button_set_active (pd_group_editor_get_weekday_button (editor, weekday_index), TRUE);

  /* A weekly group needs a time, and a time it can read. */
  time_row = child (editor, PD_TYPE_GROUP_EDITOR, "start_time_row");
  gtk_editable_set_text (GTK_EDITABLE (time_row), "25:00");
  g_assert_true (gtk_widget_has_css_class (time_row, "error"));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (time_row)),
                            "is not a time"));
  g_assert_false (pd_form_window_get_valid (PD_FORM_WINDOW (editor)));
  g_assert_false (gtk_widget_get_sensitive (child (editor, PD_TYPE_FORM_WINDOW,
                                                   "save_button")));
  screenshot (fixture, GTK_WINDOW (editor), "group-editor-error");
  gtk_editable_set_text (GTK_EDITABLE (time_row), "18:30");
  g_assert_false (gtk_widget_has_css_class (time_row, "error"));

  end_row = child (editor, PD_TYPE_GROUP_EDITOR, "end_date_row");
  gtk_editable_set_text (GTK_EDITABLE (end_row), "2020-01-01");
  g_assert_true (gtk_widget_has_css_class (end_row, "error"));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (end_row)),
                            "before the start date"));
  gtk_editable_set_text (GTK_EDITABLE (end_row), "2020-02-30");
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (end_row)),
                            "is not a date"));
  gtk_editable_set_text (GTK_EDITABLE (end_row), "");

  adw_combo_row_set_selected (ADW_COMBO_ROW (child (editor, PD_TYPE_GROUP_EDITOR, "mode_row")),
                              2);
  g_assert_true (pd_form_window_get_valid (PD_FORM_WINDOW (editor)));
  screenshot (fixture, GTK_WINDOW (editor), "group-editor");

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  pd_test_iterate (100);
  g_assert_null (find_toplevel (PD_TYPE_GROUP_EDITOR));

  groups = pd_groups_list (fixture->database, FALSE, NULL);
  for (guint i = 0; i < groups->len; i++)
    if (g_strcmp0 (((PdGroup *) g_ptr_array_index (groups, i))->name,
                   "Men’s Recovery Group") == 0)
      created = g_ptr_array_index (groups, i);
  g_assert_nonnull (created);
  g_assert_cmpuint (created->weekdays, ==, tomorrow);
  g_assert_cmpstr (created->start_time, ==, "18:30");
  g_assert_cmpstr (created->attendance_mode, ==, "both");
  g_assert_cmpstr (created->facilitator_name, ==, "Luis Ortega");

  /* Saving made its sessions of the next 8 weeks, and the page shows them. */
  sessions = pd_sessions_list_for_group (fixture->database, created->id, TRUE, 0, 0, NULL);
  g_assert_cmpuint (sessions->len, ==, 8);
  g_assert_cmpint (pd_meetings_page_get_group_id (fixture->page), ==, created->id);
  g_assert_cmpuint (count_rows (page_child (fixture, "upcoming_list")), ==, 8);
  g_assert_false (gtk_widget_get_visible (page_child (fixture, "later_button")));
  g_assert_cmpuint (count_rows (page_child (fixture, "groups_list")), ==, 4);
  screenshot (fixture, fixture->window, "group");
}

static void
test_generate (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) sessions = NULL;
  GtkWidget *upcoming = page_child (fixture, "upcoming_list");
  gint64 daily;

  /* A group added behind the page's back has no sessions until they are
   * made from its schedule. */
  daily = add_group (fixture->database, "Morning Check-In", "wellness", "named", 0x7f, "09:00",
                     1);
  pd_meetings_page_show_group (fixture->page, daily);
  g_assert_cmpuint (count_rows (upcoming), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "meetings.generate", NULL);
  sessions = pd_sessions_list_for_group (fixture->database, daily, TRUE, 0, 0, NULL);
  g_assert_cmpuint (sessions->len, ==, PD_MEETINGS_GENERATE_WEEKS * 7 - 1);

  /* Shown a page at a time. */
  g_assert_cmpuint (count_rows (upcoming), ==, PD_MEETINGS_SESSIONS_PAGE);
  g_assert_true (gtk_widget_get_visible (page_child (fixture, "later_button")));
  g_signal_emit_by_name (page_child (fixture, "later_button"), "clicked");
  g_assert_cmpuint (count_rows (upcoming), ==, 2 * PD_MEETINGS_SESSIONS_PAGE);

  /* Again: nothing new, nothing doubled. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "meetings.generate", NULL);
  g_clear_pointer (&sessions, g_ptr_array_unref);
  sessions = pd_sessions_list_for_group (fixture->database, daily, TRUE, 0, 0, NULL);
  g_assert_cmpuint (sessions->len, ==, PD_MEETINGS_GENERATE_WEEKS * 7 - 1);

  /* A session opened from its group goes back to the group. */
  g_signal_emit_by_name (upcoming, "row-activated", row_at (upcoming, 0));
  g_assert_cmpint (pd_meetings_page_get_session_id (fixture->page), ==,
                   ((PdSession *) g_ptr_array_index (sessions, 0))->id);
  g_assert_true (gtk_widget_get_visible (page_child (fixture, "back_button")));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "meetings.back", NULL);
  g_assert_cmpint (pd_meetings_page_get_session_id (fixture->page), ==, 0);
  g_assert_cmpint (pd_meetings_page_get_group_id (fixture->page), ==, daily);
}

static void
test_earlier_sessions (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) past = NULL;
  GtkWidget *past_list = page_child (fixture, "past_list");
  GtkWidget *earlier = page_child (fixture, "earlier_button");

  for (int week = 5; week <= 16; week++)
    add_session (fixture->database, fixture->named_group, -7 * week, "18:00");
  past = pd_sessions_list_for_group (fixture->database, fixture->named_group, FALSE, 0, 0, NULL);
  g_assert_cmpuint (past->len, >, PD_MEETINGS_SESSIONS_PAGE);

  g_signal_emit_by_name (page_child (fixture, "groups_list"), "row-activated",
                         row_at (page_child (fixture, "groups_list"), 2));
  g_assert_cmpint (pd_meetings_page_get_group_id (fixture->page), ==, fixture->named_group);
  g_assert_cmpuint (count_rows (past_list), ==, PD_MEETINGS_SESSIONS_PAGE);
  g_assert_true (gtk_widget_get_visible (earlier));
  screenshot (fixture, fixture->window, "group-sessions");

  g_signal_emit_by_name (earlier, "clicked");
  /* The latest heads the upcoming sessions instead. */
  g_assert_cmpuint (count_rows (past_list), ==, past->len - 1);
  g_assert_false (gtk_widget_get_visible (earlier));

  /* The most recent first. */
  g_signal_emit_by_name (past_list, "row-activated", row_at (past_list, 0));
  g_assert_cmpint (pd_meetings_page_get_session_id (fixture->page), ==,
                   ((PdSession *) g_ptr_array_index (past, 1))->id);
}

/* Attendance of a meeting still to come is a likely slip (the row below
 * the one meant): it is asked about, Enter keeps nothing, and once agreed
 * to it is not asked again for that session. */
static void
test_future_asks_first (Fixture       *fixture,
                        gconstpointer  data)
{
  gint64 later = add_session (fixture->database, fixture->named_group, 2, "19:15");
  GtkWidget *entry;
  GtkWindow *dialog;

  pd_meetings_page_show_session (fixture->page, later);
  g_assert_cmpint (pd_attendance_view_get_session_id (view (fixture)), ==, later);
  entry = view_child (fixture, "search_entry");

  search (fixture, "okaf");
  g_signal_emit_by_name (entry, "activate");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_false (present (fixture, later, fixture->members[MARIA]));
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "cancel");
  screenshot (fixture, dialog, "future-asks");
  /* As a button does: the answer, then the dialog closes. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog),
                               adw_message_dialog_get_default_response (
                                 ADW_MESSAGE_DIALOG (dialog)));
  gtk_window_destroy (dialog);
  pd_test_iterate (50);
  g_assert_false (present (fixture, later, fixture->members[MARIA]));
  g_assert_cmpstr (count_text (fixture), ==, "0 present");

  /* Asked again, and agreed to. */
  g_signal_emit_by_name (entry, "activate");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "take");
  gtk_window_destroy (dialog);
  pd_test_iterate (50);
  g_assert_true (present (fixture, later, fixture->members[MARIA]));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  /* Not again for the same session. */
  search (fixture, "joanna");
  g_signal_emit_by_name (entry, "activate");
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (present (fixture, later, fixture->members[JOANNA]));

  /* Today's session is never asked about. */
  pd_meetings_page_show_session (fixture->page, fixture->named_today);
  search (fixture, "okaf");
  g_signal_emit_by_name (entry, "activate");
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (present (fixture, fixture->named_today, fixture->members[MARIA]));
}

/* A facilitator opening the group after the meeting finds it first, above
 * the next ten, not at the bottom of the page under them. */
static void
test_latest_session_first (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) past = NULL;
  g_autoptr(GPtrArray) upcoming = NULL;
  GtkWidget *list = page_child (fixture, "upcoming_list");

  for (int day = 1; day <= 14; day++)
    add_session (fixture->database, fixture->named_group, day, "19:15");
  past = pd_sessions_list_for_group (fixture->database, fixture->named_group, FALSE, 0, 0, NULL);
  upcoming = pd_sessions_list_for_group (fixture->database, fixture->named_group, TRUE, 0, 0,
                                         NULL);
  g_assert_cmpuint (past->len, >, 1);
  g_assert_cmpuint (upcoming->len, >, PD_MEETINGS_SESSIONS_PAGE);

  pd_meetings_page_show_group (fixture->page, fixture->named_group);
  g_assert_cmpuint (count_rows (list), ==, 1 + PD_MEETINGS_SESSIONS_PAGE);
  g_assert_cmpint (row_id_at (fixture, list, 0), ==,
                   ((PdSession *) g_ptr_array_index (past, 0))->id);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row_at (list, 0))),
                            "Latest"));
  for (guint i = 0; i < PD_MEETINGS_SESSIONS_PAGE; i++)
    g_assert_cmpint (row_id_at (fixture, list, i + 1), ==,
                     ((PdSession *) g_ptr_array_index (upcoming, i))->id);
  /* Not twice. */
  g_assert_cmpint (row_id_at (fixture, page_child (fixture, "past_list"), 0), ==,
                   ((PdSession *) g_ptr_array_index (past, 1))->id);
  screenshot (fixture, fixture->window, "latest-session");
}

static void
test_accessibility (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *widget;
  PdGroupEditor *editor;

  widget = page_child (fixture, "new_group_button");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_ROLE_BUTTON);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "New group");
  widget = page_child (fixture, "generate_button");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_ROLE_BUTTON);
  widget = page_child (fixture, "today_list");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_ROLE_LIST);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Today’s sessions");
  widget = page_child (fixture, "groups_list");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_ROLE_LIST);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Groups");

  open_today (fixture, fixture->both_today);
  mark (fixture->database, fixture->both_today, fixture->members[MARIA]);
  pd_attendance_view_reload (view (fixture));
  widget = view_child (fixture, "search_entry");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_ROLE_SEARCH_BOX);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Search members to mark present");
  widget = view_child (fixture, "first_timer_button");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_ROLE_BUTTON);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Add a first-timer");
  widget = view_child (fixture, "headcount_spin");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_ROLE_SPIN_BUTTON);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Guests and anonymous attendees");
  /* A check box has no text of its own: it carries the member's name, and
   * what tells them apart from another of the name. */
  widget = GTK_WIDGET (pd_attendance_view_get_roster_check (view (fixture),
                                                            fixture->members[MARIA]));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_ROLE_CHECKBOX);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Maria Okafor, M-000003, new to this group");

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "meetings.new-group", NULL);
  editor = PD_GROUP_EDITOR (find_toplevel (PD_TYPE_GROUP_EDITOR));
  g_assert_nonnull (editor);
  widget = GTK_WIDGET (pd_group_editor_get_weekday_button (editor, 0));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_ROLE_BUTTON);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Monday");
  widget = child (editor, PD_TYPE_GROUP_EDITOR, "duration_spin");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_ROLE_SPIN_BUTTON);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Duration in minutes");
  widget = child (editor, PD_TYPE_GROUP_EDITOR, "archived_switch");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_ROLE_SWITCH);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Archived");
  gtk_window_close (GTK_WINDOW (editor));
}

/* Narrow, one pane at a time: opening a meeting shows it alone, and Back
 * returns to the list. */
static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (page_child (fixture, "leaflet"));

  if (fixture->width > 700)
    {
      g_assert_false (adw_leaflet_get_folded (leaflet));
      return;
    }

  g_assert_true (adw_leaflet_get_folded (leaflet));
  screenshot (fixture, fixture->window, "narrow-list");
  open_today (fixture, fixture->named_today);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == page_child (fixture, "content"));
  g_assert_true (gtk_widget_get_visible (page_child (fixture, "back_button")));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "meetings.back", NULL);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == page_child (fixture, "sidebar"));
}

/* The facilitator's hours for a session are logged in one step, once. */
static void
test_log_facilitator_hours (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(PdVolunteer) volunteer = pd_volunteer_new ();
  g_autoptr(PdGroup) group = NULL;
  g_autoptr(GPtrArray) hours = NULL;
  g_autoptr(GError) error = NULL;
  gint64 volunteer_id;

  g_free (volunteer->display_name);
  volunteer->display_name = g_strdup ("Rae Facilitator");
  volunteer_id = pd_volunteers_insert (fixture->database, volunteer, &error);
  g_assert_no_error (error);
  group = pd_groups_get (fixture->database, fixture->named_group, &error);
  g_assert_no_error (error);
  group->facilitator_volunteer_id = volunteer_id;
  g_assert_true (pd_groups_update (fixture->database, group, &error));

  pd_meetings_page_show_session (fixture->page, fixture->named_past[3]);
  pd_test_iterate (100);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "meetings.log-hours", NULL);
  hours = pd_hours_list (fixture->database, volunteer_id, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hours->len, ==, 1);
  g_assert_cmpint (((PdHours *) g_ptr_array_index (hours, 0))->session_id, ==,
                   fixture->named_past[3]);
  g_clear_pointer (&hours, g_ptr_array_unref);

  /* A second time logs nothing more. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "meetings.log-hours", NULL);
  hours = pd_hours_list (fixture->database, volunteer_id, 0, 10, &error);
  g_assert_cmpuint (hours->len, ==, 1);
  pd_test_iterate (100);
}

/* A group's facilitator is picked among the active volunteers, and their
 * name fills the free-text facilitator when that is empty. */
static void
test_editor_facilitator_volunteer (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(PdVolunteer) volunteer = pd_volunteer_new ();
  g_autoptr(PdVolunteer) former = pd_volunteer_new ();
  g_autoptr(PdGroup) group = NULL;
  g_autoptr(GError) error = NULL;
  PdGroupEditor *editor;
  GtkWidget *row;
  GtkWidget *name_row;
  GListModel *model;
  gint64 volunteer_id;
  guint index = 0;

  g_free (volunteer->display_name);
  volunteer->display_name = g_strdup ("Rae <b>Facilitator</b>");
  volunteer_id = pd_volunteers_insert (fixture->database, volunteer, &error);
  g_assert_no_error (error);
  g_free (former->display_name);
  former->display_name = g_strdup ("Old Hand");
  g_free (former->status);
  former->status = g_strdup ("former");
  pd_volunteers_insert (fixture->database, former, &error);
  g_assert_no_error (error);

  pd_meetings_page_show_group (fixture->page, fixture->named_group);
  pd_test_iterate (100);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "meetings.edit-group", NULL);
  editor = PD_GROUP_EDITOR (find_toplevel (PD_TYPE_GROUP_EDITOR));
  g_assert_nonnull (editor);
  g_assert_cmpint (pd_group_editor_get_group_id (editor), ==, fixture->named_group);

  row = child (editor, PD_TYPE_GROUP_EDITOR, "facilitator_volunteer_row");
  gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Facilitator Volunteer");
  g_assert_false (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (row)));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);
  /* "None", then the active volunteers only. */
  model = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 1), ==,
                   "Rae <b>Facilitator</b>");
  while (index < g_list_model_get_n_items (model) &&
         g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), index),
                    "Rae <b>Facilitator</b>") != 0)
    index++;

  name_row = child (editor, PD_TYPE_GROUP_EDITOR, "facilitator_row");
  gtk_editable_set_text (GTK_EDITABLE (name_row), "");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), index);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==,
                   "Rae <b>Facilitator</b>");
  g_assert_true (pd_form_window_get_valid (PD_FORM_WINDOW (editor)));

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  pd_test_iterate (100);
  g_assert_null (find_toplevel (PD_TYPE_GROUP_EDITOR));

  group = pd_groups_get (fixture->database, fixture->named_group, &error);
  g_assert_no_error (error);
  g_assert_cmpint (group->facilitator_volunteer_id, ==, volunteer_id);
  g_assert_cmpstr (group->facilitator_name, ==, "Rae <b>Facilitator</b>");

  /* A volunteer who is no longer active stays the group's facilitator. */
  volunteer->id = volunteer_id;
  g_free (volunteer->status);
  volunteer->status = g_strdup ("on_leave");
  g_assert_true (pd_volunteers_update (fixture->database, volunteer, &error));
  editor = pd_group_editor_new (NULL, fixture->context, fixture->named_group);
  row = child (editor, PD_TYPE_GROUP_EDITOR, "facilitator_volunteer_row");
  g_clear_pointer (&group, pd_group_free);
  group = pd_group_editor_dup_group (editor);
  g_assert_cmpint (group->facilitator_volunteer_id, ==, volunteer_id);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (row))),
                    ==, 2);
  g_object_ref (editor);
  gtk_window_destroy (GTK_WINDOW (editor));
  g_assert_finalize_object (editor);
}

static const char *
row_label_text (GtkListBoxRow *row)
{
  GtkWidget *label = find_descendant (GTK_WIDGET (row), GTK_TYPE_LABEL);

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

/* Types @text in the groups' search and waits out its delay, however
 * busy the machine, until the list has @n_rows rows. */
static void
search_groups (Fixture    *fixture,
               const char *text,
               guint       n_rows)
{
  GtkWidget *groups = page_child (fixture, "groups_list");
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  gtk_editable_set_text (GTK_EDITABLE (page_child (fixture, "groups_search_entry")), text);
  pd_test_iterate (200);
  while (count_rows (groups) != n_rows && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (count_rows (groups), ==, n_rows);
}

/* Iterates until @list has @n_rows, for five seconds at most: the page
 * rebuilds its lists when the main loop is idle, later on a busy machine. */
static void
wait_for_rows (GtkWidget *list,
               guint      n_rows)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  pd_test_iterate (50);
  while (count_rows (list) != n_rows && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* A centre with hundreds of groups gets a screenful and a search, and the
 * list of groups is read again when a group changes, not for each person
 * marked present or checked in at the desk. */
static void
test_groups_bounded (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *groups = page_child (fixture, "groups_list");
  GtkWidget *today = page_child (fixture, "today_list");
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *first;

  g_assert_true (pd_database_begin (fixture->database, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 250; i++)
    {
      g_autofree char *name = g_strdup_printf ("Workshop %03u", i);

      add_group (fixture->database, name, "training", "named", 0, "10:00", 0);
    }
  g_assert_true (pd_database_commit (fixture->database, &error));
  g_assert_no_error (error);
  wait_for_rows (groups, PD_MEETINGS_MAX_GROUP_ROWS + 1);

  g_assert_cmpuint (count_rows (groups), ==, PD_MEETINGS_MAX_GROUP_ROWS + 1);
  g_assert_false (gtk_list_box_row_get_activatable (row_at (groups, PD_MEETINGS_MAX_GROUP_ROWS)));
  g_assert_nonnull (strstr (row_label_text (row_at (groups, PD_MEETINGS_MAX_GROUP_ROWS)),
                            "153 more groups"));
  gtk_test_accessible_assert_property (row_at (groups, PD_MEETINGS_MAX_GROUP_ROWS),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       row_label_text (row_at (groups,
                                                               PD_MEETINGS_MAX_GROUP_ROWS)));
  screenshot (fixture, fixture->window, "groups-bounded");

  /* Typing narrows the list in SQL; the hint goes once all fit. */
  search_groups (fixture, "shop 19", 10);
  screenshot (fixture, fixture->window, "groups-search");
  search_groups (fixture, "circle", 1);
  g_signal_emit_by_name (groups, "row-activated", row_at (groups, 0));
  g_assert_cmpint (pd_meetings_page_get_group_id (fixture->page), ==, fixture->named_group);
  search_groups (fixture, "100%", 0);
  g_assert_true (gtk_widget_get_visible (page_child (fixture, "groups_empty_label")));
  search_groups (fixture, "", PD_MEETINGS_MAX_GROUP_ROWS + 1);

  /* Someone marked present, someone checked in at the desk: today's list
   * says so, the groups are not rebuilt. */
  first = row_at (groups, 0);
  mark (fixture->database, fixture->named_today, fixture->members[MARIA]);
  g_assert_cmpint (pd_visits_check_in (fixture->database, fixture->members[SAM], 0, NULL, NULL,
                                       &error), >, 0);
  g_assert_no_error (error);
  pd_test_iterate (50);
  g_assert_true (row_at (groups, 0) == first);
  g_assert_cmpuint (count_rows (today), ==, 3);

  /* A new group is listed. */
  add_group (fixture->database, "AA Lunch", "mutual_aid", "headcount", 0, "12:00", 0);
  {
    gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    pd_test_iterate (50);
    while (row_at (groups, 0) == first && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE);
  }
  g_assert_true (row_at (groups, 0) != first);
  g_assert_cmpstr (row_label_text (row_at (groups, 0)), ==, "AA Lunch");
}

/* The label of the session menu's item @text, once the menu has shown. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label (c, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether the session menu offers @text, and it can be chosen. */
static gboolean
session_menu_item_sensitive (Fixture    *fixture,
                             const char *text)
{
  GtkMenuButton *button = GTK_MENU_BUTTON (page_child (fixture, "session_menu_button"));
  GtkPopover *popover;
  GtkWidget *label;
  gboolean sensitive;

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (button)));
  gtk_menu_button_popup (button);
  pd_test_iterate (100);
  popover = gtk_menu_button_get_popover (button);
  label = find_label (GTK_WIDGET (popover), text);
  g_assert_nonnull (label);
  sensitive = gtk_widget_is_sensitive (label);
  gtk_menu_button_popdown (button);
  pd_test_iterate (50);
  return sensitive;
}

/* An open session's menu offers its sign-in sheet, with Ctrl+P; a
 * cancelled one does not. */
static void
test_print_sign_in_offered (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 cancelled;

  open_today (fixture, fixture->named_today);
  pd_test_iterate (100);
  g_assert_true (session_menu_item_sensitive (fixture, "Print Sign-in Sheet"));

  cancelled = add_session (fixture->database, fixture->named_group, 1, "09:00");
  g_assert_true (pd_sessions_cancel (fixture->database, cancelled, "snow", &error));
  g_assert_no_error (error);
  pd_meetings_page_show_session (fixture->page, cancelled);
  pd_test_iterate (100);
  g_assert_false (session_menu_item_sensitive (fixture, "Print Sign-in Sheet"));
}

/* The app's print operation lays the sheet out as the PDF does: run to a
 * file, it holds the regulars and no one else. */
static void
test_print_operation_exports (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdPrintDoc) doc = pd_print_sign_in_sheet (fixture->database, fixture->named_today,
                                                      &error);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "printed.pdf", NULL);
  g_autofree char *text = NULL;
  GtkPrintOperationResult result;

  g_assert_no_error (error);
  operation = pd_print_operation_new (doc, NULL);
  /* Print to File offers the document's name. */
  g_assert_cmpstr (gtk_print_settings_get (gtk_print_operation_get_print_settings (operation),
                                           GTK_PRINT_SETTINGS_OUTPUT_BASENAME),
                   ==, "Sign-in Sheet - Recovery Circle");
  gtk_print_operation_set_allow_async (operation, FALSE);
  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT,
                                    fixture->window, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);

  text = pd_test_pdf_text (path, 0);
  g_assert_nonnull (strstr (text, "Sign-in Sheet: Recovery Circle"));
  g_assert_nonnull (strstr (text, "José M."));
  g_assert_nonnull (strstr (text, "Sam L."));
  g_assert_null (strstr (text, "Joanna"));
  g_assert_null (strstr (text, "Maria"));
  g_assert_nonnull (strstr (text, "Page 1 of 1"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/meetings/templates-build", test_templates_build);
  ADD ("/meetings/attendance/log-facilitator-hours", test_log_facilitator_hours);
  ADD ("/meetings/today", test_today);
  ADD ("/meetings/attendance/type-to-mark", test_type_to_mark);
  ADD ("/meetings/attendance/busy", test_busy_mark);
  ADD ("/meetings/attendance/toggle-regular", test_toggle_regular);
  ADD ("/meetings/attendance/regulars-first", test_regulars_first);
  ADD ("/meetings/attendance/headcount", test_headcount_saves);
  ADD ("/meetings/attendance/headcount-only", test_headcount_only);
  ADD ("/meetings/attendance/first-timer", test_first_timer);
  ADD ("/meetings/attendance/undo", test_undo);
  ADD ("/meetings/attendance/undo-keys", test_undo_keys);
  ADD ("/meetings/attendance/namesakes", test_namesakes);
  ADD ("/meetings/attendance/notes", test_notes);
  ADD ("/meetings/sessions/cancel", test_cancel_session);
  ADD ("/meetings/sessions/print-sign-in", test_print_sign_in_offered);
  ADD ("/meetings/sessions/print-operation", test_print_operation_exports);
  ADD ("/meetings/groups/editor-creates-group", test_editor_creates_group);
  ADD ("/meetings/groups/editor-facilitator-volunteer", test_editor_facilitator_volunteer);
  ADD ("/meetings/groups/generate", test_generate);
  ADD ("/meetings/groups/earlier-sessions", test_earlier_sessions);
  ADD ("/meetings/groups/latest-session-first", test_latest_session_first);
  ADD ("/meetings/attendance/future-asks-first", test_future_asks_first);
  ADD ("/meetings/accessibility", test_accessibility);
  ADD ("/meetings/narrow", test_narrow);
  ADD ("/meetings/groups/bounded", test_groups_bounded);

#undef ADD

  return g_test_run ();
}
