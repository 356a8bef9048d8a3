/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-entry-row.h"
#include "pd-field-error.h"
#include "pd-text.h"
#include "pd-volunteers.h"

/* The text row of every form. It knows its field's name (its label) and
 * what is wrong with what was typed (its error), and shows the error only
 * once the row is touched: typed in, left after having had the focus, or
 * part of a form someone tried to save. An error shown stands in the
 * row's title after the label, and is the row's accessible description,
 * so that a screen reader says it along with the field's name. */

struct _PdEntryRow
{
  AdwEntryRow parent_instance;

  /* Owned */
  char *label;
  char *error;
  char *shown;                   /* the error shown, or NULL */
  gboolean touched;
  gboolean had_focus;
  gboolean loading;
};

G_DEFINE_FINAL_TYPE (PdEntryRow, pd_entry_row, ADW_TYPE_ENTRY_ROW)

enum {
  PROP_0,
  PROP_LABEL,
  PROP_TOUCHED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Whether *@field changed to @value. */
static gboolean
set_str (char       **field,
         const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* Shows the error when it is to be seen, leaving the row alone (its
 * tooltip, say) while nothing changes. */
static void
update_error (PdEntryRow *self)
{
  if (!set_str (&self->shown, self->touched ? self->error : NULL))
    return;
  pd_field_error_show (GTK_WIDGET (self), self->label ? self->label : "", self->shown);
}

static void
on_changed_cb (PdEntryRow *self)
{
  if (!self->loading)
    pd_entry_row_set_touched (self, TRUE);
}

static void
on_focus_enter_cb (PdEntryRow *self)
{
  self->had_focus = TRUE;
}

/* The focus also leaves a row whose window closes: that is no one
 * leaving the field. */
static void
on_focus_leave_cb (PdEntryRow *self)
{
  if (self->had_focus && gtk_widget_get_mapped (GTK_WIDGET (self)))
    pd_entry_row_set_touched (self, TRUE);
}

static void
pd_entry_row_finalize (GObject *object)
{
  PdEntryRow *self = (PdEntryRow *)object;

  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->shown, g_free);

  G_OBJECT_CLASS (pd_entry_row_parent_class)->finalize (object);
}

static void
pd_entry_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PdEntryRow *self = PD_ENTRY_ROW (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_TOUCHED:
      g_value_set_boolean (value, self->touched);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_entry_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PdEntryRow *self = PD_ENTRY_ROW (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      pd_entry_row_set_label (self, g_value_get_string (value));
      break;
    case PROP_TOUCHED:
      pd_entry_row_set_touched (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pd_entry_row_class_init (PdEntryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pd_entry_row_finalize;
  object_class->get_property = pd_entry_row_get_property;
  object_class->set_property = pd_entry_row_set_property;

  /* The field's name: the row's title and accessible name. */
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOUCHED] =
    g_param_spec_boolean ("touched", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pd_entry_row_init (PdEntryRow *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (on_focus_enter_cb), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  g_signal_connect (self, "changed", G_CALLBACK (on_changed_cb), NULL);
}

GtkWidget *
pd_entry_row_new (const char *label)
{
  return g_object_new (PD_TYPE_ENTRY_ROW, "label", label, NULL);
}

const char *
pd_entry_row_get_label (PdEntryRow *self)
{
  g_return_val_if_fail (PD_IS_ENTRY_ROW (self), NULL);
  return self->label;
}

void
pd_entry_row_set_label (PdEntryRow *self,
                        const char *label)
{
  g_return_if_fail (PD_IS_ENTRY_ROW (self));

  if (!set_str (&self->label, label))
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label ? label : "", -1);
  if (self->shown != NULL)
    pd_field_error_show (GTK_WIDGET (self), label ? label : "", self->shown);
  else
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), label ? label : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

const char *
pd_entry_row_get_error (PdEntryRow *self)
{
  g_return_val_if_fail (PD_IS_ENTRY_ROW (self), NULL);
  return self->error;
}

/* Says what is wrong with the text (NULL: nothing). The row shows it only
 * once touched, but keeps it, so that touching the row shows it then. */
void
pd_entry_row_set_error (PdEntryRow *self,
                        const char *error)
{
  g_return_if_fail (PD_IS_ENTRY_ROW (self));

  if (set_str (&self->error, error))
    update_error (self);
}

gboolean
pd_entry_row_get_touched (PdEntryRow *self)
{
  g_return_val_if_fail (PD_IS_ENTRY_ROW (self), FALSE);
  return self->touched;
}

void
pd_entry_row_set_touched (PdEntryRow *self,
                          gboolean    touched)
{
  g_return_if_fail (PD_IS_ENTRY_ROW (self));

  touched = !!touched;
  if (self->touched == touched)
    return;
  self->touched = touched;
  if (!touched)
    self->had_focus = FALSE;
  update_error (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOUCHED]);
}

/* Whether the row shows an error now. */
gboolean
pd_entry_row_get_error_shown (PdEntryRow *self)
{
  g_return_val_if_fail (PD_IS_ENTRY_ROW (self), FALSE);
  return self->touched && self->error != NULL;
}

/* The text without the spaces around it. */
char *
pd_entry_row_dup_text (PdEntryRow *self)
{
  g_return_val_if_fail (PD_IS_ENTRY_ROW (self), NULL);
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self))));
}

