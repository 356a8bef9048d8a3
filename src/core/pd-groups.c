/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>
#include <time.h>

#include "pd-database-private.h"
#include "pd-error.h"
#include "pd-groups.h"
#include "pd-text.h"

#define GROUP_COLUMNS \
  "id, name, kind, coalesce (facilitator_member_id, 0), facilitator_name, room, description," \
  " weekdays, start_time, duration_minutes, start_date, end_date, attendance_mode, archived," \
  " coalesce (facilitator_volunteer_id, 0)"

#define SESSION_COLUMNS \
  "s.id, s.group_id, g.name, g.attendance_mode, s.starts_at, s.duration_minutes, s.cancelled," \
  " s.cancel_reason, s.notes, s.headcount," \
  " (SELECT count (*) FROM attendance AS a WHERE a.session_id = s.id)"

#define ALL_WEEKDAYS 0x7f

static const PdCode group_kinds[] = {
  { "peer_support", N_("Peer-led recovery support") },
  { "all_recovery", N_("All-recovery meeting") },
  { "mutual_aid", N_("Hosted mutual-aid meeting (12-step, SMART…)") },
  { "family", N_("Family and friends") },
  { "wellness", N_("Wellness or activity") },
  { "training", N_("Training") },
  { "other", N_("Other") },
  { NULL, NULL }
};

static const PdCode attendance_modes[] = {
  { "named", N_("Names") },
  { "headcount", N_("Headcount only") },
  { "both", N_("Names and headcount") },
  { NULL, NULL }
};

const PdCode *
pd_group_kinds (void)
{
  return group_kinds;
}

const PdCode *
pd_attendance_modes (void)
{
  return attendance_modes;
}

static inline const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}


/* The wall-clock time now, in the form sessions keep their start times. */
static char *
local_now (void)
{
  time_t now = time (NULL);
  struct tm tm;
  char buf[32];

  localtime_r (&now, &tm);
  strftime (buf, sizeof buf, "%Y-%m-%dT%H:%M", &tm);
  return g_strdup (buf);
}

/* "HH:MM", 00:00 to 23:59, and nothing else. */
static gboolean
parse_time (const char *text,
            int        *hour,
            int        *minute)
{
  if (text == NULL || strlen (text) != 5 || text[2] != ':' ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) ||
      !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return FALSE;

  *hour = (text[0] - '0') * 10 + (text[1] - '0');
  *minute = (text[3] - '0') * 10 + (text[4] - '0');
  return *hour < 24 && *minute < 60;
}

/* "YYYY-MM-DDTHH:MM", the form of a session's start. */
static gboolean
is_local_time (const char *text)
{
  g_autofree char *date = NULL;
  GDate parsed;
  int hour, minute;

  if (text == NULL || strlen (text) != 16 || text[10] != 'T')
    return FALSE;
  date = g_strndup (text, 10);
  return pd_date_parse (date, &parsed) && parse_time (text + 11, &hour, &minute);
}

static gboolean
parse_range_date (const char  *which,
                  const char  *text,
                  GDate       *date,
                  GError     **error)
{
  g_autofree char *excerpt = NULL;

  if (pd_date_parse (text, date))
    return TRUE;

  excerpt = pd_text_excerpt (text, -1);
  /* TRANSLATORS: the first %s is "from" or "to", the second what was given */
  g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("%s: “%s” is not a date (YYYY-MM-DD)"),
               which, excerpt);
  return FALSE;
}

/* The fields a schedule is made of: the weekdays, the time and the dates. */
static gboolean
validate_schedule (const PdGroup  *group,
                   GError        **error)
{
  GDate start, end;
  int hour, minute;

  if ((group->weekdays & ~ALL_WEEKDAYS) != 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("weekdays: %u is not a set of weekdays (0 to 127)"),
                   (guint) group->weekdays);
      return FALSE;
    }

  if (group->weekdays != 0 && pd_text_is_blank (group->start_time))
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                           _("start time: this is required for a weekly meeting"));
      return FALSE;
    }
  if (!pd_text_is_blank (group->start_time) && !parse_time (group->start_time, &hour, &minute))
    {
      g_autofree char *excerpt = pd_text_excerpt (group->start_time, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("start time: “%s” is not a time (HH:MM)"), excerpt);
      return FALSE;
    }

  if (pd_text_is_blank (group->start_date))
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                           _("start date: this is required"));
      return FALSE;
    }
  if (!pd_date_parse (group->start_date, &start))
    {
      g_autofree char *excerpt = pd_text_excerpt (group->start_date, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("start date: “%s” is not a date (YYYY-MM-DD)"), excerpt);
      return FALSE;
    }

  if (!pd_text_is_blank (group->end_date))
    {
      if (!pd_date_parse (group->end_date, &end))
        {
          g_autofree char *excerpt = pd_text_excerpt (group->end_date, -1);

          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("end date: “%s” is not a date (YYYY-MM-DD)"), excerpt);
          return FALSE;
        }
      if (g_date_compare (&end, &start) < 0)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("end date: %s is before the start date, %s"),
                       group->end_date, group->start_date);
          return FALSE;
        }
    }

  return TRUE;
}

