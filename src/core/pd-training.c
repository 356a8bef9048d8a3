/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pd-database-private.h"
#include "pd-error.h"
#include "pd-json-check.h"
#include "pd-text.h"
#include "pd-training.h"

#define MAX_TITLE_LENGTH 200
#define MAX_DOMAIN_CODE_LENGTH 40
#define MAX_TEMPLATE_CODE_LENGTH 64
#define MAX_CYCLE_MONTHS 120
#define MAX_TEMPLATE_HOURS 100000
#define TEMPLATE_FORMAT 1

/* The domains migration 3 seeds. A template may name only these: it is
 * read before, and apart from, any database, and a misspelt code is better
 * refused when the file is read than silently never counted. */
static const char * const builtin_domains[] = {
  "advocacy",
  "mentoring_education",
  "recovery_wellness",
  "ethics",
  "confidentiality",
  "naloxone",
  "bloodborne_pathogens",
  "cultural_responsiveness",
  "trauma_informed",
  "other",
  NULL
};

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

void
pd_credential_template_free (PdCredentialTemplate *template)
{
  if (template == NULL)
    return;
  g_free (template->code);
  g_free (template->name);
  g_free (template->issuing_body);
  g_clear_pointer (&template->initial.domain_quarters, g_hash_table_unref);
  g_clear_pointer (&template->renewal.domain_quarters, g_hash_table_unref);
  g_free (template);
}

static void
progress_item_free (PdProgressItem *item)
{
  g_free (item->requirement);
  g_free (item->label);
  g_free (item);
}

void
pd_progress_free (PdProgress *progress)
{
  if (progress == NULL)
    return;
  g_free (progress->from);
  g_free (progress->to);
  g_free (progress->deadline);
  g_clear_pointer (&progress->items, g_ptr_array_unref);
  g_free (progress->missing);
  g_free (progress);
}

void
pd_alert_free (PdAlert *alert)
{
  if (alert == NULL)
    return;
  g_free (alert->volunteer_name);
  g_free (alert->what);
  g_free (alert->date);
  g_free (alert->message);
  g_free (alert);
}

/* Helpers */

