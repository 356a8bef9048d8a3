/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PD_TYPE_CHECKIN_PANES (pd_checkin_panes_get_type ())

G_DECLARE_FINAL_TYPE (PdCheckinPanes, pd_checkin_panes, PD, CHECKIN_PANES, GtkWidget)

void pd_checkin_panes_set_desk_first (PdCheckinPanes *self,
                                      gboolean        desk_first);

G_END_DECLS
