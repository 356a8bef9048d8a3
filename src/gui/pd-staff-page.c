/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-accessible.h"
#include "pd-remove-staff-dialog.h"
#include "pd-staff.h"
#include "pd-staff-dialog.h"
#include "pd-staff-page.h"

/* The desk's own setting, beside the accounts: how long it stays unlocked. */
#define LOCK_IDLE_KEY "lock-idle-minutes"

/* The Staff page of the preferences. While sign-in is off it suggests
 * protecting the records with a director account; once it is on, it
 * says who is signed in, and shows a director the accounts, each with
 * what may be done to it, and how soon this desk locks. Failures are said
 * at the top of the page. */
struct _PdStaffPage
{
  AdwPreferencesPage parent_instance;

  /* Template widgets */
  GtkLabel *error_label;
  AdwPreferencesGroup *protect_group;
  AdwPreferencesGroup *account_group;
  AdwActionRow *signed_in_row;
  GtkWidget *change_own_button;
  AdwPreferencesGroup *staff_group;
  AdwPreferencesGroup *desk_group;
  GtkSpinButton *lock_spin;

  /* Owned */
  PdContext *context;
  GPtrArray *staff_rows;      /* in staff_group */
};

G_DEFINE_FINAL_TYPE (PdStaffPage, pd_staff_page, ADW_TYPE_PREFERENCES_PAGE)

/* The roles, in the order the role menu offers them. */
static const PdRole roles[] = {
  PD_ROLE_FRONT_DESK, PD_ROLE_FACILITATOR, PD_ROLE_COORDINATOR, PD_ROLE_DIRECTOR,
};

static PdDatabase *
database (PdStaffPage *self)
{
  return pd_context_get_database (self->context);
}

static GtkWindow *
parent_window (PdStaffPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_error (PdStaffPage  *self,
            const GError *error)
{
  /* The label's group keeps its margins while empty: the group hides. */
  gtk_label_set_text (self->error_label, error ? error->message : "");
  gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->error_label),
                                                   ADW_TYPE_PREFERENCES_GROUP),
                          error != NULL);
}

/* "Front desk · PIN set · locked until 10:42" */
static char *
dup_staff_subtitle (const PdStaff *staff,
                    gboolean       is_me)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (parts, g_strdup (pd_role_get_label (staff->role)));
  if (is_me)
    g_ptr_array_add (parts, g_strdup (_("you")));
  if (staff->has_pin)
    g_ptr_array_add (parts, g_strdup (_("PIN set")));
  if (!staff->has_passphrase)
    g_ptr_array_add (parts, g_strdup (_("no passphrase")));
  if (staff->locked_until > g_get_real_time () / G_USEC_PER_SEC)
    {
      g_autoptr(GDateTime) until = g_date_time_new_from_unix_local (staff->locked_until);
      /* Translators: the time an account stays locked until, as g_date_time_format() takes it */
      g_autofree char *time = g_date_time_format (until, _("%H:%M"));

      /* Translators: an account locked after failed sign-ins, "locked until 10:42" */
      g_ptr_array_add (parts, g_strdup_printf (_("locked until %s"), time));
    }
  g_ptr_array_add (parts, NULL);
  /* Translators: the parts of a staff account's line, "Director · PIN set" */
  return g_strjoinv (C_("list separator", " · "), (char **) parts->pdata);
}

static GMenuModel *
staff_menu_new (const PdStaff *staff)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) secrets = g_menu_new ();
  g_autoptr(GMenu) role_menu = g_menu_new ();
  g_autoptr(GMenu) removal = g_menu_new ();
  g_autoptr(GMenuItem) item = NULL;

  item = g_menu_item_new (_("Set _Passphrase…"), NULL);
  g_menu_item_set_action_and_target_value (item, "staff.set-passphrase",
                                           g_variant_new_string (staff->name));
  g_menu_append_item (secrets, item);
  g_clear_object (&item);
  item = g_menu_item_new (staff->has_pin ? _("Change P_IN…") : _("Set P_IN…"), NULL);
  g_menu_item_set_action_and_target_value (item, "staff.set-pin",
                                           g_variant_new_string (staff->name));
  g_menu_append_item (secrets, item);
  g_clear_object (&item);
  if (staff->has_pin)
    {
      item = g_menu_item_new (_("Remove PI_N"), NULL);
      g_menu_item_set_action_and_target_value (item, "staff.clear-pin",
                                               g_variant_new_string (staff->name));
      g_menu_append_item (secrets, item);
      g_clear_object (&item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (secrets));

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_autofree char *label = NULL;

      if (roles[i] == staff->role)
        continue;
      /* Translators: a role a staff member can be given, "Make Front desk" */
      label = g_strdup_printf (_("Make %s"), pd_role_get_label (roles[i]));
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "staff.set-role",
                                               g_variant_new ("(ss)", staff->name,
                                                              pd_role_to_string (roles[i])));
      g_menu_append_item (role_menu, item);
      g_clear_object (&item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (role_menu));

  item = g_menu_item_new (_("_Remove Account…"), NULL);
  g_menu_item_set_action_and_target_value (item, "staff.remove",
                                           g_variant_new_string (staff->name));
  g_menu_append_item (removal, item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (removal));

  return G_MENU_MODEL (g_steal_pointer (&menu));
}