/* Ends a loop of sqlite3_step() that stopped with @rc. */
static gboolean
finish_rows (PdDatabase    *db,
             sqlite3_stmt  *stmt,
             int            rc,
             GError       **error)
{
  if (rc != SQLITE_DONE)
    {
      pd_database_set_error (db, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static char *
trimmed (const char *text)
{
  return g_strstrip (g_strdup (text ? text : ""));
}


/* "4", "4.25", "0.5": hours as the templates and the sentences write them. */
static char *
format_quarters (guint quarters)
{
  static const char * const fractions[] = { "", ".25", ".5", ".75" };

  return g_strdup_printf ("%u%s", quarters / 4, fractions[quarters % 4]);
}

/* The number that chooses a plural form for @quarters hours: a fraction
 * of an hour reads as a plural in English ("0.5 more hours"), as 2 does. */
static gulong
plural_count (guint quarters)
{
  return quarters % 4 == 0 ? quarters / 4 : 2;
}

/* Checks an optional date, "" meaning none. */
static gboolean
check_date (const char  *field,
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

static gboolean
check_volunteer (PdDatabase  *db,
                 gint64       volunteer_id,
                 GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean found;

  stmt = pd_database_prepare (db, "SELECT 1 FROM volunteers WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, volunteer_id);
  if (!pd_database_step_one (db, stmt, &found, error))
    return FALSE;
  sqlite3_reset (stmt);
  if (!found)
    g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                 _("There is no volunteer with id %" PRId64), volunteer_id);
  return found;
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

GPtrArray *
pd_domains_list (PdDatabase  *db,
                 GError     **error)
{
  g_autoptr(GPtrArray) domains = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_domain_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  stmt = pd_database_prepare (db,
                              "SELECT id, code, label FROM training_domains WHERE archived = 0"
                              " ORDER BY position, id",
                              error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PdDomain *domain = g_new0 (PdDomain, 1);

      domain->id = sqlite3_column_int64 (stmt, 0);
      domain->code = pd_database_column_dup (stmt, 1);
      domain->label = pd_database_column_dup (stmt, 2);
      g_ptr_array_add (domains, domain);
    }
  if (!finish_rows (db, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&domains);
}

/* The id of the domain with @code that is not archived, 0 if there is
 * none, or -1 on an error. */
static gint64
find_domain (PdDatabase  *db,
             const char  *code,
             GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean found;
  gint64 id = 0;

  stmt = pd_database_prepare (db,
                              "SELECT id FROM training_domains WHERE code = ? AND archived = 0",
                              error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  if (!pd_database_step_one (db, stmt, &found, error))
    return -1;
  if (found)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

gint64
pd_domains_add (PdDatabase  *db,
                const char  *code,
                const char  *label,
                GError     **error)
{
  g_autofree char *clean_code = trimmed (code);
  g_autofree char *clean_label = trimmed (label);
  sqlite3_stmt *stmt;
  gboolean found;
  gint64 id;

  g_return_val_if_fail (PD_IS_DATABASE (db), 0);

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

  if (!pd_database_begin (db, error))
    return 0;

  stmt = pd_database_prepare (db, "SELECT 1 FROM training_domains WHERE code = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, clean_code, -1, SQLITE_STATIC);
  if (!pd_database_step_one (db, stmt, &found, error))
    goto fail;
  sqlite3_reset (stmt);
  if (found)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_DUPLICATE,
                   _("Code: there is already a training domain “%s”"), clean_code);
      goto fail;
    }

  stmt = pd_database_prepare (db,
                              "INSERT INTO training_domains (code, label, position)"
                              " SELECT ?, ?, coalesce (max (position), 0) + 1"
                              " FROM training_domains",
                              error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, clean_code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, clean_label, -1, SQLITE_STATIC);
  if (!pd_database_step_done (db, stmt, error))
    goto fail;
  id = sqlite3_last_insert_rowid (pd_database_get_handle (db));

  if (!pd_database_commit (db, error))
    return 0;
  pd_database_notify_changed (db, "training");
  return id;

fail:
  pd_database_rollback (db);
  return 0;
}

/* Courses */

/* A course's domain codes in the domains' order. */
static GStrv
load_course_domains (PdDatabase  *db,
                     gint64       course_id,
                     GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = pd_database_prepare (db,
                              "SELECT d.code FROM course_domains AS cd"
                              " JOIN training_domains AS d ON d.id = cd.domain_id"
                              " WHERE cd.course_id = ? ORDER BY d.position, d.id",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, course_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (!finish_rows (db, stmt, rc, error))
    return NULL;
  return g_strv_builder_end (builder);
}

#define COURSE_COLUMNS "id, title, provider, quarter_hours, delivery, required_yearly"

static PdCourse *
read_course (sqlite3_stmt *stmt)
{
  PdCourse *course = g_new0 (PdCourse, 1);

  course->id = sqlite3_column_int64 (stmt, 0);
  course->title = pd_database_column_dup (stmt, 1);
  course->provider = pd_database_column_dup (stmt, 2);
  course->quarter_hours = sqlite3_column_int (stmt, 3);
  course->delivery = pd_database_column_dup (stmt, 4);
  course->required_yearly = sqlite3_column_int (stmt, 5) != 0;
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
  const char *delivery;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (PD_IS_DATABASE (db), 0);
  g_return_val_if_fail (course != NULL, 0);

  title = trimmed (course->title);
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
  provider = trimmed (course->provider);
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

  if (!pd_database_begin (db, error))
    return 0;

  for (guint i = 0; course->domains[i] != NULL; i++)
    {
      gint64 domain_id = find_domain (db, course->domains[i], error);

      if (domain_id < 0)
        goto fail;
      if (domain_id == 0)
        {
          g_autofree char *excerpt = pd_text_excerpt (course->domains[i], -1);

          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("Domains: “%s” is not a training domain"), excerpt);
          goto fail;
        }
      g_array_append_val (domain_ids, domain_id);
    }

  id = find_course_by_title (db, title, error);
  if (id < 0)
    goto fail;
  if (id > 0)
    {
      g_autofree char *excerpt = pd_text_excerpt (title, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_DUPLICATE,
                   _("Title: there is already a course “%s”"), excerpt);
      goto fail;
    }

  now = pd_timestamp_now ();
  stmt = pd_database_prepare (db,
                              "INSERT INTO courses (title, provider, quarter_hours, delivery,"
                              " required_yearly, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                              error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, provider, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, course->quarter_hours);
  sqlite3_bind_text (stmt, 4, delivery, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, course->required_yearly ? 1 : 0);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_STATIC);
  if (!pd_database_step_done (db, stmt, error))
    goto fail;
  id = sqlite3_last_insert_rowid (pd_database_get_handle (db));

  /* A domain named twice is linked once. */
  stmt = pd_database_prepare (db,
                              "INSERT OR IGNORE INTO course_domains (course_id, domain_id)"
                              " VALUES (?, ?)",
                              error);
  if (stmt == NULL)
    goto fail;
  for (guint i = 0; i < domain_ids->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, g_array_index (domain_ids, gint64, i));
      if (!pd_database_step_done (db, stmt, error))
        goto fail;
    }

  if (!pd_database_commit (db, error))
    return 0;
  course->id = id;
  pd_database_notify_changed (db, "training");
  return id;

fail:
  pd_database_rollback (db);
  return 0;
}

PdCourse *
pd_courses_get (PdDatabase  *db,
                gint64       id,
                GError     **error)
{
  g_autoptr(PdCourse) course = NULL;
  sqlite3_stmt *stmt;
  gboolean found;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  stmt = pd_database_prepare (db, "SELECT " COURSE_COLUMNS " FROM courses WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!pd_database_step_one (db, stmt, &found, error))
    return NULL;
  if (!found)
    {
      sqlite3_reset (stmt);
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("There is no course with id %" PRId64), id);
      return NULL;
    }
  course = read_course (stmt);
  sqlite3_reset (stmt);

  course->domains = load_course_domains (db, id, error);
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

  text = trimmed (title_or_id);
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
  g_autoptr(GPtrArray) courses = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_course_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  stmt = pd_database_prepare (db,
                              "SELECT " COURSE_COLUMNS " FROM courses"
                              " ORDER BY title COLLATE NOCASE, id",
                              error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (courses, read_course (stmt));
  if (!finish_rows (db, stmt, rc, error))
    return NULL;

  for (guint i = 0; i < courses->len; i++)
    {
      PdCourse *course = g_ptr_array_index (courses, i);

      course->domains = load_course_domains (db, course->id, error);
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
  g_autofree char *clean_date = trimmed (date);
  g_autofree char *clean_certificate = trimmed (certificate);
  g_autofree char *today = NULL;
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;
  gboolean found;
  gint64 id;

  g_return_val_if_fail (PD_IS_DATABASE (db), 0);

  if (!check_date (_("Date"), clean_date, FALSE, error))
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

  if (!pd_database_begin (db, error))
    return 0;
  if (!check_volunteer (db, volunteer_id, error))
    goto fail;

  stmt = pd_database_prepare (db, "SELECT quarter_hours FROM courses WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, course_id);
  if (!pd_database_step_one (db, stmt, &found, error))
    goto fail;
  if (found && quarter_hours == 0)
    quarter_hours = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (!found)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("There is no course with id %" PRId64), course_id);
      goto fail;
    }

  now = pd_timestamp_now ();
  stmt = pd_database_prepare (db,
                              "INSERT INTO completions (volunteer_id, course_id, date,"
                              " quarter_hours, certificate, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                              error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, volunteer_id);
  sqlite3_bind_int64 (stmt, 2, course_id);
  sqlite3_bind_text (stmt, 3, clean_date, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, quarter_hours);
  sqlite3_bind_text (stmt, 5, clean_certificate, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_STATIC);
  if (!pd_database_step_done (db, stmt, error))
    goto fail;
  id = sqlite3_last_insert_rowid (pd_database_get_handle (db));

  if (!pd_database_commit (db, error))
    return 0;
  pd_database_notify_changed (db, "training");
  return id;

fail:
  pd_database_rollback (db);
  return 0;
}

GPtrArray *
pd_completions_list (PdDatabase  *db,
                     gint64       volunteer_id,
                     GError     **error)
{
  g_autoptr(GPtrArray) completions =
    g_ptr_array_new_with_free_func ((GDestroyNotify) pd_completion_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  stmt = pd_database_prepare (db,
                              "SELECT c.id, c.volunteer_id, c.course_id, co.title, c.date,"
                              " c.quarter_hours, c.certificate"
                              " FROM completions AS c JOIN courses AS co ON co.id = c.course_id"
                              " WHERE ?1 = 0 OR c.volunteer_id = ?1"
                              " ORDER BY c.date DESC, c.id DESC",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, volunteer_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PdCompletion *completion = g_new0 (PdCompletion, 1);

      completion->id = sqlite3_column_int64 (stmt, 0);
      completion->volunteer_id = sqlite3_column_int64 (stmt, 1);
      completion->course_id = sqlite3_column_int64 (stmt, 2);
      completion->course_title = pd_database_column_dup (stmt, 3);
      completion->date = pd_database_column_dup (stmt, 4);
      completion->quarter_hours = sqlite3_column_int (stmt, 5);
      completion->certificate = pd_database_column_dup (stmt, 6);
      g_ptr_array_add (completions, completion);
    }
  if (!finish_rows (db, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&completions);
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
  clean->template = trimmed (credential->template);
  clean->name = trimmed (credential->name);
  clean->issuing_body = trimmed (credential->issuing_body);
  clean->number = trimmed (credential->number);
  clean->issued_date = trimmed (credential->issued_date);
  clean->expiry_date = trimmed (credential->expiry_date);

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
  if (!check_date (_("Issued"), clean->issued_date, TRUE, error) ||
      !check_date (_("Expires"), clean->expiry_date, TRUE, error))
    return FALSE;
  if (*clean->issued_date != '\0' && *clean->expiry_date != '\0' &&
      strcmp (clean->expiry_date, clean->issued_date) < 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Expires: %s is before the issued date, %s"),
                   clean->expiry_date, clean->issued_date);
      return FALSE;
    }
  if (credential->renewal_cycle_months > MAX_CYCLE_MONTHS)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Renewal cycle: %u months is more than %d"),
                   credential->renewal_cycle_months, MAX_CYCLE_MONTHS);
      return FALSE;
    }
  return TRUE;
}

gint64
pd_credentials_insert (PdDatabase    *db,
                       PdCredential  *credential,
                       GError       **error)
{
  g_auto(CleanCredential) clean = { 0 };
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (PD_IS_DATABASE (db), 0);
  g_return_val_if_fail (credential != NULL, 0);

  if (!clean_credential (credential, &clean, error))
    return 0;

  if (!pd_database_begin (db, error))
    return 0;
  if (!check_volunteer (db, credential->volunteer_id, error))
    goto fail;

  now = pd_timestamp_now ();
  stmt = pd_database_prepare (db,
                              "INSERT INTO credentials (volunteer_id, template, name, issuing_body,"
                              " number, issued_date, expiry_date, renewal_cycle_months, created_at,"
                              " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                              error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, credential->volunteer_id);
  sqlite3_bind_text (stmt, 2, clean.template, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, clean.name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, clean.issuing_body, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, clean.number, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, clean.issued_date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, clean.expiry_date, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 8, credential->renewal_cycle_months);
  sqlite3_bind_text (stmt, 9, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, now, -1, SQLITE_STATIC);
  if (!pd_database_step_done (db, stmt, error))
    goto fail;
  id = sqlite3_last_insert_rowid (pd_database_get_handle (db));

  if (!pd_database_commit (db, error))
    return 0;
  credential->id = id;
  pd_database_notify_changed (db, "training");
  return id;

fail:
  pd_database_rollback (db);
  return 0;
}

gboolean
pd_credentials_update (PdDatabase    *db,
                       PdCredential  *credential,
                       GError       **error)
{
  g_auto(CleanCredential) clean = { 0 };
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (credential != NULL, FALSE);

  if (!clean_credential (credential, &clean, error))
    return FALSE;

  if (!pd_database_begin (db, error))
    return FALSE;
  if (!check_volunteer (db, credential->volunteer_id, error))
    goto fail;

  now = pd_timestamp_now ();
  stmt = pd_database_prepare (db,
                              "UPDATE credentials SET volunteer_id = ?, template = ?, name = ?,"
                              " issuing_body = ?, number = ?, issued_date = ?, expiry_date = ?,"
                              " renewal_cycle_months = ?, updated_at = ? WHERE id = ?",
                              error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, credential->volunteer_id);
  sqlite3_bind_text (stmt, 2, clean.template, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, clean.name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, clean.issuing_body, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, clean.number, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, clean.issued_date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, clean.expiry_date, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 8, credential->renewal_cycle_months);
  sqlite3_bind_text (stmt, 9, now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 10, credential->id);
  if (!pd_database_step_done (db, stmt, error))
    goto fail;
  if (sqlite3_changes (pd_database_get_handle (db)) == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("There is no credential with id %" PRId64), credential->id);
      goto fail;
    }

  if (!pd_database_commit (db, error))
    return FALSE;
  pd_database_notify_changed (db, "training");
  return TRUE;

fail:
  pd_database_rollback (db);
  return FALSE;
}

#define CREDENTIAL_COLUMNS \
  "id, volunteer_id, template, name, issuing_body, number, issued_date, expiry_date," \
  " renewal_cycle_months"

static PdCredential *
read_credential (sqlite3_stmt *stmt)
{
  PdCredential *credential = g_new0 (PdCredential, 1);

  credential->id = sqlite3_column_int64 (stmt, 0);
  credential->volunteer_id = sqlite3_column_int64 (stmt, 1);
  credential->template = pd_database_column_dup (stmt, 2);
  credential->name = pd_database_column_dup (stmt, 3);
  credential->issuing_body = pd_database_column_dup (stmt, 4);
  credential->number = pd_database_column_dup (stmt, 5);
  credential->issued_date = pd_database_column_dup (stmt, 6);
  credential->expiry_date = pd_database_column_dup (stmt, 7);
  credential->renewal_cycle_months = sqlite3_column_int (stmt, 8);
  return credential;
}

PdCredential *
pd_credentials_get (PdDatabase  *db,
                    gint64       id,
                    GError     **error)
{
  PdCredential *credential = NULL;
  sqlite3_stmt *stmt;
  gboolean found;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  stmt = pd_database_prepare (db, "SELECT " CREDENTIAL_COLUMNS " FROM credentials WHERE id = ?",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!pd_database_step_one (db, stmt, &found, error))
    return NULL;
  if (found)
    credential = read_credential (stmt);
  sqlite3_reset (stmt);
  if (!found)
    g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                 _("There is no credential with id %" PRId64), id);
  return credential;
}

GPtrArray *
pd_credentials_list (PdDatabase  *db,
                     gint64       volunteer_id,
                     GError     **error)
{
  g_autoptr(GPtrArray) credentials =
    g_ptr_array_new_with_free_func ((GDestroyNotify) pd_credential_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  stmt = pd_database_prepare (db,
                              "SELECT " CREDENTIAL_COLUMNS " FROM credentials"
                              " WHERE ?1 = 0 OR volunteer_id = ?1"
                              " ORDER BY volunteer_id, name COLLATE NOCASE, id",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, volunteer_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (credentials, read_credential (stmt));
  if (!finish_rows (db, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&credentials);
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

static char *
date_add_days (const char *date,
               guint       days)
{
  GDate parsed;

  if (!pd_date_parse (date, &parsed))
    return NULL;
  g_date_add_days (&parsed, days);
  if (!g_date_valid (&parsed) || g_date_get_year (&parsed) > 9999)
    return NULL;
  return pd_date_to_iso (&parsed);
}

/* Templates */

typedef struct
{
  const char  *name;
  GError     **error;
} Reader;

static void template_error (Reader     *reader,
                            const char *path,
                            const char *format,
                            ...) G_GNUC_PRINTF (3, 4);

static void
template_error (Reader     *reader,
                const char *path,
                const char *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (path != NULL)
    g_set_error (reader->error, PD_ERROR, PD_ERROR_INVALID, "%s: %s: %s",
                 reader->name, path, message);
  else
    g_set_error (reader->error, PD_ERROR, PD_ERROR_INVALID, "%s: %s", reader->name, message);
}

/* What a JSON value is, for a message: "got a string". */
static const char *
node_kind (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("a list");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");
    case G_TYPE_BOOLEAN:
      return _("true or false");
    default:
      return _("a number");
    }
}

static gboolean
node_is_number (JsonNode *node)
{
  GType type;

  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static char *
join_path (const char *path,
           const char *key)
{
  return path != NULL ? g_strconcat (path, ".", key, NULL) : g_strdup (key);
}

/* Refuses any key of @object not in @known, naming the first. */
static gboolean
check_keys (Reader             *reader,
            JsonObject         *object,
            const char         *path,
            const char * const *known)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;

      if (!g_strv_contains (known, key))
        {
          g_autofree char *shown = pd_text_excerpt (key, -1);
          g_autofree char *key_path = join_path (path, shown);
          g_autofree char *list = g_strjoinv (", ", (char **) known);

          template_error (reader, key_path, _("unknown key (the keys here are %s)"), list);
          return FALSE;
        }
    }
  return TRUE;
}

/* The member @key of @object; NULL, with an error if it is @required, if
 * it is missing. */
static JsonNode *
get_member (Reader      *reader,
            JsonObject  *object,
            const char  *path,
            const char  *key,
            gboolean     required)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL && required)
    {
      g_autofree char *key_path = join_path (path, key);

      template_error (reader, key_path, _("this key is missing"));
    }
  return node;
}

static gboolean
read_text (Reader      *reader,
           JsonObject  *object,
           const char  *path,
           const char  *key,
           gboolean     required,
           char       **value)
{
  g_autofree char *key_path = join_path (path, key);
  JsonNode *node = get_member (reader, object, path, key, required);
  g_autofree char *text = NULL;

  if (node == NULL)
    {
      *value = g_strdup ("");
      return !required;
    }
  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    {
      template_error (reader, key_path, _("expected a string, got %s"), node_kind (node));
      return FALSE;
    }
  text = trimmed (json_node_get_string (node));
  if (required && *text == '\0')
    {
      template_error (reader, key_path, _("expected a string, got an empty one"));
      return FALSE;
    }
  *value = g_steal_pointer (&text);
  return TRUE;
}

/* Reads hours in quarter-hour steps, 0 or more. */
static gboolean
read_hours (Reader      *reader,
            JsonNode    *node,
            const char  *path,
            guint       *quarters)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  double hours, steps;

  if (!node_is_number (node))
    {
      template_error (reader, path, _("expected a number of hours, got %s"), node_kind (node));
      return FALSE;
    }
  hours = json_node_get_double (node);
  g_ascii_formatd (number, sizeof number, "%g", hours);
  if (!isfinite (hours) || hours < 0)
    {
      template_error (reader, path, _("expected a number of hours, 0 or more, got %s"), number);
      return FALSE;
    }
  if (hours > MAX_TEMPLATE_HOURS)
    {
      template_error (reader, path, _("%s hours is more than %d"), number, MAX_TEMPLATE_HOURS);
      return FALSE;
    }
  steps = hours * 4;
  if (fabs (steps - round (steps)) > 1e-9)
    {
      template_error (reader, path, _("%s hours is not in steps of a quarter hour (0.25)"),
                      number);
      return FALSE;
    }
  *quarters = (guint) round (steps);
  return TRUE;
}

static gboolean
read_optional_hours (Reader      *reader,
                     JsonObject  *object,
                     const char  *path,
                     const char  *key,
                     guint       *quarters)
{
  g_autofree char *key_path = join_path (path, key);
  JsonNode *node = json_object_get_member (object, key);

  *quarters = 0;
  return node == NULL || read_hours (reader, node, key_path, quarters);
}

static gboolean
read_requirements (Reader          *reader,
                   JsonObject      *parent,
                   const char      *key,
                   PdRequirements  *requirements)
{
  static const char * const keys[] = {
    "total_hours", "domain_hours", "practice_hours", "supervised_hours", NULL
  };
  JsonNode *node = get_member (reader, parent, NULL, key, TRUE);
  g_autofree char *total_path = NULL;
  JsonObject *object;
  JsonNode *domains;

  requirements->domain_quarters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      template_error (reader, key, _("expected an object ({ … }), got %s"), node_kind (node));
      return FALSE;
    }
  object = json_node_get_object (node);
  if (!check_keys (reader, object, key, keys))
    return FALSE;

  total_path = join_path (key, "total_hours");
  node = get_member (reader, object, key, "total_hours", TRUE);
  if (node == NULL || !read_hours (reader, node, total_path, &requirements->total_quarters))
    return FALSE;
  if (!read_optional_hours (reader, object, key, "practice_hours",
                            &requirements->practice_quarters) ||
      !read_optional_hours (reader, object, key, "supervised_hours",
                            &requirements->supervised_quarters))
    return FALSE;

  domains = json_object_get_member (object, "domain_hours");
  if (domains != NULL)
    {
      g_autofree char *domains_path = join_path (key, "domain_hours");
      g_autoptr(GList) members = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (domains))
        {
          template_error (reader, domains_path, _("expected an object ({ … }), got %s"),
                          node_kind (domains));
          return FALSE;
        }
      members = json_object_get_members (json_node_get_object (domains));
      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *code = l->data;
          g_autofree char *domain_path = join_path (domains_path, code);
          JsonNode *hours = json_object_get_member (json_node_get_object (domains), code);
          char total[G_ASCII_DTOSTR_BUF_SIZE];
          guint quarters;

          if (!g_strv_contains (builtin_domains, code))
            {
              g_autofree char *list = g_strjoinv (", ", (char **) builtin_domains);
              g_autofree char *shown = pd_text_excerpt (code, -1);
              g_autofree char *shown_path = join_path (domains_path, shown);

              template_error (reader, shown_path,
                              _("unknown training domain (the domains are %s)"), list);
              return FALSE;
            }
          if (!read_hours (reader, hours, domain_path, &quarters))
            return FALSE;
          if (quarters == 0)
            {
              template_error (reader, domain_path,
                              _("expected more than 0 hours: leave out a domain with none"));
              return FALSE;
            }
          if (quarters > requirements->total_quarters)
            {
              g_autofree char *have = format_quarters (quarters);

              g_ascii_formatd (total, sizeof total, "%g", requirements->total_quarters / 4.0);
              template_error (reader, domain_path, _("%s hours is more than %s’s %s hours"),
                              have, total_path, total);
              return FALSE;
            }
          g_hash_table_insert (requirements->domain_quarters, g_strdup (code),
                               GUINT_TO_POINTER (quarters));
        }
    }
  return TRUE;
}

static gboolean
is_template_code (const char *code)
{
  gsize len = strlen (code);

  if (len == 0 || len > MAX_TEMPLATE_CODE_LENGTH || code[0] == '-')
    return FALSE;
  for (const char *p = code; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

static gboolean
read_template (Reader               *reader,
               JsonObject           *root,
               PdCredentialTemplate *template)
{
  static const char * const keys[] = {
    "format", "code", "name", "issuing_body", "renewal_cycle_months", "multi_domain_courses",
    "initial", "renewal", NULL
  };
  g_autofree char *counting = NULL;
  JsonNode *node;
  double number;

  if (!check_keys (reader, root, NULL, keys))
    return FALSE;

  node = get_member (reader, root, NULL, "format", TRUE);
  if (node == NULL)
    return FALSE;
  if (!node_is_number (node))
    {
      template_error (reader, "format", _("expected a number, got %s"), node_kind (node));
      return FALSE;
    }
  number = json_node_get_double (node);
  if (number > TEMPLATE_FORMAT && number == floor (number))
    {
      template_error (reader, "format",
                      _("the template is in format %.0f, newer than this version of Peerdesk "
                        "reads (%d)"),
                      number, TEMPLATE_FORMAT);
      return FALSE;
    }
  if (number != TEMPLATE_FORMAT)
    {
      char text[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (text, sizeof text, "%g", number);
      template_error (reader, "format", _("%s is not a template format (%d)"), text,
                      TEMPLATE_FORMAT);
      return FALSE;
    }

  if (!read_text (reader, root, NULL, "code", TRUE, &template->code))
    return FALSE;
  if (!is_template_code (template->code))
    {
      g_autofree char *excerpt = pd_text_excerpt (template->code, -1);

      template_error (reader, "code",
                      _("“%s” is not a template code (lower-case letters, digits and -)"),
                      excerpt);
      return FALSE;
    }
  if (!read_text (reader, root, NULL, "name", TRUE, &template->name) ||
      !read_text (reader, root, NULL, "issuing_body", FALSE, &template->issuing_body))
    return FALSE;

  node = get_member (reader, root, NULL, "renewal_cycle_months", TRUE);
  if (node == NULL)
    return FALSE;
  if (!node_is_number (node))
    {
      template_error (reader, "renewal_cycle_months",
                      _("expected a whole number of months, got %s"), node_kind (node));
      return FALSE;
    }
  number = json_node_get_double (node);
  if (number != floor (number) || number < 1 || number > MAX_CYCLE_MONTHS)
    {
      char text[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (text, sizeof text, "%g", number);
      template_error (reader, "renewal_cycle_months",
                      _("expected a whole number of months from 1 to %d, got %s"),
                      MAX_CYCLE_MONTHS, text);
      return FALSE;
    }
  template->renewal_cycle_months = (guint) number;

  node = get_member (reader, root, NULL, "multi_domain_courses", TRUE);
  if (node == NULL)
    return FALSE;
  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    {
      template_error (reader, "multi_domain_courses",
                      _("expected \"split\" or \"full\", got %s"), node_kind (node));
      return FALSE;
    }
  counting = g_strdup (json_node_get_string (node));
  if (!g_str_equal (counting, "split") && !g_str_equal (counting, "full"))
    {
      g_autofree char *excerpt = pd_text_excerpt (counting, -1);

      template_error (reader, "multi_domain_courses",
                      _("expected \"split\" or \"full\", got “%s”"), excerpt);
      return FALSE;
    }
  template->split_multi_domain = g_str_equal (counting, "split");

  return read_requirements (reader, root, "initial", &template->initial) &&
         read_requirements (reader, root, "renewal", &template->renewal);
}

/* json-glib says "<data>:2:7: Parse error: unexpected …"; a person
 * editing the file is better told "line 2, column 7: unexpected …". NULL
 * if @message is not written so. */
static char *
json_error_position (const char *message)
{
  const char *p = message;
  char *end;
  guint64 line, column;

  if (!g_str_has_prefix (p, "<data>:"))
    return NULL;
  p += strlen ("<data>:");
  line = g_ascii_strtoull (p, &end, 10);
  if (end == p || *end != ':')
    return NULL;
  p = end + 1;
  column = g_ascii_strtoull (p, &end, 10);
  if (end == p || *end != ':')
    return NULL;
  p = end + 1;
  while (*p == ' ')
    p++;
  if (g_str_has_prefix (p, "Parse error: "))
    p += strlen ("Parse error: ");
  return g_strdup_printf (_("line %" PRIu64 ", column %" PRIu64 ": %s"),
                          line, column, p);
}

PdCredentialTemplate *
pd_credential_template_parse (const char  *json,
                              gssize       length,
                              const char  *name,
                              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(PdCredentialTemplate) template = NULL;
  g_autoptr(GError) local_error = NULL;
  Reader reader = { name ? name : _("template"), error };
  JsonNode *root;

  g_return_val_if_fail (json != NULL, NULL);

  if (length < 0)
    length = strlen (json);
  if (!pd_json_check_text (json, length, reader.name, 1, 1, 0, error))
    return NULL;
  if (!json_parser_load_from_data (parser, json, length, &local_error))
    {
      g_autofree char *where = json_error_position (local_error->message);

      template_error (&reader, NULL, _("not valid JSON: %s"),
                      where ? where : local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      template_error (&reader, NULL, _("the file is empty"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      template_error (&reader, NULL, _("expected an object ({ … }), got %s"), node_kind (root));
      return NULL;
    }

  template = g_new0 (PdCredentialTemplate, 1);
  if (!read_template (&reader, json_node_get_object (root), template))
    return NULL;
  return g_steal_pointer (&template);
}

static void
set_read_error (GError     **error,
                const char  *display,
                int          saved_errno)
{
  g_set_error (error, PD_ERROR, PD_ERROR_IO, _("Could not read “%s”: %s"), display,
               g_strerror (saved_errno));
}

/* All of @path, which must be a file of at most PD_TEMPLATE_MAX_SIZE
 * bytes: a larger one is refused before it is read, and no more than that
 * is read of one that grows meanwhile. */
static char *
read_template_file (const char  *path,
                    const char  *display,
                    gsize       *length,
                    GError     **error)
{
  g_autofree char *contents = NULL;
  struct stat info;
  gsize size = 0;
  int fd;

  /* Not blocking: a pipe named *.json would wait for a writer. */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);
  if (fd < 0)
    {
      set_read_error (error, display, errno);
      return NULL;
    }
  if (fstat (fd, &info) != 0)
    {
      set_read_error (error, display, errno);
      close (fd);
      return NULL;
    }
  if (!S_ISREG (info.st_mode))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("%s: not a file"), display);
      close (fd);
      return NULL;
    }
  if (info.st_size > PD_TEMPLATE_MAX_SIZE)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("%s: the file is larger than the %d KiB a template may have"),
                   display, PD_TEMPLATE_MAX_SIZE / 1024);
      close (fd);
      return NULL;
    }

  /* One byte more than the most a template holds tells a file that grew. */
  contents = g_malloc (PD_TEMPLATE_MAX_SIZE + 2);
  while (size <= PD_TEMPLATE_MAX_SIZE)
    {
      gssize n = read (fd, contents + size, PD_TEMPLATE_MAX_SIZE + 1 - size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_read_error (error, display, errno);
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      size += n;
    }
  close (fd);
  if (size > PD_TEMPLATE_MAX_SIZE)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("%s: the file is larger than the %d KiB a template may have"),
                   display, PD_TEMPLATE_MAX_SIZE / 1024);
      return NULL;
    }
  contents[size] = '\0';
  *length = size;
  return g_steal_pointer (&contents);
}

PdCredentialTemplate *
pd_credential_template_load (const char  *path,
                             GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  contents = read_template_file (path, display, &length, error);
  if (contents == NULL)
    return NULL;
  return pd_credential_template_parse (contents, length, display, error);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static int
compare_templates (gconstpointer a,
                   gconstpointer b)
{
  const PdCredentialTemplate *ta = *(PdCredentialTemplate * const *) a;
  const PdCredentialTemplate *tb = *(PdCredentialTemplate * const *) b;

  return strcmp (ta->code, tb->code);
}

GPtrArray *
pd_credential_templates_load_all (const char  *dir,
                                  GError     **error)
{
  g_autoptr(GPtrArray) templates =
    g_ptr_array_new_with_free_func ((GDestroyNotify) pd_credential_template_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) files = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) local_error = NULL;
  GDir *handle;
  const char *entry;

  g_return_val_if_fail (dir != NULL, NULL);

  handle = g_dir_open (dir, 0, &local_error);
  if (handle == NULL)
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_IO, local_error->message);
      return NULL;
    }
  /* Editors' back-up and lock files start with a dot. */
  while ((entry = g_dir_read_name (handle)) != NULL)
    if (entry[0] != '.' && g_str_has_suffix (entry, ".json"))
      g_ptr_array_add (names, g_strdup (entry));
  g_dir_close (handle);
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      PdCredentialTemplate *template = pd_credential_template_load (path, error);
      const char *other;

      if (template == NULL)
        return NULL;
      g_ptr_array_add (templates, template);

      other = g_hash_table_lookup (files, template->code);
      if (other != NULL)
        {
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("%s: code: “%s” is already the code of %s"),
                       display, template->code, other);
          return NULL;
        }
      g_hash_table_insert (files, template->code, g_ptr_array_index (names, i));
    }

  g_ptr_array_sort (templates, compare_templates);
  return g_steal_pointer (&templates);
}

