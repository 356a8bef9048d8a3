/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "pd-audit.h"
#include "pd-error.h"
#include "pd-member.h"
#include "pd-print-documents.h"
#include "pd-staff.h"
#include "pd-text.h"
#include "pd-training.h"
#include "pd-volunteers.h"

/* A volunteer's training and hours record, as a certification board such
 * as IC&RC asks an applicant to document them: for each credential, its
 * requirements and what the records give against each; then the evidence
 * (courses with dates, hours, domains and certificates; practice hours;
 * supervision), the totals, and lines for the supervisor to sign. */

/* Where a blank is left to be written on by hand. */
#define WRITE_IN "____________________________________"

static char *
dup_hours (guint quarter_hours)
{
  g_autofree char *plain = pd_hours_format (quarter_hours);
  g_autofree char *number = pd_text_format_number (plain);

  /* Translators: a number of hours */
  return g_strdup_printf (_("%s h"), number);
}

/* What the record reads once, up front, so that it is not read again for
 * each row. */
typedef struct
{
  PdVolunteer *volunteer;
  GPtrArray   *credentials;     /* PdCredential, those printed */
  GPtrArray   *templates;       /* PdCredentialTemplate */
  GPtrArray   *completions;     /* PdCompletion, oldest first */
  GHashTable  *courses;         /* gint64 id → PdCourse, borrowed from course_list */
  GPtrArray   *course_list;
  GHashTable  *domain_labels;   /* code → label, borrowed from domain_list */
  GPtrArray   *domain_list;
  GPtrArray   *hours;           /* PdHoursTotal by year */
  GPtrArray   *supervision;     /* PdSupervision, oldest first */
  char        *today;
} Record;

static void
record_clear (Record *record)
{
  g_clear_pointer (&record->volunteer, pd_volunteer_free);
  g_clear_pointer (&record->credentials, g_ptr_array_unref);
  g_clear_pointer (&record->templates, g_ptr_array_unref);
  g_clear_pointer (&record->completions, g_ptr_array_unref);
  g_clear_pointer (&record->courses, g_hash_table_unref);
  g_clear_pointer (&record->course_list, g_ptr_array_unref);
  g_clear_pointer (&record->domain_labels, g_hash_table_unref);
  g_clear_pointer (&record->domain_list, g_ptr_array_unref);
  g_clear_pointer (&record->hours, g_ptr_array_unref);
  g_clear_pointer (&record->supervision, g_ptr_array_unref);
  g_clear_pointer (&record->today, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Record, record_clear)

static void
reverse (GPtrArray *array)
{
  for (guint i = 0, j = array->len; i + 1 < j; i++, j--)
    {
      gpointer first = array->pdata[i];

      array->pdata[i] = array->pdata[j - 1];
      array->pdata[j - 1] = first;
    }
}

/* The credentials to print: the one asked for, which must be the
 * volunteer's, or every one the volunteer is earning or keeping. */
static GPtrArray *
read_credentials (PdDatabase  *db,
                  gint64       volunteer_id,
                  gint64       credential_id,
                  const char  *today,
                  GError     **error)
{
  g_autoptr(GPtrArray) credentials = NULL;
  g_autoptr(PdCredential) credential = NULL;

  if (credential_id == 0)
    {
      credentials = pd_credentials_list (db, volunteer_id, error);
      if (credentials == NULL)
        return NULL;
      /* An expired credential is no longer being worked towards: it
       * shows on a record only when it is asked for. */
      for (guint i = credentials->len; i-- > 0;)
        if (pd_credential_status (g_ptr_array_index (credentials, i), today, 0) ==
            PD_CREDENTIAL_EXPIRED)
          g_ptr_array_remove_index (credentials, i);
      return g_steal_pointer (&credentials);
    }

  credential = pd_credentials_get (db, credential_id, error);
  if (credential == NULL)
    return NULL;
  if (credential->volunteer_id != volunteer_id)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("Credential #%" PRId64 " is not one of volunteer #%" PRId64 "’s"),
                   credential_id, volunteer_id);
      return NULL;
    }
  credentials = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_credential_free);
  g_ptr_array_add (credentials, g_steal_pointer (&credential));
  return g_steal_pointer (&credentials);
}

