/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-conflict-dialog.h"
#include "pd-conflict.h"
#include "pd-context.h"

#define RESOURCE "/org/peerdesk/Peerdesk/pd-conflict-dialog.ui"

static GtkWidget *
build (GtkWindow  *parent,
       const char *id,
       const char *heading)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE);
  gboolean compare = g_str_equal (id, "compare_dialog");
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (gtk_builder_get_object (builder, id));
  GObject *other = gtk_builder_get_object (builder, compare ? "dialog" : "compare_dialog");

  /* Both dialogs are windows, which live until destroyed: the one not
   * asked for goes at once. */
  gtk_window_destroy (GTK_WINDOW (other));
  if (compare)
    g_object_set_data (G_OBJECT (dialog), "differences",
                       gtk_builder_get_object (builder, "differences"));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), parent);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_set_heading (dialog, heading);
  return GTK_WIDGET (dialog);
}

GtkWidget *
pd_conflict_dialog_new (GtkWindow  *parent,
                        const char *heading,
                        const char *body)
{
  GtkWidget *dialog;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  dialog = build (parent, "dialog", heading);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
  return dialog;
}

GtkWidget *
pd_conflict_dialog_new_compare (GtkWindow  *parent,
                                const char *heading)
{
  GtkWidget *dialog;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  dialog = build (parent, "compare_dialog", heading);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _("These fields differ between what you typed and what was "
                                 "saved."));
  return dialog;
}

/* One row a field: its name, then the two values on lines of their own,
 * which a narrow window wraps; a screen reader hears the row as one
 * sentence. */
void
pd_conflict_dialog_add_difference (GtkWidget  *compare_dialog,
                                   const char *label,
                                   const char *mine,
                                   const char *theirs)
{
  GtkListBox *list = g_object_get_data (G_OBJECT (compare_dialog), "differences");
  const char *none = _("(blank)");
  g_autofree char *yours_text = NULL;
  g_autofree char *theirs_text = NULL;
  g_autofree char *spoken = NULL;
  GtkWidget *row, *box, *title, *yours_label, *theirs_label;

  g_return_if_fail (GTK_IS_LIST_BOX (list));

  if (mine == NULL || *mine == '\0')
    mine = none;
  if (theirs == NULL || *theirs == '\0')
    theirs = none;
  /* Translators: what the person typed in a field, beside another desk's */
  yours_text = g_strdup_printf (_("Yours: %s"), mine);
  /* Translators: what another desk saved in a field */
  theirs_text = g_strdup_printf (_("Theirs: %s"), theirs);
  /* Translators: "Phone: yours 555-0101, theirs 555-0199", read out */
  spoken = g_strdup_printf (_("%s: yours %s, theirs %s"), label, mine, theirs);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  title = gtk_label_new (label);
  gtk_widget_add_css_class (title, "heading");
  yours_label = gtk_label_new (yours_text);
  theirs_label = gtk_label_new (theirs_text);
  gtk_widget_add_css_class (theirs_label, "dim-label");
  for (GtkWidget *l = title; l != NULL;
       l = l == title ? yours_label : l == yours_label ? theirs_label : NULL)
    {
      gtk_label_set_xalign (GTK_LABEL (l), 0);
      gtk_label_set_wrap (GTK_LABEL (l), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (l), PANGO_WRAP_WORD_CHAR);
      gtk_box_append (GTK_BOX (box), l);
    }

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken,
                                  -1);
  gtk_list_box_append (list, row);
}

guint
pd_conflict_dialog_get_n_differences (GtkWidget *compare_dialog)
{
  GtkWidget *list = g_object_get_data (G_OBJECT (compare_dialog), "differences");
  guint n = 0;

  g_return_val_if_fail (GTK_IS_LIST_BOX (list), 0);

  for (GtkWidget *c = gtk_widget_get_first_child (list); c; c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}

void
pd_conflict_dialog_add_if_different (GtkWidget  *compare_dialog,
                                     const char *label,
                                     const char *mine,
                                     const char *theirs)
{
  if (g_strcmp0 (mine ? mine : "", theirs ? theirs : "") != 0)
    pd_conflict_dialog_add_difference (compare_dialog, label, mine, theirs);
}

char *
pd_conflict_dialog_dup_desk_name (GObject *context)
{
  g_return_val_if_fail (PD_IS_CONTEXT (context), NULL);

  return g_strstrip (g_settings_get_string (pd_context_get_settings (PD_CONTEXT (context)),
                                            "desk-name"));
}

void
pd_conflict_dialog_present (GtkWidget *dialog)
{
  GtkWidget *list = g_object_get_data (G_OBJECT (dialog), "differences");

  /* Another desk saved what this form holds, or changed only what the
   * form does not show. */
  if (list != NULL && pd_conflict_dialog_get_n_differences (dialog) == 0)
    {
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                                   _("Every field shown is the same in both."));
      gtk_widget_set_visible (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog)),
                              FALSE);
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  PdFormWindow *form;
  const PdConflictForm *ops;
  char *table;
  gint64 id;
  char *body;
} FormQuestion;

static void
form_question_free (gpointer data)
{
  FormQuestion *question = data;

  g_object_unref (question->form);
  g_free (question->table);
  g_free (question->body);
  g_free (question);
}

/* Keep Mine, once the dialog is gone: the save closes the form, and the
 * dialog with it. */
static gboolean
keep_mine_cb (gpointer user_data)
{
  FormQuestion *question = user_data;

  question->ops->set_overwrite (question->form, TRUE);
  pd_form_window_save (question->form);
  question->ops->set_overwrite (question->form, FALSE);
  return G_SOURCE_REMOVE;
}

static void
on_form_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     FormQuestion     *question)
{
  if (g_str_equal (response, "compare"))
    pd_conflict_dialog_ask_form (question->form, question->ops, question->table, question->id,
                                 question->body, TRUE);
  else if (g_str_equal (response, "theirs"))
    {
      question->ops->reload (question->form);
      pd_form_window_set_dirty (question->form, FALSE);
    }
  else if (g_str_equal (response, "mine"))
    {
      FormQuestion *copy = g_new0 (FormQuestion, 1);

      copy->form = g_object_ref (question->form);
      copy->ops = question->ops;
      g_idle_add_full (G_PRIORITY_DEFAULT, keep_mine_cb, copy, form_question_free);
    }
}

void
pd_conflict_dialog_ask_form (PdFormWindow         *form,
                             const PdConflictForm *ops,
                             const char           *table,
                             gint64                id,
                             const char           *body,
                             gboolean              compare)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  FormQuestion *question;
  GtkWidget *dialog;

  g_return_if_fail (PD_IS_FORM_WINDOW (form));

  heading = pd_conflict_dup_heading_for (pd_form_window_get_database (form), table, id, &error);
  if (heading == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not save: %s"), error->message);

      pd_form_window_toast (form, message);
      return;
    }
  if (compare)
    {
      dialog = pd_conflict_dialog_new_compare (GTK_WINDOW (form), heading);
      ops->add_differences (form, dialog);
    }
  else
    dialog = pd_conflict_dialog_new (GTK_WINDOW (form), heading, body);

  question = g_new0 (FormQuestion, 1);
  question->form = g_object_ref (form);
  question->ops = ops;
  question->table = g_strdup (table);
  question->id = id;
  question->body = g_strdup (body);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_form_response_cb), question,
                         (GClosureNotify) (void (*) (void)) form_question_free, 0);
  pd_conflict_dialog_present (dialog);
}
