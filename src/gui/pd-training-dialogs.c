/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pd-field-error.h"
#include "pd-text.h"
#include "pd-training-dialogs.h"
#include "pd-training.h"
#include "pd-volunteers.h"
#include "pd-toast.h"

/* The small forms of the volunteer's page. Each is a modal AdwWindow built
 * here rather than from a template, as they share all but their fields:
 * a header bar with Cancel and a main button, and one page of rows. A row
 * says what is wrong with it in its title once it has been typed in, as
 * the editors' rows do; the main button is enabled when nothing is. */

typedef struct _Form Form;

typedef gboolean (*FormCheckFunc) (Form *form);
typedef gboolean (*FormSaveFunc)  (Form *form, GError **error);

struct _Form
{
  GtkWindow *window;
  AdwToastOverlay *toast_overlay;
  AdwPreferencesPage *page;
  AdwPreferencesGroup *group;
  GtkWidget *save_button;
  GHashTable *fields;            /* name → widget, borrowed */
  PdContext *context;
  gint64 volunteer_id;
  GPtrArray *items;              /* what the main combo row lists: courses or templates */
  GPtrArray *domains;            /* PdDomain, for the course form */
  FormCheckFunc check;
  FormSaveFunc save;
  gboolean loading;
  gboolean valid;
};

static void
form_free (gpointer data)
{
  Form *form = data;

  g_clear_pointer (&form->fields, g_hash_table_unref);
  g_clear_pointer (&form->items, g_ptr_array_unref);
  g_clear_pointer (&form->domains, g_ptr_array_unref);
  g_clear_object (&form->context);
  g_free (form);
}

static PdDatabase *
form_database (Form *form)
{
  return pd_context_get_database (form->context);
}

static GtkWidget *
field (Form       *form,
       const char *name)
{
  GtkWidget *widget = g_hash_table_lookup (form->fields, name);

  g_assert (widget != NULL);
  return widget;
}

static char *
field_text (Form       *form,
            const char *name)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (field (form, name)))));
}

static gboolean
touched (GtkWidget *widget)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), "pd-touched"));
}

/* Shows @message (or no error) on the row of field @name. */
static void
field_error (Form       *form,
             const char *name,
             const char *message)
{
  GtkWidget *row = field (form, name);
  const char *title = g_object_get_data (G_OBJECT (row), "pd-title");

  if (!touched (row))
    message = NULL;
  pd_field_error_show (row, title, message);
}

static void
form_toast (Form       *form,
            const char *message)
{
  pd_toast_show (form->toast_overlay, message);
}

static void
form_check (Form *form)
{
  if (form->loading)
    return;
  form->valid = form->check (form);
  gtk_widget_set_sensitive (form->save_button, form->valid);
}

static void
on_field_changed_cb (GtkWidget *widget,
                     Form      *form)
{
  if (form->loading)
    return;
  g_object_set_data (G_OBJECT (widget), "pd-touched", GINT_TO_POINTER (TRUE));
  form_check (form);
}

static void
on_field_notify_cb (GtkWidget  *widget,
                    GParamSpec *pspec,
                    Form       *form)
{
  on_field_changed_cb (widget, form);
}

static void
on_save_clicked_cb (GtkButton *button,
                    Form      *form)
{
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer value;

  /* Every row says what is wrong with it now, typed in or not. */
  g_hash_table_iter_init (&iter, form->fields);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_object_set_data (G_OBJECT (value), "pd-touched", GINT_TO_POINTER (TRUE));
  form_check (form);
  if (!form->valid)
    return;

  if (!form->save (form, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not save: %s"), error->message);

      form_toast (form, message);
      return;
    }
  gtk_window_close (form->window);
}

static Form *
form_new (GtkWindow  *parent,
          PdContext  *context,
          gint64      volunteer_id,
          const char *name,
          const char *title,
          const char *save_label,
          const char *description)
{
  Form *form = g_new0 (Form, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkEventController *shortcuts;

  form->context = g_object_ref (context);
  form->volunteer_id = volunteer_id;
  form->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  form->loading = TRUE;

  form->window = GTK_WINDOW (adw_window_new ());
  gtk_widget_set_name (GTK_WIDGET (form->window), name);
  gtk_window_set_title (form->window, title);
  gtk_window_set_modal (form->window, TRUE);
  gtk_window_set_transient_for (form->window, parent);
  gtk_window_set_default_size (form->window, 480, 600);
  gtk_widget_set_size_request (GTK_WIDGET (form->window), 360, 294);
  g_object_set_data_full (G_OBJECT (form->window), "pd-form", form, form_free);

  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (title, ""));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  gtk_widget_set_tooltip_text (cancel, _("Close Without Saving (Escape)"));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  form->save_button = gtk_button_new_with_mnemonic (save_label);
  gtk_widget_add_css_class (form->save_button, "suggested-action");
  g_signal_connect (form->save_button, "clicked", G_CALLBACK (on_save_clicked_cb), form);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), form->save_button);
  gtk_box_append (GTK_BOX (box), header);

  form->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (form->page), TRUE);
  form->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  if (description != NULL)
    adw_preferences_group_set_description (form->group, description);
  adw_preferences_page_add (form->page, form->group);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (form->page));

  form->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (form->toast_overlay, box);
  adw_window_set_content (ADW_WINDOW (form->window), GTK_WIDGET (form->toast_overlay));

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape,
                                                                                  0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (GTK_WIDGET (form->window), shortcuts);
  return form;
}

