/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pd-table.h"

G_BEGIN_DECLS

/* The settings of the meta table that are records, as opposed to what is
 * worked out from the records (member_count), what lasts only as long as a
 * transaction (bulk_load) and what belongs to one computer (welcomed). */
#define PD_META_NEXT_MEMBER_NUMBER "next_member_number"
#define PD_META_REPORT_PREFIX "report_"

/* The tables a JSON export holds, in the order of the file, which is an
 * order the rows can be inserted in: every table comes after the tables it
 * refers to. The first is the meta table's records. */
const PdTable *pd_tables_get_exported (guint *n_tables);

/* The members table: the id, then the member fields in the order of
 * PdMemberField. */
const PdTable *pd_tables_get_members  (void);

G_END_DECLS
