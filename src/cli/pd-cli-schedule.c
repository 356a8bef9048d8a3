/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pd-cli.h"
#include "pd-error.h"
#include "pd-schedule.h"
#include "pd-text.h"

/* schedule: the meetings of the coming days, as text to read or as an
 * iCalendar file to publish. */

typedef struct
{
  gboolean ics;
  char *output;
  char *from;
  int weeks;
} Schedule;

static GOptionContext *
schedule_options (PdCliCall *call)
{
  Schedule *self = pd_cli_call_new (call, Schedule, NULL);
  const GOptionEntry entries[] = {
    { "ics", 0, 0, G_OPTION_ARG_NONE, &self->ics,
      N_("Write an iCalendar file (with -o) instead of printing the schedule"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &self->output,
      N_("Write the calendar to FILE"), N_("FILE") },
    { "from", 'f', 0, G_OPTION_ARG_STRING, &self->from,
      N_("Start on DATE, YYYY-MM-DD (today unless told)"), N_("DATE") },
    { "weeks", 'w', 0, G_OPTION_ARG_INT, &self->weeks,
      N_("Cover N weeks (8 for a calendar, 1 for the text, unless told)"), N_("N") },
    G_OPTION_ENTRY_NULL
  };

  /* Unless told, as many weeks as the kind of output takes. */
  self->weeks = -1;
  return pd_cli_call_context_new (call,
                                  /* Translators: only FILE, DATE and N may be translated */
                                  _("schedule [--ics -o FILE.ics] [--from DATE] [--weeks N]"),
                                  _("Show the meetings of the coming days, or write them as a "
                                    "calendar to publish or import."),
                                  _("Without --ics, prints each day with its sessions: the "
                                    "time, the group, the room, and “Cancelled” for a "
                                    "cancelled session. With --ics, writes an iCalendar file "
                                    "that any calendar can import or subscribe to; importing "
                                    "a newer file updates the events instead of adding them "
                                    "twice. Times are in the computer’s time zone, which the "
                                    "file names. The schedule holds groups, rooms and times "
                                    "only: never the name of a facilitator or of anyone who "
                                    "comes. Sessions are those already planned; "
                                    "“sessions generate” plans them from the groups’ "
                                    "weekly schedules."),
                                  entries);
}

static gboolean
schedule_check (PdCliCall  *call,
                GError    **error)
{
  Schedule *self = call->data;

  if (self->ics && self->output == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("schedule --ics needs -o FILE.ics"));
      return FALSE;
    }
  if (!self->ics && self->output != NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("-o writes a calendar file: give --ics as well"));
      return FALSE;
    }
  if (self->weeks != -1 && (self->weeks < 1 || self->weeks > PD_SCHEDULE_MAX_WEEKS))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("--weeks: %d is not a number of weeks from 1 to %d"), self->weeks,
                   PD_SCHEDULE_MAX_WEEKS);
      return FALSE;
    }
  return self->from == NULL || pd_cli_check_date (self->from, "--from", error);
}

/* "18:00–19:30" from a start and a length. */
static char *
dup_times (const PdScheduleEntry *entry)
{
  guint start = (guint) (g_ascii_strtoull (entry->starts_at + 11, NULL, 10) * 60
                         + g_ascii_strtoull (entry->starts_at + 14, NULL, 10));
  guint end = (start + entry->duration_minutes) % (24 * 60);

  return g_strdup_printf ("%.5s–%02u:%02u", entry->starts_at + 11, end / 60, end % 60);
}

static void
print_schedule (const GDate *first_day,
                guint        n_days,
                GPtrArray   *entries)
{
  guint next = 0;
  GDate day = *first_day;

  for (guint i = 0; i < n_days; i++, g_date_add_days (&day, 1))
    {
      g_autofree char *heading = pd_schedule_format_day (&day);
      char iso[PD_DATE_ISO_SIZE];
      gboolean any = FALSE;

      pd_date_write_iso (&day, iso);
      g_print ("%s\n", heading);
      for (; next < entries->len; next++)
        {
          const PdScheduleEntry *entry = g_ptr_array_index (entries, next);
          g_autofree char *times = NULL;

          if (strncmp (entry->starts_at, iso, 10) != 0)
            break;
          times = dup_times (entry);
          g_print ("  %s  %s", times, entry->group_name);
          if (!pd_text_is_blank (entry->room))
            g_print ("  %s", entry->room);
          if (entry->cancelled)
            g_print ("  %s", _("Cancelled"));
          g_print ("\n");
          any = TRUE;
        }
      if (!any)
        g_print ("  %s\n", _("No meetings"));
    }
}

static gboolean
schedule_run (PdCliCall  *call,
              GError    **error)
{
  Schedule *self = call->data;
  g_autofree char *today = pd_date_today ();
  GDate first_day;

  pd_date_parse (self->from != NULL ? self->from : today, &first_day);

  if (self->ics)
    {
      guint weeks = self->weeks != -1 ? (guint) self->weeks : PD_SCHEDULE_DEFAULT_WEEKS;
      gint n = pd_schedule_write_ics (call->db, &first_day, weeks, self->output, error);

      if (n < 0)
        return FALSE;
      g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %d session to %s\n",
                            "Wrote %d sessions to %s\n", (gulong) n),
               n, self->output);
    }
  else
    {
      guint n_days = (self->weeks != -1 ? (guint) self->weeks : 1) * 7;
      g_autoptr(GPtrArray) entries = pd_schedule_list (call->db, &first_day, n_days, error);

      if (entries == NULL)
        return FALSE;
      print_schedule (&first_day, n_days, entries);
    }
  return TRUE;
}

const PdCliHandler pd_cli_schedule_handler = {
  schedule_options, schedule_check, schedule_run,
};
