/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-members.h"
#include "pd-report.h"
#include "pd-text.h"
#include "pd-training.h"
#include "pd-volunteers-page-private.h"

/* The volunteer shown on the right of the Volunteers section: their
 * details, hours, supervision, training and credentials, each read afresh
 * from the database when they are shown or change. */

static PdDatabase *
database (PdVolunteersPage *self)
{
  return pd_page_get_database (PD_PAGE (self));
}

static char *
dup_hours_text (guint quarter_hours)
{
  g_autofree char *number = _pd_volunteers_page_dup_hours_number (quarter_hours);

  /* Translators: a number of hours */
  return g_strdup_printf (_("%s h"), number);
}

/* The first and last days of this week, month or year. */
static void
period_range (PdHoursPeriod   period,
              char          **from,
              char          **to)
{
  g_autofree char *today = pd_date_today ();
  GDate first;
  GDate last;

  g_assert (pd_date_parse (today, &first));
  switch (period)
    {
    case PD_HOURS_BY_WEEK:
      g_date_subtract_days (&first, g_date_get_weekday (&first) - G_DATE_MONDAY);
      last = first;
      g_date_add_days (&last, 6);
      break;
    case PD_HOURS_BY_MONTH:
      g_date_set_day (&first, 1);
      last = first;
      g_date_set_day (&last, g_date_get_days_in_month (g_date_get_month (&first),
                                                       g_date_get_year (&first)));
      break;
    case PD_HOURS_BY_YEAR:
    default:
      g_date_set_dmy (&first, 1, G_DATE_JANUARY, g_date_get_year (&first));
      g_date_set_dmy (&last, 31, G_DATE_DECEMBER, g_date_get_year (&first));
      break;
    }
  *from = pd_date_to_iso (&first);
  *to = pd_date_to_iso (&last);
}

/* A row of a boxed list, whose text is typed text and never markup. */
static GtkWidget *
create_info_row (const char *title,
                 const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle ? subtitle : "");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static char *
dup_role_names (PdVolunteersPage *self,
                GArray           *role_ids)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; role_ids != NULL && i < role_ids->len; i++)
    {
      gint64 id = g_array_index (role_ids, gint64, i);
      const char *label = g_hash_table_lookup (self->role_labels, &id);

      if (label != NULL)
        g_string_append_printf (text, "%s%s", text->len ? ", " : "", label);
    }
  return g_string_free (text, FALSE);
}

static void
set_detail (AdwActionRow *row,
            const char   *value)
{
  gtk_widget_set_visible (GTK_WIDGET (row), !pd_text_is_blank (value));
  adw_action_row_set_subtitle (row, value ? value : "");
}

static GtkWidget *
grid_label (const char *text,
            gboolean    number,
            gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), number ? 1 : 0);
  if (number)
    gtk_widget_add_css_class (label, "numeric");
  else
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
    }
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

/* For g_ptr_array_sort(), which passes pointers to the elements. */
static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The totals of this week, month and year, by activity: one line for each
 * activity worked this year, and their sum. */
