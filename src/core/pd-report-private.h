/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pd-report.h"

G_BEGIN_DECLS

gboolean    pd_report_check_threshold     (guint                    threshold,
                                           GError                 **error);

G_END_DECLS
