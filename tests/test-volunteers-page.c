/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "pd-database-private.h"
#include "pd-context.h"
#include "pd-hours-editor.h"
#include "pd-members.h"
#include "pd-report.h"
#include "pd-text.h"
#include "pd-training.h"
#include "pd-visits.h"
#include "pd-volunteer-editor.h"
#include "pd-volunteer-list.h"
#include "pd-volunteers-page.h"
#include "pd-volunteers.h"
#include "pd-test-gui.h"

enum { ANA, BEN, CLEO, DEV, N_VOLUNTEERS };

typedef struct
{
  char *dir;
  PdDatabase *database;
  GSettings *settings;
  PdContext *context;
  GtkWindow *window;
  PdVolunteersPage *page;
  int width;
  gint64 member;
  gint64 volunteers[N_VOLUNTEERS];
  gint64 ethics_course;
  gint64 icrc_credential;     /* Ana's, toward the first award */
  gint64 state_credential;    /* Ben's, expiring in 30 days */
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
  return child (fixture->page, PD_TYPE_VOLUNTEERS_PAGE, name);
}

/* Saves what @window shows, when PD_TEST_SCREENSHOTS names a folder. */
static void
screenshot (Fixture    *fixture,
            GtkWindow  *window,
            const char *name)
{
  g_autofree char *file = g_strdup_printf ("volunteers-%s-%d.png", name, fixture->width);

  pd_test_save_screenshot (window, file);
}

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

/* How many days this week began before today: 0 on a Monday. */
static int
days_into_week (void)
{
  g_autofree char *today = pd_date_today ();
  GDate date;

  g_assert_true (pd_date_parse (today, &date));
  return g_date_get_weekday (&date) - G_DATE_MONDAY;
}

static gint64
role_id (PdDatabase *database,
         const char *label)
{
  g_autoptr(GPtrArray) roles = pd_roles_list (database, FALSE, NULL);

  g_assert_nonnull (roles);
  for (guint i = 0; i < roles->len; i++)
    if (g_strcmp0 (((PdVolunteerRole *) g_ptr_array_index (roles, i))->label, label) == 0)
      return ((PdVolunteerRole *) g_ptr_array_index (roles, i))->id;
  g_assert_not_reached ();
}

