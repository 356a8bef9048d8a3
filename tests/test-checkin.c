/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "pd-database-private.h"
#include "pd-checkin-page.h"
#include "pd-context.h"
#include "pd-members.h"
#include "pd-preferences-window.h"
#include "pd-training.h"
#include "pd-visits.h"
#include "pd-volunteers.h"
#include "pd-test-gui.h"

typedef struct
{
  char *dir;
  PdDatabase *database;
  GSettings *settings;
  PdContext *context;
  GtkWindow *window;
  PdCheckinPage *page;
} Fixture;

/* The window size of a test; PD_TEST_WINDOW_WIDTH and _HEIGHT override the
 * default one, to look at screenshots of other sizes. */
typedef struct
{
  int width;
  int height;
} Size;

static GObject *
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return object;
}

static GtkWidget *
page_child (Fixture    *fixture,
            const char *name)
{
  return GTK_WIDGET (child (fixture->page, PD_TYPE_CHECKIN_PAGE, name));
}

/* Saves what the window shows, when PD_TEST_SCREENSHOTS names a folder. */
static void
screenshot (Fixture    *fixture,
            const char *name)
{
  g_autofree char *file = g_strdup_printf ("%s-%d.png", name, gtk_widget_get_width (GTK_WIDGET (fixture->window)));

  pd_test_save_screenshot (GTK_WINDOW (fixture->window), file);
}

static PdMember *
add_member (PdDatabase *database,
            const char *first,
            const char *last,
            const char *phone,
            const char *birth_date)
{
  PdMember *member = pd_member_new ();
  g_autoptr(GError) error = NULL;

  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, first);
  pd_member_set (member, PD_MEMBER_FIELD_LAST_NAME, last);
  pd_member_set (member, PD_MEMBER_FIELD_PHONE, phone);
  pd_member_set (member, PD_MEMBER_FIELD_BIRTH_DATE, birth_date);
  g_assert_true (pd_members_insert (database, member, &error));
  g_assert_no_error (error);
  return member;
}

static int
env_size (const char *name,
          int         fallback)
{
  const char *value = g_getenv (name);

  return value ? atoi (value) : fallback;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const Size *size = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PdMember) inactive = NULL;
  GtkWidget *page;
  int width, height;

  fixture->dir = g_dir_make_tmp ("peerdesk-gui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->database = pd_database_open (path, &error);
  g_assert_no_error (error);

  g_object_unref (add_member (fixture->database, "José", "Müller", "(555) 014-2367",
                              "1984-03-07"));
  g_object_unref (add_member (fixture->database, "Joanna", "Smith", "555 019 8811", ""));
  g_object_unref (add_member (fixture->database, "Maria", "Okafor", "", ""));
  g_object_unref (add_member (fixture->database, "Mario", "Rossi", "", ""));
  inactive = add_member (fixture->database, "Dana", "Whitfield", "", "");
  g_assert_true (pd_members_set_status (fixture->database, pd_member_get_id (inactive),
                                        "inactive", &error));
  g_assert_no_error (error);

  fixture->settings = g_settings_new (APPLICATION_ID);
  g_settings_set_string (fixture->settings, "desk-name", "Sam at the desk");
  fixture->context = pd_context_new (fixture->database, fixture->settings);

  fixture->window = GTK_WINDOW (adw_window_new ());
  page = pd_checkin_page_new (fixture->context);
  fixture->page = PD_CHECKIN_PAGE (page);
  adw_window_set_content (ADW_WINDOW (fixture->window), page);
  width = size ? size->width : env_size ("PD_TEST_WINDOW_WIDTH",
                                         g_settings_get_int (fixture->settings, "window-width"));
  height = size ? size->height : env_size ("PD_TEST_WINDOW_HEIGHT",
                                           g_settings_get_int (fixture->settings,
                                                               "window-height"));
  gtk_window_set_default_size (fixture->window, width, height);
  gtk_window_present (fixture->window);
  gtk_widget_activate_action (page, "checkin.search", NULL);
  pd_test_iterate (100);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    {
      g_object_add_weak_pointer (G_OBJECT (fixture->page), (gpointer *) &fixture->page);
      pd_test_close_windows ();
      /* Nothing keeps the page alive once its window is gone. */
      g_assert_null (fixture->page);
    }
  pd_test_gui_tear_down (&fixture->dir, &fixture->context, &fixture->settings,
                         &fixture->database, NULL);
}

static GtkWidget *
entry (Fixture *fixture)
{
  return page_child (fixture, "search_entry");
}

static gboolean
focus_in (Fixture   *fixture,
          GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Types into the search without waiting for its delay: a person at the
 * desk can type and press Enter faster than that. */
static void
type (Fixture    *fixture,
      const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry (fixture)), text);
}

static void
press_enter (Fixture *fixture)
{
  g_signal_emit_by_name (entry (fixture), "activate");
}

static gboolean
press_key_with (Fixture         *fixture,
                guint            keyval,
                GdkModifierType  state)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (child (fixture->page, PD_TYPE_CHECKIN_PAGE, "search_keys"),
                         "key-pressed", keyval, 0, state, &handled);
  return handled;
}

static gboolean
press_key (Fixture *fixture,
           guint    keyval)
{
  return press_key_with (fixture, keyval, 0);
}

static char *
today (void)
{
  g_autofree char *now = pd_local_now ();

  return g_strndup (now, 10);
}

static GPtrArray *
visits_today (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = today ();
  GPtrArray *visits = pd_visits_list_day (fixture->database, date, &error);

  g_assert_no_error (error);
  return visits;
}

static PdDayCounts
page_counts (Fixture *fixture)
{
  PdDayCounts counts;

  pd_checkin_page_get_today_counts (fixture->page, &counts);
  return counts;
}

static gint64
default_purpose (Fixture *fixture)
{
  g_autoptr(GPtrArray) purposes = pd_purposes_list (fixture->database, FALSE, NULL);

  for (guint i = 0; i < purposes->len; i++)
    if (((PdPurpose *) g_ptr_array_index (purposes, i))->is_default)
      return ((PdPurpose *) g_ptr_array_index (purposes, i))->id;
  g_assert_not_reached ();
}

static const char *
default_purpose_label (Fixture *fixture)
{
  static char label[128];
  g_autoptr(GPtrArray) purposes = pd_purposes_list (fixture->database, FALSE, NULL);

  for (guint i = 0; i < purposes->len; i++)
    if (((PdPurpose *) g_ptr_array_index (purposes, i))->is_default)
      g_strlcpy (label, ((PdPurpose *) g_ptr_array_index (purposes, i))->label, sizeof label);
  return label;
}

static const char *
dropdown_label (Fixture *fixture)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (page_child (fixture, "purpose_dropdown"));
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);

  g_assert_nonnull (item);
  return gtk_string_object_get_string (item);
}

static gboolean
dropdown_has (Fixture    *fixture,
              const char *label)
{
  GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (page_child (fixture,
                                                                          "purpose_dropdown")));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), label) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
choose_purpose (Fixture    *fixture,
                const char *label)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (page_child (fixture, "purpose_dropdown"));
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), label) == 0)
        {
          gtk_drop_down_set_selected (dropdown, i);
          return;
        }
    }
  g_assert_not_reached ();
}

static GtkSingleSelection *
match_selection (Fixture *fixture)
{
  return GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (page_child (fixture,
                                                                                "match_list"))));
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

