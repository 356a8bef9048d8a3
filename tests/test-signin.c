/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <string.h>

#include "pd-checkin-page.h"
#include "pd-context.h"
#include "pd-desk-lock.h"
#include "pd-member-editor.h"
#include "pd-members-page.h"
#include "pd-members.h"
#include "pd-sign-in-view.h"
#include "pd-staff-button.h"
#include "pd-staff-private.h"
#include "pd-toast.h"
#include "pd-window.h"
#include "pd-test-gui.h"

#define DIRECTOR "Dana Director"
#define DIRECTOR_PASSPHRASE "director passphrase"
#define FRONT_DESK "Frank Front"
#define FACILITATOR "Fay Facilitator"
#define COORDINATOR "Cora Coordinator"
#define PIN "482913"
#define MEMBER_FIRST "Zebedee"
#define MEMBER_LAST "Quillfeather"

static const char *sections[] = { "checkin", "meetings", "members", "volunteers", "reports" };

typedef struct
{
  char *dir;
  PdDatabase *database;
  PdContext *context;
  PdWindow *window;
} Fixture;

static void
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
}

static void
add_staff (PdDatabase *database,
           const char *name,
           PdRole      role)
{
  g_autoptr(GError) error = NULL;

  pd_test_add_staff (database, name, role, "a long passphrase");
  g_assert_true (pd_staff_set_pin (database, name, PIN, &error));
  g_assert_no_error (error);
}

static void
open_window (Fixture *fixture,
             int      width)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  fixture->context = pd_context_new (fixture->database, settings);
  fixture->window = pd_window_new (NULL, fixture->context);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, 720);
  gtk_window_present (GTK_WINDOW (fixture->window));
  pd_test_iterate (100);
}

/* A centre with a member, and sign-in on: a director and one account of
 * each other role, all with the same PIN. Nobody is signed in. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = pd_test_make_shared_dir ();
  fixture->database = pd_test_new_database (fixture->dir, &path);
  add_member (fixture->database, MEMBER_FIRST, MEMBER_LAST);

  pd_test_sign_in_director (fixture->database, DIRECTOR, DIRECTOR_PASSPHRASE);
  add_staff (fixture->database, FRONT_DESK, PD_ROLE_FRONT_DESK);
  add_staff (fixture->database, FACILITATOR, PD_ROLE_FACILITATOR);
  add_staff (fixture->database, COORDINATOR, PD_ROLE_COORDINATOR);
  pd_staff_sign_out (fixture->database);

  open_window (fixture, g_getenv ("PD_TEST_WINDOW_WIDTH")
                        ? atoi (g_getenv ("PD_TEST_WINDOW_WIDTH")) : 1100);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  pd_test_gui_tear_down (&fixture->dir, &fixture->context, &fixture->database, NULL);
}

static PdDeskLock *
desk_lock (Fixture *fixture)
{
  return pd_window_get_desk_lock (fixture->window);
}

static PdSignInView *
sign_in_view (Fixture *fixture)
{
  return PD_SIGN_IN_VIEW (pd_desk_lock_get_sign_in_view (desk_lock (fixture)));
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The window's sections, found as a person sees them rather than through
 * the window's own getters. */
static AdwViewStack *
sections_stack (PdWindow *window)
{
  GtkWidget *stack = find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK);

  g_assert_nonnull (stack);
  return ADW_VIEW_STACK (stack);
}

static GtkWidget *
section_page (PdWindow   *window,
              const char *name)
{
  GtkWidget *page = adw_view_stack_get_child_by_name (sections_stack (window), name);

  g_assert_nonnull (page);
  return page;
}

static void
screenshot (Fixture    *fixture,
            const char *name)
{
  g_autofree char *file = g_strdup_printf ("%s.png", name);

  pd_test_save_screenshot (GTK_WINDOW (fixture->window), file);
}

/* Signs in through the view, as a person would: the name, the secret, Enter. */
static void
sign_in (Fixture    *fixture,
         const char *name,
         const char *secret)
{
  g_assert_true (pd_sign_in_view_select_name (sign_in_view (fixture), name));
  pd_sign_in_view_set_secret (sign_in_view (fixture), secret);
  pd_sign_in_view_sign_in (sign_in_view (fixture));
  pd_test_iterate (50);
}