/* Puts @text in the row as the form's own doing, not the person's: the
 * row is left untouched. */
void
pd_entry_row_load_text (PdEntryRow *self,
                        const char *text)
{
  g_return_if_fail (PD_IS_ENTRY_ROW (self));

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self), text ? text : "");
  self->loading = FALSE;
  pd_entry_row_set_touched (self, FALSE);
}

/* Touches every entry row in @root: a form someone tried to save shows
 * all that is wrong with it, typed in or not. */
void
pd_entry_row_touch_all (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (PD_IS_ENTRY_ROW (root))
    pd_entry_row_set_touched (PD_ENTRY_ROW (root), TRUE);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    pd_entry_row_touch_all (child);
}

/* The checks the forms share: each sets the row's error (or clears it)
 * and says whether the text is right. */

gboolean
pd_entry_row_check_required (PdEntryRow *self)
{
  g_autofree char *text = NULL;
  gboolean ok;

  g_return_val_if_fail (PD_IS_ENTRY_ROW (self), FALSE);

  text = pd_entry_row_dup_text (self);
  ok = text[0] != '\0';
  pd_entry_row_set_error (self, ok ? NULL : _("this is required"));
  return ok;
}

gboolean
pd_entry_row_check_date (PdEntryRow *self,
                         gboolean    required)
{
  g_autofree char *text = NULL;
  const char *message = NULL;
  GDate date;

  g_return_val_if_fail (PD_IS_ENTRY_ROW (self), FALSE);

  text = pd_entry_row_dup_text (self);
  if (pd_text_is_blank (text))
    message = required ? _("this is required") : NULL;
  else if (!pd_date_parse (text, &date))
    message = _("not a date (YYYY-MM-DD)");
  pd_entry_row_set_error (self, message);
  return message == NULL;
}

/* Hours in quarter steps, as 1.25; @quarter_hours gets them, or 0. */
gboolean
pd_entry_row_check_hours (PdEntryRow *self,
                          guint      *quarter_hours)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  guint parsed = 0;
  gboolean ok;

  g_return_val_if_fail (PD_IS_ENTRY_ROW (self), FALSE);

  text = pd_entry_row_dup_text (self);
  ok = pd_hours_parse (text, &parsed, &error);
  pd_entry_row_set_error (self, ok ? NULL : error->message);
  if (quarter_hours != NULL)
    *quarter_hours = parsed;
  return ok;
}