static void
assert_lacks (const char *haystack,
              const char *needle)
{
  if (strstr (haystack, needle) != NULL)
    g_error ("“%s” should not be in:\n%s", needle, haystack);
}

/* Ctrl+Z as the window's key handling first sees it, wherever the focus is. */
static gboolean
press_undo_keys (gpointer     widget,
                 GType        type)
{
  GtkEventController *keys = GTK_EVENT_CONTROLLER (child (widget, type, "undo_keys"));
  gboolean handled = FALSE;

  /* Before the focused control's own Ctrl+Z, on the whole page. */
  g_assert_cmpint (gtk_event_controller_get_propagation_phase (keys), ==, GTK_PHASE_CAPTURE);
  g_assert_true (gtk_event_controller_get_widget (keys) == GTK_WIDGET (widget));
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_z, 0, GDK_CONTROL_MASK, &handled);
  return handled;
}

static GtkWidget *
find_text (GtkWidget *widget)
{
  if (GTK_IS_TEXT (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_text (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The question the page asks in a dialog, if one is open. */
static AdwMessageDialog *
open_question (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          g_assert_null (found);
          found = ADW_MESSAGE_DIALOG (window);
        }
    }
  return found;
}

static void
answer (const char *response)
{
  AdwMessageDialog *dialog = open_question ();

  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  /* As a click on its button does, which then closes the dialog. */
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  pd_test_iterate (100);
  g_assert_null (open_question ());
}

/* The rows a list view shows, in order. */
static GPtrArray *
list_rows (GtkWidget *list)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *c = gtk_widget_get_first_child (list); c; c = gtk_widget_get_next_sibling (c))
    if (gtk_widget_get_first_child (c) != NULL && gtk_widget_get_visible (c))
      g_ptr_array_add (rows, gtk_widget_get_first_child (c));
  return rows;
}

static gint64
add_visit (Fixture  *fixture,
           PdMember *member,
           int       days_ago)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -days_ago);
  g_autofree char *at = g_date_time_format (then, "%Y-%m-%dT10:00:00");
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = pd_visits_check_in (fixture->database, pd_member_get_id (member), 0, at, "Kim", &error);
  g_assert_no_error (error);
  return id;
}

static char *
day_of (int days_ago)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -days_ago);
  g_autofree char *at = g_date_time_format (then, "%Y-%m-%dT10:00:00");

  return pd_describe_day (at, NULL);
}

/* Tests */

static void
test_templates_build (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("peerdesk-gui-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "test.db", NULL);
  g_autoptr(PdDatabase) database = pd_database_open (path, &error);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(PdContext) context = pd_context_new (database, settings);
  GtkWidget *page = g_object_ref_sink (pd_checkin_page_new (context));
  /* A toplevel belongs to GTK until destroyed: the test holds it to see it go. */
  GtkWidget *preferences = g_object_ref (pd_preferences_window_new (NULL, context));

  g_assert_no_error (error);
  g_assert_true (PD_IS_CHECKIN_PAGE (page));
  g_assert_true (ADW_IS_PREFERENCES_WINDOW (preferences));

  gtk_window_destroy (GTK_WINDOW (preferences));
  g_assert_finalize_object (preferences);
  g_assert_finalize_object (page);

  g_clear_object (&context);
  g_clear_object (&database);
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
}

/* Three letters and Enter check in the top match with the default purpose,
 * and leave the desk ready for the next person. */
static void
test_keyboard_check_in (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) visits = NULL;
  g_autofree char *toasts = NULL;
  PdVisit *visit;
  PdDayCounts counts;

  g_assert_true (focus_in (fixture, entry (fixture)));
  g_assert_cmpstr (dropdown_label (fixture), ==, default_purpose_label (fixture));
  screenshot (fixture, "checkin-start");

  type (fixture, "jos");
  press_enter (fixture);

  visits = visits_today (fixture);
  g_assert_cmpuint (visits->len, ==, 1);
  visit = g_ptr_array_index (visits, 0);
  g_assert_cmpstr (visit->member_name, ==, "José Müller");
  g_assert_cmpstr (visit->purpose, ==, default_purpose_label (fixture));
  g_assert_cmpstr (visit->recorded_by, ==, "Sam at the desk");

  counts = page_counts (fixture);
  g_assert_cmpuint (counts.visits, ==, 1);
  g_assert_cmpuint (counts.people, ==, 1);
  g_assert_cmpuint (counts.anonymous, ==, 0);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (page_child (fixture, "counts_label"))), ==,
                   "1 visit · 1 person");

  /* Ready for the next person. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry (fixture))), ==, "");
  g_assert_true (focus_in (fixture, entry (fixture)));
  toasts = pd_test_dup_toast_text (page_child (fixture, "toast_overlay"));
  assert_contains (toasts, "José M. checked in");
  assert_lacks (toasts, "inactive");

  /* The next one, by member number this time. */
  type (fixture, "3");
  press_enter (fixture);
  counts = page_counts (fixture);
  g_assert_cmpuint (counts.visits, ==, 2);
  g_assert_cmpuint (counts.people, ==, 2);
  screenshot (fixture, "checkin-checked-in");
}

/* Up and Down move the highlight while the cursor stays in the search. */
static void
test_arrow_choice (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkSingleSelection *selection = match_selection (fixture);
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(PdMember) second = NULL;

  type (fixture, "mar");
  pd_test_iterate (300);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 2);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 0);
  second = g_list_model_get_item (G_LIST_MODEL (selection), 1);

  g_assert_true (press_key (fixture, GDK_KEY_Down));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 1);
  g_assert_true (press_key (fixture, GDK_KEY_Down));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 1);
  g_assert_true (press_key (fixture, GDK_KEY_Up));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 0);
  g_assert_true (press_key (fixture, GDK_KEY_Down));
  g_assert_false (press_key (fixture, GDK_KEY_a));
  g_assert_true (focus_in (fixture, entry (fixture)));
  screenshot (fixture, "checkin-matches");

  press_enter (fixture);
  visits = visits_today (fixture);
  g_assert_cmpuint (visits->len, ==, 1);
  g_assert_cmpint (((PdVisit *) g_ptr_array_index (visits, 0))->member_id, ==,
                   pd_member_get_id (second));

  /* A new search starts again from its top match. */
  type (fixture, "mar");
  pd_test_iterate (300);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 0);
}

static void
test_undo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) visits = NULL;

  /* Nothing to undo yet. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "checkin.undo", NULL);

  type (fixture, "joa");
  press_enter (fixture);
  g_assert_cmpuint (page_counts (fixture).visits, ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "checkin.undo", NULL);
  visits = visits_today (fixture);
  g_assert_cmpuint (visits->len, ==, 0);
  g_assert_cmpuint (page_counts (fixture).visits, ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (page_child (fixture,
                                                                            "today_stack"))),
                   ==, "empty");
  g_assert_true (focus_in (fixture, entry (fixture)));

  /* Ctrl+Z does the same while the toast shows, wherever the focus is:
   * in the search with the next name being typed, or on the purpose. */
  type (fixture, "joa");
  press_enter (fixture);
  g_assert_cmpuint (page_counts (fixture).visits, ==, 1);
  type (fixture, "m");
  g_assert_true (press_undo_keys (fixture->page, PD_TYPE_CHECKIN_PAGE));
  g_assert_cmpuint (page_counts (fixture).visits, ==, 0);
  type (fixture, "joa");
  press_enter (fixture);
  gtk_widget_grab_focus (page_child (fixture, "purpose_dropdown"));
  g_assert_true (press_undo_keys (fixture->page, PD_TYPE_CHECKIN_PAGE));
  g_assert_cmpuint (page_counts (fixture).visits, ==, 0);

  /* Undo is for the last check-in only, once. */
  type (fixture, "joa");
  press_enter (fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "checkin.undo", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "checkin.undo", NULL);
  g_clear_pointer (&visits, g_ptr_array_unref);
  visits = visits_today (fixture);
  g_assert_cmpuint (visits->len, ==, 0);
}

