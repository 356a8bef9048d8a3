/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "pd-audit.h"
#include "pd-error.h"
#include "pd-staff.h"
#include "pd-statement.h"
#include "pd-text.h"
#include "pd-training-private.h"
#include "pd-volunteers-private.h"

/* The training records: domains, courses, the courses volunteers
 * completed and the credentials they hold. Templates, progress and alerts
 * have files of their own. */

#define MAX_TITLE_LENGTH 200
#define MAX_DOMAIN_CODE_LENGTH 40

void
pd_domain_free (PdDomain *domain)
{
  if (domain == NULL)
    return;
  g_free (domain->code);
  g_free (domain->label);
  g_free (domain);
}

void
pd_course_free (PdCourse *course)
{
  if (course == NULL)
    return;
  g_free (course->title);
  g_free (course->provider);
  g_free (course->delivery);
  g_strfreev (course->domains);
  g_free (course);
}

void
pd_completion_free (PdCompletion *completion)
{
  if (completion == NULL)
    return;
  g_free (completion->course_title);
  g_free (completion->date);
  g_free (completion->certificate);
  g_free (completion);
}

void
pd_credential_free (PdCredential *credential)
{
  if (credential == NULL)
    return;
  g_free (credential->template);
  g_free (credential->name);
  g_free (credential->issuing_body);
  g_free (credential->number);
  g_free (credential->issued_date);
  g_free (credential->expiry_date);
  g_free (credential);
}

/* Helpers */

char *
pd_training_trimmed (const char *text)
{
  return g_strstrip (g_strdup (text ? text : ""));
}

/* Checks a date, "" meaning none when it is @optional. */
gboolean
pd_training_check_date (const char  *field,
                        const char  *value,
                        gboolean     optional,
                        GError     **error)
{
  GDate date;

  if (optional && *value == '\0')
    return TRUE;
  if (!pd_date_parse (value, &date))
    {
      g_autofree char *excerpt = pd_text_excerpt (value, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("%s: “%s” is not a date (YYYY-MM-DD)"),
                   field, excerpt);
      return FALSE;
    }
  return TRUE;
}

/* Domains */

static gboolean
is_domain_code (const char *code)
{
  gsize len = strlen (code);

  if (len == 0 || len > MAX_DOMAIN_CODE_LENGTH || !g_ascii_islower (code[0]))
    return FALSE;
  for (const char *p = code; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

static PdDomain *
read_domain (PdStatement *stmt)
{
  PdDomain *domain = g_new0 (PdDomain, 1);

  domain->id = pd_statement_get_int64 (stmt, 0);
  domain->code = pd_statement_dup_text (stmt, 1);
  domain->label = pd_statement_dup_text (stmt, 2);
  return domain;
}

GPtrArray *
pd_domains_list (PdDatabase  *db,
                 GError     **error)
{
  g_autoptr(PdStatement) stmt = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  if (!pd_database_require (db, PD_RIGHT_VOLUNTEERS, _("see training"), error))
    return NULL;

  stmt = pd_database_query (db,
                            "SELECT id, code, label FROM training_domains WHERE archived = 0"
                            " ORDER BY position, id",
                            error);
  if (stmt == NULL)
    return NULL;
  return pd_statement_collect (stmt, (PdRowFunc) read_domain, (GDestroyNotify) pd_domain_free,
                               error);
}

/* The id of the domain with @code that is not archived, 0 if there is
 * none, or -1 on an error. */
static gint64
find_domain (PdDatabase  *db,
             const char  *code,
             GError     **error)
{
  g_autoptr(PdStatement) stmt = NULL;
  gboolean found;

  stmt = pd_database_query (db,
                            "SELECT id FROM training_domains WHERE code = :code AND archived = 0",
                            error);
  if (stmt == NULL)
    return -1;
  pd_statement_bind_text (stmt, "code", code);
  if (!pd_statement_fetch (stmt, &found, error))
    return -1;
  return found ? pd_statement_get_int64 (stmt, 0) : 0;
}

gint64
pd_domains_add (PdDatabase  *db,
                const char  *code,
                const char  *label,
                GError     **error)
{
  g_autofree char *clean_code = pd_training_trimmed (code);
  g_autofree char *clean_label = pd_training_trimmed (label);
  g_autoptr(PdTransaction) transaction = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  gboolean found;
  gint64 id;

  g_return_val_if_fail (PD_IS_DATABASE (db), 0);

  if (!pd_database_require (db, PD_RIGHT_SETTINGS, _("change the lists of labels"), error))
    return 0;

  if (!is_domain_code (clean_code))
    {
      g_autofree char *excerpt = pd_text_excerpt (clean_code, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Code: “%s” is not a domain code (lower-case letters, digits and _, "
                     "starting with a letter, at most %d)"),
                   excerpt, MAX_DOMAIN_CODE_LENGTH);
      return 0;
    }
  if (!g_utf8_validate (clean_label, -1, NULL) || pd_text_is_blank (clean_label))
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                           _("Label: a training domain needs a label"));
      return 0;
    }

  transaction = pd_database_begin_transaction (db, error);
  if (transaction == NULL)
    return 0;

  stmt = pd_database_query (db, "SELECT 1 FROM training_domains WHERE code = :code", error);
  if (stmt == NULL)
    return 0;
  pd_statement_bind_text (stmt, "code", clean_code);
  if (!pd_statement_fetch (stmt, &found, error))
    return 0;
  if (found)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_DUPLICATE,
                   _("Code: there is already a training domain “%s”"), clean_code);
      return 0;
    }
  g_clear_pointer (&stmt, pd_statement_release);

  stmt = pd_database_query (db,
                            "INSERT INTO training_domains (code, label, position)"
                            " SELECT :code, :label, coalesce (max (position), 0) + 1"
                            " FROM training_domains",
                            error);
  if (stmt == NULL)
    return 0;
  pd_statement_bind_text (stmt, "code", clean_code);
  pd_statement_bind_text (stmt, "label", clean_label);
  if (!pd_statement_execute (stmt, error))
    return 0;
  id = pd_statement_get_inserted_id (stmt);

  if (!pd_audit_add (db, PD_AUDIT_SETTINGS_CHANGED, 0, "training_domains", -1, error) ||
      !pd_transaction_commit (transaction, error))
    return 0;
  pd_database_notify_changed (db, "training");
  return id;
}

