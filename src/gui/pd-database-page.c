/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-accessible.h"
#include "pd-application.h"
#include "pd-database-page.h"
#include "pd-entry-row.h"
#include "pd-server-settings.h"

/* The Database page of the preferences: whether this desk keeps the
 * records in the file on this computer or works on a shared server with
 * other desks, and the server's address. "Connect" reaches the server
 * before anything is kept: only a server that answered and holds
 * Peerdesk's records gets into the settings (its password into the
 * keyring), and the application then works on it. */
struct _PdDatabasePage
{
  AdwPreferencesPage parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *where_group;
  AdwActionRow *local_row;
  GtkCheckButton *local_check;
  GtkCheckButton *server_check;
  AdwPreferencesGroup *server_group;
  PdEntryRow *host_row;
  PdEntryRow *port_row;
  PdEntryRow *database_row;
  PdEntryRow *user_row;
  AdwPasswordEntryRow *password_row;
  GtkLabel *status_label;
  GtkWidget *spinner;
  GtkButton *apply_button;

  /* Owned */
  PdContext *context;
  GCancellable *cancellable;
  char *local_path;
  gboolean busy;
};

G_DEFINE_FINAL_TYPE (PdDatabasePage, pd_database_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  DATABASE_OPENED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static PdDatabase *
database (PdDatabasePage *self)
{
  return pd_context_get_database (self->context);
}

static gboolean
server_chosen (PdDatabasePage *self)
{
  return gtk_check_button_get_active (self->server_check);
}

static void
show_status (PdDatabasePage *self,
             const char     *message,
             gboolean        is_error)
{
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), message != NULL);
  gtk_label_set_text (self->status_label, message ? message : "");
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  /* A screen reader reads it with the button that led to it. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->apply_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message ? message : "",
                                  -1);
}

/* The button does what the chosen row asks, and only when that changes
 * where the records are. */
static void
update_sensitivity (PdDatabasePage *self)
{
  gboolean shared = pd_database_is_shared (database (self));
  gboolean server = server_chosen (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->server_group), server && !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->where_group), !self->busy);
  gtk_button_set_label (self->apply_button,
                        server ? _("_Connect") : _("_Use This Computer’s Records"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->apply_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  server ? _("Connect to the shared server")
                                         : _("Use the records kept on this computer"),
                                  -1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), !self->busy);
  /* On this computer already: nothing to switch to. */
  gtk_widget_set_visible (GTK_WIDGET (self->apply_button), server || shared);
  gtk_widget_set_visible (self->spinner, self->busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), self->busy);
}

static void
on_mode_toggled_cb (PdDatabasePage *self)
{
  show_status (self, NULL, FALSE);
  update_sensitivity (self);
}

/* Reads the rows into @address; FALSE, with the rows saying what is
 * wrong, when something is missing or the port is not a port. */
static gboolean
read_address (PdDatabasePage  *self,
              PdServerAddress *address)
{
  g_autofree char *port = pd_entry_row_dup_text (self->port_row);
  guint64 number = 0;
  gboolean port_ok;
  gboolean ok;

  pd_server_address_clear (address);
  address->host = pd_entry_row_dup_text (self->host_row);
  address->database = pd_entry_row_dup_text (self->database_row);
  address->user = pd_entry_row_dup_text (self->user_row);

  port_ok = g_ascii_string_to_unsigned (port, 10, 1, 65535, &number, NULL);
  pd_entry_row_set_error (self->port_row,
                          port_ok ? NULL : _("a number from 1 to 65535, usually 5432"));
  address->port = (int) number;
  ok = pd_entry_row_check_required (self->host_row);
  ok = port_ok && ok;
  ok = pd_entry_row_check_required (self->database_row) && ok;
  return ok;
}

static void
on_field_changed_cb (PdDatabasePage *self)
{
  g_auto(PdServerAddress) address = { 0 };

  /* Errors show only in rows already touched. */
  read_address (self, &address);
  show_status (self, NULL, FALSE);
}