static gboolean
record_read (Record      *record,
             PdDatabase  *db,
             gint64       volunteer_id,
             gint64       credential_id,
             GError     **error)
{
  record->today = pd_date_today ();
  record->volunteer = pd_volunteers_get (db, volunteer_id, error);
  if (record->volunteer == NULL)
    return FALSE;
  record->credentials = read_credentials (db, volunteer_id, credential_id, record->today,
                                          error);
  if (record->credentials == NULL)
    return FALSE;
  record->templates = pd_credential_templates_load_all (pd_credential_templates_dir (), error);
  if (record->templates == NULL)
    return FALSE;

  record->completions = pd_completions_list (db, volunteer_id, error);
  if (record->completions == NULL)
    return FALSE;
  reverse (record->completions);
  record->course_list = pd_courses_list (db, error);
  if (record->course_list == NULL)
    return FALSE;
  record->courses = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < record->course_list->len; i++)
    {
      PdCourse *course = g_ptr_array_index (record->course_list, i);

      g_hash_table_insert (record->courses, &course->id, course);
    }
  record->domain_list = pd_domains_list (db, error);
  if (record->domain_list == NULL)
    return FALSE;
  record->domain_labels = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < record->domain_list->len; i++)
    {
      PdDomain *domain = g_ptr_array_index (record->domain_list, i);

      g_hash_table_insert (record->domain_labels, domain->code, domain->label);
    }

  record->hours = pd_hours_totals (db, volunteer_id, PD_HOURS_BY_YEAR, NULL, NULL, error);
  if (record->hours == NULL)
    return FALSE;
  record->supervision = pd_supervision_list (db, volunteer_id, 0, 0, error);
  if (record->supervision == NULL)
    return FALSE;
  reverse (record->supervision);
  return TRUE;
}

