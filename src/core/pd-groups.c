/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>
#include <time.h>

#include "pd-conflict.h"
#include "pd-error.h"
#include "pd-groups-private.h"
#include "pd-staff.h"
#include "pd-statement.h"
#include "pd-text.h"

#define GROUP_COLUMNS \
  "id, name, kind, coalesce (facilitator_member_id, 0), facilitator_name, room, description," \
  " weekdays, start_time, duration_minutes, start_date, end_date, attendance_mode, archived," \
  " coalesce (facilitator_volunteer_id, 0), version, updated_by"

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
  copy->updated_by = g_strdup (group->updated_by);
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
  g_free (group->updated_by);
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

/* Whether @sql, which takes an :id, finds a row. */
static gboolean
check_exists (PdDatabase  *db,
              const char  *sql,
              gint64       id,
              gboolean    *exists,
              GError     **error)
{
  g_autoptr(PdStatement) stmt = pd_database_query (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  pd_statement_bind_int64 (stmt, "id", id);
  return pd_statement_fetch (stmt, exists, error);
}

static gboolean
check_group_exists (PdDatabase  *db,
                    gint64       id,
                    GError     **error)
{
  gboolean exists;

  if (!check_exists (db, "SELECT 1 FROM groups WHERE id = :id", id, &exists, error))
    return FALSE;
  if (!exists)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("There is no group with id %" PRId64), id);
      return FALSE;
    }
  return TRUE;
}

/* A facilitator who is not a member or a volunteer would otherwise be
 * refused by the foreign key with a message nobody at the desk could act
 * on. */
static gboolean
check_facilitators (PdDatabase     *db,
                    const PdGroup  *group,
                    GError        **error)
{
  gboolean exists = TRUE;

  if (group->facilitator_member_id != 0 &&
      !check_exists (db, "SELECT 1 FROM members WHERE id = :id", group->facilitator_member_id,
                     &exists, error))
    return FALSE;
  if (!exists)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("facilitator: there is no member with id %" PRId64),
                   group->facilitator_member_id);
      return FALSE;
    }

  if (group->facilitator_volunteer_id != 0 &&
      !check_exists (db, "SELECT 1 FROM volunteers WHERE id = :id",
                     group->facilitator_volunteer_id, &exists, error))
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

/* Binds the columns of a group by their names, as PD_GROUP_INSERT_SQL
 * names them; its :now is left to the caller. */
void
pd_group_bind (PdStatement   *stmt,
               const PdGroup *group)
{
  pd_statement_bind_text (stmt, "name", group->name);
  pd_statement_bind_text (stmt, "kind", group->kind);
  if (group->facilitator_member_id != 0)
    pd_statement_bind_int64 (stmt, "facilitator_member_id", group->facilitator_member_id);
  else
    pd_statement_bind_null (stmt, "facilitator_member_id");
  pd_statement_bind_text (stmt, "facilitator_name", group->facilitator_name);
  pd_statement_bind_text (stmt, "room", group->room);
  pd_statement_bind_text (stmt, "description", group->description);
  pd_statement_bind_int (stmt, "weekdays", group->weekdays);
  pd_statement_bind_text (stmt, "start_time", group->start_time);
  pd_statement_bind_int (stmt, "duration_minutes", group->duration_minutes);
  pd_statement_bind_text (stmt, "start_date", group->start_date);
  pd_statement_bind_text (stmt, "end_date", group->end_date);
  pd_statement_bind_text (stmt, "attendance_mode", group->attendance_mode);
  pd_statement_bind_boolean (stmt, "archived", group->archived);
  if (group->facilitator_volunteer_id != 0)
    pd_statement_bind_int64 (stmt, "facilitator_volunteer_id", group->facilitator_volunteer_id);
  else
    pd_statement_bind_null (stmt, "facilitator_volunteer_id");
}