static void
form_register (Form       *form,
               const char *name,
               GtkWidget  *row,
               const char *title)
{
  g_object_set_data_full (G_OBJECT (row), "pd-title", g_strdup (title), g_free);
  g_hash_table_insert (form->fields, g_strdup (name), row);
}

static GtkWidget *
add_entry (Form                *form,
           AdwPreferencesGroup *group,
           const char          *name,
           const char          *title,
           const char          *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_signal_connect (row, "changed", G_CALLBACK (on_field_changed_cb), form);
  adw_preferences_group_add (group, row);
  form_register (form, name, row, title);
  return row;
}

static GtkWidget *
add_combo (Form                *form,
           AdwPreferencesGroup *group,
           const char          *name,
           const char          *title,
           GtkStringList       *labels)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_field_notify_cb), form);
  adw_preferences_group_add (group, row);
  form_register (form, name, row, title);
  return row;
}

/* A row with a spin button; the field is the spin button. */
static GtkWidget *
add_spin (Form                *form,
          AdwPreferencesGroup *group,
          const char          *name,
          const char          *title,
          double               min,
          double               max,
          double               value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, 1);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_field_changed_cb), form);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (group, row);
  g_hash_table_insert (form->fields, g_strdup (name), spin);
  return spin;
}

/* A row with a check button; the field is the check button. */
static GtkWidget *
add_check (Form                *form,
           AdwPreferencesGroup *group,
           const char          *name,
           const char          *title,
           const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  g_signal_connect (check, "toggled", G_CALLBACK (on_field_changed_cb), form);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  adw_preferences_group_add (group, row);
  g_hash_table_insert (form->fields, g_strdup (name), check);
  return check;
}

static GtkWindow *
form_finish (Form *form)
{
  form->loading = FALSE;
  form_check (form);
  return form->window;
}

/* A date that must be there: NULL when it is right, or what is wrong. */
static const char *
check_date (const char *text,
            gboolean    required)
{
  GDate date;

  if (pd_text_is_blank (text))
    return required ? _("this is required") : NULL;
  if (!pd_date_parse (text, &date))
    return _("not a date (YYYY-MM-DD)");
  return NULL;
}

static gboolean
check_date_field (Form       *form,
                  const char *name,
                  gboolean    required)
{
  g_autofree char *text = field_text (form, name);
  const char *message = check_date (text, required);

  field_error (form, name, message);
  return message == NULL;
}

static gboolean
check_required_field (Form       *form,
                      const char *name)
{
  g_autofree char *text = field_text (form, name);
  gboolean ok = text[0] != '\0';

  field_error (form, name, ok ? NULL : _("this is required"));
  return ok;
}

static gboolean
check_hours_field (Form       *form,
                   const char *name,
                   guint      *quarters)
{
  g_autofree char *text = field_text (form, name);
  g_autoptr(GError) error = NULL;
  guint parsed = 0;
  gboolean ok = pd_hours_parse (text, &parsed, &error);

  field_error (form, name, ok ? NULL : error->message);
  if (quarters != NULL)
    *quarters = parsed;
  return ok;
}

/* Supervision */

static const PdCode supervision_kinds[] = {
  { "individual", N_("Individual") },
  { "group", N_("Group") },
  { NULL, NULL }
};

static gboolean
supervision_check (Form *form)
{
  gboolean ok = TRUE;

  ok &= check_date_field (form, "date", TRUE);
  ok &= check_required_field (form, "supervisor");
  return ok;
}

