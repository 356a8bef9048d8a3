/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pd-database.h"

G_BEGIN_DECLS

void       pd_data_export_start    (GtkWindow  *parent,
                                    PdDatabase *db);
GtkWidget *pd_data_export_to_path  (GtkWindow  *parent,
                                    PdDatabase *db,
                                    const char *path);

G_END_DECLS
