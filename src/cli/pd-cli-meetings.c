/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "pd-attendance.h"
#include "pd-cli.h"
#include "pd-error.h"
#include "pd-groups.h"
#include "pd-members.h"
#include "pd-text.h"
#include "pd-visits.h"

/* Weekdays as --weekdays takes them and “groups list” shows them: codes,
 * like the kinds and modes, so that what is listed can be typed back. */
static const struct
{
  const char *code;
  const char *name;
  PdWeekdays  bit;
} weekdays[] = {
  { "mon", "monday", PD_WEEKDAY_MONDAY },
  { "tue", "tuesday", PD_WEEKDAY_TUESDAY },
  { "wed", "wednesday", PD_WEEKDAY_WEDNESDAY },
  { "thu", "thursday", PD_WEEKDAY_THURSDAY },
  { "fri", "friday", PD_WEEKDAY_FRIDAY },
  { "sat", "saturday", PD_WEEKDAY_SATURDAY },
  { "sun", "sunday", PD_WEEKDAY_SUNDAY },
};

/* The codes with their labels, one a line, for a command's --help. */
static char *
dup_code_lines (const PdCode *codes)
{
  GString *list = g_string_new (NULL);

  for (guint i = 0; codes[i].code != NULL; i++)
    g_string_append_printf (list, "\n  %-13s %s", codes[i].code, _(codes[i].label));
  return g_string_free (list, FALSE);
}

/* Numbers are taken as typed: no sign, no spaces. */
static gboolean
parse_session_id (const char  *text,
                  gint64      *id,
                  GError     **error)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      g_autofree char *excerpt = pd_text_excerpt (text, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("SESSION_ID: “%s” is not a session id (a whole number, as “sessions list” "
                     "shows)"), excerpt);
      return FALSE;
    }
  *id = (gint64) value;
  return TRUE;
}

/* An inactive member is still welcome: the desk is told, so that the
 * record can be brought up to date, and nothing is refused. Standard
 * error may go to a log, so the notice names the member by number only. */
static void
notice_if_inactive (PdMember *member)
{
  if (pd_member_is_active (member))
    return;
  g_printerr (_("%s: note: member %s is marked inactive; recorded all the same\n"), PD_CLI_NAME,
              pd_member_get (member, PD_MEMBER_FIELD_NUMBER));
}

/* Who is at the desk, as the check-in page records them when no desk name
 * is set: the account's full name, or its login name. */
static const char *
desk_name (void)
{
  const char *real_name = g_get_real_name ();

  /* GLib says "Unknown" when the account has no full name. */
  if (real_name != NULL && *real_name != '\0' && g_strcmp0 (real_name, "Unknown") != 0)
    return real_name;
  return g_get_user_name ();
}

/* "2025-03-08T18:00[:SS]" as "2025-03-08 18:00". */
static char *
dup_readable_time (const char *at)
{
  return g_strdup_printf ("%.10s %.5s", at, strlen (at) > 11 ? at + 11 : "");
}

/* checkin */

typedef struct
{
  char *purpose;
  char *at;
} Checkin;

static GOptionContext *
checkin_options (PdCliCall *call)
{
  Checkin *self = pd_cli_call_new (call, Checkin, NULL);
  const GOptionEntry entries[] = {
    { "purpose", 'p', 0, G_OPTION_ARG_STRING, &self->purpose,
      N_("Record the visit as PURPOSE, named in any case (the default purpose unless told)"),
      N_("PURPOSE") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &self->at,
      N_("Record the visit at DATETIME, YYYY-MM-DDTHH:MM in local time, instead of now"),
      N_("DATETIME") },
    G_OPTION_ENTRY_NULL
  };

  return pd_cli_call_context_new (call,
                                  /* Translators: only MEMBER_NUMBER may be translated */
                                  _("checkin MEMBER_NUMBER"),
                                  _("Record that a member came in to the centre, as the "
                                    "front desk does."),
                                  _("The member number can be typed as M-000123, m123 or "
                                    "123. A member marked inactive is checked in all the "
                                    "same, with a note on standard error. The purposes are "
                                    "those of the preferences; archived ones are refused. "
                                    "The visit is recorded as made at the desk of the "
                                    "account running the command."),
                                  entries);
}

/* Members are looked up as the front desk types their number: M-000123,
 * m123 or 123. */
