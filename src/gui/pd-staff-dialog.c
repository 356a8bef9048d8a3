/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pd-accessible.h"
#include "pd-entry-row.h"
#include "pd-field-error.h"
#include "pd-staff.h"
#include "pd-staff-dialog.h"
#include "pd-statement.h"

/* The forms of staff accounts: the first director, a new account, a
 * passphrase or PIN set by a director, and one's own passphrase or PIN.
 * A passphrase and a PIN are each typed twice, and never shown again:
 * what the core refuses is said above the form, without the value. */

struct _PdStaffDialog
{
  PdFormWindow parent_instance;

  /* Template widgets */
  GtkLabel *error_label;
  AdwPreferencesGroup *account_group;
  PdEntryRow *name_row;
  AdwComboRow *role_row;
  AdwPreferencesGroup *passphrase_group;
  AdwPasswordEntryRow *passphrase_row;
  AdwPasswordEntryRow *passphrase_again_row;
  AdwPreferencesGroup *pin_group;
  AdwPasswordEntryRow *pin_row;
  AdwPasswordEntryRow *pin_again_row;

  /* Owned */
  PdStaffDialogMode mode;
  char *name;
};

G_DEFINE_FINAL_TYPE (PdStaffDialog, pd_staff_dialog, PD_TYPE_FORM_WINDOW)

/* The roles offered, in the order of the role row. */
static const PdRole roles[] = {
  PD_ROLE_FRONT_DESK, PD_ROLE_FACILITATOR, PD_ROLE_COORDINATOR, PD_ROLE_DIRECTOR,
};

static gboolean
asks_name (PdStaffDialog *self)
{
  return self->mode == PD_STAFF_DIALOG_FIRST_DIRECTOR || self->mode == PD_STAFF_DIALOG_ADD;
}

static gboolean
asks_passphrase (PdStaffDialog *self)
{
  return self->mode != PD_STAFF_DIALOG_PIN;
}

static gboolean
asks_pin (PdStaffDialog *self)
{
  return self->mode == PD_STAFF_DIALOG_ADD || self->mode == PD_STAFF_DIALOG_PIN ||
         self->mode == PD_STAFF_DIALOG_OWN;
}

static const char *
text_of (gpointer row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
is_digits (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* Shows @message on @row once there is something to judge: an empty row
 * only keeps Save disabled, its group saying what it needs. Returns
 * whether the row is fine. */
static gboolean
judge (PdStaffDialog *self,
       gpointer       row,
       const char    *title,
       const char    *message)
{
  gboolean shown = message != NULL && *text_of (row) != '\0';

  pd_field_error_show (GTK_WIDGET (row), title, shown ? message : NULL);
  return message == NULL;
}

/* What is wrong with a passphrase, or NULL. */
static char *
dup_passphrase_problem (const char *text,
                        gboolean    required)
{
  if (*text == '\0')
    return required ? g_strdup (_("type a passphrase")) : NULL;
  if (g_utf8_strlen (text, -1) < PD_STAFF_MIN_PASSPHRASE)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "use at least %d character",
                                         "use at least %d characters", PD_STAFF_MIN_PASSPHRASE),
                            PD_STAFF_MIN_PASSPHRASE);
  return NULL;
}

static char *
dup_pin_problem (const char *text,
                 gboolean    required)
{
  if (*text == '\0')
    return required ? g_strdup (_("type a PIN")) : NULL;
  if (!is_digits (text))
    return g_strdup (_("use digits only"));
  if (strlen (text) < PD_STAFF_MIN_PIN)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "use at least %d digit",
                                         "use at least %d digits", PD_STAFF_MIN_PIN),
                            PD_STAFF_MIN_PIN);
  return NULL;
}

static void
check (PdStaffDialog *self)
{
  gboolean ok = TRUE;

  if (asks_name (self))
    ok &= pd_entry_row_check_required (self->name_row);

  if (asks_passphrase (self))
    {
      const char *text = text_of (self->passphrase_row);
      const char *again = text_of (self->passphrase_again_row);
      g_autofree char *message = dup_passphrase_problem (text,
                                                         self->mode != PD_STAFF_DIALOG_OWN);

      ok &= judge (self, self->passphrase_row, _("Passphrase"), message);
      ok &= judge (self, self->passphrase_again_row, _("Passphrase again"),
                   g_strcmp0 (text, again) != 0 && (*again != '\0' || *text != '\0')
                   ? _("the two passphrases differ") : NULL);
    }

  if (asks_pin (self))
    {
      const char *text = text_of (self->pin_row);
      const char *again = text_of (self->pin_again_row);
      g_autofree char *message = dup_pin_problem (text, self->mode == PD_STAFF_DIALOG_PIN);

      ok &= judge (self, self->pin_row, _("PIN"), message);
      ok &= judge (self, self->pin_again_row, _("PIN again"),
                   g_strcmp0 (text, again) != 0 && (*again != '\0' || *text != '\0')
                   ? _("the two PINs differ") : NULL);
    }

  /* Changing one's own account changes at least one of the two. */
  if (self->mode == PD_STAFF_DIALOG_OWN &&
      *text_of (self->passphrase_row) == '\0' && *text_of (self->pin_row) == '\0')
    ok = FALSE;

  pd_form_window_set_valid (PD_FORM_WINDOW (self), ok);
}