static gint64
add_volunteer (PdDatabase *database,
               const char *name,
               const char *status,
               const char *role,
               gint64      member_id)
{
  g_autoptr(PdVolunteer) volunteer = pd_volunteer_new ();
  g_autoptr(GError) error = NULL;
  gint64 role_id_value = role_id (database, role);
  gint64 id;

  g_free (volunteer->display_name);
  volunteer->display_name = g_strdup (name);
  g_free (volunteer->status);
  volunteer->status = g_strdup (status);
  g_free (volunteer->start_date);
  volunteer->start_date = date_from_today (-400);
  g_free (volunteer->phone);
  volunteer->phone = g_strdup ("555-0142");
  volunteer->member_id = member_id;
  g_array_append_val (volunteer->role_ids, role_id_value);
  id = pd_volunteers_insert (database, volunteer, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_course (PdDatabase *database,
            const char *title,
            guint       quarters,
            const char *domain)
{
  g_autoptr(PdCourse) course = g_new0 (PdCourse, 1);
  g_autoptr(GError) error = NULL;
  const char *domains[] = { domain, NULL };
  gint64 id;

  course->title = g_strdup (title);
  course->provider = g_strdup ("Regional Recovery Alliance");
  course->quarter_hours = quarters;
  course->delivery = g_strdup ("in_person");
  course->domains = g_strdupv ((char **) domains);
  id = pd_courses_insert (database, course, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
add_credential (PdDatabase *database,
                gint64      volunteer_id,
                const char *template,
                const char *name,
                const char *issued,
                const char *expiry)
{
  g_autoptr(PdCredential) credential = g_new0 (PdCredential, 1);
  g_autoptr(GError) error = NULL;
  gint64 id;

  credential->volunteer_id = volunteer_id;
  credential->template = g_strdup (template);
  credential->name = g_strdup (name);
  credential->issuing_body = g_strdup ("IC&RC");
  credential->number = g_strdup ("PR-1042");
  credential->issued_date = g_strdup (issued);
  credential->expiry_date = g_strdup (expiry);
  credential->renewal_cycle_months = 24;
  id = pd_credentials_insert (database, credential, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* The alerts are worked out on a thread. */
static void
wait_for_alerts (Fixture *fixture)
{
  for (guint i = 0; i < 200 && pd_volunteers_page_get_alerts_pending (fixture->page); i++)
    pd_test_iterate (10);
  g_assert_false (pd_volunteers_page_get_alerts_pending (fixture->page));
  pd_test_iterate (10);
}

/* How many volunteers the list holds (not only the rows it shows). */
static guint
count_volunteers (Fixture *fixture)
{
  GtkListView *view = GTK_LIST_VIEW (page_child (fixture, "volunteers_view"));

  g_assert_nonnull (gtk_list_view_get_model (view));
  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (view)));
}

static void
open_window (Fixture *fixture)
{
  const char *width = g_getenv ("PD_TEST_WINDOW_WIDTH");

  fixture->width = width ? atoi (width) : 1280;
  fixture->context = pd_context_new (fixture->database, fixture->settings);
  fixture->page = PD_VOLUNTEERS_PAGE (pd_volunteers_page_new (fixture->context));
  fixture->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_title (fixture->window, "Peerdesk");
  gtk_window_set_default_size (fixture->window, fixture->width, 800);
  adw_window_set_content (ADW_WINDOW (fixture->window), GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);
  pd_test_iterate (100);
  wait_for_alerts (fixture);
}

/* Four volunteers, one of each status and two active; Ana works toward
 * IC&RC Peer Recovery with 12 of its 16 ethics hours, Ben's state
 * credential expires in 30 days. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMember) member = pd_member_new ();
  g_autofree char *path = NULL;
  g_autofree char *issued = date_from_today (-700);
  g_autofree char *expires = date_from_today (30);
  g_autofree char *trained = date_from_today (-60);
  PdDatabase *db;

  fixture->dir = g_dir_make_tmp ("peerdesk-volunteers-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->database = pd_database_open (path, &error);
  g_assert_no_error (error);
  db = fixture->database;
  fixture->settings = g_settings_new (APPLICATION_ID);

  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, "Ana");
  pd_member_set (member, PD_MEMBER_FIELD_LAST_NAME, "Reyes");
  g_assert_true (pd_members_insert (db, member, &error));
  g_assert_no_error (error);
  fixture->member = pd_member_get_id (member);

  fixture->volunteers[ANA] = add_volunteer (db, "Ana Reyes", "active", "Peer recovery coach",
                                            fixture->member);
  fixture->volunteers[BEN] = add_volunteer (db, "Ben Carter", "active", "Driver", 0);
  fixture->volunteers[CLEO] = add_volunteer (db, "Cleo Martin", "on_leave", "Front desk", 0);
  fixture->volunteers[DEV] = add_volunteer (db, "Dev Patel", "former", "Outreach", 0);

  fixture->ethics_course = add_course (db, "Ethics in Peer Support", PD_QUARTERS (12), "ethics");
  add_course (db, "Recovery Coaching Basics", PD_QUARTERS (10), "recovery_wellness");
  g_assert_cmpint (pd_completions_add (db, fixture->volunteers[ANA], fixture->ethics_course,
                                       trained, PD_QUARTERS (12), "RRA-77", &error), >, 0);
  g_assert_no_error (error);

  fixture->icrc_credential = add_credential (db, fixture->volunteers[ANA], "icrc-peer-recovery",
                                             "IC&RC Peer Recovery", "", "");
  fixture->state_credential = add_credential (db, fixture->volunteers[BEN],
                                              "state-board-peer-specialist",
                                              "State board peer specialist", issued, expires);
  open_window (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  pd_test_gui_tear_down (&fixture->dir, &fixture->context, &fixture->settings,
                         &fixture->database, NULL);
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

/* The first widget under @root named @name, depth first. */
static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_widget_with_class (GtkWidget  *root,
                        const char *css_class)
{
  if (gtk_widget_has_css_class (root, css_class))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget_with_class (c, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWindow *
find_named_toplevel (const char *name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_widget_get_name (window), name) == 0 && gtk_widget_get_visible (window))
        return GTK_WINDOW (window);
    }
  return NULL;
}

/* The first widget under @root of @type whose accessible label would be
 * @title: a row titled so. */
static GtkWidget *
find_row_titled (GtkWidget  *root,
                 const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_row_titled (c, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_suggested_button (GtkWidget *root)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_has_css_class (root, "suggested-action"))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_suggested_button (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_child_visible (row))
      n++;
  return n;
}

static guint
count_hours (Fixture *fixture,
             gint64   volunteer_id)
{
  g_autoptr(GPtrArray) hours = pd_hours_list (fixture->database, volunteer_id, 0, 100, NULL);

  /* g_assert(), which does not return, as the compiler must know. */
  g_assert (hours != NULL);
  return hours->len;
}

/* The text of the totals' "Total" line in @column: 1 this week, 2 this
 * month, 3 this year. */
static const char *
total_text (Fixture *fixture,
            int      column)
{
  GtkGrid *grid = GTK_GRID (page_child (fixture, "totals_grid"));

  for (int line = 0; line < 32; line++)
    {
      GtkWidget *label = gtk_grid_get_child_at (grid, 0, line);

      if (label != NULL && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), "Total") == 0)
        return gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (grid, column, line)));
    }
  return NULL;
}

/* The totals list their activities in alphabetical order. */
static void
assert_activities_sorted (Fixture *fixture)
{
  GtkGrid *grid = GTK_GRID (page_child (fixture, "totals_grid"));
  const char *previous = NULL;

  for (int line = 1; line < 32; line++)
    {
      GtkWidget *label = gtk_grid_get_child_at (grid, 0, line);
      const char *text = label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : NULL;

      if (text == NULL || g_strcmp0 (text, "Total") == 0)
        break;
      g_assert_cmpint (g_strcmp0 (previous, text), <, 0);
      previous = text;
    }
  g_assert_nonnull (previous);
}

static PdHoursEditor *
open_hours_editor (Fixture *fixture)
{
  PdHoursEditor *editor;

  pd_volunteers_page_show_volunteer (fixture->page, fixture->volunteers[ANA]);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "volunteers.log-hours", NULL);
  editor = PD_HOURS_EDITOR (find_toplevel (PD_TYPE_HOURS_EDITOR));
  g_assert_nonnull (editor);
  return editor;
}

static void
set_cell (PdHoursEditor       *editor,
          guint                row,
          PdHoursEditorColumn  column,
          const char          *text)
{
  gtk_editable_set_text (GTK_EDITABLE (pd_hours_editor_get_cell (editor, row, column)), text);
}

