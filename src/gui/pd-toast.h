/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

AdwToast *pd_toast_new         (const char      *message);
void      pd_toast_show        (AdwToastOverlay *overlay,
                                const char      *message);
void      pd_toast_conceal_all (void);

#define PD_TYPE_UNDO_TOAST (pd_undo_toast_get_type ())

G_DECLARE_FINAL_TYPE (PdUndoToast, pd_undo_toast, PD, UNDO_TOAST, GObject)

PdUndoToast *pd_undo_toast_new        (GtkWidget          *owner,
                                       AdwToastOverlay    *overlay,
                                       const char         *action_name);
void         pd_undo_toast_show       (PdUndoToast        *self,
                                       const char         *message);
gboolean     pd_undo_toast_get_shown  (PdUndoToast        *self);
gboolean     pd_undo_toast_take       (PdUndoToast        *self);
void         pd_undo_toast_dismiss    (PdUndoToast        *self);
void         pd_undo_toast_watch_keys (PdUndoToast        *self,
                                       GtkEventController *keys);

G_END_DECLS
