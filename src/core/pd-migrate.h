/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pd-database.h"

G_BEGIN_DECLS

gboolean pd_migrate_records (PdDatabase  *from,
                             PdDatabase  *to,
                             guint64     *n_rows,
                             GError     **error);

G_END_DECLS
