/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pd-form-window.h"

G_BEGIN_DECLS

#define PD_TYPE_COMPLETION_DIALOG (pd_completion_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PdCompletionDialog, pd_completion_dialog, PD, COMPLETION_DIALOG, PdFormWindow)

GtkWindow *pd_completion_dialog_new (GtkWindow *parent,
                                     PdContext *context,
                                     gint64     volunteer_id);

G_END_DECLS