static GtkWidget *
staff_row_new (const PdStaff *staff,
               gboolean       is_me)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_menu_button_new ();
  g_autoptr(GMenuModel) menu = staff_menu_new (staff);
  g_autofree char *subtitle = dup_staff_subtitle (staff, is_me);
  g_autofree char *label = NULL;

  /* Row titles are markup; a name is not. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), staff->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("More"));
  /* Translators: the menu of a staff member's account */
  label = g_strdup_printf (_("Account of %s"), staff->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  return row;
}

static void
rebuild_staff (PdStaffPage *self)
{
  const PdStaff *me = pd_database_get_staff (database (self));
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->staff_rows->len; i++)
    adw_preferences_group_remove (self->staff_group, g_ptr_array_index (self->staff_rows, i));
  g_ptr_array_set_size (self->staff_rows, 0);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->staff_group)))
    return;

  list = pd_staff_list (database (self), &error);
  if (list == NULL)
    {
      show_error (self, error);
      return;
    }
  for (guint i = 0; i < list->len; i++)
    {
      const PdStaff *staff = g_ptr_array_index (list, i);
      GtkWidget *row = staff_row_new (staff, me != NULL && me->id == staff->id);

      adw_preferences_group_add (self->staff_group, row);
      g_ptr_array_add (self->staff_rows, row);
    }
}

/* Shows what the one signed in may do here. */
static void
update (PdStaffPage *self)
{
  PdDatabase *db = database (self);
  gboolean enabled = pd_staff_sign_in_enabled (db);
  const PdStaff *me = pd_database_get_staff (db);

  gtk_widget_set_visible (GTK_WIDGET (self->protect_group), !enabled);
  gtk_widget_set_visible (GTK_WIDGET (self->account_group), enabled);
  gtk_widget_set_visible (GTK_WIDGET (self->staff_group),
                          enabled && pd_database_has_right (db, PD_RIGHT_STAFF));
  gtk_widget_set_visible (self->change_own_button, me != NULL);
  /* Locking applies once there is someone to sign in. */
  gtk_widget_set_visible (GTK_WIDGET (self->desk_group),
                          enabled && pd_database_has_right (db, PD_RIGHT_SETTINGS));

  if (me != NULL)
    {
      /* Translators: the staff member using Peerdesk now */
      g_autofree char *title = g_strdup_printf (_("Signed in as %s"), me->name);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->signed_in_row), title);
      adw_action_row_set_subtitle (self->signed_in_row, pd_role_get_label (me->role));
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->signed_in_row),
                                     _("Nobody is signed in"));
      adw_action_row_set_subtitle (self->signed_in_row,
                                   _("Sign in to see or change the staff accounts."));
    }
  rebuild_staff (self);
}

static void
on_staff_changed_cb (PdStaffPage *self)
{
  update (self);
}

static void
present_dialog (PdStaffPage       *self,
                PdStaffDialogMode  mode,
                const char        *name)
{
  show_error (self, NULL);
  gtk_window_present (pd_staff_dialog_new (parent_window (self), self->context, mode, name));
}

static void
create_director_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  present_dialog (PD_STAFF_PAGE (widget), PD_STAFF_DIALOG_FIRST_DIRECTOR, NULL);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  present_dialog (PD_STAFF_PAGE (widget), PD_STAFF_DIALOG_ADD, NULL);
}

static void
change_own_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PdStaffPage *self = PD_STAFF_PAGE (widget);
  const PdStaff *me = pd_database_get_staff (database (self));

  if (me != NULL)
    present_dialog (self, PD_STAFF_DIALOG_OWN, me->name);
}

