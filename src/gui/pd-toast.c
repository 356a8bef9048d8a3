/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-accessible.h"
#include "pd-toast.h"

/* A toast saying @message as plain text: libadwaita 1.2 reads toast
 * titles as markup, and one "&" in a name would blank the toast. */
/* The widgets of the toasts shown, made by libadwaita when a toast is
 * added, get the names it leaves out. */
static void
fix_toast_names (AdwToastOverlay *overlay)
{
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (overlay)); c;
       c = gtk_widget_get_next_sibling (c))
    if (g_strcmp0 (G_OBJECT_TYPE_NAME (c), "AdwToastWidget") == 0)
      pd_accessible_fix_names (c);
}

AdwToast *
pd_toast_new (const char *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  return adw_toast_new (escaped);
}

void
pd_toast_show (AdwToastOverlay *overlay,
               const char      *message)
{
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));

  adw_toast_overlay_add_toast (overlay, pd_toast_new (message));
  fix_toast_names (overlay);
}

/* Offers Undo (running @action_name) for a change @message describes.
 * While @current, the undo toast of the previous change, is still shown
 * it is reworded and NULL is returned: dismissing it and adding another
 * lets libadwaita 1.2 free the old one while its hiding animation still
 * runs, which crashes when the window closes in between. Otherwise the
 * new toast is shown and returned, with a reference for the caller, who
 * forgets it on its "dismissed" signal. */
AdwToast *
pd_undo_toast_show (AdwToastOverlay *overlay,
                    AdwToast        *current,
                    const char      *message,
                    const char      *action_name)
{
  AdwToast *toast;

  g_return_val_if_fail (ADW_IS_TOAST_OVERLAY (overlay), NULL);

  if (current != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (message, -1);

      adw_toast_set_title (current, escaped);
      return NULL;
    }

  toast = pd_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, action_name);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (overlay, g_object_ref (toast));
  fix_toast_names (overlay);
  return toast;
}