/* Presses the key a person would, through the window's own shortcuts:
 * FALSE when it does nothing. */
static gboolean
press (GtkWidget       *widget,
       guint            keyval,
       GdkModifierType  modifiers)
{
  g_autoptr(GtkShortcutTrigger) trigger = gtk_keyval_trigger_new (keyval, modifiers);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), trigger))
            {
              gboolean done = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                            widget,
                                                            gtk_shortcut_get_arguments (shortcut));

              pd_test_iterate (50);
              return done;
            }
        }
    }
  g_assert_not_reached ();
  return FALSE;
}

/* Whether @text shows anywhere on screen in @widget: a label, a list's
 * inscription, an entry, a window title or a tooltip. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  const char *shown = NULL;
  g_autofree char *tooltip = NULL;

  if (!gtk_widget_get_mapped (widget))
    return FALSE;

  if (GTK_IS_LABEL (widget))
    shown = gtk_label_get_text (GTK_LABEL (widget));
  else if (GTK_IS_INSCRIPTION (widget))
    shown = gtk_inscription_get_text (GTK_INSCRIPTION (widget));
  else if (GTK_IS_EDITABLE (widget))
    shown = gtk_editable_get_text (GTK_EDITABLE (widget));
  else if (GTK_IS_WINDOW (widget))
    shown = gtk_window_get_title (GTK_WINDOW (widget));
  if (shown != NULL && strstr (shown, text) != NULL)
    return TRUE;
  tooltip = g_strdup (gtk_widget_get_tooltip_text (widget));
  if (tooltip != NULL && strstr (tooltip, text) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;
  return FALSE;
}

/* Whether anything of the records shows, in the window or any window over it. */
static gboolean
any_window_shows (const char *text)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (window) && shows_text (window, text))
        return TRUE;
    }
  return FALSE;
}

static guint
count_visible_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      n += gtk_widget_get_visible (window);
    }
  return n;
}

static gboolean
section_visible (Fixture    *fixture,
                 const char *name)
{
  AdwViewStack *stack = sections_stack (fixture->window);

  return adw_view_stack_page_get_visible (adw_view_stack_get_page (stack,
                                                                   section_page (fixture->window,
                                                                                 name)));
}

static void
assert_locked (Fixture *fixture)
{
  g_assert_true (pd_desk_lock_get_locked (desk_lock (fixture)));
  g_assert_null (pd_database_get_staff (fixture->database));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (sign_in_view (fixture))));
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    g_assert_false (gtk_widget_get_mapped (section_page (fixture->window, sections[i])));
  g_assert_false (any_window_shows (MEMBER_FIRST));
  g_assert_false (any_window_shows (MEMBER_LAST));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->window), "lock"));
}

/* Nothing of the records shows before anyone signs in, nor can a key or
 * an action bring a section up. */
static void
test_sign_in_shows_nothing (Fixture       *fixture,
                            gconstpointer  data)
{
  assert_locked (fixture);
  g_assert_true (any_window_shows ("Sign in to open the records."));
  screenshot (fixture, "signin-screen");

  /* A screen reader names each control by its label. */
  for (guint i = 0; i < 2; i++)
    {
      const char *names[] = { "name_dropdown", "secret_entry" };
      GObject *control = gtk_widget_get_template_child (GTK_WIDGET (sign_in_view (fixture)),
                                                        PD_TYPE_SIGN_IN_VIEW, names[i]);

      g_assert_true (GTK_IS_WIDGET (control));
      g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (control),
                                                       GTK_ACCESSIBLE_RELATION_LABELLED_BY));
    }

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-section", "s",
                                  sections[i]);
      pd_test_iterate (20);
      assert_locked (fixture);
    }
  g_assert_false (press (GTK_WIDGET (fixture->window), GDK_KEY_l, GDK_CONTROL_MASK));
  assert_locked (fixture);

  /* Once someone signs in, the member is there to find. */
  sign_in (fixture, DIRECTOR, DIRECTOR_PASSPHRASE);
  g_assert_false (pd_desk_lock_get_locked (desk_lock (fixture)));
  g_assert_true (gtk_widget_get_mapped (section_page (fixture->window, "checkin")));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-section", "s", "members");
  pd_test_iterate (300);
  g_assert_true (any_window_shows (MEMBER_LAST));
}

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      GMenuModel *section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      gboolean found = FALSE;

      if (section != NULL)
        {
          found = menu_has_action (section, action);
          g_object_unref (section);
        }
      else if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name))
        found = g_strcmp0 (name, action) == 0;
      if (found)
        return TRUE;
    }
  return FALSE;
}