static void
refresh_totals (PdVolunteersPage *self)
{
  static const PdHoursPeriod periods[] = { PD_HOURS_BY_WEEK, PD_HOURS_BY_MONTH,
                                           PD_HOURS_BY_YEAR };
  const char *headings[] = { _("This Week"), _("This Month"), _("This Year") };
  GHashTable *sums[G_N_ELEMENTS (periods)] = { NULL, };
  g_autoptr(GPtrArray) activities = g_ptr_array_new_with_free_func (g_free);
  guint totals[G_N_ELEMENTS (periods)] = { 0, };
  int line = 1;

  _pd_volunteers_page_remove_all_children (GTK_WIDGET (self->totals_grid));

  for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
    {
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(GError) error = NULL;

      sums[p] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      period_range (periods[p], &from, &to);
      rows = pd_hours_totals (database (self), self->volunteer_id, periods[p], from, to, &error);
      if (rows == NULL)
        {
          _pd_volunteers_page_toast (self, error->message);
          continue;
        }
      for (guint i = 0; i < rows->len; i++)
        {
          const PdHoursTotal *total = g_ptr_array_index (rows, i);
          guint sum = GPOINTER_TO_UINT (g_hash_table_lookup (sums[p], total->activity));

          g_hash_table_insert (sums[p], g_strdup (total->activity),
                               GUINT_TO_POINTER (sum + total->quarter_hours));
          totals[p] += total->quarter_hours;
          if (periods[p] == PD_HOURS_BY_YEAR &&
              !g_ptr_array_find_with_equal_func (activities, total->activity, g_str_equal, NULL))
            g_ptr_array_add (activities, g_strdup (total->activity));
        }
    }

  /* Without hours this year, the latest entries (or their placeholder)
   * say enough. */
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->totals_grid)),
                          totals[G_N_ELEMENTS (periods) - 1] > 0);
  if (totals[G_N_ELEMENTS (periods) - 1] == 0)
    goto out;

  gtk_grid_attach (self->totals_grid, grid_label (_("Activity"), FALSE, TRUE), 0, 0, 1, 1);
  for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
    gtk_grid_attach (self->totals_grid, grid_label (headings[p], TRUE, TRUE), (int) p + 1, 0, 1,
                     1);

  g_ptr_array_sort (activities, compare_strings);
  for (guint i = 0; i <= activities->len; i++, line++)
    {
      gboolean sum_line = i == activities->len;
      const char *activity = sum_line ? _("Total") : g_ptr_array_index (activities, i);

      gtk_grid_attach (self->totals_grid, grid_label (activity, FALSE, sum_line), 0, line, 1, 1);
      for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
        {
          guint quarters = sum_line ? totals[p]
                                    : GPOINTER_TO_UINT (g_hash_table_lookup (sums[p], activity));
          g_autofree char *text = dup_hours_text (quarters);
          g_autofree char *accessible = g_strdup_printf ("%s, %s: %s", activity, headings[p],
                                                         text);
          GtkWidget *label = grid_label (text, TRUE, sum_line);

          gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          accessible, -1);
          gtk_grid_attach (self->totals_grid, label, (int) p + 1, line, 1, 1);
        }
    }

out:
  for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
    g_clear_pointer (&sums[p], g_hash_table_unref);
}

static void
refresh_hours (PdVolunteersPage *self)
{
  g_autoptr(GPtrArray) hours = NULL;
  g_autoptr(GError) error = NULL;

  refresh_totals (self);

  _pd_volunteers_page_remove_all_children (GTK_WIDGET (self->hours_list));
  hours = pd_hours_list (database (self), self->volunteer_id, 0, PD_VOLUNTEERS_LATEST, &error);
  if (hours == NULL)
    _pd_volunteers_page_toast (self, error->message);
  for (guint i = 0; hours != NULL && i < hours->len; i++)
    {
      const PdHours *entry = g_ptr_array_index (hours, i);
      g_autofree char *amount = dup_hours_text (entry->quarter_hours);
      g_autofree char *date = pd_date_format (entry->date);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      /* Translators: the date of a shift, then what was done */
      title = g_strdup_printf (_("%s · %s"), date, entry->activity);
      if (!pd_text_is_blank (entry->approved_by))
        /* Translators: a number of hours, then who approved them */
        subtitle = g_strdup_printf (_("%s, approved by %s"), amount, entry->approved_by);
      else if (entry->session_id > 0)
        /* Translators: a number of hours facilitating a group session */
        subtitle = g_strdup_printf (_("%s, facilitating a session"), amount);
      else
        subtitle = g_strdup (amount);
      gtk_list_box_append (self->hours_list, create_info_row (title, subtitle));
    }
}

static void
refresh_supervision (PdVolunteersPage *self)
{
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GError) error = NULL;

  _pd_volunteers_page_remove_all_children (GTK_WIDGET (self->supervision_list));
  sessions = pd_supervision_list (database (self), self->volunteer_id, 0, PD_VOLUNTEERS_LATEST,
                                  &error);
  if (sessions == NULL)
    _pd_volunteers_page_toast (self, error->message);
  for (guint i = 0; sessions != NULL && i < sessions->len; i++)
    {
      const PdSupervision *session = g_ptr_array_index (sessions, i);
      g_autofree char *date = pd_date_format (session->date);
      g_autofree char *title = g_strdup_printf (_("%s · %s"), date, session->supervisor);
      g_autofree char *minutes = pd_text_format_count (session->minutes);
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (g_strcmp0 (session->kind, "group") == 0)
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s minute, in a group",
                                                 "%s minutes, in a group", session->minutes),
                                    minutes);
      else
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s minute, one to one",
                                                 "%s minutes, one to one", session->minutes),
                                    minutes);

      /* The notes are confidential: shown only when the row is opened. */
      if (!pd_text_is_blank (session->notes))
        {
          GtkWidget *notes = gtk_label_new (session->notes);

          row = adw_expander_row_new ();
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
          gtk_label_set_wrap (GTK_LABEL (notes), TRUE);
          gtk_label_set_xalign (GTK_LABEL (notes), 0);
          gtk_label_set_selectable (GTK_LABEL (notes), TRUE);
          gtk_widget_set_margin_start (notes, 12);
          gtk_widget_set_margin_end (notes, 12);
          gtk_widget_set_margin_top (notes, 12);
          gtk_widget_set_margin_bottom (notes, 12);
          gtk_accessible_update_property (GTK_ACCESSIBLE (notes), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Confidential notes"), -1);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), notes);
        }
      else
        row = create_info_row (title, subtitle);
      gtk_list_box_append (self->supervision_list, row);
    }
}

