/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pd-form-window.h"

G_BEGIN_DECLS

#define PD_TYPE_COURSE_DIALOG (pd_course_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PdCourseDialog, pd_course_dialog, PD, COURSE_DIALOG, PdFormWindow)

GtkWindow *pd_course_dialog_new (GtkWindow *parent,
                                 PdContext *context);

G_END_DECLS