/* Courses */

/* A course's domain codes in the domains' order. */
GStrv
pd_training_course_domains (PdDatabase  *db,
                            gint64       course_id,
                            GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(PdStatement) stmt = NULL;

  stmt = pd_database_query (db,
                            "SELECT d.code FROM course_domains AS cd"
                            " JOIN training_domains AS d ON d.id = cd.domain_id"
                            " WHERE cd.course_id = :course_id ORDER BY d.position, d.id",
                            error);
  if (stmt == NULL)
    return NULL;
  pd_statement_bind_int64 (stmt, "course_id", course_id);
  while (pd_statement_next (stmt))
    g_strv_builder_add (builder, pd_statement_get_text (stmt, 0));
  if (!pd_statement_finish (stmt, error))
    return NULL;
  return g_strv_builder_end (builder);
}

#define COURSE_COLUMNS "id, title, provider, quarter_hours, delivery, required_yearly"

static PdCourse *
read_course (PdStatement *stmt)
{
  PdCourse *course = g_new0 (PdCourse, 1);

  course->id = pd_statement_get_int64 (stmt, 0);
  course->title = pd_statement_dup_text (stmt, 1);
  course->provider = pd_statement_dup_text (stmt, 2);
  course->quarter_hours = pd_statement_get_int (stmt, 3);
  course->delivery = pd_statement_dup_text (stmt, 4);
  course->required_yearly = pd_statement_get_boolean (stmt, 5);
  return course;
}

/* The course whose title is @title in any case, 0 if none, -1 on an error.
 * The list of courses is short, so it is read whole: SQLite's NOCASE only
 * folds ASCII letters. */
static gint64
find_course_by_title (PdDatabase  *db,
                      const char  *title,
                      GError     **error)
{
  return pd_database_find_text (db, "SELECT id, title FROM courses", title, error);
}

