/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "pd-database-private.h"
#include "pd-error.h"
#include "pd-label-list.h"
#include "pd-groups.h"
#include "pd-text.h"
#include "pd-volunteers.h"

static const PdLabelList role_list = {
  .find_sql = "SELECT id, label FROM volunteer_roles",
  .insert_sql = "INSERT INTO volunteer_roles (label, position)"
                " SELECT :label, coalesce (max (position), 0) + 1 FROM volunteer_roles",
  .rename_sql = "UPDATE volunteer_roles SET label = :label WHERE id = :id",
  .exists_sql = "SELECT 1 FROM volunteer_roles WHERE id = :id",
  .changed = "volunteer_roles",
  .also_changed = "volunteers",   /* volunteers are shown with their roles */
  .max_length = 80,
  .not_utf8 = N_("The role is not valid UTF-8 text"),
  .empty = N_("A volunteer role needs a name"),
  .too_long = N_("The name of a volunteer role can have at most %d characters"),
  .duplicate = N_("There is already a volunteer role “%s”"),
  .not_found = N_("There is no volunteer role with id %" PRId64),
};
#define MAX_TEXT_LENGTH 200
#define MAX_NOTES_LENGTH 20000
#define MAX_QUARTERS_A_DAY (24 * 4)
#define MAX_MINUTES_A_DAY (24 * 60)
/* More hours than anyone logs in one go, small enough that quarters of
 * them never overflow. */
#define MAX_PARSED_HOURS 100000

/* Hours logged from a group session. Like the seeded roles, it is data
 * kept in one language, so that totals by activity add up whatever the
 * language of the person who logged them. */
#define FACILITATOR_ACTIVITY "Group facilitator"

#define VOLUNTEER_COLUMNS \
  "id, coalesce (member_id, 0), display_name, phone, email, start_date," \
  " background_check_date, status, notes"

#define HOURS_COLUMNS \
  "id, volunteer_id, date, activity, quarter_hours, coalesce (session_id, 0), approved_by"

#define SUPERVISION_COLUMNS \
  "id, volunteer_id, date, supervisor, minutes, kind, notes"

static const PdCode volunteer_statuses[] = {
  { "active", N_("Active") },
  { "on_leave", N_("On leave") },
  { "former", N_("Former") },
  { NULL, NULL }
};

static const PdCode supervision_kinds[] = {
  { "individual", N_("Individual") },
  { "group", N_("Group") },
  { NULL, NULL }
};

const PdCode *
pd_volunteer_statuses (void)
{
  return volunteer_statuses;
}

const PdCode *
pd_supervision_kinds (void)
{
  return supervision_kinds;
}

static inline const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

/* Trims a text field in place, giving NULL the value "". */
static void
strip_field (char **field)
{
  if (*field == NULL)
    *field = g_strdup ("");
  g_strstrip (*field);
}

/* Whether the row @sql selects with @id as its one parameter exists. */
static gboolean
check_exists (PdDatabase  *db,
              const char  *sql,
              gint64       id,
              gboolean    *exists,
              GError     **error)
{
  sqlite3_stmt *stmt = pd_database_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!pd_database_step_one (db, stmt, exists, error))
    return FALSE;
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
check_volunteer_exists (PdDatabase  *db,
                        gint64       id,
                        GError     **error)
{
  gboolean exists;

  if (!check_exists (db, "SELECT 1 FROM volunteers WHERE id = ?", id, &exists, error))
    return FALSE;
  if (!exists)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("There is no volunteer with id %" PRId64), id);
      return FALSE;
    }
  return TRUE;
}

/* Checks a date that says when something happened: valid, and not after
 * today. @what names the field. */
static gboolean
validate_past_date (const char  *what,
                    const char  *date,
                    gboolean     required,
                    GError     **error)
{
  g_autofree char *today = NULL;
  GDate parsed;

  if (pd_text_is_blank (date))
    {
      if (!required)
        return TRUE;
      /* TRANSLATORS: %s is the name of a field, as "start date" */
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("%s: this is required"), what);
      return FALSE;
    }
  if (!pd_date_parse (date, &parsed))
    {
      g_autofree char *excerpt = pd_text_excerpt (date, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("%s: “%s” is not a date (YYYY-MM-DD)"),
                   what, excerpt);
      return FALSE;
    }
  /* Both are zero-padded ISO dates, which sort as text. */
  today = pd_date_today ();
  if (strcmp (date, today) > 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("%s: %s is in the future"), what, date);
      return FALSE;
    }
  return TRUE;
}

static gboolean
validate_text (const char  *what,
               const char  *text,
               gboolean     required,
               glong        max_length,
               GError     **error)
{
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("%s: the text is not valid UTF-8"), what);
      return FALSE;
    }
  if (required && pd_text_is_blank (text))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("%s: this is required"), what);
      return FALSE;
    }
  if (text != NULL && g_utf8_strlen (text, -1) > max_length)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("%s: the text is too long (at most %ld characters)"), what, max_length);
      return FALSE;
    }
  return TRUE;
}

/* Volunteers */

PdVolunteer *
pd_volunteer_new (void)
{
  PdVolunteer *volunteer = g_new0 (PdVolunteer, 1);

  volunteer->display_name = g_strdup ("");
  volunteer->phone = g_strdup ("");
  volunteer->email = g_strdup ("");
  volunteer->start_date = pd_date_today ();
  volunteer->background_check_date = g_strdup ("");
  volunteer->status = g_strdup ("active");
  volunteer->notes = g_strdup ("");
  volunteer->role_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return volunteer;
}

void
pd_volunteer_free (PdVolunteer *volunteer)
{
  if (volunteer == NULL)
    return;
  g_free (volunteer->display_name);
  g_free (volunteer->phone);
  g_free (volunteer->email);
  g_free (volunteer->start_date);
  g_free (volunteer->background_check_date);
  g_free (volunteer->status);
  g_free (volunteer->notes);
  g_clear_pointer (&volunteer->role_ids, g_array_unref);
  g_free (volunteer);
}

