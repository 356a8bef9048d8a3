/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pd-database.h"
#include "pd-member.h"

G_BEGIN_DECLS

/* The words of @text as the members_fts index of SQLite has them
 * (its unicode61 tokenizer with remove_diacritics 2): lower case, Latin
 * accents dropped, split at everything but letters and digits. */
char     **pd_member_words_split   (const char  *text);
/* @text, as it is, split at everything but letters and digits: the words
 * of what a person typed. */
char     **pd_member_words_split_alnum (const char *text);
/* The least text above every text that starts with @prefix, for looking
 * a prefix up as a range of an index. */
char      *pd_member_words_after   (const char  *prefix);

/* On a server, where no full-text index follows the members table, the
 * core keeps the words of each member's names itself: adds those of
 * @member, stored with @member_id (none for an erased member), or takes
 * out all of a member's. Both do nothing on SQLite, whose triggers keep
 * members_fts. */
gboolean   pd_member_words_add     (PdDatabase  *db,
                                    gint64       member_id,
                                    PdMember    *member,
                                    GError     **error);
gboolean   pd_member_words_forget  (PdDatabase  *db,
                                    gint64       member_id,
                                    GError     **error);
/* On a server: the ids of the members, lowest first and @limit at most,
 * whose names have a word starting with each of @words (folded by
 * pd_member_words_split() already), as members_fts MATCH gives them. */
GArray    *pd_member_words_match   (PdDatabase  *db,
                                    char       **words,
                                    guint        limit,
                                    GError     **error);

G_END_DECLS