/* The label's group keeps its margins while empty: the group hides. */
static void
set_error_visible (PdStaffDialog *self,
                   gboolean       visible)
{
  /* Gone with the form, if the window closed it while it was saving. */
  if (self->error_label == NULL)
    return;
  gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->error_label),
                                                   ADW_TYPE_PREFERENCES_GROUP),
                          visible);
}

static void
on_field_changed_cb (PdStaffDialog *self)
{
  set_error_visible (self, FALSE);
  pd_form_window_set_dirty (PD_FORM_WINDOW (self), TRUE);
  check (self);
}

static void
on_field_notify_cb (PdStaffDialog *self)
{
  on_field_changed_cb (self);
}

static void
show_error (PdStaffDialog *self,
            const GError  *error)
{
  if (self->error_label == NULL)
    return;
  gtk_label_set_text (self->error_label, error->message);
  set_error_visible (self, TRUE);
}

/* The writes of one form land together or not at all: an account is not
 * left without the PIN the form gave it. */
static gboolean
write_account (PdStaffDialog  *self,
               GError        **error)
{
  PdDatabase *db = pd_form_window_get_database (PD_FORM_WINDOW (self));
  g_autoptr(PdTransaction) transaction = NULL;
  g_autofree char *name = asks_name (self) ? pd_entry_row_dup_text (self->name_row)
                                           : g_strdup (self->name);
  /* Copies: the form may be gone by the time they are used, when the
   * window locks the moment sign-in turns on. */
  g_autofree char *passphrase = g_strdup (text_of (self->passphrase_row));
  g_autofree char *pin = g_strdup (text_of (self->pin_row));
  guint selected = adw_combo_row_get_selected (self->role_row);
  PdRole role = self->mode == PD_STAFF_DIALOG_FIRST_DIRECTOR || selected >= G_N_ELEMENTS (roles)
                ? PD_ROLE_DIRECTOR : roles[selected];

  transaction = pd_database_begin_transaction (db, error);
  if (transaction == NULL)
    return FALSE;

  switch (self->mode)
    {
    case PD_STAFF_DIALOG_FIRST_DIRECTOR:
      if (!pd_staff_add (db, name, PD_ROLE_DIRECTOR, passphrase, error))
        return FALSE;
      break;
    case PD_STAFF_DIALOG_ADD:
      if (!pd_staff_add (db, name, role, passphrase, error))
        return FALSE;
      if (*pin != '\0' && !pd_staff_set_pin (db, name, pin, error))
        return FALSE;
      break;
    case PD_STAFF_DIALOG_PASSPHRASE:
      if (!pd_staff_reset (db, name, passphrase, error))
        return FALSE;
      break;
    case PD_STAFF_DIALOG_PIN:
      if (!pd_staff_set_pin (db, name, pin, error))
        return FALSE;
      break;
    case PD_STAFF_DIALOG_OWN:
    default:
      if (*passphrase != '\0' && !pd_staff_reset (db, name, passphrase, error))
        return FALSE;
      if (*pin != '\0' && !pd_staff_set_pin (db, name, pin, error))
        return FALSE;
      break;
    }
  if (!pd_transaction_commit (transaction, error))
    return FALSE;

  /* Whoever creates the first director is that director: signing in
   * at once keeps the records from locking the moment they are
   * protected. */
  if (self->mode == PD_STAFF_DIALOG_FIRST_DIRECTOR)
    return pd_staff_sign_in (db, name, passphrase, error);
  return TRUE;
}

static gboolean
save (PdFormWindow  *form,
      GError       **error)
{
  PdStaffDialog *self = PD_STAFF_DIALOG (form);
  g_autoptr(GError) local_error = NULL;

  /* Turning sign-in on may lock the window, which closes what was open
   * over it, this form included: it must outlive its own save, and what
   * runs after it. */
  g_idle_add_once ((GSourceOnceFunc) g_object_unref, g_object_ref (self));

  if (!write_account (self, &local_error))
    {
      show_error (self, local_error);
      return FALSE;
    }
  return TRUE;
}

/* libadwaita 1.2 leaves the button that shows what was typed in a
 * password row without a name. */
static void
name_peek_button (GtkWidget  *widget,
                  const char *name)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_BUTTON (c))
        gtk_accessible_update_property (GTK_ACCESSIBLE (c), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        name, -1);
      name_peek_button (c, name);
    }
}

static void
pd_staff_dialog_finalize (GObject *object)
{
  PdStaffDialog *self = (PdStaffDialog *)object;

  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (pd_staff_dialog_parent_class)->finalize (object);
}