void
pd_role_free (PdRole *role)
{
  if (role == NULL)
    return;
  g_free (role->label);
  g_free (role);
}

void
pd_hours_free (PdHours *hours)
{
  if (hours == NULL)
    return;
  g_free (hours->date);
  g_free (hours->activity);
  g_free (hours->approved_by);
  g_free (hours);
}

void
pd_supervision_free (PdSupervision *supervision)
{
  if (supervision == NULL)
    return;
  g_free (supervision->date);
  g_free (supervision->supervisor);
  g_free (supervision->kind);
  g_free (supervision->notes);
  g_free (supervision);
}

void
pd_hours_total_free (PdHoursTotal *total)
{
  if (total == NULL)
    return;
  g_free (total->period);
  g_free (total->activity);
  g_free (total);
}

/* Phone numbers and email addresses follow the rules of a member's, so
 * that a volunteer's record can be filled in from theirs and back. */
static gboolean
validate_contact (const char     *what,
                  PdMemberField   field,
                  const char     *value,
                  GError        **error)
{
  g_autofree char *normalized = pd_member_normalize_value (field, value);
  g_autoptr(GError) local_error = NULL;

  if (!pd_member_validate_value (field, normalized, &local_error))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, "%s: %s", what, local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
pd_volunteer_validate (const PdVolunteer  *volunteer,
                       GError            **error)
{
  g_return_val_if_fail (volunteer != NULL, FALSE);

  if (!validate_text (_("display name"), volunteer->display_name, TRUE, MAX_TEXT_LENGTH, error) ||
      !validate_contact (_("phone"), PD_MEMBER_FIELD_PHONE, volunteer->phone, error) ||
      !validate_contact (_("email"), PD_MEMBER_FIELD_EMAIL, volunteer->email, error) ||
      !validate_past_date (_("start date"), volunteer->start_date, TRUE, error))
    return FALSE;

  if (!pd_text_is_blank (volunteer->background_check_date))
    {
      GDate parsed;

      if (!pd_date_parse (volunteer->background_check_date, &parsed))
        {
          g_autofree char *excerpt = pd_text_excerpt (volunteer->background_check_date, -1);

          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("background check date: “%s” is not a date (YYYY-MM-DD)"), excerpt);
          return FALSE;
        }
    }

  if (pd_code_label (volunteer_statuses, volunteer->status) == NULL)
    {
      g_autofree char *known = pd_codes_list (volunteer_statuses);
      g_autofree char *excerpt = pd_text_excerpt (volunteer->status, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("status: “%s” is not a known code (one of: %s)"), excerpt, known);
      return FALSE;
    }

  return validate_text (_("notes"), volunteer->notes, FALSE, MAX_NOTES_LENGTH, error);
}

/* Puts what was typed in its stored form, then validates it. */
static gboolean
prepare_volunteer (PdVolunteer  *volunteer,
                   GError      **error)
{
  char **texts[] = { &volunteer->display_name, &volunteer->start_date,
                     &volunteer->background_check_date, &volunteer->status };
  char *value;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    strip_field (texts[i]);
  if (volunteer->notes == NULL)
    volunteer->notes = g_strdup ("");
  if (volunteer->role_ids == NULL)
    volunteer->role_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  value = pd_member_normalize_value (PD_MEMBER_FIELD_PHONE, volunteer->phone);
  g_free (volunteer->phone);
  volunteer->phone = value;
  value = pd_member_normalize_value (PD_MEMBER_FIELD_EMAIL, volunteer->email);
  g_free (volunteer->email);
  volunteer->email = value;

  return pd_volunteer_validate (volunteer, error);
}

/* The member a volunteer is linked to must exist, and be linked to no
 * other volunteer: one person, one volunteer record. */
static gboolean
check_member_link (PdDatabase         *db,
                   const PdVolunteer  *volunteer,
                   GError            **error)
{
  g_autofree char *other_name = NULL;
  sqlite3_stmt *stmt;
  gboolean exists, found;

  if (volunteer->member_id == 0)
    return TRUE;

  if (!check_exists (db, "SELECT 1 FROM members WHERE id = ?", volunteer->member_id, &exists,
                     error))
    return FALSE;
  if (!exists)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("member: there is no member with id %" PRId64),
                   volunteer->member_id);
      return FALSE;
    }

  stmt = pd_database_prepare (db,
                              "SELECT display_name FROM volunteers"
                              " WHERE member_id = ?1 AND id <> ?2",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, volunteer->member_id);
  sqlite3_bind_int64 (stmt, 2, volunteer->id);
  if (!pd_database_step_one (db, stmt, &found, error))
    return FALSE;
  if (found)
    other_name = pd_database_column_dup (stmt, 0);
  sqlite3_reset (stmt);

  if (other_name != NULL)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_DUPLICATE,
                   _("member: member %" PRId64 " is linked to the volunteer “%s” already"),
                   volunteer->member_id, other_name);
      return FALSE;
    }
  return TRUE;
}

/* Replaces the volunteer's roles with those of @volunteer; the caller
 * holds a transaction. */
