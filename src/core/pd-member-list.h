/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pd-database.h"
#include "pd-member.h"

G_BEGIN_DECLS

/* How many matches a search shows; typing more narrows it. */
#define PD_MEMBER_LIST_SEARCH_LIMIT 500

#define PD_TYPE_MEMBER_LIST (pd_member_list_get_type ())

G_DECLARE_FINAL_TYPE (PdMemberList, pd_member_list, PD, MEMBER_LIST, GObject)

PdMemberList *pd_member_list_new           (PdDatabase   *database);
PdDatabase   *pd_member_list_get_database  (PdMemberList *self);
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