static void
test_templates_build (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *editor = GTK_WIDGET (pd_volunteer_editor_new (fixture->window, fixture->context,
                                                           fixture->volunteers[ANA]));

  g_assert_true (PD_IS_VOLUNTEERS_PAGE (fixture->page));
  g_assert_true (pd_form_window_get_valid (PD_FORM_WINDOW (editor)));
  gtk_window_destroy (GTK_WINDOW (editor));
  editor = GTK_WIDGET (pd_hours_editor_new (fixture->window, fixture->context,
                                            fixture->volunteers[ANA]));
  g_assert_cmpuint (pd_hours_editor_get_n_rows (PD_HOURS_EDITOR (editor)), ==, 7);
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* A week of shifts typed into one form is written at once, and the
 * totals follow. */
static void
test_log_week (Fixture       *fixture,
               gconstpointer  data)
{
  PdHoursEditor *editor = open_hours_editor (fixture);
  const char *hours[] = { "2", "1.5", "3:30", "0.75" };
  guint activities[] = { 0, 1, 2, 0 };
  int into_week = days_into_week ();
  g_autofree char *monday = date_from_today (-into_week);
  g_autofree char *expected_week = NULL;

  /* Prefilled: this week, Monday first. */
  g_assert_cmpuint (pd_hours_editor_get_n_rows (editor), ==, 7);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pd_hours_editor_get_cell (
                     editor, 0, PD_HOURS_EDITOR_DATE))), ==, monday);
  g_assert_cmpstr (total_text (fixture, 1), ==, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (hours); i++)
    {
      g_autofree char *date = date_from_today (-MIN ((int) i, into_week));

      set_cell (editor, i, PD_HOURS_EDITOR_DATE, date);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (pd_hours_editor_get_cell (
                                    editor, i, PD_HOURS_EDITOR_ACTIVITY)), activities[i]);
      set_cell (editor, i, PD_HOURS_EDITOR_HOURS, hours[i]);
    }
  set_cell (editor, 1, PD_HOURS_EDITOR_APPROVED_BY, "Dana Whitfield");
  for (guint i = 0; i < pd_hours_editor_get_n_rows (editor); i++)
    g_assert_null (pd_hours_editor_get_row_error (editor, i));
  screenshot (fixture, GTK_WINDOW (editor), "hours-editor");

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  pd_test_iterate (100);
  g_assert_null (find_toplevel (PD_TYPE_HOURS_EDITOR));
  g_assert_cmpuint (count_hours (fixture, fixture->volunteers[ANA]), ==, 4);

  /* 2 + 1.5 + 3.5 + 0.75 */
  expected_week = g_strdup_printf ("%s h", "7.75");
  g_assert_cmpstr (total_text (fixture, 1), ==, expected_week);
  assert_activities_sorted (fixture);
  g_assert_cmpuint (count_rows (page_child (fixture, "hours_list")), ==, 4);
  screenshot (fixture, fixture->window, "hours");
}

/* A day's row is named by its weekday; the form goes back a week and
 * forward again (not past this week), and Tab stops three times a row:
 * hours, activity, approved by. */
static void
test_previous_week (Fixture       *fixture,
                    gconstpointer  data)
{
  PdHoursEditor *editor = open_hours_editor (fixture);
  int into_week = days_into_week ();
  g_autofree char *monday = date_from_today (-into_week);
  g_autofree char *last_monday = date_from_today (-into_week - 7);
  g_autofree char *last_sunday = date_from_today (-into_week - 1);
  GtkWidget *grid = gtk_widget_get_parent (pd_hours_editor_get_cell (editor, 0,
                                                                     PD_HOURS_EDITOR_HOURS));
  guint n_focusable;

  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (grid), 0, 1))),
                   ==, "Monday");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (grid), 0, 13))),
                   ==, "Sunday");
  set_cell (editor, 0, PD_HOURS_EDITOR_HOURS, "2");
  gtk_widget_activate_action (GTK_WIDGET (editor), "hours.previous-week", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pd_hours_editor_get_cell (
                     editor, 0, PD_HOURS_EDITOR_DATE))), ==, last_monday);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pd_hours_editor_get_cell (
                     editor, 6, PD_HOURS_EDITOR_DATE))), ==, last_sunday);
  /* What was typed moves with the week. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pd_hours_editor_get_cell (
                     editor, 0, PD_HOURS_EDITOR_HOURS))), ==, "2");
  screenshot (fixture, GTK_WINDOW (editor), "hours-previous-week");

  gtk_widget_activate_action (GTK_WIDGET (editor), "hours.next-week", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pd_hours_editor_get_cell (
                     editor, 0, PD_HOURS_EDITOR_DATE))), ==, monday);
  gtk_widget_activate_action (GTK_WIDGET (editor), "hours.next-week", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pd_hours_editor_get_cell (
                     editor, 0, PD_HOURS_EDITOR_DATE))), ==, monday);

  /* From Monday's hours, Tab by Tab to Tuesday's. */
  gtk_widget_grab_focus (pd_hours_editor_get_cell (editor, 0, PD_HOURS_EDITOR_HOURS));
  for (n_focusable = 1; n_focusable < 10; n_focusable++)
    {
      GtkWidget *tuesday = pd_hours_editor_get_cell (editor, 1, PD_HOURS_EDITOR_HOURS);
      GtkWidget *focus;

      gtk_widget_child_focus (GTK_WIDGET (editor), GTK_DIR_TAB_FORWARD);
      focus = gtk_root_get_focus (GTK_ROOT (editor));
      if (focus == tuesday || gtk_widget_is_ancestor (focus, tuesday))
        break;
    }
  g_assert_cmpuint (n_focusable, ==, 3);

  /* Saved last week. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "hours.previous-week", NULL);
  g_assert_true (pd_hours_editor_save (editor));
  {
    g_autoptr(GPtrArray) hours = pd_hours_list (fixture->database, fixture->volunteers[ANA], 0,
                                                10, NULL);

    g_assert_cmpuint (hours->len, ==, 1);
    g_assert_cmpstr (((PdHours *) g_ptr_array_index (hours, 0))->date, ==, last_monday);
  }
}

/* One wrong row saves nothing, and the error stands on that row. */
static void
test_bad_row (Fixture       *fixture,
              gconstpointer  data)
{
  PdHoursEditor *editor = open_hours_editor (fixture);
  g_autofree char *today = pd_date_today ();
  g_autofree char *tomorrow = date_from_today (1);
  GtkWidget *cell;
  const char *error;

  set_cell (editor, 0, PD_HOURS_EDITOR_DATE, today);
  set_cell (editor, 0, PD_HOURS_EDITOR_HOURS, "2");
  set_cell (editor, 1, PD_HOURS_EDITOR_DATE, today);
  set_cell (editor, 1, PD_HOURS_EDITOR_HOURS, "1.3");
  set_cell (editor, 2, PD_HOURS_EDITOR_DATE, tomorrow);
  set_cell (editor, 2, PD_HOURS_EDITOR_HOURS, "1");

  g_assert_false (pd_hours_editor_save (editor));
  pd_test_iterate (50);
  g_assert_nonnull (find_toplevel (PD_TYPE_HOURS_EDITOR));
  g_assert_cmpuint (count_hours (fixture, fixture->volunteers[ANA]), ==, 0);

  g_assert_null (pd_hours_editor_get_row_error (editor, 0));
  error = pd_hours_editor_get_row_error (editor, 1);
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error, "Row 2, hours: "));
  g_assert_nonnull (strstr (error, "quarter hours"));
  cell = pd_hours_editor_get_cell (editor, 1, PD_HOURS_EDITOR_HOURS);
  g_assert_true (gtk_widget_has_css_class (cell, "error"));
  g_assert_false (gtk_widget_has_css_class (pd_hours_editor_get_cell (editor, 0,
                                                                      PD_HOURS_EDITOR_HOURS),
                                            "error"));

  error = pd_hours_editor_get_row_error (editor, 2);
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error, "Row 3, date: "));
  g_assert_nonnull (strstr (error, "future"));
  g_assert_true (gtk_widget_has_css_class (pd_hours_editor_get_cell (editor, 2,
                                                                     PD_HOURS_EDITOR_DATE),
                                           "error"));
  screenshot (fixture, GTK_WINDOW (editor), "hours-editor-error");

  /* Fixed as typed: the errors go, and then both rows are saved. */
  set_cell (editor, 1, PD_HOURS_EDITOR_HOURS, "1.25");
  g_assert_null (pd_hours_editor_get_row_error (editor, 1));
  g_assert_false (gtk_widget_has_css_class (cell, "error"));
  set_cell (editor, 2, PD_HOURS_EDITOR_HOURS, "");
  g_assert_null (pd_hours_editor_get_row_error (editor, 2));
  g_assert_true (pd_hours_editor_save (editor));
  pd_test_iterate (50);
  g_assert_cmpuint (count_hours (fixture, fixture->volunteers[ANA]), ==, 2);
}

