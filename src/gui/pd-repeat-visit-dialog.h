/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pd-member.h"

G_BEGIN_DECLS

#define PD_TYPE_REPEAT_VISIT_DIALOG (pd_repeat_visit_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PdRepeatVisitDialog, pd_repeat_visit_dialog, PD, REPEAT_VISIT_DIALOG,
                      AdwMessageDialog)

GtkWidget *pd_repeat_visit_dialog_new        (GtkWindow           *parent,
                                              PdMember            *member,
                                              const char          *name,
                                              const char          *last_at);
PdMember  *pd_repeat_visit_dialog_get_member (PdRepeatVisitDialog *self);

G_END_DECLS