/* Defaults for a new group in the editor: a named peer-support group of
 * an hour, starting today, with no schedule yet. */
PdGroup *
pd_group_new (void)
{
  PdGroup *group = g_new0 (PdGroup, 1);

  group->name = g_strdup ("");
  group->kind = g_strdup ("peer_support");
  group->facilitator_name = g_strdup ("");
  group->room = g_strdup ("");
  group->description = g_strdup ("");
  group->weekdays = 0;
  group->start_time = g_strdup ("");
  group->duration_minutes = 60;
  group->start_date = pd_date_today ();
  group->end_date = g_strdup ("");
  group->attendance_mode = g_strdup ("named");
  return group;
}

PdGroup *
pd_group_copy (const PdGroup *group)
{
  PdGroup *copy;

  g_return_val_if_fail (group != NULL, NULL);

  copy = g_memdup2 (group, sizeof *group);
  copy->name = g_strdup (group->name);
  copy->kind = g_strdup (group->kind);
  copy->facilitator_name = g_strdup (group->facilitator_name);
  copy->room = g_strdup (group->room);
  copy->description = g_strdup (group->description);
  copy->start_time = g_strdup (group->start_time);
  copy->start_date = g_strdup (group->start_date);
  copy->end_date = g_strdup (group->end_date);
  copy->attendance_mode = g_strdup (group->attendance_mode);
  return copy;
}

void
pd_group_free (PdGroup *group)
{
  if (group == NULL)
    return;
  g_free (group->name);
  g_free (group->kind);
  g_free (group->facilitator_name);
  g_free (group->room);
  g_free (group->description);
  g_free (group->start_time);
  g_free (group->start_date);
  g_free (group->end_date);
  g_free (group->attendance_mode);
  g_free (group);
}

void
pd_session_free (PdSession *session)
{
  if (session == NULL)
    return;
  g_free (session->group_name);
  g_free (session->attendance_mode);
  g_free (session->starts_at);
  g_free (session->cancel_reason);
  g_free (session->notes);
  g_free (session);
}

gboolean
pd_group_validate (const PdGroup  *group,
                   GError        **error)
{
  g_return_val_if_fail (group != NULL, FALSE);

  if (pd_text_is_blank (group->name))
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID, _("name: this is required"));
      return FALSE;
    }

  if (pd_code_label (group_kinds, group->kind) == NULL)
    {
      g_autofree char *known = pd_codes_list (group_kinds);
      g_autofree char *excerpt = pd_text_excerpt (group->kind, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("kind: “%s” is not a known code (one of: %s)"), excerpt, known);
      return FALSE;
    }

  if (pd_code_label (attendance_modes, group->attendance_mode) == NULL)
    {
      g_autofree char *known = pd_codes_list (attendance_modes);
      g_autofree char *excerpt = pd_text_excerpt (group->attendance_mode, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("attendance mode: “%s” is not a known code (one of: %s)"), excerpt, known);
      return FALSE;
    }

  if (!validate_schedule (group, error))
    return FALSE;

  if (group->duration_minutes < 1 || group->duration_minutes > 24 * 60)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("duration: %u minutes is not between 1 and 1440 (a day)"),
                   group->duration_minutes);
      return FALSE;
    }

  return TRUE;
}

/* Sessions are counted in calendar days and keep the group's start time as
 * written, never as a number of seconds from another session: a weekly
 * meeting at 18:00 stays at 18:00 local time on the far side of a
 * daylight-saving change, although a week then lasts an hour more or less.
 * The local time zone is never consulted. */
