/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pd-database.h"

G_BEGIN_DECLS

gboolean pd_member_csv_import (PdDatabase  *db,
                               const char  *path,
                               guint       *n_imported,
                               GError     **error);
gboolean pd_member_csv_export (PdDatabase  *db,
                               const char  *path,
                               guint       *n_exported,
                               GError     **error);

G_END_DECLS
