/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pd-report.h"

G_BEGIN_DECLS

#define PD_TYPE_REPORT_FIGURES (pd_report_figures_get_type ())

G_DECLARE_FINAL_TYPE (PdReportFigures, pd_report_figures, PD, REPORT_FIGURES, GtkWidget)

GtkWidget  *pd_report_figures_new        (void);
void        pd_report_figures_set_report (PdReportFigures *self,
                                          const PdReport  *report);

G_END_DECLS
