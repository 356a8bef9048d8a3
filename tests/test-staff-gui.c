/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <string.h>

#include "pd-audit.h"
#include "pd-audit-window.h"
#include "pd-context.h"
#include "pd-erase-member-dialog.h"
#include "pd-form-window.h"
#include "pd-member-editor.h"
#include "pd-members.h"
#include "pd-members-page.h"
#include "pd-preferences-window.h"
#include "pd-staff.h"
#include "pd-staff-actions.h"
#include "pd-staff-dialog.h"
#include "pd-staff-page.h"
#include "pd-window.h"
#include "pd-test-gui.h"

#define PASSPHRASE "correct horse battery"

typedef struct
{
  char *dir;
  PdDatabase *database;
  GSettings *settings;
  PdContext *context;
  GtkWidget *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("peerdesk-gui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->database = pd_test_new_database (fixture->dir, NULL);
  fixture->settings = g_settings_new (APPLICATION_ID);
  g_settings_reset (fixture->settings, "lock-idle-minutes");
  g_assert_true (pd_database_set_meta (fixture->database, "welcomed", "1", &error));
  g_assert_no_error (error);
  fixture->context = pd_context_new (fixture->database, fixture->settings);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  pd_staff_sign_out (fixture->database);
  pd_test_gui_tear_down (&fixture->dir, &fixture->context, &fixture->settings,
                         &fixture->database, NULL);
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
    g_error ("“%s” found in:\n%s", needle, haystack);
}

/* Answers @dialog as its button would: the response, then closing. */
static void
respond (GtkWidget  *dialog,
         const char *response)
{
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  pd_test_iterate (50);
}

/* The window's width for screenshots: PD_TEST_WINDOW_WIDTH, or @width. */
static void
present (GtkWindow *window,
         int        width)
{
  const char *env = g_getenv ("PD_TEST_WINDOW_WIDTH");

  gtk_window_set_default_size (window, env ? atoi (env) : width, 800);
  gtk_window_present (window);
  pd_test_iterate (100);
}

static void
screenshot (GtkWindow  *window,
            const char *name)
{
  const char *width = g_getenv ("PD_TEST_WINDOW_WIDTH");
  g_autofree char *file = g_strdup_printf ("%s-%s.png", name, width ? width : "default");

  pd_test_save_screenshot (window, file);
}

static GtkWidget *
open_staff_page (Fixture *fixture)
{
  GtkWidget *page;

  fixture->window = pd_preferences_window_new (NULL, fixture->context);
  pd_preferences_window_show_staff (PD_PREFERENCES_WINDOW (fixture->window));
  present (GTK_WINDOW (fixture->window), 600);
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (
                     ADW_PREFERENCES_WINDOW (fixture->window)), ==, "staff");
  page = pd_test_find_descendant (fixture->window, PD_TYPE_STAFF_PAGE);
  g_assert_nonnull (page);
  return page;
}

static void
type (GtkWidget  *form,
      const char *row,
      const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (form, PD_TYPE_STAFF_DIALOG, row)), text);
}

/* While sign-in is off, the Staff page suggests a director account; making
 * one turns sign-in on, signs the director in, and the page says so. */