/* Once the toast is gone, Ctrl+Z is no longer the desk's: it removes no
 * visit, and the emptied search does not get back the name just checked
 * in, for one more Enter to check them in twice. */
static void
test_undo_after_toast (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *text = find_text (entry (fixture));
  g_autofree char *toasts = NULL;

  type (fixture, "joa");
  press_enter (fixture);
  g_assert_cmpuint (page_counts (fixture).visits, ==, 1);
  /* The toast goes after its few seconds. */
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *shown = pd_test_dup_toast_text (page_child (fixture, "toast_overlay"));

      if (strstr (shown, "checked in") == NULL)
        break;
      pd_test_iterate (100);
    }
  pd_test_iterate (600);
  toasts = pd_test_dup_toast_text (page_child (fixture, "toast_overlay"));
  assert_lacks (toasts, "checked in");

  g_assert_true (focus_in (fixture, entry (fixture)));
  g_assert_false (press_undo_keys (fixture->page, PD_TYPE_CHECKIN_PAGE));
  /* The key goes on to the search's own undo, which has nothing to undo. */
  gtk_widget_activate_action (text, "text.undo", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "checkin.undo", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry (fixture))), ==, "");
  g_assert_cmpuint (page_counts (fixture).visits, ==, 1);

  press_enter (fixture);
  pd_test_iterate (100);
  g_assert_null (open_question ());
  g_assert_cmpuint (page_counts (fixture).visits, ==, 1);

  /* Typing is still undone as usual. */
  gtk_editable_insert_text (GTK_EDITABLE (text), "ma", -1, &(int) { 0 });
  gtk_widget_activate_action (text, "text.undo", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry (fixture))), ==, "");
}

/* A member checked in within the hour is asked about before a second
 * visit; Enter on the question (its default) adds nothing. */
static void
test_repeat_check_in (Fixture       *fixture,
                      gconstpointer  data)
{
  AdwMessageDialog *dialog;

  type (fixture, "joa");
  press_enter (fixture);
  g_assert_cmpuint (page_counts (fixture).visits, ==, 1);
  g_assert_null (open_question ());

  type (fixture, "joa");
  press_enter (fixture);
  pd_test_iterate (100);
  dialog = open_question ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Already Checked In");
  assert_contains (adw_message_dialog_get_body (dialog), "Joanna S. was checked in at");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");
  g_assert_cmpuint (page_counts (fixture).visits, ==, 1);
  pd_test_save_screenshot (GTK_WINDOW (dialog), "checkin-repeat-question.png");
  answer ("cancel");
  g_assert_cmpuint (page_counts (fixture).visits, ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry (fixture))), ==, "");

  /* Someone else is not asked about. */
  type (fixture, "jos");
  press_enter (fixture);
  g_assert_null (open_question ());
  g_assert_cmpuint (page_counts (fixture).visits, ==, 2);

  /* A second visit on purpose is added when asked for. */
  type (fixture, "joa");
  press_enter (fixture);
  pd_test_iterate (100);
  answer ("add");
  g_assert_cmpuint (page_counts (fixture).visits, ==, 3);
  g_assert_cmpuint (page_counts (fixture).people, ==, 2);
}

/* Two members of one name differ on every list row the desk sees, by their
 * last visit, and never by anything the desk may not see. */
static void
test_namesake_rows (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(PdMember) tuesday = add_member (fixture->database, "Ángel", "Zúñiga", "555 010 0001",
                                            "1980-05-02");
  g_autoptr(PdMember) earlier = add_member (fixture->database, "Ángel", "Zúñiga", "555 010 0002",
                                            "1991-08-09");
  g_autofree char *day_a = day_of (3);
  g_autofree char *day_b = day_of (40);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) today_rows = NULL;
  g_autofree char *text_a = NULL;
  g_autofree char *text_b = NULL;
  g_autofree char *label = NULL;

  add_visit (fixture, tuesday, 3);
  add_visit (fixture, earlier, 40);

  type (fixture, "ángel zú");
  pd_test_iterate (300);
  rows = list_rows (page_child (fixture, "match_list"));
  g_assert_cmpuint (rows->len, ==, 2);
  text_a = pd_test_dup_text (g_ptr_array_index (rows, 0));
  text_b = pd_test_dup_text (g_ptr_array_index (rows, 1));
  g_assert_cmpstr (text_a, !=, text_b);
  screenshot (fixture, "checkin-namesakes");
  for (guint i = 0; i < 2; i++)
    {
      const char *text = i == 0 ? text_a : text_b;
      PdMember *member = g_str_has_suffix (text, "M-000006\n") ? tuesday : earlier;
      const char *day = member == tuesday ? day_a : day_b;

      assert_contains (text, day);
      assert_lacks (text, "1980");
      assert_lacks (text, "1991");
      assert_lacks (text, "555");
      /* A screen reader says the same, of the row that takes the focus. */
      g_free (label);
      label = g_strdup_printf ("Ángel Zúñiga, %s, Last visit %s",
                               pd_member_get (member, PD_MEMBER_FIELD_NUMBER), day);
      gtk_test_accessible_assert_property (
        GTK_ACCESSIBLE (gtk_widget_get_parent (g_ptr_array_index (rows, i))),
        GTK_ACCESSIBLE_PROPERTY_LABEL, label);
    }

  /* Both in today: their rows differ by the visit before. */
  press_enter (fixture);
  type (fixture, "ángel zú");
  pd_test_iterate (300);
  press_key (fixture, GDK_KEY_Down);
  press_enter (fixture);
  pd_test_iterate (300);
  g_assert_cmpuint (page_counts (fixture).people, ==, 2);
  today_rows = list_rows (page_child (fixture, "today_list"));
  g_assert_cmpuint (today_rows->len, ==, 2);
  g_free (text_a);
  g_free (text_b);
  text_a = pd_test_dup_text (g_ptr_array_index (today_rows, 0));
  text_b = pd_test_dup_text (g_ptr_array_index (today_rows, 1));
  assert_contains (text_a, "Ángel Z.");
  assert_contains (text_b, "Ángel Z.");
  g_assert_cmpstr (text_a, !=, text_b);
  assert_contains (text_a, "previous visit");
  assert_lacks (text_a, "M-0000");
  assert_lacks (text_a, "Zúñiga");
  screenshot (fixture, "checkin-namesakes-today");
}

/* A New Visitor of the first name and last initial of someone seen lately
 * is asked about before a second record of them is made. */
