/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pd-groups.h"

G_BEGIN_DECLS

#define PD_TYPE_ADD_SESSION_DIALOG (pd_add_session_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PdAddSessionDialog, pd_add_session_dialog, PD, ADD_SESSION_DIALOG,
                      AdwMessageDialog)

GtkWidget *pd_add_session_dialog_new           (GtkWindow          *parent,
                                                const PdGroup      *group);
gint64     pd_add_session_dialog_get_group_id  (PdAddSessionDialog *self);
char      *pd_add_session_dialog_dup_starts_at (PdAddSessionDialog *self);

G_END_DECLS
