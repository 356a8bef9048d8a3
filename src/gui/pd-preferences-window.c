/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-preferences-window.h"
#include "pd-text.h"
#include "pd-visits.h"

#define DESK_NAME_KEY "desk-name"
#define PURPOSE_ID_KEY "pd-purpose-id"

struct _PdPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *desk_group;
  AdwEntryRow *desk_name_row;
  GtkSpinButton *renewal_window_spin;
  AdwPreferencesGroup *purposes_group;
  AdwEntryRow *new_purpose_row;
  AdwPreferencesGroup *archived_group;

  /* Owned */
  PdContext *context;
  GPtrArray *purpose_rows;    /* in purposes_group, before new_purpose_row */
  GPtrArray *archived_rows;   /* in archived_group */
  gboolean purposes_announced;
};

G_DEFINE_FINAL_TYPE (PdPreferencesWindow, pd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static PdDatabase *
database (PdPreferencesWindow *self)
{
  return pd_context_get_database (self->context);
}

static void
toast (PdPreferencesWindow *self,
       const char          *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
}

static void
toast_error (PdPreferencesWindow *self,
             const char          *what,
             const GError        *error)
{
  /* Translators: what could not be done, then why */
  g_autofree char *message = g_strdup_printf (_("%s: %s"), what,
                                              error ? error->message : _("unknown error"));

  toast (self, message);
}

static gint64
row_purpose_id (GtkWidget *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), PURPOSE_ID_KEY);

  return id ? *id : 0;
}

static void
set_row_purpose_id (GtkWidget *row,
                    gint64     id)
{
  g_object_set_data_full (G_OBJECT (row), PURPOSE_ID_KEY, g_memdup2 (&id, sizeof id), g_free);
}

static void
on_purpose_apply_cb (PdPreferencesWindow *self,
                     AdwEntryRow         *row);

static GtkWidget *
purpose_row_new (PdPreferencesWindow *self,
                 PdPurpose           *purpose)
{
  GtkWidget *row = adw_entry_row_new ();

  set_row_purpose_id (row, purpose->id);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 purpose->is_default ? _("Default purpose") : _("Purpose"));
  /* Before the apply button is on, or the row would offer to apply the
   * text it was given. */
  gtk_editable_set_text (GTK_EDITABLE (row), purpose->label);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_signal_connect_object (row, "apply", G_CALLBACK (on_purpose_apply_cb), self,
                           G_CONNECT_SWAPPED);

  /* The default is what the desk falls back on: it can be neither archived
   * nor made default again. */
  if (!purpose->is_default)
    {
      g_autoptr(GMenu) menu = g_menu_new ();
      g_autoptr(GMenuItem) make_default = g_menu_item_new (_("Make _Default"), NULL);
      g_autoptr(GMenuItem) archive = g_menu_item_new (_("_Archive"), NULL);
      GtkWidget *button = gtk_menu_button_new ();
      g_autofree char *label = NULL;

      g_menu_item_set_action_and_target_value (make_default, "purposes.make-default",
                                               g_variant_new_int64 (purpose->id));
      g_menu_item_set_action_and_target_value (archive, "purposes.archive",
                                               g_variant_new_int64 (purpose->id));
      g_menu_append_item (menu, make_default);
      g_menu_append_item (menu, archive);
      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("More"));
      /* Translators: the accessible name of the menu of one visit purpose */
      label = g_strdup_printf (_("More for %s"), purpose->label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
    }
  return row;
}

static GtkWidget *
archived_row_new (PdPreferencesWindow *self,
                  PdPurpose           *purpose)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore"));
  g_autofree char *label = NULL;

  set_row_purpose_id (row, purpose->id);
  /* Row titles are markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), purpose->label);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "purposes.restore");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new_int64 (purpose->id));
  /* Translators: the accessible name of the button that restores an archived purpose */
  label = g_strdup_printf (_("Restore %s"), purpose->label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
rebuild_purposes (PdPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) purposes = pd_purposes_list (database (self), TRUE, &error);

  if (purposes == NULL)
    {
      toast_error (self, _("Could not read the visit purposes"), error);
      return;
    }

  for (guint i = 0; i < self->purpose_rows->len; i++)
    adw_preferences_group_remove (self->purposes_group, g_ptr_array_index (self->purpose_rows, i));
  for (guint i = 0; i < self->archived_rows->len; i++)
    adw_preferences_group_remove (self->archived_group,
                                  g_ptr_array_index (self->archived_rows, i));
  g_ptr_array_set_size (self->purpose_rows, 0);
  g_ptr_array_set_size (self->archived_rows, 0);

  /* The row that adds a purpose stays last. */
  g_object_ref (self->new_purpose_row);
  adw_preferences_group_remove (self->purposes_group, GTK_WIDGET (self->new_purpose_row));

  for (guint i = 0; i < purposes->len; i++)
    {
      PdPurpose *purpose = g_ptr_array_index (purposes, i);

      if (purpose->archived)
        {
          GtkWidget *row = archived_row_new (self, purpose);

          adw_preferences_group_add (self->archived_group, row);
          g_ptr_array_add (self->archived_rows, row);
        }
      else
        {
          GtkWidget *row = purpose_row_new (self, purpose);

          adw_preferences_group_add (self->purposes_group, row);
          g_ptr_array_add (self->purpose_rows, row);
        }
    }

  adw_preferences_group_add (self->purposes_group, GTK_WIDGET (self->new_purpose_row));
  g_object_unref (self->new_purpose_row);
  gtk_widget_set_visible (GTK_WIDGET (self->archived_group), self->archived_rows->len > 0);
}