static void
test_newcomer_namesake (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(PdMember) ana = add_member (fixture->database, "Ana", "Rivera", "", "1990-01-01");
  g_autoptr(PdMember) long_ago = add_member (fixture->database, "Bea", "Nolan", "", "");
  g_autoptr(GPtrArray) visits = NULL;
  gint64 members = pd_members_count (fixture->database, NULL);
  g_autofree char *day = day_of (5);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  add_visit (fixture, ana, 5);
  add_visit (fixture, long_ago, 200);

  type (fixture, "ana r");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "checkin.newcomer", NULL);
  g_signal_emit_by_name (page_child (fixture, "register_button"), "clicked");
  pd_test_iterate (100);
  dialog = open_question ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Is This Ana R.?");
  body = g_strdup_printf ("Ana R., last here %s, is already a member", day);
  assert_contains (adw_message_dialog_get_body (dialog), body);
  assert_lacks (adw_message_dialog_get_body (dialog), "Rivera");
  assert_lacks (adw_message_dialog_get_body (dialog), "1990");
  g_assert_true (adw_message_dialog_has_response (dialog, "member-0"));
  g_assert_true (adw_message_dialog_has_response (dialog, "register"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_cmpint (pd_members_count (fixture->database, NULL), ==, members);
  screenshot (fixture, "checkin-newcomer-namesake");
  pd_test_save_screenshot (GTK_WINDOW (dialog), "checkin-newcomer-namesake-question.png");

  /* It was her: she is checked in, and nobody is registered. */
  answer ("member-0");
  g_assert_cmpint (pd_members_count (fixture->database, NULL), ==, members);
  visits = visits_today (fixture);
  g_assert_cmpuint (visits->len, ==, 1);
  g_assert_cmpint (((PdVisit *) g_ptr_array_index (visits, 0))->member_id, ==,
                   pd_member_get_id (ana));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (page_child (fixture,
                                                                           "newcomer_revealer"))));

  /* Someone else of her name is registered when the desk says so. */
  type (fixture, "ana r");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "checkin.newcomer", NULL);
  g_signal_emit_by_name (page_child (fixture, "register_button"), "clicked");
  pd_test_iterate (100);
  answer ("register");
  g_assert_cmpint (pd_members_count (fixture->database, NULL), ==, members + 1);

  /* Nobody of the name seen within 90 days: no question. */
  type (fixture, "bea n");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "checkin.newcomer", NULL);
  g_signal_emit_by_name (page_child (fixture, "register_button"), "clicked");
  pd_test_iterate (100);
  g_assert_null (open_question ());
  g_assert_cmpint (pd_members_count (fixture->database, NULL), ==, members + 2);
}

static void
test_anonymous (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) visits = NULL;
  PdDayCounts counts;
  PdVisit *visit;

  choose_purpose (fixture, "Naloxone kit");
  g_signal_emit_by_name (page_child (fixture, "anonymous_button"), "clicked");

  visits = visits_today (fixture);
  g_assert_cmpuint (visits->len, ==, 1);
  visit = g_ptr_array_index (visits, 0);
  g_assert_cmpint (visit->member_id, ==, 0);
  g_assert_cmpstr (visit->purpose, ==, "Naloxone kit");
  counts = page_counts (fixture);
  g_assert_cmpuint (counts.visits, ==, 1);
  g_assert_cmpuint (counts.people, ==, 0);
  g_assert_cmpuint (counts.anonymous, ==, 1);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (page_child (fixture, "counts_label"))), ==,
                   "1 visit · 0 people · 1 anonymous");

  /* The next person starts from the usual purpose. */
  g_assert_cmpstr (dropdown_label (fixture), ==, default_purpose_label (fixture));

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "checkin.undo", NULL);
  g_assert_cmpuint (page_counts (fixture).anonymous, ==, 0);
}

static void
test_newcomer (Fixture       *fixture,
               gconstpointer  data)
{
  GtkRevealer *revealer = GTK_REVEALER (page_child (fixture, "newcomer_revealer"));
  GtkWidget *first = page_child (fixture, "first_name_row");
  GtkWidget *initial = page_child (fixture, "last_initial_row");
  GtkWidget *year = page_child (fixture, "birth_year_row");
  g_autoptr(PdMember) registered = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  g_autofree char *toasts = NULL;
  gint64 members = pd_members_count (fixture->database, NULL);

  /* A name the search did not find is carried over into the form. */
  type (fixture, "ana rodriguez");
  g_signal_emit_by_name (page_child (fixture, "newcomer_button"), "clicked");
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_true (focus_in (fixture, first));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (first)), ==, "Ana");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (initial)), ==, "R");

  /* Errors show next to their fields, and nothing is saved. */
  gtk_editable_set_text (GTK_EDITABLE (first), "  ");
  gtk_editable_set_text (GTK_EDITABLE (initial), "Ro");
  gtk_editable_set_text (GTK_EDITABLE (year), "19");
  g_signal_emit_by_name (page_child (fixture, "register_button"), "clicked");
  g_assert_true (gtk_widget_has_css_class (first, "error"));
  g_assert_true (gtk_widget_has_css_class (initial, "error"));
  g_assert_true (gtk_widget_has_css_class (year, "error"));
  assert_contains (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (year)), "four digits");
  g_assert_true (focus_in (fixture, first));
  g_assert_cmpint (pd_members_count (fixture->database, NULL), ==, members);
  screenshot (fixture, "checkin-newcomer-errors");

  gtk_editable_set_text (GTK_EDITABLE (year), "2999");
  g_assert_true (gtk_widget_has_css_class (year, "error"));

  /* Mending a field clears its error as it is typed. */
  gtk_editable_set_text (GTK_EDITABLE (first), "Ana");
  gtk_editable_set_text (GTK_EDITABLE (initial), "r.");
  gtk_editable_set_text (GTK_EDITABLE (year), "1990");
  g_assert_false (gtk_widget_has_css_class (first, "error"));
  g_assert_false (gtk_widget_has_css_class (initial, "error"));
  g_assert_false (gtk_widget_has_css_class (year, "error"));
  screenshot (fixture, "checkin-newcomer");

  /* Enter in the form registers, as the button does. */
  g_signal_emit_by_name (year, "entry-activated");

  g_assert_cmpint (pd_members_count (fixture->database, NULL), ==, members + 1);
  registered = pd_members_get_by_number (fixture->database, "M-000006", NULL);
  g_assert_nonnull (registered);
  g_assert_cmpstr (pd_member_get (registered, PD_MEMBER_FIELD_FIRST_NAME), ==, "Ana");
  g_assert_cmpstr (pd_member_get (registered, PD_MEMBER_FIELD_LAST_NAME), ==, "R");
  visits = visits_today (fixture);
  g_assert_cmpuint (visits->len, ==, 1);
  g_assert_cmpint (((PdVisit *) g_ptr_array_index (visits, 0))->member_id, ==,
                   pd_member_get_id (registered));
  g_assert_cmpuint (page_counts (fixture).people, ==, 1);

  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (first)), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry (fixture))), ==, "");
  g_assert_true (focus_in (fixture, entry (fixture)));
  toasts = pd_test_dup_toast_text (page_child (fixture, "toast_overlay"));
  assert_contains (toasts, "Ana R. registered as M-000006 and checked in");

  /* Escape, through the cancel action, closes an opened form. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "checkin.newcomer", NULL);
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (first)), ==, "");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "checkin.newcomer-cancel", NULL);
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  g_assert_true (focus_in (fixture, entry (fixture)));
  g_assert_cmpint (pd_members_count (fixture->database, NULL), ==, members + 1);
}

static void
test_inactive_member (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) visits = NULL;
  g_autofree char *toasts = NULL;

  type (fixture, "dan");
  press_enter (fixture);

  visits = visits_today (fixture);
  g_assert_cmpuint (visits->len, ==, 1);
  g_assert_cmpstr (((PdVisit *) g_ptr_array_index (visits, 0))->member_name, ==,
                   "Dana Whitfield");
  toasts = pd_test_dup_toast_text (page_child (fixture, "toast_overlay"));
  assert_contains (toasts, "Dana W. checked in (inactive member)");
  screenshot (fixture, "checkin-inactive");
}

/* The screen faces whoever stands at the desk. */
static void
test_privacy (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *match_list = page_child (fixture, "match_list");
  g_autofree char *before = NULL;
  g_autofree char *matches = NULL;
  g_autofree char *today_text = NULL;

  /* Nobody is listed before something is typed. */
  pd_test_iterate (100);
  before = pd_test_dup_text (match_list);
  assert_lacks (before, "José");
  assert_lacks (before, "Joanna");

  type (fixture, "jos");
  pd_test_iterate (300);
  matches = pd_test_dup_text (match_list);
  assert_contains (matches, "José Müller");
  assert_contains (matches, "M-000001");
  assert_lacks (matches, "555");
  assert_lacks (matches, "2367");
  assert_lacks (matches, "1984");
  assert_lacks (matches, "03-07");

  press_enter (fixture);
  pd_test_iterate (200);
  today_text = pd_test_dup_text (page_child (fixture, "today_list"));
  assert_contains (today_text, "José M.");
  assert_contains (today_text, "Sam at the desk");
  assert_lacks (today_text, "Müller");
  assert_lacks (today_text, "M-000001");
}