gint64
pd_courses_insert (PdDatabase  *db,
                   PdCourse    *course,
                   GError     **error)
{
  g_autofree char *title = NULL;
  g_autofree char *provider = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GArray) domain_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(PdTransaction) transaction = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  g_autoptr(PdStatement) link = NULL;
  const char *delivery;
  gint64 id;

  g_return_val_if_fail (PD_IS_DATABASE (db), 0);
  g_return_val_if_fail (course != NULL, 0);

  if (!pd_database_require (db, PD_RIGHT_VOLUNTEERS, _("record training"), error))
    return 0;

  title = pd_training_trimmed (course->title);
  if (!g_utf8_validate (title, -1, NULL) || pd_text_is_blank (title))
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID, _("Title: a course needs a title"));
      return 0;
    }
  if (g_utf8_strlen (title, -1) > MAX_TITLE_LENGTH)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Title: a course’s title can have at most %d characters"), MAX_TITLE_LENGTH);
      return 0;
    }
  provider = pd_training_trimmed (course->provider);
  if (!g_utf8_validate (provider, -1, NULL))
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                           _("Provider: the text is not valid UTF-8"));
      return 0;
    }
  if (course->quarter_hours == 0)
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                           _("Hours: a course lasts more than 0 hours"));
      return 0;
    }
  delivery = course->delivery && *course->delivery ? course->delivery : "in_person";
  if (!g_str_equal (delivery, "in_person") && !g_str_equal (delivery, "online"))
    {
      g_autofree char *excerpt = pd_text_excerpt (delivery, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Delivery: “%s” is not a way of giving a course (in_person or online)"),
                   excerpt);
      return 0;
    }
  if (course->domains == NULL || course->domains[0] == NULL)
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                           _("Domains: a course needs at least one training domain"));
      return 0;
    }

  transaction = pd_database_begin_transaction (db, error);
  if (transaction == NULL)
    return 0;

  for (guint i = 0; course->domains[i] != NULL; i++)
    {
      gint64 domain_id = find_domain (db, course->domains[i], error);

      if (domain_id < 0)
        return 0;
      if (domain_id == 0)
        {
          g_autofree char *excerpt = pd_text_excerpt (course->domains[i], -1);

          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Domains: “%s” is not a training domain"), excerpt);
          return 0;
        }
      g_array_append_val (domain_ids, domain_id);
    }

  id = find_course_by_title (db, title, error);
  if (id < 0)
    return 0;
  if (id > 0)
    {
      g_autofree char *excerpt = pd_text_excerpt (title, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_DUPLICATE,
                   _("Title: there is already a course “%s”"), excerpt);
      return 0;
    }

  now = pd_timestamp_now ();
  stmt = pd_database_query (db,
                            "INSERT INTO courses (title, provider, quarter_hours, delivery,"
                            " required_yearly, created_at) VALUES (:title, :provider,"
                            " :quarter_hours, :delivery, :required_yearly, :now)",
                            error);
  if (stmt == NULL)
    return 0;
  pd_statement_bind_text (stmt, "title", title);
  pd_statement_bind_text (stmt, "provider", provider);
  pd_statement_bind_int (stmt, "quarter_hours", course->quarter_hours);
  pd_statement_bind_text (stmt, "delivery", delivery);
  pd_statement_bind_boolean (stmt, "required_yearly", course->required_yearly);
  pd_statement_bind_text (stmt, "now", now);
  if (!pd_statement_execute (stmt, error))
    return 0;
  id = pd_statement_get_inserted_id (stmt);

  /* A domain named twice is linked once. */
  link = pd_database_query (db,
                            "INSERT INTO course_domains (course_id, domain_id)"
                            " VALUES (:course_id, :domain_id)"
                            " ON CONFLICT (course_id, domain_id) DO NOTHING",
                            error);
  if (link == NULL)
    return 0;
  for (guint i = 0; i < domain_ids->len; i++)
    {
      pd_statement_bind_int64 (link, "course_id", id);
      pd_statement_bind_int64 (link, "domain_id", g_array_index (domain_ids, gint64, i));
      if (!pd_statement_execute (link, error))
        return 0;
    }

  if (!pd_transaction_commit (transaction, error))
    return 0;
  course->id = id;
  pd_database_notify_changed (db, "training");
  return id;
}

