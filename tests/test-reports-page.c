/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "pd-database-private.h"
#include "pd-attendance.h"
#include "pd-context.h"
#include "pd-groups.h"
#include "pd-members.h"
#include "pd-preferences-window.h"
#include "pd-report.h"
#include "pd-report-chart.h"
#include "pd-reports-page.h"
#include "pd-text.h"
#include "pd-visits.h"
#include "pd-window.h"
#include "pd-test-gui.h"

#define ORGANISATION "Harbour Light Recovery Centre"

typedef struct
{
  char *dir;
  PdDatabase *database;
  PdContext *context;
  PdWindow *window;
  PdReportsPage *page;
  GtkCssProvider *css;
  int width;
  gint64 purposes[3];         /* drop-in, one-to-one, resource referral */
  gint64 session;             /* the meeting of March 2025 */
} Fixture;

enum { DROP_IN, ONE_TO_ONE, REFERRAL };

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
  return child (fixture->page, PD_TYPE_REPORTS_PAGE, name);
}

/* Saves what @window shows, when PD_TEST_SCREENSHOTS names a folder; the
 * width, and the style when PD_TEST_DARK is set, go into the name. */
static void
screenshot (Fixture    *fixture,
            GtkWindow  *window,
            const char *name)
{
  g_autofree char *file = g_strdup_printf ("reports-%s-%d%s.png", name, fixture->width,
                                           g_getenv ("PD_TEST_DARK") ? "-dark" : "");

  pd_test_save_screenshot (window, file);
}

static gint64
add_member (PdDatabase *database,
            const char *first,
            const char *joined,
            gboolean    consent)
{
  g_autoptr(PdMember) member = pd_member_new ();
  g_autoptr(GError) error = NULL;

  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, first);
  pd_member_set (member, PD_MEMBER_FIELD_LAST_NAME, "Tester");
  pd_member_set (member, PD_MEMBER_FIELD_JOINED_DATE, joined);
  pd_member_set (member, PD_MEMBER_FIELD_REPORT_CONSENT, consent ? "1" : "0");
  g_assert_true (pd_members_insert (database, member, &error));
  g_assert_no_error (error);
  return pd_member_get_id (member);
}

static void
visit (PdDatabase *database,
       gint64      member_id,
       gint64      purpose_id,
       const char *at)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (pd_visits_check_in (database, member_id, purpose_id, at, "Desk", &error), >,
                   0);
  g_assert_no_error (error);
}

static gint64
add_session (PdDatabase *database,
             gint64      group_id,
             const char *starts_at)
{
  g_autoptr(GError) error = NULL;
  gint64 id = pd_sessions_add (database, group_id, starts_at, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
set_organisation (PdDatabase *database,
                  const char *organisation,
                  guint       threshold)
{
  PdReportSettings settings = { (char *) organisation, (char *) "", (char *) "", threshold,
                                PD_REPORT_RENEWAL_WINDOW_DEFAULT };
  g_autoptr(GError) error = NULL;

  g_assert_true (pd_report_settings_save (database, &settings, &error));
  g_assert_no_error (error);
}

/* March 2025: 20 members visit, and one who has not agreed to be
 * counted; 12 anonymous visits; 15 one-to-one talks and 3 referrals among
 * the members' visits; a meeting with 8 members by name and 5 anonymous.
 * April 2025: 12 members drop in. */
static void
fill (Fixture *fixture)
{
  PdDatabase *db = fixture->database;
  g_autoptr(PdGroup) group = pd_group_new ();
  g_autoptr(GError) error = NULL;
  gint64 members[20];
  gint64 group_id, session;

  fixture->purposes[DROP_IN] = pd_purposes_find (db, "Drop-in", &error);
  fixture->purposes[ONE_TO_ONE] = pd_purposes_find (db, "One-to-one peer support", &error);
  fixture->purposes[REFERRAL] = pd_purposes_find (db, "Resource referral", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autofree char *name = g_strdup_printf ("Member%02u", i);

      /* Twelve joined in March 2025. */
      members[i] = add_member (db, name, i < 12 ? "2025-03-02" : "2024-06-01", TRUE);
    }

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *at = g_strdup_printf ("2025-03-%02uT10:00", i + 1);

      visit (db, members[i], fixture->purposes[DROP_IN], at);
    }
  for (guint i = 0; i < 15; i++)
    {
      g_autofree char *at = g_strdup_printf ("2025-03-%02uT14:00", i + 1);

      visit (db, members[i], fixture->purposes[ONE_TO_ONE], at);
    }
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *at = g_strdup_printf ("2025-03-%02uT15:00", i + 1);

      visit (db, members[i], fixture->purposes[REFERRAL], at);
    }
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *at = g_strdup_printf ("2025-03-%02uT16:00", i + 1);

      visit (db, 0, fixture->purposes[DROP_IN], at);
    }
  visit (db, add_member (db, "Private", "2024-01-01", FALSE), fixture->purposes[DROP_IN],
         "2025-03-04T11:00");

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *at = g_strdup_printf ("2025-04-%02uT10:00", i + 1);

      visit (db, members[i], fixture->purposes[DROP_IN], at);
    }

  g_free (group->name);
  group->name = g_strdup ("Recovery Circle");
  g_free (group->kind);
  group->kind = g_strdup ("peer_support");
  g_free (group->attendance_mode);
  group->attendance_mode = g_strdup ("both");
  g_free (group->start_date);
  group->start_date = g_strdup ("2025-01-01");
  group_id = pd_groups_insert (db, group, &error);
  g_assert_no_error (error);
  session = fixture->session = add_session (db, group_id, "2025-03-11T18:00");
  for (guint i = 0; i < 8; i++)
    {
      g_assert_true (pd_attendance_mark (db, session, members[i], &error));
      g_assert_no_error (error);
    }
  g_assert_true (pd_attendance_set_headcount (db, session, 5, &error));
  g_assert_no_error (error);

  set_organisation (db, ORGANISATION, 0 + PD_REPORT_THRESHOLD_DEFAULT);
}