static gboolean
supervision_save (Form    *form,
                  GError **error)
{
  g_autoptr(PdSupervision) supervision = g_new0 (PdSupervision, 1);
  guint kind = adw_combo_row_get_selected (ADW_COMBO_ROW (field (form, "kind")));

  supervision->volunteer_id = form->volunteer_id;
  supervision->date = field_text (form, "date");
  supervision->supervisor = field_text (form, "supervisor");
  supervision->minutes = (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (field (form,
                                                                                     "minutes")));
  supervision->kind = g_strdup (supervision_kinds[kind < 2 ? kind : 0].code);
  supervision->notes = field_text (form, "notes");
  return pd_supervision_add (form_database (form), supervision, error) > 0;
}

/* Opens the form that records a supervision session of @volunteer_id. */
GtkWindow *
pd_supervision_dialog_new (GtkWindow *parent,
                           PdContext *context,
                           gint64     volunteer_id)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autofree char *today = pd_date_today ();
  GtkWidget *notes;
  Form *form;

  g_return_val_if_fail (PD_IS_CONTEXT (context), NULL);

  form = form_new (parent, context, volunteer_id, "supervision-dialog", _("Add Supervision"),
                   _("_Add"), NULL);
  form->check = supervision_check;
  form->save = supervision_save;
  for (guint i = 0; supervision_kinds[i].code != NULL; i++)
    gtk_string_list_append (kinds, _(supervision_kinds[i].label));

  add_entry (form, form->group, "date", _("Date (YYYY-MM-DD)"), today);
  add_entry (form, form->group, "supervisor", _("Supervisor"), NULL);
  add_spin (form, form->group, "minutes", _("Minutes"), 5, 480, 60);
  add_combo (form, form->group, "kind", _("Kind"), kinds);
  notes = add_entry (form, form->group, "notes", _("Notes (confidential)"), NULL);
  gtk_widget_set_tooltip_text (notes, _("Seen only on this volunteer’s page, never in a report"));
  gtk_widget_grab_focus (field (form, "supervisor"));
  return form_finish (form);
}

/* Training completions */

static const PdCourse *
selected_course (Form *form)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (field (form, "course")));

  if (form->items == NULL || selected >= form->items->len)
    return NULL;
  return g_ptr_array_index (form->items, selected);
}

static gboolean
completion_check (Form *form)
{
  gboolean ok = selected_course (form) != NULL;

  ok &= check_date_field (form, "date", TRUE);
  ok &= check_hours_field (form, "hours", NULL);
  return ok;
}

static gboolean
completion_save (Form    *form,
                 GError **error)
{
  const PdCourse *course = selected_course (form);
  g_autofree char *date = field_text (form, "date");
  g_autofree char *certificate = field_text (form, "certificate");
  guint quarters = 0;

  check_hours_field (form, "hours", &quarters);
  return pd_completions_add (form_database (form), form->volunteer_id, course->id, date,
                             quarters, certificate, error) > 0;
}

/* The credited hours are the course's until they are typed in. */
static void
on_course_selected_cb (GtkWidget  *row,
                       GParamSpec *pspec,
                       Form       *form)
{
  GtkWidget *hours = field (form, "hours");
  const PdCourse *course = selected_course (form);
  g_autofree char *text = NULL;
  gboolean was_touched = touched (hours);

  if (course == NULL || was_touched)
    return;
  text = pd_hours_format (course->quarter_hours);
  gtk_editable_set_text (GTK_EDITABLE (hours), text);
  g_object_set_data (G_OBJECT (hours), "pd-touched", GINT_TO_POINTER (FALSE));
  form_check (form);
}

/* Opens the form that records a training @volunteer_id completed. */
GtkWindow *
pd_completion_dialog_new (GtkWindow *parent,
                          PdContext *context,
                          gint64     volunteer_id)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *today = pd_date_today ();
  GtkWidget *course_row;
  Form *form;

  g_return_val_if_fail (PD_IS_CONTEXT (context), NULL);

  form = form_new (parent, context, volunteer_id, "completion-dialog", _("Record Training"),
                   _("_Record"), NULL);
  form->check = completion_check;
  form->save = completion_save;
  form->items = pd_courses_list (form_database (form), &error);
  if (form->items == NULL)
    form_toast (form, error->message);
  for (guint i = 0; form->items != NULL && i < form->items->len; i++)
    gtk_string_list_append (titles, ((PdCourse *) g_ptr_array_index (form->items, i))->title);
  if (form->items == NULL || form->items->len == 0)
    adw_preferences_group_set_description (form->group,
                                           _("There are no courses yet: add one with “New "
                                             "Course…” first."));

  course_row = add_combo (form, form->group, "course", _("Course"), titles);
  add_entry (form, form->group, "date", _("Date Completed (YYYY-MM-DD)"), today);
  add_entry (form, form->group, "hours", _("Hours Credited"), NULL);
  add_entry (form, form->group, "certificate", _("Certificate Reference"), NULL);
  g_signal_connect (course_row, "notify::selected", G_CALLBACK (on_course_selected_cb), form);
  form->loading = FALSE;
  on_course_selected_cb (course_row, NULL, form);
  return form_finish (form);
}

