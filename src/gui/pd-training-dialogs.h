/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pd-context.h"

G_BEGIN_DECLS

/* Small forms of the volunteer's page, each a modal window that writes its
 * record when its main button is pressed and then closes. */
GtkWindow *pd_supervision_dialog_new (GtkWindow *parent,
                                      PdContext *context,
                                      gint64     volunteer_id);
GtkWindow *pd_completion_dialog_new  (GtkWindow *parent,
                                      PdContext *context,
                                      gint64     volunteer_id);
GtkWindow *pd_course_dialog_new      (GtkWindow *parent,
                                      PdContext *context);
GtkWindow *pd_credential_dialog_new  (GtkWindow *parent,
                                      PdContext *context,
                                      gint64     volunteer_id,
                                      GPtrArray *templates);

G_END_DECLS
