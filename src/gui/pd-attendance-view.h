/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pd-page.h"

#include "pd-groups.h"
#include "pd-member-list.h"

G_BEGIN_DECLS

#define PD_TYPE_ATTENDANCE_VIEW (pd_attendance_view_get_type ())

G_DECLARE_FINAL_TYPE (PdAttendanceView, pd_attendance_view, PD, ATTENDANCE_VIEW, PdPage)

GtkWidget       *pd_attendance_view_new            (PdContext        *context);
void             pd_attendance_view_set_session    (PdAttendanceView *self,
                                                    gint64            session_id);
gint64           pd_attendance_view_get_session_id (PdAttendanceView *self);
const PdSession *pd_attendance_view_get_session    (PdAttendanceView *self);
void             pd_attendance_view_reload         (PdAttendanceView *self);
GtkCheckButton  *pd_attendance_view_get_roster_check (PdAttendanceView *self,
                                                      gint64            member_id);
GArray          *pd_attendance_view_dup_roster     (PdAttendanceView *self);
void             pd_attendance_view_focus          (PdAttendanceView *self);

G_END_DECLS