/* The header of the section on show names who is signed in, with the
 * menu to lock, switch and sign out. */
static void
assert_staff_menu (Fixture *fixture)
{
  AdwViewStack *stack = sections_stack (fixture->window);
  GtkWidget *page = adw_view_stack_get_visible_child (stack);
  GtkWidget *button = find_widget (page, PD_TYPE_STAFF_BUTTON);
  GtkWidget *menu_button;
  GMenuModel *menu;

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  menu_button = find_widget (button, GTK_TYPE_MENU_BUTTON);
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button));
  g_assert_nonnull (menu);
  g_assert_true (menu_has_action (menu, "win.lock"));
  g_assert_true (menu_has_action (menu, "win.switch-staff"));
  g_assert_true (menu_has_action (menu, "win.sign-out"));
}

/* Each role sees its own sections and nothing else, and the header says
 * who is signed in. */
static void
test_roles_see_their_sections (Fixture       *fixture,
                               gconstpointer  data)
{
  const struct
  {
    const char *name;
    const char *secret;
    gboolean visible[G_N_ELEMENTS (sections)];
    gboolean export;
  } roles[] = {
    { FRONT_DESK, PIN, { TRUE, FALSE, TRUE, FALSE, FALSE }, FALSE },
    { FACILITATOR, PIN, { FALSE, TRUE, FALSE, FALSE, FALSE }, FALSE },
    { COORDINATOR, PIN, { FALSE, FALSE, FALSE, TRUE, FALSE }, FALSE },
    { DIRECTOR, DIRECTOR_PASSPHRASE, { TRUE, TRUE, TRUE, TRUE, TRUE }, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_autofree char *signed_in = g_strdup_printf ("Signed in as %s", roles[i].name);
      gboolean any_shown = FALSE;

      sign_in (fixture, roles[i].name, roles[i].secret);
      g_assert_cmpstr (pd_database_get_staff (fixture->database)->name, ==, roles[i].name);
      g_assert_false (pd_desk_lock_get_locked (desk_lock (fixture)));
      for (guint j = 0; j < G_N_ELEMENTS (sections); j++)
        {
          g_assert_cmpint (section_visible (fixture, sections[j]), ==, roles[i].visible[j]);
          /* Nor can a key reach a hidden section. */
          gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-section", "s",
                                      sections[j]);
          pd_test_iterate (20);
        }
      for (guint j = 0; j < G_N_ELEMENTS (sections); j++)
        {
          const char *shown = adw_view_stack_get_visible_child_name (
                                sections_stack (fixture->window));

          if (g_strcmp0 (shown, sections[j]) == 0)
            {
              g_assert_true (roles[i].visible[j]);
              any_shown = TRUE;
            }
        }
      g_assert_true (any_shown);
      g_assert_true (any_window_shows (signed_in));
      assert_staff_menu (fixture);
      /* The export is a director's: for the others its menu item is
       * hidden and the action does nothing. */
      if (!roles[i].export)
        {
          guint n = count_visible_windows ();

          gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.export-data", NULL);
          pd_test_iterate (100);
          g_assert_cmpuint (count_visible_windows (), ==, n);

          /* Nor may the backup warning's button back up or open the backups. */
          gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.backup-banner", NULL);
          g_assert_false (pd_backups_get_running (pd_context_get_backups (fixture->context)));
          pd_test_iterate (100);
          g_assert_cmpuint (count_visible_windows (), ==, n);
        }
      g_assert_cmpint (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->window),
                                                          "lock"), ==, TRUE);

      gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.sign-out", NULL);
      pd_test_iterate (50);
      assert_locked (fixture);
      g_assert_false (any_window_shows (signed_in));
    }
}

