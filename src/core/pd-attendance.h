/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pd-database.h"

G_BEGIN_DECLS

/* One line of a member's history: a front-desk visit or a session
 * attended, most recent first. */
typedef struct
{
  char *at;                 /* local time, YYYY-MM-DDTHH:MM[:SS] */
  char *kind;               /* "visit" or "attendance" */
  char *what;               /* the purpose of the visit, or the group's name */
} PdHistoryEntry;

void       pd_history_entry_free        (PdHistoryEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdHistoryEntry, pd_history_entry_free)

/* Marks @member_id present at @session_id. Refused with PD_ERROR_DUPLICATE
 * if they already are, and with PD_ERROR_INVALID in a headcount-only group
 * or a cancelled session. */
gboolean   pd_attendance_mark           (PdDatabase  *db,
                                         gint64       session_id,
                                         gint64       member_id,
                                         GError     **error);
gboolean   pd_attendance_unmark         (PdDatabase  *db,
                                         gint64       session_id,
                                         gint64       member_id,
                                         GError     **error);
gboolean   pd_attendance_is_present     (PdDatabase  *db,
                                         gint64       session_id,
                                         gint64       member_id);
/* The start (a local time) of the latest session of @session_id's group
 * before it that @member_id attended, or NULL when none. Reads only the
 * member's own attendance. */
char      *pd_attendance_last_at_group  (PdDatabase  *db,
                                         gint64       session_id,
                                         gint64       member_id,
                                         GError     **error);
/* The ids (gint64) of the members present, in id order. */
GArray    *pd_attendance_present        (PdDatabase  *db,
                                         gint64       session_id,
                                         GError     **error);
/* The ids (gint64) of the members who attended at least two of the last
 * four sessions of the group held (not cancelled) before @session_id, in
 * the order of the member list. */
GArray    *pd_attendance_regulars       (PdDatabase  *db,
                                         gint64       session_id,
                                         GError     **error);
/* The guests and anonymous people present; refused with PD_ERROR_INVALID
 * in a group that records names only, or a cancelled session. */
gboolean   pd_attendance_set_headcount  (PdDatabase  *db,
                                         gint64       session_id,
                                         guint        headcount,
                                         GError     **error);
/* Registers a member with a first name and an optional last initial and
 * marks them present, all or nothing. Returns the new member's id. */
gint64     pd_attendance_add_first_timer (PdDatabase *db,
                                          gint64      session_id,
                                          const char *first_name,
                                          const char *last_initial,
                                          GError    **error);
/* Up to @limit entries of the member's visits and attendance together,
 * most recent first, from the @offset-th on. */
GPtrArray *pd_member_history            (PdDatabase  *db,
                                         gint64       member_id,
                                         guint        offset,
                                         guint        limit,
                                         GError     **error);

G_END_DECLS
