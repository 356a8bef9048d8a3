/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pd-member.h"

G_BEGIN_DECLS

GtkWidget *pd_repeat_visit_dialog_new        (GtkWindow        *parent,
                                              PdMember         *member,
                                              const char       *name,
                                              const char       *last_at);
PdMember  *pd_repeat_visit_dialog_get_member (AdwMessageDialog *dialog);

G_END_DECLS
