/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void pd_test_iterate          (guint       ms);
void pd_test_save_screenshot  (GtkWindow  *window,
                               const char *file_name);

G_END_DECLS
