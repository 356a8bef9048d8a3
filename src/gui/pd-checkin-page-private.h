/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pd-checkin-page.h"
#include "pd-checkin-panes.h"
#include "pd-member-list.h"
#include "pd-members.h"
#include "pd-toast.h"

G_BEGIN_DECLS

/* While another program (an import) holds the database's write lock, a
 * check-in waits this long at the key press, in milliseconds. */
#define PD_CHECKIN_FIRST_WAIT 250

struct _PdCheckinPage
{
  PdPage parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  AdwViewSwitcherTitle *title;
  GtkLabel *desk_label;
  PdCheckinPanes *panes;
  GtkSearchEntry *search_entry;
  GtkDropDown *purpose_dropdown;
  GtkRevealer *newcomer_revealer;
  AdwEntryRow *first_name_row;
  AdwEntryRow *last_initial_row;
  AdwEntryRow *birth_year_row;
  GtkStack *match_stack;
  GtkListView *match_list;
  GtkWidget *more_label;
  GtkLabel *counts_label;
  GtkStack *today_stack;
  GtkListView *today_list;
  GtkRevealer *waiting_revealer;
  GtkSpinner *waiting_spinner;
  GtkLabel *waiting_label;
  GtkEventController *undo_keys;

  /* Owned */
  PdMemberList *members;
  GtkSliceListModel *matches;     /* the first MAX_MATCHES members, none when not searching */
  GtkSingleSelection *match_selection;  /* the highlighted match, which Enter checks in */
  GtkStringList *purpose_labels;
  GArray *purpose_ids;            /* gint64, in the order of purpose_labels */
  gint64 default_purpose_id;
  GtkStringList *today_model;     /* visit ids, newest first */
  GHashTable *today_visits;       /* visit id → PdVisit */
  GHashTable *short_names;        /* member id → "José M." */
  GHashTable *last_visits;        /* member id → "Tuesday", "" for never */
  GHashTable *today_namesakes;    /* member ids of the Today list sharing a short name */
  PdDayCounts counts;
  char *day;                      /* YYYY-MM-DD of the Today list */
  char *desk_name;
  PdUndoToast *undo;
  gint64 undo_visit_id;
  guint day_source;
  GQueue waiting;                 /* WaitingCheckin, oldest first */
  guint retry_source;
  gboolean visits_announced;
  gboolean newcomer_tried;
  gboolean namesakes_asked;       /* the New Visitor is none of the namesakes seen lately */
};

/* pd-checkin-page.c */
void        _pd_checkin_page_toast_error        (PdCheckinPage *self,
                                                 const char    *what,
                                                 const GError  *error);
void        _pd_checkin_page_update_actions     (PdCheckinPage *self);
gint64      _pd_checkin_page_get_purpose_id     (PdCheckinPage *self);
void        _pd_checkin_page_announce_visits    (PdCheckinPage *self);
void        _pd_checkin_page_focus_search       (PdCheckinPage *self);
void        _pd_checkin_page_reset_desk         (PdCheckinPage *self);
void        _pd_checkin_page_check_in           (PdCheckinPage *self,
                                                 PdMember      *member);

/* pd-checkin-page-lists.c */
char       *_pd_checkin_dup_short_name          (PdMember      *member);
const char *_pd_checkin_page_short_name_for     (PdCheckinPage *self,
                                                 gint64         member_id);
const char *_pd_checkin_page_last_visit_for     (PdCheckinPage *self,
                                                 gint64         member_id);
void        _pd_checkin_page_refresh_today      (PdCheckinPage *self);
void        _pd_checkin_page_init_lists         (PdCheckinPage *self);

/* pd-checkin-page-newcomer.c */
void        _pd_checkin_page_class_init_newcomer (GtkWidgetClass *widget_class);

G_END_DECLS
