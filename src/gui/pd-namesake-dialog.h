/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pd-member.h"

G_BEGIN_DECLS

#define PD_TYPE_NAMESAKE_DIALOG (pd_namesake_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PdNamesakeDialog, pd_namesake_dialog, PD, NAMESAKE_DIALOG, AdwMessageDialog)

GtkWidget *pd_namesake_dialog_new        (GtkWindow          *parent,
                                          GPtrArray          *namesakes,
                                          const char * const *names,
                                          const char * const *last_visits);
PdMember  *pd_namesake_dialog_get_member (PdNamesakeDialog   *self,
                                          const char         *response);

G_END_DECLS