static void
refresh_training (PdVolunteersPage *self)
{
  g_autoptr(GPtrArray) completions = NULL;
  g_autoptr(GError) error = NULL;

  _pd_volunteers_page_remove_all_children (GTK_WIDGET (self->training_list));
  completions = pd_completions_list (database (self), self->volunteer_id, &error);
  if (completions == NULL)
    _pd_volunteers_page_toast (self, error->message);
  for (guint i = 0; completions != NULL && i < completions->len; i++)
    {
      const PdCompletion *completion = g_ptr_array_index (completions, i);
      g_autofree char *amount = dup_hours_text (completion->quarter_hours);
      g_autofree char *date = pd_date_format (completion->date);
      g_autofree char *subtitle = NULL;

      if (pd_text_is_blank (completion->certificate))
        /* Translators: the date of a training, then its hours */
        subtitle = g_strdup_printf (_("%s · %s"), date, amount);
      else
        /* Translators: the date of a training, its hours, then its certificate */
        subtitle = g_strdup_printf (_("%s · %s · certificate %s"), date, amount,
                                    completion->certificate);
      gtk_list_box_append (self->training_list,
                           create_info_row (completion->course_title, subtitle));
    }
}

void
_pd_volunteers_page_load_templates (PdVolunteersPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->templates != NULL)
    return;
  self->templates = pd_credential_templates_load_all (pd_credential_templates_dir (), &error);
  if (self->templates == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not read the credential templates: "
                                                    "%s"),
                                                  error->message);

      _pd_volunteers_page_toast (self, message);
      self->templates = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                        pd_credential_template_free);
    }
}

static const PdCredentialTemplate *
find_template (PdVolunteersPage *self,
               const char       *code)
{
  for (guint i = 0; self->templates != NULL && i < self->templates->len; i++)
    {
      const PdCredentialTemplate *template = g_ptr_array_index (self->templates, i);

      if (g_strcmp0 (template->code, code) == 0)
        return template;
    }
  return NULL;
}

static char *
dup_credential_summary (const PdCredential *credential)
{
  g_autofree char *issued = pd_date_format (credential->issued_date);
  g_autofree char *expires = pd_date_format (credential->expiry_date);
  GString *text = g_string_new (NULL);

  if (!pd_text_is_blank (credential->issuing_body))
    g_string_append (text, credential->issuing_body);
  if (!pd_text_is_blank (credential->number))
    {
      if (text->len)
        g_string_append (text, " · ");
      /* Translators: a credential's number */
      g_string_append_printf (text, _("No. %s"), credential->number);
    }
  if (text->len)
    g_string_append (text, " · ");
  if (pd_text_is_blank (credential->issued_date))
    g_string_append (text, _("Working toward it"));
  else if (pd_text_is_blank (credential->expiry_date))
    /* Translators: the date a credential was issued */
    g_string_append_printf (text, _("Issued %s"), issued);
  else if (pd_credential_status (credential, NULL, 0) == PD_CREDENTIAL_EXPIRED)
    /* Translators: the dates a credential was issued and expired */
    g_string_append_printf (text, _("Issued %s, expired %s"), issued, expires);
  else
    /* Translators: the dates a credential was issued and expires */
    g_string_append_printf (text, _("Issued %s, expires %s"), issued, expires);
  return g_string_free (text, FALSE);
}