/* A visit recorded from a terminal on the same computer (or at a second
 * window) shows in the Today list by itself, as the desk's own do. */
static void
test_other_program (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *argv[] = { g_getenv ("PEERDESK_CLI"), "--database",
                         pd_database_get_path (fixture->database), "checkin", "M-000004", NULL };
  g_autoptr(GSubprocess) cli = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *today_list = page_child (fixture, "today_list");
  g_autofree char *before = pd_test_dup_text (today_list);
  g_autofree char *after = NULL;
  gint64 start;

  g_assert_nonnull (argv[0]);
  assert_lacks (before, "Mario R.");
  cli = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (cli, NULL, &error));
  g_assert_no_error (error);

  /* Nothing is done in the window meanwhile: it only runs. */
  start = g_get_monotonic_time ();
  do
    {
      g_free (after);
      pd_test_iterate (100);
      after = pd_test_dup_text (today_list);
    }
  while (strstr (after, "Mario R.") == NULL && g_get_monotonic_time () - start < 3 * G_USEC_PER_SEC);
  g_test_message ("the other program's visit showed after %" G_GINT64_FORMAT " ms",
                  (g_get_monotonic_time () - start) / 1000);
  assert_contains (after, "Mario R.");
}

static void
test_empty_enter (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) visits = NULL;

  type (fixture, "");
  press_enter (fixture);
  type (fixture, "   ");
  press_enter (fixture);
  /* A name that matches nobody checks in nobody either. */
  type (fixture, "zzzq");
  press_enter (fixture);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (page_child (fixture,
                                                                            "match_stack"))),
                   ==, "none");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry (fixture))), ==, "zzzq");

  visits = visits_today (fixture);
  g_assert_cmpuint (visits->len, ==, 0);
  g_assert_cmpuint (page_counts (fixture).visits, ==, 0);
}

static void
test_accessibility (Fixture       *fixture,
                    gconstpointer  data)
{
  struct { const char *name; GtkAccessibleRole role; const char *label; } controls[] = {
    { "search_entry", GTK_ACCESSIBLE_ROLE_SEARCH_BOX, "Check in: name or member number" },
    { "anonymous_button", GTK_ACCESSIBLE_ROLE_BUTTON, "Record an anonymous visit" },
    { "newcomer_button", GTK_ACCESSIBLE_ROLE_BUTTON, "Register a new visitor" },
    { "register_button", GTK_ACCESSIBLE_ROLE_BUTTON, NULL },
    { "purpose_dropdown", GTK_ACCESSIBLE_ROLE_COMBO_BOX, "Purpose of the visit" },
    { "match_list", GTK_ACCESSIBLE_ROLE_LIST, "Matching members" },
    { "today_list", GTK_ACCESSIBLE_ROLE_LIST, "Visits today" },
    { "primary_menu_button", GTK_ACCESSIBLE_ROLE_BUTTON, "Main menu" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    {
      GtkAccessible *accessible = GTK_ACCESSIBLE (page_child (fixture, controls[i].name));

      gtk_test_accessible_assert_role (accessible, controls[i].role);
      if (controls[i].label != NULL)
        gtk_test_accessible_assert_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                             controls[i].label);
    }

  /* Actions are where the shortcuts and the buttons expect them. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "checkin.search",
                                             NULL));
  g_assert_true (focus_in (fixture, entry (fixture)));
}

static GtkWidget *
find_entry_row (GtkWidget  *widget,
                const char *text)
{
  if (ADW_IS_ENTRY_ROW (widget) &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (widget)), text) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_entry_row (c, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Purposes edited in the preferences reach the desk at once. */
static void
test_preferences (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *window = pd_preferences_window_new (fixture->window, fixture->context);
  GtkWidget *new_row = GTK_WIDGET (child (window, PD_TYPE_PREFERENCES_WINDOW,
                                          "new_purpose_row"));
  GtkWidget *desk_row = GTK_WIDGET (child (window, PD_TYPE_PREFERENCES_WINDOW,
                                           "desk_name_row"));
  GtkWidget *archived_group = GTK_WIDGET (child (window, PD_TYPE_PREFERENCES_WINDOW,
                                                 "archived_group"));
  GtkWidget *row;
  gint64 laundry, naloxone;
  g_autoptr(GPtrArray) visits = NULL;
  g_autofree char *desk_name = NULL;

  gtk_window_present (GTK_WINDOW (window));
  pd_test_iterate (100);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (desk_row)), ==, "Sam at the desk");
  g_assert_false (gtk_widget_get_visible (archived_group));

  /* Add */
  gtk_editable_set_text (GTK_EDITABLE (new_row), "Laundry & showers");
  g_signal_emit_by_name (new_row, "apply");
  laundry = pd_purposes_find (fixture->database, "Laundry & showers", NULL);
  g_assert_cmpint (laundry, >, 0);
  g_assert_true (dropdown_has (fixture, "Laundry & showers"));
  g_assert_nonnull (find_entry_row (window, "Laundry & showers"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (new_row)), ==, "");

  /* Rename */
  row = find_entry_row (window, "Laundry & showers");
  gtk_editable_set_text (GTK_EDITABLE (row), "Laundry");
  g_signal_emit_by_name (row, "apply");
  g_assert_true (dropdown_has (fixture, "Laundry"));
  g_assert_false (dropdown_has (fixture, "Laundry & showers"));

  /* Make default: the desk preselects it from the next person on. */
  gtk_widget_activate_action (window, "purposes.make-default", "x", laundry);
  g_assert_cmpint (default_purpose (fixture), ==, laundry);
  g_assert_cmpstr (dropdown_label (fixture), ==, "Laundry");
  type (fixture, "jos");
  press_enter (fixture);
  visits = visits_today (fixture);
  g_assert_cmpstr (((PdVisit *) g_ptr_array_index (visits, 0))->purpose, ==, "Laundry");
  g_clear_pointer (&visits, g_ptr_array_unref);

  /* A purpose chosen at the desk stays chosen when the list changes. */
  choose_purpose (fixture, "Group");
  gtk_editable_set_text (GTK_EDITABLE (new_row), "Bus pass");
  g_signal_emit_by_name (new_row, "apply");
  g_assert_cmpstr (dropdown_label (fixture), ==, "Group");
  choose_purpose (fixture, "Laundry");

  /* Archive, then restore */
  naloxone = pd_purposes_find (fixture->database, "Naloxone kit", NULL);
  gtk_widget_activate_action (window, "purposes.archive", "x", naloxone);
  g_assert_false (dropdown_has (fixture, "Naloxone kit"));
  g_assert_true (gtk_widget_get_visible (archived_group));
  screenshot (fixture, "checkin-after-preferences");
  gtk_widget_activate_action (window, "purposes.restore", "x", naloxone);
  g_assert_true (dropdown_has (fixture, "Naloxone kit"));
  g_assert_false (gtk_widget_get_visible (archived_group));

  /* The desk name, for the visits recorded from now on */
  gtk_editable_set_text (GTK_EDITABLE (desk_row), "Lee");
  desk_name = g_settings_get_string (fixture->settings, "desk-name");
  g_assert_cmpstr (desk_name, ==, "Lee");
  g_assert_cmpstr (pd_checkin_page_get_desk_name (fixture->page), ==, "Lee");
  type (fixture, "joa");
  press_enter (fixture);
  visits = visits_today (fixture);
  g_assert_cmpstr (((PdVisit *) g_ptr_array_index (visits, 0))->recorded_by, ==, "Lee");
  g_assert_cmpstr (((PdVisit *) g_ptr_array_index (visits, 0))->purpose, ==, "Laundry");

  /* Left empty, the visits are recorded by the computer's user. */
  gtk_editable_set_text (GTK_EDITABLE (desk_row), "");
  g_assert_cmpstr (pd_checkin_page_get_desk_name (fixture->page), !=, "");
  g_assert_cmpstr (pd_checkin_page_get_desk_name (fixture->page), !=, "Lee");

  gtk_window_destroy (GTK_WINDOW (window));
  pd_test_iterate (50);
}

