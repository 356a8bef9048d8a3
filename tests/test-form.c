/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "pd-entry-row.h"
#include "pd-form-window.h"
#include "pd-test-gui.h"

/* The form kit on its own: a form window with one required row, whose
 * Save counts the saves and fails while told to. */

#define TEST_TYPE_FORM (test_form_get_type ())

G_DECLARE_FINAL_TYPE (TestForm, test_form, TEST, FORM, PdFormWindow)

struct _TestForm
{
  PdFormWindow parent_instance;

  PdEntryRow *name_row;
  guint n_saves;
  gboolean fail;
};

G_DEFINE_FINAL_TYPE (TestForm, test_form, PD_TYPE_FORM_WINDOW)

static const char form_ui[] =
  "<interface>"
  "  <template class='TestForm' parent='PdFormWindow'>"
  "    <property name='title'>Test Form</property>"
  "    <property name='body'>"
  "      <object class='AdwPreferencesPage'>"
  "        <child>"
  "          <object class='AdwPreferencesGroup'>"
  "            <child>"
  "              <object class='PdEntryRow' id='name_row'>"
  "                <property name='label'>Name</property>"
  "                <signal name='changed' handler='on_name_changed_cb' swapped='true'/>"
  "              </object>"
  "            </child>"
  "          </object>"
  "        </child>"
  "      </object>"
  "    </property>"
  "  </template>"
  "</interface>";

static void
on_name_changed_cb (TestForm *self)
{
  pd_form_window_set_dirty (PD_FORM_WINDOW (self), TRUE);
  pd_form_window_set_valid (PD_FORM_WINDOW (self),
                            pd_entry_row_check_required (self->name_row));
}

static gboolean
test_form_save (PdFormWindow  *form,
                GError       **error)
{
  TestForm *self = TEST_FORM (form);

  if (self->fail)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the disk is full");
      return FALSE;
    }
  self->n_saves++;
  return TRUE;
}

static void
test_form_class_init (TestFormClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  g_autoptr(GBytes) ui = g_bytes_new_static (form_ui, strlen (form_ui));

  PD_FORM_WINDOW_CLASS (klass)->save = test_form_save;
  gtk_widget_class_set_template (widget_class, ui);
  gtk_widget_class_bind_template_child (widget_class, TestForm, name_row);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed_cb);
}

static void
test_form_init (TestForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  on_name_changed_cb (self);
  pd_form_window_set_dirty (PD_FORM_WINDOW (self), FALSE);
}

static gboolean
is_open (GtkWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (toplevel == window)
        return TRUE;
    }
  return FALSE;
}

static AdwMessageDialog *
find_dialog_of (GtkWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) &&
          gtk_window_get_transient_for (toplevel) == window)
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static TestForm *
open_form (void)
{
  TestForm *form = g_object_new (TEST_TYPE_FORM, NULL);

  gtk_window_present (GTK_WINDOW (form));
  pd_test_iterate (20);
  return form;
}

/* An error is kept from the start, but shown only once the row is
 * touched: in its title, its style, and what a screen reader hears. */
static void
test_entry_row_touched (void)
{
  GtkWidget *row = g_object_ref_sink (pd_entry_row_new ("Name"));

  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Name");
  pd_entry_row_set_error (PD_ENTRY_ROW (row), "this is required");
  g_assert_false (pd_entry_row_get_touched (PD_ENTRY_ROW (row)));
  g_assert_false (pd_entry_row_get_error_shown (PD_ENTRY_ROW (row)));
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Name");

  pd_entry_row_set_touched (PD_ENTRY_ROW (row), TRUE);
  g_assert_true (pd_entry_row_get_error_shown (PD_ENTRY_ROW (row)));
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Name — this is required");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Name");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "this is required");
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_TRUE);

  /* What the form puts in is not the person's typing. */
  pd_entry_row_load_text (PD_ENTRY_ROW (row), "Ana");
  g_assert_false (pd_entry_row_get_touched (PD_ENTRY_ROW (row)));
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Name");

  /* Typing touches the row; the error goes when it is put right. */
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  g_assert_true (pd_entry_row_get_touched (PD_ENTRY_ROW (row)));
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  pd_entry_row_set_error (PD_ENTRY_ROW (row), NULL);
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Name");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "");
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_FALSE);
  g_assert_finalize_object (row);
}

