/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pd-database.h"

G_BEGIN_DECLS

/* The centre's meeting schedule: the sessions of a range of days across
 * all groups, for a calendar a centre publishes (iCalendar) and for the
 * week printed for the notice board. What it holds is public by design:
 * the group, its room and its description, when, and whether it was
 * cancelled; never the name of a person (no facilitator, no attendee),
 * never a session's notes or why it was cancelled, which may name one. */

/* The most weeks one calendar holds: two years of meetings. */
#define PD_SCHEDULE_MAX_WEEKS 104
/* Unless told otherwise, a calendar holds the next eight weeks. */
#define PD_SCHEDULE_DEFAULT_WEEKS 8

typedef struct
{
  gint64    session_id;
  gint64    group_id;
  char     *group_name;
  char     *room;              /* "" when the group has none */
  char     *description;       /* "" when the group has none */
  char     *starts_at;         /* local time, YYYY-MM-DDTHH:MM */
  guint     duration_minutes;
  gboolean  cancelled;
} PdScheduleEntry;

void       pd_schedule_entry_free       (PdScheduleEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdScheduleEntry, pd_schedule_entry_free)

/* The sessions of every group still in use, cancelled ones included, from
 * @first_day for @n_days days, in order of time and then of group name.
 * Needs the MEETINGS right. */
GPtrArray *pd_schedule_list             (PdDatabase      *db,
                                         const GDate     *first_day,
                                         guint            n_days,
                                         GError         **error);

/* A day as the schedule heads it: "Monday, March 9, 2026" (translated). */
char      *pd_schedule_format_day       (const GDate     *day);

/* The calendar's name: the organisation's name from the report settings,
 * or "Meetings" (translated) while it has none. */
char      *pd_schedule_dup_title        (PdDatabase      *db);

/* Writes the sessions of @n_weeks weeks from @first_day to @path as an
 * iCalendar file (RFC 5545) through PdSafeFile, and records the export
 * in the audit trail. Times are the centre's wall-clock times in the
 * local time zone, which the file describes (VTIMEZONE), so that a
 * meeting at six stays at six across a change to or from daylight saving
 * time. Each session's UID stays the same from one export to the next, so
 * a calendar that imports the file again updates its events instead of
 * adding them twice. Returns how many sessions the file holds, or -1 with
 * @error set. Needs the MEETINGS right. */
gint       pd_schedule_write_ics        (PdDatabase      *db,
                                         const GDate     *first_day,
                                         guint            n_weeks,
                                         const char      *path,
                                         GError         **error);

G_END_DECLS