static gboolean
write_roles (PdDatabase         *db,
             const PdVolunteer  *volunteer,
             GError            **error)
{
  sqlite3_stmt *stmt;

  for (guint i = 0; i < volunteer->role_ids->len; i++)
    {
      gint64 role_id = g_array_index (volunteer->role_ids, gint64, i);
      gboolean exists;

      if (!check_exists (db, "SELECT 1 FROM volunteer_roles WHERE id = ?", role_id, &exists,
                         error))
        return FALSE;
      if (!exists)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("roles: there is no role with id %" PRId64), role_id);
          return FALSE;
        }
    }

  stmt = pd_database_prepare (db, "DELETE FROM volunteer_role_links WHERE volunteer_id = ?",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, volunteer->id);
  if (!pd_database_step_done (db, stmt, error))
    return FALSE;

  /* A role listed twice is held once. */
  stmt = pd_database_prepare (db,
                              "INSERT OR IGNORE INTO volunteer_role_links (volunteer_id, role_id)"
                              " VALUES (?, ?)",
                              error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < volunteer->role_ids->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, volunteer->id);
      sqlite3_bind_int64 (stmt, 2, g_array_index (volunteer->role_ids, gint64, i));
      if (!pd_database_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Binds the columns of a volunteer as ?1 to ?8, in VOLUNTEER_COLUMNS order
 * after the id. */
static void
bind_volunteer (sqlite3_stmt       *stmt,
                const PdVolunteer  *volunteer)
{
  if (volunteer->member_id != 0)
    sqlite3_bind_int64 (stmt, 1, volunteer->member_id);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_text (stmt, 2, volunteer->display_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, volunteer->phone, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, volunteer->email, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, volunteer->start_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, volunteer->background_check_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, volunteer->status, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, volunteer->notes, -1, SQLITE_TRANSIENT);
}

gint64
pd_volunteers_insert (PdDatabase   *db,
                      PdVolunteer  *volunteer,
                      GError      **error)
{
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PD_IS_DATABASE (db), 0);
  g_return_val_if_fail (volunteer != NULL, 0);

  volunteer->id = 0;
  if (!prepare_volunteer (volunteer, error))
    return 0;

  if (!pd_database_begin (db, error))
    return 0;
  if (!check_member_link (db, volunteer, error))
    goto fail;

  stmt = pd_database_prepare (db,
                              "INSERT INTO volunteers (member_id, display_name, phone, email,"
                              " start_date, background_check_date, status, notes, created_at,"
                              " updated_at)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                              error);
  if (stmt == NULL)
    goto fail;
  now = pd_timestamp_now ();
  bind_volunteer (stmt, volunteer);
  sqlite3_bind_text (stmt, 9, now, -1, SQLITE_STATIC);
  if (!pd_database_step_done (db, stmt, error))
    goto fail;
  volunteer->id = sqlite3_last_insert_rowid (pd_database_get_handle (db));

  if (!write_roles (db, volunteer, error))
    goto fail;

  if (!pd_database_commit (db, error))
    {
      volunteer->id = 0;
      return 0;
    }
  pd_database_notify_changed (db, "volunteers");
  return volunteer->id;

fail:
  pd_database_rollback (db);
  volunteer->id = 0;
  return 0;
}

gboolean
pd_volunteers_update (PdDatabase   *db,
                      PdVolunteer  *volunteer,
                      GError      **error)
{
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (volunteer != NULL, FALSE);

  if (!prepare_volunteer (volunteer, error))
    return FALSE;

  if (!pd_database_begin (db, error))
    return FALSE;
  if (!check_volunteer_exists (db, volunteer->id, error) ||
      !check_member_link (db, volunteer, error))
    goto fail;

  stmt = pd_database_prepare (db,
                              "UPDATE volunteers SET member_id = ?1, display_name = ?2, phone = ?3,"
                              " email = ?4, start_date = ?5, background_check_date = ?6,"
                              " status = ?7, notes = ?8, updated_at = ?9"
                              " WHERE id = ?10",
                              error);
  if (stmt == NULL)
    goto fail;
  now = pd_timestamp_now ();
  bind_volunteer (stmt, volunteer);
  sqlite3_bind_text (stmt, 9, now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 10, volunteer->id);
  if (!pd_database_step_done (db, stmt, error) || !write_roles (db, volunteer, error))
    goto fail;

  if (!pd_database_commit (db, error))
    return FALSE;
  pd_database_notify_changed (db, "volunteers");
  return TRUE;

fail:
  pd_database_rollback (db);
  return FALSE;
}

static PdVolunteer *
volunteer_from_row (sqlite3_stmt *stmt)
{
  PdVolunteer *volunteer = g_new0 (PdVolunteer, 1);

  volunteer->id = sqlite3_column_int64 (stmt, 0);
  volunteer->member_id = sqlite3_column_int64 (stmt, 1);
  volunteer->display_name = pd_database_column_dup (stmt, 2);
  volunteer->phone = pd_database_column_dup (stmt, 3);
  volunteer->email = pd_database_column_dup (stmt, 4);
  volunteer->start_date = pd_database_column_dup (stmt, 5);
  volunteer->background_check_date = pd_database_column_dup (stmt, 6);
  volunteer->status = pd_database_column_dup (stmt, 7);
  volunteer->notes = pd_database_column_dup (stmt, 8);
  volunteer->role_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return volunteer;
}

/* Fills in the ids of the volunteer's roles, in the order of the list of
 * roles. */
static gboolean
read_roles (PdDatabase   *db,
            PdVolunteer  *volunteer,
            GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = pd_database_prepare (db,
                              "SELECT l.role_id FROM volunteer_role_links AS l"
                              " JOIN volunteer_roles AS r ON r.id = l.role_id"
                              " WHERE l.volunteer_id = ?"
                              " ORDER BY r.position, r.id",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, volunteer->id);
  g_array_set_size (volunteer->role_ids, 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 role_id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (volunteer->role_ids, role_id);
    }
  if (rc != SQLITE_DONE)
    pd_database_set_error (db, error);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

/* Steps @stmt to its end collecting its volunteers, without their roles,
 * and resets it. */
static GPtrArray *
collect_volunteers (PdDatabase    *db,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  g_autoptr(GPtrArray) volunteers =
    g_ptr_array_new_with_free_func ((GDestroyNotify) pd_volunteer_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (volunteers, volunteer_from_row (stmt));
  if (rc != SQLITE_DONE)
    pd_database_set_error (db, error);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? g_steal_pointer (&volunteers) : NULL;
}

static gboolean
read_all_roles (PdDatabase  *db,
                GPtrArray   *volunteers,
                GError     **error)
{
  for (guint i = 0; i < volunteers->len; i++)
    if (!read_roles (db, g_ptr_array_index (volunteers, i), error))
      return FALSE;
  return TRUE;
}

PdVolunteer *
pd_volunteers_get (PdDatabase  *db,
                   gint64       id,
                   GError     **error)
{
  g_autoptr(GPtrArray) volunteers = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  stmt = pd_database_prepare (db, "SELECT " VOLUNTEER_COLUMNS " FROM volunteers WHERE id = ?",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  volunteers = collect_volunteers (db, stmt, error);
  if (volunteers == NULL || !read_all_roles (db, volunteers, error))
    return NULL;
  if (volunteers->len == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("There is no volunteer with id %" PRId64), id);
      return NULL;
    }
  return g_ptr_array_steal_index (volunteers, 0);
}

/* "12" or "#12", as a volunteer's id is written. */
static gboolean
parse_id (const char *text,
          gint64     *id)
{
  guint64 value;

  if (*text == '#')
    text++;
  if (*text == '\0' || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64) value;
  return TRUE;
}

/* Volunteers are a few dozen or a few hundred, never the members' millions,
 * so names are compared in C: SQLite's NOCASE only folds ASCII letters. */
PdVolunteer *
pd_volunteers_find (PdDatabase  *db,
                    const char  *name_or_id,
                    GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *wanted = NULL;
  g_autofree char *excerpt = NULL;
  g_autoptr(GPtrArray) volunteers = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  guint index = 0;
  gint64 id;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (name_or_id != NULL, NULL);

  trimmed = g_strstrip (g_strdup (name_or_id));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                           _("volunteer: give a name or an id"));
      return NULL;
    }

  if (parse_id (trimmed, &id))
    {
      g_autoptr(GError) local_error = NULL;
      PdVolunteer *volunteer = pd_volunteers_get (db, id, &local_error);

      /* A name made of digits alone is still found by its name. */
      if (volunteer != NULL || !g_error_matches (local_error, PD_ERROR, PD_ERROR_NOT_FOUND))
        {
          if (local_error != NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
          return volunteer;
        }
    }

  volunteers = pd_volunteers_list (db, NULL, NULL, error);
  if (volunteers == NULL)
    return NULL;

  wanted = pd_text_fold_case (trimmed);
  matches = g_ptr_array_new ();
  for (guint i = 0; i < volunteers->len; i++)
    {
      PdVolunteer *volunteer = g_ptr_array_index (volunteers, i);
      g_autofree char *folded = pd_text_fold_case (volunteer->display_name);

      if (strcmp (folded, wanted) == 0)
        {
          if (matches->len == 0)
            index = i;
          g_ptr_array_add (matches, volunteer);
        }
    }

  if (matches->len == 0)
    {
      excerpt = pd_text_excerpt (trimmed, -1);
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND, _("There is no volunteer “%s”"), excerpt);
      return NULL;
    }
  if (matches->len > 1)
    {
      GString *candidates = g_string_new (NULL);
      g_autofree char *list = NULL;

      for (guint i = 0; i < matches->len; i++)
        {
          PdVolunteer *volunteer = g_ptr_array_index (matches, i);

          if (i > 0)
            g_string_append (candidates, ", ");
          /* TRANSLATORS: a volunteer in a list of those with the same name */
          g_string_append_printf (candidates, _("%s (id %" PRId64 ")"),
                                  volunteer->display_name, volunteer->id);
        }
      list = g_string_free (candidates, FALSE);
      excerpt = pd_text_excerpt (trimmed, -1);
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” is the name of several volunteers: %s; give the id of one of them"),
                   excerpt, list);
      return NULL;
    }

  return g_ptr_array_steal_index (volunteers, index);
}