static void
test_first_director (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *page = open_staff_page (fixture);
  g_autofree char *before = pd_test_dup_text (page);
  g_autofree char *after = NULL;
  GtkWidget *form;

  g_assert_false (pd_staff_sign_in_enabled (fixture->database));
  assert_contains (before, "Protect the records: create a director account");
  g_assert_false (gtk_widget_get_visible (child (page, PD_TYPE_STAFF_PAGE, "staff_group")));
  g_assert_false (gtk_widget_get_visible (child (page, PD_TYPE_STAFF_PAGE, "desk_group")));
  screenshot (GTK_WINDOW (fixture->window), "staff-page-off");

  gtk_widget_activate_action (page, "staff.create-director", NULL);
  form = pd_test_find_toplevel (PD_TYPE_STAFF_DIALOG);
  g_assert_nonnull (form);
  g_assert_false (gtk_widget_get_visible (child (form, PD_TYPE_STAFF_DIALOG, "pin_group")));

  /* Two passphrases that differ cannot be saved. */
  type (form, "name_row", "Dana Whitfield");
  type (form, "passphrase_row", PASSPHRASE);
  type (form, "passphrase_again_row", PASSPHRASE "!");
  g_assert_false (pd_form_window_get_valid (PD_FORM_WINDOW (form)));
  g_assert_false (pd_form_window_save (PD_FORM_WINDOW (form)));
  g_assert_false (pd_staff_sign_in_enabled (fixture->database));

  type (form, "passphrase_again_row", PASSPHRASE);
  g_assert_true (pd_form_window_get_valid (PD_FORM_WINDOW (form)));
  g_assert_true (pd_form_window_save (PD_FORM_WINDOW (form)));
  pd_test_iterate (50);

  g_assert_true (pd_staff_sign_in_enabled (fixture->database));
  g_assert_nonnull (pd_database_get_staff (fixture->database));
  g_assert_cmpstr (pd_database_get_staff (fixture->database)->name, ==, "Dana Whitfield");
  g_assert_cmpint (pd_database_get_role (fixture->database), ==, PD_ROLE_DIRECTOR);

  after = pd_test_dup_text (page);
  assert_lacks (after, "Protect the records");
  assert_contains (after, "Signed in as Dana Whitfield");
  g_assert_true (gtk_widget_get_visible (child (page, PD_TYPE_STAFF_PAGE, "staff_group")));

  /* How soon the desk locks is this computer's setting. */
  g_assert_true (gtk_widget_get_visible (child (page, PD_TYPE_STAFF_PAGE, "desk_group")));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (page, PD_TYPE_STAFF_PAGE, "lock_spin")), 12);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "lock-idle-minutes"), ==, 12);
}

/* The same from the app's window, which locks whenever sign-in is on and
 * nobody is signed in: the new director ends signed in, looking at the
 * records, with Preferences still open to add the staff. */
static void
test_first_director_in_window (Fixture       *fixture,
                               gconstpointer  data)
{
  GtkWidget *preferences, *page, *form;
  GtkStack *stack;

  fixture->window = GTK_WIDGET (pd_window_new (NULL, fixture->context));
  present (GTK_WINDOW (fixture->window), 1000);
  preferences = pd_preferences_window_new (GTK_WINDOW (fixture->window), fixture->context);
  pd_preferences_window_show_staff (PD_PREFERENCES_WINDOW (preferences));
  gtk_window_present (GTK_WINDOW (preferences));
  pd_test_iterate (100);
  page = pd_test_find_descendant (preferences, PD_TYPE_STAFF_PAGE);
  gtk_widget_activate_action (page, "staff.create-director", NULL);
  form = pd_test_find_toplevel (PD_TYPE_STAFF_DIALOG);
  g_assert_nonnull (form);
  type (form, "name_row", "Dana");
  type (form, "passphrase_row", PASSPHRASE);
  type (form, "passphrase_again_row", PASSPHRASE);
  g_assert_true (pd_form_window_save (PD_FORM_WINDOW (form)));
  pd_test_iterate (100);

  g_assert_true (pd_staff_sign_in_enabled (fixture->database));
  g_assert_nonnull (pd_database_get_staff (fixture->database));
  g_assert_cmpstr (pd_database_get_staff (fixture->database)->name, ==, "Dana");
  stack = GTK_STACK (child (fixture->window, PD_TYPE_WINDOW, "stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "main");
  g_assert_null (pd_test_find_toplevel (PD_TYPE_STAFF_DIALOG));
  g_assert_true (pd_test_find_toplevel (PD_TYPE_PREFERENCES_WINDOW) == preferences);
  g_assert_true (gtk_widget_get_visible (child (page, PD_TYPE_STAFF_PAGE, "staff_group")));
}

/* A director adds a staff member with a role and a PIN, and the list
 * shows them with both. */
static void
test_add_staff (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(PdStaff) sam = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkWidget *page, *form;

  pd_test_sign_in_director (fixture->database, "Dana", PASSPHRASE);
  page = open_staff_page (fixture);
  text = pd_test_dup_text (child (page, PD_TYPE_STAFF_PAGE, "staff_group"));
  assert_contains (text, "Dana");
  assert_lacks (text, "Sam Ortiz");
  g_clear_pointer (&text, g_free);

  gtk_widget_activate_action (page, "staff.add", NULL);
  form = pd_test_find_toplevel (PD_TYPE_STAFF_DIALOG);
  g_assert_nonnull (form);
  type (form, "name_row", "Sam Ortiz");
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (form, PD_TYPE_STAFF_DIALOG, "role_row")), 0);
  type (form, "passphrase_row", "front desk mornings");
  type (form, "passphrase_again_row", "front desk mornings");
  /* A PIN of letters is refused before it reaches the records. */
  type (form, "pin_row", "12ab56");
  type (form, "pin_again_row", "12ab56");
  g_assert_false (pd_form_window_get_valid (PD_FORM_WINDOW (form)));
  screenshot (GTK_WINDOW (form), "staff-dialog");
  type (form, "pin_row", "482913");
  type (form, "pin_again_row", "482913");
  g_assert_true (pd_form_window_save (PD_FORM_WINDOW (form)));
  pd_test_iterate (50);

  sam = pd_staff_find (fixture->database, "Sam Ortiz", &error);
  g_assert_no_error (error);
  g_assert_nonnull (sam);
  g_assert_cmpint (sam->role, ==, PD_ROLE_FRONT_DESK);
  g_assert_true (sam->has_pin);

  text = pd_test_dup_text (child (page, PD_TYPE_STAFF_PAGE, "staff_group"));
  assert_contains (text, "Sam Ortiz");
  assert_contains (text, "Front desk · PIN set");
  screenshot (GTK_WINDOW (fixture->window), "staff-page-director");

  /* The role changes from the account's menu. */
  gtk_widget_activate_action (page, "staff.set-role", "(ss)", "Sam Ortiz",
                              pd_role_to_string (PD_ROLE_FACILITATOR));
  g_clear_pointer (&text, g_free);
  text = pd_test_dup_text (child (page, PD_TYPE_STAFF_PAGE, "staff_group"));
  assert_contains (text, "Facilitator · PIN set");
}