/* Shows the month, quarter or year that holds @day (YYYY-MM-DD). */
static void
set_period (Fixture      *fixture,
            PdPeriodKind  kind,
            const char   *day)
{
  g_autoptr(PdPeriod) period = NULL;
  GDate first;

  g_date_clear (&first, 1);
  g_assert_true (pd_date_parse (day, &first));
  period = pd_period_new (kind, &first, NULL);
  pd_reports_page_set_period (fixture->page, period);
}

/* Until the figures are counted. */
static void
wait_idle (Fixture *fixture)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  /* A change is counted again once a burst of them is over. */
  pd_test_iterate (50);
  while (pd_reports_page_get_busy (fixture->page) && g_get_monotonic_time () < end)
    pd_test_iterate (20);
  g_assert_false (pd_reports_page_get_busy (fixture->page));
  pd_test_iterate (50);
}

static void
open_window (Fixture *fixture)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  const char *width = g_getenv ("PD_TEST_WINDOW_WIDTH");
  gboolean dark = g_getenv ("PD_TEST_DARK") != NULL;

  /* The look the application gives itself: its style sheets, light or
   * dark. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);
  fixture->css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (fixture->css, dark ? "/org/peerdesk/Peerdesk/style-dark.css"
                                                          : "/org/peerdesk/Peerdesk/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (fixture->css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  fixture->width = width ? atoi (width) : 1280;
  fixture->context = pd_context_new (fixture->database, settings);
  fixture->window = pd_window_new (NULL, fixture->context);
  /* PD_TEST_WINDOW_WIDTH and _HEIGHT show the narrow layout, or all of
   * the page at once, for screenshots. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), fixture->width,
                               g_getenv ("PD_TEST_WINDOW_HEIGHT")
                               ? atoi (g_getenv ("PD_TEST_WINDOW_HEIGHT")) : 800);
  gtk_window_present (GTK_WINDOW (fixture->window));
  fixture->page = PD_REPORTS_PAGE (pd_window_get_section (fixture->window, "reports"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-section", "s", "reports");
  pd_test_iterate (100);
  wait_idle (fixture);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("peerdesk-reports-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->database = pd_database_open (path, &error);
  g_assert_no_error (error);
  fill (fixture);
  open_window (fixture);
}

/* Closes the window and the database, as quitting the app does. */
static void
close_app (Fixture *fixture)
{
  if (fixture->database == NULL)
    return;

  /* The page's threads end with their own connections. */
  wait_idle (fixture);
  pd_test_close_windows ();
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (),
                                                 GTK_STYLE_PROVIDER (fixture->css));
  g_clear_object (&fixture->css);
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->database);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  close_app (fixture);
  pd_test_clear_dir (&fixture->dir);
}