static gboolean
checkin_run (PdCliCall  *call,
             GError    **error)
{
  Checkin *self = call->data;
  PdDatabase *db = call->db;
  const char *purpose = self->purpose;
  char *at = self->at;
  g_autoptr(PdMember) member = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *when = NULL;
  g_autofree char *today = NULL;
  g_autofree char *name = NULL;
  gint64 purpose_id = 0;

  member = pd_members_get_by_number (db, call->args[1], error);
  if (member == NULL)
    return FALSE;

  if (purpose != NULL)
    {
      purpose_id = pd_purposes_find (db, purpose, &local_error);
      if (purpose_id == 0)
        {
          g_autoptr(GPtrArray) purposes = NULL;
          g_autofree char *excerpt = NULL;
          g_autoptr(GString) labels = NULL;

          if (!g_error_matches (local_error, PD_ERROR, PD_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          purposes = pd_purposes_list (db, FALSE, error);
          if (purposes == NULL)
            return FALSE;
          labels = g_string_new (NULL);
          for (guint i = 0; i < purposes->len; i++)
            {
              const PdPurpose *p = g_ptr_array_index (purposes, i);

              g_string_append_printf (labels, "%s%s", i > 0 ? ", " : "", p->label);
            }
          excerpt = pd_text_excerpt (purpose, -1);
          g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                       _("--purpose: there is no visit purpose “%s” (one of: %s)"), excerpt,
                       labels->str);
          return FALSE;
        }
    }

  /* A space is how a date and a time are usually typed apart. */
  if (at != NULL && strlen (at) > 10 && at[10] == ' ')
    at[10] = 'T';
  when = at != NULL ? g_strdup (at) : pd_local_now ();

  if (pd_visits_check_in (db, pd_member_get_id (member), purpose_id, when, desk_name (),
                          &local_error) == 0)
    {
      if (at != NULL && g_error_matches (local_error, PD_ERROR, PD_ERROR_INVALID))
        g_prefix_error (&local_error, "--at: ");
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  notice_if_inactive (member);
  name = pd_member_dup_display_name (member);
  today = pd_date_today ();
  if (strncmp (when, today, 10) == 0)
    /* Translators: Checked in José Müller (M-000123) at 14:05 */
    g_print (_("Checked in %s (%s) at %.5s\n"), name,
             pd_member_get (member, PD_MEMBER_FIELD_NUMBER), when + 11);
  else
    /* Translators: Checked in José Müller (M-000123) on 2025-03-08 at 14:05 */
    g_print (_("Checked in %s (%s) on %.10s at %.5s\n"), name,
             pd_member_get (member, PD_MEMBER_FIELD_NUMBER), when, when + 11);
  return TRUE;
}

const PdCliHandler pd_cli_checkin_handler = {
  checkin_options, NULL, checkin_run,
};

/* groups */

static gboolean
parse_weekdays (const char  *text,
                PdWeekdays  *result,
                GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  PdWeekdays days = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *day = g_ascii_strdown (g_strstrip (parts[i]), -1);
      gboolean found = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (weekdays) && !found; j++)
        {
          if (g_str_equal (day, weekdays[j].code) || g_str_equal (day, weekdays[j].name))
            {
              days |= weekdays[j].bit;
              found = TRUE;
            }
        }
      if (!found)
        {
          g_autofree char *excerpt = pd_text_excerpt (parts[i], -1);

          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("--weekdays: “%s” is not a day (mon, tue, wed, thu, fri, sat or sun)"),
                       excerpt);
          return FALSE;
        }
    }
  *result = days;
  return TRUE;
}

static char *
dup_weekdays (PdWeekdays days)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (weekdays); i++)
    if (days & weekdays[i].bit)
      g_string_append_printf (out, "%s%s", out->len > 0 ? "," : "", weekdays[i].code);
  return g_string_free (out, FALSE);
}

/* The schedule in the words of the options of “groups add”, untranslated
 * like the kinds and modes beside it, for scripts: “mon,wed 18:00, 60 min,
 * from 2025-01-06 to 2025-06-30”, or “one-off, …” without weekdays. */
static char *
dup_schedule (const PdGroup *group)
{
  g_autofree char *days = NULL;
  GString *out = g_string_new (NULL);

  if (group->weekdays == 0)
    g_string_append (out, "one-off");
  else
    {
      days = dup_weekdays (group->weekdays);
      g_string_append_printf (out, "%s %s", days, group->start_time);
    }
  g_string_append_printf (out, ", %u min, from %s", group->duration_minutes, group->start_date);
  if (group->end_date != NULL && *group->end_date != '\0')
    g_string_append_printf (out, " to %s", group->end_date);
  return g_string_free (out, FALSE);
}