/* Removing an account asks first, says it cannot be undone, and removes
 * it only on Remove. */
static void
test_remove_staff (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkWidget *page, *dialog;

  pd_test_sign_in_director (fixture->database, "Dana", PASSPHRASE);
  pd_test_add_staff (fixture->database, "Lee", PD_ROLE_COORDINATOR, PASSPHRASE);
  page = open_staff_page (fixture);

  gtk_widget_activate_action (page, "staff.remove", "s", "Lee");
  dialog = pd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  assert_contains (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                   "This cannot be undone");
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "cancel");
  respond (dialog, "cancel");
  g_assert_nonnull (pd_staff_find (fixture->database, "Lee", NULL));

  gtk_widget_activate_action (page, "staff.remove", "s", "Lee");
  respond (pd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG), "remove");
  g_assert_null (pd_staff_find (fixture->database, "Lee", NULL));
  text = pd_test_dup_text (child (page, PD_TYPE_STAFF_PAGE, "staff_group"));
  assert_lacks (text, "Lee");

  /* The last director stays, and the page says why. */
  gtk_widget_activate_action (page, "staff.remove", "s", "Dana");
  respond (pd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG), "remove");
  g_assert_nonnull (pd_staff_find (fixture->database, "Dana", NULL));
  g_assert_true (gtk_widget_is_visible (child (page, PD_TYPE_STAFF_PAGE, "error_label")));
}

/* Someone who is not a director sees their own account, not the others. */
static void
test_not_director (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkWidget *page, *form;

  pd_test_sign_in_director (fixture->database, "Dana", PASSPHRASE);
  pd_test_add_staff (fixture->database, "Sam", PD_ROLE_FRONT_DESK, PASSPHRASE);
  pd_staff_sign_out (fixture->database);
  pd_test_sign_in (fixture->database, "Sam", PASSPHRASE);

  page = open_staff_page (fixture);
  text = pd_test_dup_text (page);
  assert_contains (text, "Signed in as Sam");
  assert_lacks (text, "Dana");
  g_assert_false (gtk_widget_get_visible (child (page, PD_TYPE_STAFF_PAGE, "staff_group")));
  g_assert_true (gtk_widget_get_visible (child (page, PD_TYPE_STAFF_PAGE, "change_own_button")));

  /* Sam changes their own passphrase and sets a PIN; both then sign in. */
  gtk_widget_activate_action (page, "staff.change-own", NULL);
  form = pd_test_find_toplevel (PD_TYPE_STAFF_DIALOG);
  g_assert_nonnull (form);
  g_assert_false (gtk_widget_get_visible (child (form, PD_TYPE_STAFF_DIALOG, "account_group")));
  g_assert_false (pd_form_window_get_valid (PD_FORM_WINDOW (form)));
  type (form, "passphrase_row", "a new passphrase");
  type (form, "passphrase_again_row", "a new passphrase");
  type (form, "pin_row", "135790");
  type (form, "pin_again_row", "135790");
  g_assert_true (pd_form_window_save (PD_FORM_WINDOW (form)));
  pd_test_iterate (50);
  pd_staff_sign_out (fixture->database);
  g_assert_false (pd_staff_sign_in (fixture->database, "Sam", PASSPHRASE, NULL));
  pd_test_sign_in (fixture->database, "Sam", "a new passphrase");
  pd_staff_sign_out (fixture->database);
  pd_test_sign_in (fixture->database, "Sam", "135790");
}