GPtrArray *
pd_schedule_expand (const PdGroup  *group,
                    const char     *from,
                    const char     *to,
                    GError        **error)
{
  g_autoptr(GPtrArray) starts = g_ptr_array_new_with_free_func (g_free);
  GDate first, last, bound;

  g_return_val_if_fail (group != NULL, NULL);

  if (!parse_range_date (_("from"), from, &first, error) ||
      !parse_range_date (_("to"), to, &last, error))
    return NULL;

  if (group->weekdays == 0)
    return g_steal_pointer (&starts);

  if (!validate_schedule (group, error))
    return NULL;

  pd_date_parse (group->start_date, &bound);
  if (g_date_compare (&first, &bound) < 0)
    first = bound;
  if (!pd_text_is_blank (group->end_date))
    {
      pd_date_parse (group->end_date, &bound);
      if (g_date_compare (&last, &bound) > 0)
        last = bound;
    }

  for (GDate day = first; g_date_compare (&day, &last) <= 0; g_date_add_days (&day, 1))
    {
      /* GDateWeekday runs from Monday = 1, as the bits do from Monday = 1 << 0. */
      PdWeekdays bit = 1 << (g_date_get_weekday (&day) - G_DATE_MONDAY);

      if ((group->weekdays & bit) != 0)
        {
          char iso[PD_DATE_ISO_SIZE];

          pd_date_write_iso (&day, iso);
          g_ptr_array_add (starts, g_strconcat (iso, "T", group->start_time, NULL));
        }
    }

  return g_steal_pointer (&starts);
}

/* Trims what was typed, so that " Tuesday circle" and "Tuesday circle"
 * are one name, then validates. */
static gboolean
prepare_group (PdGroup  *group,
               GError  **error)
{
  char **texts[] = { &group->name, &group->facilitator_name, &group->room, &group->start_time,
                     &group->start_date, &group->end_date };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      if (*texts[i] == NULL)
        *texts[i] = g_strdup ("");
      g_strstrip (*texts[i]);
    }
  if (group->description == NULL)
    group->description = g_strdup ("");

  return pd_group_validate (group, error);
}

static gboolean
check_exists (PdDatabase  *db,
              const char  *sql,
              gint64       id,
              gboolean    *exists,
              GError     **error)
{
  sqlite3_stmt *stmt = pd_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    pd_database_set_error (db, error);
  sqlite3_reset (stmt);
  *exists = rc == SQLITE_ROW;
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

static gboolean
check_group_exists (PdDatabase  *db,
                    gint64       id,
                    GError     **error)
{
  gboolean exists;

  if (!check_exists (db, "SELECT 1 FROM groups WHERE id = ?", id, &exists, error))
    return FALSE;
  if (!exists)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("There is no group with id %" PRId64), id);
      return FALSE;
    }
  return TRUE;
}

/* A facilitator who is not a member would otherwise be refused by the
 * foreign key with a message nobody at the desk could act on. */
static gboolean
check_facilitator (PdDatabase     *db,
                   const PdGroup  *group,
                   GError        **error)
{
  gboolean exists;

  if (group->facilitator_member_id == 0)
    return TRUE;
  if (!check_exists (db, "SELECT 1 FROM members WHERE id = ?", group->facilitator_member_id,
                     &exists, error))
    return FALSE;
  if (!exists)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("facilitator: there is no member with id %" PRId64),
                   group->facilitator_member_id);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_facilitator_volunteer (PdDatabase     *db,
                             const PdGroup  *group,
                             GError        **error)
{
  gboolean exists;

  if (group->facilitator_volunteer_id == 0)
    return TRUE;
  if (!check_exists (db, "SELECT 1 FROM volunteers WHERE id = ?", group->facilitator_volunteer_id,
                     &exists, error))
    return FALSE;
  if (!exists)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("facilitator: there is no volunteer with id %" PRId64),
                   group->facilitator_volunteer_id);
      return FALSE;
    }
  return TRUE;
}

/* Binds the columns of a group as ?1 to ?14, in GROUP_COLUMNS order after
 * the id. */