typedef struct
{
  char        *key;
  PdVolunteer *volunteer;
  guint        index;
} SortEntry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const SortEntry *ea = a, *eb = b;
  int cmp = strcmp (ea->key, eb->key);

  if (cmp != 0)
    return cmp;
  return (ea->volunteer->id > eb->volunteer->id) - (ea->volunteer->id < eb->volunteer->id);
}

/* Keeps the volunteers whose folded name contains @needle (all of them when
 * it is NULL), sorted by their folded names so that "Émile" comes beside
 * "Emile", not after "Zoe" as SQLite's NOCASE would have it. */
static GPtrArray *
filter_and_sort (GPtrArray  *volunteers,
                 const char *needle)
{
  GPtrArray *result = g_ptr_array_new_full (volunteers->len, (GDestroyNotify) pd_volunteer_free);
  g_autoptr(GArray) entries = g_array_sized_new (FALSE, FALSE, sizeof (SortEntry),
                                                 volunteers->len);

  for (guint i = 0; i < volunteers->len; i++)
    {
      SortEntry entry = { pd_text_fold (((PdVolunteer *) volunteers->pdata[i])->display_name),
                          volunteers->pdata[i], i };

      if (needle != NULL && strstr (entry.key, needle) == NULL)
        {
          g_free (entry.key);
          continue;
        }
      g_array_append_val (entries, entry);
    }
  g_array_sort (entries, compare_entries);

  for (guint i = 0; i < entries->len; i++)
    {
      SortEntry *entry = &g_array_index (entries, SortEntry, i);

      /* Taken over by @result; the rest go with @volunteers. */
      g_ptr_array_add (result, entry->volunteer);
      volunteers->pdata[entry->index] = NULL;
      g_free (entry->key);
    }
  return result;
}

GPtrArray *
pd_volunteers_list (PdDatabase  *db,
                    const char  *search,
                    const char  *status,
                    GError     **error)
{
  g_autoptr(GPtrArray) volunteers = NULL;
  g_autoptr(GPtrArray) result = NULL;
  g_autofree char *needle = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  if (status != NULL && pd_code_label (volunteer_statuses, status) == NULL)
    {
      g_autofree char *known = pd_codes_list (volunteer_statuses);
      g_autofree char *excerpt = pd_text_excerpt (status, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("status: “%s” is not a known code (one of: %s)"), excerpt, known);
      return NULL;
    }

  stmt = pd_database_prepare (db,
                              "SELECT " VOLUNTEER_COLUMNS " FROM volunteers"
                              " WHERE ?1 IS NULL OR status = ?1",
                              error);
  if (stmt == NULL)
    return NULL;
  if (status != NULL)
    sqlite3_bind_text (stmt, 1, status, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 1);
  volunteers = collect_volunteers (db, stmt, error);
  if (volunteers == NULL)
    return NULL;

  if (!pd_text_is_blank (search))
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (search));

      needle = pd_text_fold (trimmed);
    }
  result = filter_and_sort (volunteers, needle);
  if (!read_all_roles (db, result, error))
    return NULL;
  return g_steal_pointer (&result);
}