/* The row of the figure @name, wherever it is. */
static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_figure_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "figure"))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_figure_label (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
figure_row (Fixture    *fixture,
            const char *name)
{
  GtkWidget *row = find_named (page_child (fixture, "figures_box"), name);

  if (row == NULL)
    g_error ("No figure “%s” is shown", name);
  return row;
}

/* What the figure @name shows. */
static const char *
figure (Fixture    *fixture,
        const char *name)
{
  GtkWidget *label = find_figure_label (figure_row (fixture, name));

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

static void
assert_suppressed (Fixture    *fixture,
                   const char *name)
{
  GtkWidget *label = find_figure_label (figure_row (fixture, name));

  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "Suppressed");
  g_assert_true (gtk_widget_has_css_class (label, "dim-label"));
}

static const char *
period_label (Fixture *fixture)
{
  return gtk_label_get_text (GTK_LABEL (page_child (fixture, "period_label")));
}

static PdReportChart *
chart (Fixture *fixture)
{
  return PD_REPORT_CHART (page_child (fixture, "chart"));
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

static void
show_march (Fixture *fixture)
{
  set_period (fixture, PD_PERIOD_MONTH, "2025-03-15");
  wait_idle (fixture);
}

/* Tests */

static void
test_templates_build (void)
{
  g_autoptr(GtkBuilder) builder = NULL;

  builder = gtk_builder_new_from_resource ("/org/peerdesk/Peerdesk/gtk/help-overlay.ui");
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
}

/* The last complete month comes first: a month's report is made once it
 * is over. */
static void
test_default_period (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *today = pd_date_today ();
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  const PdPeriod *period = pd_reports_page_get_period (fixture->page);
  GDate expected;

  g_assert_true (pd_date_parse (today, &expected));
  g_date_set_day (&expected, 1);
  g_date_subtract_months (&expected, 1);

  g_assert_nonnull (period);
  g_assert_cmpint (period->kind, ==, PD_PERIOD_MONTH);
  start = pd_date_to_iso (&period->first);
  end = pd_date_to_iso (&period->last);
  g_assert_cmpint (atoi (start), ==, g_date_get_year (&expected));
  g_assert_cmpint (atoi (start + 5), ==, g_date_get_month (&expected));
  g_assert_cmpstr (start + 8, ==, "01");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (page_child (fixture,
                                                                           "month_button"))));
  /* Nothing happened then: the figures say so rather than stay blank. */
  g_assert_cmpstr (figure (fixture, "visits-total"), ==, "0");
  g_assert_cmpuint (pd_report_chart_get_n_months (chart (fixture)), ==, 1);
  /* This month so far comes next; the month after is yet to come. */
  g_assert_true (gtk_widget_is_sensitive (page_child (fixture, "next_button")));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "reports.next", NULL);
  g_assert_false (gtk_widget_is_sensitive (page_child (fixture, "next_button")));
  g_assert_true (gtk_widget_is_sensitive (page_child (fixture, "previous_button")));
}

static void
test_figures (Fixture       *fixture,
              gconstpointer  data)
{
  show_march (fixture);
  g_assert_cmpstr (period_label (fixture), ==, "March 2025");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (page_child (fixture,
                                                                        "content_stack"))),
                   ==, "figures");

  g_assert_cmpstr (figure (fixture, "served"), ==, "20");
  g_assert_cmpstr (figure (fixture, "new-members"), ==, "12");
  /* One member, who did not consent: a count from 1 to 10. */
  assert_suppressed (fixture, "left-out");

  g_assert_cmpstr (figure (fixture, "visits-total"), ==, "50");
  g_assert_cmpstr (figure (fixture, "by-visitor:member"), ==, "38");
  g_assert_cmpstr (figure (fixture, "by-visitor:anonymous"), ==, "12");
  g_assert_cmpstr (figure (fixture, "by-purpose:Drop-in"), ==, "32");
  /* 3 referrals are hidden, and so the smallest count shown beside
   * them, lest the total give them away. */
  assert_suppressed (fixture, "by-purpose:Resource referral");
  assert_suppressed (fixture, "by-purpose:One-to-one peer support");
  g_assert_cmpstr (figure (fixture, "by-purpose:Naloxone kit"), ==, "0");

  g_assert_cmpstr (figure (fixture, "sessions"), ==, "1");
  g_assert_cmpstr (figure (fixture, "sessions:peer_support"), ==, "1");
  g_assert_cmpstr (figure (fixture, "attendance-total"), ==, "13");
  /* 8 named and 5 anonymous: both small, and the total would give one
   * from the other. */
  assert_suppressed (fixture, "attendance:named");
  assert_suppressed (fixture, "attendance:anonymous_headcount");
  assert_suppressed (fixture, "unique-attendees");
  g_assert_cmpstr (figure (fixture, "mean-per-session"), ==, "13.0");
  g_assert_cmpstr (figure (fixture, "age-band:unknown"), ==, "20");

  /* The note at the top gives the threshold. */
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (page_child (fixture, "legend_label"))),
                            "Counts from 1 to 10 are hidden"));
  /* A suppressed figure says so to a screen reader too. */
  gtk_test_accessible_assert_property (
      GTK_ACCESSIBLE (figure_row (fixture, "by-purpose:Resource referral")),
      GTK_ACCESSIBLE_PROPERTY_LABEL, "Resource referral: suppressed to protect privacy");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (figure_row (fixture, "served")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Participants served: 20");
  /* The organisation's name is set: no warning. */
  g_assert_false (gtk_widget_get_visible (page_child (fixture, "organisation_list")));
  screenshot (fixture, GTK_WINDOW (fixture->window), "march");
}