static GOptionContext *
groups_list_options (PdCliCall *call)
{
  return pd_cli_option_context_new ("groups list",
                                    _("Show the groups that are not archived, by name."),
                                    _("Prints one group a line: its id, name, kind, schedule "
                                      "and attendance mode, separated by tabs. Kinds, "
                                      "schedules and modes are written as “groups add” takes "
                                      "them, and are not translated."));
}

static gboolean
groups_list_run (PdCliCall  *call,
                 GError    **error)
{
  g_autoptr(GPtrArray) groups = NULL;

  groups = pd_groups_list (call->db, FALSE, error);
  if (groups == NULL)
    return FALSE;

  for (guint i = 0; i < groups->len; i++)
    {
      const PdGroup *group = g_ptr_array_index (groups, i);
      g_autofree char *schedule = dup_schedule (group);

      g_print ("%" PRId64 "\t%s\t%s\t%s\t%s\n", group->id, group->name, group->kind,
               schedule, group->attendance_mode);
    }
  return TRUE;
}

const PdCliHandler pd_cli_groups_list_handler = {
  groups_list_options, NULL, groups_list_run,
};

typedef struct
{
  char *kind;
  char *days_text;
  char *time;
  char *from;
  char *to;
  char *mode;
  char *room;
  char *facilitator;
  int duration;
  PdGroup *group;
} GroupsAdd;

static void
groups_add_clear (gpointer data)
{
  GroupsAdd *self = data;

  g_clear_pointer (&self->group, pd_group_free);
}

static GOptionContext *
groups_add_options (PdCliCall *call)
{
  GroupsAdd *self = pd_cli_call_new (call, GroupsAdd, groups_add_clear);
  g_autofree char *kinds = dup_code_lines (pd_group_kinds ());
  g_autofree char *modes = dup_code_lines (pd_attendance_modes ());
  g_autofree char *description = NULL;
  const GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &self->kind,
      N_("What kind of group it is (required; see below)"), N_("KIND") },
    { "weekdays", 'w', 0, G_OPTION_ARG_STRING, &self->days_text,
      N_("Meet every week on DAYS, such as mon,wed (none: a one-off group)"), N_("DAYS") },
    { "time", 't', 0, G_OPTION_ARG_STRING, &self->time,
      N_("Start at HH:MM, local time (required with --weekdays)"), N_("HH:MM") },
    { "duration", 0, 0, G_OPTION_ARG_INT, &self->duration,
      N_("Last MIN minutes (60 unless told)"), N_("MIN") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &self->from,
      N_("Meet from DATE, YYYY-MM-DD (today unless told)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &self->to,
      N_("Meet until DATE, YYYY-MM-DD (no end unless told)"), N_("DATE") },
    { "mode", 'm', 0, G_OPTION_ARG_STRING, &self->mode,
      N_("Take attendance by MODE: named, headcount or both (named unless told)"), N_("MODE") },
    { "room", 0, 0, G_OPTION_ARG_STRING, &self->room, N_("Meet in ROOM"), N_("ROOM") },
    { "facilitator", 0, 0, G_OPTION_ARG_STRING, &self->facilitator,
      N_("Who leads the group"), N_("NAME") },
    G_OPTION_ENTRY_NULL
  };

  self->duration = 60;
  description = g_strdup_printf (_("Kinds:%s\n\nAttendance modes:%s\n\nA headcount-only group "
                                   "never records names, as mutual-aid meetings keep their "
                                   "members anonymous. “sessions generate” makes the sessions "
                                   "of the schedule."),
                                 kinds, modes);
  return pd_cli_call_context_new (call,
                                  /* Translators: only NAME and KIND may be translated */
                                  _("groups add NAME --kind KIND"),
                                  _("Add a group: a meeting, a class or an activity, once or "
                                    "every week."),
                                  description,
                                  entries);
}

static void
replace (char       **field,
         const char  *value)
{
  if (value == NULL)
    return;
  g_free (*field);
  *field = g_strdup (value);
}

static gboolean
groups_add_check (PdCliCall  *call,
                  GError    **error)
{
  GroupsAdd *self = call->data;
  PdWeekdays days = 0;
  PdGroup *group;

  if (self->kind == NULL)
    {
      g_autofree char *codes = pd_cli_dup_codes (pd_group_kinds ());

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“groups add” needs --kind, one of: %s"), codes);
      return FALSE;
    }
  if (self->days_text != NULL && !parse_weekdays (self->days_text, &days, error))
    return FALSE;
  if (self->duration < 1 || self->duration > 24 * 60)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--duration must be a whole number of minutes from 1 to %d"), 24 * 60);
      return FALSE;
    }

  group = self->group = pd_group_new ();
  replace (&group->name, call->args[1]);
  g_free (group->kind);
  group->kind = g_ascii_strdown (self->kind, -1);
  group->weekdays = days;
  replace (&group->start_time, self->time);
  group->duration_minutes = self->duration;
  replace (&group->start_date, self->from);
  replace (&group->end_date, self->to);
  if (self->mode != NULL)
    {
      g_free (group->attendance_mode);
      group->attendance_mode = g_ascii_strdown (self->mode, -1);
    }
  replace (&group->room, self->room);
  replace (&group->facilitator_name, self->facilitator);

  /* Checked before the database is opened, so that a mistyped option
   * leaves no new database behind. */
  return pd_group_validate (group, error);
}