static PdGroup *
group_from_row (PdStatement *stmt)
{
  PdGroup *group = g_new0 (PdGroup, 1);

  group->id = pd_statement_get_int64 (stmt, 0);
  group->name = pd_statement_dup_text (stmt, 1);
  group->kind = pd_statement_dup_text (stmt, 2);
  group->facilitator_member_id = pd_statement_get_int64 (stmt, 3);
  group->facilitator_name = pd_statement_dup_text (stmt, 4);
  group->room = pd_statement_dup_text (stmt, 5);
  group->description = pd_statement_dup_text (stmt, 6);
  group->weekdays = pd_statement_get_int (stmt, 7);
  group->start_time = pd_statement_dup_text (stmt, 8);
  group->duration_minutes = pd_statement_get_int (stmt, 9);
  group->start_date = pd_statement_dup_text (stmt, 10);
  group->end_date = pd_statement_dup_text (stmt, 11);
  group->attendance_mode = pd_statement_dup_text (stmt, 12);
  group->archived = pd_statement_get_boolean (stmt, 13);
  group->facilitator_volunteer_id = pd_statement_get_int64 (stmt, 14);
  group->version = pd_statement_get_int64 (stmt, 15);
  group->updated_by = pd_statement_dup_text (stmt, 16);
  return group;
}

gint64
pd_groups_insert (PdDatabase  *db,
                  PdGroup     *group,
                  GError     **error)
{
  g_autofree char *now = NULL;
  g_autoptr(PdStatement) stmt = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), 0);
  g_return_val_if_fail (group != NULL, 0);

  if (!pd_database_require (db, PD_RIGHT_MEETINGS, _("change groups"), error))
    return 0;

  if (!prepare_group (group, error) || !check_facilitators (db, group, error))
    return 0;

  stmt = pd_database_query (db, PD_GROUP_INSERT_SQL, error);
  if (stmt == NULL)
    return 0;

  now = pd_timestamp_now ();
  pd_group_bind (stmt, group);
  pd_statement_bind_text (stmt, "now", now);
  if (!pd_statement_execute (stmt, error))
    return 0;

  group->id = pd_statement_get_inserted_id (stmt);
  group->version = 1;
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
  return pd_groups_update_full (db, group, NULL, FALSE, error);
}

gboolean
pd_groups_update_full (PdDatabase  *db,
                       PdGroup     *group,
                       const char  *desk,
                       gboolean     overwrite,
                       GError     **error)
{
  g_autoptr(PdTransaction) transaction = NULL;
  g_autofree char *now = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  const char *actor;
  gint64 seen;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (group != NULL, FALSE);

  if (!pd_database_require (db, PD_RIGHT_MEETINGS, _("change groups"), error))
    return FALSE;

  transaction = pd_database_begin_transaction (db, error);
  if (transaction == NULL ||
      !prepare_group (group, error) ||
      !check_group_exists (db, group->id, error) ||
      !check_facilitators (db, group, error))
    return FALSE;

  /* A group not read from the database (version 0) has seen nothing to
   * keep; the person's choice to keep theirs is a save over the version
   * stored now. */
  seen = group->version;
  if (overwrite || seen == 0)
    {
      seen = pd_conflict_read_version (db, "groups", group->id, error);
      if (seen < 0)
        return FALSE;
    }

  stmt = pd_database_query (db,
                            "UPDATE groups SET name = :name, kind = :kind,"
                            " facilitator_member_id = :facilitator_member_id,"
                            " facilitator_name = :facilitator_name, room = :room,"
                            " description = :description, weekdays = :weekdays,"
                            " start_time = :start_time, duration_minutes = :duration_minutes,"
                            " start_date = :start_date, end_date = :end_date,"
                            " attendance_mode = :attendance_mode, archived = :archived,"
                            " facilitator_volunteer_id = :facilitator_volunteer_id,"
                            " updated_at = :now, updated_by = :updated_by,"
                            " version = version + 1"
                            " WHERE id = :id AND version = :seen",
                            error);
  if (stmt == NULL)
    return FALSE;

  now = pd_timestamp_now ();
  actor = pd_database_get_actor (db, desk ? desk : "");
  pd_group_bind (stmt, group);
  pd_statement_bind_text (stmt, "now", now);
  pd_statement_bind_text (stmt, "updated_by", actor);
  pd_statement_bind_int64 (stmt, "id", group->id);
  pd_statement_bind_int64 (stmt, "seen", seen);
  if (!pd_statement_execute (stmt, error))
    return FALSE;
  if (pd_statement_get_changes (stmt) == 0)
    {
      pd_conflict_explain (db, "groups", group->id, error);
      return FALSE;
    }
  if (!pd_transaction_commit (transaction, error))
    return FALSE;

  group->version = seen + 1;
  g_free (group->updated_by);
  group->updated_by = g_strdup (actor);
  pd_database_notify_changed (db, "groups");
  return TRUE;
}

