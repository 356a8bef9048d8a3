/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pd-database.h"

G_BEGIN_DECLS

/* The people most likely to be looked for at a moment, with how likely:
 * a bounded set (the desk's recent visitors and newcomers, or a group's
 * recent attendees), whatever the number of members. */
typedef struct _PdMemberRanking PdMemberRanking;

PdMemberRanking *pd_member_ranking_new_for_desk    (PdDatabase       *db,
                                                    const char       *now,
                                                    GError          **error);
PdMemberRanking *pd_member_ranking_new_for_session (PdDatabase       *db,
                                                    gint64            session_id,
                                                    GError          **error);
void             pd_member_ranking_free            (PdMemberRanking  *ranking);
guint            pd_member_ranking_get_size        (PdMemberRanking  *ranking);
GArray          *pd_member_ranking_match           (PdMemberRanking  *ranking,
                                                    const char       *text);

char           **pd_member_ranking_split_words     (const char       *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdMemberRanking, pd_member_ranking_free)

G_END_DECLS
