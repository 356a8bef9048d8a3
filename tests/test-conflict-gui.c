/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The member form when another desk saved the member after it was opened:
 * Save asks who saved, when, and what to keep, and each answer does what
 * it says. The other desk is a second handle on the same database file. */
#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <string.h>

#include "pd-conflict-dialog.h"
#include "pd-context.h"
#include "pd-form-window.h"
#include "pd-group-editor.h"
#include "pd-member-editor.h"
#include "pd-members-page.h"
#include "pd-members.h"
#include "pd-volunteer-editor.h"
#include "pd-volunteers.h"
#include "pd-window.h"
#include "pd-test-gui.h"

typedef struct
{
  char *dir;
  char *path;
  PdDatabase *database;
  PdContext *context;
  PdWindow *window;
  PdMembersPage *page;
  gint64 id;
} Fixture;

static GtkWidget *
page_child (Fixture    *fixture,
            const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (fixture->page),
                                                   PD_TYPE_MEMBERS_PAGE, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static PdMemberEditor *
editor (Fixture *fixture)
{
  return PD_MEMBER_EDITOR (page_child (fixture, "editor"));
}

static const char *
form_phone (Fixture *fixture)
{
  GtkWidget *widget = pd_member_editor_get_field_widget (editor (fixture), PD_MEMBER_FIELD_PHONE);

  return gtk_editable_get_text (GTK_EDITABLE (widget));
}

static char *
stored_phone (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMember) member = pd_members_get (fixture->database, fixture->id, &error);

  g_assert_no_error (error);
  return g_strdup (pd_member_get (member, PD_MEMBER_FIELD_PHONE));
}

static GtkWindow *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WINDOW (window);
    }
  return NULL;
}

/* Answers @dialog as its button would, which closes it too. */
static void
respond (GtkWindow  *dialog,
         const char *response)
{
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  if (dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
      gtk_window_destroy (dialog);
    }
  pd_test_iterate (50);
}

static void
screenshot (GtkWindow  *window,
            const char *name)
{
  const char *width = g_getenv ("PD_TEST_WINDOW_WIDTH");
  g_autofree char *file = g_strdup_printf ("%s-%s.png", name, width ? width : "1100");

  pd_test_save_screenshot (window, file);
}

/* Opens the window on Ana's form, types a new phone number, then has the
 * front desk save another one through its own handle; Save then asks. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMember) member = pd_member_new ();
  g_autoptr(PdDatabase) other = NULL;
  g_autoptr(PdMember) theirs = NULL;
  GtkWidget *phone;
  const char *width = g_getenv ("PD_TEST_WINDOW_WIDTH");

  fixture->dir = g_dir_make_tmp ("peerdesk-gui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->database = pd_database_open (fixture->path, &error);
  g_assert_no_error (error);
  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, "Ana");
  pd_member_set (member, PD_MEMBER_FIELD_LAST_NAME, "Okafor");
  pd_member_set (member, PD_MEMBER_FIELD_PHONE, "555-0100");
  g_assert_true (pd_members_insert (fixture->database, member, &error));
  g_assert_no_error (error);
  fixture->id = pd_member_get_id (member);

  fixture->context = pd_context_new (fixture->database, settings);
  fixture->window = pd_window_new (NULL, fixture->context);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width ? atoi (width) : 1100, 720);
  gtk_window_present (GTK_WINDOW (fixture->window));
  fixture->page = PD_MEMBERS_PAGE (pd_window_get_section (fixture->window, "members"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-section", "s", "members");
  pd_test_iterate (100);

  gtk_editable_set_text (GTK_EDITABLE (page_child (fixture, "search_entry")), "ana");
  pd_test_iterate (400);
  g_signal_emit_by_name (page_child (fixture, "search_entry"), "activate");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "members.edit", NULL);
  phone = pd_member_editor_get_field_widget (editor (fixture), PD_MEMBER_FIELD_PHONE);
  g_assert_true (gtk_editable_get_editable (GTK_EDITABLE (phone)));
  gtk_editable_set_text (GTK_EDITABLE (phone), "555-0101");

  /* The front desk, with the member open since before, saves first. */
  other = pd_database_open (fixture->path, &error);
  g_assert_no_error (error);
  theirs = pd_members_get (other, fixture->id, &error);
  g_assert_no_error (error);
  pd_member_set (theirs, PD_MEMBER_FIELD_PHONE, "555-0199");
  g_assert_true (pd_members_update_full (other, theirs, "Front desk", FALSE, &error));
  g_assert_no_error (error);
  pd_test_iterate (50);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_free (fixture->path);
  pd_test_gui_tear_down (&fixture->dir, &fixture->context, &fixture->database, NULL);
}

