/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pd-form-window.h"

G_BEGIN_DECLS

#define PD_TYPE_SUPERVISION_DIALOG (pd_supervision_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PdSupervisionDialog, pd_supervision_dialog, PD, SUPERVISION_DIALOG,
                      PdFormWindow)

GtkWindow *pd_supervision_dialog_new (GtkWindow *parent,
                                      PdContext *context,
                                      gint64     volunteer_id);

G_END_DECLS