static char *
dup_domains (const Record *record,
             const PdCourse *course)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; course != NULL && course->domains != NULL && course->domains[i]; i++)
    {
      const char *label = g_hash_table_lookup (record->domain_labels, course->domains[i]);

      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, label ? label : course->domains[i]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
dup_credential_status (const PdCredential *credential,
                       const char         *today)
{
  g_autofree char *issued = pd_date_format (credential->issued_date);
  g_autofree char *expires = pd_date_format (credential->expiry_date);

  if (pd_text_is_blank (credential->issued_date))
    return g_strdup (_("Working towards it"));
  if (pd_text_is_blank (credential->expiry_date))
    /* Translators: the date a credential was issued */
    return g_strdup_printf (_("Issued %s"), issued);
  if (pd_credential_status (credential, today, 0) == PD_CREDENTIAL_EXPIRED)
    /* Translators: the dates a credential was issued and expired */
    return g_strdup_printf (_("Issued %s, expired %s"), issued, expires);
  /* Translators: the dates a credential was issued and expires */
  return g_strdup_printf (_("Issued %s, expires %s"), issued, expires);
}

static void
translate_columns (PdPrintColumn       *translated,
                   const PdPrintColumn *columns,
                   guint                n_columns)
{
  for (guint i = 0; i < n_columns; i++)
    {
      translated[i] = columns[i];
      translated[i].title = _(columns[i].title);
    }
}

static void
add_progress_row (PdPrintDoc           *doc,
                  const char           *what,
                  const PdProgressItem *item)
{
  g_autofree char *needed = dup_hours (item->needed_quarters);
  g_autofree char *earned = dup_hours (item->earned_quarters);
  g_autofree char *missing = item->earned_quarters >= item->needed_quarters
                               ? g_strdup (_("Met"))
                               : dup_hours (item->needed_quarters - item->earned_quarters);
  const char *cells[] = { what, needed, earned, missing };

  pd_print_doc_add_row (doc, cells);
}

/* The requirements of @credential's template, each with the hours the
 * records give against it, as pd_credential_progress() counts them. */
static gboolean
add_requirements (PdPrintDoc         *doc,
                  PdDatabase         *db,
                  const Record       *record,
                  const PdCredential *credential,
                  GError            **error)
{
  static const PdPrintColumn columns[] = {
    { N_("Requirement"), 4, FALSE, FALSE },
    { N_("Required"), 1.5, TRUE, FALSE },
    { N_("Earned"), 1.5, TRUE, FALSE },
    { N_("Still needed"), 1.5, TRUE, FALSE },
  };
  const PdCredentialTemplate *template =
    pd_credential_templates_find (record->templates, credential->template);
  PdPrintColumn translated[G_N_ELEMENTS (columns)];
  g_autoptr(PdProgress) progress = NULL;
  g_autofree char *counted = NULL;

  if (template == NULL)
    {
      pd_print_doc_add_paragraph (doc, _("No requirements are on file for this credential; "
                                         "the courses and hours below are its evidence."));
      return TRUE;
    }
  progress = pd_credential_progress (db, credential, template, record->today, error);
  if (progress == NULL)
    return FALSE;

  if (progress->renewal)
    {
      g_autofree char *from = pd_date_format (progress->from);
      g_autofree char *to = pd_date_format (progress->to);

      /* Translators: the first and last days of a credential's renewal cycle */
      counted = g_strdup_printf (_("Renewal: hours from %s to %s"), from, to);
    }
  else
    {
      g_autofree char *to = pd_date_format (progress->to);

      /* Translators: a date */
      counted = g_strdup_printf (_("First award: all hours up to %s"), to);
    }
  pd_print_doc_add_field (doc, _("Hours counted"), counted);

  translate_columns (translated, columns, G_N_ELEMENTS (columns));
  pd_print_doc_begin_table (doc, translated, G_N_ELEMENTS (translated));
  /* Each domain, then what they add up to, then the hours of practice and
   * supervision. */
  for (guint i = 0; i < progress->items->len; i++)
    {
      const PdProgressItem *item = g_ptr_array_index (progress->items, i);
      const char *what = !pd_text_is_blank (item->label) ? item->label : item->requirement;

      if (!g_str_equal (item->requirement, "total") &&
          !g_str_equal (item->requirement, "practice") &&
          !g_str_equal (item->requirement, "supervised"))
        {
          /* Translators: training hours in a domain, as "Training: Ethics" */
          g_autofree char *label = g_strdup_printf (_("Training: %s"), what);

          add_progress_row (doc, label, item);
        }
    }
  for (guint i = 0; i < progress->items->len; i++)
    {
      const PdProgressItem *item = g_ptr_array_index (progress->items, i);

      if (g_str_equal (item->requirement, "total"))
        add_progress_row (doc, _("Training hours in all"), item);
      else if (g_str_equal (item->requirement, "practice"))
        add_progress_row (doc, _("Practice hours (as a volunteer)"), item);
      else if (g_str_equal (item->requirement, "supervised"))
        add_progress_row (doc, _("Supervised hours"), item);
    }

  if (pd_credential_status (credential, record->today, 0) == PD_CREDENTIAL_EXPIRED)
    {
      g_autofree char *expired = pd_date_format (credential->expiry_date);
      g_autofree char *text = g_strdup_printf (_("Expired on %s: not held until renewed."),
                                               expired);

      pd_print_doc_add_paragraph (doc, text);
    }
  else if (progress->missing != NULL)
    {
      /* Translators: what a credential still needs, as "4 more ethics hours by 2027-03-31" */
      g_autofree char *text = g_strdup_printf (_("Still needed: %s."), progress->missing);

      pd_print_doc_add_paragraph (doc, text);
    }
  else
    pd_print_doc_add_paragraph (doc, _("All requirements are met."));
  return TRUE;
}

static gboolean
add_credentials (PdPrintDoc    *doc,
                 PdDatabase    *db,
                 const Record  *record,
                 GError       **error)
{
  if (record->credentials->len == 0)
    {
      pd_print_doc_add_heading (doc, _("Credentials"));
      pd_print_doc_add_paragraph (doc, _("No credential is recorded as being worked towards: "
                                         "the courses and hours below are the whole record."));
      return TRUE;
    }

  for (guint i = 0; i < record->credentials->len; i++)
    {
      const PdCredential *credential = g_ptr_array_index (record->credentials, i);
      g_autofree char *status = dup_credential_status (credential, record->today);

      pd_print_doc_add_heading (doc, credential->name);
      if (!pd_text_is_blank (credential->issuing_body))
        pd_print_doc_add_field (doc, _("Issuing body"), credential->issuing_body);
      if (!pd_text_is_blank (credential->number))
        pd_print_doc_add_field (doc, _("Credential number"), credential->number);
      pd_print_doc_add_field (doc, _("Status"), status);
      if (!add_requirements (doc, db, record, credential, error))
        return FALSE;
    }
  return TRUE;
}

static guint
add_courses (PdPrintDoc   *doc,
             const Record *record)
{
  static const PdPrintColumn columns[] = {
    { N_("Date"), 1.9, FALSE, FALSE },
    { N_("Course"), 3, FALSE, FALSE },
    { N_("Provider"), 2.2, FALSE, FALSE },
    { N_("Domains"), 2.4, FALSE, FALSE },
    { N_("Delivery"), 1.6, FALSE, FALSE },
    { N_("Hours"), 1.1, TRUE, FALSE },
    { N_("Certificate"), 2.2, FALSE, FALSE },
  };
  PdPrintColumn translated[G_N_ELEMENTS (columns)];
  guint total = 0;

  pd_print_doc_add_heading (doc, _("Courses Completed"));
  if (record->completions->len == 0)
    {
      pd_print_doc_add_paragraph (doc, _("No training is recorded yet."));
      return 0;
    }
  translate_columns (translated, columns, G_N_ELEMENTS (columns));
  pd_print_doc_begin_table (doc, translated, G_N_ELEMENTS (translated));
  for (guint i = 0; i < record->completions->len; i++)
    {
      const PdCompletion *completion = g_ptr_array_index (record->completions, i);
      const PdCourse *course = g_hash_table_lookup (record->courses, &completion->course_id);
      g_autofree char *domains = dup_domains (record, course);
      g_autofree char *hours = NULL;
      g_autofree char *plain = pd_hours_format (completion->quarter_hours);
      const char *delivery = NULL;

      hours = pd_text_format_number (plain);
      if (course != NULL)
        delivery = g_strcmp0 (course->delivery, "online") == 0 ? _("Online") : _("In person");
      {
        const char *cells[] = { completion->date, completion->course_title,
                                course ? course->provider : NULL, domains, delivery, hours,
                                completion->certificate };

        pd_print_doc_add_row (doc, cells);
      }
      total += completion->quarter_hours;
    }
  {
    g_autofree char *plain = pd_hours_format (total);
    g_autofree char *hours = pd_text_format_number (plain);
    const char *cells[] = { NULL, _("Total"), NULL, NULL, NULL, hours, NULL };

    pd_print_doc_add_row (doc, cells);
  }
  return total;
}

static guint
add_practice (PdPrintDoc   *doc,
              const Record *record)
{
  static const PdPrintColumn columns[] = {
    { N_("Year"), 1, FALSE, FALSE },
    { N_("Activity"), 5, FALSE, FALSE },
    { N_("Hours"), 1.2, TRUE, FALSE },
  };
  PdPrintColumn translated[G_N_ELEMENTS (columns)];
  guint total = 0;

  pd_print_doc_add_heading (doc, _("Practice Hours"));
  if (record->hours->len == 0)
    {
      pd_print_doc_add_paragraph (doc, _("No hours are logged yet."));
      return 0;
    }
  translate_columns (translated, columns, G_N_ELEMENTS (columns));
  pd_print_doc_begin_table (doc, translated, G_N_ELEMENTS (translated));
  for (guint i = 0; i < record->hours->len; i++)
    {
      const PdHoursTotal *line = g_ptr_array_index (record->hours, i);
      g_autofree char *plain = pd_hours_format (line->quarter_hours);
      g_autofree char *hours = pd_text_format_number (plain);
      const char *cells[] = { line->period, line->activity, hours };

      pd_print_doc_add_row (doc, cells);
      total += line->quarter_hours;
    }
  {
    g_autofree char *plain = pd_hours_format (total);
    g_autofree char *hours = pd_text_format_number (plain);
    const char *cells[] = { NULL, _("Total"), hours };

    pd_print_doc_add_row (doc, cells);
  }
  return total;
}

/* Supervision as its minutes; its total, as credentials count it, in
 * quarter hours rounded down. Its notes are confidential and stay out. */
static guint
add_supervision (PdPrintDoc   *doc,
                 const Record *record)
{
  static const PdPrintColumn columns[] = {
    { N_("Date"), 1.9, FALSE, FALSE },
    { N_("Supervisor"), 3.5, FALSE, FALSE },
    { N_("Kind"), 1.5, FALSE, FALSE },
    { N_("Minutes"), 1.2, TRUE, FALSE },
  };
  PdPrintColumn translated[G_N_ELEMENTS (columns)];
  guint64 minutes = 0;

  pd_print_doc_add_heading (doc, _("Supervision"));
  if (record->supervision->len == 0)
    {
      pd_print_doc_add_paragraph (doc, _("No supervision is recorded yet."));
      return 0;
    }
  translate_columns (translated, columns, G_N_ELEMENTS (columns));
  pd_print_doc_begin_table (doc, translated, G_N_ELEMENTS (translated));
  for (guint i = 0; i < record->supervision->len; i++)
    {
      const PdSupervision *session = g_ptr_array_index (record->supervision, i);
      const char *kind = pd_code_label (pd_supervision_kinds (), session->kind);
      g_autofree char *count = pd_text_format_count (session->minutes);
      const char *cells[] = { session->date, session->supervisor, kind ? _(kind) : session->kind,
                              count };

      pd_print_doc_add_row (doc, cells);
      minutes += session->minutes;
    }
  {
    g_autofree char *count = pd_text_format_count ((gint64) minutes);
    const char *cells[] = { NULL, _("Total"), NULL, count };

    pd_print_doc_add_row (doc, cells);
  }
  return (guint) MIN (minutes / 15, G_MAXUINT);
}

static void
add_signature (PdPrintDoc        *doc,
               const PdVolunteer *volunteer)
{
  static const char *const lines[] = {
    N_("Supervisor or director:"), N_("Title and credentials:"), N_("Signature:"), N_("Date:"),
  };
  g_autofree char *text = NULL;

  pd_print_doc_add_heading (doc, _("Verification"));
  text = g_strdup_printf (_("I confirm that %s completed the training, practice and supervised "
                            "hours recorded above, and that this record is accurate."),
                          volunteer->display_name);
  pd_print_doc_add_paragraph (doc, text);
  /* Lines to write on, each a paragraph apart so that a hand has room. */
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autofree char *line = g_strdup_printf ("%s %s", _(lines[i]), WRITE_IN);

      pd_print_doc_add_paragraph (doc, line);
    }
}