const PdCredentialTemplate *
pd_credential_templates_find (GPtrArray  *templates,
                              const char *code)
{
  g_return_val_if_fail (templates != NULL, NULL);

  if (code == NULL)
    return NULL;
  for (guint i = 0; i < templates->len; i++)
    {
      const PdCredentialTemplate *template = g_ptr_array_index (templates, i);

      if (g_str_equal (template->code, code))
        return template;
    }
  return NULL;
}

const char *
pd_credential_templates_dir (void)
{
  const char *dir = g_getenv ("PEERDESK_TEMPLATES_DIR");

  if (dir != NULL && *dir != '\0')
    return dir;
  if (g_file_test (PKGDATADIR "/credentials", G_FILE_TEST_IS_DIR))
    return PKGDATADIR "/credentials";
  return PD_SOURCE_DATADIR "/credentials";
}

/* Progress */

typedef struct
{
  guint       total;
  GHashTable *domains;           /* code → guint quarters */
} TrainingCount;

static void
add_quarters (GHashTable *table,
              const char *code,
              guint       quarters)
{
  gpointer old = g_hash_table_lookup (table, code);

  g_hash_table_insert (table, g_strdup (code),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (old) + quarters));
}

typedef struct
{
  gint64 course_id;
  guint  quarters;
} Credited;