static void
pd_staff_dialog_class_init (PdStaffDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PdFormWindowClass *form_class = PD_FORM_WINDOW_CLASS (klass);

  object_class->finalize = pd_staff_dialog_finalize;
  form_class->save = save;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/pd-staff-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PdStaffDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PdStaffDialog, account_group);
  gtk_widget_class_bind_template_child (widget_class, PdStaffDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, PdStaffDialog, role_row);
  gtk_widget_class_bind_template_child (widget_class, PdStaffDialog, passphrase_group);
  gtk_widget_class_bind_template_child (widget_class, PdStaffDialog, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, PdStaffDialog, passphrase_again_row);
  gtk_widget_class_bind_template_child (widget_class, PdStaffDialog, pin_group);
  gtk_widget_class_bind_template_child (widget_class, PdStaffDialog, pin_row);
  gtk_widget_class_bind_template_child (widget_class, PdStaffDialog, pin_again_row);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_field_notify_cb);
}

static void
pd_staff_dialog_init (PdStaffDialog *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    gtk_string_list_append (labels, pd_role_get_label (roles[i]));
  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (labels));
  name_peek_button (GTK_WIDGET (self->passphrase_row), _("Show the passphrase"));
  name_peek_button (GTK_WIDGET (self->passphrase_again_row), _("Show the passphrase again"));
  name_peek_button (GTK_WIDGET (self->pin_row), _("Show the PIN"));
  name_peek_button (GTK_WIDGET (self->pin_again_row), _("Show the PIN again"));
  pd_accessible_fix_names (GTK_WIDGET (self));
}

/**
 * pd_staff_dialog_new:
 * @parent: (nullable): the window the form belongs to
 * @context: the open database and settings
 * @mode: what the form does
 * @name: (nullable): the account concerned, for all but the first
 *   director and a new account
 *
 * Returns: (transfer none): the form, to present
 */
GtkWindow *
pd_staff_dialog_new (GtkWindow         *parent,
                     PdContext         *context,
                     PdStaffDialogMode  mode,
                     const char        *name)
{
  PdStaffDialog *self;
  const char *title = NULL;
  const char *save_label = NULL;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PD_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (name != NULL || mode == PD_STAFF_DIALOG_FIRST_DIRECTOR ||
                        mode == PD_STAFF_DIALOG_ADD, NULL);

  self = g_object_new (PD_TYPE_STAFF_DIALOG,
                       "transient-for", parent,
                       "context", context,
                       NULL);
  self->mode = mode;
  self->name = g_strdup (name);

  switch (mode)
    {
    case PD_STAFF_DIALOG_FIRST_DIRECTOR:
      title = _("Create Director Account");
      save_label = _("_Create");
      adw_preferences_group_set_description (self->account_group,
                                             _("The director manages the staff accounts and "
                                               "sees everything. Once this account exists, "
                                               "everyone signs in to use Peerdesk."));
      break;
    case PD_STAFF_DIALOG_ADD:
      title = _("Add Staff Member");
      save_label = _("_Add");
      break;
    case PD_STAFF_DIALOG_PASSPHRASE:
      title = _("Set Passphrase");
      save_label = _("_Set");
      adw_preferences_group_set_description (self->passphrase_group,
                                             _("The account is unlocked, and the old passphrase "
                                               "stops working."));
      break;
    case PD_STAFF_DIALOG_PIN:
      title = _("Set PIN");
      save_label = _("_Set");
      break;
    case PD_STAFF_DIALOG_OWN:
    default:
      title = _("Change Passphrase or PIN");
      save_label = _("_Change");
      adw_preferences_group_set_description (self->passphrase_group,
                                             _("Leave it empty to keep the passphrase you "
                                               "have."));
      break;
    }
  gtk_window_set_title (GTK_WINDOW (self), title);
  g_object_set (self, "save-label", save_label, "save-tooltip", "", NULL);
  if (name != NULL)
    pd_form_window_set_subtitle (PD_FORM_WINDOW (self), name);

  gtk_widget_set_visible (GTK_WIDGET (self->account_group), asks_name (self));
  gtk_widget_set_visible (GTK_WIDGET (self->role_row), mode == PD_STAFF_DIALOG_ADD);
  gtk_widget_set_visible (GTK_WIDGET (self->passphrase_group), asks_passphrase (self));
  gtk_widget_set_visible (GTK_WIDGET (self->pin_group), asks_pin (self));
  if (mode == PD_STAFF_DIALOG_PIN)
    adw_preferences_group_set_description (self->pin_group,
                                           _("Digits only. The PIN signs in at this desk "
                                             "quickly; the passphrase still works."));

  check (self);
  pd_form_window_set_dirty (PD_FORM_WINDOW (self), FALSE);

  if (asks_name (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  else if (asks_passphrase (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->pin_row));
  return GTK_WINDOW (self);
}