/* Save asks instead of writing over the front desk's save; the form keeps
 * what was typed. */
static GtkWindow *
save_and_ask_typed (Fixture    *fixture,
                    const char *typed)
{
  GtkWindow *dialog;
  g_autofree char *phone = NULL;

  g_assert_null (find_dialog ());
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "members.save", NULL);
  pd_test_iterate (50);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)),
                                   "Changed by Front desk at "));
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Someone else saved this member after you opened it.");
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "compare"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "theirs"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "mine"));
  g_assert_cmpstr (form_phone (fixture), ==, typed);
  phone = stored_phone (fixture);
  g_assert_cmpstr (phone, ==, "555-0199");
  return dialog;
}

static GtkWindow *
save_and_ask (Fixture *fixture)
{
  return save_and_ask_typed (fixture, "555-0101");
}

/* Cancel, and Escape, go back to the form as it was typed; nothing is
 * written, and Save asks again. */
static void
test_keep_editing (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWindow *dialog = save_and_ask (fixture);
  g_autofree char *phone = NULL;

  screenshot (dialog, "conflict-dialog");
  respond (dialog, "cancel");
  g_assert_null (find_dialog ());
  g_assert_cmpstr (form_phone (fixture), ==, "555-0101");
  g_assert_true (pd_members_page_get_has_unsaved_changes (fixture->page));

  dialog = save_and_ask (fixture);
  g_assert_true (pd_test_press (GTK_WIDGET (dialog), GDK_KEY_Escape, 0));
  pd_test_iterate (50);
  g_assert_null (find_dialog ());
  g_assert_cmpstr (form_phone (fixture), ==, "555-0101");
  g_assert_true (pd_members_page_get_has_unsaved_changes (fixture->page));
  phone = stored_phone (fixture);
  g_assert_cmpstr (phone, ==, "555-0199");
}

/* Keep Mine saves what was typed over the front desk's save. */
static void
test_keep_mine (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *phone = NULL;

  respond (save_and_ask (fixture), "mine");
  g_assert_null (find_dialog ());
  phone = stored_phone (fixture);
  g_assert_cmpstr (phone, ==, "555-0101");
  g_assert_false (pd_members_page_get_has_unsaved_changes (fixture->page));
  g_assert_false (pd_member_editor_get_editable (editor (fixture)));
}

/* Take Theirs drops what was typed and shows what the front desk saved. */
static void
test_take_theirs (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *phone = NULL;

  respond (save_and_ask (fixture), "theirs");
  g_assert_null (find_dialog ());
  g_assert_cmpstr (form_phone (fixture), ==, "555-0199");
  g_assert_false (pd_members_page_get_has_unsaved_changes (fixture->page));
  phone = stored_phone (fixture);
  g_assert_cmpstr (phone, ==, "555-0199");
}

/* Compare lists only the fields that differ, each read out as one
 * sentence, then offers the same two choices. */