/* Adds @n entries of @kind about @member_id. */
static void
add_entries (Fixture     *fixture,
             PdAuditKind  kind,
             gint64       member_id,
             guint        n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (pd_audit_add (fixture->database, kind, member_id, "phone", -1, &error));
      g_assert_no_error (error);
    }
}

static guint
n_shown (GtkWidget *window)
{
  GtkListView *list = GTK_LIST_VIEW (child (window, PD_TYPE_AUDIT_WINDOW, "list_view"));

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list)));
}

/* The audit window lists entries newest first, a page at a time, and its
 * filters narrow them down to nothing. */
static void
test_audit_window (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(PdMember) member = pd_member_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkWidget *window;
  GtkStack *stack;
  guint total;

  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, "Robin");
  g_assert_true (pd_members_insert (fixture->database, member, &error));
  g_assert_no_error (error);
  pd_test_sign_in_director (fixture->database, "Dana", PASSPHRASE);
  add_entries (fixture, PD_AUDIT_NOTES_OPENED, pd_member_get_id (member), 3);
  add_entries (fixture, PD_AUDIT_SETTINGS_CHANGED, 0, 240);

  window = GTK_WIDGET (pd_audit_window_new (NULL, fixture->context));
  fixture->window = window;
  present (GTK_WINDOW (window), 1000);
  stack = GTK_STACK (child (window, PD_TYPE_AUDIT_WINDOW, "stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");

  /* One page, with more to read. */
  g_assert_cmpuint (n_shown (window), ==, 200);
  g_assert_true (gtk_widget_get_visible (child (window, PD_TYPE_AUDIT_WINDOW, "older_button")));
  text = pd_test_dup_text (child (window, PD_TYPE_AUDIT_WINDOW, "list_view"));
  assert_contains (text, "— Dana");
  screenshot (GTK_WINDOW (window), "audit-window");
  g_signal_emit_by_name (child (window, PD_TYPE_AUDIT_WINDOW, "older_button"), "clicked");
  total = n_shown (window);
  g_assert_cmpuint (total, >=, 243);
  g_assert_false (gtk_widget_get_visible (child (window, PD_TYPE_AUDIT_WINDOW, "older_button")));

  /* By kind: the kinds follow "Everything" in the order of PdAuditKind. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (window, PD_TYPE_AUDIT_WINDOW,
                                                    "kind_dropdown")),
                              PD_AUDIT_NOTES_OPENED + 1);
  pd_test_iterate (50);
  g_assert_cmpuint (n_shown (window), ==, 3);
  g_clear_pointer (&text, g_free);
  text = pd_test_dup_text (child (window, PD_TYPE_AUDIT_WINDOW, "list_view"));
  assert_contains (text, pd_member_get (member, PD_MEMBER_FIELD_NUMBER));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (window, PD_TYPE_AUDIT_WINDOW,
                                                    "kind_dropdown")), 0);
  pd_test_iterate (50);
  g_assert_cmpuint (n_shown (window), ==, 200);

  /* By member number, as typed at the desk: the member's registration
   * and the three readings of the notes. */
  gtk_editable_set_text (GTK_EDITABLE (child (window, PD_TYPE_AUDIT_WINDOW, "member_entry")),
                         "1");
  g_signal_emit_by_name (child (window, PD_TYPE_AUDIT_WINDOW, "member_entry"), "activate");
  g_assert_cmpuint (n_shown (window), ==, 4);
  gtk_editable_set_text (GTK_EDITABLE (child (window, PD_TYPE_AUDIT_WINDOW, "member_entry")),
                         "");
  g_signal_emit_by_name (child (window, PD_TYPE_AUDIT_WINDOW, "member_entry"), "activate");

  /* By period: nothing was done in 2001. */
  gtk_editable_set_text (GTK_EDITABLE (child (window, PD_TYPE_AUDIT_WINDOW, "from_entry")),
                         "2001-01-01");
  gtk_editable_set_text (GTK_EDITABLE (child (window, PD_TYPE_AUDIT_WINDOW, "to_entry")),
                         "2001-12-31");
  g_signal_emit_by_name (child (window, PD_TYPE_AUDIT_WINDOW, "to_entry"), "activate");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  assert_contains (adw_status_page_get_description (
                     ADW_STATUS_PAGE (child (window, PD_TYPE_AUDIT_WINDOW, "empty_page"))),
                   "No entry matches the filters");
  screenshot (GTK_WINDOW (window), "audit-window-empty");

  /* A date that is not one says so, and reads nothing. */
  gtk_editable_set_text (GTK_EDITABLE (child (window, PD_TYPE_AUDIT_WINDOW, "to_entry")),
                         "2001-13-40");
  g_signal_emit_by_name (child (window, PD_TYPE_AUDIT_WINDOW, "to_entry"), "activate");
  g_assert_true (gtk_widget_get_visible (child (window, PD_TYPE_AUDIT_WINDOW,
                                                "filter_error_label")));
  gtk_editable_set_text (GTK_EDITABLE (child (window, PD_TYPE_AUDIT_WINDOW, "from_entry")), "");
  gtk_editable_set_text (GTK_EDITABLE (child (window, PD_TYPE_AUDIT_WINDOW, "to_entry")), "");
  g_signal_emit_by_name (child (window, PD_TYPE_AUDIT_WINDOW, "to_entry"), "activate");
  g_assert_false (gtk_widget_get_visible (child (window, PD_TYPE_AUDIT_WINDOW,
                                                 "filter_error_label")));

  /* By staff member: "Anyone", then the accounts by name. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (window, PD_TYPE_AUDIT_WINDOW,
                                                    "staff_dropdown")), 1);
  pd_test_iterate (50);
  g_assert_cmpuint (n_shown (window), >, 0);

  /* The trail is closed to whoever signs in next. */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &fixture->window);
  pd_staff_sign_out (fixture->database);
  pd_test_iterate (50);
  g_assert_null (fixture->window);
}