/* Ana's IC&RC credential: 12 of the 16 ethics hours, and what is missing
 * in words. */
static void
test_credential_progress (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *box = page_child (fixture, "credentials_box");
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(PdCredential) credential = NULL;
  g_autoptr(PdProgress) progress = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = pd_date_today ();
  const PdCredentialTemplate *icrc = NULL;
  GtkWidget *bar;
  GtkWidget *missing;
  GtkAdjustment *adjustment;

  pd_volunteers_page_show_volunteer (fixture->page, fixture->volunteers[ANA]);

  bar = find_named (box, "progress:ethics");
  g_assert_nonnull (bar);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_ROLE_PROGRESS_BAR);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Ethics 12 of 16 h");
  g_assert_cmpfloat_with_epsilon (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)),
                                  0.75, 0.001);
  g_assert_nonnull (find_named (box, "progress:advocacy"));

  /* The sentence is the core's, word for word. */
  templates = pd_credential_templates_load_all (pd_credential_templates_dir (), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < templates->len; i++)
    if (g_strcmp0 (((PdCredentialTemplate *) g_ptr_array_index (templates, i))->code,
                   "icrc-peer-recovery") == 0)
      icrc = g_ptr_array_index (templates, i);
  g_assert_nonnull (icrc);
  credential = pd_credentials_get (fixture->database, fixture->icrc_credential, &error);
  g_assert_no_error (error);
  progress = pd_credential_progress (fixture->database, credential, icrc, today, &error);
  g_assert_no_error (error);
  g_assert_nonnull (progress->missing);

  missing = find_named (box, "missing");
  g_assert_nonnull (missing);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (missing)), ==, progress->missing);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (missing)), "4 more ethics hours"));

  adjustment = gtk_scrolled_window_get_vadjustment (
    GTK_SCROLLED_WINDOW (gtk_stack_get_child_by_name (GTK_STACK (page_child (fixture,
                                                                              "content_stack")),
                                                      "volunteer")));
  pd_test_iterate (100);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  screenshot (fixture, fixture->window, "credentials");
}

static void
on_n_alerts_notify_cb (GObject    *object,
                       GParamSpec *pspec,
                       gpointer    user_data)
{
  guint *n = user_data;

  (*n)++;
}