/* A wrong PIN says so, keeps the desk locked and leaves no secret behind. */
static void
test_wrong_pin_stays_locked (Fixture       *fixture,
                             gconstpointer  data)
{
  const char *error;

  sign_in (fixture, FRONT_DESK, "000000");
  assert_locked (fixture);
  error = pd_sign_in_view_get_error (sign_in_view (fixture));
  g_assert_nonnull (error);
  g_assert_null (strstr (error, "000000"));
  g_assert_false (any_window_shows ("000000"));
  screenshot (fixture, "signin-wrong-pin");

  /* An empty secret is not even tried. */
  sign_in (fixture, FRONT_DESK, "");
  assert_locked (fixture);
  g_assert_nonnull (pd_sign_in_view_get_error (sign_in_view (fixture)));

  /* Typing again clears the error; the right PIN opens the desk. */
  pd_sign_in_view_set_secret (sign_in_view (fixture), "4");
  g_assert_null (pd_sign_in_view_get_error (sign_in_view (fixture)));
  sign_in (fixture, FRONT_DESK, PIN);
  g_assert_false (pd_desk_lock_get_locked (desk_lock (fixture)));
  g_assert_true (section_visible (fixture, "checkin"));
}

/* Too many failures make the account wait, and the view says so. */
static void
test_lock_out_shown (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *error = NULL;

  /* The clock stands still, so that the wait cannot pass by itself. */
  pd_staff_set_now (g_get_real_time () / G_USEC_PER_SEC);
  for (guint i = 0; i <= PD_STAFF_SLOW_AFTER; i++)
    sign_in (fixture, FACILITATOR, "111111");
  error = pd_sign_in_view_get_error (sign_in_view (fixture));
  g_assert_nonnull (error);
  g_assert_null (strstr (error, "111111"));

  /* Even the right PIN waits now. */
  sign_in (fixture, FACILITATOR, PIN);
  assert_locked (fixture);
  g_assert_nonnull (pd_sign_in_view_get_error (sign_in_view (fixture)));
  screenshot (fixture, "signin-wait");
  pd_staff_set_now (0);
}

/* Puts records on screen everywhere they could show: a search typed, a
 * toast and a dialog over the window naming the member. */
static GtkWidget *
show_records (Fixture *fixture)
{
  GtkWidget *checkin = section_page (fixture->window, "checkin");
  GtkWidget *search = find_widget (checkin, GTK_TYPE_SEARCH_ENTRY);
  GtkWidget *overlay = find_widget (checkin, ADW_TYPE_TOAST_OVERLAY);
  GtkWidget *dialog;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-section", "s", "checkin");
  g_assert_nonnull (search);
  g_assert_nonnull (overlay);
  gtk_editable_set_text (GTK_EDITABLE (search), MEMBER_FIRST);
  pd_toast_show (ADW_TOAST_OVERLAY (overlay), "Checked in " MEMBER_FIRST " " MEMBER_LAST);
  /* And one in a section not on screen, whose widget goes at once. */
  pd_toast_show (ADW_TOAST_OVERLAY (find_widget (section_page (fixture->window, "members"),
                                                 ADW_TYPE_TOAST_OVERLAY)),
                 "Saved " MEMBER_LAST);
  dialog = adw_message_dialog_new (GTK_WINDOW (fixture->window), MEMBER_LAST, NULL);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", "Close");
  gtk_window_present (GTK_WINDOW (dialog));
  pd_test_iterate (400);
  g_assert_true (any_window_shows (MEMBER_FIRST));
  g_assert_true (any_window_shows (MEMBER_LAST));
  g_assert_true (gtk_widget_get_visible (dialog));
  return dialog;
}

/* Ctrl+L and Super+L lock at once and take every record off the screen;
 * the same person signing in again finds the dialog as they left it. */
