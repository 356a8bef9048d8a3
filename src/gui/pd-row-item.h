/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PD_TYPE_ROW_ITEM (pd_row_item_get_type ())

G_DECLARE_FINAL_TYPE (PdRowItem, pd_row_item, PD, ROW_ITEM, GObject)

PdRowItem  *pd_row_item_new          (gint64      id,
                                      const char *title,
                                      const char *subtitle,
                                      const char *style);
gint64      pd_row_item_get_id       (PdRowItem  *self);
const char *pd_row_item_get_title    (PdRowItem  *self);
const char *pd_row_item_get_subtitle (PdRowItem  *self);
const char *pd_row_item_get_style    (PdRowItem  *self);
gint64      pd_row_item_list_get_id  (GListModel *model,
                                      guint       position);
gboolean    pd_row_item_list_find    (GListModel *model,
                                      gint64      id,
                                      guint      *position);

G_END_DECLS