static void
test_change_period (Fixture       *fixture,
                    gconstpointer  data)
{
  show_march (fixture);
  g_assert_cmpstr (figure (fixture, "served"), ==, "20");

  /* The next month, with the button. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "reports.next", NULL);
  g_assert_cmpstr (period_label (fixture), ==, "April 2025");
  wait_idle (fixture);
  g_assert_cmpstr (figure (fixture, "served"), ==, "12");
  g_assert_cmpstr (figure (fixture, "visits-total"), ==, "12");
  g_assert_cmpstr (figure (fixture, "by-purpose:Drop-in"), ==, "12");
  g_assert_cmpstr (figure (fixture, "sessions"), ==, "0");

  /* The quarter that holds it. */
  g_signal_emit_by_name (page_child (fixture, "quarter_button"), "clicked");
  g_assert_cmpstr (period_label (fixture), ==, "April to June 2025");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "reports.previous", NULL);
  g_assert_cmpstr (period_label (fixture), ==, "January to March 2025");
  wait_idle (fixture);
  g_assert_cmpstr (figure (fixture, "served"), ==, "20");
  g_assert_cmpuint (pd_report_chart_get_n_months (chart (fixture)), ==, 3);

  g_signal_emit_by_name (page_child (fixture, "year_button"), "clicked");
  g_assert_cmpstr (period_label (fixture), ==, "2025");
  wait_idle (fixture);
  g_assert_cmpstr (figure (fixture, "served"), ==, "20");
  g_assert_cmpstr (figure (fixture, "visits-total"), ==, "62");
  g_assert_cmpuint (pd_report_chart_get_n_months (chart (fixture)), ==, 12);
  screenshot (fixture, GTK_WINDOW (fixture->window), "year");
}

/* A burst of changes to the period: only the last one's figures show. */
static void
test_stale_results (Fixture       *fixture,
                    gconstpointer  data)
{
  show_march (fixture);
  set_period (fixture, PD_PERIOD_YEAR, "2025-01-01");
  set_period (fixture, PD_PERIOD_MONTH, "2025-01-01");
  set_period (fixture, PD_PERIOD_MONTH, "2025-04-01");
  wait_idle (fixture);
  g_assert_cmpstr (period_label (fixture), ==, "April 2025");
  g_assert_cmpstr (figure (fixture, "served"), ==, "12");
  g_assert_cmpuint (pd_report_chart_get_n_months (chart (fixture)), ==, 1);
}

static void
test_custom_period (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *from = page_child (fixture, "from_row");
  GtkWidget *to = page_child (fixture, "to_row");

  show_march (fixture);
  g_signal_emit_by_name (page_child (fixture, "custom_button"), "clicked");
  g_assert_true (gtk_widget_get_visible (page_child (fixture, "custom_list")));
  g_assert_false (gtk_widget_get_visible (page_child (fixture, "previous_button")));
  /* It starts from the period shown. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (from)), ==, "2025-03-01");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (to)), ==, "2025-03-31");
  g_assert_cmpstr (period_label (fixture), ==, "1 March to 31 March 2025");

  gtk_editable_set_text (GTK_EDITABLE (from), "2025-03-03");
  gtk_editable_set_text (GTK_EDITABLE (to), "2025-04-17");
  g_assert_cmpstr (period_label (fixture), ==, "3 March to 17 April 2025");
  wait_idle (fixture);
  g_assert_cmpuint (pd_report_chart_get_n_months (chart (fixture)), ==, 2);
  /* The anonymous visits of 1 and 2 March are outside: 10 are left, a
   * small count. */
  assert_suppressed (fixture, "by-visitor:anonymous");
  /* ...and the members' visits with them, or the total would tell. */
  assert_suppressed (fixture, "by-visitor:member");
  g_assert_cmpstr (figure (fixture, "visits-total"), ==, "54");

  /* Half typed, a date is not wrong yet. */
  gtk_editable_set_text (GTK_EDITABLE (from), "2025-02-3");
  g_assert_false (gtk_widget_has_css_class (from, "error"));
  /* Typed in full, it is. */
  gtk_editable_set_text (GTK_EDITABLE (from), "2025-02-30");
  g_assert_true (gtk_widget_has_css_class (from, "error"));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (from)),
                            "there is no such day"));
  g_assert_cmpstr (period_label (fixture), ==, "Choose the first and last day");
  g_assert_false (gtk_widget_is_sensitive (page_child (fixture, "export_button")));
  /* Nor can figures of no period be printed. */
  g_assert_false (pd_test_menu_item_sensitive (GTK_MENU_BUTTON (page_child (fixture,
                                                                            "primary_menu_button")),
                                               "Print"));
  screenshot (fixture, GTK_WINDOW (fixture->window), "custom-error");

  /* Written another way, it is wrong once Enter says it is finished. */
  gtk_editable_set_text (GTK_EDITABLE (from), "3/3/2025");
  g_assert_false (gtk_widget_has_css_class (from, "error"));
  g_signal_emit_by_name (from, "entry-activated");
  g_assert_true (gtk_widget_has_css_class (from, "error"));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (from)),
                            "type it as YYYY-MM-DD"));

  /* A last day before the first. */
  gtk_editable_set_text (GTK_EDITABLE (from), "2025-05-01");
  g_assert_false (gtk_widget_has_css_class (from, "error"));
  g_assert_true (gtk_widget_has_css_class (to, "error"));

  gtk_editable_set_text (GTK_EDITABLE (from), "2024-12-20");
  g_assert_false (gtk_widget_has_css_class (to, "error"));
  g_assert_cmpstr (period_label (fixture), ==, "20 December 2024 to 17 April 2025");
  g_assert_true (gtk_widget_is_sensitive (page_child (fixture, "export_button")));
  g_assert_true (pd_test_menu_item_sensitive (GTK_MENU_BUTTON (page_child (fixture,
                                                                           "primary_menu_button")),
                                              "Print"));
  wait_idle (fixture);
  g_assert_cmpuint (pd_report_chart_get_n_months (chart (fixture)), ==, 5);
  screenshot (fixture, GTK_WINDOW (fixture->window), "custom");
}