static void
test_keys_lock (Fixture       *fixture,
                gconstpointer  data)
{
  const guint modifiers[] = { GDK_CONTROL_MASK, GDK_SUPER_MASK };

  for (guint i = 0; i < G_N_ELEMENTS (modifiers); i++)
    {
      GtkWidget *dialog;

      sign_in (fixture, DIRECTOR, DIRECTOR_PASSPHRASE);
      dialog = show_records (fixture);
      g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
      if (i == 0)
        screenshot (fixture, "signin-before-lock");

      g_assert_true (press (GTK_WIDGET (fixture->window), GDK_KEY_l, modifiers[i]));
      pd_test_iterate (400);
      assert_locked (fixture);
      g_assert_nonnull (dialog);
      g_assert_false (gtk_widget_get_visible (dialog));
      /* The last person is ready to come back with a PIN. */
      g_assert_cmpstr (pd_sign_in_view_get_name (sign_in_view (fixture)), ==, DIRECTOR);
      g_assert_true (any_window_shows ("The desk is locked."));
      if (i == 0)
        screenshot (fixture, "signin-locked");

      sign_in (fixture, DIRECTOR, DIRECTOR_PASSPHRASE);
      g_assert_nonnull (dialog);
      g_assert_true (gtk_widget_get_visible (dialog));
      /* The search was emptied. */
      g_assert_false (any_window_shows (MEMBER_FIRST));
      gtk_window_destroy (GTK_WINDOW (dialog));
      pd_test_iterate (50);
      g_assert_null (dialog);
      gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.lock", NULL);
      pd_test_iterate (50);
      assert_locked (fixture);
    }
}

/* Someone else taking over the desk, a PIN away, never sees what the last
 * person left open: it is closed unsaved. */
static void
test_switch_to_another (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *dialog;

  sign_in (fixture, DIRECTOR, DIRECTOR_PASSPHRASE);
  dialog = show_records (fixture);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.switch-staff", NULL);
  pd_test_iterate (400);
  assert_locked (fixture);
  g_assert_nonnull (dialog);

  sign_in (fixture, FRONT_DESK, PIN);
  g_assert_cmpstr (pd_database_get_staff (fixture->database)->name, ==, FRONT_DESK);
  g_assert_null (dialog);
  g_assert_false (any_window_shows (MEMBER_LAST));
  g_assert_false (section_visible (fixture, "reports"));

  /* The visits are recorded by, and the header names, who is signed in. */
  g_assert_cmpstr (pd_checkin_page_get_desk_name (PD_CHECKIN_PAGE (
                     section_page (fixture->window, "checkin"))), ==, FRONT_DESK);
  g_assert_true (any_window_shows ("At the desk: " FRONT_DESK));
}

/* What changed while the desk was locked, unannounced, shows once someone
 * signs in: the sections read their records again under the new rights. */
static void
test_sign_in_reads_again (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  sign_in (fixture, DIRECTOR, DIRECTOR_PASSPHRASE);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-section", "s", "members");
  pd_test_iterate (300);
  g_assert_true (any_window_shows (MEMBER_LAST));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.lock", NULL);
  g_assert_true (pd_database_exec (fixture->database,
                                   "UPDATE members SET last_name = 'Brightwater'", &error));
  g_assert_no_error (error);

  sign_in (fixture, DIRECTOR, DIRECTOR_PASSPHRASE);
  pd_test_iterate (300);
  g_assert_true (any_window_shows ("Brightwater"));
  g_assert_false (any_window_shows (MEMBER_LAST));
}

/* Closing a locked desk asks nothing that would name a member, even with
 * a member's changes left unsaved behind the lock. */
static void
test_close_locked (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *members;
  GtkWidget *search;
  GObject *editor;

  sign_in (fixture, DIRECTOR, DIRECTOR_PASSPHRASE);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-section", "s", "members");
  members = section_page (fixture->window, "members");
  search = find_widget (members, GTK_TYPE_SEARCH_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (search), MEMBER_FIRST);
  pd_test_iterate (300);
  g_signal_emit_by_name (search, "activate");
  gtk_widget_activate_action (members, "members.edit", NULL);
  editor = gtk_widget_get_template_child (members, PD_TYPE_MEMBERS_PAGE, "editor");
  gtk_editable_set_text (GTK_EDITABLE (pd_member_editor_get_field_widget (
                           PD_MEMBER_EDITOR (editor), PD_MEMBER_FIELD_PRONOUNS)), "they/them");
  g_assert_true (pd_members_page_get_has_unsaved_changes (PD_MEMBERS_PAGE (members)));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.lock", NULL);
  pd_test_iterate (50);
  assert_locked (fixture);

  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  gtk_window_close (GTK_WINDOW (fixture->window));
  pd_test_iterate (100);
  g_assert_null (fixture->window);
  g_assert_false (any_window_shows (MEMBER_FIRST));
  g_assert_false (any_window_shows (MEMBER_LAST));
}