static void
set_passphrase_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  present_dialog (PD_STAFF_PAGE (widget), PD_STAFF_DIALOG_PASSPHRASE,
                  g_variant_get_string (parameter, NULL));
}

static void
set_pin_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  present_dialog (PD_STAFF_PAGE (widget), PD_STAFF_DIALOG_PIN,
                  g_variant_get_string (parameter, NULL));
}

static void
clear_pin_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PdStaffPage *self = PD_STAFF_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!pd_staff_set_pin (database (self), g_variant_get_string (parameter, NULL), NULL, &error))
    show_error (self, error);
  else
    show_error (self, NULL);
}

static void
set_role_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PdStaffPage *self = PD_STAFF_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const char *name, *role_text;
  PdRole role;

  g_variant_get (parameter, "(&s&s)", &name, &role_text);
  if (!pd_role_from_string (role_text, &role))
    g_return_if_reached ();
  if (!pd_staff_set_role (database (self), name, role, &error))
    show_error (self, error);
  else
    show_error (self, NULL);
}

static void
on_remove_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       PdStaffPage      *self)
{
  const char *name = g_object_get_data (G_OBJECT (dialog), "staff-name");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "remove") != 0)
    return;
  if (!pd_staff_remove (database (self), name, &error))
    show_error (self, error);
  else
    show_error (self, NULL);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PdStaffPage *self = PD_STAFF_PAGE (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  GtkWidget *dialog = pd_remove_staff_dialog_new (parent_window (self), name);

  show_error (self, NULL);
  g_object_set_data_full (G_OBJECT (dialog), "staff-name", g_strdup (name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* What needs the context, which the constructor gives before this. */
static void
setup (PdStaffPage *self)
{
  PdDatabase *db = database (self);

  g_settings_bind (pd_context_get_settings (self->context), LOCK_IDLE_KEY, self->lock_spin,
                   "value", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (db, "staff-changed", G_CALLBACK (on_staff_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (db, "changed::staff", G_CALLBACK (on_staff_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update (self);
}

static void
pd_staff_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PD_TYPE_STAFF_PAGE);

  G_OBJECT_CLASS (pd_staff_page_parent_class)->dispose (object);
}

static void
pd_staff_page_finalize (GObject *object)
{
  PdStaffPage *self = (PdStaffPage *)object;

  g_clear_pointer (&self->staff_rows, g_ptr_array_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (pd_staff_page_parent_class)->finalize (object);
}

static void
pd_staff_page_class_init (PdStaffPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_staff_page_dispose;
  object_class->finalize = pd_staff_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/pd-staff-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PdStaffPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, PdStaffPage, protect_group);
  gtk_widget_class_bind_template_child (widget_class, PdStaffPage, account_group);
  gtk_widget_class_bind_template_child (widget_class, PdStaffPage, signed_in_row);
  gtk_widget_class_bind_template_child (widget_class, PdStaffPage, change_own_button);
  gtk_widget_class_bind_template_child (widget_class, PdStaffPage, staff_group);
  gtk_widget_class_bind_template_child (widget_class, PdStaffPage, desk_group);
  gtk_widget_class_bind_template_child (widget_class, PdStaffPage, lock_spin);

  gtk_widget_class_install_action (widget_class, "staff.create-director", NULL,
                                   create_director_action);
  gtk_widget_class_install_action (widget_class, "staff.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "staff.change-own", NULL, change_own_action);
  gtk_widget_class_install_action (widget_class, "staff.set-passphrase", "s",
                                   set_passphrase_action);
  gtk_widget_class_install_action (widget_class, "staff.set-pin", "s", set_pin_action);
  gtk_widget_class_install_action (widget_class, "staff.clear-pin", "s", clear_pin_action);
  gtk_widget_class_install_action (widget_class, "staff.set-role", "(ss)", set_role_action);
  gtk_widget_class_install_action (widget_class, "staff.remove", "s", remove_action);
}

static void
pd_staff_page_init (PdStaffPage *self)
{
  self->staff_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  pd_accessible_fix_names (GTK_WIDGET (self));
}

GtkWidget *
pd_staff_page_new (PdContext *context)
{
  PdStaffPage *self;

  g_return_val_if_fail (PD_IS_CONTEXT (context), NULL);

  self = g_object_new (PD_TYPE_STAFF_PAGE, NULL);
  self->context = g_object_ref (context);
  setup (self);
  return GTK_WIDGET (self);
}
