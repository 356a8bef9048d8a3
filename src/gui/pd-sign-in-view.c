/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-error.h"
#include "pd-report.h"
#include "pd-sign-in-view.h"
#include "pd-staff.h"

/* What the window shows while nobody is signed in: the centre's name, the
 * staff's names and a field for a passphrase or PIN, and nothing of the
 * records. Signing in makes the database emit "staff-changed", on which
 * the window shows the sections the role may see. */
struct _PdSignInView
{
  AdwBin parent_instance;

  /* Template widgets */
  GtkLabel *centre_label;
  GtkLabel *description_label;
  GtkDropDown *name_dropdown;
  GtkPasswordEntry *secret_entry;
  GtkLabel *error_label;
  GtkButton *sign_in_button;

  /* Owned */
  PdContext *context;
  GtkStringList *names;
};

G_DEFINE_FINAL_TYPE (PdSignInView, pd_sign_in_view, ADW_TYPE_BIN)

static PdDatabase *
get_database (PdSignInView *self)
{
  return pd_context_get_database (self->context);
}

static void
show_error (PdSignInView *self,
            const char   *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->secret_entry),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               message ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

/* The centre's name, as the reports give it, says which records these
 * are; until a director has set it the header's program name says so. */
static void
update_centre_name (PdSignInView *self)
{
  PdReportSettings settings = { NULL };
  g_autoptr(GError) error = NULL;
  const char *name = NULL;

  if (pd_report_settings_load (get_database (self), &settings, &error))
    name = settings.organisation;
  else
    g_debug ("Could not read the centre's name: %s", error->message);
  gtk_label_set_text (self->centre_label, name != NULL && *name != '\0' ? name : _("Sign In"));
  pd_report_settings_clear (&settings);
}

/* Reads the staff's names again, keeping the one chosen. */
static void
update_names (PdSignInView *self)
{
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *chosen = g_strdup (pd_sign_in_view_get_name (self));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  staff = pd_staff_list (get_database (self), &error);
  if (staff == NULL)
    {
      g_warning ("Could not read the staff's names: %s", error->message);
      return;
    }
  for (guint i = 0; i < staff->len; i++)
    g_ptr_array_add (names, ((PdStaff *) g_ptr_array_index (staff, i))->name);
  g_ptr_array_add (names, NULL);

  gtk_string_list_splice (self->names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->names)),
                          (const char * const *) names->pdata);
  if (chosen == NULL || !pd_sign_in_view_select_name (self, chosen))
    gtk_drop_down_set_selected (self->name_dropdown,
                                staff->len > 0 ? 0 : GTK_INVALID_LIST_POSITION);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button), staff->len > 0);
}

static void
on_staff_accounts_changed_cb (PdSignInView *self)
{
  if (pd_staff_sign_in_enabled (get_database (self)))
    update_names (self);
}

static void
on_secret_entry_changed_cb (PdSignInView *self)
{
  /* A mistyped secret's error goes once the next attempt starts. */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->secret_entry)) != '\0')
    show_error (self, NULL);
}

static void
on_secret_entry_activate_cb (PdSignInView *self)
{
  pd_sign_in_view_sign_in (self);
}

static void
on_sign_in_button_clicked_cb (PdSignInView *self)
{
  pd_sign_in_view_sign_in (self);
}

static void
pd_sign_in_view_dispose (GObject *object)
{
  PdSignInView *self = (PdSignInView *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_SIGN_IN_VIEW);

  G_OBJECT_CLASS (pd_sign_in_view_parent_class)->dispose (object);
}

static void
pd_sign_in_view_finalize (GObject *object)
{
  PdSignInView *self = (PdSignInView *)object;

  g_clear_object (&self->names);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (pd_sign_in_view_parent_class)->finalize (object);
}

static void
pd_sign_in_view_class_init (PdSignInViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_sign_in_view_dispose;
  object_class->finalize = pd_sign_in_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/pd-sign-in-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PdSignInView, centre_label);
  gtk_widget_class_bind_template_child (widget_class, PdSignInView, description_label);
  gtk_widget_class_bind_template_child (widget_class, PdSignInView, name_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PdSignInView, secret_entry);
  gtk_widget_class_bind_template_child (widget_class, PdSignInView, error_label);
  gtk_widget_class_bind_template_child (widget_class, PdSignInView, sign_in_button);
  gtk_widget_class_bind_template_callback (widget_class, on_secret_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_secret_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_in_button_clicked_cb);
}