/* A director erases a member from the member's menu, after saying yes to
 * what the dialog says will happen; the list then shows the number only.
 * Someone at the front desk is not offered it. */
static void
test_erase_member (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(PdMember) member = pd_member_new ();
  g_autoptr(PdMember) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  GtkWidget *page, *search, *dialog;

  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, "Robin");
  pd_member_set (member, PD_MEMBER_FIELD_LAST_NAME, "Quayle");
  pd_member_set (member, PD_MEMBER_FIELD_PHONE, "555 010 4477");
  g_assert_true (pd_members_insert (fixture->database, member, &error));
  g_assert_no_error (error);
  number = g_strdup (pd_member_get (member, PD_MEMBER_FIELD_NUMBER));
  pd_test_sign_in_director (fixture->database, "Dana", PASSPHRASE);
  pd_test_add_staff (fixture->database, "Sam", PD_ROLE_FRONT_DESK, PASSPHRASE);

  fixture->window = gtk_window_new ();
  page = pd_members_page_new (fixture->context);
  gtk_window_set_child (GTK_WINDOW (fixture->window), page);
  present (GTK_WINDOW (fixture->window), 1000);
  search = child (page, PD_TYPE_MEMBERS_PAGE, "search_entry");
  gtk_editable_set_text (GTK_EDITABLE (search), "Robin");
  pd_test_iterate (400);
  g_signal_emit_by_name (search, "activate");
  pd_test_iterate (50);
  g_assert_nonnull (pd_members_page_get_current (PD_MEMBERS_PAGE (page)));

  /* Nobody but a director is offered erasing. */
  pd_staff_sign_out (fixture->database);
  pd_test_sign_in (fixture->database, "Sam", PASSPHRASE);
  gtk_widget_activate_action (page, "members.erase", NULL);
  g_assert_null (pd_test_find_toplevel (PD_TYPE_ERASE_MEMBER_DIALOG));
  pd_staff_sign_out (fixture->database);
  pd_test_sign_in (fixture->database, "Dana", PASSPHRASE);

  g_assert_true (gtk_widget_activate_action (page, "members.erase", NULL));
  dialog = pd_test_find_toplevel (PD_TYPE_ERASE_MEMBER_DIALOG);
  g_assert_nonnull (dialog);
  text = g_strdup_printf ("%s\n%s", adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)),
                          adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)));
  assert_contains (text, "Erase Robin Quayle?");
  assert_contains (text, "contact details, birth date, confidential notes and demographics");
  assert_contains (text, "Visits and attendance stay, as anonymous counts");
  assert_contains (text, "This cannot be undone");
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "cancel");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (ADW_MESSAGE_DIALOG (dialog),
                                                               "erase"),
                   ==, ADW_RESPONSE_DESTRUCTIVE);

  /* Cancel keeps the member as it was. */
  respond (dialog, "cancel");
  stored = pd_members_get (fixture->database, pd_member_get_id (member), &error);
  g_assert_false (pd_member_is_erased (stored));
  g_clear_object (&stored);

  g_assert_true (gtk_widget_activate_action (page, "members.erase", NULL));
  respond (pd_test_find_toplevel (PD_TYPE_ERASE_MEMBER_DIALOG), "erase");
  stored = pd_members_get (fixture->database, pd_member_get_id (member), &error);
  g_assert_no_error (error);
  g_assert_true (pd_member_is_erased (stored));
  g_assert_cmpstr (pd_member_get (stored, PD_MEMBER_FIELD_PHONE), ==, "");
  /* The form closes: nothing of the person is left to show or edit. */
  g_assert_null (pd_members_page_get_current (PD_MEMBERS_PAGE (page)));

  /* The list shows the number in place of the name. */
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  pd_test_iterate (400);
  expected = g_strdup_printf ("Erased member %s", number);
  g_clear_pointer (&text, g_free);
  text = pd_test_dup_text (child (page, PD_TYPE_MEMBERS_PAGE, "list_view"));
  assert_contains (text, expected);
  assert_lacks (text, "Robin");
  screenshot (GTK_WINDOW (fixture->window), "member-erased");
}

