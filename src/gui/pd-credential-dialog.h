/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pd-form-window.h"

G_BEGIN_DECLS

#define PD_TYPE_CREDENTIAL_DIALOG (pd_credential_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PdCredentialDialog, pd_credential_dialog, PD, CREDENTIAL_DIALOG,
                      PdFormWindow)

GtkWindow *pd_credential_dialog_new (GtkWindow *parent,
                                     PdContext *context,
                                     gint64     volunteer_id,
                                     GPtrArray *templates);

G_END_DECLS
