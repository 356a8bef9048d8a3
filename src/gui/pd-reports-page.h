/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pd-page.h"
#include "pd-period.h"

G_BEGIN_DECLS

#define PD_TYPE_REPORTS_PAGE (pd_reports_page_get_type ())

G_DECLARE_FINAL_TYPE (PdReportsPage, pd_reports_page, PD, REPORTS_PAGE, PdPage)

GtkWidget  *pd_reports_page_new            (PdContext       *context);
void        pd_reports_page_set_period     (PdReportsPage   *self,
                                            const PdPeriod  *period);
const PdPeriod *pd_reports_page_get_period (PdReportsPage   *self);
gboolean    pd_reports_page_get_busy       (PdReportsPage   *self);
void        pd_reports_page_export_to_file (PdReportsPage   *self,
                                            GFile           *file);

G_END_DECLS