static void
set_busy (PdDatabasePage *self,
          gboolean        busy)
{
  self->busy = busy;
  update_sensitivity (self);
}

/* From now on the application works on @opened. */
static void
switch_to (PdDatabasePage *self,
           PdDatabase     *opened,
           const char     *notice)
{
  GApplication *application = g_application_get_default ();

  show_status (self, notice, FALSE);
  g_signal_emit (self, signals[DATABASE_OPENED], 0, opened);
  if (PD_IS_APPLICATION (application))
    pd_application_switch_database (PD_APPLICATION (application), opened, notice);
}

typedef struct
{
  PdDatabasePage *self;
  PdServerAddress address;
  char *location;
  char *password;
} ConnectData;

static void
connect_data_free (ConnectData *data)
{
  g_object_unref (data->self);
  pd_server_address_clear (&data->address);
  g_free (data->location);
  g_free (data->password);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConnectData, connect_data_free)

static void
on_connected_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ConnectData) data = user_data;
  PdDatabasePage *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdDatabase) opened = pd_server_open_finish (result, &error);
  g_autofree char *message = NULL;
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      pd_database_set_password (data->location, NULL);
      return;
    }
  set_busy (self, FALSE);
  if (opened == NULL)
    {
      /* Nothing is kept of an address that did not work. */
      pd_database_set_password (data->location, NULL);
      show_status (self, error->message, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->apply_button));
      return;
    }

  pd_server_address_save (&data->address, pd_context_get_settings (self->context));
  pd_server_password_store (&data->address, data->password);
  message = pd_server_address_describe (&data->address);
  /* Translators: the database and server reached, e.g. “peerdesk” on “office:5432” */
  text = g_strdup_printf (_("Peerdesk now works on the records of %s, shared with the other "
                            "desks, and opens them at each start. The records kept on this "
                            "computer stay in their file."), message);
  switch_to (self, opened, text);
}

static void
use_local (PdDatabasePage *self)
{
  g_autoptr(PdDatabase) opened = NULL;
  g_autoptr(GError) error = NULL;

  opened = pd_database_open (self->local_path, &error);
  if (opened == NULL)
    {
      show_status (self, error->message, TRUE);
      return;
    }
  g_settings_set_string (pd_context_get_settings (self->context), PD_DATABASE_MODE_KEY, "local");
  switch_to (self, opened,
             _("Peerdesk now works on the records kept on this computer, and opens them at "
               "each start. What was saved on the shared server stays there."));
}

static void
on_connect_clicked_cb (PdDatabasePage *self)
{
  ConnectData *data;

  if (self->busy)
    return;
  if (!server_chosen (self))
    {
      use_local (self);
      return;
    }

  data = g_new0 (ConnectData, 1);
  data->self = g_object_ref (self);
  pd_entry_row_touch_all (GTK_WIDGET (self->server_group));
  if (!read_address (self, &data->address))
    {
      PdEntryRow *rows[] = { self->host_row, self->port_row, self->database_row };

      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        if (pd_entry_row_get_error (rows[i]) != NULL)
          {
            gtk_widget_grab_focus (GTK_WIDGET (rows[i]));
            break;
          }
      show_status (self, _("Fill in the server’s address first."), TRUE);
      connect_data_free (data);
      return;
    }
  data->location = pd_server_address_to_location (&data->address);
  /* Its connections use the password the application gave: trying
   * another one on it would change theirs. */
  if (g_strcmp0 (data->location, pd_database_get_path (database (self))) == 0)
    {
      show_status (self, _("Peerdesk already works on the records of this server."), FALSE);
      connect_data_free (data);
      return;
    }
  data->password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
  show_status (self, _("Connecting…"), FALSE);
  set_busy (self, TRUE);
  pd_server_open_async (data->location, data->password, self->cancellable, on_connected_cb,
                        data);
}

