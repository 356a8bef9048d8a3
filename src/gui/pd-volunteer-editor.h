/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pd-context.h"
#include "pd-form-window.h"
#include "pd-volunteers.h"

G_BEGIN_DECLS

#define PD_TYPE_VOLUNTEER_EDITOR (pd_volunteer_editor_get_type ())

G_DECLARE_FINAL_TYPE (PdVolunteerEditor, pd_volunteer_editor, PD, VOLUNTEER_EDITOR, PdFormWindow)

PdVolunteerEditor *pd_volunteer_editor_new              (GtkWindow         *parent,
                                                         PdContext         *context,
                                                         gint64             volunteer_id);
PdVolunteer       *pd_volunteer_editor_dup_volunteer    (PdVolunteerEditor *self);
GtkCheckButton    *pd_volunteer_editor_get_role_button  (PdVolunteerEditor *self,
                                                         gint64             role_id);

G_END_DECLS
