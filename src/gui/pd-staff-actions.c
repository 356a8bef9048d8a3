/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pd-audit-window.h"
#include "pd-preferences-window.h"
#include "pd-staff.h"
#include "pd-staff-actions.h"
#include "pd-staff-dialog.h"

/* The application's actions about staff, offered by every section's main
 * menu and the welcome page:
 *   app.audit-trail      the audit trail, for whoever may read it
 *   app.change-secret    the signed-in staff member's own passphrase or PIN
 *   app.protect-records  the Staff preferences, while sign-in is off
 * Each is enabled only while it applies, so that a menu hides it. */

static PdContext *
context_of (GActionMap *map)
{
  return g_object_get_data (G_OBJECT (map), "pd-staff-actions-context");
}

static GtkWindow *
active_window (gpointer application)
{
  return gtk_application_get_active_window (GTK_APPLICATION (application));
}

static void
on_audit_trail_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       application)
{
  PdContext *context = context_of (application);

  gtk_window_present (pd_audit_window_new (active_window (application), context));
}

static void
on_change_secret_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       application)
{
  PdContext *context = context_of (application);
  const PdStaff *me = pd_database_get_staff (pd_context_get_database (context));

  if (me == NULL)
    return;
  gtk_window_present (pd_staff_dialog_new (active_window (application), context,
                                           PD_STAFF_DIALOG_OWN, me->name));
}

static void
on_protect_records_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       application)
{
  PdContext *context = context_of (application);
  GtkWidget *preferences = pd_preferences_window_new (active_window (application), context);

  pd_preferences_window_show_staff (PD_PREFERENCES_WINDOW (preferences));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
set_enabled (GActionMap *map,
             const char *name,
             gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (map, name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static void
update (GActionMap *map)
{
  PdDatabase *db = pd_context_get_database (context_of (map));

  set_enabled (map, "audit-trail", pd_database_has_right (db, PD_RIGHT_AUDIT));
  set_enabled (map, "change-secret", pd_database_get_staff (db) != NULL);
  set_enabled (map, "protect-records", !pd_staff_sign_in_enabled (db));
}

/**
 * pd_staff_actions_add:
 * @application: the application
 * @context: the open database and settings
 *
 * Adds the staff actions to @application and keeps them enabled as
 * signing in and out and the accounts allow.
 */
void
pd_staff_actions_add (GtkApplication *application,
                      PdContext      *context)
{
  static const GActionEntry entries[] = {
    { "audit-trail", on_audit_trail_cb },
    { "change-secret", on_change_secret_cb },
    { "protect-records", on_protect_records_cb },
  };
  PdDatabase *db;

  g_return_if_fail (GTK_IS_APPLICATION (application));
  g_return_if_fail (PD_IS_CONTEXT (context));

  db = pd_context_get_database (context);
  g_object_set_data_full (G_OBJECT (application), "pd-staff-actions-context",
                          g_object_ref (context), g_object_unref);
  g_action_map_add_action_entries (G_ACTION_MAP (application), entries, G_N_ELEMENTS (entries),
                                   application);
  g_signal_connect_object (db, "staff-changed", G_CALLBACK (update), application,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (db, "changed::staff", G_CALLBACK (update), application,
                           G_CONNECT_SWAPPED);
  update (G_ACTION_MAP (application));
}
