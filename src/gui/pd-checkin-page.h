/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pd-page.h"

#include "pd-visits.h"

G_BEGIN_DECLS

#define PD_TYPE_CHECKIN_PAGE (pd_checkin_page_get_type ())

G_DECLARE_FINAL_TYPE (PdCheckinPage, pd_checkin_page, PD, CHECKIN_PAGE, PdPage)

GtkWidget  *pd_checkin_page_new              (PdContext     *context);
void        pd_checkin_page_get_today_counts (PdCheckinPage *self,
                                              PdDayCounts   *counts);
const char *pd_checkin_page_get_desk_name    (PdCheckinPage *self);
guint       pd_checkin_page_get_n_waiting    (PdCheckinPage *self);
gboolean    pd_checkin_page_save_waiting     (PdCheckinPage *self);

G_END_DECLS