static void
test_compare (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWindow *dialog;
  GtkWidget *list;
  GtkWidget *row;
  g_autofree char *phone = NULL;
  g_autofree char *text = NULL;

  respond (save_and_ask (fixture), "compare");
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)),
                                   "Changed by Front desk at "));
  g_assert_false (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "compare"));
  g_assert_cmpuint (pd_conflict_dialog_get_n_differences (GTK_WIDGET (dialog)), ==, 1);
  list = pd_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_LIST_BOX);
  row = gtk_widget_get_first_child (list);
  text = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                             "Phone: yours 555-0101, theirs 555-0199");
  g_assert_null (text);
  screenshot (dialog, "conflict-compare");

  /* Going back from the comparison keeps the form as typed. */
  respond (dialog, "cancel");
  g_assert_cmpstr (form_phone (fixture), ==, "555-0101");

  respond (save_and_ask (fixture), "compare");
  respond (find_dialog (), "mine");
  phone = stored_phone (fixture);
  g_assert_cmpstr (phone, ==, "555-0101");
}

/* When the other desk saved just what was typed, Compare says that no
 * field differs instead of showing an empty list. */
static void
test_compare_same (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *phone = pd_member_editor_get_field_widget (editor (fixture), PD_MEMBER_FIELD_PHONE);
  GtkWindow *dialog;

  gtk_editable_set_text (GTK_EDITABLE (phone), "555-0199");
  respond (save_and_ask_typed (fixture, "555-0199"), "compare");
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpuint (pd_conflict_dialog_get_n_differences (GTK_WIDGET (dialog)), ==, 0);
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Every field shown is the same in both.");
  g_assert_false (gtk_widget_get_visible (
                    adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog))));
  respond (dialog, "cancel");
}

/* The group and volunteer forms, opened on their own with no window
 * behind them, as the meetings and volunteers pages open them. */
typedef struct
{
  char *dir;
  char *path;
  PdDatabase *database;
  PdContext *context;
} EditorFixture;

static void
editor_set_up (EditorFixture *fixture,
               gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("peerdesk-gui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->database = pd_database_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->context = pd_context_new (fixture->database, settings);
}

static void
editor_tear_down (EditorFixture *fixture,
                  gconstpointer  data)
{
  g_free (fixture->path);
  pd_test_gui_tear_down (&fixture->dir, &fixture->context, &fixture->database, NULL);
}

static void
set_row (gpointer    editor,
         GType       type,
         const char *name,
         const char *text)
{
  GObject *row = gtk_widget_get_template_child (GTK_WIDGET (editor), type, name);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static const char *
row_text (gpointer    editor,
          GType       type,
          const char *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                                             type, name)));
}

/* Saving @editor asks, naming the front desk, with @body. */
static GtkWindow *
save_form_and_ask (gpointer    editor,
                   const char *body)
{
  GtkWindow *dialog;

  g_assert_false (pd_form_window_save (PD_FORM_WINDOW (editor)));
  pd_test_iterate (50);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)),
                                   "Changed by Front desk at "));
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==, body);
  return dialog;
}

/* A second handle on the database, as another desk. */
static PdDatabase *
open_other (EditorFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  PdDatabase *other = pd_database_open (fixture->path, &error);

  g_assert_no_error (error);
  return other;
}

/* Save asks; Compare shows the room; Keep Mine saves the form's room. */
static void
test_group_editor (EditorFixture *fixture,
                   gconstpointer  data)
{
  g_autoptr(PdGroup) group = pd_group_new ();
  g_autoptr(PdGroup) theirs = NULL;
  g_autoptr(PdGroup) stored = NULL;
  g_autoptr(PdDatabase) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  PdGroupEditor *editor;
  GtkWindow *dialog;
  GtkWidget *row;

  g_free (group->name);
  group->name = g_strdup ("Art group");
  g_assert_cmpint (pd_groups_insert (fixture->database, group, &error), >, 0);
  g_assert_no_error (error);
  editor = pd_group_editor_new (NULL, fixture->context, group->id);
  gtk_window_present (GTK_WINDOW (editor));
  set_row (editor, PD_TYPE_GROUP_EDITOR, "room_row", "Room 1");

  other = open_other (fixture);
  theirs = pd_groups_get (other, group->id, &error);
  g_assert_no_error (error);
  g_free (theirs->room);
  theirs->room = g_strdup ("Room 2");
  g_assert_true (pd_groups_update_full (other, theirs, "Front desk", FALSE, &error));
  g_assert_no_error (error);

  dialog = save_form_and_ask (editor, "Someone else saved this group after you opened it.");
  respond (dialog, "compare");
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpuint (pd_conflict_dialog_get_n_differences (GTK_WIDGET (dialog)), ==, 1);
  row = gtk_widget_get_first_child (pd_test_find_descendant (GTK_WIDGET (dialog),
                                                             GTK_TYPE_LIST_BOX));
  text = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                             "Room: yours Room 1, theirs Room 2");
  g_assert_null (text);
  g_assert_cmpstr (row_text (editor, PD_TYPE_GROUP_EDITOR, "room_row"), ==, "Room 1");
  respond (dialog, "mine");

  stored = pd_groups_get (fixture->database, group->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->room, ==, "Room 1");
}