/* Sums @volunteer_id's completions dated from @from to @to into @count. */
static gboolean
count_training (PdDatabase     *db,
                gint64          volunteer_id,
                const char     *from,
                const char     *to,
                gboolean        split,
                TrainingCount  *count,
                GError        **error)
{
  g_autoptr(GArray) credited = g_array_new (FALSE, FALSE, sizeof (Credited));
  g_autoptr(GHashTable) course_domains =
    g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_strfreev);
  sqlite3_stmt *stmt;
  int rc;

  stmt = pd_database_prepare (db,
                              "SELECT course_id, quarter_hours FROM completions"
                              " WHERE volunteer_id = ? AND date >= ? AND date <= ?",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, volunteer_id);
  sqlite3_bind_text (stmt, 2, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, to, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Credited row = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int (stmt, 1) };

      g_array_append_val (credited, row);
    }
  if (!finish_rows (db, stmt, rc, error))
    return FALSE;

  for (guint i = 0; i < credited->len; i++)
    {
      const Credited *row = &g_array_index (credited, Credited, i);
      GStrv domains = g_hash_table_lookup (course_domains, &row->course_id);
      guint n;

      if (domains == NULL)
        {
          domains = load_course_domains (db, row->course_id, error);
          if (domains == NULL)
            return FALSE;
          g_hash_table_insert (course_domains, g_memdup2 (&row->course_id, sizeof (gint64)),
                               domains);
        }

      count->total += row->quarters;
      n = g_strv_length (domains);
      for (guint j = 0; j < n; j++)
        {
          guint share = row->quarters;

          if (split)
            share = row->quarters / n + (j < row->quarters % n ? 1 : 0);
          if (share > 0)
            add_quarters (count->domains, domains[j], share);
        }
    }
  return TRUE;
}