/* Roles */

GPtrArray *
pd_roles_list (PdDatabase  *db,
               gboolean     include_archived,
               GError     **error)
{
  g_autoptr(GPtrArray) roles = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_role_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  stmt = pd_database_prepare (db,
                              "SELECT id, label, archived FROM volunteer_roles"
                              " WHERE archived = 0 OR ?1"
                              " ORDER BY position, id",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_archived ? 1 : 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PdRole *role = g_new0 (PdRole, 1);

      role->id = sqlite3_column_int64 (stmt, 0);
      role->label = pd_database_column_dup (stmt, 1);
      role->archived = sqlite3_column_int (stmt, 2) != 0;
      g_ptr_array_add (roles, role);
    }
  if (rc != SQLITE_DONE)
    pd_database_set_error (db, error);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? g_steal_pointer (&roles) : NULL;
}

/* Reads whether a role is archived; FALSE with PD_ERROR_NOT_FOUND if there
 * is no such role. */
static gboolean
get_role (PdDatabase  *db,
          gint64       id,
          gboolean    *archived,
          GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean found;

  stmt = pd_database_prepare (db, "SELECT archived FROM volunteer_roles WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!pd_database_step_one (db, stmt, &found, error))
    return FALSE;
  if (found && archived != NULL)
    *archived = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);

  if (!found)
    g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                 _("There is no volunteer role with id %" PRId64), id);
  return found;
}

gint64
pd_roles_add (PdDatabase  *db,
              const char  *label,
              GError     **error)
{
  return pd_label_list_add (db, &role_list, label, error);
}

gboolean
pd_roles_rename (PdDatabase  *db,
                 gint64       id,
                 const char  *label,
                 GError     **error)
{
  return pd_label_list_rename (db, &role_list, id, label, error);
}

/* An archived role stays with the volunteers who hold it, and is no
 * longer offered for others. */
gboolean
pd_roles_set_archived (PdDatabase  *db,
                       gint64       id,
                       gboolean     archived,
                       GError     **error)
{
  gboolean was_archived = FALSE;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);

  if (!pd_database_begin (db, error))
    return FALSE;
  if (!get_role (db, id, &was_archived, error))
    goto fail;
  if (!archived == !was_archived)
    {
      pd_database_rollback (db);
      return TRUE;
    }

  stmt = pd_database_prepare (db, "UPDATE volunteer_roles SET archived = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int (stmt, 1, archived ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!pd_database_step_done (db, stmt, error))
    goto fail;

  if (!pd_database_commit (db, error))
    return FALSE;
  pd_database_notify_changed (db, "volunteer_roles");
  return TRUE;

fail:
  pd_database_rollback (db);
  return FALSE;
}

/* Hours */

PdHours *
pd_hours_new (gint64      volunteer_id,
              const char *date,
              const char *activity,
              guint       quarter_hours)
{
  PdHours *hours = g_new0 (PdHours, 1);

  hours->volunteer_id = volunteer_id;
  hours->date = date != NULL ? g_strdup (date) : pd_date_today ();
  hours->activity = g_strdup (or_empty (activity));
  hours->quarter_hours = quarter_hours;
  hours->approved_by = g_strdup ("");
  return hours;
}

typedef enum
{
  HOURS_PARSED,
  HOURS_NOT_A_NUMBER,
  HOURS_NOT_IN_QUARTERS,
} HoursParse;

/* Reads @number, hours without their "h", as a sign, whole hours (the
 * first 12 digits of them, with their count in @n_whole) and quarters. */
static HoursParse
parse_hours_number (const char *number,
                    gboolean   *negative,
                    guint64    *whole,
                    guint      *n_whole,
                    guint      *quarters)
{
  const char *p = number;
  const char *start;

  *negative = FALSE;
  *whole = 0;
  *n_whole = 0;
  if (*p == '-' || *p == '+')
    *negative = *p++ == '-';

  for (; g_ascii_isdigit (*p); p++, (*n_whole)++)
    if (*n_whole < 12)
      *whole = *whole * 10 + (guint64) (*p - '0');

  if (*p == ':')
    {
      /* H:MM, the minutes a whole number of quarters. */
      guint minutes;

      if (*n_whole == 0 || !g_ascii_isdigit (p[1]) || !g_ascii_isdigit (p[2]) || p[3] != '\0')
        return HOURS_NOT_A_NUMBER;
      minutes = (guint) ((p[1] - '0') * 10 + (p[2] - '0'));
      if (minutes >= 60)
        return HOURS_NOT_A_NUMBER;
      if (minutes % 15 != 0)
        return HOURS_NOT_IN_QUARTERS;
      *quarters = minutes / 15;
      return HOURS_PARSED;
    }

  /* A decimal point or a decimal comma, then 25, 5 or 75 and any zeros. */
  if (*p == '.' || *p == ',')
    p++;
  start = p;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p != '\0' || (*n_whole == 0 && p == start))
    return HOURS_NOT_A_NUMBER;
  while (p > start && p[-1] == '0')
    p--;

  if (p == start)
    *quarters = 0;
  else if (p - start == 2 && strncmp (start, "25", 2) == 0)
    *quarters = 1;
  else if (p - start == 1 && *start == '5')
    *quarters = 2;
  else if (p - start == 2 && strncmp (start, "75", 2) == 0)
    *quarters = 3;
  else
    return HOURS_NOT_IN_QUARTERS;
  return HOURS_PARSED;
}

/* Hours are kept exactly, in quarters, so the text is read as digits and
 * never through a floating-point number: 0.1 + 0.2 is not 0.3. */