static void
open_member (GtkWidget  *page,
             const char *text)
{
  GtkWidget *search = child (page, PD_TYPE_MEMBERS_PAGE, "search_entry");

  gtk_editable_set_text (GTK_EDITABLE (search), text);
  pd_test_iterate (400);
  g_signal_emit_by_name (search, "activate");
  pd_test_iterate (50);
  g_assert_nonnull (pd_members_page_get_current (PD_MEMBERS_PAGE (page)));
}

static guint
count_entries (Fixture     *fixture,
               PdAuditKind  kind)
{
  PdAuditQuery query = PD_AUDIT_QUERY_INIT;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  query.kind = kind;
  entries = pd_audit_list (fixture->database, &query, &error);
  g_assert_no_error (error);
  return entries->len;
}

/* Confidential notes stay hidden behind a button whose every use is
 * recorded; someone at the front desk never sees where they would be. */
static void
test_notes (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(PdMember) member = pd_member_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  GtkWidget *page, *editor, *group, *button, *view;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  pd_test_sign_in_director (fixture->database, "Dana", PASSPHRASE);
  pd_test_add_staff (fixture->database, "Sam", PD_ROLE_FRONT_DESK, PASSPHRASE);
  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, "Robin");
  pd_member_set (member, PD_MEMBER_FIELD_NOTES, "Prefers evening calls");
  g_assert_true (pd_members_insert (fixture->database, member, &error));
  g_assert_no_error (error);

  fixture->window = gtk_window_new ();
  page = pd_members_page_new (fixture->context);
  gtk_window_set_child (GTK_WINDOW (fixture->window), page);
  present (GTK_WINDOW (fixture->window), 1000);
  open_member (page, "Robin");
  editor = child (page, PD_TYPE_MEMBERS_PAGE, "editor");
  group = child (editor, PD_TYPE_MEMBER_EDITOR, "notes_group");
  button = child (editor, PD_TYPE_MEMBER_EDITOR, "show_notes_button");
  view = pd_member_editor_get_field_widget (PD_MEMBER_EDITOR (editor), PD_MEMBER_FIELD_NOTES);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  /* A director sees that there are notes, not what they say. */
  g_assert_true (gtk_widget_is_visible (group));
  g_assert_true (gtk_widget_is_visible (button));
  g_assert_false (gtk_widget_is_visible (view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (shown, ==, "");
  g_clear_pointer (&shown, g_free);
  g_assert_cmpuint (count_entries (fixture, PD_AUDIT_NOTES_OPENED), ==, 0);

  /* Showing them reads them, once, on the record. */
  g_signal_emit_by_name (button, "clicked");
  pd_test_iterate (50);
  g_assert_true (gtk_widget_is_visible (view));
  g_assert_false (gtk_widget_is_visible (button));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (shown, ==, "Prefers evening calls");
  g_assert_cmpuint (count_entries (fixture, PD_AUDIT_NOTES_OPENED), ==, 1);
  g_assert_false (pd_members_page_get_has_unsaved_changes (PD_MEMBERS_PAGE (page)));
  screenshot (GTK_WINDOW (fixture->window), "notes-shown");

  /* The front desk gets no notes field at all. */
  pd_staff_sign_out (fixture->database);
  pd_test_sign_in (fixture->database, "Sam", PASSPHRASE);
  pd_test_iterate (50);
  open_member (page, "Robin");
  g_assert_false (gtk_widget_is_visible (group));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  g_clear_pointer (&shown, g_free);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (shown, ==, "");
  gtk_widget_activate_action (page, "members.edit", NULL);
  g_assert_false (gtk_widget_is_visible (group));
}

static gboolean
enabled (GtkApplication *application,
         const char     *name)
{
  return g_action_group_get_action_enabled (G_ACTION_GROUP (application), name);
}

/* The main menu's staff items are there only when they apply: the audit
 * trail for a director, one's own passphrase for someone signed in, and
 * the suggestion to protect the records while sign-in is off, which opens
 * the Staff page. */
static void
test_menu_actions (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GtkApplication) application = gtk_application_new ("org.peerdesk.PeerdeskTest",
                                                               G_APPLICATION_NON_UNIQUE);
  g_autoptr(GError) error = NULL;
  GtkWidget *preferences;

  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);
  pd_staff_actions_add (application, fixture->context);

  g_assert_true (enabled (application, "protect-records"));
  g_assert_true (enabled (application, "audit-trail"));
  g_assert_false (enabled (application, "change-secret"));
  g_action_group_activate_action (G_ACTION_GROUP (application), "protect-records", NULL);
  pd_test_iterate (100);
  preferences = pd_test_find_toplevel (PD_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (
                     ADW_PREFERENCES_WINDOW (preferences)), ==, "staff");
  gtk_window_destroy (GTK_WINDOW (preferences));

  pd_test_sign_in_director (fixture->database, "Dana", PASSPHRASE);
  g_assert_false (enabled (application, "protect-records"));
  g_assert_true (enabled (application, "audit-trail"));
  g_assert_true (enabled (application, "change-secret"));
  g_action_group_activate_action (G_ACTION_GROUP (application), "audit-trail", NULL);
  pd_test_iterate (100);
  g_assert_nonnull (pd_test_find_toplevel (PD_TYPE_AUDIT_WINDOW));

  pd_test_add_staff (fixture->database, "Sam", PD_ROLE_FRONT_DESK, PASSPHRASE);
  pd_staff_sign_out (fixture->database);
  pd_test_iterate (50);
  /* Signing out closes the trail. */
  g_assert_null (pd_test_find_toplevel (PD_TYPE_AUDIT_WINDOW));
  g_assert_false (enabled (application, "audit-trail"));
  g_assert_false (enabled (application, "change-secret"));
  pd_test_sign_in (fixture->database, "Sam", PASSPHRASE);
  g_assert_false (enabled (application, "audit-trail"));
  g_assert_true (enabled (application, "change-secret"));
  pd_test_close_windows ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/staff-gui/first-director", test_first_director);
  ADD ("/staff-gui/first-director-in-window", test_first_director_in_window);
  ADD ("/staff-gui/add-staff", test_add_staff);
  ADD ("/staff-gui/remove-staff", test_remove_staff);
  ADD ("/staff-gui/not-director", test_not_director);
  ADD ("/staff-gui/audit-window", test_audit_window);
  ADD ("/staff-gui/erase-member", test_erase_member);
  ADD ("/staff-gui/notes", test_notes);
  ADD ("/staff-gui/menu-actions", test_menu_actions);

#undef ADD

  return g_test_run ();
}
