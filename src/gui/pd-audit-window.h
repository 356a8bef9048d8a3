/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pd-context.h"

G_BEGIN_DECLS

#define PD_TYPE_AUDIT_WINDOW (pd_audit_window_get_type ())

G_DECLARE_FINAL_TYPE (PdAuditWindow, pd_audit_window, PD, AUDIT_WINDOW, AdwWindow)

GtkWindow *pd_audit_window_new (GtkWindow *parent,
                                PdContext *context);

G_END_DECLS