/* One sum of quarters, or minutes, of @sql for a volunteer and dates. */
static gboolean
sum_between (PdDatabase  *db,
             const char  *sql,
             gint64       volunteer_id,
             const char  *from,
             const char  *to,
             guint64     *sum,
             GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean found;

  stmt = pd_database_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, volunteer_id);
  sqlite3_bind_text (stmt, 2, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, to, -1, SQLITE_TRANSIENT);
  if (!pd_database_step_one (db, stmt, &found, error))
    return FALSE;
  *sum = found ? (guint64) sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  return TRUE;
}

static void
add_item (PdProgress *progress,
          const char *requirement,
          const char *label,
          guint       needed,
          guint       earned)
{
  PdProgressItem *item = g_new0 (PdProgressItem, 1);

  item->requirement = g_strdup (requirement);
  item->label = g_strdup (label);
  item->needed_quarters = needed;
  item->earned_quarters = earned;
  g_ptr_array_add (progress->items, item);
}

/* "a", "a and b", "a, b and c". */
static char *
join_phrases (GPtrArray *phrases)
{
  g_autofree char *joined = NULL;

  g_assert (phrases->len > 0);

  joined = g_strdup (g_ptr_array_index (phrases, 0));
  for (guint i = 1; i < phrases->len; i++)
    {
      char *longer;

      if (i + 1 < phrases->len)
        /* Translators: joins the phrases of a list, as in "4 more ethics
         * hours, 120 more practice hours and 1 more supervised hour". */
        longer = g_strdup_printf (_("%s, %s"), joined, (char *) g_ptr_array_index (phrases, i));
      else
        /* Translators: joins the last phrase of a list. */
        longer = g_strdup_printf (_("%s and %s"), joined, (char *) g_ptr_array_index (phrases, i));
      g_free (joined);
      joined = longer;
    }
  return g_steal_pointer (&joined);
}

