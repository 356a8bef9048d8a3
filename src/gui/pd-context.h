/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pd-backups.h"
#include "pd-database.h"

G_BEGIN_DECLS

#define PD_TYPE_CONTEXT (pd_context_get_type ())

G_DECLARE_FINAL_TYPE (PdContext, pd_context, PD, CONTEXT, GObject)

PdContext  *pd_context_new          (PdDatabase *database,
                                     GSettings  *settings);
PdDatabase *pd_context_get_database (PdContext  *self);
GSettings  *pd_context_get_settings (PdContext  *self);
PdBackups  *pd_context_get_backups  (PdContext  *self);

G_END_DECLS
