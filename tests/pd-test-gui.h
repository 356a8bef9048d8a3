/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pd-test-core.h"

G_BEGIN_DECLS

void     pd_test_iterate         (guint            ms);
void     pd_test_save_screenshot (GtkWindow       *window,
                                  const char      *file_name);
void     pd_test_close_windows   (void);
GtkWidget *pd_test_find_toplevel (GType            type);
GtkWidget *pd_test_find_descendant (GtkWidget     *widget,
                                  GType            type);
gboolean pd_test_press           (GtkWidget       *widget,
                                  guint            keyval,
                                  GdkModifierType  modifiers);
/* Every text @widget and its descendants show, one a line: labels and
 * inscriptions, hidden ones left out. */
char    *pd_test_dup_text        (GtkWidget       *widget);
/* What the toasts of @overlay say. */
char    *pd_test_dup_toast_text  (GtkWidget       *overlay);
void     pd_test_gui_tear_down   (char           **dir,
                                  gpointer         object_ptr,
                                  ...) G_GNUC_NULL_TERMINATED;
gboolean pd_test_menu_item_sensitive (GtkMenuButton   *button,
                                  const char      *text);
gboolean pd_test_use_locale      (const char      *locale);

G_END_DECLS