/* One requirement: "Ethics 12 of 16 h" over its bar. */
static GtkWidget *
create_progress_item (const PdProgressItem *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label;
  GtkWidget *bar = gtk_progress_bar_new ();
  g_autofree char *earned = _pd_volunteers_page_dup_hours_number (item->earned_quarters);
  g_autofree char *needed = _pd_volunteers_page_dup_hours_number (item->needed_quarters);
  g_autofree char *name = g_strconcat ("progress:", item->requirement, NULL);
  const char *what = !pd_text_is_blank (item->label) ? item->label : item->requirement;
  g_autofree char *text = NULL;
  double fraction;

  /* Translators: a requirement of a credential, the hours earned, the hours needed */
  text = g_strdup_printf (_("%s %s of %s h"), what, earned, needed);
  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption");

  fraction = item->needed_quarters == 0 ? 1.0
                                        : (double) item->earned_quarters / item->needed_quarters;
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), CLAMP (fraction, 0.0, 1.0));
  gtk_widget_set_name (bar, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), bar);
  return box;
}

guint
_pd_volunteers_page_window_days (PdVolunteersPage *self)
{
  return pd_report_settings_get_renewal_window (database (self));
}

/* "Expired", in the error style, beside the credential's name: the word
 * says it, not the colour alone. */
static GtkWidget *
create_status_label (PdCredentialStatus status)
{
  GtkWidget *label;

  switch (status)
    {
    case PD_CREDENTIAL_EXPIRED:
      label = gtk_label_new (_("Expired"));
      gtk_widget_add_css_class (label, "error");
      break;
    case PD_CREDENTIAL_EXPIRING:
      label = gtk_label_new (_("Expiring"));
      gtk_widget_add_css_class (label, "warning");
      break;
    case PD_CREDENTIAL_HELD:
      label = gtk_label_new (_("Held"));
      gtk_widget_add_css_class (label, "success");
      break;
    case PD_CREDENTIAL_WORKING_TOWARD:
    default:
      return NULL;
    }
  gtk_widget_set_name (label, "status");
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  return label;
}

static GtkWidget *
create_credential_card (PdVolunteersPage   *self,
                        const PdCredential *credential,
                        PdCredentialStatus  status)
{
  const PdCredentialTemplate *template = find_template (self, credential->template);
  GtkWidget *list = gtk_list_box_new ();
  g_autofree char *summary = dup_credential_summary (credential);
  g_autoptr(PdProgress) progress = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = pd_date_today ();
  GtkWidget *progress_row;
  GtkWidget *box;
  GtkWidget *cycle;
  GtkWidget *missing;

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  credential->name, -1);
  {
    GtkWidget *row = create_info_row (credential->name, summary);
    GtkWidget *label = create_status_label (status);

    if (label != NULL)
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    gtk_list_box_append (GTK_LIST_BOX (list), row);
  }

  if (template == NULL)
    return list;

  progress = pd_credential_progress (database (self), credential, template, today, &error);
  if (progress == NULL)
    {
      gtk_list_box_append (GTK_LIST_BOX (list),
                           create_info_row (_("Progress could not be worked out"),
                                            error->message));
      return list;
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);

  {
    g_autofree char *text = NULL;

    g_autofree char *from = pd_date_format (progress->from);
    g_autofree char *to = pd_date_format (progress->to);

    if (progress->renewal)
      /* Translators: the first and last days of a credential's renewal cycle */
      text = g_strdup_printf (_("Renewal, counting from %s to %s"), from, to);
    else
      text = g_strdup (_("Toward the first award"));
    cycle = gtk_label_new (text);
    gtk_label_set_xalign (GTK_LABEL (cycle), 0);
    gtk_label_set_wrap (GTK_LABEL (cycle), TRUE);
    gtk_widget_add_css_class (cycle, "heading");
    gtk_box_append (GTK_BOX (box), cycle);
  }

  for (guint i = 0; progress->items != NULL && i < progress->items->len; i++)
    gtk_box_append (GTK_BOX (box), create_progress_item (g_ptr_array_index (progress->items, i)));

  if (status == PD_CREDENTIAL_EXPIRED)
    {
      /* Hours earned in a cycle that is over do not keep it: it has to be
       * renewed, whatever the bars say. */
      g_autofree char *expired = pd_date_format (credential->expiry_date);
      g_autofree char *text = g_strdup_printf (_("Expired on %s: not held until renewed"),
                                               expired);

      missing = gtk_label_new (text);
      gtk_widget_add_css_class (missing, "error");
    }
  else
    {
      missing = gtk_label_new (progress->missing ? progress->missing
                                                 : _("All requirements met"));
      gtk_widget_add_css_class (missing, progress->missing ? "warning" : "success");
    }
  gtk_widget_set_name (missing, "missing");
  gtk_label_set_xalign (GTK_LABEL (missing), 0);
  gtk_label_set_wrap (GTK_LABEL (missing), TRUE);
  gtk_box_append (GTK_BOX (box), missing);

  progress_row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (progress_row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (progress_row), box);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (progress_row),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, cycle, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, missing, NULL, -1);
  gtk_list_box_append (GTK_LIST_BOX (list), progress_row);
  return list;
}

