/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pd-database.h"
#include "pd-statement.h"
#include "pd-member.h"
#include "pd-member-ranking.h"

G_BEGIN_DECLS

/* The SELECT list that pd_members_from_row() reads, in field order, after id;
 * then the version and who saved it (see pd-conflict.h). */
#define PD_MEMBER_COLUMNS \
  "id, number, first_name, last_name, preferred_name, pronouns, birth_date, phone, email, " \
  "emergency_name, emergency_phone, joined_date, status, gender, race, ethnicity, veteran, " \
  "housing, justice, may_contact, report_consent, notes, created_at, updated_at, version, " \
  "updated_by"
/* How many columns PD_MEMBER_COLUMNS lists. */
#define PD_MEMBER_N_COLUMNS (PD_MEMBER_N_FIELDS + 3)

PdMember  *pd_members_from_row        (PdStatement   *stmt);
/* Withholds from @member, read with pd_members_from_row(), what an
 * ordinary read does not give (its notes always; all but its number and
 * names without PD_RIGHT_MEMBER_DETAILS); returns @member. */
PdMember  *pd_members_withhold        (PdDatabase    *db,
                                       PdMember      *member);

gboolean   pd_members_insert          (PdDatabase    *db,
                                       PdMember      *member,
                                       GError       **error);
/* Adds many members in one transaction, nested in the caller's if there is
 * one, assigning numbers to those without one; pd_members_writer_finish()
 * records the next free number and commits, and a writer freed unfinished
 * rolls its members back. pd_members_writer_restore() adds a member saved
 * before, keeping its id. */
typedef struct _PdMembersWriter PdMembersWriter;

PdMembersWriter *pd_members_writer_new     (PdDatabase      *db,
                                            GError         **error);
gboolean         pd_members_writer_add     (PdMembersWriter *writer,
                                            PdMember        *member,
                                            GError         **error);
gboolean         pd_members_writer_restore (PdMembersWriter *writer,
                                            PdMember        *member,
                                            GError         **error);
gboolean         pd_members_writer_finish  (PdMembersWriter *writer,
                                            GError         **error);
void             pd_members_writer_free    (PdMembersWriter *writer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdMembersWriter, pd_members_writer_free)

gboolean   pd_members_update          (PdDatabase    *db,
                                       PdMember      *member,
                                       GError       **error);
/* pd_members_update() refuses with PD_ERROR_CONFLICT a member read before
 * another desk's save of it (see pd-conflict.h). pd_members_update_full()
 * names the desk that saves, for when nobody is signed in; with
 * @overwrite, it saves over whatever another desk saved since @member was
 * read (the person chose to keep theirs). */
gboolean   pd_members_update_full     (PdDatabase    *db,
                                       PdMember      *member,
                                       const char    *desk,
                                       gboolean       overwrite,
                                       GError       **error);
gboolean   pd_members_set_status      (PdDatabase    *db,
                                       gint64         id,
                                       const char    *status,
                                       GError       **error);
PdMember  *pd_members_get             (PdDatabase    *db,
                                       gint64         id,
                                       GError       **error);
/* The members of @ids that are there, in the order of @ids, read at once. */
GPtrArray *pd_members_get_many        (PdDatabase    *db,
                                       const gint64  *ids,
                                       guint          n_ids,
                                       GError       **error);
PdMember  *pd_members_get_by_number   (PdDatabase    *db,
                                       const char    *number,
                                       GError       **error);
/* A member's confidential notes, which no other read gives: needs
 * PD_RIGHT_MEMBER_NOTES, and each reading is recorded in the audit trail. */
gboolean   pd_members_read_notes      (PdDatabase    *db,
                                       gint64         member_id,
                                       char         **notes,
                                       GError       **error);
gint64     pd_members_count           (PdDatabase    *db,
                                       GError       **error);

char      *pd_members_fts_query       (const char    *text);
char      *pd_members_number_from_text (const char   *text);
GArray    *pd_members_search_ids      (PdDatabase    *db,
                                       const char    *text,
                                       guint          limit,
                                       GError       **error);
GArray    *pd_members_search_ranked   (PdDatabase    *db,
                                       const char    *text,
                                       PdMemberRanking *ranking,
                                       guint          limit,
                                       GError       **error);
GPtrArray *pd_members_search          (PdDatabase    *db,
                                       const char    *text,
                                       guint          limit,
                                       GError       **error);

G_END_DECLS
