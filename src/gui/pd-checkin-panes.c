/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pd-checkin-layout.h"
#include "pd-checkin-panes.h"

/* The desk and the Today list of the check-in page, laid out by
 * PdCheckinLayout. Its children, in order: the desk, a separator, the
 * Today list. */
struct _PdCheckinPanes
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (PdCheckinPanes, pd_checkin_panes, GTK_TYPE_WIDGET)

static void
pd_checkin_panes_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (pd_checkin_panes_parent_class)->dispose (object);
}

static void
pd_checkin_panes_class_init (PdCheckinPanesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_checkin_panes_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, PD_TYPE_CHECKIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pd_checkin_panes_init (PdCheckinPanes *self)
{
  /* One above the other while the desk is in use, the Today list runs
   * past the bottom edge. */
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

/* Whether, one above the other, the desk takes all the room it can: while
 * it is in use, with the matches of a search or the newcomer's form. */
void
pd_checkin_panes_set_desk_first (PdCheckinPanes *self,
                                 gboolean        desk_first)
{
  GtkLayoutManager *layout;

  g_return_if_fail (PD_IS_CHECKIN_PANES (self));

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  pd_checkin_layout_set_desk_first (PD_CHECKIN_LAYOUT (layout), desk_first);
}
