/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-early-attendance-dialog.h"

/* Asks before the first attendance of a session on a later day is
 * written: a wrong row picked on a group's page must not count people
 * present. Its responses: "take", and "cancel", which Enter and Escape
 * give. */
struct _PdEarlyAttendanceDialog
{
  AdwMessageDialog parent_instance;
};

G_DEFINE_FINAL_TYPE (PdEarlyAttendanceDialog, pd_early_attendance_dialog,
                     ADW_TYPE_MESSAGE_DIALOG)

static void
pd_early_attendance_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PD_TYPE_EARLY_ATTENDANCE_DIALOG);

  G_OBJECT_CLASS (pd_early_attendance_dialog_parent_class)->dispose (object);
}

static void
pd_early_attendance_dialog_class_init (PdEarlyAttendanceDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_early_attendance_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/"
                                               "pd-early-attendance-dialog.ui");
}

static void
pd_early_attendance_dialog_init (PdEarlyAttendanceDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Asks about a session on @date, as a person reads it. */
GtkWidget *
pd_early_attendance_dialog_new (GtkWindow  *parent,
                                const char *date)
{
  GtkWidget *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (PD_TYPE_EARLY_ATTENDANCE_DIALOG, "transient-for", parent, NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (self),
                                  _("This session is on %s, which has not come yet. Attendance "
                                    "is taken on the day of the meeting."), date);
  return self;
}