PdCourse *
pd_courses_get (PdDatabase  *db,
                gint64       id,
                GError     **error)
{
  g_autoptr(PdCourse) course = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  gboolean found;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  if (!pd_database_require (db, PD_RIGHT_VOLUNTEERS, _("see training"), error))
    return NULL;

  stmt = pd_database_query (db, "SELECT " COURSE_COLUMNS " FROM courses WHERE id = :id", error);
  if (stmt == NULL)
    return NULL;
  pd_statement_bind_int64 (stmt, "id", id);
  if (!pd_statement_fetch (stmt, &found, error))
    return NULL;
  if (!found)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("There is no course with id %" PRId64), id);
      return NULL;
    }
  course = read_course (stmt);
  g_clear_pointer (&stmt, pd_statement_release);

  course->domains = pd_training_course_domains (db, id, error);
  if (course->domains == NULL)
    return NULL;
  return g_steal_pointer (&course);
}

/* The id written in @text, "12" or "#12", or 0. */
static gint64
parse_id (const char *text)
{
  guint64 value;

  if (*text == '#')
    text++;
  if (*text == '\0' || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return 0;
  return (gint64) value;
}

PdCourse *
pd_courses_find (PdDatabase  *db,
                 const char  *title_or_id,
                 GError     **error)
{
  g_autofree char *text = NULL;
  gint64 id;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (title_or_id != NULL, NULL);

  if (!pd_database_require (db, PD_RIGHT_VOLUNTEERS, _("see training"), error))
    return NULL;

  text = pd_training_trimmed (title_or_id);
  if (*text == '\0')
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                           _("Course: give a course’s title or id"));
      return NULL;
    }

  id = parse_id (text);
  if (id > 0)
    {
      g_autoptr(GError) local_error = NULL;
      PdCourse *course = pd_courses_get (db, id, &local_error);

      if (course != NULL)
        return course;
      /* A course may be titled with a number. */
      if (!g_error_matches (local_error, PD_ERROR, PD_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  id = find_course_by_title (db, text, error);
  if (id < 0)
    return NULL;
  if (id == 0)
    {
      g_autofree char *excerpt = pd_text_excerpt (text, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND, _("There is no course “%s”"), excerpt);
      return NULL;
    }
  return pd_courses_get (db, id, error);
}

GPtrArray *
pd_courses_list (PdDatabase  *db,
                 GError     **error)
{
  g_autoptr(GPtrArray) courses = NULL;
  g_autoptr(PdStatement) stmt = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  if (!pd_database_require (db, PD_RIGHT_VOLUNTEERS, _("see training"), error))
    return NULL;

  /* lower() folds the ASCII letters alone on both engines (the columns
   * are binary-ordered on PostgreSQL too), as SQLite's NOCASE did. */
  stmt = pd_database_query (db,
                            "SELECT " COURSE_COLUMNS " FROM courses"
                            " ORDER BY lower (title), id",
                            error);
  if (stmt == NULL)
    return NULL;
  courses = pd_statement_collect (stmt, (PdRowFunc) read_course, (GDestroyNotify) pd_course_free,
                                  error);
  if (courses == NULL)
    return NULL;

  for (guint i = 0; i < courses->len; i++)
    {
      PdCourse *course = g_ptr_array_index (courses, i);

      course->domains = pd_training_course_domains (db, course->id, error);
      if (course->domains == NULL)
        return NULL;
    }
  return g_steal_pointer (&courses);
}

/* Completions */

gint64
pd_completions_add (PdDatabase  *db,
                    gint64       volunteer_id,
                    gint64       course_id,
                    const char  *date,
                    guint        quarter_hours,
                    const char  *certificate,
                    GError     **error)
{
  g_autofree char *clean_date = pd_training_trimmed (date);
  g_autofree char *clean_certificate = pd_training_trimmed (certificate);
  g_autofree char *today = NULL;
  g_autofree char *now = NULL;
  g_autoptr(PdTransaction) transaction = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  gboolean found;
  gint64 id;

  g_return_val_if_fail (PD_IS_DATABASE (db), 0);

  if (!pd_database_require (db, PD_RIGHT_VOLUNTEERS, _("record training"), error))
    return 0;

  if (!pd_training_check_date (_("Date"), clean_date, FALSE, error))
    return 0;
  today = pd_date_today ();
  if (strcmp (clean_date, today) > 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("Date: “%s” is in the future"),
                   clean_date);
      return 0;
    }
  if (!g_utf8_validate (clean_certificate, -1, NULL))
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                           _("Certificate: the text is not valid UTF-8"));
      return 0;
    }

  transaction = pd_database_begin_transaction (db, error);
  if (transaction == NULL || !pd_volunteers_check_exists (db, volunteer_id, error))
    return 0;

  stmt = pd_database_query (db, "SELECT quarter_hours FROM courses WHERE id = :id", error);
  if (stmt == NULL)
    return 0;
  pd_statement_bind_int64 (stmt, "id", course_id);
  if (!pd_statement_fetch (stmt, &found, error))
    return 0;
  if (!found)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("There is no course with id %" PRId64), course_id);
      return 0;
    }
  if (quarter_hours == 0)
    quarter_hours = pd_statement_get_int (stmt, 0);
  g_clear_pointer (&stmt, pd_statement_release);

  now = pd_timestamp_now ();
  stmt = pd_database_query (db,
                            "INSERT INTO completions (volunteer_id, course_id, date,"
                            " quarter_hours, certificate, created_at) VALUES (:volunteer_id,"
                            " :course_id, :date, :quarter_hours, :certificate, :now)",
                            error);
  if (stmt == NULL)
    return 0;
  pd_statement_bind_int64 (stmt, "volunteer_id", volunteer_id);
  pd_statement_bind_int64 (stmt, "course_id", course_id);
  pd_statement_bind_text (stmt, "date", clean_date);
  pd_statement_bind_int (stmt, "quarter_hours", quarter_hours);
  pd_statement_bind_text (stmt, "certificate", clean_certificate);
  pd_statement_bind_text (stmt, "now", now);
  if (!pd_statement_execute (stmt, error))
    return 0;
  id = pd_statement_get_inserted_id (stmt);

  if (!pd_transaction_commit (transaction, error))
    return 0;
  pd_database_notify_changed (db, "training");
  return id;
}

