/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pd-demo-private.h"
#include "pd-groups-private.h"
#include "pd-table.h"
#include "pd-text.h"

/* Groups, their sessions and attendance, and front-desk visits.
 *
 * A group is filled seat by seat: a regular comes to most sessions for
 * months or years, a drop-out for a few weeks; when either stops, the seat
 * is taken again after a while, mostly by someone who joined lately.
 * Newcomers come once, some of them twice. All of it is drawn from a GRand
 * of its own, so that the members are those a demo of members alone makes
 * (as long as the history is no longer than the eight years over which
 * they join). Sessions are made a day at a time across all groups, so that
 * session ids, and with them the key of the attendance table, grow in the
 * order the rows are written: a bulk load that only ever appends. */

/* Seats and headcounts are those of a centre of this many members; smaller
 * centres have smaller groups, larger ones more groups. */
#define REFERENCE_MEMBERS 1000

/* One group more for this many members, beyond the first eight. Tuned so
 * that a million members and ten years make about ten million attendance
 * rows, the size the benchmark measures. */
#define MEMBERS_PER_GROUP 400

/* The one large group, as at a centre whose evening meeting fills the hall. */
#define BIG_GROUP_SEATS 210

#define WEEKDAYS_MON_FRI (PD_WEEKDAY_MONDAY | PD_WEEKDAY_TUESDAY | PD_WEEKDAY_WEDNESDAY | \
                          PD_WEEKDAY_THURSDAY | PD_WEEKDAY_FRIDAY)

typedef struct
{
  const char *name;
  const char *kind;
  PdWeekdays  weekdays;      /* 0: a one-off group, with a session now and then */
  const char *start_time;
  guint       duration;
  const char *mode;
  const char *room;
  guint       seats;         /* regulars, at REFERENCE_MEMBERS */
  guint       headcount;     /* people counted without names, for headcount and both */
  guint       course_weeks;  /* a course run in cohorts; 0 for an ongoing group */
  gboolean    ended;         /* ran for a while, then was archived */
  const char *description;
} GroupTemplate;

/* The first eight are the groups of the smallest centre: every kind, a
 * headcount-only mutual-aid meeting, a group with names and a headcount,
 * a course and a one-off training. */
