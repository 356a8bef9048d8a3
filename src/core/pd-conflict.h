/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pd-database.h"
#include "pd-table.h"

G_BEGIN_DECLS

/* Two desks may have one record open at once. A record's row counts its
 * saves (version) and names who saved it last (updated_by); a save names
 * the version its form was read at, and finds nothing to update when
 * another desk saved in between: PD_ERROR_CONFLICT, never an overwrite
 * the person did not choose. */

/* "UPDATE table SET <columns after @first>, <@extra>, updated_by =
 * :updated_by, version = version + 1 WHERE id = :id AND version = :seen". */
char *pd_conflict_update_sql   (const PdTable      *table,
                                guint               first,
                                const char *const  *extra);
/* When @updated_at (UTC, "YYYY-MM-DDTHH:MM:SSZ") was, in local time:
 * "10:42" today, with the date before it on another day. */
char *pd_conflict_format_time  (const char         *updated_at);
/* "Changed by Front desk at 10:42": the heading of the question a desk
 * is asked; @actor "" reads as another desk. */
char *pd_conflict_dup_heading  (const char         *actor,
                                const char         *updated_at);
/* Sets PD_ERROR_CONFLICT: "Changed by Front desk at 10:42 since you
 * opened it." */
void  pd_conflict_set_error    (GError            **error,
                                const char         *actor,
                                const char         *updated_at);

/* After a save of row @id of @table (members, groups or volunteers) found
 * another desk's save in its way: sets PD_ERROR_CONFLICT naming who saved
 * it and when, or the error that kept them from being read. */
void  pd_conflict_explain      (PdDatabase         *db,
                                const char         *table,
                                gint64              id,
                                GError            **error);
/* pd_conflict_dup_heading() for row @id of @table as saved now, for the
 * question asked after pd_conflict_explain()'s error; NULL with @error
 * set if it could not be read. */
char  *pd_conflict_dup_heading_for (PdDatabase     *db,
                                    const char     *table,
                                    gint64          id,
                                    GError        **error);
/* The version row @id of @table is at; -1 with @error set if unread. */
gint64 pd_conflict_read_version (PdDatabase        *db,
                                 const char        *table,
                                 gint64             id,
                                 GError           **error);

G_END_DECLS
