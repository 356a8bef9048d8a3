/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *pd_list_rows_new_two_lines   (void);
void       pd_list_rows_setup_two_lines (GtkSignalListItemFactory *factory,
                                         GtkListItem              *item);
GtkWidget *pd_list_rows_new_more        (const char               *text);

G_END_DECLS