static void
move_pointer (Fixture *fixture)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture->window));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_MOTION (controller))
        g_signal_emit_by_name (controller, "motion", 10.0, 10.0);
    }
}

/* The desk locks by itself after the idle time, unless someone is using it. */
static void
test_idle_lock (Fixture       *fixture,
                gconstpointer  data)
{
  sign_in (fixture, FRONT_DESK, PIN);
  pd_desk_lock_set_idle_time (desk_lock (fixture), 1500);

  /* Moving the pointer keeps it open past the idle time. */
  for (guint i = 0; i < 7; i++)
    {
      pd_test_iterate (300);
      move_pointer (fixture);
    }
  g_assert_false (pd_desk_lock_get_locked (desk_lock (fixture)));

  pd_test_iterate (2500);
  assert_locked (fixture);
  g_assert_cmpstr (pd_sign_in_view_get_name (sign_in_view (fixture)), ==, FRONT_DESK);

  /* 0 never locks. */
  sign_in (fixture, FRONT_DESK, PIN);
  pd_desk_lock_set_idle_time (desk_lock (fixture), 0);
  pd_test_iterate (700);
  g_assert_false (pd_desk_lock_get_locked (desk_lock (fixture)));
}

/* With sign-in off the desk cannot lock: every section shows, Lock does
 * nothing and no one is named in the header. */
static void
test_sign_in_off (void)
{
  g_autofree char *dir = pd_test_make_shared_dir ();
  g_autofree char *path = NULL;
  g_autoptr(PdDatabase) database = pd_test_new_database (dir, &path);
  Fixture fixture = { .database = g_object_ref (database) };

  add_member (database, MEMBER_FIRST, MEMBER_LAST);
  open_window (&fixture, 1100);
  g_assert_false (pd_desk_lock_get_locked (desk_lock (&fixture)));
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    g_assert_true (section_visible (&fixture, sections[i]));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture.window), "lock"));
  g_assert_false (press (GTK_WIDGET (fixture.window), GDK_KEY_l, GDK_CONTROL_MASK));
  g_assert_false (pd_desk_lock_get_locked (desk_lock (&fixture)));
  g_assert_true (gtk_widget_get_mapped (section_page (fixture.window, "checkin")));
  g_assert_false (any_window_shows ("Signed in as"));

  fixture.dir = g_steal_pointer (&dir);
  fixture_tear_down (&fixture, NULL);
}

/* Creating the first director turns sign-in on: the desk locks and closes
 * what was open, unless whoever created the account signed in as that
 * director at once, as the staff form does; then nothing closes. */
