/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "pd-checkin-page.h"
#include "pd-context.h"
#include "pd-error-window.h"
#include "pd-demo.h"
#include "pd-group-editor.h"
#include "pd-groups.h"
#include "pd-hours-editor.h"
#include "pd-meetings-page.h"
#include "pd-audit-window.h"
#include "pd-preferences-window.h"
#include "pd-staff.h"
#include "pd-staff-dialog.h"
#include "pd-volunteer-editor.h"
#include "pd-volunteers-page.h"
#include "pd-volunteers.h"
#include "pd-window.h"
#include "pd-test-gui.h"

/* Every control a person can Tab to must have a name a screen reader can
 * speak. GTK 4.8 computes the name from the accessible label property and
 * the labels named by the labelled-by relation, in that order, joined by a
 * space; with neither, Orca hears the widget's type ("GtkToggleButton") or
 * nothing. These tests walk what each section shows and list every control
 * without such a name, or with one that says its label twice or keeps the
 * underscore of a mnemonic. */

typedef struct
{
  char *dir;
  PdDatabase *database;
  PdContext *context;
  PdWindow *window;
} Fixture;

typedef struct
{
  const char *section;
  guint n_controls;
  guint n_unnamed;
  guint n_doubled;
  GString *problems;
  GHashTable *seen;    /* controls already checked in this walk */
} Walk;

/* The accessible label property of @widget, or NULL. The test API only
 * compares values; a value nobody would set makes it hand the real one
 * back. */
static char *
dup_label_property (GtkWidget *widget)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);

  if (!gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL))
    return NULL;
  return gtk_test_accessible_check_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                             "\x01 no such label");
}

/* The widget under @root that @control is labelled by, if it is a single
 * one. The test API cannot list the relation's targets, so each candidate
 * is compared in turn, nearest first. */
static GtkWidget *
find_labelled_by_in (GtkWidget *control,
                     GtkWidget *root)
{
  if (root != control)
    {
      g_autofree char *other = gtk_test_accessible_check_relation (
        GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_RELATION_LABELLED_BY, root, NULL);

      if (other == NULL)
        return root;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_labelled_by_in (control, c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_labelled_by (GtkWidget *control)
{
  for (GtkWidget *w = control; w != NULL; w = gtk_widget_get_parent (w))
    {
      GtkWidget *found = find_labelled_by_in (control, w);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The parts GTK 4.8 joins into the accessible name of @widget: its label
 * property, then the label property of what it is labelled by. A
 * labelled-by relation this cannot resolve yields "?", a name it cannot
 * judge. */
static GPtrArray *
name_parts (GtkWidget *widget)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  char *label = dup_label_property (widget);

  if (label != NULL)
    g_ptr_array_add (parts, label);
  if (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    {
      GtkWidget *target = find_labelled_by (widget);

      if (target == NULL)
        g_ptr_array_add (parts, g_strdup ("?"));
      else if ((label = dup_label_property (target)) != NULL)
        g_ptr_array_add (parts, label);
    }
  return parts;
}

/* An underscore before a letter or digit that is not itself escaped by a
 * second one: a mnemonic mark read aloud as "underscore". */
static gboolean
has_mnemonic_mark (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (p[0] == '_' && p[1] == '_')
        {
          p++;
          continue;
        }
      if (p[0] == '_' && g_ascii_isalnum (p[1]))
        return TRUE;
    }
  return FALSE;
}

static char *
describe_widget (GtkWidget *widget)
{
  const char *id = GTK_IS_BUILDABLE (widget)
                   ? gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)) : NULL;
  const char *name = gtk_widget_get_name (widget);
  GString *text = g_string_new (G_OBJECT_TYPE_NAME (widget));

  if (id != NULL)
    g_string_append_printf (text, "#%s", id);
  else if (name != NULL && g_strcmp0 (name, G_OBJECT_TYPE_NAME (widget)) != 0)
    g_string_append_printf (text, "(%s)", name);
  return g_string_free (text, FALSE);
}

/* The widget and its ancestors up to the nearest of ours, so a failure
 * says where to look. */
static char *
describe_chain (GtkWidget *widget)
{
  GString *text = g_string_new (NULL);
  guint depth = 0;

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w), depth++)
    {
      g_autofree char *one = describe_widget (w);

      if (depth > 0)
        g_string_append (text, " < ");
      g_string_append (text, one);
      if (depth > 0 && g_str_has_prefix (G_OBJECT_TYPE_NAME (w), "Pd"))
        break;
      if (depth >= 12)
        {
          g_string_append (text, " < …");
          break;
        }
    }
  return g_string_free (text, FALSE);
}

