/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pd-page.h"

#include "pd-member-list.h"

G_BEGIN_DECLS

#define PD_TYPE_MEMBERS_PAGE (pd_members_page_get_type ())

G_DECLARE_FINAL_TYPE (PdMembersPage, pd_members_page, PD, MEMBERS_PAGE, PdPage)

typedef void (*PdContinueFunc) (gpointer user_data);

GtkWidget    *pd_members_page_new            (PdContext      *context);
PdMemberList *pd_members_page_get_list       (PdMembersPage  *self);
PdMember     *pd_members_page_get_current    (PdMembersPage  *self);
gboolean      pd_members_page_get_has_unsaved_changes (PdMembersPage *self);
void          pd_members_page_confirm_discard (PdMembersPage *self,
                                               PdContinueFunc func,
                                               gpointer       user_data);

G_END_DECLS