static void
test_turned_on (gconstpointer data)
{
  gboolean sign_in_at_once = GPOINTER_TO_INT (data);
  g_autofree char *dir = pd_test_make_shared_dir ();
  g_autofree char *path = NULL;
  g_autoptr(PdDatabase) database = pd_test_new_database (dir, &path);
  g_autoptr(GError) error = NULL;
  Fixture fixture = { .database = g_object_ref (database) };
  GtkWidget *dialog;

  add_member (database, MEMBER_FIRST, MEMBER_LAST);
  open_window (&fixture, 1100);
  dialog = adw_message_dialog_new (GTK_WINDOW (fixture.window), MEMBER_LAST, NULL);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  pd_test_iterate (50);

  pd_test_add_staff (database, DIRECTOR, PD_ROLE_DIRECTOR, DIRECTOR_PASSPHRASE);
  if (sign_in_at_once)
    {
      pd_test_sign_in (database, DIRECTOR, DIRECTOR_PASSPHRASE);
    }
  pd_test_iterate (100);

  if (sign_in_at_once)
    {
      g_assert_false (pd_desk_lock_get_locked (desk_lock (&fixture)));
      g_assert_nonnull (dialog);
      g_assert_true (gtk_widget_get_visible (dialog));
      g_assert_true (any_window_shows ("Signed in as " DIRECTOR));
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  else
    {
      assert_locked (&fixture);
      g_assert_null (dialog);
      sign_in (&fixture, DIRECTOR, DIRECTOR_PASSPHRASE);
      g_assert_false (pd_desk_lock_get_locked (desk_lock (&fixture)));
    }

  fixture.dir = g_steal_pointer (&dir);
  fixture_tear_down (&fixture, NULL);
}

/* A print dialog holds a job open and may show a list of names: the
 * lock closes it rather than keep it for later, whoever signs in next. */
static void
test_lock_closes_print_dialog (Fixture       *fixture,
                               gconstpointer  data)
{
  GtkWindow *dialog = GTK_WINDOW (gtk_window_new ());
  GtkWindow *kept = GTK_WINDOW (gtk_window_new ());

  sign_in (fixture, FACILITATOR, PIN);
  gtk_window_set_transient_for (dialog, GTK_WINDOW (fixture->window));
  gtk_window_set_child (dialog, gtk_label_new (MEMBER_FIRST " Q."));
  pd_desk_lock_close_on_lock (dialog);
  gtk_window_present (dialog);
  gtk_window_set_transient_for (kept, GTK_WINDOW (fixture->window));
  gtk_window_present (kept);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_object_add_weak_pointer (G_OBJECT (kept), (gpointer *) &kept);
  pd_test_iterate (100);
  g_assert_true (any_window_shows (MEMBER_FIRST " Q."));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.lock", NULL);
  pd_test_iterate (100);
  assert_locked (fixture);
  g_assert_null (dialog);
  g_assert_false (any_window_shows (MEMBER_FIRST " Q."));
  /* Other dialogs wait for their owner. */
  g_assert_nonnull (kept);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (kept)));

  sign_in (fixture, FACILITATOR, PIN);
  pd_test_iterate (100);
  g_assert_false (any_window_shows (MEMBER_FIRST " Q."));
  g_assert_nonnull (kept);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (kept)));
  gtk_window_destroy (kept);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/signin/off", test_sign_in_off);
  g_test_add_data_func ("/signin/turned-on/locks", GINT_TO_POINTER (FALSE), test_turned_on);
  g_test_add_data_func ("/signin/turned-on/signed-in", GINT_TO_POINTER (TRUE), test_turned_on);
  g_test_add ("/signin/shows-nothing", Fixture, NULL, fixture_set_up, test_sign_in_shows_nothing,
              fixture_tear_down);
  g_test_add ("/signin/roles", Fixture, NULL, fixture_set_up, test_roles_see_their_sections,
              fixture_tear_down);
  g_test_add ("/signin/wrong-pin", Fixture, NULL, fixture_set_up, test_wrong_pin_stays_locked,
              fixture_tear_down);
  g_test_add ("/signin/lock-out", Fixture, NULL, fixture_set_up, test_lock_out_shown,
              fixture_tear_down);
  g_test_add ("/signin/keys-lock", Fixture, NULL, fixture_set_up, test_keys_lock,
              fixture_tear_down);
  g_test_add ("/signin/switch", Fixture, NULL, fixture_set_up, test_switch_to_another,
              fixture_tear_down);
  g_test_add ("/signin/reads-again", Fixture, NULL, fixture_set_up, test_sign_in_reads_again,
              fixture_tear_down);
  g_test_add ("/signin/close-locked", Fixture, NULL, fixture_set_up, test_close_locked,
              fixture_tear_down);
  g_test_add ("/signin/idle", Fixture, NULL, fixture_set_up, test_idle_lock, fixture_tear_down);
  g_test_add ("/signin/lock-closes-print-dialog", Fixture, NULL, fixture_set_up,
              test_lock_closes_print_dialog, fixture_tear_down);

  return g_test_run ();
}