static PdCompletion *
read_completion (PdStatement *stmt)
{
  PdCompletion *completion = g_new0 (PdCompletion, 1);

  completion->id = pd_statement_get_int64 (stmt, 0);
  completion->volunteer_id = pd_statement_get_int64 (stmt, 1);
  completion->course_id = pd_statement_get_int64 (stmt, 2);
  completion->course_title = pd_statement_dup_text (stmt, 3);
  completion->date = pd_statement_dup_text (stmt, 4);
  completion->quarter_hours = pd_statement_get_int (stmt, 5);
  completion->certificate = pd_statement_dup_text (stmt, 6);
  return completion;
}

GPtrArray *
pd_completions_list (PdDatabase  *db,
                     gint64       volunteer_id,
                     GError     **error)
{
  g_autoptr(PdStatement) stmt = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  if (!pd_database_require (db, PD_RIGHT_VOLUNTEERS, _("see training"), error))
    return NULL;

  /* The column comes first, so that PostgreSQL takes :volunteer_id for a
   * BIGINT, as ids are, rather than for an INTEGER like 0. */
  stmt = pd_database_query (db,
                            "SELECT c.id, c.volunteer_id, c.course_id, co.title, c.date,"
                            " c.quarter_hours, c.certificate"
                            " FROM completions AS c JOIN courses AS co ON co.id = c.course_id"
                            " WHERE c.volunteer_id = :volunteer_id OR :volunteer_id = 0"
                            " ORDER BY c.date DESC, c.id DESC",
                            error);
  if (stmt == NULL)
    return NULL;
  pd_statement_bind_int64 (stmt, "volunteer_id", volunteer_id);
  return pd_statement_collect (stmt, (PdRowFunc) read_completion,
                               (GDestroyNotify) pd_completion_free, error);
}

/* Credentials */

/* A credential's fields as they are stored: trimmed and checked. */
typedef struct
{
  char *template;
  char *name;
  char *issuing_body;
  char *number;
  char *issued_date;
  char *expiry_date;
} CleanCredential;

static void
clean_credential_clear (CleanCredential *clean)
{
  g_free (clean->template);
  g_free (clean->name);
  g_free (clean->issuing_body);
  g_free (clean->number);
  g_free (clean->issued_date);
  g_free (clean->expiry_date);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CleanCredential, clean_credential_clear)