/* Ben's credential expires within the 90 days of the renewal window. */
static void
test_alerts (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *alerts = page_child (fixture, "alerts_list");
  g_autofree char *expires = date_from_today (30);
  g_autofree char *label = NULL;
  GtkWidget *row;
  guint notified = 0;

  g_assert_cmpuint (pd_volunteers_page_get_n_alerts (fixture->page), ==, 1);
  g_assert_true (gtk_widget_get_visible (alerts));
  g_assert_cmpuint (count_rows (alerts), ==, 1);
  row = gtk_widget_get_first_child (alerts);
  {
    /* Dated as every list is dated, "Tue 3 Mar 2026". */
    g_autofree char *shown = pd_date_format (expires);

    label = g_strdup_printf ("Ben Carter, State board peer specialist expires on %s", shown);
    g_assert_null (strstr (label, expires));
  }
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       label);
  screenshot (fixture, fixture->window, "alerts");

  /* Opening the alert opens the volunteer. */
  g_signal_emit_by_name (alerts, "row-activated", row);
  g_assert_cmpint (pd_volunteers_page_get_volunteer_id (fixture->page), ==,
                   fixture->volunteers[BEN]);

  /* A shorter window leaves the credential out, and says so. */
  g_signal_connect (fixture->page, "notify::n-alerts", G_CALLBACK (on_n_alerts_notify_cb),
                    &notified);
  {
    g_auto(PdReportSettings) settings = { NULL };
    g_autoptr(GError) error = NULL;

    g_assert_true (pd_report_settings_load (fixture->database, &settings, &error));
    settings.renewal_window_days = 20;
    g_assert_true (pd_report_settings_save (fixture->database, &settings, &error));
    g_assert_no_error (error);
    pd_database_notify_changed (fixture->database, "report_settings");
  }
  wait_for_alerts (fixture);
  g_assert_cmpuint (pd_volunteers_page_get_n_alerts (fixture->page), ==, 0);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_false (gtk_widget_get_visible (page_child (fixture, "alerts_box")));
  g_signal_handlers_disconnect_by_data (fixture->page, &notified);
}

static void
test_search_and_filter (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *search = page_child (fixture, "search_entry");
  GtkDropDown *status = GTK_DROP_DOWN (page_child (fixture, "status_dropdown"));

  g_assert_cmpuint (count_volunteers (fixture), ==, N_VOLUNTEERS);

  gtk_editable_set_text (GTK_EDITABLE (search), "Ben");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (count_volunteers (fixture), ==, 1);
  screenshot (fixture, fixture->window, "search");

  gtk_editable_set_text (GTK_EDITABLE (search), "");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (count_volunteers (fixture), ==, N_VOLUNTEERS);

  gtk_drop_down_set_selected (status, 1);   /* Active */
  g_assert_cmpuint (count_volunteers (fixture), ==, 2);
  gtk_drop_down_set_selected (status, 2);   /* On leave */
  g_assert_cmpuint (count_volunteers (fixture), ==, 1);
  gtk_drop_down_set_selected (status, 3);   /* Former */
  g_assert_cmpuint (count_volunteers (fixture), ==, 1);

  gtk_editable_set_text (GTK_EDITABLE (search), "Ana");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (count_volunteers (fixture), ==, 0);
  g_assert_true (gtk_widget_get_visible (page_child (fixture, "empty_label")));

  gtk_drop_down_set_selected (status, 0);   /* All */
  g_assert_cmpuint (count_volunteers (fixture), ==, 1);
}

/* Ctrl+N's form checks its fields as typed and saves the roles ticked. */
static void
test_new_volunteer (Fixture       *fixture,
                    gconstpointer  data)
{
  PdVolunteerEditor *editor;
  GtkWidget *start;
  gint64 coach = role_id (fixture->database, "Peer recovery coach");
  g_autoptr(PdVolunteer) saved = NULL;

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "volunteers.new", NULL);
  editor = PD_VOLUNTEER_EDITOR (find_toplevel (PD_TYPE_VOLUNTEER_EDITOR));
  g_assert_nonnull (editor);
  g_assert_false (gtk_widget_has_css_class (child (editor, PD_TYPE_VOLUNTEER_EDITOR, "name_row"),
                                            "error"));

  gtk_editable_set_text (GTK_EDITABLE (child (editor, PD_TYPE_VOLUNTEER_EDITOR, "name_row")),
                         "Eli Brooks");
  start = child (editor, PD_TYPE_VOLUNTEER_EDITOR, "start_date_row");
  gtk_editable_set_text (GTK_EDITABLE (start), "2026-02-30");
  g_assert_true (gtk_widget_has_css_class (start, "error"));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (start)),
                            "is not a date"));
  g_assert_false (pd_form_window_get_valid (PD_FORM_WINDOW (editor)));
  gtk_editable_set_text (GTK_EDITABLE (start), "2026-02-03");
  g_assert_false (gtk_widget_has_css_class (start, "error"));

  gtk_check_button_set_active (pd_volunteer_editor_get_role_button (editor, coach), TRUE);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (pd_volunteer_editor_get_role_button (
                                         editor, coach)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Peer recovery coach");
  g_assert_true (pd_form_window_get_valid (PD_FORM_WINDOW (editor)));
  screenshot (fixture, GTK_WINDOW (editor), "volunteer-editor");

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  pd_test_iterate (100);
  g_assert_null (find_toplevel (PD_TYPE_VOLUNTEER_EDITOR));
  g_assert_cmpint (pd_volunteers_page_get_volunteer_id (fixture->page), >, 0);
  saved = pd_volunteers_get (fixture->database,
                             pd_volunteers_page_get_volunteer_id (fixture->page), NULL);
  g_assert_nonnull (saved);
  g_assert_cmpstr (saved->display_name, ==, "Eli Brooks");
  g_assert_cmpuint (saved->role_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (saved->role_ids, gint64, 0), ==, coach);
  g_assert_cmpuint (count_volunteers (fixture), ==, N_VOLUNTEERS + 1);
}

/* The small forms: a course's hours are the credited hours until typed
 * over; a template fills in the credential. */
