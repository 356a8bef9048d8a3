/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pd-groups.h"

G_BEGIN_DECLS

#define PD_TYPE_CANCEL_SESSION_DIALOG (pd_cancel_session_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PdCancelSessionDialog, pd_cancel_session_dialog, PD, CANCEL_SESSION_DIALOG,
                      AdwMessageDialog)

GtkWidget  *pd_cancel_session_dialog_new            (GtkWindow             *parent,
                                                     const PdSession       *session);
gint64      pd_cancel_session_dialog_get_session_id (PdCancelSessionDialog *self);
const char *pd_cancel_session_dialog_get_reason     (PdCancelSessionDialog *self);

G_END_DECLS
