/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void pd_accessible_fix_names            (GtkWidget   *root);
void pd_accessible_set_list_item_label  (GtkListItem *item,
                                         const char  *label);

G_END_DECLS
