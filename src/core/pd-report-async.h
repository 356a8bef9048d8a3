/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pd-database.h"
#include "pd-period.h"
#include "pd-report.h"

G_BEGIN_DECLS

/* The report, its chart and the export of every record take seconds on a
 * large database: these run them in a thread, on a connection of the
 * thread's own opened on @db's file (a PdDatabase is not for sharing
 * between threads). Cancelling stops the query running at once, and the
 * _finish function then says G_IO_ERROR_CANCELLED, whatever the thread
 * had come to. */

void        pd_report_build_async     (PdDatabase             *db,
                                       const PdReportOptions  *options,
                                       GCancellable           *cancellable,
                                       GAsyncReadyCallback     callback,
                                       gpointer                user_data);
PdReport   *pd_report_build_finish    (PdDatabase             *db,
                                       GAsyncResult           *result,
                                       GError                **error);
void        pd_report_export_async    (PdDatabase             *db,
                                       const PdReportOptions  *options,
                                       const char             *path,
                                       GCancellable           *cancellable,
                                       GAsyncReadyCallback     callback,
                                       gpointer                user_data);
gboolean    pd_report_export_finish   (PdDatabase             *db,
                                       GAsyncResult           *result,
                                       GError                **error);
void        pd_report_months_async    (PdDatabase             *db,
                                       const PdPeriod         *period,
                                       GCancellable           *cancellable,
                                       GAsyncReadyCallback     callback,
                                       gpointer                user_data);
GArray     *pd_report_months_finish   (PdDatabase             *db,
                                       GAsyncResult           *result,
                                       GError                **error);
void        pd_json_export_async      (PdDatabase             *db,
                                       const char             *path,
                                       GCancellable           *cancellable,
                                       GAsyncReadyCallback     callback,
                                       gpointer                user_data);
gboolean    pd_json_export_finish     (PdDatabase             *db,
                                       GAsyncResult           *result,
                                       GError                **error);

G_END_DECLS
