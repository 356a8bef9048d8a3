/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "pd-audit.h"
#include "pd-print-documents.h"
#include "pd-report.h"
#include "pd-schedule.h"
#include "pd-staff.h"
#include "pd-text.h"

/* The week's meetings for the notice board. Every day of the week is
 * there, those without meetings said so, so that nobody reading the board
 * wonders whether a day was left off by mistake. Each day is a table
 * headed by the day itself: a busy day that runs onto the next page
 * repeats its header there, and so still says which day it is. Like the
 * calendar, it names groups and rooms, never a person. */

static GDateTime *
day_time (const GDate *day,
          int          hour,
          int          minute)
{
  return g_date_time_new_local (g_date_get_year (day), g_date_get_month (day),
                                g_date_get_day (day), hour, minute, 0);
}

/* "6:00 PM–7:30 PM", as the sign-in sheet writes a meeting's times. */
static char *
dup_times (const PdScheduleEntry *entry,
           const GDate           *day)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  int hour = 0, minute = 0;

  if (sscanf (entry->starts_at + 11, "%d:%d", &hour, &minute) != 2)
    return g_strdup (entry->starts_at + 11);
  start = day_time (day, hour, minute);
  end = g_date_time_add_minutes (start, entry->duration_minutes);
  /* Translators: a session's start and end times on a printed sheet, see
   * g_date_time_format(). xgettext:no-c-format */
  from = g_date_time_format (start, _("%-l:%M %p"));
  to = g_date_time_format (end, _("%-l:%M %p"));
  /* Translators: a meeting's start and end times */
  return g_strdup_printf (_("%s–%s"), g_strstrip (from), g_strstrip (to));
}

static char *
dup_title (PdDatabase  *db,
           const GDate *monday)
{
  g_autoptr(GDateTime) time = day_time (monday, 0, 0);
  g_autofree char *organisation = pd_report_settings_dup_organisation (db);
  /* Translators: the Monday a printed week's schedule starts on, see
   * g_date_time_format(). xgettext:no-c-format */
  g_autofree char *week = g_date_time_format (time, _("%B %-d, %Y"));

  if (organisation == NULL || pd_text_is_blank (organisation))
    /* Translators: the title of the printed schedule; %s is a date */
    return g_strdup_printf (_("Meetings, Week of %s"), week);
  /* Translators: the title of the printed schedule: the centre's name,
   * then the date of the week's Monday */
  return g_strdup_printf (_("%s: Meetings, Week of %s"), g_strstrip (organisation), week);
}

static char *
dup_footer (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  /* Translators: when a sheet was printed, see g_date_time_format().
   * xgettext:no-c-format */
  g_autofree char *made = g_date_time_format (now, _("%B %-d, %Y"));

  /* Translators: at the foot of a printed sheet; %s is a date */
  return g_strdup_printf (_("Printed %s by Peerdesk"), made);
}

PdPrintDoc *
pd_print_schedule (PdDatabase   *db,
                   const GDate  *monday,
                   GError      **error)
{
  PdPrintColumn columns[] = {
    { NULL, 2.6, FALSE, FALSE },        /* the day, then each session's times */
    { C_("schedule", "Group"), 3.6, FALSE, FALSE },
    { C_("schedule", "Room"), 2.2, FALSE, FALSE },
    { NULL, 1.1, FALSE, FALSE },        /* "Cancelled" */
  };
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(PdPrintDoc) doc = NULL;
  g_autofree char *title = NULL;
  g_autofree char *footer = NULL;
  GDate day;
  guint next = 0;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (monday != NULL && g_date_valid (monday), NULL);

  if (!pd_database_require (db, PD_RIGHT_MEETINGS, _("print the meeting schedule"), error))
    return NULL;

  /* A week runs from Monday, whichever of its days was given. */
  day = *monday;
  g_date_subtract_days (&day, g_date_get_weekday (&day) - G_DATE_MONDAY);

  entries = pd_schedule_list (db, &day, 7, error);
  if (entries == NULL)
    return NULL;

  title = dup_title (db, &day);
  footer = dup_footer ();
  doc = pd_print_doc_new (title);
  pd_print_doc_set_footer (doc, footer);

  for (guint i = 0; i < 7; i++, g_date_add_days (&day, 1))
    {
      g_autoptr(GDateTime) time = day_time (&day, 0, 0);
      /* Translators: a day heading the printed schedule, see
       * g_date_time_format(). xgettext:no-c-format */
      g_autofree char *heading = g_date_time_format (time, _("%A, %B %-d"));
      char iso[PD_DATE_ISO_SIZE];
      gboolean any = FALSE;

      pd_date_write_iso (&day, iso);
      columns[0].title = heading;
      pd_print_doc_begin_table (doc, columns, G_N_ELEMENTS (columns));
      for (; next < entries->len; next++)
        {
          const PdScheduleEntry *entry = g_ptr_array_index (entries, next);
          g_autofree char *times = NULL;
          const char *cells[G_N_ELEMENTS (columns)];

          if (strncmp (entry->starts_at, iso, 10) != 0)
            break;
          times = dup_times (entry, &day);
          cells[0] = times;
          cells[1] = entry->group_name;
          cells[2] = entry->room;
          cells[3] = entry->cancelled ? _("Cancelled") : NULL;
          pd_print_doc_add_row (doc, cells);
          any = TRUE;
        }
      if (!any)
        {
          const char *cells[G_N_ELEMENTS (columns)] = { _("No meetings"), NULL, NULL, NULL };

          pd_print_doc_add_row (doc, cells);
        }
    }

  if (!pd_audit_add (db, PD_AUDIT_EXPORT, 0, "printed schedule", entries->len, error))
    return NULL;
  return g_steal_pointer (&doc);
}
