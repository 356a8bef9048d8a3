/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-staff-button.h"
#include "pd-staff.h"

/* Who is signed in, in each section's header bar, with the menu to lock the
 * desk, hand it to someone else or sign out. Hidden while sign-in is off. */
struct _PdStaffButton
{
  AdwBin parent_instance;

  /* Template widgets */
  GtkMenuButton *button;
  AdwAvatar *avatar;

  /* Owned */
  PdDatabase *database;
};

G_DEFINE_FINAL_TYPE (PdStaffButton, pd_staff_button, ADW_TYPE_BIN)

static GMenuModel *
build_menu (const PdStaff *staff)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  /* Translators: the staff member signed in, then their role */
  g_autofree char *heading = g_strdup_printf (_("%s, %s"), staff->name,
                                              pd_role_get_label (staff->role));

  g_menu_append (section, _("_Lock"), "win.lock");
  g_menu_append (section, _("S_witch Staff Member"), "win.switch-staff");
  g_menu_append (section, _("Sign _Out"), "win.sign-out");
  g_menu_append_section (menu, heading, G_MENU_MODEL (section));
  return G_MENU_MODEL (g_steal_pointer (&menu));
}

static void
update (PdStaffButton *self)
{
  const PdStaff *staff = pd_database_get_staff (self->database);
  g_autoptr(GMenuModel) menu = NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self), staff != NULL);
  if (staff == NULL)
    {
      /* Nothing of the last person stays behind in the hidden button. */
      adw_avatar_set_text (self->avatar, NULL);
      gtk_menu_button_set_menu_model (self->button, NULL);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), NULL);
      return;
    }

  menu = build_menu (staff);
  /* Translators: the staff member signed in at this desk */
  text = g_strdup_printf (_("Signed in as %s"), staff->name);
  adw_avatar_set_text (self->avatar, staff->name);
  gtk_menu_button_set_menu_model (self->button, menu);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text, -1);
}

static void
on_staff_changed_cb (PdStaffButton *self)
{
  update (self);
}

static void
pd_staff_button_dispose (GObject *object)
{
  PdStaffButton *self = (PdStaffButton *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_STAFF_BUTTON);

  G_OBJECT_CLASS (pd_staff_button_parent_class)->dispose (object);
}

static void
pd_staff_button_finalize (GObject *object)
{
  PdStaffButton *self = (PdStaffButton *)object;

  g_clear_object (&self->database);

  G_OBJECT_CLASS (pd_staff_button_parent_class)->finalize (object);
}

static void
pd_staff_button_class_init (PdStaffButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_staff_button_dispose;
  object_class->finalize = pd_staff_button_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/pd-staff-button.ui");
  gtk_widget_class_bind_template_child (widget_class, PdStaffButton, button);
  gtk_widget_class_bind_template_child (widget_class, PdStaffButton, avatar);
}

static void
pd_staff_button_init (PdStaffButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pd_staff_button_new (PdDatabase *database)
{
  PdStaffButton *self;

  g_return_val_if_fail (PD_IS_DATABASE (database), NULL);

  self = g_object_new (PD_TYPE_STAFF_BUTTON, NULL);
  self->database = g_object_ref (database);
  g_signal_connect_object (database, "staff-changed", G_CALLBACK (on_staff_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update (self);
  return GTK_WIDGET (self);
}