static gboolean
groups_add_run (PdCliCall  *call,
                GError    **error)
{
  GroupsAdd *self = call->data;
  g_autofree char *id_text = NULL;
  gint64 id;

  id = pd_groups_insert (call->db, self->group, error);
  if (id == 0)
    return FALSE;

  id_text = g_strdup_printf ("%" PRId64, id);
  g_print (_("Added the group “%s” with id %s\n"), self->group->name, id_text);
  return TRUE;
}

const PdCliHandler pd_cli_groups_add_handler = {
  groups_add_options, groups_add_check, groups_add_run,
};

/* sessions */

typedef struct
{
  char *from;
  char *to;
} SessionsGenerate;

static GOptionContext *
sessions_generate_options (PdCliCall *call)
{
  SessionsGenerate *self = pd_cli_call_new (call, SessionsGenerate, NULL);
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &self->from,
      N_("The first day, YYYY-MM-DD (required)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &self->to,
      N_("The last day, YYYY-MM-DD (required)"), N_("DATE") },
    G_OPTION_ENTRY_NULL
  };

  return pd_cli_call_context_new (call,
                                  /* Translators: only DATE may be translated */
                                  _("sessions generate --from DATE --to DATE"),
                                  _("Make the sessions of every group's weekly schedule from "
                                    "one day to another, both included."),
                                  _("Sessions that exist already, cancelled or not, are left "
                                    "as they are, so running this again only fills in what "
                                    "is missing. Archived groups get no new sessions."),
                                  entries);
}

static gboolean
sessions_generate_check (PdCliCall  *call,
                         GError    **error)
{
  SessionsGenerate *self = call->data;

  if (self->from == NULL || self->to == NULL)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“sessions generate” needs %s; see “%s sessions generate --help”"),
                   self->from == NULL ? "--from" : "--to", PD_CLI_NAME);
      return FALSE;
    }
  return TRUE;
}

static gboolean
sessions_generate_run (PdCliCall  *call,
                       GError    **error)
{
  SessionsGenerate *self = call->data;
  g_autoptr(GError) local_error = NULL;
  guint n_created;

  n_created = pd_sessions_generate (call->db, self->from, self->to, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_print (ngettext ("Created %'u session from %s to %s\n",
                     "Created %'u sessions from %s to %s\n", n_created),
           n_created, self->from, self->to);
  return TRUE;
}

const PdCliHandler pd_cli_sessions_generate_handler = {
  sessions_generate_options, sessions_generate_check, sessions_generate_run,
};

typedef struct
{
  char *date;
} SessionsList;

static GOptionContext *
sessions_list_options (PdCliCall *call)
{
  SessionsList *self = pd_cli_call_new (call, SessionsList, NULL);
  const GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &self->date,
      N_("Show the sessions of DATE, YYYY-MM-DD (today unless told)"), N_("DATE") },
    G_OPTION_ENTRY_NULL
  };

  return pd_cli_call_context_new (call,
                                  "sessions list",
                                  _("Show the sessions of a day, cancelled ones included, "
                                    "by time."),
                                  _("Prints one session a line: its id, its start, the "
                                    "group, the attendance mode, how many members are "
                                    "marked present, the headcount, and the reason if it "
                                    "was cancelled, separated by tabs. The id is what "
                                    "“attendance” takes."),
                                  entries);
}

static gboolean
sessions_list_run (PdCliCall  *call,
                   GError    **error)
{
  SessionsList *self = call->data;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autofree char *today = NULL;
  const char *date = self->date;

  if (date == NULL)
    date = today = pd_date_today ();

  sessions = pd_sessions_list_day (call->db, date, error);
  if (sessions == NULL)
    return FALSE;

  for (guint i = 0; i < sessions->len; i++)
    {
      const PdSession *session = g_ptr_array_index (sessions, i);

      g_print ("%" PRId64 "\t%s\t%s\t%s\t%u\t%u", session->id, session->starts_at,
               session->group_name, session->attendance_mode, session->n_present,
               session->headcount);
      if (session->cancelled)
        g_print ("\t%s", session->cancel_reason);
      g_print ("\n");
    }
  return TRUE;
}

