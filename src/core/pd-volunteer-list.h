/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pd-database.h"

G_BEGIN_DECLS

/* One row of the volunteer list: what the list shows of a volunteer. */
#define PD_TYPE_VOLUNTEER_SUMMARY (pd_volunteer_summary_get_type ())

G_DECLARE_FINAL_TYPE (PdVolunteerSummary, pd_volunteer_summary, PD, VOLUNTEER_SUMMARY, GObject)

gint64        pd_volunteer_summary_get_id           (PdVolunteerSummary *self);
const char   *pd_volunteer_summary_get_display_name (PdVolunteerSummary *self);
/* A code of pd_volunteer_statuses () */
const char   *pd_volunteer_summary_get_status       (PdVolunteerSummary *self);
/* The labels of the volunteer's roles in their order, joined by ", ", or "". */
const char   *pd_volunteer_summary_get_roles        (PdVolunteerSummary *self);

/* The volunteers, by name as people read it (case and accents ignored),
 * read from SQLite a page at a time as a view asks for them; a search
 * (a part of the name, in any case, with or without accents) and a status
 * narrow it. */
#define PD_TYPE_VOLUNTEER_LIST (pd_volunteer_list_get_type ())

G_DECLARE_FINAL_TYPE (PdVolunteerList, pd_volunteer_list, PD, VOLUNTEER_LIST, GObject)

PdVolunteerList *pd_volunteer_list_new          (PdDatabase      *database);
void             pd_volunteer_list_set_filter   (PdVolunteerList *self,
                                                 const char      *search,
                                                 const char      *status);
void             pd_volunteer_list_refresh      (PdVolunteerList *self);
/* The position of volunteer @id in the list, or G_MAXUINT. */
guint            pd_volunteer_list_find         (PdVolunteerList *self,
                                                 gint64           id);
guint            pd_volunteer_list_get_n_cached (PdVolunteerList *self);

G_END_DECLS