static void
refresh_credentials (PdVolunteersPage *self)
{
  g_autoptr(GPtrArray) credentials = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = pd_date_today ();

  _pd_volunteers_page_remove_all_children (GTK_WIDGET (self->credentials_box));
  _pd_volunteers_page_load_templates (self);
  credentials = pd_credentials_list (database (self), self->volunteer_id, &error);
  if (credentials == NULL)
    _pd_volunteers_page_toast (self, error->message);
  /* The most urgent first: expired, expiring, held, then those being
   * worked toward; by name within each, as they were read. */
  for (int rank = 0; credentials != NULL && rank < 4; rank++)
    for (guint i = 0; i < credentials->len; i++)
      {
        static const PdCredentialStatus order[] = { PD_CREDENTIAL_EXPIRED,
                                                    PD_CREDENTIAL_EXPIRING, PD_CREDENTIAL_HELD,
                                                    PD_CREDENTIAL_WORKING_TOWARD };
        const PdCredential *credential = g_ptr_array_index (credentials, i);
        PdCredentialStatus status = pd_credential_status (credential, today,
                                                          _pd_volunteers_page_window_days (self));

        if (status == order[rank])
          gtk_box_append (self->credentials_box,
                          create_credential_card (self, credential, status));
      }
  if (credentials == NULL || credentials->len == 0)
    {
      GtkWidget *label = gtk_label_new (_("No credentials yet"));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (self->credentials_box, label);
    }
}

void
_pd_volunteers_page_refresh_volunteer (PdVolunteersPage *self)
{
  g_autoptr(PdVolunteer) volunteer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *roles = NULL;
  g_autofree char *member = NULL;
  g_autofree char *start_date = NULL;
  g_autofree char *check_date = NULL;

  if (self->volunteer_id == 0)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "none");
      _pd_volunteers_page_update_header (self, NULL);
      return;
    }

  volunteer = pd_volunteers_get (database (self), self->volunteer_id, &error);
  if (volunteer == NULL)
    {
      _pd_volunteers_page_toast (self, error->message);
      self->volunteer_id = 0;
      gtk_stack_set_visible_child_name (self->content_stack, "none");
      _pd_volunteers_page_update_header (self, NULL);
      return;
    }

  self->member_id = volunteer->member_id;
  if (volunteer->member_id > 0)
    {
      g_autoptr(GError) member_error = NULL;
      g_autoptr(PdMember) linked = pd_members_get (database (self), volunteer->member_id,
                                                   &member_error);

      if (linked == NULL)
        g_warning ("Could not read the member record of a volunteer: %s",
                   member_error->message);
      else
        {
          g_autofree char *name = pd_member_dup_display_name (linked);

          /* Translators: a member's name, then their member number */
          member = g_strdup_printf (_("%s (no. %s)"), name,
                                    pd_member_get (linked, PD_MEMBER_FIELD_NUMBER));
        }
    }
  roles = dup_role_names (self, volunteer->role_ids);

  set_detail (self->status_row, _pd_volunteers_page_status_label (volunteer->status));
  set_detail (self->roles_row, roles[0] ? roles : _("None yet"));
  set_detail (self->member_row, member);
  set_detail (self->phone_row, volunteer->phone);
  set_detail (self->email_row, volunteer->email);
  start_date = pd_date_format (volunteer->start_date);
  check_date = pd_date_format (volunteer->background_check_date);
  set_detail (self->start_row, start_date);
  set_detail (self->check_row, pd_text_is_blank (volunteer->background_check_date)
                                 ? _("Not recorded")
                                 : check_date);
  set_detail (self->notes_row, volunteer->notes);

  refresh_hours (self);
  refresh_supervision (self);
  refresh_training (self);
  refresh_credentials (self);

  gtk_stack_set_visible_child_name (self->content_stack, "volunteer");
  _pd_volunteers_page_update_header (self, volunteer);
}