gboolean
pd_hours_parse (const char  *text,
                guint       *quarter_hours,
                GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *number = NULL;
  g_autofree char *excerpt = NULL;
  gboolean negative;
  guint64 whole;
  guint n_whole, quarters = 0;
  gsize len;

  g_return_val_if_fail (quarter_hours != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (or_empty (text)));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID, _("this is required"));
      return FALSE;
    }

  /* What the messages below show of a value that may be anything. */
  excerpt = pd_text_excerpt (trimmed, -1);

  /* "2h" and "2 h" are how hours are often written. */
  number = g_strdup (trimmed);
  len = strlen (number);
  if (number[len - 1] == 'h' || number[len - 1] == 'H')
    {
      number[len - 1] = '\0';
      g_strchomp (number);
    }

  switch (parse_hours_number (number, &negative, &whole, &n_whole, &quarters))
    {
    case HOURS_NOT_A_NUMBER:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” is not a number of hours (as 2, 1.5 or 1:30)"), excerpt);
      return FALSE;

    case HOURS_NOT_IN_QUARTERS:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” is not in quarter hours (0.25, 0.5, 0.75 …)"), excerpt);
      return FALSE;

    case HOURS_PARSED:
    default:
      break;
    }

  if (negative || (whole == 0 && quarters == 0))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” is not a number of hours above 0"), excerpt);
      return FALSE;
    }
  if (n_whole > 12 || whole >= MAX_PARSED_HOURS)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” is more hours than can be logged at once (less than %d)"), excerpt,
                   MAX_PARSED_HOURS);
      return FALSE;
    }

  *quarter_hours = (guint) whole * 4 + quarters;
  return TRUE;
}

/* Always with a decimal point, whatever the locale, as pd_hours_parse()
 * reads it back. */
char *
pd_hours_format (guint quarter_hours)
{
  static const char *const fractions[] = { "", ".25", ".5", ".75" };

  return g_strdup_printf ("%u%s", quarter_hours / 4, fractions[quarter_hours % 4]);
}

gboolean
pd_hours_validate (const PdHours  *hours,
                   GError        **error)
{
  g_return_val_if_fail (hours != NULL, FALSE);

  if (!validate_past_date (_("date"), hours->date, TRUE, error) ||
      !validate_text (_("activity"), hours->activity, TRUE, MAX_TEXT_LENGTH, error))
    return FALSE;

  if (hours->quarter_hours == 0)
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                           _("hours: there must be more than 0"));
      return FALSE;
    }
  if (hours->quarter_hours > MAX_QUARTERS_A_DAY)
    {
      g_autofree char *text = pd_hours_format (hours->quarter_hours);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("hours: %s is more than the 24 hours of a day"), text);
      return FALSE;
    }

  return validate_text (_("approved by"), hours->approved_by, FALSE, MAX_TEXT_LENGTH, error);
}

static void
prepare_hours (PdHours *hours)
{
  strip_field (&hours->date);
  strip_field (&hours->activity);
  strip_field (&hours->approved_by);
}

/* Inserts one row of hours; the caller holds a transaction. The error
 * names the field, for the caller to say which row. */
static gboolean
insert_hours (PdDatabase  *db,
              PdHours     *hours,
              const char  *now,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  gboolean exists;

  if (!pd_hours_validate (hours, error))
    return FALSE;

  if (!check_exists (db, "SELECT 1 FROM volunteers WHERE id = ?", hours->volunteer_id, &exists,
                     error))
    return FALSE;
  if (!exists)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("volunteer: there is no volunteer with id %" PRId64),
                   hours->volunteer_id);
      return FALSE;
    }
  if (hours->session_id != 0)
    {
      if (!check_exists (db, "SELECT 1 FROM sessions WHERE id = ?", hours->session_id, &exists,
                         error))
        return FALSE;
      if (!exists)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("session: there is no session with id %" PRId64),
                       hours->session_id);
          return FALSE;
        }
    }

  stmt = pd_database_prepare (db,
                              "INSERT INTO hours (volunteer_id, date, activity, quarter_hours,"
                              " session_id, approved_by, created_at)"
                              " VALUES (?, ?, ?, ?, ?, ?, ?)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, hours->volunteer_id);
  sqlite3_bind_text (stmt, 2, hours->date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, hours->activity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, hours->quarter_hours);
  if (hours->session_id != 0)
    sqlite3_bind_int64 (stmt, 5, hours->session_id);
  else
    sqlite3_bind_null (stmt, 5);
  sqlite3_bind_text (stmt, 6, hours->approved_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);
  if (!pd_database_step_done (db, stmt, &local_error))
    {
      if (g_error_matches (local_error, PD_ERROR, PD_ERROR_DUPLICATE))
        g_set_error (error, PD_ERROR, PD_ERROR_DUPLICATE,
                     _("session: the volunteer's hours of session %" PRId64
                       " are logged already"),
                     hours->session_id);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  hours->id = sqlite3_last_insert_rowid (pd_database_get_handle (db));
  return TRUE;
}

/* A week of shifts is typed in one go and saved in one go: a mistake in
 * one row saves none, so that fixing it and saving again adds each shift
 * once. */
gboolean
pd_hours_add_many (PdDatabase  *db,
                   GPtrArray   *rows,
                   GError     **error)
{
  g_autofree char *now = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);

  if (rows->len == 0)
    return TRUE;

  if (!pd_database_begin (db, error))
    return FALSE;

  now = pd_timestamp_now ();
  for (guint i = 0; i < rows->len; i++)
    {
      PdHours *hours = g_ptr_array_index (rows, i);
      g_autoptr(GError) local_error = NULL;

      prepare_hours (hours);
      hours->id = 0;
      if (!insert_hours (db, hours, now, &local_error))
        {
          /* TRANSLATORS: the row of a table of hours, then what is wrong in it */
          g_set_error (error, PD_ERROR, local_error->code, _("row %u, %s"), i + 1,
                       local_error->message);
          goto fail;
        }
    }

  if (!pd_database_commit (db, error))
    goto forget_ids;
  pd_database_notify_changed (db, "volunteers");
  return TRUE;

fail:
  pd_database_rollback (db);
forget_ids:
  for (guint i = 0; i < rows->len; i++)
    ((PdHours *) g_ptr_array_index (rows, i))->id = 0;
  return FALSE;
}

