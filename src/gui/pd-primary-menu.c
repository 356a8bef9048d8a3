/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pd-primary-menu.h"

/**
 * pd_primary_menu_extend:
 * @page: a section of the window, built from its template
 * @page_type: the type whose template names its menu "primary_menu"
 *
 * Ends the section's main menu with what every section's menu offers
 * (Preferences, Export All Data…, the audit trail and one's own passphrase
 * when they apply, Keyboard Shortcuts, About), kept in one file so that no
 * section can lack one of them.
 */
void
pd_primary_menu_extend (GtkWidget *page,
                        GType      page_type)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GObject *menu;

  g_return_if_fail (GTK_IS_WIDGET (page));

  menu = gtk_widget_get_template_child (page, page_type, "primary_menu");
  g_return_if_fail (G_IS_MENU (menu));

  builder = gtk_builder_new_from_resource ("/org/peerdesk/Peerdesk/pd-primary-menu.ui");
  g_menu_append_section (G_MENU (menu), NULL,
                         G_MENU_MODEL (gtk_builder_get_object (builder, "app_section")));
}
