/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pd-context.h"
#include "pd-form-window.h"
#include "pd-groups.h"

G_BEGIN_DECLS

#define PD_TYPE_GROUP_EDITOR (pd_group_editor_get_type ())

G_DECLARE_FINAL_TYPE (PdGroupEditor, pd_group_editor, PD, GROUP_EDITOR, PdFormWindow)

PdGroupEditor   *pd_group_editor_new                (GtkWindow     *parent,
                                                     PdContext     *context,
                                                     gint64         group_id);
gint64           pd_group_editor_get_group_id       (PdGroupEditor *self);
PdGroup         *pd_group_editor_dup_group          (PdGroupEditor *self);
GtkToggleButton *pd_group_editor_get_weekday_button (PdGroupEditor *self,
                                                     guint          weekday);

G_END_DECLS
