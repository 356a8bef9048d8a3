/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pd-error.h"
#include "pd-report.h"
#include "pd-safe-file.h"
#include "pd-schedule.h"
#include "pd-staff.h"
#include "pd-statement.h"
#include "pd-text.h"

/* Where the product identifier and the UIDs say the calendar comes from. */
#define PRODID "-//Peerdesk//Meeting schedule " PACKAGE_VERSION "//EN"
#define UID_DOMAIN "peerdesk"
#define REFRESH_HOURS 12

void
pd_schedule_entry_free (PdScheduleEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->group_name);
  g_free (entry->room);
  g_free (entry->description);
  g_free (entry->starts_at);
  g_free (entry);
}

static gpointer
entry_from_row (PdStatement *stmt)
{
  PdScheduleEntry *entry = g_new0 (PdScheduleEntry, 1);

  entry->session_id = pd_statement_get_int64 (stmt, 0);
  entry->group_id = pd_statement_get_int64 (stmt, 1);
  entry->group_name = pd_statement_dup_text (stmt, 2);
  entry->room = pd_statement_dup_text (stmt, 3);
  entry->description = pd_statement_dup_text (stmt, 4);
  entry->starts_at = pd_statement_dup_text (stmt, 5);
  entry->duration_minutes = (guint) pd_statement_get_int (stmt, 6);
  entry->cancelled = pd_statement_get_boolean (stmt, 7);
  return entry;
}

GPtrArray *
pd_schedule_list (PdDatabase   *db,
                  const GDate  *first_day,
                  guint         n_days,
                  GError      **error)
{
  g_autoptr(PdStatement) stmt = NULL;
  char from[PD_DATE_ISO_SIZE], to[PD_DATE_ISO_SIZE];
  GDate end;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (first_day != NULL && g_date_valid (first_day), NULL);

  if (!pd_database_require (db, PD_RIGHT_MEETINGS, _("see the meeting schedule"), error))
    return NULL;

  end = *first_day;
  g_date_add_days (&end, n_days);
  pd_date_write_iso (first_day, from);
  pd_date_write_iso (&end, to);

  /* Start times sort as text, so the range is read through the sessions'
   * time index; the groups are joined by their key. Nothing here touches
   * attendance: a schedule says when, not who. Names at the same time go
   * in the order of their ASCII-folded letters, as lower() has them on
   * both engines. */
  stmt = pd_database_query (db,
                            "SELECT s.id, s.group_id, g.name, g.room, g.description, s.starts_at,"
                            " s.duration_minutes, s.cancelled"
                            " FROM sessions AS s JOIN groups AS g ON g.id = s.group_id"
                            " WHERE s.starts_at >= :from AND s.starts_at < :to AND g.archived = 0"
                            " ORDER BY s.starts_at, lower (g.name), s.id",
                            error);
  if (stmt == NULL)
    return NULL;
  pd_statement_bind_text (stmt, "from", from);
  pd_statement_bind_text (stmt, "to", to);
  return pd_statement_collect (stmt, entry_from_row, (GDestroyNotify) pd_schedule_entry_free,
                               error);
}

char *
pd_schedule_format_day (const GDate *day)
{
  g_autoptr(GDateTime) time = NULL;

  g_return_val_if_fail (day != NULL && g_date_valid (day), NULL);

  time = g_date_time_new_utc (g_date_get_year (day), g_date_get_month (day),
                              g_date_get_day (day), 0, 0, 0);
  /* Translators: a day heading the schedule, see g_date_time_format().
   * xgettext:no-c-format */
  return g_date_time_format (time, _("%A, %B %-d, %Y"));
}

char *
pd_schedule_dup_title (PdDatabase *db)
{
  g_autofree char *organisation = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  organisation = pd_report_settings_dup_organisation (db);
  if (organisation != NULL && !pd_text_is_blank (organisation))
    return g_strstrip (g_steal_pointer (&organisation));
  return g_strdup (_("Meetings"));
}

/* The local time zone, by the name of the time zone database that
 * calendars everywhere know ("America/New_York"), as libical describes
 * it; NULL when the system's zone has no such name. */
static icaltimezone *
local_zone (char **location)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autofree char *link = g_file_read_link ("/etc/localtime", NULL);
  const char *candidates[] = { g_time_zone_get_identifier (tz), NULL };

  /* The system's zone, by the file it links to, when GLib knows it by a
   * path alone; a zone set by TZ is not the system's. */
  if (g_getenv ("TZ") == NULL && link != NULL && strstr (link, "zoneinfo/") != NULL)
    candidates[1] = strstr (link, "zoneinfo/") + strlen ("zoneinfo/");

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      const char *name = candidates[i];
      icaltimezone *zone;

      /* TZ may name a zone as ":Europe/Paris". */
      if (name != NULL && *name == ':')
        name++;
      if (name == NULL || *name == '\0' || *name == '/')
        continue;
      if (g_str_equal (name, "UTC"))
        name = "Etc/UTC";

      /* libical keeps the zones it loads for the life of the process. */
      zone = icaltimezone_get_builtin_timezone (name);
      if (zone != NULL && icaltimezone_get_component (zone) != NULL)
        {
          *location = g_strdup (name);
          return zone;
        }
    }
  return NULL;
}