/* Courses */

static gboolean
course_check (Form *form)
{
  gboolean ok = TRUE;

  ok &= check_required_field (form, "title");
  ok &= check_hours_field (form, "hours", NULL);
  return ok;
}

static gboolean
course_save (Form    *form,
             GError **error)
{
  g_autoptr(PdCourse) course = g_new0 (PdCourse, 1);
  g_autoptr(GStrvBuilder) domains = g_strv_builder_new ();
  guint delivery = adw_combo_row_get_selected (ADW_COMBO_ROW (field (form, "delivery")));

  course->title = field_text (form, "title");
  course->provider = field_text (form, "provider");
  check_hours_field (form, "hours", &course->quarter_hours);
  course->delivery = g_strdup (delivery == 1 ? "online" : "in_person");
  course->required_yearly = gtk_check_button_get_active (GTK_CHECK_BUTTON (field (form,
                                                                                  "yearly")));
  for (guint i = 0; form->domains != NULL && i < form->domains->len; i++)
    {
      const PdDomain *domain = g_ptr_array_index (form->domains, i);
      g_autofree char *name = g_strconcat ("domain:", domain->code, NULL);

      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (field (form, name))))
        g_strv_builder_add (domains, domain->code);
    }
  course->domains = g_strv_builder_end (domains);
  return pd_courses_insert (form_database (form), course, error) > 0;
}

/* Opens the form that adds a course to the catalogue. */
GtkWindow *
pd_course_dialog_new (GtkWindow *parent,
                      PdContext *context)
{
  g_autoptr(GtkStringList) deliveries = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  AdwPreferencesGroup *domains_group;
  Form *form;

  g_return_val_if_fail (PD_IS_CONTEXT (context), NULL);

  form = form_new (parent, context, 0, "course-dialog", _("New Course"), _("_Add"), NULL);
  form->check = course_check;
  form->save = course_save;
  gtk_string_list_append (deliveries, _("In person"));
  gtk_string_list_append (deliveries, _("Online"));

  add_entry (form, form->group, "title", _("Title"), NULL);
  add_entry (form, form->group, "provider", _("Provider"), NULL);
  add_entry (form, form->group, "hours", _("Hours"), NULL);
  add_combo (form, form->group, "delivery", _("Delivery"), deliveries);
  add_check (form, form->group, "yearly", _("Required Every Year"),
             _("Volunteers are reminded when a year has passed since they took it"));

  domains_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (domains_group, _("Domains"));
  adw_preferences_group_set_description (domains_group,
                                         _("What the course counts toward in credentials"));
  adw_preferences_page_add (form->page, domains_group);
  form->domains = pd_domains_list (form_database (form), &error);
  if (form->domains == NULL)
    form_toast (form, error->message);
  for (guint i = 0; form->domains != NULL && i < form->domains->len; i++)
    {
      const PdDomain *domain = g_ptr_array_index (form->domains, i);
      g_autofree char *name = g_strconcat ("domain:", domain->code, NULL);

      add_check (form, domains_group, name, domain->label, NULL);
    }
  gtk_widget_grab_focus (field (form, "title"));
  return form_finish (form);
}

/* Credentials */

static const PdCredentialTemplate *
selected_template (Form *form)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (field (form, "template")));

  /* The first choice is "None". */
  if (form->items == NULL || selected == 0 || selected > form->items->len)
    return NULL;
  return g_ptr_array_index (form->items, selected - 1);
}