/* The shared checks: required, a date, hours in quarter steps. */
static void
test_entry_row_checks (void)
{
  GtkWidget *row = g_object_ref_sink (pd_entry_row_new ("Date"));
  guint quarters = 0;

  g_assert_false (pd_entry_row_check_required (PD_ENTRY_ROW (row)));
  g_assert_cmpstr (pd_entry_row_get_error (PD_ENTRY_ROW (row)), ==, "this is required");
  g_assert_true (pd_entry_row_check_date (PD_ENTRY_ROW (row), FALSE));
  g_assert_null (pd_entry_row_get_error (PD_ENTRY_ROW (row)));
  g_assert_false (pd_entry_row_check_date (PD_ENTRY_ROW (row), TRUE));
  gtk_editable_set_text (GTK_EDITABLE (row), "2026-02-30");
  g_assert_false (pd_entry_row_check_date (PD_ENTRY_ROW (row), TRUE));
  g_assert_cmpstr (pd_entry_row_get_error (PD_ENTRY_ROW (row)), ==,
                   "not a date (YYYY-MM-DD)");
  gtk_editable_set_text (GTK_EDITABLE (row), " 2026-02-03 ");
  g_assert_true (pd_entry_row_check_date (PD_ENTRY_ROW (row), TRUE));
  gtk_editable_set_text (GTK_EDITABLE (row), "1.25");
  g_assert_true (pd_entry_row_check_hours (PD_ENTRY_ROW (row), &quarters));
  g_assert_cmpuint (quarters, ==, 5);
  gtk_editable_set_text (GTK_EDITABLE (row), "1.3");
  g_assert_false (pd_entry_row_check_hours (PD_ENTRY_ROW (row), &quarters));
  g_assert_nonnull (pd_entry_row_get_error (PD_ENTRY_ROW (row)));
  g_assert_finalize_object (row);
}

/* Leaving a row touches it, typed in or not. */
static void
test_entry_row_leave (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *row = pd_entry_row_new ("Name");
  GtkWidget *other = gtk_entry_new ();
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), other);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  pd_test_iterate (20);
  pd_entry_row_set_error (PD_ENTRY_ROW (row), "this is required");

  gtk_widget_grab_focus (row);
  pd_test_iterate (20);
  g_assert_false (pd_entry_row_get_touched (PD_ENTRY_ROW (row)));
  gtk_widget_grab_focus (other);
  pd_test_iterate (20);
  g_assert_true (pd_entry_row_get_touched (PD_ENTRY_ROW (row)));
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Save is enabled while the form is valid. */
static void
test_window_valid (void)
{
  TestForm *form = open_form ();
  GtkWidget *save = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (form),
                                                               PD_TYPE_FORM_WINDOW,
                                                               "save_button"));

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (form)), ==, "Test Form");
  g_assert_false (pd_form_window_get_valid (PD_FORM_WINDOW (form)));
  g_assert_false (gtk_widget_get_sensitive (save));
  g_assert_false (pd_form_window_get_dirty (PD_FORM_WINDOW (form)));
  /* A new form's empty required row says nothing until touched. */
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (form->name_row), "error"));

  gtk_editable_set_text (GTK_EDITABLE (form->name_row), "Ana");
  g_assert_true (pd_form_window_get_valid (PD_FORM_WINDOW (form)));
  g_assert_true (gtk_widget_get_sensitive (save));
  g_assert_true (pd_form_window_get_dirty (PD_FORM_WINDOW (form)));

  gtk_editable_set_text (GTK_EDITABLE (form->name_row), "");
  g_assert_false (gtk_widget_get_sensitive (save));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (form->name_row), "error"));
  gtk_window_destroy (GTK_WINDOW (form));
}

/* Ctrl+S on a form that is not valid shows every error and saves
 * nothing; on a valid one it saves and closes. */
