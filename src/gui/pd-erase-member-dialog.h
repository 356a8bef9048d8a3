/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pd-database.h"
#include "pd-member.h"

G_BEGIN_DECLS

#define PD_TYPE_ERASE_MEMBER_DIALOG (pd_erase_member_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PdEraseMemberDialog, pd_erase_member_dialog, PD, ERASE_MEMBER_DIALOG,
                      AdwMessageDialog)

GtkWidget *pd_erase_member_dialog_new (GtkWindow  *parent,
                                       PdDatabase *database,
                                       PdMember   *member);

G_END_DECLS
