/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pd-first-timer-dialog.h"
#include "pd-text.h"

/* The form for someone at their first meeting: a first name and, if they
 * like, a last initial. Its responses: "add", which Enter gives once a
 * first name is there, and "cancel", which Escape gives. */
struct _PdFirstTimerDialog
{
  AdwMessageDialog parent_instance;

  /* Template widgets */
  GtkEditable *first_entry;
  GtkEditable *initial_entry;
};

G_DEFINE_FINAL_TYPE (PdFirstTimerDialog, pd_first_timer_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
on_first_entry_changed_cb (PdFirstTimerDialog *self,
                           GtkEditable        *entry)
{
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "add",
                                           !pd_text_is_blank (gtk_editable_get_text (entry)));
}

static void
on_entry_activate_cb (PdFirstTimerDialog *self,
                      GtkEntry           *entry)
{
  if (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (self), "add"))
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), "add");
}

static void
pd_first_timer_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PD_TYPE_FIRST_TIMER_DIALOG);

  G_OBJECT_CLASS (pd_first_timer_dialog_parent_class)->dispose (object);
}

static void
pd_first_timer_dialog_class_init (PdFirstTimerDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_first_timer_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/pd-first-timer-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdFirstTimerDialog, first_entry);
  gtk_widget_class_bind_template_child (widget_class, PdFirstTimerDialog, initial_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_first_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate_cb);
}

static void
pd_first_timer_dialog_init (PdFirstTimerDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* "Ana R" or "Ana Rivera" typed in the search becomes "Ana" and "R". */
static void
split_typed_name (const char  *typed,
                  char       **first,
                  char       **initial)
{
  g_auto(GStrv) words = g_strsplit_set (typed ? typed : "", " \t", -1);
  guint n = 0;

  *first = NULL;
  *initial = NULL;
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (n == 0)
        *first = g_strdup (words[i]);
      else if (n == 1)
        *initial = g_utf8_substring (words[i], 0, 1);
      n++;
    }
}

/* The form, filled in with the name @typed in the search, if any. */
GtkWidget *
pd_first_timer_dialog_new (GtkWindow  *parent,
                           const char *typed)
{
  PdFirstTimerDialog *self;
  g_autofree char *first = NULL;
  g_autofree char *initial = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (PD_TYPE_FIRST_TIMER_DIALOG, "transient-for", parent, NULL);
  split_typed_name (typed, &first, &initial);
  gtk_editable_set_text (self->first_entry, first ? first : "");
  gtk_editable_set_text (self->initial_entry, initial ? initial : "");
  on_first_entry_changed_cb (self, self->first_entry);
  return GTK_WIDGET (self);
}

/* Shows the form with the focus where typing goes on: with a name already
 * there, the initial is what is left to type. */
void
pd_first_timer_dialog_present (PdFirstTimerDialog *self)
{
  gboolean named;

  g_return_if_fail (PD_IS_FIRST_TIMER_DIALOG (self));

  named = *gtk_editable_get_text (self->first_entry) != '\0';
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (named && *gtk_editable_get_text (self->initial_entry) == '\0'
                                     ? self->initial_entry : self->first_entry));
}

/* The first name typed, without surrounding spaces. */
char *
pd_first_timer_dialog_dup_first_name (PdFirstTimerDialog *self)
{
  g_return_val_if_fail (PD_IS_FIRST_TIMER_DIALOG (self), NULL);
  return g_strstrip (g_strdup (gtk_editable_get_text (self->first_entry)));
}

/* The last initial typed, without surrounding spaces; "" for none. */
char *
pd_first_timer_dialog_dup_initial (PdFirstTimerDialog *self)
{
  g_return_val_if_fail (PD_IS_FIRST_TIMER_DIALOG (self), NULL);
  return g_strstrip (g_strdup (gtk_editable_get_text (self->initial_entry)));
}