/* A check-in while the section is shown is counted. The rows stay, with
 * their new values, and the breakdowns stay open as they were. */
static void
test_database_changes (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *total;
  GtkWidget *unique;
  GtkWidget *gender;

  show_march (fixture);
  total = figure_row (fixture, "visits-total");
  unique = figure_row (fixture, "unique-attendees");
  gender = figure_row (fixture, "gender");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (gender), TRUE);
  g_assert_cmpstr (figure (fixture, "by-visitor:anonymous"), ==, "12");
  assert_suppressed (fixture, "unique-attendees");

  visit (fixture->database, 0, fixture->purposes[DROP_IN], "2025-03-20T09:00");
  wait_idle (fixture);
  g_assert_cmpstr (figure (fixture, "by-visitor:anonymous"), ==, "13");
  g_assert_cmpstr (figure (fixture, "visits-total"), ==, "51");
  g_assert_true (figure_row (fixture, "visits-total") == total);

  /* Three more at the meeting: 11 attendees, no longer a small count. */
  for (guint i = 8; i < 11; i++)
    {
      g_autofree char *name = g_strdup_printf ("Member%02u", i);
      gint64 member = pd_database_find_text (fixture->database,
                                             "SELECT id, first_name FROM members", name, &error);

      g_assert_no_error (error);
      g_assert_true (pd_attendance_mark (fixture->database, fixture->session, member, &error));
      g_assert_no_error (error);
    }
  wait_idle (fixture);
  g_assert_true (figure_row (fixture, "unique-attendees") == unique);
  g_assert_cmpstr (figure (fixture, "unique-attendees"), ==, "11");
  g_assert_false (gtk_widget_has_css_class (find_figure_label (unique), "dim-label"));
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (figure_row (fixture,
                                                                           "gender"))));

  /* A new purpose makes new rows; what was open stays open. */
  g_assert_cmpint (pd_purposes_add (fixture->database, "Laundry", &error), >, 0);
  g_assert_no_error (error);
  wait_idle (fixture);
  g_assert_cmpstr (figure (fixture, "by-purpose:Laundry"), ==, "0");
  g_assert_true (figure_row (fixture, "gender") != gender);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (figure_row (fixture,
                                                                           "gender"))));
}

/* A hidden section counts nothing; shown again, it counts afresh. */
static void
test_hidden (Fixture       *fixture,
             gconstpointer  data)
{
  show_march (fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-section", "s", "checkin");
  set_period (fixture, PD_PERIOD_MONTH, "2025-04-01");
  visit (fixture->database, 0, fixture->purposes[DROP_IN], "2025-04-20T09:00");
  g_assert_false (pd_reports_page_get_busy (fixture->page));
  pd_test_iterate (400);
  g_assert_false (pd_reports_page_get_busy (fixture->page));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-section", "s", "reports");
  g_assert_true (pd_reports_page_get_busy (fixture->page));
  wait_idle (fixture);
  g_assert_cmpstr (period_label (fixture), ==, "April 2025");
  g_assert_cmpstr (figure (fixture, "visits-total"), ==, "13");
}

static void
test_chart (Fixture       *fixture,
            gconstpointer  data)
{
  PdReportChart *widget = chart (fixture);
  g_autoptr(GArray) months = g_array_new (FALSE, TRUE, sizeof (PdReportMonth));
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  GtkWidget *lone;

  show_march (fixture);
  g_assert_cmpuint (pd_report_chart_get_n_months (widget), ==, 1);
  g_assert_cmpuint (pd_report_chart_get_label_every (widget), ==, 1);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Front-desk visits and meeting attendance by month");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "March 2025: 50 visits, 13 attendances at meetings.");

  /* Five years in a narrow chart: the months are named only now and then. */
  for (int i = 0; i < 60; i++)
    {
      PdReportMonth month = { 2021 + i / 12, i % 12 + 1, 100 + i, 300 - i };

      g_array_append_val (months, month);
    }
  window = gtk_window_new ();
  lone = pd_report_chart_new ();
  gtk_window_set_child (GTK_WINDOW (window), lone);
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 260);
  pd_report_chart_set_months (PD_REPORT_CHART (lone), months);
  gtk_window_present (GTK_WINDOW (window));
  pd_test_iterate (200);
  g_assert_cmpuint (pd_report_chart_get_n_months (PD_REPORT_CHART (lone)), ==, 60);
  g_assert_cmpuint (pd_report_chart_get_label_every (PD_REPORT_CHART (lone)), >=, 3);
  /* Too many months to read out one by one. The counts are grouped as the
   * locale says: gtk_test_init() asks for en_US.UTF-8, which a machine may
   * lack, so the expected text is grouped the same way. */
  {
    g_autofree char *visits = pd_text_format_count (7770);
    g_autofree char *attendance = pd_text_format_count (16230);
    g_autofree char *expected =
      g_strdup_printf ("From January 2021 to December 2025, %s visits and %s attendances at "
                       "meetings in all. The most visits, 159, were in December 2025.",
                       visits, attendance);

    g_assert_true (g_str_equal (visits, "7,770") || g_str_equal (visits, "7770"));
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (lone),
                                         GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
  }
  screenshot (fixture, GTK_WINDOW (window), "chart-five-years");

  /* Wide, each month gets its name. */
  g_array_set_size (months, 6);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 260);
  pd_report_chart_set_months (PD_REPORT_CHART (lone), months);
  pd_test_iterate (200);
  g_assert_cmpuint (pd_report_chart_get_label_every (PD_REPORT_CHART (lone)), ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "march.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *toasts = NULL;

  show_march (fixture);
  pd_reports_page_export_to_file (fixture->page, file);
  g_assert_true (pd_reports_page_get_busy (fixture->page));
  wait_idle (fixture);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (pd_report_validate_file (path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_nonnull (strstr (contents, "<organisation>" ORGANISATION "</organisation>"));
  g_assert_nonnull (strstr (contents, "<period-start>2025-03-01</period-start>"));
  g_assert_nonnull (strstr (contents, "<period-end>2025-03-31</period-end>"));
  /* Nothing in it names a member. */
  g_assert_null (strstr (contents, "Member0"));
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  toasts = pd_test_dup_toast_text (page_child (fixture, "toast_overlay"));
  g_assert_nonnull (strstr (toasts, "march.xml"));
  screenshot (fixture, GTK_WINDOW (fixture->window), "export-toast");
}

static char *run_cli (Fixture     *fixture,
                      const char **args);

/* The report without the line that says when it was made. */
static char *
dup_report_but_time (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], "<generated-at>") == NULL)
      g_string_append_printf (out, "%s\n", lines[i]);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The renewal window is the database's, as the other report settings are:
 * once it changes, the app and peerdesk-cli still make the same report,
 * and --within changes it for one run only. */
