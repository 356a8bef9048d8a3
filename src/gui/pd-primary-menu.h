/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void pd_primary_menu_extend (GtkWidget  *page,
                             GType       page_type);

G_END_DECLS