static void
pd_sign_in_view_init (PdSignInView *self)
{
  g_autoptr(GtkExpression) expression = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->names = gtk_string_list_new (NULL);
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->name_dropdown, expression);
  gtk_drop_down_set_model (self->name_dropdown, G_LIST_MODEL (self->names));
}

GtkWidget *
pd_sign_in_view_new (PdContext *context)
{
  PdSignInView *self;

  g_return_val_if_fail (PD_IS_CONTEXT (context), NULL);

  self = g_object_new (PD_TYPE_SIGN_IN_VIEW, NULL);
  self->context = g_object_ref (context);
  g_signal_connect_object (pd_context_get_database (context), "changed::staff",
                           G_CALLBACK (on_staff_accounts_changed_cb), self, G_CONNECT_SWAPPED);
  update_centre_name (self);
  on_staff_accounts_changed_cb (self);
  return GTK_WIDGET (self);
}

/**
 * pd_sign_in_view_reset:
 * @name: (nullable): the name to choose, as the last person signed in
 * @choose_name: whether the cursor goes to the names rather than the
 *   secret, as when someone else takes over the desk
 *
 * Readies the view for the next person: no secret and no error left over
 * from the one before.
 */
void
pd_sign_in_view_reset (PdSignInView *self,
                       const char   *name,
                       gboolean      choose_name)
{
  g_return_if_fail (PD_IS_SIGN_IN_VIEW (self));

  update_names (self);
  update_centre_name (self);
  /* A locked desk waits for the one who locked it, or another taking over. */
  if (name != NULL && pd_sign_in_view_select_name (self, name))
    gtk_label_set_text (self->description_label,
                        _("The desk is locked. Sign in again, or choose your own name to take "
                          "over."));
  else
    gtk_label_set_text (self->description_label, _("Sign in to open the records."));
  gtk_editable_set_text (GTK_EDITABLE (self->secret_entry), "");
  show_error (self, NULL);
  if (choose_name)
    gtk_widget_grab_focus (GTK_WIDGET (self->name_dropdown));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->secret_entry));
}

/* The name chosen, NULL when there is none to choose. */
const char *
pd_sign_in_view_get_name (PdSignInView *self)
{
  guint position;

  g_return_val_if_fail (PD_IS_SIGN_IN_VIEW (self), NULL);

  position = gtk_drop_down_get_selected (self->name_dropdown);
  if (self->names == NULL || position == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gtk_string_list_get_string (self->names, position);
}

gboolean
pd_sign_in_view_select_name (PdSignInView *self,
                             const char   *name)
{
  guint n;

  g_return_val_if_fail (PD_IS_SIGN_IN_VIEW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->names));
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->names, i), name) == 0)
      {
        gtk_drop_down_set_selected (self->name_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

void
pd_sign_in_view_set_secret (PdSignInView *self,
                            const char   *secret)
{
  g_return_if_fail (PD_IS_SIGN_IN_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->secret_entry), secret ? secret : "");
}

/* Signs in the person chosen with what the entry holds. The entry is
 * emptied either way, so that no secret stays on screen for the next
 * person; a failure says why without naming the secret, and a wait after
 * too many failures says how long. */
void
pd_sign_in_view_sign_in (PdSignInView *self)
{
  g_autofree char *name = NULL;
  const char *secret;
  g_autoptr(GError) error = NULL;
  gboolean signed_in;

  g_return_if_fail (PD_IS_SIGN_IN_VIEW (self));

  /* A copy: the list of names is read again when the accounts change,
   * as a failed attempt changes them. */
  name = g_strdup (pd_sign_in_view_get_name (self));
  if (name == NULL)
    {
      show_error (self, _("Choose your name first."));
      gtk_widget_grab_focus (GTK_WIDGET (self->name_dropdown));
      return;
    }
  /* Read in place: the entry keeps what is typed in memory that is never
   * swapped out, and a copy would not be. */
  secret = gtk_editable_get_text (GTK_EDITABLE (self->secret_entry));
  if (*secret == '\0')
    {
      show_error (self, _("Type your passphrase or PIN."));
      gtk_widget_grab_focus (GTK_WIDGET (self->secret_entry));
      return;
    }

  signed_in = pd_staff_sign_in (get_database (self), name, secret, &error);
  gtk_editable_set_text (GTK_EDITABLE (self->secret_entry), "");
  if (!signed_in)
    {
      show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->secret_entry));
      return;
    }
  show_error (self, NULL);
}

/* The message shown under the entry, NULL when there is none. */
const char *
pd_sign_in_view_get_error (PdSignInView *self)
{
  g_return_val_if_fail (PD_IS_SIGN_IN_VIEW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_text (self->error_label);
}