static void
test_renewal_window (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *app_path = g_build_filename (fixture->dir, "app.xml", NULL);
  g_autofree char *cli_path = g_build_filename (fixture->dir, "cli.xml", NULL);
  g_autofree char *within_path = g_build_filename (fixture->dir, "within.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (app_path);
  const char *set_window[] = { "settings", "--renewal-window", "45", NULL };
  const char *report[] = { "report", "--from", "2025-03-01", "--to", "2025-03-31",
                           "-o", cli_path, NULL };
  const char *within[] = { "report", "--from", "2025-03-01", "--to", "2025-03-31",
                           "--within", "10", "-o", within_path, NULL };
  g_autofree char *app = NULL;
  g_autofree char *cli = NULL;
  g_autofree char *once = NULL;
  GtkWidget *preferences;
  GtkSpinButton *spin;
  GtkWidget *row;

  show_march (fixture);
  row = figure_row (fixture, "credentials-expiring");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Expiring within 90 days");

  g_free (run_cli (fixture, set_window));
  /* As Preferences says a change of the report settings. */
  pd_database_notify_changed (fixture->database, "report_settings");
  wait_idle (fixture);
  row = figure_row (fixture, "credentials-expiring");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Expiring within 45 days");

  pd_reports_page_export_to_file (fixture->page, file);
  wait_idle (fixture);
  g_free (run_cli (fixture, report));
  app = dup_report_but_time (app_path);
  cli = dup_report_but_time (cli_path);
  g_assert_nonnull (strstr (app, "<renewal-window-days>45</renewal-window-days>"));
  g_assert_cmpstr (app, ==, cli);

  /* Preferences edits the same setting. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "reports.settings", NULL);
  pd_test_iterate (100);
  preferences = GTK_WIDGET (find_toplevel (PD_TYPE_PREFERENCES_WINDOW));
  g_assert_nonnull (preferences);
  spin = GTK_SPIN_BUTTON (child (preferences, PD_TYPE_PREFERENCES_WINDOW, "renewal_window_spin"));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 45);
  gtk_spin_button_set_value (spin, 60);
  pd_test_iterate (600);
  gtk_window_destroy (GTK_WINDOW (preferences));
  wait_idle (fixture);
  row = figure_row (fixture, "credentials-expiring");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Expiring within 60 days");
  pd_reports_page_export_to_file (fixture->page, file);
  wait_idle (fixture);
  g_free (run_cli (fixture, report));
  g_free (app);
  g_free (cli);
  app = dup_report_but_time (app_path);
  cli = dup_report_but_time (cli_path);
  g_assert_nonnull (strstr (app, "<renewal-window-days>60</renewal-window-days>"));
  g_assert_cmpstr (app, ==, cli);

  g_free (run_cli (fixture, within));
  once = dup_report_but_time (within_path);
  g_assert_nonnull (strstr (once, "<renewal-window-days>10</renewal-window-days>"));
  g_free (run_cli (fixture, report));
  g_free (cli);
  cli = dup_report_but_time (cli_path);
  g_assert_cmpstr (app, ==, cli);
}

/* Without the organisation's name no report is written, and the way to
 * set it is offered. */
static void
test_export_needs_organisation (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "nameless.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWindow *dialog;

  set_organisation (fixture->database, "", 0 + PD_REPORT_THRESHOLD_DEFAULT);
  pd_database_notify_changed (fixture->database, "report_settings");
  show_march (fixture);
  /* The figures are counted all the same, and the warning says why the
   * report cannot be made yet. */
  g_assert_cmpstr (figure (fixture, "served"), ==, "20");
  g_assert_true (gtk_widget_get_visible (page_child (fixture, "organisation_list")));
  screenshot (fixture, GTK_WINDOW (fixture->window), "no-organisation");

  pd_reports_page_export_to_file (fixture->page, file);
  wait_idle (fixture);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Name Your Organisation First");
  screenshot (fixture, dialog, "no-organisation-dialog");

  /* The dialog's way out opens the report settings. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "settings");
  pd_test_iterate (100);
  dialog = find_toplevel (ADW_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (dialog)),
                   ==, "reports");
  /* Ready to type the name. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (dialog)),
                                         child (dialog, PD_TYPE_PREFERENCES_WINDOW,
                                                "organisation_row")));
  screenshot (fixture, dialog, "organisation-setting");
}

/* The threshold set in Preferences is saved in the database, and the
 * figures follow it. */
static void
test_threshold (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(PdReportSettings) settings = { NULL };
  g_autoptr(GError) error = NULL;
  GtkWidget *preferences;
  GtkWidget *organisation;
  GtkSpinButton *spin;
  AdwActionRow *row;

  show_march (fixture);
  assert_suppressed (fixture, "by-purpose:Resource referral");
  assert_suppressed (fixture, "attendance:named");

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "reports.settings", NULL);
  pd_test_iterate (100);
  preferences = GTK_WIDGET (find_toplevel (PD_TYPE_PREFERENCES_WINDOW));
  g_assert_nonnull (preferences);
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (
                     ADW_PREFERENCES_WINDOW (preferences)), ==, "reports");
  organisation = child (preferences, PD_TYPE_PREFERENCES_WINDOW, "organisation_row");
  spin = GTK_SPIN_BUTTON (child (preferences, PD_TYPE_PREFERENCES_WINDOW, "threshold_spin"));
  row = ADW_ACTION_ROW (child (preferences, PD_TYPE_PREFERENCES_WINDOW, "threshold_row"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (organisation)), ==, ORGANISATION);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 11);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==,
                   "Counts from 1 to 10 are hidden in reports");
  screenshot (fixture, GTK_WINDOW (preferences), "preferences");

  gtk_spin_button_set_value (spin, 3);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==,
                   "Counts from 1 to 2 are hidden in reports");
  pd_test_iterate (600);
  g_assert_true (pd_report_settings_load (fixture->database, &settings, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (settings.threshold, ==, 3);

  /* The section counts again with the new threshold. */
  wait_idle (fixture);
  g_assert_cmpstr (figure (fixture, "by-purpose:Resource referral"), ==, "3");
  g_assert_cmpstr (figure (fixture, "by-purpose:One-to-one peer support"), ==, "15");
  g_assert_cmpstr (figure (fixture, "attendance:named"), ==, "8");
  assert_suppressed (fixture, "left-out");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (page_child (fixture, "legend_label"))),
                            "Counts from 1 to 2 are hidden"));

  /* A name typed just before the window closes is kept. */
  gtk_editable_set_text (GTK_EDITABLE (organisation), "Harbour Light");
  gtk_window_destroy (GTK_WINDOW (preferences));
  pd_test_iterate (50);
  pd_report_settings_clear (&settings);
  g_assert_true (pd_report_settings_load (fixture->database, &settings, &error));
  g_assert_cmpstr (settings.organisation, ==, "Harbour Light");
  g_assert_cmpuint (settings.threshold, ==, 3);
}