static void
bind_group (sqlite3_stmt  *stmt,
            const PdGroup *group)
{
  sqlite3_bind_text (stmt, 1, group->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, group->kind, -1, SQLITE_TRANSIENT);
  if (group->facilitator_member_id != 0)
    sqlite3_bind_int64 (stmt, 3, group->facilitator_member_id);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_text (stmt, 4, group->facilitator_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, group->room, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, group->description, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 7, group->weekdays);
  sqlite3_bind_text (stmt, 8, group->start_time, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 9, group->duration_minutes);
  sqlite3_bind_text (stmt, 10, group->start_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, group->end_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, group->attendance_mode, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 13, group->archived ? 1 : 0);
  if (group->facilitator_volunteer_id != 0)
    sqlite3_bind_int64 (stmt, 14, group->facilitator_volunteer_id);
  else
    sqlite3_bind_null (stmt, 14);
}

static PdGroup *
group_from_row (sqlite3_stmt *stmt)
{
  PdGroup *group = g_new0 (PdGroup, 1);

  group->id = sqlite3_column_int64 (stmt, 0);
  group->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  group->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  group->facilitator_member_id = sqlite3_column_int64 (stmt, 3);
  group->facilitator_name = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  group->room = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  group->description = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  group->weekdays = sqlite3_column_int (stmt, 7);
  group->start_time = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
  group->duration_minutes = sqlite3_column_int (stmt, 9);
  group->start_date = g_strdup ((const char *) sqlite3_column_text (stmt, 10));
  group->end_date = g_strdup ((const char *) sqlite3_column_text (stmt, 11));
  group->attendance_mode = g_strdup ((const char *) sqlite3_column_text (stmt, 12));
  group->archived = sqlite3_column_int (stmt, 13) != 0;
  group->facilitator_volunteer_id = sqlite3_column_int64 (stmt, 14);
  return group;
}

gint64
pd_groups_insert (PdDatabase  *db,
                  PdGroup     *group,
                  GError     **error)
{
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PD_IS_DATABASE (db), 0);
  g_return_val_if_fail (group != NULL, 0);

  if (!prepare_group (group, error) || !check_facilitator (db, group, error) ||
      !check_facilitator_volunteer (db, group, error))
    return 0;

  stmt = pd_database_prepare (db,
                              "INSERT INTO groups (name, kind, facilitator_member_id,"
                              " facilitator_name, room, description, weekdays, start_time,"
                              " duration_minutes, start_date, end_date, attendance_mode, archived,"
                              " facilitator_volunteer_id, created_at, updated_at)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
                              " ?14, ?15, ?15)",
                              error);
  if (stmt == NULL)
    return 0;

  now = pd_timestamp_now ();
  bind_group (stmt, group);
  sqlite3_bind_text (stmt, 15, now, -1, SQLITE_TRANSIENT);
  if (!pd_database_step_done (db, stmt, error))
    return 0;

  group->id = sqlite3_last_insert_rowid (pd_database_get_handle (db));
  pd_database_notify_changed (db, "groups");
  return group->id;
}

/* Changing the schedule leaves the sessions already generated as they
 * are: they may have attendance recorded. */
gboolean
pd_groups_update (PdDatabase  *db,
                  PdGroup     *group,
                  GError     **error)
{
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (group != NULL, FALSE);

  if (!prepare_group (group, error) ||
      !check_group_exists (db, group->id, error) ||
      !check_facilitator (db, group, error) ||
      !check_facilitator_volunteer (db, group, error))
    return FALSE;

  stmt = pd_database_prepare (db,
                              "UPDATE groups SET name = ?1, kind = ?2, facilitator_member_id = ?3,"
                              " facilitator_name = ?4, room = ?5, description = ?6, weekdays = ?7,"
                              " start_time = ?8, duration_minutes = ?9, start_date = ?10,"
                              " end_date = ?11, attendance_mode = ?12, archived = ?13,"
                              " facilitator_volunteer_id = ?14, updated_at = ?15"
                              " WHERE id = ?16",
                              error);
  if (stmt == NULL)
    return FALSE;

  now = pd_timestamp_now ();
  bind_group (stmt, group);
  sqlite3_bind_text (stmt, 15, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 16, group->id);
  if (!pd_database_step_done (db, stmt, error))
    return FALSE;

  pd_database_notify_changed (db, "groups");
  return TRUE;
}