/* A coordinator logs the hours of the volunteer who led a session, and
 * reads its group and time to do so. */
static gboolean
require_sessions (PdDatabase  *db,
                  GError     **error)
{
  return pd_database_has_right (db, PD_RIGHT_VOLUNTEERS) ||
         pd_database_require (db, PD_RIGHT_MEETINGS, _("see groups"), error);
}

PdGroup *
pd_groups_get (PdDatabase  *db,
               gint64       id,
               GError     **error)
{
  g_autoptr(PdStatement) stmt = NULL;
  gboolean found;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  if (!require_sessions (db, error))
    return NULL;

  stmt = pd_database_query (db, "SELECT " GROUP_COLUMNS " FROM groups WHERE id = :id", error);
  if (stmt == NULL)
    return NULL;
  pd_statement_bind_int64 (stmt, "id", id);
  if (!pd_statement_fetch (stmt, &found, error))
    return NULL;
  if (!found)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("There is no group with id %" PRId64), id);
      return NULL;
    }
  return group_from_row (stmt);
}

/* Steps @stmt to its end, collecting its groups. */
static GPtrArray *
collect_groups (PdStatement  *stmt,
                GError      **error)
{
  return pd_statement_collect (stmt, (PdRowFunc) group_from_row, (GDestroyNotify) pd_group_free,
                               error);
}

