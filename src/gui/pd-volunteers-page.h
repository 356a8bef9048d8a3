/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pd-page.h"


G_BEGIN_DECLS

/* How many of a volunteer's latest hours, supervision sessions and
 * trainings the volunteer's page lists. */
#define PD_VOLUNTEERS_LATEST 10

#define PD_TYPE_VOLUNTEERS_PAGE (pd_volunteers_page_get_type ())

G_DECLARE_FINAL_TYPE (PdVolunteersPage, pd_volunteers_page, PD, VOLUNTEERS_PAGE, PdPage)

GtkWidget *pd_volunteers_page_new              (PdContext        *context);
void       pd_volunteers_page_show_volunteer   (PdVolunteersPage *self,
                                                gint64            volunteer_id);
gint64     pd_volunteers_page_get_volunteer_id (PdVolunteersPage *self);
guint      pd_volunteers_page_get_n_alerts     (PdVolunteersPage *self);
void       pd_volunteers_page_refresh          (PdVolunteersPage *self);
guint      pd_volunteers_page_get_n_alert_runs (PdVolunteersPage *self);
gboolean   pd_volunteers_page_get_alerts_pending (PdVolunteersPage *self);

G_END_DECLS
