/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pd-application.h"
#include "pd-context.h"
#include "pd-desk-lock.h"

G_BEGIN_DECLS

#define PD_TYPE_WINDOW (pd_window_get_type ())

G_DECLARE_FINAL_TYPE (PdWindow, pd_window, PD, WINDOW, AdwApplicationWindow)

PdWindow   *pd_window_new           (PdApplication *application,
                                     PdContext     *context);
GtkWidget  *pd_window_get_section   (PdWindow      *self,
                                     const char    *name);
PdDeskLock *pd_window_get_desk_lock (PdWindow      *self);
const char *pd_window_get_help_page (PdWindow      *self);

G_END_DECLS
