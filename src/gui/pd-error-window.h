/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWidget *pd_error_window_new (GtkApplication *application,
                                const GError   *error);

G_END_DECLS