static const GroupTemplate group_templates[] = {
  { "All-Recovery Meeting", "all_recovery",
    PD_WEEKDAY_MONDAY | PD_WEEKDAY_WEDNESDAY | PD_WEEKDAY_FRIDAY, "18:00", 60, "both",
    "Community Room", 16, 6, 0, FALSE,
    "Every path to recovery is welcome. Guests may stay anonymous." },
  { "Peer Support Circle", "peer_support", PD_WEEKDAY_TUESDAY | PD_WEEKDAY_THURSDAY, "10:00", 90,
    "named", "Room A", 10, 0, 0, FALSE, "Led by trained peer recovery specialists." },
  { "Open Mutual-Aid Meeting", "mutual_aid", PD_WEEKDAY_TUESDAY | PD_WEEKDAY_SATURDAY, "19:30",
    60, "headcount", "Community Room", 0, 22, 0, FALSE,
    "Hosted meeting, run by its members. No names are taken." },
  { "Family and Friends Support", "family", PD_WEEKDAY_TUESDAY, "18:00", 90, "named", "Room B",
    8, 0, 0, FALSE, "For the people who love someone in recovery." },
  { "Mindful Movement", "wellness", PD_WEEKDAY_WEDNESDAY, "11:00", 45, "named", "Gym", 9, 0, 0,
    FALSE, "Gentle stretching and breathing; no experience needed." },
  { "Peer Recovery Coach Training", "training", PD_WEEKDAY_MONDAY | PD_WEEKDAY_WEDNESDAY,
    "13:00", 180, "named", "Training Room", 12, 0, 8, FALSE,
    "Eight-week course towards peer recovery coach certification." },
  { "Art in Recovery", "other", PD_WEEKDAY_FRIDAY, "14:00", 90, "named", "Art Room", 8, 0, 0,
    FALSE, "Painting, collage and zines. Materials provided." },
  { "Naloxone Training", "training", 0, "17:30", 60, "named", "Community Room", 8, 0, 0, FALSE,
    "How to recognise an overdose and use naloxone. Everyone leaves with a kit." },
  { "Young Adults in Recovery", "peer_support", PD_WEEKDAY_WEDNESDAY, "16:30", 60, "named",
    "Room B", 9, 0, 0, FALSE, "For people aged 18 to 29." },
  { "Women's Peer Support", "peer_support", PD_WEEKDAY_MONDAY, "12:00", 60, "named", "Room B",
    10, 0, 0, FALSE, "" },
  { "Men's Peer Support", "peer_support", PD_WEEKDAY_THURSDAY, "18:30", 60, "named", "Room A",
    10, 0, 0, FALSE, "" },
  { "Noon Mutual-Aid Meeting", "mutual_aid", WEEKDAYS_MON_FRI, "12:00", 60, "headcount",
    "Room C", 0, 14, 0, FALSE, "Hosted meeting, run by its members. No names are taken." },
  { "Game Night", "other", PD_WEEKDAY_FRIDAY, "18:00", 120, "both", "Community Room", 12, 5, 0,
    FALSE, "Board games, cards and snacks. Bring a friend." },
  { "Recovery Walk", "wellness", PD_WEEKDAY_SATURDAY, "09:00", 60, "named", "Front steps", 7, 0,
    0, FALSE, "Three miles along the river, at an easy pace." },
  { "Grupo de Apoyo entre Pares", "peer_support", PD_WEEKDAY_SATURDAY, "11:00", 90, "named",
    "Room A", 8, 0, 0, FALSE, "Grupo de apoyo en español." },
  { "Reentry Peer Support", "peer_support", PD_WEEKDAY_TUESDAY, "17:00", 60, "named", "Room C",
    8, 0, 0, FALSE, "For people coming home from incarceration." },
  { "LGBTQ+ Peer Support", "peer_support", PD_WEEKDAY_THURSDAY, "17:30", 60, "named", "Room B",
    8, 0, 0, FALSE, "" },
  { "Veterans Peer Support", "peer_support", PD_WEEKDAY_MONDAY, "10:00", 60, "named", "Room C", 7,
    0, 0, FALSE, "" },
  { "Parents in Recovery", "family", PD_WEEKDAY_WEDNESDAY, "18:30", 60, "named", "Family Room", 7,
    0, 0, FALSE, "Childcare in the family room." },
  { "Job Readiness Workshop", "training", PD_WEEKDAY_THURSDAY, "14:00", 90, "named",
    "Computer Lab", 8, 0, 0, TRUE, "Résumés, interviews and talking about gaps in work history." },
  { "Wellness Recovery Action Plan", "training", PD_WEEKDAY_TUESDAY, "13:00", 120, "named",
    "Training Room", 10, 0, 10, FALSE, "Ten weeks to write your own wellness plan." },
  { "Medication-Assisted Recovery Support", "all_recovery", PD_WEEKDAY_THURSDAY, "12:00", 60,
    "named", "Room C", 9, 0, 0, FALSE, "" },
  { "Music Jam", "other", PD_WEEKDAY_SUNDAY, "15:00", 120, "both", "Community Room", 8, 4, 0,
    FALSE, "Instruments available to borrow." },
};

#define N_BASIC_GROUPS 8

/* Where the groups of a large organisation meet beyond the first centre. */
static const char *const sites[] = {
  "Eastside", "Riverside", "Northgate", "Westfield", "Harbor", "Hillcrest", "Southend",
  "Midtown", "Lakeview", "Old Town", "Fairview", "Parkside", "Brookside", "Cedar Hill",
  "Elm Park", "Glenwood", "Ironbridge", "Juniper", "Kingsway", "Linden", "Maple Grove",
  "Oakdale", "Pinecrest", "Westbrook",
};

/* Staff at the front desk and facilitators who are not members. */
static const char *const staff[] = {
  "Alex R.", "Jordan M.", "Sam T.", "Priya K.", "Marcus W.", "Dana L.", "Rosa G.",
};

const char *
pd_demo_staff (GRand *rand)
{
  return staff[pd_demo_pick (rand, G_N_ELEMENTS (staff))];
}

static const char *const cancel_reasons[] = {
  "Facilitator ill", "Room needed for a community event", "Power outage",
  "Facilitator away and no cover found", "Staff training day", "Heating broken",
};