/* The zone's description from just before @first_day on, named by its
 * location alone: libical's own name for it carries a prefix other
 * calendars would not recognise. */
static icalcomponent *
new_vtimezone (icaltimezone *zone,
               const char   *location,
               const GDate  *first_day)
{
  icalcomponent *vtimezone = icalcomponent_new_clone (icaltimezone_get_component (zone));
  icalproperty *tzid = icalcomponent_get_first_property (vtimezone, ICAL_TZID_PROPERTY);
  struct icaltimetype start = icaltime_null_time ();

  start.year = g_date_get_year (first_day);
  start.month = g_date_get_month (first_day);
  start.day = g_date_get_day (first_day);
  start = icaltime_set_timezone (&start, icaltimezone_get_utc_timezone ());
  icaltime_adjust (&start, -1, 0, 0, 0);
  icaltimezone_truncate_vtimezone (vtimezone, start, icaltime_null_time (), 0);
  icalproperty_set_tzid (tzid, location);
  return vtimezone;
}

/* "YYYY-MM-DDTHH:MM" as a wall-clock time. */
static gboolean
parse_starts_at (const char           *text,
                 struct icaltimetype  *time)
{
  int year, month, day, hour, minute;

  if (sscanf (text, "%4d-%2d-%2dT%2d:%2d", &year, &month, &day, &hour, &minute) != 5)
    return FALSE;
  *time = icaltime_null_time ();
  time->year = year;
  time->month = month;
  time->day = day;
  time->hour = hour;
  time->minute = minute;
  return icaltime_is_valid_time (*time) && !icaltime_is_null_time (*time);
}

static icalproperty *
with_tzid (icalproperty *property,
           const char   *tzid)
{
  if (tzid != NULL)
    icalproperty_add_parameter (property, icalparameter_new_tzid (tzid));
  return property;
}

static void
add_x_property (icalcomponent *component,
                const char    *name,
                const char    *value)
{
  /* libical escapes backslashes and line breaks in the value; commas and
   * semicolons it leaves as they are, which readers of these properties
   * take as written. */
  icalproperty *property = icalproperty_new_x (value);

  icalproperty_set_x_name (property, name);
  icalcomponent_add_property (component, property);
}

/* What the UIDs of this database's sessions end with: a digest of the
 * database's own random identity, which stays with its backups, so that
 * the identity itself is never published. */
static char *
dup_uid_suffix (PdDatabase  *db,
                GError     **error)
{
  g_autoptr(PdStatement) stmt = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *digest = NULL;
  gboolean found = FALSE;

  stmt = pd_database_query (db, "SELECT database_id FROM identity", error);
  if (stmt == NULL || !pd_statement_fetch (stmt, &found, error))
    return NULL;
  if (!found)
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_FAILED,
                           _("The database has no identity to name its sessions by"));
      return NULL;
    }
  seed = g_strconcat ("schedule:", pd_statement_get_text (stmt, 0), NULL);
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, seed, -1);
  return g_strndup (digest, 16);
}

static icalcomponent *
new_vevent (const PdScheduleEntry     *entry,
            const char                *uid_suffix,
            const char                *tzid,
            struct icaltimetype        stamp)
{
  icalcomponent *event = icalcomponent_new_vevent ();
  g_autofree char *uid = NULL;
  struct icaltimetype start, end;

  if (!parse_starts_at (entry->starts_at, &start))
    {
      icalcomponent_free (event);
      return NULL;
    }
  end = icaltime_add (start, icaldurationtype_from_int ((int) entry->duration_minutes * 60));

  uid = g_strdup_printf ("session-%" PRId64 "-%s@" UID_DOMAIN, entry->session_id, uid_suffix);
  icalcomponent_add_property (event, icalproperty_new_uid (uid));
  icalcomponent_add_property (event, icalproperty_new_dtstamp (stamp));
  icalcomponent_add_property (event, with_tzid (icalproperty_new_dtstart (start), tzid));
  icalcomponent_add_property (event, with_tzid (icalproperty_new_dtend (end), tzid));
  icalcomponent_add_property (event, icalproperty_new_summary (entry->group_name));
  if (!pd_text_is_blank (entry->room))
    icalcomponent_add_property (event, icalproperty_new_location (entry->room));
  if (!pd_text_is_blank (entry->description))
    icalcomponent_add_property (event, icalproperty_new_description (entry->description));
  icalcomponent_add_property (event, icalproperty_new_status (entry->cancelled
                                                              ? ICAL_STATUS_CANCELLED
                                                              : ICAL_STATUS_CONFIRMED));
  /* A cancellation is a revision of the event: a calendar that imported
   * the session before takes the newer one. */
  icalcomponent_add_property (event, icalproperty_new_sequence (entry->cancelled ? 1 : 0));
  return event;
}