static gboolean
item_is_domain (const PdProgressItem *item)
{
  return !g_str_equal (item->requirement, "total") &&
         !g_str_equal (item->requirement, "practice") &&
         !g_str_equal (item->requirement, "supervised");
}

/* The sentence of what is still missing, NULL when nothing is. Domains
 * come first; the total then only asks for what meeting them leaves,
 * which is exact when a course's hours are split and assumes a course
 * for each domain when they are counted in full. */
static char *
describe_missing (PdProgress *progress)
{
  g_autoptr(GPtrArray) phrases = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  guint domains_short = 0, total_short = 0;

  for (guint i = 0; i < progress->items->len; i++)
    {
      const PdProgressItem *item = g_ptr_array_index (progress->items, i);
      g_autofree char *hours = NULL;
      g_autofree char *label = NULL;
      guint short_by;

      if (item->earned_quarters >= item->needed_quarters)
        continue;
      short_by = item->needed_quarters - item->earned_quarters;
      if (g_str_equal (item->requirement, "total"))
        {
          total_short = short_by;
          continue;
        }
      if (!item_is_domain (item))
        continue;
      domains_short += short_by;
      hours = format_quarters (short_by);
      label = g_utf8_strdown (item->label, -1);
      g_ptr_array_add (phrases,
                       /* Translators: "4 more ethics hours"; the second %s is
                        * a training domain, in lower case. */
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s more %s hour",
                                                     "%s more %s hours", plural_count (short_by)),
                                        hours, label));
    }

  if (total_short > domains_short)
    {
      guint short_by = total_short - domains_short;
      g_autofree char *hours = format_quarters (short_by);

      if (domains_short == 0)
        g_ptr_array_add (phrases,
                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s more training hour",
                                                       "%s more training hours",
                                                       plural_count (short_by)),
                                          hours));
      else
        g_ptr_array_add (phrases,
                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       /* Translators: training hours still
                                                        * missing beyond each domain's. */
                                                       "%s more training hour of any kind",
                                                       "%s more training hours of any kind",
                                                       plural_count (short_by)),
                                          hours));
    }

  for (guint i = 0; i < progress->items->len; i++)
    {
      const PdProgressItem *item = g_ptr_array_index (progress->items, i);
      g_autofree char *hours = NULL;
      guint short_by;

      if (item->earned_quarters >= item->needed_quarters)
        continue;
      short_by = item->needed_quarters - item->earned_quarters;
      hours = format_quarters (short_by);
      if (g_str_equal (item->requirement, "practice"))
        g_ptr_array_add (phrases,
                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s more practice hour",
                                                       "%s more practice hours",
                                                       plural_count (short_by)),
                                          hours));
      else if (g_str_equal (item->requirement, "supervised"))
        g_ptr_array_add (phrases,
                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s more supervised hour",
                                                       "%s more supervised hours",
                                                       plural_count (short_by)),
                                          hours));
    }

  if (phrases->len == 0)
    return NULL;
  joined = join_phrases (phrases);
  if (progress->deadline == NULL)
    return g_steal_pointer (&joined);
  /* Translators: "4 more ethics hours by 2027-03-31". */
  return g_strdup_printf (_("%s by %s"), joined, progress->deadline);
}

/* Adds an item for each domain of @requirements, in the domains' order. */
static gboolean
add_domain_items (PdDatabase           *db,
                  PdProgress           *progress,
                  const PdRequirements *requirements,
                  GHashTable           *earned,
                  GError              **error)
{
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GList) codes = NULL;
  sqlite3_stmt *stmt;
  int rc;

  /* Archived domains too: a template may still ask for one. */
  stmt = pd_database_prepare (db,
                              "SELECT code, label FROM training_domains ORDER BY position, id",
                              error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);
      gpointer needed;

      if (!g_hash_table_lookup_extended (requirements->domain_quarters, code, NULL, &needed))
        continue;
      add_item (progress, code, (const char *) sqlite3_column_text (stmt, 1),
                GPOINTER_TO_UINT (needed),
                GPOINTER_TO_UINT (g_hash_table_lookup (earned, code)));
      g_hash_table_add (done, g_strdup (code));
    }
  if (!finish_rows (db, stmt, rc, error))
    return FALSE;

  /* A domain the database lacks is still measured, under its code. */
  codes = g_hash_table_get_keys (requirements->domain_quarters);
  codes = g_list_sort (codes, (GCompareFunc) strcmp);
  for (GList *l = codes; l != NULL; l = l->next)
    {
      const char *code = l->data;

      if (g_hash_table_contains (done, code))
        continue;
      add_item (progress, code, code,
                GPOINTER_TO_UINT (g_hash_table_lookup (requirements->domain_quarters, code)),
                GPOINTER_TO_UINT (g_hash_table_lookup (earned, code)));
    }
  return TRUE;
}

