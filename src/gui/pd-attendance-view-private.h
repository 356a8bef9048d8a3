/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pd-attendance-view.h"
#include "pd-toast.h"

G_BEGIN_DECLS

/* The attendance screen of one session. Attendance is written as it is
 * taken, one mark at a time, so a laptop that runs out of battery halfway
 * through a meeting loses nothing. */
struct _PdAttendanceView
{
  PdPage parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkLabel *date_label;
  GtkLabel *detail_label;
  GtkLabel *count_label;
  GtkWidget *search_box;
  GtkSearchEntry *search_entry;
  GtkWidget *first_timer_button;
  GtkLabel *enter_hint_label;
  GtkStack *body_stack;
  AdwPreferencesGroup *headcount_group;
  AdwActionRow *headcount_row;
  GtkSpinButton *headcount_spin;
  AdwPreferencesGroup *regulars_group;
  GtkListBox *regulars_list;
  AdwPreferencesGroup *others_group;
  GtkListBox *others_list;
  GtkWidget *roster_empty_label;
  AdwPreferencesGroup *notes_group;
  AdwEntryRow *notes_row;
  GtkListView *matches_view;
  AdwStatusPage *cancelled_status;
  AdwStatusPage *missing_status;
  GtkEventController *undo_keys;

  /* Borrowed: the roster's check button of each member, by id */
  GHashTable *roster_checks;

  /* Owned */
  PdSession *session;
  gint64 session_id;
  GListStore *regulars;            /* PdMember, the rows of regulars_list */
  GListStore *others;              /* PdMember, the rows of others_list */
  PdMemberList *matches;
  GtkNoSelection *matches_selection;
  GtkWidget *first_timer_dialog;   /* weak */
  PdUndoToast *undo;
  gint64 undo_member_id;
  gboolean undo_was_mark;
  gboolean syncing;                /* setting widgets from the database */

  /* Attendance of a session on a later day is taken only once asked: a
   * wrong row picked on a group's page must not count people present. */
  gint64 early_session_id;         /* the later session confirmed */
  GtkWidget *early_dialog;         /* weak */
  enum { EARLY_MARK, EARLY_HEADCOUNT, EARLY_FIRST_TIMER } early_what;
  gint64 early_member_id;
  guint early_headcount;
  char *early_typed;
};

/* pd-attendance-view.c */
gboolean _pd_attendance_view_takes_names (PdAttendanceView *self);
gboolean _pd_attendance_view_set_present (PdAttendanceView *self,
                                          gint64            member_id,
                                          gboolean          present,
                                          gboolean          undoable);

/* pd-attendance-view-roster.c */
PdMember *_pd_attendance_view_get_member  (PdAttendanceView *self,
                                           gint64            id);
void     _pd_attendance_view_init_roster  (PdAttendanceView *self);
void     _pd_attendance_view_init_matches (PdAttendanceView *self);
void     _pd_attendance_view_build_roster (PdAttendanceView *self);
void     _pd_attendance_view_clear_roster (PdAttendanceView *self);
void     _pd_attendance_view_add_to_roster (PdAttendanceView *self,
                                           gint64            member_id);
void     _pd_attendance_view_sync_check   (PdAttendanceView *self,
                                           gint64            member_id);

G_END_DECLS