/* A file that cannot be written leaves a message that says why. */
static void
test_export_fails (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "no-such-folder", "march.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWindow *dialog;

  show_march (fixture);
  pd_reports_page_export_to_file (fixture->page, file);
  wait_idle (fixture);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Could Not Export the Report");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "no-such-folder"));
}

static void
test_accessibility (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *export_button = page_child (fixture, "export_button");

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (export_button), GTK_ACCESSIBLE_ROLE_BUTTON);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (export_button),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Export the report for funders");
  g_assert_true (gtk_widget_has_css_class (export_button, "suggested-action"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (page_child (fixture, "previous_button")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Previous Month");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (page_child (fixture, "next_button")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Next Month");
  g_signal_emit_by_name (page_child (fixture, "quarter_button"), "clicked");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (page_child (fixture, "next_button")),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Next Quarter");
}

/* Alt+5 shows the section; there Ctrl+E exports and Alt+arrows step
 * through periods, wherever the focus is. */
static void
test_shortcuts (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *sections = child (fixture->window, PD_TYPE_WINDOW, "sections");
  g_autoptr(GHashTable) actions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GListModel *controllers;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-section", "s", "checkin");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (sections)), ==,
                   "checkin");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-section", "s", "reports");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (sections)), ==,
                   "reports");

  controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture->page));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      g_assert_cmpint (gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (controller)),
                       ==, GTK_SHORTCUT_SCOPE_MANAGED);
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_NAMED_ACTION (action))
            g_hash_table_insert (actions, gtk_shortcut_trigger_to_string (trigger),
                                 g_strdup (gtk_named_action_get_action_name (
                                   GTK_NAMED_ACTION (action))));
        }
    }
  g_object_unref (controllers);
  g_assert_cmpstr (g_hash_table_lookup (actions, "<Control>e"), ==, "reports.export");
  g_assert_cmpstr (g_hash_table_lookup (actions, "<Control>p"), ==, "reports.print");
  g_assert_cmpstr (g_hash_table_lookup (actions, "<Alt>Left"), ==, "reports.previous");
  g_assert_cmpstr (g_hash_table_lookup (actions, "<Alt>Right"), ==, "reports.next");
}