static gboolean
clean_credential (const PdCredential  *credential,
                  CleanCredential     *clean,
                  GError             **error)
{
  clean->template = pd_training_trimmed (credential->template);
  clean->name = pd_training_trimmed (credential->name);
  clean->issuing_body = pd_training_trimmed (credential->issuing_body);
  clean->number = pd_training_trimmed (credential->number);
  clean->issued_date = pd_training_trimmed (credential->issued_date);
  clean->expiry_date = pd_training_trimmed (credential->expiry_date);

  if (!g_utf8_validate (clean->name, -1, NULL) || pd_text_is_blank (clean->name))
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                           _("Name: a credential needs a name"));
      return FALSE;
    }
  if (!g_utf8_validate (clean->issuing_body, -1, NULL) ||
      !g_utf8_validate (clean->number, -1, NULL) ||
      !g_utf8_validate (clean->template, -1, NULL))
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                           _("Credential: the text is not valid UTF-8"));
      return FALSE;
    }
  if (!pd_training_check_date (_("Issued"), clean->issued_date, TRUE, error) ||
      !pd_training_check_date (_("Expires"), clean->expiry_date, TRUE, error))
    return FALSE;
  if (*clean->issued_date != '\0' && *clean->expiry_date != '\0' &&
      strcmp (clean->expiry_date, clean->issued_date) < 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Expires: %s is before the issued date, %s"),
                   clean->expiry_date, clean->issued_date);
      return FALSE;
    }
  if (credential->renewal_cycle_months > PD_CREDENTIAL_MAX_CYCLE_MONTHS)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Renewal cycle: %u months is more than %d"),
                   credential->renewal_cycle_months, PD_CREDENTIAL_MAX_CYCLE_MONTHS);
      return FALSE;
    }
  return TRUE;
}

/* Checks @credential, then writes it with @sql, an INSERT or (@update)
 * an UPDATE naming the columns as :volunteer_id, :template, :name,
 * :issuing_body, :number, :issued_date, :expiry_date, :renewal_cycle_months
 * and :now, and the credential updated as :id. @id is set to the row
 * written. */
static gboolean
write_credential (PdDatabase          *db,
                  const PdCredential  *credential,
                  gboolean             update,
                  const char          *sql,
                  gint64              *id,
                  GError             **error)
{
  g_auto(CleanCredential) clean = { 0 };
  g_autoptr(PdTransaction) transaction = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  g_autofree char *now = NULL;

  if (!clean_credential (credential, &clean, error))
    return FALSE;

  transaction = pd_database_begin_transaction (db, error);
  if (transaction == NULL || !pd_volunteers_check_exists (db, credential->volunteer_id, error))
    return FALSE;

  now = pd_timestamp_now ();
  stmt = pd_database_query (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  pd_statement_bind_int64 (stmt, "volunteer_id", credential->volunteer_id);
  pd_statement_bind_text (stmt, "template", clean.template);
  pd_statement_bind_text (stmt, "name", clean.name);
  pd_statement_bind_text (stmt, "issuing_body", clean.issuing_body);
  pd_statement_bind_text (stmt, "number", clean.number);
  pd_statement_bind_text (stmt, "issued_date", clean.issued_date);
  pd_statement_bind_text (stmt, "expiry_date", clean.expiry_date);
  pd_statement_bind_int (stmt, "renewal_cycle_months", credential->renewal_cycle_months);
  pd_statement_bind_text (stmt, "now", now);
  if (update)
    pd_statement_bind_int64 (stmt, "id", credential->id);
  if (!pd_statement_execute (stmt, error))
    return FALSE;
  if (update && pd_statement_get_changes (stmt) == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("There is no credential with id %" PRId64), credential->id);
      return FALSE;
    }
  *id = update ? credential->id : pd_statement_get_inserted_id (stmt);

  if (!pd_transaction_commit (transaction, error))
    return FALSE;
  pd_database_notify_changed (db, "training");
  return TRUE;
}

gint64
pd_credentials_insert (PdDatabase    *db,
                       PdCredential  *credential,
                       GError       **error)
{
  gint64 id;

  g_return_val_if_fail (PD_IS_DATABASE (db), 0);
  g_return_val_if_fail (credential != NULL, 0);

  if (!pd_database_require (db, PD_RIGHT_VOLUNTEERS, _("record credentials"), error))
    return 0;

  if (!write_credential (db, credential, FALSE,
                         "INSERT INTO credentials (volunteer_id, template, name, issuing_body,"
                         " number, issued_date, expiry_date, renewal_cycle_months, created_at,"
                         " updated_at) VALUES (:volunteer_id, :template, :name, :issuing_body,"
                         " :number, :issued_date, :expiry_date, :renewal_cycle_months, :now, :now)",
                         &id, error))
    return 0;
  credential->id = id;
  return id;
}

