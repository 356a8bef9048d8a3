/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pd-database.h"
#include "pd-member.h"

G_BEGIN_DECLS

/* Weekdays as a bit set, Monday first, as a group's schedule keeps them. */
typedef enum
{
  PD_WEEKDAY_MONDAY    = 1 << 0,
  PD_WEEKDAY_TUESDAY   = 1 << 1,
  PD_WEEKDAY_WEDNESDAY = 1 << 2,
  PD_WEEKDAY_THURSDAY  = 1 << 3,
  PD_WEEKDAY_FRIDAY    = 1 << 4,
  PD_WEEKDAY_SATURDAY  = 1 << 5,
  PD_WEEKDAY_SUNDAY    = 1 << 6,
} PdWeekdays;

typedef struct
{
  gint64      id;
  char       *name;
  char       *kind;               /* a code of pd_group_kinds () */
  gint64      facilitator_member_id;  /* 0 if none */
  char       *facilitator_name;   /* free text, when not a member */
  char       *room;
  char       *description;
  PdWeekdays  weekdays;           /* 0: a one-off group, no schedule */
  char       *start_time;         /* HH:MM */
  guint       duration_minutes;
  char       *start_date;         /* YYYY-MM-DD */
  char       *end_date;           /* YYYY-MM-DD or "" for no end */
  char       *attendance_mode;    /* "named", "headcount" or "both" */
  gboolean    archived;
  gint64      facilitator_volunteer_id;  /* 0 if none; whose hours the sessions are */
  gint64      version;            /* as read (see pd-conflict.h); 0 if not read */
  char       *updated_by;         /* who saved it last; "" if not known */
} PdGroup;

typedef struct
{
  gint64    id;
  gint64    group_id;
  char     *group_name;
  char     *attendance_mode;
  char     *starts_at;            /* local time, YYYY-MM-DDTHH:MM */
  guint     duration_minutes;
  gboolean  cancelled;
  char     *cancel_reason;
  char     *notes;
  guint     headcount;
  guint     n_present;            /* named attendance */
} PdSession;

const PdCode *pd_group_kinds            (void);
const PdCode *pd_attendance_modes       (void);

PdGroup   *pd_group_new                 (void);
PdGroup   *pd_group_copy                (const PdGroup *group);
void       pd_group_free                (PdGroup      *group);
void       pd_session_free              (PdSession    *session);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdGroup, pd_group_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdSession, pd_session_free)

gboolean   pd_group_validate            (const PdGroup *group,
                                         GError       **error);
/* Start times ("YYYY-MM-DDTHH:MM", local) of the weekly sessions from @from
 * to @to inclusive, within the group's start and end dates; none for a
 * one-off group. */
GPtrArray *pd_schedule_expand           (const PdGroup *group,
                                         const char    *from,
                                         const char    *to,
                                         GError       **error);

gint64     pd_groups_insert             (PdDatabase   *db,
                                         PdGroup      *group,
                                         GError      **error);
gboolean   pd_groups_update             (PdDatabase   *db,
                                         PdGroup      *group,
                                         GError      **error);
/* pd_groups_update() naming the desk that saves, for when nobody is signed
 * in; with @overwrite, over whatever another desk saved since @group was
 * read (the person chose to keep theirs). */
gboolean   pd_groups_update_full        (PdDatabase   *db,
                                         PdGroup      *group,
                                         const char   *desk,
                                         gboolean      overwrite,
                                         GError      **error);
PdGroup   *pd_groups_get                (PdDatabase   *db,
                                         gint64        id,
                                         GError      **error);
GPtrArray *pd_groups_list               (PdDatabase   *db,
                                         gboolean      include_archived,
                                         GError      **error);
GPtrArray *pd_groups_list_first         (PdDatabase   *db,
                                         gboolean      include_archived,
                                         const char   *search,
                                         guint         limit,
                                         guint        *n_total,
                                         GError      **error);

/* Returns how many sessions were created; 0 with @error set on failure. */
guint      pd_sessions_generate         (PdDatabase   *db,
                                         const char   *from,
                                         const char   *to,
                                         GError      **error);
/* A @duration_minutes of 0 takes the group's. */
gint64     pd_sessions_add              (PdDatabase   *db,
                                         gint64        group_id,
                                         const char   *starts_at,
                                         guint         duration_minutes,
                                         GError      **error);
gboolean   pd_sessions_cancel           (PdDatabase   *db,
                                         gint64        session_id,
                                         const char   *reason,
                                         GError      **error);
gboolean   pd_sessions_set_notes        (PdDatabase   *db,
                                         gint64        session_id,
                                         const char   *notes,
                                         GError      **error);
PdSession *pd_sessions_get              (PdDatabase   *db,
                                         gint64        session_id,
                                         GError      **error);
GPtrArray *pd_sessions_list_day         (PdDatabase   *db,
                                         const char   *date,
                                         GError      **error);
/* Upcoming: starting now or later, soonest first; otherwise past, latest
 * first. A @limit of 0 is no limit. */
GPtrArray *pd_sessions_list_for_group   (PdDatabase   *db,
                                         gint64        group_id,
                                         gboolean      upcoming,
                                         guint         offset,
                                         guint         limit,
                                         GError      **error);

G_END_DECLS
