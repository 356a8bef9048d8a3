/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Inside the demo only: what its members, meetings, visits and volunteers
 * share. Every part draws from a GRand of its own, so that each makes the
 * same records for a seed whatever the parts after it do. */

#include <glib.h>

#include "pd-database.h"
#include "pd-demo.h"
#include "pd-member.h"
#include "pd-statement.h"

G_BEGIN_DECLS

/* The cultures names are drawn from (see pd-demo-members.c). */
#define PD_DEMO_N_CULTURES 23

/* An index of no member: a seat nobody holds, a visitor who gave no name. */
#define NO_MEMBER G_MAXUINT32

typedef struct
{
  char *name;
  char *nickname;   /* or NULL */
  char *plain;      /* without accents, as often typed on a US keyboard */
  char *ascii;      /* lower-case letters and digits only, for email addresses */
} PdDemoName;

typedef struct
{
  PdDemoName *names;
  guint       n;
} PdDemoNameList;

typedef struct
{
  PdDemoNameList women;
  PdDemoNameList men;
  PdDemoNameList surnames;
  PdDemoNameList surnames_women;
} PdDemoCultureNames;

typedef struct
{
  GRand              *rand;
  guint               n_members;
  GDate               today;
  guint32             first_day;   /* Julian day of the earliest joined date */
  guint               n_days;
  /* Each member's joined date (a Julian day, never decreasing with the
   * index), whether they are active, and their row id, for the groups and
   * visits that follow. */
  guint32            *joined;
  guint8             *active;
  gint64             *ids;
  guint               culture_total;
  guint               profile_total;

  PdDemoCultureNames  names[PD_DEMO_N_CULTURES];
  PdDemoNameList      english_women;
  PdDemoNameList      english_men;
  PdDemoNameList      chosen;

  GString            *first_name;
  GString            *last_name;
  GString            *emergency_name;
  GString            *email;
  GString            *race;
  GString            *notes;
  char                phone[32];
  char                emergency_phone[32];
  char                birth_date[16];
  char                joined_date[16];
} PdDemo;

/* TRUE with @per_mille chances in a thousand. */
static inline gboolean
pd_demo_chance (GRand *rand,
                guint  per_mille)
{
  return (guint) g_rand_int_range (rand, 0, 1000) < per_mille;
}

/* One of 0 to @n - 1. */
static inline guint
pd_demo_pick (GRand *rand,
              guint  n)
{
  g_assert (n > 0);
  return g_rand_int_range (rand, 0, n);
}

/* pd-demo-names.c */
gboolean     pd_demo_name_list_load   (PdDemoNameList  *list,
                                       const char      *resource,
                                       GError         **error);
void         pd_demo_name_list_clear  (PdDemoNameList  *list);

/* pd-demo-members.c */
PdDemo      *pd_demo_new              (const PdDemoOptions  *options,
                                       GError              **error);
void         pd_demo_free             (PdDemo               *demo);
void         pd_demo_member           (PdDemo               *demo,
                                       guint                 index,
                                       PdMember             *member);
guint        pd_demo_culture_at       (guint                 r);
void         pd_demo_format_phone     (GRand                *rand,
                                       char                 *buffer,
                                       gsize                 size);
const char  *pd_demo_email_domain     (GRand                *rand);
const char  *pd_demo_staff            (GRand                *rand);
void         pd_demo_format_julian    (char                 *buffer,
                                       gsize                 size,
                                       guint32               day);
gboolean     pd_demo_is_holiday       (const GDate          *day);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdDemo, pd_demo_free)

/* How many of the desk's last visitors the demo remembers. */
#define PD_DEMO_RECENT_VISITORS 512

/* The days of the history, one after the other: each day's sessions of
 * the groups, their attendance, and the visits at the front desk. */
typedef struct
{
  PdDemo        *demo;
  PdDatabase    *db;
  GRand         *rand;
  guint          n_members;
  guint32        history_day;  /* the first day of the history */
  guint32        today;
  PdDemoCounts  *counts;
  GPtrArray     *groups;
  char          *now;

  /* Members who had joined by the day at hand, and by 14, 30 and 60 days
   * before it. */
  guint32        joined_today;
  guint32        joined_14;
  guint32        joined_30;
  guint32        joined_60;

  GArray        *present;      /* guint32 member indices of a session */
  PdStatement   *insert_session;
  PdStatement   *insert_attendance;

  /* The front desk (pd-demo-visits.c). */
  gint64        *purposes;
  guint         *weights;
  guint          n_purposes;
  guint          weight_total;
  GArray        *times;        /* guint seconds of a day's visits */
  PdStatement   *insert_visit;
  /* The desk's last visitors, most of whom come back: a centre lives on
   * its regulars. Its own random numbers keep the rest of the demo what
   * it was for a seed. */
  GRand         *returns_rand;
  guint32        recent_visitors[PD_DEMO_RECENT_VISITORS];
  guint          n_recent_visitors;
  guint          next_recent_visitor;
} PdDemoMeetings;

guint32      pd_demo_pick_member      (PdDemoMeetings  *m,
                                       guint            days,
                                       guint            recent,
                                       gboolean         active);

/* pd-demo-visits.c */
gboolean     pd_demo_desk_open        (PdDemoMeetings  *m,
                                       guint32          seed,
                                       GError         **error);
void         pd_demo_desk_close       (PdDemoMeetings  *m);
gboolean     pd_demo_add_visits       (PdDemoMeetings  *m,
                                       const GDate     *day,
                                       const char      *date,
                                       GError         **error);

/* pd-demo-meetings.c: groups, their sessions and attendance, and the
 * front-desk visits of the same days. */
gboolean     pd_demo_add_meetings     (PdDemo         *demo,
                                       PdDatabase     *db,
                                       guint32         seed,
                                       guint           n_years,
                                       PdDemoCounts   *counts,
                                       GError        **error);

/* pd-demo-volunteers.c */
gboolean     pd_demo_add_volunteers   (PdDemo         *demo,
                                       PdDatabase     *db,
                                       guint32         seed,
                                       guint           n_years,
                                       PdDemoCounts   *counts,
                                       GError        **error);

G_END_DECLS