gboolean
pd_credentials_update (PdDatabase    *db,
                       PdCredential  *credential,
                       GError       **error)
{
  gint64 id;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (credential != NULL, FALSE);

  if (!pd_database_require (db, PD_RIGHT_VOLUNTEERS, _("record credentials"), error))
    return FALSE;

  return write_credential (db, credential, TRUE,
                           "UPDATE credentials SET volunteer_id = :volunteer_id,"
                           " template = :template, name = :name, issuing_body = :issuing_body,"
                           " number = :number, issued_date = :issued_date,"
                           " expiry_date = :expiry_date,"
                           " renewal_cycle_months = :renewal_cycle_months, updated_at = :now"
                           " WHERE id = :id",
                           &id, error);
}

#define CREDENTIAL_COLUMNS \
  "id, volunteer_id, template, name, issuing_body, number, issued_date, expiry_date," \
  " renewal_cycle_months"

static PdCredential *
read_credential (PdStatement *stmt)
{
  PdCredential *credential = g_new0 (PdCredential, 1);

  credential->id = pd_statement_get_int64 (stmt, 0);
  credential->volunteer_id = pd_statement_get_int64 (stmt, 1);
  credential->template = pd_statement_dup_text (stmt, 2);
  credential->name = pd_statement_dup_text (stmt, 3);
  credential->issuing_body = pd_statement_dup_text (stmt, 4);
  credential->number = pd_statement_dup_text (stmt, 5);
  credential->issued_date = pd_statement_dup_text (stmt, 6);
  credential->expiry_date = pd_statement_dup_text (stmt, 7);
  credential->renewal_cycle_months = pd_statement_get_int (stmt, 8);
  return credential;
}

PdCredential *
pd_credentials_get (PdDatabase  *db,
                    gint64       id,
                    GError     **error)
{
  g_autoptr(PdStatement) stmt = NULL;
  gboolean found;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  if (!pd_database_require (db, PD_RIGHT_VOLUNTEERS, _("see credentials"), error))
    return NULL;

  stmt = pd_database_query (db, "SELECT " CREDENTIAL_COLUMNS " FROM credentials WHERE id = :id",
                            error);
  if (stmt == NULL)
    return NULL;
  pd_statement_bind_int64 (stmt, "id", id);
  if (!pd_statement_fetch (stmt, &found, error))
    return NULL;
  if (!found)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("There is no credential with id %" PRId64), id);
      return NULL;
    }
  return read_credential (stmt);
}

GPtrArray *
pd_credentials_list (PdDatabase  *db,
                     gint64       volunteer_id,
                     GError     **error)
{
  g_autoptr(PdStatement) stmt = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  if (!pd_database_require (db, PD_RIGHT_VOLUNTEERS, _("see credentials"), error))
    return NULL;

  /* The column first, as in pd_completions_list(). */
  stmt = pd_database_query (db,
                            "SELECT " CREDENTIAL_COLUMNS " FROM credentials"
                            " WHERE volunteer_id = :volunteer_id OR :volunteer_id = 0"
                            " ORDER BY volunteer_id, lower (name), id",
                            error);
  if (stmt == NULL)
    return NULL;
  pd_statement_bind_int64 (stmt, "volunteer_id", volunteer_id);
  return pd_statement_collect (stmt, (PdRowFunc) read_credential,
                               (GDestroyNotify) pd_credential_free, error);
}

/* Dates */

char *
pd_date_add_months (const char *date,
                    int         months)
{
  GDate parsed;

  if (!pd_date_parse (date, &parsed))
    return NULL;
  /* GDate keeps the day when it can and takes the month's last otherwise. */
  if (months >= 0)
    g_date_add_months (&parsed, months);
  else
    g_date_subtract_months (&parsed, -months);
  if (!g_date_valid (&parsed) || g_date_get_year (&parsed) > 9999)
    return NULL;
  return pd_date_to_iso (&parsed);
}
