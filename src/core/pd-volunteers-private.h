/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Inside the core only: what the volunteers' records, their hours and
 * their training share. */

#include "pd-statement.h"
#include "pd-volunteers.h"

G_BEGIN_DECLS

#define PD_VOLUNTEER_MAX_TEXT_LENGTH 200
#define PD_VOLUNTEER_MAX_NOTES_LENGTH 20000

void      pd_volunteer_strip_field      (char        **field);
gboolean  pd_volunteer_validate_text    (const char   *what,
                                         const char   *text,
                                         gboolean      required,
                                         glong         max_length,
                                         GError      **error);
gboolean  pd_volunteer_validate_date    (const char   *what,
                                         const char   *date,
                                         gboolean      required,
                                         GError      **error);
gboolean  pd_volunteer_row_exists       (PdDatabase   *db,
                                         const char   *sql,
                                         gint64        id,
                                         gboolean     *exists,
                                         GError      **error);
gboolean  pd_volunteers_check_exists    (PdDatabase   *db,
                                         gint64        id,
                                         GError      **error);

G_END_DECLS
