/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pd-context.h"

G_BEGIN_DECLS

#define PD_TYPE_PREFERENCES_WINDOW (pd_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (PdPreferencesWindow, pd_preferences_window, PD, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWidget *pd_preferences_window_new                 (GtkWindow           *parent,
                                                      PdContext           *context);
void       pd_preferences_window_show_report_settings (PdPreferencesWindow *self);
void       pd_preferences_window_show_backups         (PdPreferencesWindow *self);
void       pd_preferences_window_show_staff           (PdPreferencesWindow *self);
void       pd_preferences_window_show_database        (PdPreferencesWindow *self);
const char *pd_preferences_window_get_help_page      (PdPreferencesWindow *self);

G_END_DECLS