const PdCliHandler pd_cli_sessions_list_handler = {
  sessions_list_options, NULL, sessions_list_run,
};

/* attendance */

static PdSession *
get_session (PdDatabase  *db,
             const char  *text,
             GError     **error)
{
  gint64 id;

  if (!parse_session_id (text, &id, error))
    return NULL;
  return pd_sessions_get (db, id, error);
}

static GOptionContext *
attendance_mark_options (PdCliCall *call)
{
  /* Translators: only SESSION_ID and MEMBER_NUMBER may be translated */
  return pd_cli_option_context_new (_("attendance mark SESSION_ID MEMBER_NUMBER"),
                                    _("Mark a member present at a session."),
                                    _("“sessions list” shows the ids of a day's sessions. A "
                                      "headcount-only group records no names: give it a "
                                      "number with “attendance headcount”."));
}

static gboolean
attendance_mark_run (PdCliCall  *call,
                     GError    **error)
{
  PdDatabase *db = call->db;
  g_autoptr(PdSession) session = NULL;
  g_autoptr(PdMember) member = NULL;
  g_autofree char *name = NULL;
  g_autofree char *start = NULL;

  session = get_session (db, call->args[1], error);
  if (session == NULL)
    return FALSE;
  start = dup_readable_time (session->starts_at);
  if (g_str_equal (session->attendance_mode, "headcount"))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("session %s: “%s” is a headcount-only group, which records no names; use "
                     "“%s attendance headcount”"),
                   call->args[1], session->group_name, PD_CLI_NAME);
      return FALSE;
    }

  member = pd_members_get_by_number (db, call->args[2], error);
  if (member == NULL)
    return FALSE;
  name = pd_member_dup_display_name (member);

  if (!pd_attendance_mark (db, session->id, pd_member_get_id (member), error))
    return FALSE;

  notice_if_inactive (member);
  /* Translators: Marked José Müller (M-000123) present at “Peer Support Circle”,
   * 2025-03-08 18:00 */
  g_print (_("Marked %s (%s) present at “%s”, %s\n"), name,
           pd_member_get (member, PD_MEMBER_FIELD_NUMBER), session->group_name, start);
  return TRUE;
}

const PdCliHandler pd_cli_attendance_mark_handler = {
  attendance_mark_options, NULL, attendance_mark_run,
};

typedef struct
{
  guint64 headcount;
} Headcount;

static GOptionContext *
attendance_headcount_options (PdCliCall *call)
{
  pd_cli_call_new (call, Headcount, NULL);
  /* Translators: only SESSION_ID and N may be translated */
  return pd_cli_option_context_new (_("attendance headcount SESSION_ID N"),
                                    _("Record how many people came to a session, without "
                                      "their names."),
                                    _("For groups whose attendance mode is headcount or both. "
                                      "The number replaces the one recorded before."));
}

static gboolean
attendance_headcount_check (PdCliCall  *call,
                            GError    **error)
{
  Headcount *self = call->data;

  if (!g_ascii_string_to_unsigned (call->args[2], 10, 0, 100000, &self->headcount, NULL))
    {
      g_autofree char *excerpt = pd_text_excerpt (call->args[2], -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("N: “%s” is not a headcount (a whole number from 0 to %u)"), excerpt,
                   100000);
      return FALSE;
    }
  return TRUE;
}

static gboolean
attendance_headcount_run (PdCliCall  *call,
                          GError    **error)
{
  Headcount *self = call->data;
  g_autoptr(PdSession) session = NULL;
  g_autofree char *start = NULL;

  session = get_session (call->db, call->args[1], error);
  if (session == NULL)
    return FALSE;
  if (g_str_equal (session->attendance_mode, "named"))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("session %s: “%s” takes attendance by name only; use “%s attendance "
                     "mark”"),
                   call->args[1], session->group_name, PD_CLI_NAME);
      return FALSE;
    }

  if (!pd_attendance_set_headcount (call->db, session->id, (guint) self->headcount, error))
    return FALSE;

  start = dup_readable_time (session->starts_at);
  /* Translators: Headcount of “Open Meeting”, 2025-03-08 19:00: 23 */
  g_print (_("Headcount of “%s”, %s: %u\n"), session->group_name, start,
           (guint) self->headcount);
  return TRUE;
}

const PdCliHandler pd_cli_attendance_headcount_handler = {
  attendance_headcount_options, attendance_headcount_check, attendance_headcount_run,
};
