/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pd-database-private.h"
#include "pd-backup.h"
#include "pd-application.h"
#include "pd-backups.h"
#include "pd-backups-page.h"
#include "pd-context.h"
#include "pd-error.h"
#include "pd-members.h"
#include "pd-members-page.h"
#include "pd-preferences-window.h"
#include "pd-window.h"
#include "pd-test-gui.h"

typedef struct
{
  char *dir;
  PdDatabase *database;
  GSettings *settings;
  PdContext *context;
  GtkWidget *window;
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
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("peerdesk-gui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->database = pd_database_open (path, &error);
  g_assert_no_error (error);
  add_member (fixture->database, "José", "Müller");
  add_member (fixture->database, "Joanna", "Smith");

  fixture->settings = g_settings_new (APPLICATION_ID);
  g_settings_reset (fixture->settings, "backup-second-folder");
  /* Seen as a front desk sees it, past the welcome page. */
  g_assert_true (pd_database_set_meta (fixture->database, "welcomed", "1", &error));
  fixture->context = pd_context_new (fixture->database, fixture->settings);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *backups = pd_backup_default_dir ();

  if (fixture->window != NULL)
    g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  pd_test_gui_tear_down (&fixture->dir, &fixture->context, &fixture->settings,
                         &fixture->database, NULL);
  g_assert_null (fixture->window);
  /* Each test starts with no backup. */
  pd_test_remove_tree (backups);
}

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

/* A widget of the preferences' Backups page. */
static GtkWidget *
preferences_child (Fixture    *fixture,
                   const char *name)
{
  GtkWidget *page = find_descendant (fixture->window, PD_TYPE_BACKUPS_PAGE);

  g_assert_nonnull (page);
  return child (page, PD_TYPE_BACKUPS_PAGE, name);
}

/* Shows @window at the width PD_TEST_WINDOW_WIDTH names, for screenshots
 * of the narrow layouts, and saves what it shows as @name with the width
 * in the file's name. */
static void
present (GtkWindow *window)
{
  const char *width = g_getenv ("PD_TEST_WINDOW_WIDTH");

  if (width != NULL)
    gtk_window_set_default_size (window, atoi (width), 800);
  gtk_window_present (window);
}

static void
screenshot (GtkWindow  *window,
            const char *name)
{
  const char *width = g_getenv ("PD_TEST_WINDOW_WIDTH");
  g_autofree char *file = g_strdup_printf ("%s-%s.png", name, width ? width : "default");

  pd_test_save_screenshot (window, file);
}

static void
open_preferences (Fixture *fixture)
{
  fixture->window = pd_preferences_window_new (NULL, fixture->context);
  pd_preferences_window_show_backups (PD_PREFERENCES_WINDOW (fixture->window));
  present (GTK_WINDOW (fixture->window));
  pd_test_iterate (100);
}

/* Runs the main loop until the backup on its thread is over. */
static void
wait_for_backups (Fixture *fixture)
{
  PdBackups *backups = pd_context_get_backups (fixture->context);
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (pd_backups_get_running (backups) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (pd_backups_get_running (backups));
  pd_test_iterate (50);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

static GPtrArray *
list_backups (void)
{
  g_autofree char *dir = pd_backup_default_dir ();
  g_autoptr(GError) error = NULL;
  GPtrArray *list = pd_backup_list (dir, NULL, &error);

  g_assert_no_error (error);
  return list;
}

/* The buttons in @widget that activate @action. */
static void
find_buttons (GtkWidget  *widget,
              const char *action,
              GPtrArray  *found)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    g_ptr_array_add (found, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    find_buttons (c, action, found);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Back Up Now makes a checked backup, and the list shows it with what it
 * holds. */
static void
test_back_up_now (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkWidget *row;
  PdBackupInfo *info;

  open_preferences (fixture);
  row = preferences_child (fixture, "last_backup_row");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "No backup yet");
  text = pd_test_dup_text (preferences_child (fixture, "backup_list_group"));
  assert_contains (text, "No backups yet");
  g_clear_pointer (&text, g_free);

  g_signal_emit_by_name (preferences_child (fixture, "back_up_button"), "clicked");
  g_assert_false (gtk_widget_get_sensitive (preferences_child (fixture, "back_up_button")));
  wait_for_backups (fixture);

  list = list_backups ();
  g_assert_cmpuint (list->len, ==, 1);
  info = g_ptr_array_index (list, 0);
  g_assert_true (pd_backup_check_database (info->path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (info->n_members, ==, 2);

  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Last backup: just now");
  g_assert_true (gtk_widget_get_sensitive (preferences_child (fixture, "back_up_button")));
  text = pd_test_dup_text (preferences_child (fixture, "backup_list_group"));
  assert_contains (text, "2 members · 0 visits");
  screenshot (GTK_WINDOW (fixture->window), "preferences-backups");
}

static void
restore_from_list (Fixture    *fixture,
                   const char *response)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  AdwMessageDialog *dialog;

  /* The only backup, before the one a restore keeps. */
  find_buttons (preferences_child (fixture, "backup_list_group"), "backups.restore", buttons);
  g_assert_cmpuint (buttons->len, ==, 1);
  g_signal_emit_by_name (g_ptr_array_index (buttons, 0), "clicked");
  pd_test_iterate (100);

  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  /* It says what will happen, and how to undo it. */
  assert_contains (adw_message_dialog_get_body (dialog), "2 members");
  assert_contains (adw_message_dialog_get_body (dialog), "kept as a backup");
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  pd_test_iterate (100);
}

/* Restoring from the list, once confirmed, brings the old records back,
 * and the Members list shows them. */
static void
test_restore (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(PdWindow) main_window = NULL;
  PdMembersPage *members;

  main_window = g_object_ref_sink (pd_window_new (NULL, fixture->context));
  gtk_window_present (GTK_WINDOW (main_window));
  gtk_widget_activate_action (GTK_WIDGET (main_window), "win.show-section", "s", "members");
  members = PD_MEMBERS_PAGE (pd_window_get_section (main_window, "members"));

  open_preferences (fixture);
  g_signal_emit_by_name (preferences_child (fixture, "back_up_button"), "clicked");
  wait_for_backups (fixture);

  add_member (fixture->database, "Maria", "Okafor");
  pd_test_iterate (100);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pd_members_page_get_list (members))),
                    ==, 3);

  /* Cancel changes nothing. */
  restore_from_list (fixture, "cancel");
  g_assert_cmpint (pd_members_count (fixture->database, NULL), ==, 3);

  restore_from_list (fixture, "restore");
  g_assert_cmpint (pd_members_count (fixture->database, NULL), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pd_members_page_get_list (members))),
                    ==, 2);

  /* The records from before the restore are a backup of their own. */
  list = list_backups ();
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (((PdBackupInfo *) g_ptr_array_index (list, 0))->n_members, ==, 3);

  gtk_window_destroy (GTK_WINDOW (main_window));
  pd_test_iterate (50);
}