PdGroup *
pd_groups_get (PdDatabase  *db,
               gint64       id,
               GError     **error)
{
  sqlite3_stmt *stmt;
  PdGroup *group = NULL;
  int rc;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  stmt = pd_database_prepare (db, "SELECT " GROUP_COLUMNS " FROM groups WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    group = group_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                 _("There is no group with id %" PRId64), id);
  else
    pd_database_set_error (db, error);
  sqlite3_reset (stmt);
  return group;
}

GPtrArray *
pd_groups_list (PdDatabase  *db,
                gboolean     include_archived,
                GError     **error)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_group_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  stmt = pd_database_prepare (db,
                              "SELECT " GROUP_COLUMNS " FROM groups"
                              " WHERE ?1 OR archived = 0"
                              " ORDER BY name COLLATE NOCASE, id",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_archived ? 1 : 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (groups, group_from_row (stmt));
  if (rc != SQLITE_DONE)
    pd_database_set_error (db, error);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? g_steal_pointer (&groups) : NULL;
}

/* The first @limit groups whose name contains @search (all when it is
 * NULL or blank), in the order of pd_groups_list(), and in @n_total how
 * many there are in all: a sidebar shows a screenful and says how many
 * more a search will find, however many groups a centre keeps. */
GPtrArray *
pd_groups_list_first (PdDatabase  *db,
                      gboolean     include_archived,
                      const char  *search,
                      guint        limit,
                      guint       *n_total,
                      GError     **error)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_group_free);
  g_autofree char *pattern = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (n_total != NULL, NULL);

  if (search != NULL && !pd_text_is_blank (search))
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (search));
      GString *escaped = g_string_new ("%");

      /* The text is a literal, not a pattern. */
      for (const char *p = trimmed; *p; p++)
        {
          if (*p == '%' || *p == '_' || *p == '\\')
            g_string_append_c (escaped, '\\');
          g_string_append_c (escaped, *p);
        }
      g_string_append_c (escaped, '%');
      pattern = g_string_free (escaped, FALSE);
    }

  stmt = pd_database_prepare (db,
                              "SELECT count (*) FROM groups"
                              " WHERE (?1 OR archived = 0)"
                              " AND (?2 IS NULL OR name LIKE ?2 ESCAPE '\\')",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_archived ? 1 : 0);
  sqlite3_bind_text (stmt, 2, pattern, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *n_total = (guint) sqlite3_column_int64 (stmt, 0);
  else
    pd_database_set_error (db, error);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return NULL;

  stmt = pd_database_prepare (db,
                              "SELECT " GROUP_COLUMNS " FROM groups"
                              " WHERE (?1 OR archived = 0)"
                              " AND (?2 IS NULL OR name LIKE ?2 ESCAPE '\\')"
                              " ORDER BY name COLLATE NOCASE, id LIMIT ?3",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_archived ? 1 : 0);
  sqlite3_bind_text (stmt, 2, pattern, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (groups, group_from_row (stmt));
  if (rc != SQLITE_DONE)
    pd_database_set_error (db, error);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? g_steal_pointer (&groups) : NULL;
}

/* Creates the sessions of every group's schedule from @from to @to. A
 * session that exists already, cancelled or not, is left as it is, so that
 * running this again (at each start of the application, say) only fills
 * in what is missing. */
guint
pd_sessions_generate (PdDatabase  *db,
                      const char  *from,
                      const char  *to,
                      GError     **error)
{
  g_autoptr(GPtrArray) groups = NULL;
  GDate first, last;
  guint n_created = 0;

  g_return_val_if_fail (PD_IS_DATABASE (db), 0);

  if (!parse_range_date (_("from"), from, &first, error) ||
      !parse_range_date (_("to"), to, &last, error))
    return 0;

  if (!pd_database_begin (db, error))
    return 0;

  groups = pd_groups_list (db, FALSE, error);
  if (groups == NULL)
    goto failed;

  for (guint i = 0; i < groups->len; i++)
    {
      const PdGroup *group = g_ptr_array_index (groups, i);
      g_autoptr(GPtrArray) starts = NULL;
      g_autoptr(GError) local_error = NULL;
      sqlite3_stmt *stmt;

      starts = pd_schedule_expand (group, from, to, &local_error);
      if (starts == NULL)
        {
          g_set_error (error, PD_ERROR, local_error->code, _("group “%s”: %s"), group->name,
                       local_error->message);
          goto failed;
        }
      if (starts->len == 0)
        continue;

      stmt = pd_database_prepare (db,
                                  "INSERT OR IGNORE INTO sessions (group_id, starts_at,"
                                  " duration_minutes)"
                                  " VALUES (?, ?, ?)",
                                  error);
      if (stmt == NULL)
        goto failed;
      for (guint j = 0; j < starts->len; j++)
        {
          sqlite3_bind_int64 (stmt, 1, group->id);
          sqlite3_bind_text (stmt, 2, g_ptr_array_index (starts, j), -1, SQLITE_STATIC);
          sqlite3_bind_int (stmt, 3, group->duration_minutes);
          if (!pd_database_step_done (db, stmt, error))
            goto failed;
          n_created += sqlite3_changes (pd_database_get_handle (db));
        }
      sqlite3_clear_bindings (stmt);
    }

  if (!pd_database_commit (db, error))
    return 0;

  if (n_created > 0)
    pd_database_notify_changed (db, "sessions");
  return n_created;

failed:
  pd_database_rollback (db);
  return 0;
}

gint64
pd_sessions_add (PdDatabase  *db,
                 gint64       group_id,
                 const char  *starts_at,
                 guint        duration_minutes,
                 GError     **error)
{
  g_autoptr(PdGroup) group = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (PD_IS_DATABASE (db), 0);

  if (!is_local_time (starts_at))
    {
      g_autofree char *excerpt = pd_text_excerpt (starts_at, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("start: “%s” is not a date and time (YYYY-MM-DDTHH:MM)"), excerpt);
      return 0;
    }

  group = pd_groups_get (db, group_id, error);
  if (group == NULL)
    return 0;

  if (duration_minutes == 0)
    duration_minutes = group->duration_minutes;
  if (duration_minutes > 24 * 60)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("duration: %u minutes is not between 1 and 1440 (a day)"), duration_minutes);
      return 0;
    }

  stmt = pd_database_prepare (db,
                              "INSERT INTO sessions (group_id, starts_at, duration_minutes)"
                              " VALUES (?, ?, ?)",
                              error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, group_id);
  sqlite3_bind_text (stmt, 2, starts_at, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, duration_minutes);
  if (!pd_database_step_done (db, stmt, &local_error))
    {
      if (g_error_matches (local_error, PD_ERROR, PD_ERROR_DUPLICATE))
        g_set_error (error, PD_ERROR, PD_ERROR_DUPLICATE,
                     _("“%s” already has a session at %s"), group->name, starts_at);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }

  id = sqlite3_last_insert_rowid (pd_database_get_handle (db));
  pd_database_notify_changed (db, "sessions");
  return id;
}