static void
test_window_ctrl_s (void)
{
  TestForm *form = open_form ();

  g_object_ref (form);
  g_assert_true (pd_test_press (GTK_WIDGET (form), GDK_KEY_s, GDK_CONTROL_MASK));
  g_assert_cmpuint (form->n_saves, ==, 0);
  g_assert_true (pd_entry_row_get_touched (form->name_row));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (form->name_row), "error"));
  g_assert_true (is_open (GTK_WINDOW (form)));

  /* A failed save says why and keeps the window and what was typed. */
  gtk_editable_set_text (GTK_EDITABLE (form->name_row), "Ana");
  form->fail = TRUE;
  g_assert_true (pd_test_press (GTK_WIDGET (form), GDK_KEY_s, GDK_CONTROL_MASK));
  g_assert_cmpuint (form->n_saves, ==, 0);
  g_assert_true (is_open (GTK_WINDOW (form)));
  g_assert_true (pd_form_window_get_dirty (PD_FORM_WINDOW (form)));

  form->fail = FALSE;
  g_assert_true (pd_test_press (GTK_WIDGET (form), GDK_KEY_s, GDK_CONTROL_MASK));
  g_assert_cmpuint (form->n_saves, ==, 1);
  g_assert_false (pd_form_window_get_dirty (PD_FORM_WINDOW (form)));
  g_assert_false (is_open (GTK_WINDOW (form)));
  g_assert_finalize_object (form);
}

/* Escape closes a form with nothing changed, and asks first about one
 * with changes, as closing it any other way does: Cancel goes back to
 * it, Discard closes it. */
static void
test_window_escape (void)
{
  TestForm *form = open_form ();
  AdwMessageDialog *dialog;

  g_object_ref (form);
  gtk_editable_set_text (GTK_EDITABLE (form->name_row), "Ana");
  g_assert_true (pd_test_press (GTK_WIDGET (form), GDK_KEY_Escape, 0));
  dialog = find_dialog_of (GTK_WINDOW (form));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Discard Changes?");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_true (is_open (GTK_WINDOW (form)));

  /* Asked again while the question is open: the same question. */
  g_assert_true (pd_test_press (GTK_WIDGET (form), GDK_KEY_Escape, 0));
  g_assert_true (find_dialog_of (GTK_WINDOW (form)) == dialog);

  adw_message_dialog_response (dialog, "cancel");
  pd_test_iterate (20);
  g_assert_true (is_open (GTK_WINDOW (form)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (form->name_row)), ==, "Ana");

  g_assert_true (pd_test_press (GTK_WIDGET (form), GDK_KEY_Escape, 0));
  dialog = find_dialog_of (GTK_WINDOW (form));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  pd_test_iterate (20);
  g_assert_false (is_open (GTK_WINDOW (form)));
  g_assert_cmpuint (form->n_saves, ==, 0);
  g_assert_finalize_object (form);

  /* Closing the window otherwise (Ctrl+W, quitting) asks the same. */
  form = open_form ();
  g_object_ref (form);
  gtk_editable_set_text (GTK_EDITABLE (form->name_row), "Ana");
  gtk_window_close (GTK_WINDOW (form));
  dialog = find_dialog_of (GTK_WINDOW (form));
  g_assert_nonnull (dialog);
  g_assert_true (is_open (GTK_WINDOW (form)));
  adw_message_dialog_response (dialog, "discard");
  pd_test_iterate (20);
  g_assert_false (is_open (GTK_WINDOW (form)));
  g_assert_finalize_object (form);

  /* Nothing changed: nothing to ask. */
  form = open_form ();
  g_object_ref (form);
  g_assert_true (pd_test_press (GTK_WIDGET (form), GDK_KEY_Escape, 0));
  g_assert_null (find_dialog_of (GTK_WINDOW (form)));
  g_assert_false (is_open (GTK_WINDOW (form)));
  g_assert_finalize_object (form);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/form/entry-row/touched", test_entry_row_touched);
  g_test_add_func ("/form/entry-row/checks", test_entry_row_checks);
  g_test_add_func ("/form/entry-row/leave", test_entry_row_leave);
  g_test_add_func ("/form/window/valid", test_window_valid);
  g_test_add_func ("/form/window/ctrl-s", test_window_ctrl_s);
  g_test_add_func ("/form/window/escape", test_window_escape);
  return g_test_run ();
}
