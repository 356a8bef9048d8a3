/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void pd_field_error_show (GtkWidget  *widget,
                          const char *title,
                          const char *message);

G_END_DECLS
