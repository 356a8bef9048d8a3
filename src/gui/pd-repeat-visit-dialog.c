/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-repeat-visit-dialog.h"

/* Asks whether to record a second visit of a member checked in a moment
 * ago, as a second Enter, or a second person at the desk, would add the
 * same visit twice. Its default answer, which Enter and Escape give,
 * writes nothing: "cancel"; "add" records the visit. */
struct _PdRepeatVisitDialog
{
  AdwMessageDialog parent_instance;

  /* Owned */
  PdMember *member;
};

G_DEFINE_FINAL_TYPE (PdRepeatVisitDialog, pd_repeat_visit_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
pd_repeat_visit_dialog_dispose (GObject *object)
{
  PdRepeatVisitDialog *self = (PdRepeatVisitDialog *)object;

  g_clear_object (&self->member);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_REPEAT_VISIT_DIALOG);

  G_OBJECT_CLASS (pd_repeat_visit_dialog_parent_class)->dispose (object);
}

static void
pd_repeat_visit_dialog_class_init (PdRepeatVisitDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_repeat_visit_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/pd-repeat-visit-dialog.ui");
}

static void
pd_repeat_visit_dialog_init (PdRepeatVisitDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Asks about @member, shown as @name, last checked in at @last_at, a time
 * of day of which the hours and minutes are shown. */
GtkWidget *
pd_repeat_visit_dialog_new (GtkWindow  *parent,
                            PdMember   *member,
                            const char *name,
                            const char *last_at)
{
  PdRepeatVisitDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PD_IS_MEMBER (member), NULL);

  self = g_object_new (PD_TYPE_REPEAT_VISIT_DIALOG, "transient-for", parent, NULL);
  self->member = g_object_ref (member);
  /* Translators: a first name and last initial, then the time of a visit,
   * "José M. was checked in at 14:05." */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (self),
                                  _("%s was checked in at %.5s. Record a second visit?"),
                                  name, last_at);
  return GTK_WIDGET (self);
}

/* The member the dialog asks about. */
PdMember *
pd_repeat_visit_dialog_get_member (PdRepeatVisitDialog *self)
{
  g_return_val_if_fail (PD_IS_REPEAT_VISIT_DIALOG (self), NULL);
  return self->member;
}
