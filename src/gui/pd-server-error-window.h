/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PD_TYPE_SERVER_ERROR_WINDOW (pd_server_error_window_get_type ())

G_DECLARE_FINAL_TYPE (PdServerErrorWindow, pd_server_error_window, PD, SERVER_ERROR_WINDOW,
                      AdwApplicationWindow)

GtkWidget *pd_server_error_window_new       (GtkApplication      *application,
                                             const GError        *error);
void       pd_server_error_window_set_error (PdServerErrorWindow *self,
                                             const GError        *error);
char      *pd_server_error_window_dup_password (PdServerErrorWindow *self);
void       pd_server_error_window_set_busy  (PdServerErrorWindow *self,
                                             gboolean             busy);

G_END_DECLS
