/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pd-context.h"
#include "pd-form-window.h"

G_BEGIN_DECLS

#define PD_TYPE_HOURS_EDITOR (pd_hours_editor_get_type ())

G_DECLARE_FINAL_TYPE (PdHoursEditor, pd_hours_editor, PD, HOURS_EDITOR, PdFormWindow)

/* The parts of one row of the form. */
typedef enum
{
  PD_HOURS_EDITOR_DATE,
  PD_HOURS_EDITOR_ACTIVITY,
  PD_HOURS_EDITOR_HOURS,
  PD_HOURS_EDITOR_APPROVED_BY,
} PdHoursEditorColumn;

PdHoursEditor *pd_hours_editor_new           (GtkWindow          *parent,
                                              PdContext          *context,
                                              gint64              volunteer_id);
guint          pd_hours_editor_get_n_rows    (PdHoursEditor      *self);
guint          pd_hours_editor_add_row       (PdHoursEditor      *self);
GtkWidget     *pd_hours_editor_get_cell      (PdHoursEditor      *self,
                                              guint               row,
                                              PdHoursEditorColumn column);
const char    *pd_hours_editor_get_row_error (PdHoursEditor      *self,
                                              guint               row);
gboolean       pd_hours_editor_save          (PdHoursEditor      *self);

G_END_DECLS
