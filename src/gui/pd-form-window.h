/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pd-context.h"

G_BEGIN_DECLS

#define PD_TYPE_FORM_WINDOW (pd_form_window_get_type ())

G_DECLARE_DERIVABLE_TYPE (PdFormWindow, pd_form_window, PD, FORM_WINDOW, AdwWindow)

struct _PdFormWindowClass
{
  AdwWindowClass parent_class;

  /* Writes what the form holds; TRUE when it is written and the window
   * may close. On FALSE with @error set, the window shows the error; on
   * FALSE without, the form has said why (a toast, a row's error). */
  gboolean (*save) (PdFormWindow  *self,
                    GError       **error);

  gpointer padding[4];
};

PdDatabase *pd_form_window_get_database (PdFormWindow *self);
gboolean    pd_form_window_get_valid    (PdFormWindow *self);
void        pd_form_window_set_valid    (PdFormWindow *self,
                                         gboolean      valid);
gboolean    pd_form_window_get_dirty    (PdFormWindow *self);
void        pd_form_window_set_dirty    (PdFormWindow *self,
                                         gboolean      dirty);
void        pd_form_window_set_subtitle (PdFormWindow *self,
                                         const char   *subtitle);
void        pd_form_window_toast        (PdFormWindow *self,
                                         const char   *message);
void        pd_form_window_touch_all    (PdFormWindow *self);
gboolean    pd_form_window_save         (PdFormWindow *self);
void        pd_form_window_cancel       (PdFormWindow *self);

G_END_DECLS