/* Runs peerdesk-cli on the window's database, as another desk's script or
 * a person at a terminal would while the app is open; returns its output. */
static char *
run_cli (Fixture     *fixture,
         const char **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = -1;

  g_ptr_array_add (argv, (char *) g_getenv ("PEERDESK_CLI"));
  g_ptr_array_add (argv, (char *) "--database");
  g_ptr_array_add (argv, (char *) pd_database_get_path (fixture->database));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("peerdesk-cli failed: %s", err);
  return g_steal_pointer (&out);
}

static guint
count_visits_at (const char *path,
                 const char *at)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM visits"
                                          " WHERE visited_at LIKE '%s%%'", at);
  const char *args[] = { "sqlite3", path, sql, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = -1;

  g_spawn_sync (NULL, (char **) args, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return atoi (out);
}

/* With the Reports section shown, its worker holds a second connection to
 * the database. Another program opening and closing the database then
 * must not take the app's write-ahead log away: every check-in, the app's
 * and the other program's, must be there for everyone, and the file
 * intact, after the app closes. */
static void
test_other_program_while_open (Fixture       *fixture,
                               gconstpointer  data)
{
  const char *cli_checkin[] = { "checkin", "M-000002", "--at", "2026-01-05T09:30", NULL };
  const char *list[] = { "members", "search", "Member", NULL };
  g_autofree char *path = g_strdup (pd_database_get_path (fixture->database));
  g_autofree char *listed = NULL;
  const char *check[] = { "sqlite3", path, "PRAGMA integrity_check", NULL };
  g_autofree char *integrity = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  listed = run_cli (fixture, list);
  g_assert_nonnull (strstr (listed, "Member00"));

  visit (fixture->database, 1, fixture->purposes[DROP_IN], "2026-01-05T09:00");
  g_free (run_cli (fixture, cli_checkin));
  visit (fixture->database, 1, fixture->purposes[DROP_IN], "2026-01-05T10:00");
  wait_idle (fixture);

  g_assert_cmpuint (count_visits_at (path, "2026-01-05T09:00"), ==, 1);
  g_assert_cmpuint (count_visits_at (path, "2026-01-05T09:30"), ==, 1);
  g_assert_cmpuint (count_visits_at (path, "2026-01-05T10:00"), ==, 1);

  close_app (fixture);
  g_spawn_sync (NULL, (char **) check, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &integrity, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_strstrip (integrity), ==, "ok");
  g_assert_cmpuint (count_visits_at (path, "2026-01-05T09:00"), ==, 1);
  g_assert_cmpuint (count_visits_at (path, "2026-01-05T09:30"), ==, 1);
  g_assert_cmpuint (count_visits_at (path, "2026-01-05T10:00"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/reports/templates-build", test_templates_build);
  ADD ("/reports/default-period", test_default_period);
  ADD ("/reports/figures", test_figures);
  ADD ("/reports/change-period", test_change_period);
  ADD ("/reports/stale-results", test_stale_results);
  ADD ("/reports/custom-period", test_custom_period);
  ADD ("/reports/database-changes", test_database_changes);
  ADD ("/reports/hidden", test_hidden);
  ADD ("/reports/chart", test_chart);
  ADD ("/reports/export", test_export);
  ADD ("/reports/export/needs-organisation", test_export_needs_organisation);
  ADD ("/reports/export/fails", test_export_fails);
  ADD ("/reports/renewal-window", test_renewal_window);
  ADD ("/reports/preferences/threshold", test_threshold);
  ADD ("/reports/accessibility", test_accessibility);
  ADD ("/reports/shortcuts", test_shortcuts);
  ADD ("/reports/other-program-while-open", test_other_program_while_open);

#undef ADD

  return g_test_run ();
}
