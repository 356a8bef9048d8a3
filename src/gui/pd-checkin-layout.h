/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PD_TYPE_CHECKIN_LAYOUT (pd_checkin_layout_get_type ())

G_DECLARE_FINAL_TYPE (PdCheckinLayout, pd_checkin_layout, PD, CHECKIN_LAYOUT, GtkLayoutManager)

GtkLayoutManager *pd_checkin_layout_new            (void);
void              pd_checkin_layout_set_desk_first (PdCheckinLayout *self,
                                                    gboolean         desk_first);

G_END_DECLS