static GtkWidget *
find_restore_button (GtkWidget  *widget,
                     const char *action_name,
                     gint64      id)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0 &&
      g_variant_get_int64 (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget))) == id)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_restore_button (c, action_name, id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether a role named @label is stored, with its id and whether it is archived. */
static gboolean
role_stored (Fixture    *fixture,
             const char *label,
             gint64     *id,
             gboolean   *archived)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roles = pd_roles_list (fixture->database, TRUE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (roles);
  for (guint i = 0; roles != NULL && i < roles->len; i++)
    {
      PdVolunteerRole *role = g_ptr_array_index (roles, i);

      if (g_strcmp0 (role->label, label) == 0)
        {
          *id = role->id;
          *archived = role->archived;
          return TRUE;
        }
    }
  return FALSE;
}

/* Roles and training domains are edited on the Volunteers page. */
static void
test_preferences_roles_domains (Fixture       *fixture,
                                gconstpointer  data)
{
  GtkWidget *window = pd_preferences_window_new (fixture->window, fixture->context);
  GtkWidget *new_role = GTK_WIDGET (child (window, PD_TYPE_PREFERENCES_WINDOW, "new_role_row"));
  GtkWidget *new_domain = GTK_WIDGET (child (window, PD_TYPE_PREFERENCES_WINDOW,
                                             "new_domain_row"));
  GtkWidget *archived_roles = GTK_WIDGET (child (window, PD_TYPE_PREFERENCES_WINDOW,
                                                 "archived_roles_group"));
  g_autoptr(GPtrArray) domains = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *row, *button;
  gint64 id, other_id;
  gboolean archived = TRUE;
  guint n_domains;
  gboolean found = FALSE;

  gtk_window_present (GTK_WINDOW (window));
  pd_test_iterate (100);
  g_assert_false (gtk_widget_get_visible (archived_roles));

  /* Add: "&" is text, not markup, everywhere the label shows. */
  gtk_editable_set_text (GTK_EDITABLE (new_role), "Intake & outreach");
  g_signal_emit_by_name (new_role, "apply");
  g_assert_true (role_stored (fixture, "Intake & outreach", &id, &archived));
  g_assert_false (archived);
  g_assert_nonnull (find_entry_row (window, "Intake & outreach"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (new_role)), ==, "");

  /* Rename */
  row = find_entry_row (window, "Intake & outreach");
  gtk_editable_set_text (GTK_EDITABLE (row), "Outreach & intake");
  g_signal_emit_by_name (row, "apply");
  g_assert_false (role_stored (fixture, "Intake & outreach", &other_id, &archived));
  g_assert_true (role_stored (fixture, "Outreach & intake", &other_id, &archived));
  g_assert_cmpint (other_id, ==, id);
  g_assert_nonnull (find_entry_row (window, "Outreach & intake"));

  /* An empty name is refused and the row shows the stored one again. */
  row = find_entry_row (window, "Outreach & intake");
  gtk_editable_set_text (GTK_EDITABLE (row), "  ");
  g_signal_emit_by_name (row, "apply");
  g_assert_nonnull (find_entry_row (window, "Outreach & intake"));

  /* Archive, then restore with the archived row's button */
  gtk_widget_activate_action (window, "roles.archive", "x", id);
  g_assert_true (role_stored (fixture, "Outreach & intake", &other_id, &archived));
  g_assert_true (archived);
  g_assert_null (find_entry_row (window, "Outreach & intake"));
  g_assert_true (gtk_widget_get_visible (archived_roles));
  button = find_restore_button (archived_roles, "roles.restore", id);
  g_assert_nonnull (button);
  gtk_test_accessible_assert_property (button, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Restore role Outreach & intake");
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (role_stored (fixture, "Outreach & intake", &other_id, &archived));
  g_assert_false (archived);
  g_assert_nonnull (find_entry_row (window, "Outreach & intake"));
  g_assert_false (gtk_widget_get_visible (archived_roles));

  /* A domain's code is made from its label. */
  domains = pd_domains_list (fixture->database, &error);
  g_assert_no_error (error);
  n_domains = domains->len;
  g_clear_pointer (&domains, g_ptr_array_unref);
  gtk_editable_set_text (GTK_EDITABLE (new_domain), "Harm  reduction & Éthique!");
  g_signal_emit_by_name (new_domain, "apply");
  domains = pd_domains_list (fixture->database, &error);
  g_assert_cmpuint (domains->len, ==, n_domains + 1);
  for (guint i = 0; i < domains->len; i++)
    {
      PdDomain *domain = g_ptr_array_index (domains, i);

      if (g_strcmp0 (domain->code, "harm_reduction_ethique") == 0)
        {
          g_assert_cmpstr (domain->label, ==, "Harm  reduction & Éthique!");
          found = TRUE;
        }
    }
  g_assert_true (found);
  g_clear_pointer (&domains, g_ptr_array_unref);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (new_domain)), ==, "");
  g_assert_false (gtk_widget_has_css_class (new_domain, "error"));

  /* A label with nothing to make a code of is refused in the field. */
  gtk_editable_set_text (GTK_EDITABLE (new_domain), "?!");
  g_signal_emit_by_name (new_domain, "apply");
  domains = pd_domains_list (fixture->database, &error);
  g_assert_cmpuint (domains->len, ==, n_domains + 1);
  g_assert_true (gtk_widget_has_css_class (new_domain, "error"));
  assert_contains (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (new_domain)),
                   "letter or a digit");
  gtk_editable_set_text (GTK_EDITABLE (new_domain), "Ethics");
  g_assert_false (gtk_widget_has_css_class (new_domain, "error"));

  gtk_window_destroy (GTK_WINDOW (window));
  pd_test_iterate (50);
}