GPtrArray *
pd_groups_list (PdDatabase  *db,
                gboolean     include_archived,
                GError     **error)
{
  g_autoptr(PdStatement) stmt = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  if (!pd_database_require (db, PD_RIGHT_MEETINGS, _("see groups"), error))
    return NULL;

  stmt = pd_database_query (db,
                            "SELECT " GROUP_COLUMNS " FROM groups"
                            " WHERE :include_archived OR archived = 0"
                            " ORDER BY lower (name), id",
                            error);
  if (stmt == NULL)
    return NULL;
  pd_statement_bind_boolean (stmt, "include_archived", include_archived);
  return collect_groups (stmt, error);
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
  g_autofree char *pattern = NULL;
  g_autoptr(PdStatement) count = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  gboolean found;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (n_total != NULL, NULL);

  if (!pd_database_require (db, PD_RIGHT_MEETINGS, _("see groups"), error))
    return NULL;

  if (search != NULL && !pd_text_is_blank (search))
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (search));
      GString *escaped = g_string_new ("%");

      /* The text is a literal, not a pattern. SQLite's LIKE ignores the
       * case of ASCII letters only, PostgreSQL's none: both compare the
       * lower-cased name with the lower-cased text. */
      for (const char *p = trimmed; *p; p++)
        {
          if (*p == '%' || *p == '_' || *p == '\\')
            g_string_append_c (escaped, '\\');
          g_string_append_c (escaped, g_ascii_tolower (*p));
        }
      g_string_append_c (escaped, '%');
      pattern = g_string_free (escaped, FALSE);
    }

  count = pd_database_query (db,
                             "SELECT count (*) FROM groups"
                             " WHERE (:include_archived OR archived = 0)"
                             " AND (CAST (:pattern AS TEXT) IS NULL"
                             " OR lower (name) LIKE :pattern ESCAPE '\\')",
                             error);
  if (count == NULL)
    return NULL;
  pd_statement_bind_boolean (count, "include_archived", include_archived);
  pd_statement_bind_text (count, "pattern", pattern);
  if (!pd_statement_fetch (count, &found, error))
    return NULL;
  *n_total = found ? (guint) pd_statement_get_int64 (count, 0) : 0;

  stmt = pd_database_query (db,
                            "SELECT " GROUP_COLUMNS " FROM groups"
                            " WHERE (:include_archived OR archived = 0)"
                            " AND (CAST (:pattern AS TEXT) IS NULL"
                            " OR lower (name) LIKE :pattern ESCAPE '\\')"
                            " ORDER BY lower (name), id LIMIT :limit",
                            error);
  if (stmt == NULL)
    return NULL;
  pd_statement_bind_boolean (stmt, "include_archived", include_archived);
  pd_statement_bind_text (stmt, "pattern", pattern);
  pd_statement_bind_int64 (stmt, "limit", limit);
  return collect_groups (stmt, error);
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
  g_autoptr(PdTransaction) transaction = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  GDate first, last;
  guint n_created = 0;

  g_return_val_if_fail (PD_IS_DATABASE (db), 0);

  if (!pd_database_require (db, PD_RIGHT_MEETINGS, _("plan sessions"), error))
    return 0;

  if (!parse_range_date (_("from"), from, &first, error) ||
      !parse_range_date (_("to"), to, &last, error))
    return 0;

  transaction = pd_database_begin_transaction (db, error);
  if (transaction == NULL)
    return 0;

  groups = pd_groups_list (db, FALSE, error);
  if (groups == NULL)
    return 0;

  stmt = pd_database_query (db,
                            "INSERT INTO sessions (group_id, starts_at, duration_minutes)"
                            " VALUES (:group_id, :starts_at, :duration_minutes)"
                            " ON CONFLICT (group_id, starts_at) DO NOTHING",
                            error);
  if (stmt == NULL)
    return 0;
  for (guint i = 0; i < groups->len; i++)
    {
      const PdGroup *group = g_ptr_array_index (groups, i);
      g_autoptr(GPtrArray) starts = NULL;
      g_autoptr(GError) local_error = NULL;

      starts = pd_schedule_expand (group, from, to, &local_error);
      if (starts == NULL)
        {
          g_set_error (error, PD_ERROR, local_error->code, _("group “%s”: %s"), group->name,
                       local_error->message);
          return 0;
        }

      pd_statement_bind_int64 (stmt, "group_id", group->id);
      pd_statement_bind_int (stmt, "duration_minutes", group->duration_minutes);
      for (guint j = 0; j < starts->len; j++)
        {
          pd_statement_bind_text (stmt, "starts_at", g_ptr_array_index (starts, j));
          if (!pd_statement_execute (stmt, error))
            return 0;
          n_created += pd_statement_get_changes (stmt);
        }
    }

  if (!pd_transaction_commit (transaction, error))
    return 0;

  if (n_created > 0)
    pd_database_notify_changed (db, "sessions");
  return n_created;
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
  g_autoptr(PdStatement) stmt = NULL;
  gint64 id;

  g_return_val_if_fail (PD_IS_DATABASE (db), 0);

  if (!pd_database_require (db, PD_RIGHT_MEETINGS, _("plan sessions"), error))
    return 0;

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

  stmt = pd_database_query (db,
                            "INSERT INTO sessions (group_id, starts_at, duration_minutes)"
                            " VALUES (:group_id, :starts_at, :duration_minutes)",
                            error);
  if (stmt == NULL)
    return 0;
  pd_statement_bind_int64 (stmt, "group_id", group_id);
  pd_statement_bind_text (stmt, "starts_at", starts_at);
  pd_statement_bind_int (stmt, "duration_minutes", duration_minutes);
  if (!pd_statement_execute (stmt, &local_error))
    {
      if (g_error_matches (local_error, PD_ERROR, PD_ERROR_DUPLICATE))
        g_set_error (error, PD_ERROR, PD_ERROR_DUPLICATE,
                     _("“%s” already has a session at %s"), group->name, starts_at);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }

  id = pd_statement_get_inserted_id (stmt);
  pd_database_notify_changed (db, "sessions");
  return id;
}

/* Runs @sql, an UPDATE of the session :id that sets it to :text, and
 * says which session was not there. */
static gboolean
update_session (PdDatabase  *db,
                const char  *sql,
                gint64       session_id,
                const char  *text,
                GError     **error)
{
  g_autoptr(PdStatement) stmt = pd_database_query (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  pd_statement_bind_text (stmt, "text", text);
  pd_statement_bind_int64 (stmt, "id", session_id);
  if (!pd_statement_execute (stmt, error))
    return FALSE;
  if (pd_statement_get_changes (stmt) == 0)
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

  if (!pd_database_require (db, PD_RIGHT_MEETINGS, _("plan sessions"), error))
    return FALSE;

  if (pd_text_is_blank (reason))
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                           _("reason: a cancelled session needs a reason"));
      return FALSE;
    }

  trimmed = g_strstrip (g_strdup (reason));
  return update_session (db, "UPDATE sessions SET cancelled = 1, cancel_reason = :text"
                         " WHERE id = :id",
                         session_id, trimmed, error);
}

