/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PD_TYPE_FAILURE_DIALOG (pd_failure_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PdFailureDialog, pd_failure_dialog, PD, FAILURE_DIALOG, AdwMessageDialog)

GtkWidget *pd_failure_dialog_new (GtkWindow    *parent,
                                  const char   *heading,
                                  const GError *error);

G_END_DECLS