/* Runs @sql, an UPDATE of one session with its id as the last parameter
 * and @text as the others, and says which session was not there. */
static gboolean
update_session (PdDatabase  *db,
                const char  *sql,
                gint64       session_id,
                const char  *text,
                GError     **error)
{
  sqlite3_stmt *stmt = pd_database_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, session_id);
  if (!pd_database_step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (pd_database_get_handle (db)) == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("There is no session with id %" PRId64), session_id);
      return FALSE;
    }

  pd_database_notify_changed (db, "sessions");
  return TRUE;
}

/* A cancellation keeps its reason, for whoever comes to a closed door and
 * for the report of sessions held. */
gboolean
pd_sessions_cancel (PdDatabase  *db,
                    gint64       session_id,
                    const char  *reason,
                    GError     **error)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);

  if (pd_text_is_blank (reason))
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                           _("reason: a cancelled session needs a reason"));
      return FALSE;
    }

  trimmed = g_strstrip (g_strdup (reason));
  return update_session (db, "UPDATE sessions SET cancelled = 1, cancel_reason = ?1 WHERE id = ?2",
                         session_id, trimmed, error);
}

gboolean
pd_sessions_set_notes (PdDatabase  *db,
                       gint64       session_id,
                       const char  *notes,
                       GError     **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);

  return update_session (db, "UPDATE sessions SET notes = ?1 WHERE id = ?2", session_id,
                         or_empty (notes), error);
}

