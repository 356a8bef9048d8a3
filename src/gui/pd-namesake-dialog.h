/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pd-member.h"

G_BEGIN_DECLS

GtkWidget *pd_namesake_dialog_new        (GtkWindow          *parent,
                                          GPtrArray          *namesakes,
                                          const char * const *names,
                                          const char * const *last_visits);
PdMember  *pd_namesake_dialog_get_member (AdwMessageDialog   *dialog,
                                          const char         *response);

G_END_DECLS