/* A session of @minutes to the nearest quarter hour, half a quarter up;
 * even a short one took someone's time. */
static guint
session_quarters (guint minutes)
{
  return MAX (1, (2 * minutes + 15) / 30);
}

gint64
pd_hours_log_session (PdDatabase  *db,
                      gint64       session_id,
                      GError     **error)
{
  g_autoptr(PdSession) session = NULL;
  g_autoptr(PdGroup) group = NULL;
  g_autoptr(PdHours) hours = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *now = NULL;
  g_autofree char *today = NULL;
  gint64 id;

  g_return_val_if_fail (PD_IS_DATABASE (db), 0);

  if (!pd_database_begin (db, error))
    return 0;

  session = pd_sessions_get (db, session_id, error);
  if (session == NULL)
    goto fail;
  if (session->cancelled)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The session of “%s” at %s was cancelled: it has no hours to log"),
                   session->group_name, session->starts_at);
      goto fail;
    }

  group = pd_groups_get (db, session->group_id, error);
  if (group == NULL)
    goto fail;
  if (group->facilitator_volunteer_id == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” has no volunteer facilitator: choose one for the group first"),
                   group->name);
      goto fail;
    }

  hours = pd_hours_new (group->facilitator_volunteer_id, NULL, FACILITATOR_ACTIVITY,
                        session_quarters (session->duration_minutes));
  g_free (hours->date);
  hours->date = g_strndup (session->starts_at, 10);
  hours->session_id = session->id;

  today = pd_date_today ();
  if (strcmp (hours->date, today) > 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The session of “%s” at %s has not happened yet"), session->group_name,
                   session->starts_at);
      goto fail;
    }

  now = pd_timestamp_now ();
  if (!insert_hours (db, hours, now, &local_error))
    {
      if (g_error_matches (local_error, PD_ERROR, PD_ERROR_DUPLICATE))
        g_set_error (error, PD_ERROR, PD_ERROR_DUPLICATE,
                     _("The hours of the session of “%s” at %s are logged already"),
                     session->group_name, session->starts_at);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      goto fail;
    }
  id = hours->id;

  if (!pd_database_commit (db, error))
    return 0;
  pd_database_notify_changed (db, "volunteers");
  return id;

fail:
  pd_database_rollback (db);
  return 0;
}

gboolean
pd_hours_delete (PdDatabase  *db,
                 gint64       id,
                 GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);

  stmt = pd_database_prepare (db, "DELETE FROM hours WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!pd_database_step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (pd_database_get_handle (db)) == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("There are no hours with id %" PRId64), id);
      return FALSE;
    }

  pd_database_notify_changed (db, "volunteers");
  return TRUE;
}

static gpointer
hours_from_row (sqlite3_stmt *stmt)
{
  PdHours *hours = g_new0 (PdHours, 1);

  hours->id = sqlite3_column_int64 (stmt, 0);
  hours->volunteer_id = sqlite3_column_int64 (stmt, 1);
  hours->date = pd_database_column_dup (stmt, 2);
  hours->activity = pd_database_column_dup (stmt, 3);
  hours->quarter_hours = sqlite3_column_int (stmt, 4);
  hours->session_id = sqlite3_column_int64 (stmt, 5);
  hours->approved_by = pd_database_column_dup (stmt, 6);
  return hours;
}

static gpointer
supervision_from_row (sqlite3_stmt *stmt)
{
  PdSupervision *supervision = g_new0 (PdSupervision, 1);

  supervision->id = sqlite3_column_int64 (stmt, 0);
  supervision->volunteer_id = sqlite3_column_int64 (stmt, 1);
  supervision->date = pd_database_column_dup (stmt, 2);
  supervision->supervisor = pd_database_column_dup (stmt, 3);
  supervision->minutes = sqlite3_column_int (stmt, 4);
  supervision->kind = pd_database_column_dup (stmt, 5);
  supervision->notes = pd_database_column_dup (stmt, 6);
  return supervision;
}

/* Runs a page of one of the logs: @for_one selects a volunteer's rows with
 * ?1, @for_all everyone's; both take LIMIT ?2 OFFSET ?3. */
static GPtrArray *
list_page (PdDatabase      *db,
           const char      *for_one,
           const char      *for_all,
           gint64           volunteer_id,
           guint            offset,
           guint            limit,
           gpointer       (*from_row) (sqlite3_stmt *stmt),
           GDestroyNotify   free_func,
           GError         **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (free_func);
  sqlite3_stmt *stmt;
  int rc;

  if (volunteer_id != 0 && !check_volunteer_exists (db, volunteer_id, error))
    return NULL;

  stmt = pd_database_prepare (db, volunteer_id != 0 ? for_one : for_all, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, volunteer_id);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);
  sqlite3_bind_int64 (stmt, 3, offset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, from_row (stmt));
  if (rc != SQLITE_DONE)
    pd_database_set_error (db, error);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? g_steal_pointer (&rows) : NULL;
}

GPtrArray *
pd_hours_list (PdDatabase  *db,
               gint64       volunteer_id,
               guint        offset,
               guint        limit,
               GError     **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  /* Newest first, through the (volunteer_id, date) or the date index. */
  return list_page (db,
                    "SELECT " HOURS_COLUMNS " FROM hours WHERE volunteer_id = ?1"
                    " ORDER BY date DESC, id DESC LIMIT ?2 OFFSET ?3",
                    "SELECT " HOURS_COLUMNS " FROM hours WHERE ?1 = 0"
                    " ORDER BY date DESC, id DESC LIMIT ?2 OFFSET ?3",
                    volunteer_id, offset, limit, hours_from_row,
                    (GDestroyNotify) pd_hours_free, error);
}

/* The ISO 8601 week of a date is the week of its Thursday, and its year
 * the Thursday's year: 2027-01-01, a Friday, is in 2026-W53. Going back
 * three days then on to the next Thursday lands on the Thursday of the
 * date's Monday-to-Sunday week. SQLite 3.40 has no %G or %V. */