/* Containers pass the focus on to what they hold and take it themselves
 * only when they hold nothing that can. */
static gboolean
is_container (GtkWidget *widget)
{
  return GTK_IS_SCROLLED_WINDOW (widget) || GTK_IS_VIEWPORT (widget) ||
         GTK_IS_LIST_VIEW (widget) || GTK_IS_GRID_VIEW (widget) ||
         GTK_IS_COLUMN_VIEW (widget) || GTK_IS_LIST_BOX (widget) || GTK_IS_FLOW_BOX (widget) ||
         ADW_IS_EXPANDER_ROW (widget) || ADW_IS_ENTRY_ROW (widget);
}

static gboolean
holds_focusable (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      if (!gtk_widget_get_mapped (c) || !gtk_widget_get_can_focus (c) || GTK_IS_POPOVER (c))
        continue;
      if ((gtk_widget_get_focusable (c) && gtk_widget_is_sensitive (c)) || holds_focusable (c))
        return TRUE;
    }
  return FALSE;
}

/* Roles that assistive technologies are not shown, or that only group
 * others: a focused text inside an entry is presented as the entry. */
static gboolean
is_hidden_role (GtkAccessibleRole role)
{
  return role == GTK_ACCESSIBLE_ROLE_NONE || role == GTK_ACCESSIBLE_ROLE_PRESENTATION;
}

static gboolean
is_structural_role (GtkAccessibleRole role)
{
  return is_hidden_role (role) || role == GTK_ACCESSIBLE_ROLE_GENERIC ||
         role == GTK_ACCESSIBLE_ROLE_GROUP || role == GTK_ACCESSIBLE_ROLE_WIDGET;
}

static void
check_control (Walk      *walk,
               GtkWidget *widget)
{
  g_autoptr(GPtrArray) parts = NULL;
  g_autofree char *chain = NULL;
  g_autofree char *joined = NULL;
  gboolean unnamed = TRUE;
  gboolean doubled = FALSE;

  if (is_container (widget) && holds_focusable (widget))
    return;
  /* What a screen reader presents for a control it is not shown. */
  if (is_hidden_role (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget))))
    {
      GtkWidget *presented = gtk_widget_get_parent (widget);

      while (presented != NULL &&
             is_structural_role (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (presented))))
        presented = gtk_widget_get_parent (presented);
      if (presented != NULL)
        widget = presented;
    }

  if (!g_hash_table_add (walk->seen, widget))
    return;
  walk->n_controls++;
  parts = name_parts (widget);
  for (guint i = 0; i < parts->len; i++)
    {
      const char *part = g_ptr_array_index (parts, i);
      g_autofree char *stripped = g_strstrip (g_strdup (part));

      if (*stripped != '\0')
        unnamed = FALSE;
      if (has_mnemonic_mark (part))
        doubled = TRUE;
      for (guint j = 0; j < i; j++)
        if (g_strcmp0 (g_ptr_array_index (parts, j), part) == 0)
          doubled = TRUE;
    }
  if (!unnamed && !doubled)
    return;

  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv ("” + “", (char **) parts->pdata);
  chain = describe_chain (widget);
  if (unnamed)
    {
      walk->n_unnamed++;
      g_string_append_printf (walk->problems, "  %s: no name: %s\n", walk->section, chain);
    }
  else
    {
      walk->n_doubled++;
      g_string_append_printf (walk->problems, "  %s: name “%s” repeats its label or keeps a "
                              "mnemonic: %s\n", walk->section, joined, chain);
    }
}

static void walk_widget (Walk      *walk,
                         GtkWidget *widget);

