/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pd-attendance-view.h"
#include "pd-meetings-page.h"

G_BEGIN_DECLS

/* Shared by pd-meetings-page.c (the lists and what is shown) and
 * pd-meetings-page-actions.c (the page's actions and their dialogs). */
struct _PdMeetingsPage
{
  PdPage parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  AdwLeaflet *leaflet;
  GtkWidget *sidebar;
  GtkWidget *content;
  GtkListBox *today_list;
  GtkWidget *today_empty_label;
  GtkSearchEntry *groups_search_entry;
  GtkListBox *groups_list;
  GtkWidget *groups_empty_label;
  AdwViewSwitcherTitle *content_title;
  GtkWidget *back_button;
  GtkWidget *session_menu_button;
  GtkWidget *edit_group_button;
  GtkStack *content_stack;
  AdwActionRow *schedule_row;
  AdwActionRow *dates_row;
  AdwActionRow *kind_row;
  AdwActionRow *facilitator_row;
  AdwActionRow *room_row;
  AdwActionRow *mode_row;
  AdwActionRow *description_row;
  GtkListBox *upcoming_list;
  GtkWidget *later_button;
  GtkListBox *past_list;
  GtkWidget *earlier_button;

  /* Borrowed */
  PdAttendanceView *attendance_view;

  /* Owned */
  GListStore *today_items;     /* PdRowItem, the models of the lists */
  GListStore *group_items;
  GListStore *upcoming_items;
  GListStore *past_items;
  gint64 group_id;             /* the group shown, or the shown session's */
  gint64 session_id;           /* the session shown, or 0 */
  gboolean from_group;         /* the session was opened from its group */
  guint n_upcoming;            /* how many of the group's sessions to show */
  guint n_past;
  gboolean show_archived;
  char *generated_on;          /* the day the schedules were last turned into sessions */
  guint refresh_source;
  gboolean groups_stale;       /* the groups changed since the list was read */
  guint generate_source;
  GtkNativeDialog *schedule_chooser;  /* the calendar file being chosen, if any */
};

void _pd_meetings_page_class_actions_init (GtkWidgetClass *widget_class);
void _pd_meetings_page_class_schedule_init (GtkWidgetClass *widget_class);
void _pd_meetings_page_generate_quietly   (PdMeetingsPage *self);
void _pd_meetings_page_refresh_sidebar    (PdMeetingsPage *self);
void _pd_meetings_page_update_header      (PdMeetingsPage *self);
void _pd_meetings_page_show_group         (PdMeetingsPage *self,
                                           gint64          group_id,
                                           gboolean        keep_counts);

G_END_DECLS