static char *
dup_ics (PdDatabase  *db,
         GPtrArray   *entries,
         const GDate *first_day,
         GError     **error)
{
  g_autofree char *uid_suffix = NULL;
  g_autofree char *title = NULL;
  g_autofree char *location = NULL;
  icaltimezone *zone;
  icalcomponent *calendar;
  struct icaltimetype stamp;
  char *text;

  uid_suffix = dup_uid_suffix (db, error);
  if (uid_suffix == NULL)
    return NULL;
  title = pd_schedule_dup_title (db);

  calendar = icalcomponent_new_vcalendar ();
  icalcomponent_add_property (calendar, icalproperty_new_prodid (PRODID));
  icalcomponent_add_property (calendar, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (calendar, icalproperty_new_calscale ("GREGORIAN"));
  icalcomponent_add_property (calendar, icalproperty_new_method (ICAL_METHOD_PUBLISH));
  add_x_property (calendar, "X-WR-CALNAME", title);
  icalcomponent_add_property (calendar, icalproperty_new_name (title));
  /* A calendar subscribed to where the centre publishes the file looks
   * for changes, a cancellation say, twice a day (RFC 7986, and the
   * older name Outlook reads). */
  icalcomponent_add_property (calendar, icalproperty_new_refreshinterval (
                                icaldurationtype_from_int (REFRESH_HOURS * 3600)));
  add_x_property (calendar, "X-PUBLISHED-TTL", "PT" G_STRINGIFY (REFRESH_HOURS) "H");

  /* Without a named zone the times are left floating: each calendar shows
   * them at the same wall-clock time in its own zone, which for a centre's
   * neighbours is still the right one. */
  zone = local_zone (&location);
  if (zone != NULL)
    {
      add_x_property (calendar, "X-WR-TIMEZONE", location);
      icalcomponent_add_component (calendar, new_vtimezone (zone, location, first_day));
    }

  stamp = icaltime_current_time_with_zone (icaltimezone_get_utc_timezone ());
  for (guint i = 0; i < entries->len; i++)
    {
      const PdScheduleEntry *entry = g_ptr_array_index (entries, i);
      icalcomponent *event = new_vevent (entry, uid_suffix, location, stamp);

      if (event == NULL)
        {
          g_autofree char *excerpt = pd_text_excerpt (entry->starts_at, -1);

          icalcomponent_free (calendar);
          g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
                       _("Session %" PRId64 " starts at “%s”, which is not a time"),
                       entry->session_id, excerpt);
          return NULL;
        }
      icalcomponent_add_component (calendar, event);
    }

  text = icalcomponent_as_ical_string_r (calendar);
  icalcomponent_free (calendar);
  return text;
}

gint
pd_schedule_write_ics (PdDatabase   *db,
                       const GDate  *first_day,
                       guint         n_weeks,
                       const char   *path,
                       GError      **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(PdSafeFile) file = NULL;
  char *text;
  gboolean ok;

  g_return_val_if_fail (PD_IS_DATABASE (db), -1);
  g_return_val_if_fail (first_day != NULL && g_date_valid (first_day), -1);
  g_return_val_if_fail (path != NULL, -1);

  if (!pd_database_require (db, PD_RIGHT_MEETINGS, _("export the meeting schedule"), error))
    return -1;
  if (n_weeks < 1 || n_weeks > PD_SCHEDULE_MAX_WEEKS)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("A calendar holds from 1 to %d weeks, not %u"), PD_SCHEDULE_MAX_WEEKS,
                   n_weeks);
      return -1;
    }

  entries = pd_schedule_list (db, first_day, n_weeks * 7, error);
  if (entries == NULL)
    return -1;
  text = dup_ics (db, entries, first_day, error);
  if (text == NULL)
    return -1;

  file = pd_safe_file_new (path, error);
  ok = file != NULL &&
       pd_safe_file_write (file, text, strlen (text), error) &&
       pd_safe_file_commit_recorded (file, db, PD_AUDIT_EXPORT, "schedule calendar",
                                     entries->len, error);
  free (text);
  return ok ? (gint) entries->len : -1;
}
