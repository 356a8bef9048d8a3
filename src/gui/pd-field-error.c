/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pd-field-error.h"

/* Shows @message, or clears the error when it is NULL, on the field
 * @widget. The error stands in the row's own title, after the field's
 * @title, where the eye already is; the row turns red; a screen reader
 * hears it as the field's description and state. A @title of NULL leaves
 * the title alone (a field that is not a row). */
void
pd_field_error_show (GtkWidget  *widget,
                     const char *title,
                     const char *message)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (title != NULL && ADW_IS_PREFERENCES_ROW (widget))
    {
      g_autofree char *text = NULL;

      if (message != NULL)
        /* Translators: a field's name, then what is wrong with what was typed in it */
        text = g_strdup_printf (_("%s — %s"), title, message);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), text ? text : title);
    }

  if (message != NULL)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
  gtk_widget_set_tooltip_text (widget, message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  message ? message : "", -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID,
                               message ? GTK_ACCESSIBLE_INVALID_TRUE
                                       : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}