static void
on_purposes_changed_cb (PdPreferencesWindow *self)
{
  self->purposes_announced = TRUE;
  rebuild_purposes (self);
}

/* Every change made here reaches the desk's purpose list, whether or not
 * the core announced it already. */
static void
begin_change (PdPreferencesWindow *self)
{
  self->purposes_announced = FALSE;
}

static void
end_change (PdPreferencesWindow *self)
{
  if (!self->purposes_announced)
    pd_database_notify_changed (database (self), "visit_purposes");
}

static void
on_purpose_apply_cb (PdPreferencesWindow *self,
                     AdwEntryRow         *row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*label == '\0')
    {
      toast (self, _("A purpose needs a name"));
      rebuild_purposes (self);
      return;
    }

  begin_change (self);
  if (!pd_purposes_rename (database (self), row_purpose_id (GTK_WIDGET (row)), label, &error))
    {
      toast_error (self, _("Could not rename the purpose"), error);
      rebuild_purposes (self);
      return;
    }
  end_change (self);
}

static void
on_new_purpose_apply_cb (PdPreferencesWindow *self,
                         AdwEntryRow         *row)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*label == '\0')
    return;

  begin_change (self);
  if (pd_purposes_add (database (self), label, &error) <= 0)
    {
      toast_error (self, _("Could not add the purpose"), error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  end_change (self);
  /* Ready for the next one. */
  gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
make_default_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PdPreferencesWindow *self = PD_PREFERENCES_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  begin_change (self);
  if (!pd_purposes_set_default (database (self), g_variant_get_int64 (parameter), &error))
    toast_error (self, _("Could not make the purpose the default"), error);
  else
    end_change (self);
}

static void
set_archived (PdPreferencesWindow *self,
              gint64               id,
              gboolean             archived)
{
  g_autoptr(GError) error = NULL;

  begin_change (self);
  if (!pd_purposes_set_archived (database (self), id, archived, &error))
    toast_error (self, archived ? _("Could not archive the purpose")
                                : _("Could not restore the purpose"), error);
  else
    end_change (self);
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  set_archived (PD_PREFERENCES_WINDOW (widget), g_variant_get_int64 (parameter), TRUE);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  set_archived (PD_PREFERENCES_WINDOW (widget), g_variant_get_int64 (parameter), FALSE);
}

static void
pd_preferences_window_constructed (GObject *object)
{
  PdPreferencesWindow *self = (PdPreferencesWindow *)object;
  GSettings *settings = pd_context_get_settings (self->context);
  const char *real_name = g_get_real_name ();
  g_autofree char *escaped = NULL;
  g_autofree char *description = NULL;

  G_OBJECT_CLASS (pd_preferences_window_parent_class)->constructed (object);

  g_settings_bind (settings, DESK_NAME_KEY, self->desk_name_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "renewal-window-days", self->renewal_window_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);

  /* GLib says "Unknown" when the account has no full name. */
  escaped = g_markup_escape_text (real_name != NULL && g_strcmp0 (real_name, "Unknown") != 0
                                  ? real_name : g_get_user_name (), -1);
  /* Translators: the name of the computer's user account */
  description = g_strdup_printf (_("Each visit records who checked it in. Left empty, that is "
                                   "this computer’s user, %s."), escaped);
  adw_preferences_group_set_description (self->desk_group, description);

  g_signal_connect_object (database (self), "changed::visit_purposes",
                           G_CALLBACK (on_purposes_changed_cb), self, G_CONNECT_SWAPPED);
  rebuild_purposes (self);
}

static void
pd_preferences_window_dispose (GObject *object)
{
  PdPreferencesWindow *self = (PdPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (pd_preferences_window_parent_class)->dispose (object);
}

static void
pd_preferences_window_finalize (GObject *object)
{
  PdPreferencesWindow *self = (PdPreferencesWindow *)object;

  g_clear_pointer (&self->purpose_rows, g_ptr_array_unref);
  g_clear_pointer (&self->archived_rows, g_ptr_array_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (pd_preferences_window_parent_class)->finalize (object);
}

static void
pd_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PdPreferencesWindow *self = PD_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PdPreferencesWindow *self = PD_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_preferences_window_class_init (PdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pd_preferences_window_constructed;
  object_class->dispose = pd_preferences_window_dispose;
  object_class->finalize = pd_preferences_window_finalize;
  object_class->get_property = pd_preferences_window_get_property;
  object_class->set_property = pd_preferences_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, PD_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/pd-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, desk_group);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, desk_name_row);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, renewal_window_spin);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, purposes_group);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, new_purpose_row);
  gtk_widget_class_bind_template_child (widget_class, PdPreferencesWindow, archived_group);
  gtk_widget_class_bind_template_callback (widget_class, on_new_purpose_apply_cb);

  gtk_widget_class_install_action (widget_class, "purposes.make-default", "x",
                                   make_default_action);
  gtk_widget_class_install_action (widget_class, "purposes.archive", "x", archive_action);
  gtk_widget_class_install_action (widget_class, "purposes.restore", "x", restore_action);
}

static void
pd_preferences_window_init (PdPreferencesWindow *self)
{
  self->purpose_rows = g_ptr_array_new ();
  self->archived_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pd_preferences_window_new (GtkWindow *parent,
                           PdContext *context)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PD_IS_CONTEXT (context), NULL);

  return g_object_new (PD_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "context", context,
                       NULL);
}