static void
test_dialogs (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) completions = NULL;
  g_autoptr(GPtrArray) credentials = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autofree char *yesterday = date_from_today (-1);
  GtkWindow *dialog;
  GtkWidget *row;
  GtkWidget *save;

  pd_volunteers_page_show_volunteer (fixture->page, fixture->volunteers[BEN]);

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "volunteers.record-training", NULL);
  dialog = find_named_toplevel ("completion-dialog");
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row_titled (GTK_WIDGET (dialog),
                                                                         "Hours Credited"))),
                   ==, "12");
  row = find_row_titled (GTK_WIDGET (dialog), "Course");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row_titled (GTK_WIDGET (dialog),
                                                                         "Hours Credited"))),
                   ==, "10");
  gtk_editable_set_text (GTK_EDITABLE (find_row_titled (GTK_WIDGET (dialog),
                                                        "Date Completed (YYYY-MM-DD)")),
                         yesterday);
  screenshot (fixture, dialog, "record-training");
  save = find_suggested_button (GTK_WIDGET (dialog));
  g_assert_true (gtk_widget_get_sensitive (save));
  g_signal_emit_by_name (save, "clicked");
  pd_test_iterate (100);
  g_assert_null (find_named_toplevel ("completion-dialog"));
  completions = pd_completions_list (fixture->database, fixture->volunteers[BEN], NULL);
  g_assert_cmpuint (completions->len, ==, 1);
  g_assert_cmpuint (((PdCompletion *) g_ptr_array_index (completions, 0))->quarter_hours, ==,
                    PD_QUARTERS (10));
  /* The page rebuilds its lists in an idle callback, which the redraws of
   * the window the dialog uncovers can hold back for a while. */
  for (guint i = 0; i < 40 && count_rows (page_child (fixture, "training_list")) == 0; i++)
    pd_test_iterate (50);
  g_assert_cmpuint (count_rows (page_child (fixture, "training_list")), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "volunteers.add-credential", NULL);
  dialog = find_named_toplevel ("credential-dialog");
  g_assert_nonnull (dialog);
  /* The first template is chosen, and fills in its name and body. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row_titled (GTK_WIDGET (dialog),
                                                                         "Name"))),
                   !=, "");
  row = find_row_titled (GTK_WIDGET (dialog), "Expires (YYYY-MM-DD)");
  gtk_editable_set_text (GTK_EDITABLE (row), "2026-02-30");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  save = find_suggested_button (GTK_WIDGET (dialog));
  g_assert_false (gtk_widget_get_sensitive (save));
  screenshot (fixture, dialog, "add-credential");
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  g_assert_true (gtk_widget_get_sensitive (save));
  g_signal_emit_by_name (save, "clicked");
  pd_test_iterate (100);
  credentials = pd_credentials_list (fixture->database, fixture->volunteers[BEN], NULL);
  g_assert_cmpuint (credentials->len, ==, 2);

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "volunteers.add-supervision", NULL);
  dialog = find_named_toplevel ("supervision-dialog");
  g_assert_nonnull (dialog);
  save = find_suggested_button (GTK_WIDGET (dialog));
  g_assert_false (gtk_widget_get_sensitive (save));
  gtk_editable_set_text (GTK_EDITABLE (find_row_titled (GTK_WIDGET (dialog), "Supervisor")),
                         "Dana Whitfield");
  gtk_editable_set_text (GTK_EDITABLE (find_row_titled (GTK_WIDGET (dialog),
                                                        "Notes (confidential)")),
                         "Talked about boundaries with a mentee.");
  screenshot (fixture, dialog, "add-supervision");
  g_signal_emit_by_name (save, "clicked");
  pd_test_iterate (100);
  sessions = pd_supervision_list (fixture->database, fixture->volunteers[BEN], 0, 10, NULL);
  g_assert_cmpuint (sessions->len, ==, 1);
  /* The page rebuilds the list when it is idle, which a loaded machine may
   * not reach within one short iteration. */
  for (guint i = 0; i < 40 && count_rows (page_child (fixture, "supervision_list")) == 0; i++)
    pd_test_iterate (50);
  g_assert_cmpuint (count_rows (page_child (fixture, "supervision_list")), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "volunteers.new-course", NULL);
  dialog = find_named_toplevel ("course-dialog");
  g_assert_nonnull (dialog);
  screenshot (fixture, dialog, "new-course");
  gtk_window_close (dialog);
  screenshot (fixture, fixture->window, "volunteer-records");
}

static void
test_accessibility (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *widget;
  PdHoursEditor *editor;

  widget = page_child (fixture, "search_entry");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_ROLE_SEARCH_BOX);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Search volunteers by name");
  widget = page_child (fixture, "status_dropdown");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Status filter");
  widget = page_child (fixture, "volunteers_view");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_ROLE_LIST);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Volunteers");
  /* The row, which takes the focus, carries the name. */
  widget = gtk_widget_get_first_child (widget);
  g_assert_true (gtk_widget_get_focusable (widget));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Ana Reyes, Peer recovery coach · Active");
  widget = page_child (fixture, "new_button");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_ROLE_BUTTON);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "New volunteer");

  editor = open_hours_editor (fixture);
  widget = pd_hours_editor_get_cell (editor, 0, PD_HOURS_EDITOR_HOURS);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_ROLE_TEXT_BOX);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Hours, Monday");
  widget = pd_hours_editor_get_cell (editor, 6, PD_HOURS_EDITOR_DATE);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Date, Sunday");
  widget = pd_hours_editor_get_cell (editor, 0, PD_HOURS_EDITOR_ACTIVITY);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Activity, Monday");
  g_assert_cmpuint (pd_hours_editor_add_row (editor), ==, 7);
  widget = pd_hours_editor_get_cell (editor, 7, PD_HOURS_EDITOR_APPROVED_BY);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Approved by, row 8");
  gtk_window_close (GTK_WINDOW (editor));
}