static GtkWidget *
find_popover (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = GTK_IS_POPOVER (c) ? c : find_popover (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A drop-down's choices and a menu's items are controls too, once open. */
static void
walk_popover_of (Walk      *walk,
                 GtkWidget *widget)
{
  GtkWidget *popover = find_popover (widget);
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (widget));
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
  GdkRectangle screen;
  graphene_rect_t bounds;

  if (popover == NULL)
    return;
  /* A popover cannot be placed off the screen of the test's display server,
   * which can be smaller than the window. */
  gdk_monitor_get_geometry (monitor, &screen);
  if (!gtk_widget_compute_bounds (widget, GTK_WIDGET (gtk_widget_get_root (widget)), &bounds) ||
      bounds.origin.x + bounds.size.width > screen.width ||
      bounds.origin.y + bounds.size.height > screen.height)
    {
      g_test_message ("%s: not opened, off the screen: %s", walk->section,
                      G_OBJECT_TYPE_NAME (widget));
      return;
    }
  gtk_popover_popup (GTK_POPOVER (popover));
  pd_test_iterate (50);
  walk_widget (walk, popover);
  gtk_popover_popdown (GTK_POPOVER (popover));
  pd_test_iterate (20);
}

static void
walk_widget (Walk      *walk,
             GtkWidget *widget)
{
  /* What is not shown, or refuses focus for itself and what it holds, is
   * not in the Tab chain. */
  if (!gtk_widget_get_mapped (widget) || !gtk_widget_get_can_focus (widget))
    return;
  if (gtk_widget_get_focusable (widget) && gtk_widget_is_sensitive (widget))
    check_control (walk, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    walk_widget (walk, c);
  if ((GTK_IS_DROP_DOWN (widget) || ADW_IS_COMBO_ROW (widget) || GTK_IS_MENU_BUTTON (widget)) &&
      gtk_widget_is_sensitive (widget))
    walk_popover_of (walk, widget);
}

static Walk *
walk_new (const char *section)
{
  Walk *walk = g_new0 (Walk, 1);

  walk->section = section;
  walk->problems = g_string_new (NULL);
  walk->seen = g_hash_table_new (NULL, NULL);
  return walk;
}

static void
walk_free (Walk *walk)
{
  g_string_free (walk->problems, TRUE);
  g_hash_table_unref (walk->seen);
  g_free (walk);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Walk, walk_free)

/* Walks what @root shows, adding to @walk. */
static void
walk_root (Walk      *walk,
           GtkWidget *root)
{
  pd_test_iterate (200);
  walk_widget (walk, root);
}

static void
assert_walk (Walk *walk)
{
  g_test_message ("%s: %u focusable controls, %u without a name, %u with a doubled name",
                  walk->section, walk->n_controls, walk->n_unnamed, walk->n_doubled);
  /* An empty walk would pass whatever the widgets say. */
  g_assert_cmpuint (walk->n_controls, >, 0);
  if (walk->problems->len > 0)
    g_printerr ("%s", walk->problems->str);
  if (walk->problems->len > 0)
    g_test_fail_printf ("%s: %u without a name, %u with a doubled name, of %u controls:\n%s",
                        walk->section, walk->n_unnamed, walk->n_doubled, walk->n_controls,
                        walk->problems->str);
}

static GtkWidget *
section (Fixture    *fixture,
         const char *name)
{
  AdwViewStack *sections = ADW_VIEW_STACK (
    gtk_widget_get_template_child (GTK_WIDGET (fixture->window), PD_TYPE_WINDOW, "sections"));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-section", "s", name);
  pd_test_iterate (300);
  return adw_view_stack_get_child_by_name (sections, name);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  PdDemoOptions options = { .n_members = 200, .seed = 1, .n_years = 2 };
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("peerdesk-a11y-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->database = pd_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (pd_demo_fill (fixture->database, &options, &error));
  g_assert_no_error (error);

  fixture->context = pd_context_new (fixture->database, settings);
  fixture->window = pd_window_new (NULL, fixture->context);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 720);
  gtk_window_present (GTK_WINDOW (fixture->window));
  pd_test_iterate (200);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  pd_test_gui_tear_down (&fixture->dir, &fixture->context, &fixture->database, NULL);
}

/* The front desk, with someone searched for and the day's visits listed,
 * and its form for a new visitor. */
static void
test_checkin (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *page = section (fixture, "checkin");
  GtkWidget *entry = GTK_WIDGET (gtk_widget_get_template_child (page, PD_TYPE_CHECKIN_PAGE,
                                                                "search_entry"));
  g_autoptr(Walk) walk = walk_new ("Check-in");
  g_autoptr(Walk) newcomer = walk_new ("New Visitor");

  walk_root (walk, GTK_WIDGET (fixture->window));
  /* Someone checked in lists a visit under Today. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "ma");
  pd_test_iterate (400);
  g_signal_emit_by_name (entry, "activate");
  pd_test_iterate (200);
  gtk_editable_set_text (GTK_EDITABLE (entry), "ma");
  pd_test_iterate (400);
  walk_root (walk, GTK_WIDGET (fixture->window));
  assert_walk (walk);

  g_assert_true (gtk_widget_activate_action (page, "checkin.newcomer", NULL));
  walk_root (newcomer, GTK_WIDGET (fixture->window));
  assert_walk (newcomer);
}

/* The list of members, a member's record and the form for a new one. */
static void
test_members (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *page = section (fixture, "members");
  g_autoptr(Walk) walk = walk_new ("Members");
  g_autoptr(Walk) form = walk_new ("New Member");

  walk_root (walk, GTK_WIDGET (fixture->window));
  assert_walk (walk);

  g_assert_true (gtk_widget_activate_action (page, "members.new", NULL));
  walk_root (form, GTK_WIDGET (fixture->window));
  assert_walk (form);
}

/* The day's meetings, a group's page and a session's attendance. */
static void
test_meetings (Fixture       *fixture,
               gconstpointer  data)
{
  PdMeetingsPage *page = PD_MEETINGS_PAGE (section (fixture, "meetings"));
  g_autoptr(GPtrArray) groups = pd_groups_list (fixture->database, FALSE, NULL);
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(Walk) walk = walk_new ("Meetings");
  g_autoptr(Walk) group = walk_new ("Group");
  g_autoptr(Walk) attendance = walk_new ("Attendance");
  gint64 session_id = 0;

  walk_root (walk, GTK_WIDGET (fixture->window));
  assert_walk (walk);

  g_assert_nonnull (groups);
  g_assert_cmpuint (groups->len, >, 0);
  pd_meetings_page_show_group (page, ((PdGroup *) g_ptr_array_index (groups, 0))->id);
  walk_root (group, GTK_WIDGET (fixture->window));
  assert_walk (group);

  sessions = pd_sessions_list_for_group (fixture->database,
                                         ((PdGroup *) g_ptr_array_index (groups, 0))->id,
                                         FALSE, 0, 10, NULL);
  g_assert_nonnull (sessions);
  for (guint i = 0; i < sessions->len && session_id == 0; i++)
    {
      PdSession *session = g_ptr_array_index (sessions, i);

      if (!session->cancelled)
        session_id = session->id;
    }
  g_assert_cmpint (session_id, >, 0);
  pd_meetings_page_show_session (page, session_id);
  walk_root (attendance, GTK_WIDGET (fixture->window));
  assert_walk (attendance);
}

/* The volunteers, and one volunteer's page. */
static void
test_volunteers (Fixture       *fixture,
                 gconstpointer  data)
{
  PdVolunteersPage *page = PD_VOLUNTEERS_PAGE (section (fixture, "volunteers"));
  g_autoptr(GPtrArray) volunteers = pd_volunteers_list (fixture->database, NULL, NULL, NULL);
  g_autoptr(Walk) walk = walk_new ("Volunteers");
  g_autoptr(Walk) volunteer = walk_new ("Volunteer");

  walk_root (walk, GTK_WIDGET (fixture->window));
  assert_walk (walk);

  g_assert_nonnull (volunteers);
  g_assert_cmpuint (volunteers->len, >, 0);
  pd_volunteers_page_show_volunteer (page,
                                     ((PdVolunteer *) g_ptr_array_index (volunteers, 0))->id);
  walk_root (volunteer, GTK_WIDGET (fixture->window));
  assert_walk (volunteer);
}

/* Walks the dialog of @type that @action_name on @widget opens. */
static void
walk_dialog (GtkWidget  *widget,
             const char *action_name,
             GType       type,
             const char *name)
{
  g_autoptr(Walk) walk = walk_new (name);
  GtkWidget *dialog;

  g_assert_true (gtk_widget_activate_action (widget, action_name, NULL));
  pd_test_iterate (200);
  dialog = pd_test_find_toplevel (type);
  g_assert_nonnull (dialog);
  walk_root (walk, dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  pd_test_iterate (50);
  assert_walk (walk);
}

/* The forms for a group, a volunteer and a volunteer's hours. */
static void
test_editors (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *meetings = section (fixture, "meetings");
  GtkWidget *volunteers;
  g_autoptr(GPtrArray) list = pd_volunteers_list (fixture->database, NULL, NULL, NULL);

  walk_dialog (meetings, "meetings.new-group", PD_TYPE_GROUP_EDITOR, "Group Editor");
  volunteers = section (fixture, "volunteers");
  walk_dialog (volunteers, "volunteers.new", PD_TYPE_VOLUNTEER_EDITOR, "Volunteer Editor");
  g_assert_nonnull (list);
  g_assert_cmpuint (list->len, >, 0);
  pd_volunteers_page_show_volunteer (PD_VOLUNTEERS_PAGE (volunteers),
                                     ((PdVolunteer *) g_ptr_array_index (list, 0))->id);
  pd_test_iterate (200);
  walk_dialog (volunteers, "volunteers.log-hours", PD_TYPE_HOURS_EDITOR, "Hours Editor");
}

static void
test_reports (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(Walk) walk = walk_new ("Reports");

  section (fixture, "reports");
  walk_root (walk, GTK_WIDGET (fixture->window));
  assert_walk (walk);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = G_TYPE_CHECK_INSTANCE_TYPE (c, type) ? c : find_descendant (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Every page of the preferences. */
static void
test_preferences (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *window = pd_preferences_window_new (GTK_WINDOW (fixture->window), fixture->context);
  g_autoptr(Walk) walk = walk_new ("Preferences");
  GtkWidget *stack;
  guint n_pages = 0;

  gtk_window_present (GTK_WINDOW (window));
  pd_test_iterate (200);
  stack = find_descendant (window, ADW_TYPE_VIEW_STACK);
  g_assert_nonnull (stack);
  for (GtkWidget *page = gtk_widget_get_first_child (stack); page != NULL;
       page = gtk_widget_get_next_sibling (page), n_pages++)
    {
      adw_view_stack_set_visible_child (ADW_VIEW_STACK (stack), page);
      walk_root (walk, window);
    }
  g_assert_cmpuint (n_pages, >, 1);
  gtk_window_destroy (GTK_WINDOW (window));
  pd_test_iterate (50);
  assert_walk (walk);
}

/* What a director sees of the staff: the Staff page with its accounts,
 * the form adding one, and the audit trail. */
static void
test_staff (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(Walk) walk = walk_new ("Staff");
  g_autoptr(GError) error = NULL;
  GtkWidget *window;

  pd_test_sign_in_director (fixture->database, "Dana", "correct horse");
  pd_test_add_staff (fixture->database, "Sam", PD_ROLE_FRONT_DESK, "front desk pass");

  window = pd_preferences_window_new (GTK_WINDOW (fixture->window), fixture->context);
  pd_preferences_window_show_staff (PD_PREFERENCES_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
  walk_root (walk, window);
  gtk_window_destroy (GTK_WINDOW (window));

  window = GTK_WIDGET (pd_staff_dialog_new (GTK_WINDOW (fixture->window), fixture->context,
                                            PD_STAFF_DIALOG_ADD, NULL));
  gtk_window_present (GTK_WINDOW (window));
  walk_root (walk, window);
  gtk_window_destroy (GTK_WINDOW (window));

  window = GTK_WIDGET (pd_audit_window_new (GTK_WINDOW (fixture->window), fixture->context));
  gtk_window_present (GTK_WINDOW (window));
  walk_root (walk, window);
  gtk_window_destroy (GTK_WINDOW (window));
  pd_test_iterate (50);
  pd_staff_sign_out (fixture->database);
  assert_walk (walk);
}

/* The window that says why a database could not be opened. */
static void
test_error_window (void)
{
  g_autoptr(GtkApplication) application = gtk_application_new ("org.peerdesk.PeerdeskTest",
                                                               G_APPLICATION_NON_UNIQUE);
  g_autoptr(GError) error = g_error_new_literal (G_FILE_ERROR, G_FILE_ERROR_NOENT,
                                                 "“/nowhere/peerdesk.db” does not exist");
  g_autoptr(GError) register_error = NULL;
  g_autoptr(Walk) walk = walk_new ("Could Not Open the Database");
  GtkWidget *window;

  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &register_error));
  g_assert_no_error (register_error);
  window = pd_error_window_new (application, error);
  gtk_window_present (GTK_WINDOW (window));
  walk_root (walk, window);
  g_assert_true (gtk_widget_get_mapped (window));
  /* It has nothing to do but say why: no Tab stop, and certainly none
   * without a name (its text's scroller was one). */
  g_test_message ("%s: %u focusable controls, %u without a name, %u with a doubled name",
                  walk->section, walk->n_controls, walk->n_unnamed, walk->n_doubled);
  if (walk->problems->len > 0)
    g_test_fail_printf ("%s", walk->problems->str);
  g_assert_cmpuint (walk->n_unnamed, ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  pd_test_iterate (50);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/accessibility/names/checkin", test_checkin);
  ADD ("/accessibility/names/members", test_members);
  ADD ("/accessibility/names/meetings", test_meetings);
  ADD ("/accessibility/names/volunteers", test_volunteers);
  ADD ("/accessibility/names/reports", test_reports);
  ADD ("/accessibility/names/preferences", test_preferences);
  ADD ("/accessibility/names/editors", test_editors);
  ADD ("/accessibility/names/staff", test_staff);

#undef ADD
  g_test_add_func ("/accessibility/names/error-window", test_error_window);

  return g_test_run ();
}