static void
test_preferences_screenshot (Fixture       *fixture,
                             gconstpointer  data)
{
  const char *dir = g_getenv ("PD_TEST_SCREENSHOTS");
  GtkWidget *window;
  GtkWindow *main_window = fixture->window;

  if (dir == NULL)
    {
      g_test_skip ("PD_TEST_SCREENSHOTS is not set");
      return;
    }
  window = pd_preferences_window_new (fixture->window, fixture->context);
  gtk_widget_activate_action (window, "purposes.archive", "x",
                              pd_purposes_find (fixture->database, "Other", NULL));
  gtk_window_present (GTK_WINDOW (window));
  fixture->window = GTK_WINDOW (window);
  screenshot (fixture, "preferences");
  fixture->window = main_window;
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Another program (an import) holding the write lock, as `peerdesk-cli
 * import` does for the whole import. */
static sqlite3 *
hold_write_lock (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (fixture->dir, "test.db", NULL);
  sqlite3 *blocker = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &blocker, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (blocker, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  return blocker;
}

static void
release_write_lock (sqlite3    *blocker,
                    const char *how)
{
  g_assert_cmpint (sqlite3_exec (blocker, how, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (blocker), ==, SQLITE_OK);
}

static gboolean
waiting_shown (Fixture *fixture)
{
  return gtk_revealer_get_reveal_child (GTK_REVEALER (page_child (fixture, "waiting_revealer")));
}

/* A check-in during someone else's import is kept, saved by itself once the
 * import is over, once, at the time of the key press. */
static void
check_busy_retry (Fixture    *fixture,
                  const char *how)
{
  sqlite3 *blocker = hold_write_lock (fixture);
  g_autoptr(GPtrArray) visits = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *toasts = NULL;
  g_autofree char *text = NULL;
  PdVisit *visit;
  gint64 start;

  before = pd_local_now ();
  start = g_get_monotonic_time ();
  type (fixture, "jos");
  press_enter (fixture);
  after = pd_local_now ();

  /* The window did not freeze for SQLite's usual five seconds. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_assert_true (waiting_shown (fixture));
  g_assert_cmpuint (pd_checkin_page_get_n_waiting (fixture->page), ==, 1);
  text = pd_test_dup_text (page_child (fixture, "waiting_revealer"));
  assert_contains (text, "Another program is saving records; this check-in will be saved as "
                         "soon as it finishes");
  /* The desk is ready for the next person meanwhile. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry (fixture))), ==, "");
  g_assert_true (focus_in (fixture, entry (fixture)));
  toasts = pd_test_dup_toast_text (page_child (fixture, "toast_overlay"));
  assert_lacks (toasts, "Could not");
  g_clear_pointer (&toasts, g_free);

  /* Still waiting while the import goes on: the page retries on its own. */
  pd_test_iterate (2500);
  g_assert_true (waiting_shown (fixture));
  visits = visits_today (fixture);
  g_assert_cmpuint (visits->len, ==, 0);
  g_clear_pointer (&visits, g_ptr_array_unref);

  release_write_lock (blocker, how);
  pd_test_iterate (1500);

  g_assert_false (waiting_shown (fixture));
  g_assert_cmpuint (pd_checkin_page_get_n_waiting (fixture->page), ==, 0);
  toasts = pd_test_dup_toast_text (page_child (fixture, "toast_overlay"));
  assert_contains (toasts, "José M. checked in");
  visits = visits_today (fixture);
  g_assert_cmpuint (visits->len, ==, 1);
  visit = g_ptr_array_index (visits, 0);
  g_assert_cmpstr (visit->member_name, ==, "José Müller");
  /* The time of the key press, not of the save seconds later. */
  g_assert_cmpstr (visit->visited_at, >=, before);
  g_assert_cmpstr (visit->visited_at, <=, after);
  g_assert_cmpuint (page_counts (fixture).visits, ==, 1);

  /* Saved once: nothing more comes of the retries. */
  pd_test_iterate (1500);
  g_clear_pointer (&visits, g_ptr_array_unref);
  visits = visits_today (fixture);
  g_assert_cmpuint (visits->len, ==, 1);
}

static void
test_busy_retry_rollback (Fixture       *fixture,
                          gconstpointer  data)
{
  check_busy_retry (fixture, "ROLLBACK");
}

/* An import that commits changes the database under the desk: the kept
 * check-in is saved on top of it. */
static void
test_busy_retry_commit (Fixture       *fixture,
                        gconstpointer  data)
{
  check_busy_retry (fixture, "COMMIT");
}

/* A second check-in while the first waits queues behind it; both are saved
 * in the order of the key presses. */
static void
test_busy_several (Fixture       *fixture,
                   gconstpointer  data)
{
  sqlite3 *blocker = hold_write_lock (fixture);
  g_autoptr(GPtrArray) visits = NULL;
  g_autofree char *text = NULL;

  type (fixture, "jos");
  press_enter (fixture);
  /* A second apart, so that the two visits' times differ. */
  pd_test_iterate (1100);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "checkin.anonymous", NULL);
  g_assert_cmpuint (pd_checkin_page_get_n_waiting (fixture->page), ==, 2);
  text = pd_test_dup_text (page_child (fixture, "waiting_revealer"));
  assert_contains (text, "these 2 check-ins will be saved");
  screenshot (fixture, "checkin-waiting");

  release_write_lock (blocker, "COMMIT");
  pd_test_iterate (1500);
  g_assert_cmpuint (pd_checkin_page_get_n_waiting (fixture->page), ==, 0);
  visits = visits_today (fixture);
  g_assert_cmpuint (visits->len, ==, 2);
  /* Newest first. */
  g_assert_cmpint (((PdVisit *) g_ptr_array_index (visits, 0))->member_id, ==, 0);
  g_assert_cmpstr (((PdVisit *) g_ptr_array_index (visits, 1))->member_name, ==, "José Müller");
  g_assert_cmpstr (((PdVisit *) g_ptr_array_index (visits, 0))->visited_at, >,
                   ((PdVisit *) g_ptr_array_index (visits, 1))->visited_at);
}

/* Registering a newcomer during an import keeps the form as typed and
 * says to try again, without freezing the window; once the import is
 * over, Register saves them, once. */
static void
test_busy_newcomer (Fixture       *fixture,
                    gconstpointer  data)
{
  sqlite3 *blocker = hold_write_lock (fixture);
  GtkWidget *first = page_child (fixture, "first_name_row");
  gint64 members = pd_members_count (fixture->database, NULL);
  g_autoptr(GPtrArray) visits = NULL;
  g_autofree char *toasts = NULL;
  gint64 start;

  g_signal_emit_by_name (page_child (fixture, "newcomer_button"), "clicked");
  gtk_editable_set_text (GTK_EDITABLE (first), "Ana");
  start = g_get_monotonic_time ();
  g_signal_emit_by_name (page_child (fixture, "register_button"), "clicked");
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);

  toasts = pd_test_dup_toast_text (page_child (fixture, "toast_overlay"));
  assert_contains (toasts, "press Register again in a moment");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (first)), ==, "Ana");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (page_child (fixture,
                                                                          "newcomer_revealer"))));
  g_assert_cmpint (pd_members_count (fixture->database, NULL), ==, members);

  release_write_lock (blocker, "ROLLBACK");
  g_signal_emit_by_name (page_child (fixture, "register_button"), "clicked");
  g_assert_cmpint (pd_members_count (fixture->database, NULL), ==, members + 1);
  visits = visits_today (fixture);
  g_assert_cmpuint (visits->len, ==, 1);
}

