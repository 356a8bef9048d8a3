/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pd-database.h"

G_BEGIN_DECLS

typedef struct
{
  guint   n_members;
  guint32 seed;
} PdDemoOptions;

gboolean pd_demo_fill (PdDatabase          *db,
                       const PdDemoOptions *options,
                       GError             **error);

G_END_DECLS