/* The volunteer's menu offers their training record, with Ctrl+P, once a
 * volunteer is shown; the menu is beside Edit, so it is there narrow too. */
static void
test_print_offered (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *button = page_child (fixture, "volunteer_menu_button");
  GtkEventController *bindings = NULL;
  GListModel *controllers;
  gboolean bound = FALSE;

  pd_volunteers_page_show_volunteer (fixture->page, 0);
  pd_test_iterate (50);
  g_assert_false (gtk_widget_get_visible (button));

  pd_volunteers_page_show_volunteer (fixture->page, fixture->volunteers[ANA]);
  pd_test_iterate (50);
  g_assert_true (gtk_widget_get_visible (button));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Volunteer menu");
  g_assert_true (pd_test_menu_item_sensitive (GTK_MENU_BUTTON (button),
                                              "Print Training Record"));

  /* Ctrl+P is one of the page's key bindings. */
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture->page));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !bound; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      bindings = GTK_EVENT_CONTROLLER (controller);
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (bindings)) && !bound; j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (bindings), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (
            gtk_shortcut_get_trigger (shortcut));

          bound = GTK_IS_NAMED_ACTION (action) && g_str_equal (trigger, "<Control>p") &&
                  g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                               "volunteers.print-training");
        }
    }
  g_object_unref (controllers);
  g_assert_true (bound);
}

/* Narrow, one pane at a time. */
static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (page_child (fixture, "leaflet"));

  if (fixture->width > 700)
    {
      g_assert_false (adw_leaflet_get_folded (leaflet));
      pd_volunteers_page_show_volunteer (fixture->page, fixture->volunteers[ANA]);
      screenshot (fixture, fixture->window, "volunteer");
      return;
    }

  g_assert_true (adw_leaflet_get_folded (leaflet));
  screenshot (fixture, fixture->window, "narrow-list");
  pd_volunteers_page_show_volunteer (fixture->page, fixture->volunteers[ANA]);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == page_child (fixture, "content"));
  g_assert_true (gtk_widget_get_visible (page_child (fixture, "back_button")));
  screenshot (fixture, fixture->window, "volunteer");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "volunteers.back", NULL);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == page_child (fixture, "sidebar"));
}

/* A very large organisation: every volunteer is in the list, read a page
 * at a time; the search finds the last of them. */
static void
test_long_list (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *view = page_child (fixture, "volunteers_view");
  GtkWidget *search = page_child (fixture, "search_entry");
  g_autoptr(GError) error = NULL;
  guint n_rows = 0;

  g_assert_true (pd_database_begin (fixture->database, &error));
  for (guint i = 0; i < 250; i++)
    {
      g_autofree char *name = g_strdup_printf ("Zed %03u", i);

      add_volunteer (fixture->database, name, "active", "Front desk", 0);
    }
  g_assert_true (pd_database_commit (fixture->database, &error));
  g_assert_no_error (error);
  pd_test_iterate (50);

  g_assert_cmpuint (count_volunteers (fixture), ==, N_VOLUNTEERS + 250);
  /* Rows are made for what the window shows, not for every volunteer. */
  for (GtkWidget *row = gtk_widget_get_first_child (view); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n_rows++;
  g_assert_cmpuint (n_rows, <, N_VOLUNTEERS + 250);
  {
    GtkWidget *scrolled = gtk_widget_get_ancestor (view, GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    pd_test_iterate (100);
    screenshot (fixture, fixture->window, "long-list");
  }

  gtk_editable_set_text (GTK_EDITABLE (search), "Zed 249");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (count_volunteers (fixture), ==, 1);
}

/* Typing a name shows the matches first, above any alert, and Enter opens
 * the top one. */
static void
test_search_enter (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *search = page_child (fixture, "search_entry");
  GtkWidget *alerts = page_child (fixture, "alerts_box");
  g_autoptr(PdVolunteerSummary) top = NULL;

  g_assert_true (gtk_widget_get_visible (alerts));
  gtk_editable_set_text (GTK_EDITABLE (search), "c");
  g_signal_emit_by_name (search, "search-changed");
  pd_test_iterate (20);
  /* Ben Carter and Cleo Martin; the alerts make way. */
  g_assert_cmpuint (count_volunteers (fixture), ==, 2);
  g_assert_false (gtk_widget_get_visible (alerts));
  top = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (
                                 GTK_LIST_VIEW (page_child (fixture, "volunteers_view")))), 0);
  g_assert_cmpstr (pd_volunteer_summary_get_display_name (top), ==, "Ben Carter");
  screenshot (fixture, fixture->window, "search-first");

  g_signal_emit_by_name (search, "activate");
  g_assert_cmpint (pd_volunteers_page_get_volunteer_id (fixture->page), ==,
                   fixture->volunteers[BEN]);

  gtk_editable_set_text (GTK_EDITABLE (search), "");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_true (gtk_widget_get_visible (alerts));
}

/* An expired credential says so, in the error style, and comes first: on
 * the volunteer's page and among the alerts, before yearly trainings due
 * long ago. */
