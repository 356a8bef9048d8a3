/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pd-database.h"
#include "pd-member.h"

G_BEGIN_DECLS

/* Hours are logged in quarter hours: 1.25 h is 5. */
#define PD_QUARTERS(hours) ((guint) ((hours) * 4 + 0.5))

typedef struct
{
  gint64     id;
  gint64     member_id;            /* 0 if not linked to a member record */
  char      *display_name;
  char      *phone;
  char      *email;
  char      *start_date;           /* YYYY-MM-DD */
  char      *background_check_date;/* YYYY-MM-DD or "" */
  char      *status;               /* a code of pd_volunteer_statuses () */
  char      *notes;
  GArray    *role_ids;             /* gint64 */
  gint64     version;              /* as read (see pd-conflict.h); 0 if not read */
  char      *updated_by;           /* who saved it last; "" if not known */
} PdVolunteer;

typedef struct
{
  gint64  id;
  char   *label;
  gboolean archived;
} PdVolunteerRole;

typedef struct
{
  gint64  id;
  gint64  volunteer_id;
  char   *date;                    /* YYYY-MM-DD */
  char   *activity;
  guint   quarter_hours;
  gint64  session_id;              /* 0 if none */
  char   *approved_by;
} PdHours;

typedef struct
{
  gint64  id;
  gint64  volunteer_id;
  char   *date;
  char   *supervisor;
  guint   minutes;
  char   *kind;                    /* "individual" or "group" */
  char   *notes;
} PdSupervision;

/* One line of a totals table: an activity's quarter hours in a period. */
typedef struct
{
  char  *period;                   /* "2026-W48", "2026-11" or "2026" */
  char  *activity;
  guint  quarter_hours;
} PdHoursTotal;

typedef enum
{
  PD_HOURS_BY_WEEK,
  PD_HOURS_BY_MONTH,
  PD_HOURS_BY_YEAR,
} PdHoursPeriod;

const PdCode *pd_volunteer_statuses       (void);
const PdCode *pd_supervision_kinds        (void);

PdVolunteer *pd_volunteer_new             (void);
void         pd_volunteer_free            (PdVolunteer   *volunteer);
void         pd_role_free                 (PdVolunteerRole *role);
void         pd_hours_free                (PdHours       *hours);
void         pd_supervision_free          (PdSupervision *supervision);
void         pd_hours_total_free          (PdHoursTotal  *total);
PdHours     *pd_hours_new                 (gint64         volunteer_id,
                                           const char    *date,
                                           const char    *activity,
                                           guint          quarter_hours);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdVolunteer, pd_volunteer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdVolunteerRole, pd_role_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdHours, pd_hours_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdSupervision, pd_supervision_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdHoursTotal, pd_hours_total_free)

/* Changes to volunteers, their roles, hours and supervision are notified
 * as "volunteers"; changes to the list of roles as "volunteer_roles". */

gboolean     pd_volunteer_validate        (const PdVolunteer *volunteer,
                                           GError           **error);
gint64       pd_volunteers_insert         (PdDatabase    *db,
                                           PdVolunteer   *volunteer,
                                           GError       **error);
gboolean     pd_volunteers_update         (PdDatabase    *db,
                                           PdVolunteer   *volunteer,
                                           GError       **error);
/* pd_volunteers_update() naming the desk that saves, for when nobody is
 * signed in; with @overwrite, over whatever another desk saved since
 * @volunteer was read (the person chose to keep theirs). */
gboolean      pd_volunteers_update_full (PdDatabase   *db,
                                         PdVolunteer  *volunteer,
                                         const char   *desk,
                                         gboolean      overwrite,
                                         GError      **error);
PdVolunteer *pd_volunteers_get            (PdDatabase    *db,
                                           gint64         id,
                                           GError       **error);
/* @name_or_id is a volunteer's id ("12" or "#12") or their display name in
 * any case; a name several volunteers share is refused with
 * PD_ERROR_INVALID, naming them. */
PdVolunteer *pd_volunteers_find           (PdDatabase    *db,
                                           const char    *name_or_id,
                                           GError       **error);
/* By name. @search (NULL for all) is a part of the display name, in any
 * case and with or without accents; @status (NULL for all) a status code. */
GPtrArray   *pd_volunteers_list           (PdDatabase    *db,
                                           const char    *search,
                                           const char    *status,
                                           GError       **error);

GPtrArray   *pd_roles_list                (PdDatabase    *db,
                                           gboolean       include_archived,
                                           GError       **error);
gint64       pd_roles_add                 (PdDatabase    *db,
                                           const char    *label,
                                           GError       **error);
gboolean     pd_roles_rename              (PdDatabase    *db,
                                           gint64         id,
                                           const char    *label,
                                           GError       **error);
gboolean     pd_roles_set_archived        (PdDatabase    *db,
                                           gint64         id,
                                           gboolean       archived,
                                           GError       **error);

gboolean     pd_hours_validate            (const PdHours *hours,
                                           GError       **error);
/* Reads hours as people type them: "2", "1.5", "1,25", "2h", "1:30". */
gboolean     pd_hours_parse               (const char    *text,
                                           guint         *quarter_hours,
                                           GError       **error);
char        *pd_hours_format              (guint          quarter_hours);
/* Adds every PdHours of @rows, setting their ids, or none of them: the
 * error names the first bad row ("row 3, hours: …"). */
gboolean     pd_hours_add_many            (PdDatabase    *db,
                                           GPtrArray     *rows,
                                           GError       **error);
/* Logs a session's length, to the nearest quarter hour, as hours of the
 * group's volunteer facilitator. PD_ERROR_INVALID when the group has no
 * volunteer facilitator or the session was cancelled, PD_ERROR_DUPLICATE
 * when its hours are logged already. */
gint64       pd_hours_log_session         (PdDatabase    *db,
                                           gint64         session_id,
                                           GError       **error);
gboolean     pd_hours_delete              (PdDatabase    *db,
                                           gint64         id,
                                           GError       **error);
/* Newest first; a @volunteer_id of 0 is everyone's, a @limit of 0 no
 * limit. */
GPtrArray   *pd_hours_list                (PdDatabase    *db,
                                           gint64         volunteer_id,
                                           guint          offset,
                                           guint          limit,
                                           GError       **error);
/* PdHoursTotal lines by period then activity, weeks being ISO 8601 weeks;
 * a @volunteer_id of 0 is everyone's, @from and @to (inclusive) may be NULL
 * for no bound. */
GPtrArray   *pd_hours_totals              (PdDatabase    *db,
                                           gint64         volunteer_id,
                                           PdHoursPeriod  period,
                                           const char    *from,
                                           const char    *to,
                                           GError       **error);

gint64       pd_supervision_add           (PdDatabase    *db,
                                           PdSupervision *supervision,
                                           GError       **error);
/* Newest first; a @volunteer_id of 0 is everyone's, a @limit of 0 no
 * limit. */
GPtrArray   *pd_supervision_list          (PdDatabase    *db,
                                           gint64         volunteer_id,
                                           guint          offset,
                                           guint          limit,
                                           GError       **error);

G_END_DECLS