static const char *const session_notes[] = {
  "Guest speaker from the county health department.",
  "Potluck after the meeting.",
  "Fire alarm test interrupted for ten minutes.",
  "Two first-timers stayed after to talk with the facilitator.",
  "Ran long: good discussion about the holidays.",
  "Moved to the kitchen; the room was being painted.",
};

/* Weights of the visit purposes, in the order of their position; purposes
 * beyond these get the last weight. */

typedef struct
{
  guint32 member;   /* index of the member in the seat, or NO_MEMBER */
  guint32 until;    /* the day they stop coming, or the day the seat is taken again */
  guint   p;        /* per mille chance of coming to a session */
} Seat;

typedef struct
{
  guint32 member;
  guint32 day;
} Return;

typedef struct
{
  const GroupTemplate *template;
  gint64      id;
  guint32     start_day;      /* Julian days of its schedule; the history may start later */
  guint32     end_day;        /* inclusive; G_MAXUINT32 for no end */
  char        start_time[8];
  gboolean    named;
  gboolean    counted;        /* takes a headcount */
  gboolean    course;
  guint32     next_one_off;   /* a one-off group's next session */
  guint       headcount;
  guint       newcomers;      /* expected newcomers a session, per mille */
  guint       n_seats;
  Seat       *seats;
  gboolean    seated;         /* the seats were filled once */
  GArray     *returns;        /* Return: newcomers who come once more */
} DemoGroup;

static void
demo_group_free (DemoGroup *group)
{
  g_free (group->seats);
  g_array_unref (group->returns);
  g_free (group);
}

/* How many members had joined on or before @day: joined dates grow with
 * the index. */
