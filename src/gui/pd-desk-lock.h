/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pd-context.h"

G_BEGIN_DECLS

#define PD_TYPE_DESK_LOCK (pd_desk_lock_get_type ())

G_DECLARE_FINAL_TYPE (PdDeskLock, pd_desk_lock, PD, DESK_LOCK, GObject)

PdDeskLock *pd_desk_lock_new              (AdwApplicationWindow *window,
                                           PdContext            *context,
                                           GtkStack             *stack,
                                           AdwViewStack         *sections);
gboolean    pd_desk_lock_get_locked       (PdDeskLock           *self);
GtkWidget  *pd_desk_lock_get_sign_in_view (PdDeskLock           *self);
gboolean    pd_desk_lock_may_show         (PdDeskLock           *self,
                                           const char           *section);
void        pd_desk_lock_set_idle_time    (PdDeskLock           *self,
                                           guint                 ms);
/* Makes the lock close @window (as its close button would) instead of
 * hiding it to show again: for windows that cannot wait, such as the
 * print dialog, which holds a print job open. */
void        pd_desk_lock_close_on_lock    (GtkWindow            *window);

G_END_DECLS