static gboolean
credential_check (Form *form)
{
  g_autofree char *issued = field_text (form, "issued");
  g_autofree char *expiry = field_text (form, "expiry");
  gboolean ok = TRUE;

  ok &= check_required_field (form, "name");
  ok &= check_date_field (form, "issued", FALSE);
  ok &= check_date_field (form, "expiry", FALSE);
  if (ok && issued[0] != '\0' && expiry[0] != '\0' && strcmp (expiry, issued) <= 0)
    {
      field_error (form, "expiry", _("it must come after the date issued"));
      ok = FALSE;
    }
  return ok;
}

static gboolean
credential_save (Form    *form,
                 GError **error)
{
  g_autoptr(PdCredential) credential = g_new0 (PdCredential, 1);
  const PdCredentialTemplate *template = selected_template (form);

  credential->volunteer_id = form->volunteer_id;
  credential->template = g_strdup (template ? template->code : "");
  credential->name = field_text (form, "name");
  credential->issuing_body = field_text (form, "body");
  credential->number = field_text (form, "number");
  credential->issued_date = field_text (form, "issued");
  credential->expiry_date = field_text (form, "expiry");
  credential->renewal_cycle_months =
    (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (field (form, "cycle")));
  return pd_credentials_insert (form_database (form), credential, error) > 0;
}

/* A template fills in what it knows. */
static void
on_template_selected_cb (GtkWidget  *row,
                         GParamSpec *pspec,
                         Form       *form)
{
  const PdCredentialTemplate *template = selected_template (form);

  if (template == NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (field (form, "name")), template->name);
  gtk_editable_set_text (GTK_EDITABLE (field (form, "body")),
                         template->issuing_body ? template->issuing_body : "");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (field (form, "cycle")),
                             template->renewal_cycle_months);
}

/* The expiry date follows from the date issued and the cycle, until it is
 * typed in. */
static void
on_issued_changed_cb (GtkWidget *widget,
                      Form      *form)
{
  GtkWidget *expiry = field (form, "expiry");
  g_autofree char *issued = field_text (form, "issued");
  g_autofree char *computed = NULL;
  guint months;
  GDate date;

  if (form->loading || touched (expiry) || !pd_date_parse (issued, &date))
    return;
  months = (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (field (form, "cycle")));
  if (months == 0)
    return;
  computed = pd_date_add_months (issued, (int) months);
  if (computed == NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (expiry), computed);
  g_object_set_data (G_OBJECT (expiry), "pd-touched", GINT_TO_POINTER (FALSE));
  form_check (form);
}

/* Opens the form that adds a credential to @volunteer_id; @templates are
 * the PdCredentialTemplates to start from. */
GtkWindow *
pd_credential_dialog_new (GtkWindow *parent,
                          PdContext *context,
                          gint64     volunteer_id,
                          GPtrArray *templates)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *template_row;
  GtkWidget *cycle;
  Form *form;

  g_return_val_if_fail (PD_IS_CONTEXT (context), NULL);

  form = form_new (parent, context, volunteer_id, "credential-dialog", _("Add Credential"),
                   _("_Add"), NULL);
  form->check = credential_check;
  form->save = credential_save;
  form->items = templates ? g_ptr_array_ref (templates) : NULL;
  /* Translators: no credential template, a credential typed in by hand */
  gtk_string_list_append (names, _("None"));
  for (guint i = 0; templates != NULL && i < templates->len; i++)
    gtk_string_list_append (names,
                            ((PdCredentialTemplate *) g_ptr_array_index (templates, i))->name);

  template_row = add_combo (form, form->group, "template", _("Template"), names);
  add_entry (form, form->group, "name", _("Name"), NULL);
  add_entry (form, form->group, "body", _("Issuing Body"), NULL);
  add_entry (form, form->group, "number", _("Number"), NULL);
  add_entry (form, form->group, "issued", _("Issued (YYYY-MM-DD, empty while working toward it)"),
             NULL);
  add_entry (form, form->group, "expiry", _("Expires (YYYY-MM-DD)"), NULL);
  cycle = add_spin (form, form->group, "cycle", _("Renewal Cycle in Months"), 0, 120, 24);
  g_signal_connect (template_row, "notify::selected", G_CALLBACK (on_template_selected_cb), form);
  g_signal_connect (field (form, "issued"), "changed", G_CALLBACK (on_issued_changed_cb), form);
  g_signal_connect (cycle, "value-changed", G_CALLBACK (on_issued_changed_cb), form);
  if (templates != NULL && templates->len > 0)
    adw_combo_row_set_selected (ADW_COMBO_ROW (template_row), 1);
  on_template_selected_cb (template_row, NULL, form);
  return form_finish (form);
}