/* Take Theirs shows the volunteer as the other desk saved it. */
static void
test_volunteer_editor (EditorFixture *fixture,
                       gconstpointer  data)
{
  g_autoptr(PdVolunteer) volunteer = pd_volunteer_new ();
  g_autoptr(PdVolunteer) theirs = NULL;
  g_autoptr(PdVolunteer) stored = NULL;
  g_autoptr(PdDatabase) other = NULL;
  g_autoptr(GError) error = NULL;
  PdVolunteerEditor *editor;
  GtkWindow *dialog;

  g_free (volunteer->display_name);
  volunteer->display_name = g_strdup ("Rosa");
  g_assert_cmpint (pd_volunteers_insert (fixture->database, volunteer, &error), >, 0);
  g_assert_no_error (error);
  editor = pd_volunteer_editor_new (NULL, fixture->context, volunteer->id);
  gtk_window_present (GTK_WINDOW (editor));
  set_row (editor, PD_TYPE_VOLUNTEER_EDITOR, "phone_row", "555-0101");

  other = open_other (fixture);
  theirs = pd_volunteers_get (other, volunteer->id, &error);
  g_assert_no_error (error);
  g_free (theirs->phone);
  theirs->phone = g_strdup ("555-0199");
  g_assert_true (pd_volunteers_update_full (other, theirs, "Front desk", FALSE, &error));
  g_assert_no_error (error);

  dialog = save_form_and_ask (editor,
                              "Someone else saved this volunteer after you opened it.");
  g_assert_cmpstr (row_text (editor, PD_TYPE_VOLUNTEER_EDITOR, "phone_row"), ==, "555-0101");
  respond (dialog, "theirs");
  g_assert_null (find_dialog ());
  g_assert_cmpstr (row_text (editor, PD_TYPE_VOLUNTEER_EDITOR, "phone_row"), ==, "555-0199");
  g_assert_false (pd_form_window_get_dirty (PD_FORM_WINDOW (editor)));
  stored = pd_volunteers_get (fixture->database, volunteer->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->phone, ==, "555-0199");

  /* Saved again from there, it meets no one. */
  set_row (editor, PD_TYPE_VOLUNTEER_EDITOR, "phone_row", "555-0102");
  g_assert_true (pd_form_window_save (PD_FORM_WINDOW (editor)));
  pd_test_iterate (50);
  g_assert_null (find_dialog ());
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/conflict-gui/keep-editing", test_keep_editing);
  ADD ("/conflict-gui/keep-mine", test_keep_mine);
  ADD ("/conflict-gui/take-theirs", test_take_theirs);
  ADD ("/conflict-gui/compare", test_compare);
  ADD ("/conflict-gui/compare-same", test_compare_same);
  g_test_add ("/conflict-gui/group-editor", EditorFixture, NULL, editor_set_up, test_group_editor,
              editor_tear_down);
  g_test_add ("/conflict-gui/volunteer-editor", EditorFixture, NULL, editor_set_up,
              test_volunteer_editor, editor_tear_down);

#undef ADD

  return g_test_run ();
}
