/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PD_TYPE_DISCARD_DIALOG (pd_discard_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PdDiscardDialog, pd_discard_dialog, PD, DISCARD_DIALOG, AdwMessageDialog)

GtkWidget *pd_discard_dialog_new (GtkWindow *parent);

G_END_DECLS