static PdSession *
session_from_row (sqlite3_stmt *stmt)
{
  PdSession *session = g_new0 (PdSession, 1);

  session->id = sqlite3_column_int64 (stmt, 0);
  session->group_id = sqlite3_column_int64 (stmt, 1);
  session->group_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  session->attendance_mode = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  session->starts_at = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  session->duration_minutes = sqlite3_column_int (stmt, 5);
  session->cancelled = sqlite3_column_int (stmt, 6) != 0;
  session->cancel_reason = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  session->notes = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
  session->headcount = sqlite3_column_int (stmt, 9);
  session->n_present = sqlite3_column_int (stmt, 10);
  return session;
}

/* Steps @stmt to its end, collecting its sessions, and resets it. */
static GPtrArray *
collect_sessions (PdDatabase    *db,
                  sqlite3_stmt  *stmt,
                  GError       **error)
{
  g_autoptr(GPtrArray) sessions =
    g_ptr_array_new_with_free_func ((GDestroyNotify) pd_session_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (sessions, session_from_row (stmt));
  if (rc != SQLITE_DONE)
    pd_database_set_error (db, error);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? g_steal_pointer (&sessions) : NULL;
}

PdSession *
pd_sessions_get (PdDatabase  *db,
                 gint64       session_id,
                 GError     **error)
{
  g_autoptr(GPtrArray) sessions = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  stmt = pd_database_prepare (db,
                              "SELECT " SESSION_COLUMNS
                              " FROM sessions AS s JOIN groups AS g ON g.id = s.group_id"
                              " WHERE s.id = ?",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, session_id);
  sessions = collect_sessions (db, stmt, error);
  if (sessions == NULL)
    return NULL;
  if (sessions->len == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("There is no session with id %" PRId64), session_id);
      return NULL;
    }
  return g_ptr_array_steal_index (sessions, 0);
}

/* Every session that starts on @date, cancelled ones included, by time. */
GPtrArray *
pd_sessions_list_day (PdDatabase  *db,
                      const char  *date,
                      GError     **error)
{
  g_autofree char *next_day = NULL;
  sqlite3_stmt *stmt;
  GDate day;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  if (!pd_date_parse (date, &day))
    {
      g_autofree char *excerpt = pd_text_excerpt (date, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("“%s” is not a date (YYYY-MM-DD)"),
                   excerpt);
      return NULL;
    }
  g_date_add_days (&day, 1);
  next_day = pd_date_to_iso (&day);

  /* Start times sort as text: the day's sessions are those from "date"
   * (before any "dateTHH:MM") up to the next day, through the time index. */
  stmt = pd_database_prepare (db,
                              "SELECT " SESSION_COLUMNS
                              " FROM sessions AS s JOIN groups AS g ON g.id = s.group_id"
                              " WHERE s.starts_at >= ?1 AND s.starts_at < ?2"
                              " ORDER BY s.starts_at, g.name COLLATE NOCASE, s.id",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, next_day, -1, SQLITE_STATIC);
  return collect_sessions (db, stmt, error);
}

/* Upcoming sessions (starting now or later) from the soonest, or past ones
 * from the latest, a page at a time. */
GPtrArray *
pd_sessions_list_for_group (PdDatabase  *db,
                            gint64       group_id,
                            gboolean     upcoming,
                            guint        offset,
                            guint        limit,
                            GError     **error)
{
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  if (!check_group_exists (db, group_id, error))
    return NULL;

  /* Both use the (group_id, starts_at) index of the UNIQUE constraint. */
  stmt = pd_database_prepare (db,
                              upcoming
                              ? "SELECT " SESSION_COLUMNS
                                " FROM sessions AS s JOIN groups AS g ON g.id = s.group_id"
                                " WHERE s.group_id = ?1 AND s.starts_at >= ?2"
                                " ORDER BY s.starts_at LIMIT ?3 OFFSET ?4"
                              : "SELECT " SESSION_COLUMNS
                                " FROM sessions AS s JOIN groups AS g ON g.id = s.group_id"
                                " WHERE s.group_id = ?1 AND s.starts_at < ?2"
                                " ORDER BY s.starts_at DESC LIMIT ?3 OFFSET ?4",
                              error);
  if (stmt == NULL)
    return NULL;

  now = local_now ();
  sqlite3_bind_int64 (stmt, 1, group_id);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  if (limit > 0)
    sqlite3_bind_int64 (stmt, 3, limit);
  else
    sqlite3_bind_int64 (stmt, 3, -1);
  sqlite3_bind_int64 (stmt, 4, offset);
  return collect_sessions (db, stmt, error);
}
