/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PD_TYPE_REPORT_CHART (pd_report_chart_get_type ())

G_DECLARE_FINAL_TYPE (PdReportChart, pd_report_chart, PD, REPORT_CHART, GtkWidget)

GtkWidget *pd_report_chart_new          (void);
void       pd_report_chart_set_months   (PdReportChart *self,
                                         GArray        *months);
guint      pd_report_chart_get_n_months (PdReportChart *self);
guint      pd_report_chart_get_label_every (PdReportChart *self);

G_END_DECLS