static void
test_expired (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *issued = date_from_today (-800);
  g_autofree char *yesterday = date_from_today (-1);
  g_autofree char *long_ago = date_from_today (-900);
  GtkWidget *box = page_child (fixture, "credentials_box");
  GtkWidget *alerts = page_child (fixture, "alerts_list");
  g_autoptr(GPtrArray) sub = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *status;
  GtkWidget *missing;
  GtkWidget *row;
  gint64 naloxone;

  /* A yearly training Ana did long ago: due for more than a year. */
  naloxone = add_course (fixture->database, "Naloxone", PD_QUARTERS (2), "naloxone");
  g_assert_true (pd_database_exec (fixture->database, "UPDATE courses SET required_yearly = 1"
                                   " WHERE title = 'Naloxone'", &error));
  g_assert_cmpint (pd_completions_add (fixture->database, fixture->volunteers[ANA], naloxone,
                                       long_ago, PD_QUARTERS (2), "", &error), >, 0);
  g_assert_no_error (error);
  add_credential (fixture->database, fixture->volunteers[BEN], "icrc-peer-recovery",
                  "IC&RC Peer Recovery", issued, yesterday);
  wait_for_alerts (fixture);

  /* Ben's expired and expiring credentials, Naloxone due for Ana (long
   * ago) and for Ben (never done). */
  g_assert_cmpuint (pd_volunteers_page_get_n_alerts (fixture->page), ==, 4);
  row = gtk_widget_get_first_child (alerts);
  {
    g_autofree char *shown = pd_date_format (yesterday);
    g_autofree char *label = g_strdup_printf ("Ben Carter, Expired: IC&RC Peer Recovery expired "
                                              "on %s", shown);

    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         label);
  }
  g_assert_nonnull (find_widget_with_class (row, "error"));
  g_assert_null (find_widget_with_class (gtk_widget_get_next_sibling (row), "error"));
  screenshot (fixture, fixture->window, "expired-alert");

  pd_volunteers_page_show_volunteer (fixture->page, fixture->volunteers[BEN]);
  /* The expired credential's card comes first. */
  status = find_named (gtk_widget_get_first_child (box), "status");
  g_assert_nonnull (status);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (status)), ==, "Expired");
  g_assert_true (gtk_widget_has_css_class (status, "error"));
  missing = find_named (gtk_widget_get_first_child (box), "missing");
  g_assert_nonnull (missing);
  g_assert_true (gtk_widget_has_css_class (missing, "error"));
  g_assert_false (gtk_widget_has_css_class (missing, "success"));
  g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (missing)), "All requirements met"));
  /* The other one, expiring in 30 days, says so too. */
  status = find_named (gtk_widget_get_next_sibling (gtk_widget_get_first_child (box)), "status");
  g_assert_nonnull (status);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (status)), ==, "Expiring");

  /* The page opens on the credentials, before training and hours. */
  sub = g_ptr_array_new ();
  for (GtkWidget *c = gtk_widget_get_first_child (gtk_widget_get_parent (page_child (
                                                    fixture, "credentials_group")));
       c != NULL; c = gtk_widget_get_next_sibling (c))
    g_ptr_array_add (sub, c);
  g_assert_true (g_ptr_array_index (sub, 0) == page_child (fixture, "credentials_group"));
  g_assert_true (g_ptr_array_index (sub, 1) == page_child (fixture, "training_group"));
  g_assert_true (g_ptr_array_index (sub, 2) == page_child (fixture, "hours_group"));
  screenshot (fixture, fixture->window, "expired-credential");
}

/* Alerts are worked out again when what they are made of changes, never
 * for a check-in. */
static void
test_alerts_not_on_visit (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *soon = date_from_today (10);
  g_autofree char *issued = date_from_today (-700);
  g_autoptr(GError) error = NULL;
  guint runs = pd_volunteers_page_get_n_alert_runs (fixture->page);

  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpint (pd_visits_check_in (fixture->database, fixture->member, 0, NULL, "desk",
                                           &error), >, 0);
      g_assert_no_error (error);
    }
  g_assert_cmpint (pd_visits_check_in_newcomer (fixture->database, "Sam", "", 0, 0, "desk",
                                                NULL, &error), >, 0);
  g_assert_no_error (error);
  pd_test_iterate (50);
  g_assert_cmpuint (pd_volunteers_page_get_n_alert_runs (fixture->page), ==, runs);
  g_assert_cmpuint (pd_volunteers_page_get_n_alerts (fixture->page), ==, 1);

  add_credential (fixture->database, fixture->volunteers[ANA], "state-board-peer-specialist",
                  "State board peer specialist", issued, soon);
  wait_for_alerts (fixture);
  g_assert_cmpuint (pd_volunteers_page_get_n_alert_runs (fixture->page), >, runs);
  g_assert_cmpuint (pd_volunteers_page_get_n_alerts (fixture->page), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  g_autofree char *templates = NULL;

  /* The credential templates of the source tree, not of an installed copy. */
  if (srcdir != NULL)
    templates = g_build_filename (srcdir, "..", "data", "credentials", NULL);
  else
    templates = g_strdup (PD_SOURCE_DATADIR "/credentials");
  g_setenv ("PEERDESK_TEMPLATES_DIR", templates, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/volunteers-page/templates-build", test_templates_build);
  ADD ("/volunteers-page/hours/log-week", test_log_week);
  ADD ("/volunteers-page/hours/bad-row", test_bad_row);
  ADD ("/volunteers-page/hours/previous-week", test_previous_week);
  ADD ("/volunteers-page/credentials/progress", test_credential_progress);
  ADD ("/volunteers-page/alerts", test_alerts);
  ADD ("/volunteers-page/search-and-filter", test_search_and_filter);
  ADD ("/volunteers-page/new-volunteer", test_new_volunteer);
  ADD ("/volunteers-page/dialogs", test_dialogs);
  ADD ("/volunteers-page/accessibility", test_accessibility);
  ADD ("/volunteers-page/narrow", test_narrow);
  ADD ("/volunteers-page/print-offered", test_print_offered);
  ADD ("/volunteers-page/long-list", test_long_list);
  ADD ("/volunteers-page/search/enter-opens-top", test_search_enter);
  ADD ("/volunteers-page/credentials/expired-first", test_expired);
  ADD ("/volunteers-page/alerts/not-on-visit", test_alerts_not_on_visit);

#undef ADD

  return g_test_run ();
}