PdProgress *
pd_credential_progress (PdDatabase                 *db,
                        const PdCredential         *credential,
                        const PdCredentialTemplate *template,
                        const char                 *today,
                        GError                    **error)
{
  g_autoptr(PdProgress) progress = NULL;
  g_autofree char *day = NULL;
  g_autoptr(GHashTable) earned = NULL;
  const PdRequirements *requirements;
  TrainingCount count = { 0, NULL };
  const char *issued, *expiry;
  GDate parsed;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (credential != NULL, NULL);
  g_return_val_if_fail (template != NULL, NULL);

  day = today ? g_strdup (today) : pd_date_today ();
  if (!pd_date_parse (day, &parsed))
    {
      g_autofree char *excerpt = pd_text_excerpt (day, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("“%s” is not a date (YYYY-MM-DD)"),
                   excerpt);
      return NULL;
    }
  issued = credential->issued_date ? credential->issued_date : "";
  expiry = credential->expiry_date ? credential->expiry_date : "";
  if (!check_date (_("Issued"), issued, TRUE, error) ||
      !check_date (_("Expires"), expiry, TRUE, error))
    return NULL;

  progress = g_new0 (PdProgress, 1);
  progress->items = g_ptr_array_new_with_free_func ((GDestroyNotify) progress_item_free);

  if (*issued == '\0')
    {
      requirements = &template->initial;
      progress->renewal = FALSE;
      progress->from = NULL;
      progress->to = g_steal_pointer (&day);
      progress->deadline = *expiry != '\0' ? g_strdup (expiry) : NULL;
    }
  else
    {
      guint months = credential->renewal_cycle_months ? credential->renewal_cycle_months
                                                      : template->renewal_cycle_months;
      g_autofree char *start = NULL;

      requirements = &template->renewal;
      progress->renewal = TRUE;
      progress->to = *expiry != '\0' ? g_strdup (expiry) : pd_date_add_months (issued, months);
      start = pd_date_add_months (progress->to, -(int) months);
      /* Hours before the credential was issued earned it; they do not
       * renew it. */
      progress->from = g_strdup (start != NULL && strcmp (start, issued) > 0 ? start : issued);
      progress->deadline = g_strdup (progress->to);
    }
  if (progress->to == NULL)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Expires: the credential’s renewal cannot be worked out"));
      return NULL;
    }

  earned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  count.domains = earned;
  if (!count_training (db, credential->volunteer_id, progress->from ? progress->from : "",
                       progress->to, template->split_multi_domain, &count, error))
    return NULL;

  add_item (progress, "total", _("Training hours"), requirements->total_quarters, count.total);
  if (!add_domain_items (db, progress, requirements, earned, error))
    return NULL;
  if (requirements->practice_quarters > 0)
    {
      guint64 quarters;

      if (!sum_between (db,
                        "SELECT coalesce (sum (quarter_hours), 0) FROM hours"
                        " WHERE volunteer_id = ? AND date >= ? AND date <= ?",
                        credential->volunteer_id, progress->from ? progress->from : "",
                        progress->to, &quarters, error))
        return NULL;
      add_item (progress, "practice", _("Practice hours"), requirements->practice_quarters,
                (guint) MIN (quarters, G_MAXUINT));
    }
  if (requirements->supervised_quarters > 0)
    {
      guint64 minutes;

      if (!sum_between (db,
                        "SELECT coalesce (sum (minutes), 0) FROM supervision"
                        " WHERE volunteer_id = ? AND date >= ? AND date <= ?",
                        credential->volunteer_id, progress->from ? progress->from : "",
                        progress->to, &minutes, error))
        return NULL;
      add_item (progress, "supervised", _("Supervised hours"), requirements->supervised_quarters,
                (guint) MIN (minutes / 15, G_MAXUINT));
    }

  progress->missing = describe_missing (progress);
  return g_steal_pointer (&progress);
}

/* Alerts */

static PdAlert *
new_alert (PdAlertKind  kind,
           gint64       volunteer_id,
           const char  *volunteer_name,
           const char  *what,
           const char  *date)
{
  PdAlert *alert = g_new0 (PdAlert, 1);

  alert->kind = kind;
  alert->volunteer_id = volunteer_id;
  alert->volunteer_name = g_strdup (volunteer_name);
  alert->what = g_strdup (what);
  alert->date = g_strdup (date);
  return alert;
}

static int
compare_alerts (gconstpointer a,
                gconstpointer b)
{
  const PdAlert *aa = *(PdAlert * const *) a;
  const PdAlert *ab = *(PdAlert * const *) b;
  int cmp;

  if ((cmp = strcmp (aa->date, ab->date)) != 0)
    return cmp;
  if (aa->kind != ab->kind)
    return aa->kind < ab->kind ? -1 : 1;
  if ((cmp = g_utf8_collate (aa->volunteer_name, ab->volunteer_name)) != 0)
    return cmp;
  if ((cmp = g_utf8_collate (aa->what, ab->what)) != 0)
    return cmp;
  return aa->volunteer_id < ab->volunteer_id ? -1 : aa->volunteer_id > ab->volunteer_id;
}

/* Every alert, in SQL: ?1 is today, ?2 the last day of the renewal
 * window, ?3 a limit (-1 for none). Columns: kind (a PdAlertKind), the
 * volunteer's id and name, the credential or course, the date, whether the
 * course was never completed, and how many alerts there are in all.
 *
 * A credential renewed as a new record leaves the old one expired: only
 * the one of a name that expires last is followed. A yearly course is due
 * a year after it was last completed (a 29 February's year ends on the
 * 28th, as pd_date_add_months() has it), or today if never. Sorted by
 * urgency: expired credentials, then those expiring soonest, then the
 * trainings due, each oldest date first. */
#define ALERTS_QUERY \
  "WITH yearly (volunteer_id, volunteer_name, title, last) AS MATERIALIZED (" \
  "  SELECT v.id, v.display_name, co.title," \
  "   (SELECT max (x.date) FROM completions AS x" \
  "    WHERE x.volunteer_id = v.id AND x.course_id = co.id)" \
  "  FROM volunteers AS v CROSS JOIN courses AS co" \
  "  WHERE v.status = 'active' AND co.required_yearly = 1)," \
  " due (volunteer_id, volunteer_name, title, date, never) AS (" \
  "  SELECT volunteer_id, volunteer_name, title," \
  "   CASE WHEN last IS NULL THEN ?1" \
  "        WHEN substr (last, 6, 5) = '02-29'" \
  "        THEN printf ('%04d-02-28', substr (last, 1, 4) + 1)" \
  "        ELSE printf ('%04d', substr (last, 1, 4) + 1) || substr (last, 5) END," \
  "   last IS NULL" \
  "  FROM yearly)," \
  " alerts (kind, volunteer_id, volunteer_name, what, date, never) AS (" \
  "  SELECT CASE WHEN c.expiry_date < ?1 THEN 1 ELSE 0 END," \
  "   c.volunteer_id, v.display_name, c.name, c.expiry_date, 0" \
  "  FROM credentials AS c JOIN volunteers AS v ON v.id = c.volunteer_id" \
  "  WHERE v.status = 'active' AND c.issued_date <> ''" \
  "   AND c.expiry_date <> '' AND c.expiry_date <= ?2" \
  "   AND NOT EXISTS (SELECT 1 FROM credentials AS n" \
  "    WHERE n.volunteer_id = c.volunteer_id AND n.id <> c.id" \
  "    AND n.name = c.name COLLATE NOCASE AND n.expiry_date > c.expiry_date)" \
  "  UNION ALL" \
  "  SELECT 2, volunteer_id, volunteer_name, title, date, never FROM due" \
  "  WHERE never OR date < ?1)" \
  " SELECT kind, volunteer_id, volunteer_name, what, date, never, count(*) OVER ()" \
  " FROM alerts" \
  " ORDER BY CASE kind WHEN 1 THEN 0 WHEN 0 THEN 1 ELSE 2 END, date," \
  "  pd_fold (volunteer_name), what, volunteer_id" \
  " LIMIT ?3"

