/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pd-database.h"
#include "pd-member.h"

G_BEGIN_DECLS

/* How many matches a search shows; typing more narrows it. */
#define PD_MEMBER_LIST_SEARCH_LIMIT 500

/* What a search ranks the matching members for, beyond their names. */
typedef enum
{
  PD_MEMBER_LIST_RANK_NAME,     /* names only */
  PD_MEMBER_LIST_RANK_DESK,     /* the front desk: recent and frequent visitors first */
  PD_MEMBER_LIST_RANK_SESSION,  /* a meeting: the group's regulars and recent attendees first */
} PdMemberListRank;

#define PD_TYPE_MEMBER_LIST (pd_member_list_get_type ())

G_DECLARE_FINAL_TYPE (PdMemberList, pd_member_list, PD, MEMBER_LIST, GObject)

PdMemberList *pd_member_list_new           (PdDatabase   *database);
PdMemberList *pd_member_list_new_for_desk  (PdDatabase   *database);
PdMemberList *pd_member_list_new_for_session (PdDatabase *database,
                                            gint64        session_id);
PdDatabase   *pd_member_list_get_database  (PdMemberList *self);
PdMemberListRank pd_member_list_get_rank   (PdMemberList *self);
gint64        pd_member_list_get_session_id (PdMemberList *self);
void          pd_member_list_set_session_id (PdMemberList *self,
                                            gint64        session_id);
const char   *pd_member_list_get_query     (PdMemberList *self);
void          pd_member_list_set_query     (PdMemberList *self,
                                            const char   *query);
gboolean      pd_member_list_get_truncated (PdMemberList *self);
void          pd_member_list_refresh       (PdMemberList *self);
guint         pd_member_list_find          (PdMemberList *self,
                                            gint64        id);
guint         pd_member_list_get_n_cached  (PdMemberList *self);
guint         pd_member_list_get_n_reads   (PdMemberList *self);

G_END_DECLS
