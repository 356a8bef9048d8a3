/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pd-database.h"

G_BEGIN_DECLS

/* Erasing a member for good, as a member may ask.
 *
 * The member's number stays, with the first name set to it (the table
 * requires one; pd_member_is_erased() tells such a record), so that visits,
 * attendance and the reports of past periods keep their counts; everything
 * that identifies the person goes: names, pronouns, birth date, contact
 * details, emergency contact, demographics (back to "not collected"),
 * confidential notes, and the name, contact details and notes of a
 * volunteer record linked to the member. The full-text index is merged so
 * that no segment keeps the name, freed pages are overwritten with zeros
 * and the write-ahead log is emptied into the file.
 *
 * Needs PD_RIGHT_ERASE, and must not run inside a transaction of the
 * caller's: the log can only be emptied once the change is committed. */
/* The start of an erased member's sort key, before the number: above any
 * letter a name folds to (U+10FFFF), so erased members list last. */
#define PD_MEMBER_ERASED_SORT_PREFIX "\xf4\x8f\xbf\xbf"

gboolean     pd_members_erase          (PdDatabase  *db,
                                        gint64       member_id,
                                        GError     **error);

G_END_DECLS