G_STATIC_ASSERT (PD_ALERT_CREDENTIAL_EXPIRING == 0 && PD_ALERT_CREDENTIAL_EXPIRED == 1 &&
                 PD_ALERT_TRAINING_DUE == 2);

static PdAlert *
read_alert (sqlite3_stmt *stmt)
{
  PdAlertKind kind = (PdAlertKind) sqlite3_column_int (stmt, 0);
  const char *what = (const char *) sqlite3_column_text (stmt, 3);
  const char *date = (const char *) sqlite3_column_text (stmt, 4);
  PdAlert *alert = new_alert (kind, sqlite3_column_int64 (stmt, 1),
                              (const char *) sqlite3_column_text (stmt, 2), what, date);

  switch (kind)
    {
    case PD_ALERT_CREDENTIAL_EXPIRED:
      /* Translators: "IC&RC Peer Recovery expired on 2026-03-01". */
      alert->message = g_strdup_printf (_("%s expired on %s"), what, date);
      break;
    case PD_ALERT_CREDENTIAL_EXPIRING:
      /* Translators: "IC&RC Peer Recovery expires on 2026-03-31". */
      alert->message = g_strdup_printf (_("%s expires on %s"), what, date);
      break;
    case PD_ALERT_TRAINING_DUE:
    default:
      alert->never_completed = sqlite3_column_int (stmt, 5) != 0;
      if (alert->never_completed)
        /* Translators: "Naloxone training is due: never completed". */
        alert->message = g_strdup_printf (_("%s is due: never completed"), what);
      else
        /* Translators: "Naloxone training was due on 2026-02-14": a course
         * required every year, a year after it was last completed. */
        alert->message = g_strdup_printf (_("%s was due on %s"), what, date);
      break;
    }
  return alert;
}

static GPtrArray *
query_alerts (PdDatabase  *db,
              const char  *today,
              guint        window_days,
              guint        limit,
              guint       *n_alerts,
              GError     **error)
{
  g_autoptr(GPtrArray) alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_alert_free);
  g_autofree char *day = NULL;
  g_autofree char *until = NULL;
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  day = today ? g_strdup (today) : pd_date_today ();
  until = date_add_days (day, window_days);
  if (until == NULL)
    {
      g_autofree char *excerpt = pd_text_excerpt (day, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("“%s” is not a date (YYYY-MM-DD)"),
                   excerpt);
      return NULL;
    }

  stmt = pd_database_prepare (db, ALERTS_QUERY, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, until, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, limit > 0 ? (gint64) limit : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      n = (guint) MIN (sqlite3_column_int64 (stmt, 6), G_MAXUINT);
      g_ptr_array_add (alerts, read_alert (stmt));
    }
  if (!finish_rows (db, stmt, rc, error))
    return NULL;
  if (n_alerts != NULL)
    *n_alerts = n;
  return g_steal_pointer (&alerts);
}

GPtrArray *
pd_alerts_list (PdDatabase  *db,
                const char  *today,
                guint        window_days,
                GError     **error)
{
  g_autoptr(GPtrArray) alerts = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  alerts = query_alerts (db, today, window_days, 0, NULL, error);
  if (alerts == NULL)
    return NULL;
  g_ptr_array_sort (alerts, compare_alerts);
  return g_steal_pointer (&alerts);
}

GPtrArray *
pd_alerts_list_urgent (PdDatabase  *db,
                       const char  *today,
                       guint        window_days,
                       guint        limit,
                       guint       *n_alerts,
                       GError     **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (limit > 0, NULL);

  return query_alerts (db, today, window_days, limit, n_alerts, error);
}

typedef struct
{
  char *path;
  char *today;
  guint window_days;
  guint limit;
  guint n_alerts;
} AlertsJob;

static void
alerts_job_free (AlertsJob *job)
{
  g_free (job->path);
  g_free (job->today);
  g_free (job);
}

/* On a connection of its own, so the window goes on drawing while SQLite
 * reads the volunteers and their courses. */
static void
alerts_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  AlertsJob *job = task_data;
  g_autoptr(PdDatabase) reader = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *alerts;

  reader = pd_database_open_full (job->path, PD_SCHEMA_VERSION, PD_DATABASE_OPEN_EXISTING,
                                  &error);
  if (reader == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  alerts = query_alerts (reader, job->today, job->window_days, job->limit, &job->n_alerts,
                         &error);
  if (alerts == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, alerts, (GDestroyNotify) g_ptr_array_unref);
}

void
pd_alerts_list_urgent_async (PdDatabase          *db,
                             const char          *today,
                             guint                window_days,
                             guint                limit,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AlertsJob *job;

  g_return_if_fail (PD_IS_DATABASE (db));
  g_return_if_fail (limit > 0);

  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, pd_alerts_list_urgent_async);
  job = g_new0 (AlertsJob, 1);
  job->path = g_strdup (pd_database_get_path (db));
  job->today = today ? g_strdup (today) : pd_date_today ();
  job->window_days = window_days;
  job->limit = limit;
  g_task_set_task_data (task, job, (GDestroyNotify) alerts_job_free);
  g_task_run_in_thread (task, alerts_in_thread);
}

GPtrArray *
pd_alerts_list_urgent_finish (PdDatabase    *db,
                              GAsyncResult  *result,
                              guint         *n_alerts,
                              GError       **error)
{
  GPtrArray *alerts;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (g_task_is_valid (result, db), NULL);

  alerts = g_task_propagate_pointer (G_TASK (result), error);
  if (alerts != NULL && n_alerts != NULL)
    *n_alerts = ((AlertsJob *) g_task_get_task_data (G_TASK (result)))->n_alerts;
  return alerts;
}

PdCredentialStatus
pd_credential_status (const PdCredential *credential,
                      const char         *today,
                      guint               window_days)
{
  g_autofree char *day = NULL;
  g_autofree char *until = NULL;

  g_return_val_if_fail (credential != NULL, PD_CREDENTIAL_WORKING_TOWARD);

  if (pd_text_is_blank (credential->issued_date))
    return PD_CREDENTIAL_WORKING_TOWARD;
  if (pd_text_is_blank (credential->expiry_date))
    return PD_CREDENTIAL_HELD;
  day = today ? g_strdup (today) : pd_date_today ();
  if (strcmp (credential->expiry_date, day) < 0)
    return PD_CREDENTIAL_EXPIRED;
  until = date_add_days (day, window_days);
  if (until != NULL && strcmp (credential->expiry_date, until) <= 0)
    return PD_CREDENTIAL_EXPIRING;
  return PD_CREDENTIAL_HELD;
}