static guint32
joined_by (PdDemoMeetings *m,
           gint64          day)
{
  guint32 low = 0, high = m->n_members;

  while (low < high)
    {
      guint32 middle = low + (high - low) / 2;

      if ((gint64) m->demo->joined[middle] <= day)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

/* Someone who had joined by the day at hand; with @recent per mille, one
 * who joined in the last @days days, if anyone did. */
guint32
pd_demo_pick_member (PdDemoMeetings *m,
                     guint           days,
                     guint           recent,
                     gboolean        active)
{
  guint32 index = NO_MEMBER;

  if (m->joined_today == 0)
    return NO_MEMBER;

  /* Those still coming today are mostly active members. */
  for (guint tries = 0; tries < 3; tries++)
    {
      guint32 low = 0;

      if (pd_demo_chance (m->rand, recent))
        {
          low = days <= 14 ? m->joined_14 : days <= 30 ? m->joined_30 : m->joined_60;
          if (low >= m->joined_today)
            low = 0;
        }
      index = low + pd_demo_pick (m->rand, m->joined_today - low);
      if (!active || m->demo->active[index])
        break;
    }
  return index;
}

static void
fill_seat (PdDemoMeetings *m,
           DemoGroup      *group,
           Seat           *seat,
           guint32         day,
           gboolean        warm)
{
  gboolean lasting = pd_demo_chance (m->rand, 450);
  guint tenure;

  seat->member = pd_demo_pick_member (m, 60, 600, lasting);
  if (seat->member == NO_MEMBER)
    {
      seat->until = day + 1;
      return;
    }

  if (group->course)
    {
      /* Most finish the course; some stop after a few weeks. */
      seat->p = 820 + pd_demo_pick (m->rand, 160);
      seat->until = pd_demo_chance (m->rand, 150) ? day + 7 + pd_demo_pick (m->rand, 35)
                                                  : G_MAXUINT32;
      return;
    }

  if (lasting)
    {
      tenure = 180 + pd_demo_pick (m->rand, 1300);
      seat->p = 700 + pd_demo_pick (m->rand, 230);
    }
  else
    {
      tenure = 14 + pd_demo_pick (m->rand, 106);
      seat->p = 500 + pd_demo_pick (m->rand, 300);
    }
  /* A group that was running before the history starts has regulars
   * part-way through their time with it. */
  seat->until = day + (warm ? 1 + pd_demo_pick (m->rand, tenure) : tenure);
}

static void
add_present (PdDemoMeetings *m,
             guint32         member)
{
  if (member != NO_MEMBER)
    g_array_append_val (m->present, member);
}

static int
compare_guint32 (gconstpointer a,
                 gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

/* Fills m->present with the members at @group's session of @day, in
 * member order, each once. */
static void
take_attendance (PdDemoMeetings *m,
                 DemoGroup      *group,
                 guint32         day)
{
  guint n_newcomers = 0;
  guint kept = 0;

  g_array_set_size (m->present, 0);

  if (group->template->weekdays == 0)
    {
      /* A one-off training: whoever signed up, many of them new. */
      guint n = 2 + pd_demo_pick (m->rand, group->n_seats);

      for (guint i = 0; i < n; i++)
        add_present (m, pd_demo_pick_member (m, 30, 500, FALSE));
    }
  else
    {
      for (guint i = 0; i < group->n_seats; i++)
        {
          Seat *seat = &group->seats[i];

          if (seat->member != NO_MEMBER && seat->until <= day)
            {
              seat->member = NO_MEMBER;
              seat->until = group->course ? G_MAXUINT32 : day + pd_demo_pick (m->rand, 22);
            }
          if (seat->member == NO_MEMBER && seat->until <= day)
            fill_seat (m, group, seat, day, !group->seated && group->start_day < m->history_day);
          if (seat->member != NO_MEMBER && pd_demo_chance (m->rand, seat->p))
            add_present (m, seat->member);
        }
      group->seated = TRUE;

      for (guint i = 0; i < 8; i++)
        if (pd_demo_pick (m->rand, 8000) < group->newcomers)
          n_newcomers++;
      for (guint i = 0; i < n_newcomers; i++)
        {
          guint32 member = pd_demo_pick_member (m, 30, 850, FALSE);

          add_present (m, member);
          if (member != NO_MEMBER && pd_demo_chance (m->rand, 400))
            {
              Return r = { member, day + 1 + pd_demo_pick (m->rand, 21) };

              g_array_append_val (group->returns, r);
            }
        }

      for (guint i = 0; i < group->returns->len;)
        {
          Return *r = &g_array_index (group->returns, Return, i);

          if (r->day <= day)
            {
              add_present (m, r->member);
              g_array_remove_index_fast (group->returns, i);
            }
          else
            i++;
        }
    }

  g_array_sort (m->present, compare_guint32);
  for (guint i = 0; i < m->present->len; i++)
    {
      guint32 member = g_array_index (m->present, guint32, i);

      if (kept == 0 || g_array_index (m->present, guint32, kept - 1) != member)
        g_array_index (m->present, guint32, kept++) = member;
    }
  g_array_set_size (m->present, kept);
}

static gboolean
meets_on (DemoGroup  *group,
          guint32     day,
          PdWeekdays  weekday)
{
  if (day < group->start_day || day > group->end_day)
    return FALSE;
  if (group->template->weekdays == 0)
    return day == group->next_one_off;
  return (group->template->weekdays & weekday) != 0;
}

static gboolean
add_session (PdDemoMeetings  *m,
             DemoGroup       *group,
             guint32          day,
             const char      *date,
             const char      *closed,
             GError         **error)
{
  char starts_at[32];
  const char *reason = closed;
  const char *note = "";
  guint headcount = 0;
  PdStatement *stmt;
  gint64 session_id;

  if (group->template->weekdays == 0)
    group->next_one_off = day + 35 + pd_demo_pick (m->rand, 28);

  /* Sessions to come, and today's, are left for the centre to record. */
  if (day < m->today)
    {
      if (reason == NULL && pd_demo_chance (m->rand, 12))
        reason = cancel_reasons[pd_demo_pick (m->rand, G_N_ELEMENTS (cancel_reasons))];
      if (reason == NULL && pd_demo_chance (m->rand, 40))
        note = session_notes[pd_demo_pick (m->rand, G_N_ELEMENTS (session_notes))];
      if (reason == NULL && group->counted)
        {
          if (group->named)
            /* Guests who give no name, besides the members marked present. */
            headcount = pd_demo_pick (m->rand, 2 * group->headcount + 1);
          else
            headcount = MAX (2, group->headcount * (600 + pd_demo_pick (m->rand, 800)) / 1000);
        }
    }

  g_snprintf (starts_at, sizeof starts_at, "%sT%s", date, group->start_time);
  stmt = m->insert_session;
  pd_statement_bind_int64 (stmt, "group_id", group->id);
  pd_statement_bind_text (stmt, "starts_at", starts_at);
  pd_statement_bind_int (stmt, "duration", group->template->duration);
  pd_statement_bind_boolean (stmt, "cancelled", reason != NULL);
  pd_statement_bind_text (stmt, "reason", reason != NULL ? reason : "");
  pd_statement_bind_text (stmt, "notes", note);
  pd_statement_bind_int (stmt, "headcount", headcount);
  if (!pd_statement_execute (stmt, error))
    return FALSE;
  session_id = pd_statement_get_inserted_id (stmt);
  m->counts->n_sessions++;

  if (day >= m->today || reason != NULL || !group->named)
    return TRUE;

  take_attendance (m, group, day);
  /* recorded_at is the same for every row, bound once for the whole run. */
  stmt = m->insert_attendance;
  pd_statement_bind_int64 (stmt, "session_id", session_id);
  if (pd_database_is_shared (m->db))
    {
      /* A server is a round trip away: the session's rows go in one. */
      g_autoptr(GString) ids = pd_sql_array_new ();

      for (guint i = 0; i < m->present->len; i++)
        pd_sql_array_append_int64 (ids, m->demo->ids[g_array_index (m->present, guint32, i)]);
      pd_statement_bind_text (stmt, "member_ids", pd_sql_array_end (ids));
      if (!pd_statement_execute (stmt, error))
        return FALSE;
    }
  else
    for (guint i = 0; i < m->present->len; i++)
      {
        pd_statement_bind_int64 (stmt, "member_id",
                                 m->demo->ids[g_array_index (m->present, guint32, i)]);
        if (!pd_statement_execute (stmt, error))
          return FALSE;
      }
  m->counts->n_attendance += m->present->len;
  return TRUE;
}

static const char *
season (guint32 day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  switch (g_date_get_month (&date))
    {
    case G_DATE_JANUARY: case G_DATE_FEBRUARY: case G_DATE_MARCH:
      return "Winter";
    case G_DATE_APRIL: case G_DATE_MAY: case G_DATE_JUNE:
      return "Spring";
    case G_DATE_JULY: case G_DATE_AUGUST: case G_DATE_SEPTEMBER:
      return "Summer";
    case G_DATE_OCTOBER: case G_DATE_NOVEMBER: case G_DATE_DECEMBER:
    case G_DATE_BAD_MONTH:
    default:
      return "Autumn";
    }
}

static gboolean
insert_group (PdDemoMeetings       *m,
              const GroupTemplate  *template,
              const char           *name,
              guint                 n_seats,
              guint32               start_day,
              guint32               end_day,
              gboolean              archived,
              GError              **error)
{
  g_autoptr(PdGroup) row = pd_group_new ();
  g_autoptr(PdStatement) stmt = NULL;
  DemoGroup *group = g_new0 (DemoGroup, 1);
  char date[16];
  guint32 facilitator = NO_MEMBER;

  group->template = template;
  group->start_day = start_day;
  group->end_day = end_day;
  g_strlcpy (group->start_time, template->start_time, sizeof group->start_time);
  group->named = !g_str_equal (template->mode, "headcount");
  group->counted = !g_str_equal (template->mode, "named");
  group->course = template->course_weeks > 0;
  group->next_one_off = MAX (start_day, m->history_day) + pd_demo_pick (m->rand, 42);
  group->headcount = template->headcount == 0 ? 0
                     : MAX (2, (guint) (template->headcount *
                                        CLAMP (m->n_members / (double) REFERENCE_MEMBERS, 0.4,
                                               1.0)));
  group->n_seats = group->named ? n_seats : 0;
  group->newcomers = group->course ? 0 : MIN (group->n_seats * 60, 2500);
  group->seats = g_new0 (Seat, MAX (group->n_seats, 1));
  for (guint i = 0; i < group->n_seats; i++)
    group->seats[i].member = NO_MEMBER;
  group->returns = g_array_new (FALSE, FALSE, sizeof (Return));
  g_ptr_array_add (m->groups, group);

  g_free (row->name);
  row->name = g_strdup (name);
  g_free (row->kind);
  row->kind = g_strdup (template->kind);
  g_free (row->room);
  row->room = g_strdup (template->room);
  g_free (row->description);
  row->description = g_strdup (template->description);
  row->weekdays = template->weekdays;
  g_free (row->start_time);
  row->start_time = g_strdup (template->start_time);
  row->duration_minutes = template->duration;
  pd_demo_format_julian (date, sizeof date, start_day);
  g_free (row->start_date);
  row->start_date = g_strdup (date);
  g_free (row->end_date);
  if (end_day != G_MAXUINT32)
    {
      pd_demo_format_julian (date, sizeof date, end_day);
      row->end_date = g_strdup (date);
    }
  else
    row->end_date = g_strdup ("");
  g_free (row->attendance_mode);
  row->attendance_mode = g_strdup (template->mode);
  row->archived = archived;

  /* Mutual-aid meetings run themselves; peer groups are often led by a
   * member who came to them first. */
  if (g_str_equal (template->kind, "mutual_aid"))
    ;
  else if (!g_str_equal (template->kind, "training") && pd_demo_chance (m->rand, 500))
    {
      guint32 by_start = joined_by (m, start_day);

      if (by_start > 0)
        for (guint tries = 0; tries < 5 && facilitator == NO_MEMBER; tries++)
          {
            guint32 index = pd_demo_pick (m->rand, by_start);

            if (m->demo->active[index])
              facilitator = index;
          }
    }
  if (facilitator == NO_MEMBER && !g_str_equal (template->kind, "mutual_aid"))
    {
      g_free (row->facilitator_name);
      row->facilitator_name = g_strdup (pd_demo_staff (m->rand));
    }

  if (!pd_group_validate (row, error))
    {
      g_prefix_error (error, "demo group “%s”: ", name);
      return FALSE;
    }

  if (facilitator != NO_MEMBER)
    row->facilitator_member_id = m->demo->ids[facilitator];
  stmt = pd_database_query (m->db, PD_GROUP_INSERT_SQL, error);
  if (stmt == NULL)
    return FALSE;
  pd_group_bind (stmt, row);
  pd_statement_bind_text (stmt, "now", m->now);
  if (!pd_statement_execute (stmt, error))
    return FALSE;
  group->id = pd_statement_get_inserted_id (stmt);
  m->counts->n_groups++;
  return TRUE;
}

/* The groups of the centre: the first eight at any size, then more, and
 * copies at other sites for a large organisation. A course is one group
 * per cohort, twice a year. */
static gboolean
add_groups (PdDemoMeetings  *m,
            GError         **error)
{
  guint n_groups = N_BASIC_GROUPS + m->n_members / MEMBERS_PER_GROUP;
  double scale = CLAMP (m->n_members / (double) REFERENCE_MEMBERS, 0.6, 1.0);
  guint32 history_days = m->today - m->history_day;

  for (guint i = 0, made = 0; made < n_groups; i++)
    {
      const GroupTemplate *template = &group_templates[i % G_N_ELEMENTS (group_templates)];
      guint copy = i / G_N_ELEMENTS (group_templates);
      g_autofree char *name = NULL;
      guint n_seats = MAX (2, (guint) (template->seats * scale + 0.5));
      guint32 start_day, end_day = G_MAXUINT32;
      gboolean archived = FALSE;

      if (copy == 0)
        name = g_strdup (template->name);
      else if (copy <= G_N_ELEMENTS (sites))
        name = g_strdup_printf ("%s — %s", template->name, sites[copy - 1]);
      else
        name = g_strdup_printf ("%s — %s %u", template->name,
                                sites[(copy - 1) % G_N_ELEMENTS (sites)],
                                (guint) ((copy - 1) / G_N_ELEMENTS (sites) + 1));

      if (i == 0)
        n_seats = CLAMP (m->n_members / 24, n_seats, BIG_GROUP_SEATS);

      /* Courses are run at the main centre only. */
      if (template->course_weeks > 0 && copy > 0)
        continue;
      made++;

      if (template->course_weeks > 0)
        {
          guint32 length = template->course_weeks * 7;

          /* Cohorts start on a Monday every 26 weeks, from before the
           * history to today. */
          for (guint32 day = m->history_day - length + pd_demo_pick (m->rand, 182); day <= m->today;
               day += 182)
            {
              g_autofree char *cohort = NULL;
              GDate date;

              g_date_clear (&date, 1);
              g_date_set_julian (&date, day);
              start_day = day - (g_date_get_weekday (&date) - G_DATE_MONDAY);
              g_date_set_julian (&date, start_day);
              cohort = g_strdup_printf ("%s (%s %d)", name, season (start_day),
                                        (int) g_date_get_year (&date));
              if (!insert_group (m, template, cohort, n_seats, start_day,
                                 start_day + length - 1, start_day + length <= m->today, error))
                return FALSE;
            }
          continue;
        }

      /* Most groups were running before the history starts; some began
       * since, and one has ended. */
      if (i == 0 || pd_demo_chance (m->rand, 750))
        start_day = m->history_day - 30 - pd_demo_pick (m->rand, 900);
      else
        start_day = m->history_day + pd_demo_pick (m->rand, MAX (history_days * 7 / 10, 1));
      if (template->ended && m->today > start_day + 120)
        {
          end_day = m->today - 60 -
                    pd_demo_pick (m->rand, MIN (m->today - start_day - 120, 340) + 1);
          archived = TRUE;
        }

      if (!insert_group (m, template, name, n_seats, start_day, end_day, archived, error))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  char *drop;
  char *create;
} SchemaObject;

static void
schema_object_free (SchemaObject *object)
{
  g_free (object->drop);
  g_free (object->create);
  g_free (object);
}

/* Sets the indexes and triggers of the attendance table aside for the
 * bulk load, returning what puts them back as they were. Ten million rows
 * arriving in session order would otherwise each be looked up in the
 * member index and go through the trigger that keeps names out of
 * headcount-only groups; the rows made here never go there, and the whole
 * is one transaction, so no other writer ever sees the table without them.
 * On a server they stay: dropping them would lock the table against every
 * desk until the load ends. */
static GPtrArray *
set_aside_attendance_schema (PdDatabase  *db,
                             GError     **error)
{
  g_autoptr(GPtrArray) objects =
    g_ptr_array_new_with_free_func ((GDestroyNotify) schema_object_free);
  g_autoptr(PdStatement) stmt = NULL;

  if (pd_database_is_shared (db))
    return g_steal_pointer (&objects);

  stmt = pd_database_query (db,
                            "SELECT type, name, sql FROM sqlite_master"
                            " WHERE tbl_name = 'attendance' AND type IN ('index', 'trigger')"
                            " AND sql IS NOT NULL ORDER BY type, name",
                            error);
  if (stmt == NULL)
    return NULL;
  while (pd_statement_next (stmt))
    {
      SchemaObject *object = g_new0 (SchemaObject, 1);
      GString *drop = g_string_new ("DROP ");

      /* The name quoted as an identifier, its quotes doubled. */
      g_string_append_printf (drop, "%s \"", pd_statement_get_text (stmt, 0));
      for (const char *c = pd_statement_get_text (stmt, 1); *c != '\0'; c++)
        {
          if (*c == '"')
            g_string_append_c (drop, '"');
          g_string_append_c (drop, *c);
        }
      g_string_append_c (drop, '"');
      object->drop = g_string_free (drop, FALSE);
      object->create = pd_statement_dup_text (stmt, 2);
      g_ptr_array_add (objects, object);
    }
  if (!pd_statement_finish (stmt, error))
    return NULL;

  for (guint i = 0; i < objects->len; i++)
    {
      const SchemaObject *object = g_ptr_array_index (objects, i);

      if (!pd_database_exec (db, object->drop, error))
        return NULL;
    }
  return g_steal_pointer (&objects);
}

static gboolean
restore_attendance_schema (PdDatabase  *db,
                           GPtrArray   *objects,
                           GError     **error)
{
  for (guint i = 0; i < objects->len; i++)
    {
      const SchemaObject *object = g_ptr_array_index (objects, i);

      if (!pd_database_exec (db, object->create, error))
        return FALSE;
    }
  return TRUE;
}

static void
meetings_clear (PdDemoMeetings *m)
{
  g_clear_pointer (&m->insert_session, pd_statement_release);
  g_clear_pointer (&m->insert_attendance, pd_statement_release);
  pd_demo_desk_close (m);
  g_clear_pointer (&m->rand, g_rand_free);
  g_clear_pointer (&m->groups, g_ptr_array_unref);
  g_clear_pointer (&m->now, g_free);
  g_clear_pointer (&m->present, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PdDemoMeetings, meetings_clear)

/* One day of the history: its sessions, and the visits at the desk. */
static gboolean
add_day (PdDemoMeetings  *m,
         guint32          day,
         GError         **error)
{
  const char *closed = NULL;
  PdWeekdays weekday;
  char date_text[PD_DATE_ISO_SIZE];
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  pd_date_write_iso (&date, date_text);
  weekday = 1 << (g_date_get_weekday (&date) - G_DATE_MONDAY);
  m->joined_today = joined_by (m, day);
  m->joined_14 = joined_by (m, (gint64) day - 14);
  m->joined_30 = joined_by (m, (gint64) day - 30);
  m->joined_60 = joined_by (m, (gint64) day - 60);

  if (pd_demo_is_holiday (&date))
    closed = "Centre closed for the holiday";
  else if (day < m->today && g_date_get_month (&date) <= G_DATE_FEBRUARY &&
           pd_demo_chance (m->rand, 15))
    closed = "Snow day: the centre was closed";
  else if (day < m->today && g_date_get_month (&date) == G_DATE_DECEMBER &&
           pd_demo_chance (m->rand, 15))
    closed = "Snow day: the centre was closed";

  for (guint i = 0; i < m->groups->len; i++)
    {
      DemoGroup *group = g_ptr_array_index (m->groups, i);

      if (meets_on (group, day, weekday) &&
          !add_session (m, group, day, date_text, closed, error))
        return FALSE;
    }

  return day >= m->today || closed != NULL || pd_demo_add_visits (m, &date, date_text, error);
}

/* Called inside the demo's transaction. */
gboolean
pd_demo_add_meetings (PdDemo        *demo,
                      PdDatabase    *db,
                      guint32        seed,
                      guint          n_years,
                      PdDemoCounts  *counts,
                      GError       **error)
{
  const guint32 seeds[] = { seed, 0x6d656574 };  /* "meet" */
  g_autoptr(GPtrArray) schema = NULL;
  g_auto(PdDemoMeetings) m = { 0, };
  GDate start;

  m.demo = demo;
  m.db = db;
  m.rand = g_rand_new_with_seed_array (seeds, G_N_ELEMENTS (seeds));
  m.n_members = demo->n_members;
  m.today = g_date_get_julian (&demo->today);
  start = demo->today;
  g_date_subtract_years (&start, n_years);
  m.history_day = g_date_get_julian (&start);
  m.counts = counts;
  m.groups = g_ptr_array_new_with_free_func ((GDestroyNotify) demo_group_free);
  m.now = pd_timestamp_now ();
  m.present = g_array_new (FALSE, FALSE, sizeof (guint32));

  if (!pd_demo_desk_open (&m, seed, error))
    return FALSE;

  m.joined_today = joined_by (&m, m.history_day);
  if (!add_groups (&m, error))
    return FALSE;

  schema = set_aside_attendance_schema (db, error);
  if (schema == NULL)
    return FALSE;

  /* Kept for the whole history: a session or two a day for each group. */
  m.insert_session = pd_database_query (db,
                                        "INSERT INTO sessions (group_id, starts_at,"
                                        " duration_minutes, cancelled, cancel_reason, notes,"
                                        " headcount) VALUES (:group_id, :starts_at, :duration,"
                                        " :cancelled, :reason, :notes, :headcount)",
                                        error);
  if (m.insert_session == NULL)
    return FALSE;
  m.insert_attendance = pd_database_query_dialect (db,
                                                   "INSERT INTO attendance (session_id,"
                                                   " member_id, recorded_at)"
                                                   " VALUES (:session_id, :member_id,"
                                                   " :recorded_at)",
                                                   "INSERT INTO attendance (session_id,"
                                                   " member_id, recorded_at)"
                                                   " SELECT :session_id,"
                                                   " unnest (CAST (:member_ids AS BIGINT[])),"
                                                   " :recorded_at",
                                                   error);
  if (m.insert_attendance == NULL)
    return FALSE;
  pd_statement_bind_text (m.insert_attendance, "recorded_at", m.now);

  for (guint32 day = m.history_day; day <= m.today; day++)
    if (!add_day (&m, day, error))
      return FALSE;
  return restore_attendance_schema (db, schema, error);
}