PdPrintDoc *
pd_print_training_record (PdDatabase  *db,
                          gint64       volunteer_id,
                          gint64       credential_id,
                          GError     **error)
{
  g_auto(Record) record = { NULL };
  g_autoptr(PdPrintDoc) doc = NULL;
  g_autofree char *title = NULL;
  g_autofree char *footer = NULL;
  g_autofree char *made = NULL;
  guint training, practice, supervised;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  if (!pd_database_require (db, PD_RIGHT_VOLUNTEERS, _("print training records"), error))
    return NULL;
  if (!record_read (&record, db, volunteer_id, credential_id, error))
    return NULL;

  /* Translators: the title of a printed record; %s is the volunteer's name */
  title = g_strdup_printf (_("Training and Hours Record: %s"), record.volunteer->display_name);
  doc = pd_print_doc_new (title);
  made = pd_date_format (record.today);
  /* Translators: at the foot of each page of a volunteer's training
   * record: their name, then the day it was printed */
  footer = g_strdup_printf (_("%s · training and hours record · made on %s"),
                            record.volunteer->display_name, made);
  pd_print_doc_set_footer (doc, footer);

  pd_print_doc_add_field (doc, _("Volunteer"), record.volunteer->display_name);
  if (!pd_text_is_blank (record.volunteer->start_date))
    {
      g_autofree char *start = pd_date_format (record.volunteer->start_date);

      pd_print_doc_add_field (doc, _("Volunteer since"), start);
    }
  pd_print_doc_add_field (doc, _("Made on"), made);

  if (!add_credentials (doc, db, &record, error))
    return NULL;
  training = add_courses (doc, &record);
  practice = add_practice (doc, &record);
  supervised = add_supervision (doc, &record);

  pd_print_doc_add_heading (doc, _("Totals"));
  {
    g_autofree char *courses = pd_text_format_count (record.completions->len);
    g_autofree char *training_hours = dup_hours (training);
    g_autofree char *practice_hours = dup_hours (practice);
    g_autofree char *supervised_hours = dup_hours (supervised);

    pd_print_doc_add_field (doc, _("Courses completed"), courses);
    pd_print_doc_add_field (doc, _("Training hours"), training_hours);
    pd_print_doc_add_field (doc, _("Practice hours"), practice_hours);
    pd_print_doc_add_field (doc, _("Supervised hours"), supervised_hours);
  }
  add_signature (doc, record.volunteer);

  /* A printed record leaves Peerdesk as an export does. */
  if (!pd_audit_add (db, PD_AUDIT_EXPORT, record.volunteer->member_id, "printed training record",
                     1, error))
    return NULL;
  return g_steal_pointer (&doc);
}