static void
setup (PdDatabasePage *self)
{
  GSettings *settings = pd_context_get_settings (self->context);
  PdDatabase *db = database (self);
  g_auto(PdServerAddress) address = { 0 };
  g_autofree char *port = NULL;

  self->local_path = pd_database_is_shared (db) ? pd_database_default_path ()
                                                : g_strdup (pd_database_get_path (db));
  adw_action_row_set_subtitle (self->local_row, self->local_path);
  if (pd_database_is_shared (db))
    adw_preferences_group_set_description (self->where_group,
                                           _("This desk works on the records of a shared "
                                             "server, with the other desks."));
  else
    adw_preferences_group_set_description (self->where_group,
                                           _("This desk keeps the records in a file on this "
                                             "computer."));
  gtk_check_button_set_active (pd_database_is_shared (db) ? self->server_check : self->local_check,
                               TRUE);

  pd_server_address_load (&address, settings);
  port = g_strdup_printf ("%d", address.port);
  pd_entry_row_load_text (self->host_row, address.host);
  pd_entry_row_load_text (self->port_row, port);
  pd_entry_row_load_text (self->database_row, address.database);
  pd_entry_row_load_text (self->user_row, address.user);
  update_sensitivity (self);
}

static void
pd_database_page_dispose (GObject *object)
{
  PdDatabasePage *self = (PdDatabasePage *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_DATABASE_PAGE);

  G_OBJECT_CLASS (pd_database_page_parent_class)->dispose (object);
}

static void
pd_database_page_finalize (GObject *object)
{
  PdDatabasePage *self = (PdDatabasePage *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_pointer (&self->local_path, g_free);

  G_OBJECT_CLASS (pd_database_page_parent_class)->finalize (object);
}

static void
pd_database_page_class_init (PdDatabasePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_database_page_dispose;
  object_class->finalize = pd_database_page_finalize;

  /**
   * PdDatabasePage::database-opened:
   * @opened: the records the desk works on from now on
   *
   * The records chosen were opened, and the settings say where they are.
   */
  signals[DATABASE_OPENED] = g_signal_new ("database-opened", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, PD_TYPE_DATABASE);

  g_type_ensure (PD_TYPE_ENTRY_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/pd-database-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PdDatabasePage, where_group);
  gtk_widget_class_bind_template_child (widget_class, PdDatabasePage, local_row);
  gtk_widget_class_bind_template_child (widget_class, PdDatabasePage, local_check);
  gtk_widget_class_bind_template_child (widget_class, PdDatabasePage, server_check);
  gtk_widget_class_bind_template_child (widget_class, PdDatabasePage, server_group);
  gtk_widget_class_bind_template_child (widget_class, PdDatabasePage, host_row);
  gtk_widget_class_bind_template_child (widget_class, PdDatabasePage, port_row);
  gtk_widget_class_bind_template_child (widget_class, PdDatabasePage, database_row);
  gtk_widget_class_bind_template_child (widget_class, PdDatabasePage, user_row);
  gtk_widget_class_bind_template_child (widget_class, PdDatabasePage, password_row);
  gtk_widget_class_bind_template_child (widget_class, PdDatabasePage, status_label);
  gtk_widget_class_bind_template_child (widget_class, PdDatabasePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PdDatabasePage, apply_button);
  gtk_widget_class_bind_template_callback (widget_class, on_mode_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_connect_clicked_cb);
}

static void
pd_database_page_init (PdDatabasePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  pd_accessible_fix_names (GTK_WIDGET (self));
}

GtkWidget *
pd_database_page_new (PdContext *context)
{
  PdDatabasePage *self;

  g_return_val_if_fail (PD_IS_CONTEXT (context), NULL);

  self = g_object_new (PD_TYPE_DATABASE_PAGE, NULL);
  self->context = g_object_ref (context);
  setup (self);
  return GTK_WIDGET (self);
}
