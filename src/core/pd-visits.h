/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pd-database.h"
#include "pd-member.h"

G_BEGIN_DECLS

/* A purpose of a front-desk visit. The list is data, edited in the
 * preferences; exactly one purpose is the default. */
typedef struct
{
  gint64    id;
  char     *label;
  gboolean  is_default;
  gboolean  archived;
} PdPurpose;

/* One visit as the front desk's "Today" list shows it. */
typedef struct
{
  gint64  id;
  gint64  member_id;        /* 0 for an anonymous visit */
  char   *member_name;      /* display name, or NULL when anonymous */
  char   *member_number;
  char   *visited_at;       /* local time, YYYY-MM-DDTHH:MM:SS */
  char   *purpose;
  char   *recorded_by;
} PdVisit;

typedef struct
{
  guint visits;             /* every visit, anonymous ones included */
  guint people;             /* distinct members */
  guint anonymous;
} PdDayCounts;

void       pd_purpose_free            (PdPurpose   *purpose);
void       pd_visit_free              (PdVisit     *visit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdPurpose, pd_purpose_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdVisit, pd_visit_free)

GPtrArray *pd_purposes_list           (PdDatabase  *db,
                                       gboolean     include_archived,
                                       GError     **error);
gint64     pd_purposes_add            (PdDatabase  *db,
                                       const char  *label,
                                       GError     **error);
gboolean   pd_purposes_rename         (PdDatabase  *db,
                                       gint64       id,
                                       const char  *label,
                                       GError     **error);
gboolean   pd_purposes_set_default    (PdDatabase  *db,
                                       gint64       id,
                                       GError     **error);
gboolean   pd_purposes_set_archived   (PdDatabase  *db,
                                       gint64       id,
                                       gboolean     archived,
                                       GError     **error);
/* Archived purposes are found too. Returns 0 and PD_ERROR_NOT_FOUND when
 * no purpose has @label, whatever its case. */
gint64     pd_purposes_find           (PdDatabase  *db,
                                       const char  *label,
                                       GError     **error);

char      *pd_local_now               (void);
char      *pd_local_time_normalize    (const char  *text,
                                       GError     **error);

/* A member as the front desk or a facilitator registers a newcomer: a first
 * name, an optional last initial, an optional birth year (0: not given).
 * Validated, not saved. */
PdMember  *pd_newcomer_new            (const char  *first_name,
                                       const char  *last_initial,
                                       guint        birth_year,
                                       GError     **error);

/* @member_id 0 records an anonymous visit, @purpose_id 0 the default
 * purpose, @at NULL the time now. An inactive member can be checked in: a
 * member who stopped coming and came back is welcome, and the caller tells
 * the person at the desk so that the record can be made active again. */
gint64     pd_visits_check_in         (PdDatabase  *db,
                                       gint64       member_id,
                                       gint64       purpose_id,
                                       const char  *at,
                                       const char  *recorded_by,
                                       GError     **error);
/* Registers a newcomer (see pd_newcomer_new()) and checks them in, all or
 * nothing. Returns the visit id; @member_number, if not NULL, receives the
 * new member's number. */
gint64     pd_visits_check_in_newcomer (PdDatabase  *db,
                                        const char  *first_name,
                                        const char  *last_initial,
                                        guint        birth_year,
                                        gint64       purpose_id,
                                        const char  *recorded_by,
                                        char       **member_number,
                                        GError     **error);
gboolean   pd_visits_delete           (PdDatabase  *db,
                                       gint64       visit_id,
                                       GError     **error);
/* The visits of @date (YYYY-MM-DD), newest first. */
GPtrArray *pd_visits_list_day         (PdDatabase  *db,
                                       const char  *date,
                                       GError     **error);
gboolean   pd_visits_count_day        (PdDatabase  *db,
                                       const char  *date,
                                       PdDayCounts *counts,
                                       GError     **error);

/* The time of @member_id's latest visit before @before (a local time; NULL:
 * ever), or NULL when there is none. One indexed lookup. */
char      *pd_visits_last_at          (PdDatabase  *db,
                                       gint64       member_id,
                                       const char  *before,
                                       GError     **error);
/* Members called @first_name whose last name starts with @last_initial (or
 * any last name when it is NULL or empty), with a visit since @since (a
 * local time), the latest visitor first; at most @limit. Names compare
 * without case or accents. */
GPtrArray *pd_visits_find_recent_namesakes (PdDatabase *db,
                                            const char *first_name,
                                            const char *last_initial,
                                            const char *since,
                                            guint       limit,
                                            GError    **error);
/* A day as the desk speaks of it, for a local time @at seen from @now
 * (NULL: the clock's): "today", "yesterday", "Tuesday" within the week,
 * "12 March" within the year, "12 March 2024" before. */
char      *pd_describe_day            (const char  *at,
                                       GDateTime   *now);

G_END_DECLS