#define ISO_WEEK_SQL \
  "printf ('%s-W%02d', strftime ('%Y', date (date, '-3 days', 'weekday 4'))," \
  " (CAST (strftime ('%j', date (date, '-3 days', 'weekday 4')) AS INTEGER) - 1) / 7 + 1)"

#define TOTALS_SQL(period, where) \
  "SELECT " period " AS period, activity, sum (quarter_hours) FROM hours" \
  " WHERE " where " AND date >= ?2 AND date <= ?3" \
  " GROUP BY period, activity ORDER BY period, activity"

GPtrArray *
pd_hours_totals (PdDatabase     *db,
                 gint64          volunteer_id,
                 PdHoursPeriod   period,
                 const char     *from,
                 const char     *to,
                 GError        **error)
{
  static const char *const sql[3][2] = {
    [PD_HOURS_BY_WEEK] = { TOTALS_SQL (ISO_WEEK_SQL, "volunteer_id = ?1"),
                           TOTALS_SQL (ISO_WEEK_SQL, "?1 = 0") },
    [PD_HOURS_BY_MONTH] = { TOTALS_SQL ("strftime ('%Y-%m', date)", "volunteer_id = ?1"),
                            TOTALS_SQL ("strftime ('%Y-%m', date)", "?1 = 0") },
    [PD_HOURS_BY_YEAR] = { TOTALS_SQL ("strftime ('%Y', date)", "volunteer_id = ?1"),
                           TOTALS_SQL ("strftime ('%Y', date)", "?1 = 0") },
  };
  g_autoptr(GPtrArray) totals =
    g_ptr_array_new_with_free_func ((GDestroyNotify) pd_hours_total_free);
  const char *bounds[2] = { from, to };
  const char *names[2] = { _("from"), _("to") };
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (period <= PD_HOURS_BY_YEAR, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bounds); i++)
    {
      GDate parsed;

      if (!pd_text_is_blank (bounds[i]) && !pd_date_parse (bounds[i], &parsed))
        {
          g_autofree char *excerpt = pd_text_excerpt (bounds[i], -1);

          /* TRANSLATORS: the first %s is "from" or "to", the second what was given */
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("%s: “%s” is not a date (YYYY-MM-DD)"),
                       names[i], excerpt);
          return NULL;
        }
    }

  if (volunteer_id != 0 && !check_volunteer_exists (db, volunteer_id, error))
    return NULL;

  stmt = pd_database_prepare (db, sql[period][volunteer_id != 0 ? 0 : 1], error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, volunteer_id);
  /* No bound is a bound no date passes: "" sorts before every date. */
  sqlite3_bind_text (stmt, 2, pd_text_is_blank (from) ? "" : from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, pd_text_is_blank (to) ? "9999-12-31" : to, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PdHoursTotal *total = g_new0 (PdHoursTotal, 1);

      total->period = pd_database_column_dup (stmt, 0);
      total->activity = pd_database_column_dup (stmt, 1);
      total->quarter_hours = sqlite3_column_int (stmt, 2);
      g_ptr_array_add (totals, total);
    }
  if (rc != SQLITE_DONE)
    pd_database_set_error (db, error);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? g_steal_pointer (&totals) : NULL;
}

/* Supervision */

gint64
pd_supervision_add (PdDatabase     *db,
                    PdSupervision  *supervision,
                    GError        **error)
{
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PD_IS_DATABASE (db), 0);
  g_return_val_if_fail (supervision != NULL, 0);

  supervision->id = 0;
  strip_field (&supervision->date);
  strip_field (&supervision->supervisor);
  strip_field (&supervision->kind);
  if (supervision->notes == NULL)
    supervision->notes = g_strdup ("");

  if (!validate_past_date (_("date"), supervision->date, TRUE, error) ||
      !validate_text (_("supervisor"), supervision->supervisor, TRUE, MAX_TEXT_LENGTH, error))
    return 0;
  if (supervision->minutes == 0 || supervision->minutes > MAX_MINUTES_A_DAY)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("minutes: %u is not between 1 and 1440 (a day)"), supervision->minutes);
      return 0;
    }
  if (pd_code_label (supervision_kinds, supervision->kind) == NULL)
    {
      g_autofree char *known = pd_codes_list (supervision_kinds);
      g_autofree char *excerpt = pd_text_excerpt (supervision->kind, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("kind: “%s” is not a known code (one of: %s)"), excerpt, known);
      return 0;
    }
  if (!validate_text (_("notes"), supervision->notes, FALSE, MAX_NOTES_LENGTH, error))
    return 0;

  if (!check_volunteer_exists (db, supervision->volunteer_id, error))
    return 0;

  stmt = pd_database_prepare (db,
                              "INSERT INTO supervision (volunteer_id, date, supervisor, minutes,"
                              " kind, notes, created_at)"
                              " VALUES (?, ?, ?, ?, ?, ?, ?)",
                              error);
  if (stmt == NULL)
    return 0;
  now = pd_timestamp_now ();
  sqlite3_bind_int64 (stmt, 1, supervision->volunteer_id);
  sqlite3_bind_text (stmt, 2, supervision->date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, supervision->supervisor, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, supervision->minutes);
  sqlite3_bind_text (stmt, 5, supervision->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, supervision->notes, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);
  if (!pd_database_step_done (db, stmt, error))
    return 0;

  supervision->id = sqlite3_last_insert_rowid (pd_database_get_handle (db));
  pd_database_notify_changed (db, "volunteers");
  return supervision->id;
}

GPtrArray *
pd_supervision_list (PdDatabase  *db,
                     gint64       volunteer_id,
                     guint        offset,
                     guint        limit,
                     GError     **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  return list_page (db,
                    "SELECT " SUPERVISION_COLUMNS " FROM supervision WHERE volunteer_id = ?1"
                    " ORDER BY date DESC, id DESC LIMIT ?2 OFFSET ?3",
                    "SELECT " SUPERVISION_COLUMNS " FROM supervision WHERE ?1 = 0"
                    " ORDER BY date DESC, id DESC LIMIT ?2 OFFSET ?3",
                    volunteer_id, offset, limit, supervision_from_row,
                    (GDestroyNotify) pd_supervision_free, error);
}
