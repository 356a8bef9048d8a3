/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pd-test-core.h"

G_BEGIN_DECLS

void pd_test_iterate          (guint       ms);
void pd_test_save_screenshot  (GtkWindow  *window,
                               const char *file_name);
void pd_test_close_windows    (void);
gboolean pd_test_use_locale  (const char *locale);
void pd_test_gui_tear_down    (char      **dir,
                               gpointer    object_ptr,
                               ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
