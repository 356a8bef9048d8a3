/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWidget *pd_remove_staff_dialog_new (GtkWindow  *parent,
                                       const char *name);

G_END_DECLS