static gboolean
banner_shown (PdWindow *window)
{
  return gtk_revealer_get_reveal_child (GTK_REVEALER (child (window, PD_TYPE_WINDOW,
                                                             "backup_banner")));
}

/* The window warns when the records have no backup, and stops once they
 * have one. */
static void
test_banner (Fixture       *fixture,
             gconstpointer  data)
{
  PdWindow *window;
  g_autofree char *text = NULL;
  g_autofree char *missing = NULL;

  window = pd_window_new (NULL, fixture->context);
  fixture->window = GTK_WIDGET (window);
  present (GTK_WINDOW (window));
  pd_test_iterate (100);

  g_assert_true (banner_shown (window));
  text = pd_test_dup_text (child (window, PD_TYPE_WINDOW, "backup_banner"));
  assert_contains (text, "never been backed up");
  assert_contains (text, "Back Up Now");
  screenshot (GTK_WINDOW (window), "banner");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.backup-banner", NULL);
  wait_for_backups (fixture);
  g_assert_false (banner_shown (window));

  /* A second folder whose drive is gone. */
  missing = g_build_filename (fixture->dir, "unplugged", NULL);
  g_settings_set_string (fixture->settings, "backup-second-folder", missing);
  pd_test_iterate (50);
  g_assert_true (banner_shown (window));
  g_clear_pointer (&text, g_free);
  text = pd_test_dup_text (child (window, PD_TYPE_WINDOW, "backup_banner"));
  assert_contains (text, "is missing");
  assert_contains (text, "Open Preferences");

  /* Backups on this computer only again. */
  g_settings_reset (fixture->settings, "backup-second-folder");
  pd_test_iterate (50);
  g_assert_false (banner_shown (window));
}

/* A disk that fails under the open database: garbage over the header of
 * every page but the first. The descriptor is returned open, as closing
 * it would drop SQLite's locks. */