gboolean
pd_sessions_set_notes (PdDatabase  *db,
                       gint64       session_id,
                       const char  *notes,
                       GError     **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);

  if (!pd_database_require (db, PD_RIGHT_MEETINGS, _("plan sessions"), error))
    return FALSE;

  return update_session (db, "UPDATE sessions SET notes = :text WHERE id = :id", session_id,
                         or_empty (notes), error);
}

static PdSession *
session_from_row (PdStatement *stmt)
{
  PdSession *session = g_new0 (PdSession, 1);

  session->id = pd_statement_get_int64 (stmt, 0);
  session->group_id = pd_statement_get_int64 (stmt, 1);
  session->group_name = pd_statement_dup_text (stmt, 2);
  session->attendance_mode = pd_statement_dup_text (stmt, 3);
  session->starts_at = pd_statement_dup_text (stmt, 4);
  session->duration_minutes = pd_statement_get_int (stmt, 5);
  session->cancelled = pd_statement_get_boolean (stmt, 6);
  session->cancel_reason = pd_statement_dup_text (stmt, 7);
  session->notes = pd_statement_dup_text (stmt, 8);
  session->headcount = pd_statement_get_int (stmt, 9);
  session->n_present = pd_statement_get_int (stmt, 10);
  return session;
}

/* Steps @stmt to its end, collecting its sessions. */
static GPtrArray *
collect_sessions (PdStatement  *stmt,
                  GError      **error)
{
  return pd_statement_collect (stmt, (PdRowFunc) session_from_row,
                               (GDestroyNotify) pd_session_free, error);
}

PdSession *
pd_sessions_get (PdDatabase  *db,
                 gint64       session_id,
                 GError     **error)
{
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(PdStatement) stmt = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  if (!require_sessions (db, error))
    return NULL;

  stmt = pd_database_query (db,
                            "SELECT " SESSION_COLUMNS
                            " FROM sessions AS s JOIN groups AS g ON g.id = s.group_id"
                            " WHERE s.id = :id",
                            error);
  if (stmt == NULL)
    return NULL;
  pd_statement_bind_int64 (stmt, "id", session_id);
  sessions = collect_sessions (stmt, error);
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
  g_autoptr(PdStatement) stmt = NULL;
  GDate day;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  if (!pd_database_require (db, PD_RIGHT_MEETINGS, _("see groups"), error))
    return NULL;

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
  stmt = pd_database_query (db,
                            "SELECT " SESSION_COLUMNS
                            " FROM sessions AS s JOIN groups AS g ON g.id = s.group_id"
                            " WHERE s.starts_at >= :from AND s.starts_at < :to"
                            " ORDER BY s.starts_at, lower (g.name), s.id",
                            error);
  if (stmt == NULL)
    return NULL;
  pd_statement_bind_text (stmt, "from", date);
  pd_statement_bind_text (stmt, "to", next_day);
  return collect_sessions (stmt, error);
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
  g_autoptr(PdStatement) stmt = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  if (!pd_database_require (db, PD_RIGHT_MEETINGS, _("see groups"), error))
    return NULL;

  if (!check_group_exists (db, group_id, error))
    return NULL;

  /* Both use the (group_id, starts_at) index of the UNIQUE constraint. */
  stmt = pd_database_query (db,
                            upcoming
                            ? "SELECT " SESSION_COLUMNS
                              " FROM sessions AS s JOIN groups AS g ON g.id = s.group_id"
                              " WHERE s.group_id = :group_id AND s.starts_at >= :now"
                              " ORDER BY s.starts_at LIMIT :limit OFFSET :offset"
                            : "SELECT " SESSION_COLUMNS
                              " FROM sessions AS s JOIN groups AS g ON g.id = s.group_id"
                              " WHERE s.group_id = :group_id AND s.starts_at < :now"
                              " ORDER BY s.starts_at DESC LIMIT :limit OFFSET :offset",
                            error);
  if (stmt == NULL)
    return NULL;

  now = local_now ();
  pd_statement_bind_int64 (stmt, "group_id", group_id);
  pd_statement_bind_text (stmt, "now", now);
  /* No limit is the largest one: PostgreSQL takes no negative limit. */
  pd_statement_bind_int64 (stmt, "limit", limit > 0 ? (gint64) limit : G_MAXINT64);
  pd_statement_bind_int64 (stmt, "offset", offset);
  return collect_sessions (stmt, error);
}
