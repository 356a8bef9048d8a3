/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pd-page.h"

#include "pd-attendance-view.h"
#include "pd-print-doc.h"

G_BEGIN_DECLS

/* How far ahead the schedules are turned into sessions. */
#define PD_MEETINGS_GENERATE_WEEKS 8

/* How many sessions of a group are shown at first, and added by each
 * "Show Earlier Sessions". */
#define PD_MEETINGS_SESSIONS_PAGE 10
/* How many groups the sidebar lists before it asks for a search. */
#define PD_MEETINGS_MAX_GROUP_ROWS 100

#define PD_TYPE_MEETINGS_PAGE (pd_meetings_page_get_type ())

G_DECLARE_FINAL_TYPE (PdMeetingsPage, pd_meetings_page, PD, MEETINGS_PAGE, PdPage)

GtkWidget        *pd_meetings_page_new                 (PdContext      *context);
void              pd_meetings_page_show_group          (PdMeetingsPage *self,
                                                        gint64          group_id);
void              pd_meetings_page_show_session        (PdMeetingsPage *self,
                                                        gint64          session_id);
gint64            pd_meetings_page_get_group_id        (PdMeetingsPage *self);
gint64            pd_meetings_page_get_session_id      (PdMeetingsPage *self);
PdAttendanceView *pd_meetings_page_get_attendance_view (PdMeetingsPage *self);
guint             pd_meetings_page_generate            (PdMeetingsPage *self,
                                                        GError        **error);
void              pd_meetings_page_refresh             (PdMeetingsPage *self);
void              pd_meetings_page_export_schedule     (PdMeetingsPage *self,
                                                        GFile          *file);
PdPrintDoc       *pd_meetings_page_dup_week_schedule   (PdMeetingsPage *self,
                                                        GError        **error);

G_END_DECLS