static int
damage_pages (PdDatabase *database)
{
  const char *path = pd_database_get_path (database);
  g_autoptr(GError) error = NULL;
  char garbage[1024];
  off_t length;
  int fd;

  /* Every row in the file itself, and none left in the page cache. */
  g_assert_true (pd_database_exec (database, "PRAGMA wal_checkpoint(TRUNCATE)", &error));
  g_assert_no_error (error);
  memset (garbage, 0xa5, sizeof garbage);
  fd = g_open (path, O_RDWR, 0);
  g_assert_cmpint (fd, >=, 0);
  length = lseek (fd, 0, SEEK_END);
  for (off_t offset = 4096; offset + 4096 <= length; offset += 4096)
    g_assert_cmpint (pwrite (fd, garbage, sizeof garbage, offset), ==, sizeof garbage);
  sqlite3_db_release_memory (pd_database_get_handle (database));
  return fd;
}

/* Damage found while reading stops every write and turns the banner into
 * a way to the backups; restoring one from there brings the records back
 * and lets the desk write again. */
static void
test_damaged (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backups = pd_backup_default_dir ();
  g_autofree char *backup = NULL;
  g_autofree char *text = NULL;
  g_autoptr(PdWindow) window = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  int fd;

  backup = pd_backup_create (fixture->database, backups, NULL, NULL, &error);
  g_assert_no_error (error);
  window = g_object_ref_sink (pd_window_new (NULL, fixture->context));
  present (GTK_WINDOW (window));
  pd_test_iterate (100);
  g_assert_false (banner_shown (window));

  fd = damage_pages (fixture->database);
  g_assert_cmpint (pd_members_count (fixture->database, &error), <, 0);
  g_assert_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE);
  g_clear_error (&error);
  pd_test_iterate (50);
  g_assert_true (pd_database_is_damaged (fixture->database));

  g_assert_true (banner_shown (window));
  text = pd_test_dup_text (child (window, PD_TYPE_WINDOW, "backup_banner"));
  assert_contains (text, "damaged");
  assert_contains (text, "Open Backups");
  screenshot (GTK_WINDOW (window), "banner-damaged");

  /* The banner's button opens the backups, and the only one is restored. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.backup-banner", NULL);
  pd_test_iterate (100);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (PD_IS_PREFERENCES_WINDOW (toplevel))
        fixture->window = GTK_WIDGET (toplevel);
    }
  g_assert_nonnull (fixture->window);
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (
                     ADW_PREFERENCES_WINDOW (fixture->window)), ==, "backups");
  restore_from_list (fixture, "restore");

  g_assert_false (pd_database_is_damaged (fixture->database));
  g_assert_cmpint (pd_members_count (fixture->database, NULL), ==, 2);
  add_member (fixture->database, "Maria", "Okafor");
  g_assert_cmpint (pd_members_count (fixture->database, NULL), ==, 3);
  pd_test_iterate (50);
  g_assert_false (banner_shown (window));

  gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&fixture->window)));
  gtk_window_destroy (GTK_WINDOW (window));
  pd_test_iterate (50);
  close (fd);
}

static gboolean
quit_cb (gpointer user_data)
{
  g_action_group_activate_action (G_ACTION_GROUP (user_data), "quit", NULL);
  return G_SOURCE_REMOVE;
}

/* Closing the app backs the records up, after its window is gone. */
static void
test_back_up_at_close (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "test.db", NULL);
  g_autofree char *dir = pd_backup_default_dir ();
  g_autoptr(PdApplication) app = pd_application_new ();
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  char *argv[] = { (char *) "peerdesk", (char *) "--database", path, NULL };

  /* A backup of today: the app does not back up as it starts. */
  first = pd_backup_create (fixture->database, dir, NULL, NULL, &error);
  g_assert_no_error (error);
  add_member (fixture->database, "Maria", "Okafor");

  /* Backups are named to the second. */
  g_timeout_add (1200, quit_cb, app);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 3, argv), ==, 0);

  /* The newest of the day is kept, and it has the member added since. */
  list = list_backups ();
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((PdBackupInfo *) g_ptr_array_index (list, 0))->path, !=, first);
  g_assert_cmpint (((PdBackupInfo *) g_ptr_array_index (list, 0))->n_members, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("peerdesk-data-XXXXXX", NULL);
  int status;

  /* Backups go into the user's data folder: a private one for the tests. */
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/backups/back-up-now", Fixture, NULL, fixture_set_up, test_back_up_now,
              fixture_tear_down);
  g_test_add ("/backups/restore", Fixture, NULL, fixture_set_up, test_restore,
              fixture_tear_down);
  g_test_add ("/backups/banner", Fixture, NULL, fixture_set_up, test_banner, fixture_tear_down);
  g_test_add ("/backups/damaged", Fixture, NULL, fixture_set_up, test_damaged, fixture_tear_down);
  g_test_add ("/backups/at-close", Fixture, NULL, fixture_set_up, test_back_up_at_close,
              fixture_tear_down);

  status = g_test_run ();
  pd_test_remove_tree (data_home);
  return status;
}
