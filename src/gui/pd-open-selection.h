/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The key of an item: the database id of the row it shows. */
typedef gint64 (*PdOpenSelectionKeyFunc) (gpointer item);

#define PD_TYPE_OPEN_SELECTION (pd_open_selection_get_type ())

G_DECLARE_FINAL_TYPE (PdOpenSelection, pd_open_selection, PD, OPEN_SELECTION, GObject)

PdOpenSelection *pd_open_selection_new         (GListModel             *model,
                                                PdOpenSelectionKeyFunc  key_func);
void             pd_open_selection_set_open_id (PdOpenSelection        *self,
                                                gint64                  id);
gint64           pd_open_selection_get_open_id (PdOpenSelection        *self);

G_END_DECLS