static gpointer
release_later_cb (gpointer data)
{
  g_usleep (G_USEC_PER_SEC);
  release_write_lock (data, "ROLLBACK");
  return NULL;
}

/* Closing with a check-in still waiting waits longer for the import
 * rather than dropping it. */
static void
test_busy_closing (Fixture       *fixture,
                   gconstpointer  data)
{
  sqlite3 *blocker = hold_write_lock (fixture);
  g_autoptr(GPtrArray) visits = NULL;
  GThread *thread;

  type (fixture, "jos");
  press_enter (fixture);
  g_assert_cmpuint (pd_checkin_page_get_n_waiting (fixture->page), ==, 1);

  /* The import ends a second after the window starts closing, before the
   * page would have retried by itself. */
  thread = g_thread_new ("import", release_later_cb, blocker);
  g_assert_true (pd_checkin_page_save_waiting (fixture->page));
  g_thread_join (thread);

  g_assert_cmpuint (pd_checkin_page_get_n_waiting (fixture->page), ==, 0);
  visits = visits_today (fixture);
  g_assert_cmpuint (visits->len, ==, 1);
  g_assert_cmpstr (((PdVisit *) g_ptr_array_index (visits, 0))->member_name, ==, "José Müller");
}

/* Side by side when wide; the Today list below the desk when narrow. */
static void
test_layout (Fixture       *fixture,
             gconstpointer  data)
{
  const Size *size = data;
  GtkWidget *panes = page_child (fixture, "panes");
  GtkWidget *desk = gtk_widget_get_first_child (panes);
  GtkWidget *today_pane = gtk_widget_get_last_child (panes);
  graphene_rect_t desk_bounds, today_bounds;
  g_autofree char *name = g_strdup_printf ("checkin-layout-%dx%d", size->width, size->height);

  type (fixture, "jo");
  pd_test_iterate (300);
  press_enter (fixture);
  g_signal_emit_by_name (page_child (fixture, "anonymous_button"), "clicked");
  type (fixture, "ma");
  pd_test_iterate (300);

  g_assert_true (gtk_widget_compute_bounds (desk, panes, &desk_bounds));
  g_assert_true (gtk_widget_compute_bounds (today_pane, panes, &today_bounds));
  if (size->width >= 720)
    {
      g_assert_cmpfloat (today_bounds.origin.x, >=, desk_bounds.size.width);
      g_assert_cmpfloat (today_bounds.origin.y, ==, 0);
    }
  else
    {
      g_assert_cmpfloat (today_bounds.origin.y, >=, desk_bounds.size.height);
      g_assert_cmpfloat (today_bounds.size.width, ==, desk_bounds.size.width);
    }
  /* Nothing wider than the window. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->page)), <=, size->width);
  screenshot (fixture, name);
}

static const Size wide = { 1280, 800 };
static const Size narrow = { 600, 800 };
static const Size phone = { 360, 720 };

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/checkin/templates-build", test_templates_build);
  g_test_add ("/checkin/keyboard", Fixture, NULL, fixture_set_up, test_keyboard_check_in,
              fixture_tear_down);
  g_test_add ("/checkin/arrow-choice", Fixture, NULL, fixture_set_up, test_arrow_choice,
              fixture_tear_down);
  g_test_add ("/checkin/undo", Fixture, NULL, fixture_set_up, test_undo, fixture_tear_down);
  g_test_add ("/checkin/undo/after-toast", Fixture, NULL, fixture_set_up, test_undo_after_toast,
              fixture_tear_down);
  g_test_add ("/checkin/repeat-asks", Fixture, NULL, fixture_set_up, test_repeat_check_in,
              fixture_tear_down);
  g_test_add ("/checkin/namesakes/rows", Fixture, NULL, fixture_set_up, test_namesake_rows,
              fixture_tear_down);
  g_test_add ("/checkin/namesakes/newcomer", Fixture, NULL, fixture_set_up,
              test_newcomer_namesake, fixture_tear_down);
  g_test_add ("/checkin/anonymous", Fixture, NULL, fixture_set_up, test_anonymous,
              fixture_tear_down);
  g_test_add ("/checkin/newcomer", Fixture, NULL, fixture_set_up, test_newcomer,
              fixture_tear_down);
  g_test_add ("/checkin/busy/retry-rollback", Fixture, NULL, fixture_set_up,
              test_busy_retry_rollback, fixture_tear_down);
  g_test_add ("/checkin/busy/retry-commit", Fixture, NULL, fixture_set_up,
              test_busy_retry_commit, fixture_tear_down);
  g_test_add ("/checkin/busy/several", Fixture, NULL, fixture_set_up, test_busy_several,
              fixture_tear_down);
  g_test_add ("/checkin/busy/newcomer", Fixture, NULL, fixture_set_up, test_busy_newcomer,
              fixture_tear_down);
  g_test_add ("/checkin/busy/closing", Fixture, NULL, fixture_set_up, test_busy_closing,
              fixture_tear_down);
  g_test_add ("/checkin/inactive-member", Fixture, NULL, fixture_set_up, test_inactive_member,
              fixture_tear_down);
  g_test_add ("/checkin/privacy", Fixture, NULL, fixture_set_up, test_privacy,
              fixture_tear_down);
  g_test_add ("/checkin/empty-enter", Fixture, NULL, fixture_set_up, test_empty_enter,
              fixture_tear_down);
  g_test_add ("/checkin/accessibility", Fixture, NULL, fixture_set_up, test_accessibility,
              fixture_tear_down);
  g_test_add ("/checkin/preferences", Fixture, NULL, fixture_set_up, test_preferences,
              fixture_tear_down);
  g_test_add ("/checkin/preferences/roles-domains", Fixture, NULL, fixture_set_up,
              test_preferences_roles_domains, fixture_tear_down);
  g_test_add ("/checkin/preferences-screenshot", Fixture, NULL, fixture_set_up,
              test_preferences_screenshot, fixture_tear_down);
  g_test_add ("/checkin/other-program", Fixture, NULL, fixture_set_up, test_other_program,
              fixture_tear_down);
  g_test_add ("/checkin/layout/wide", Fixture, &wide, fixture_set_up, test_layout,
              fixture_tear_down);
  g_test_add ("/checkin/layout/narrow", Fixture, &narrow, fixture_set_up, test_layout,
              fixture_tear_down);
  g_test_add ("/checkin/layout/phone", Fixture, &phone, fixture_set_up, test_layout,
              fixture_tear_down);

  return g_test_run ();
}
