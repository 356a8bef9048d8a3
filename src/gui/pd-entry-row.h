/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PD_TYPE_ENTRY_ROW (pd_entry_row_get_type ())

G_DECLARE_FINAL_TYPE (PdEntryRow, pd_entry_row, PD, ENTRY_ROW, AdwEntryRow)

GtkWidget  *pd_entry_row_new            (const char *label);
const char *pd_entry_row_get_label      (PdEntryRow *self);
void        pd_entry_row_set_label      (PdEntryRow *self,
                                         const char *label);
const char *pd_entry_row_get_error      (PdEntryRow *self);
void        pd_entry_row_set_error      (PdEntryRow *self,
                                         const char *error);
gboolean    pd_entry_row_get_touched    (PdEntryRow *self);
void        pd_entry_row_set_touched    (PdEntryRow *self,
                                         gboolean    touched);
gboolean    pd_entry_row_get_error_shown (PdEntryRow *self);
char       *pd_entry_row_dup_text       (PdEntryRow *self);
void        pd_entry_row_load_text      (PdEntryRow *self,
                                         const char *text);

void        pd_entry_row_touch_all      (GtkWidget  *root);

gboolean    pd_entry_row_check_required (PdEntryRow *self);
gboolean    pd_entry_row_check_date     (PdEntryRow *self,
                                         gboolean    required);
gboolean    pd_entry_row_check_hours    (PdEntryRow *self,
                                         guint      *quarter_hours);

G_END_DECLS
