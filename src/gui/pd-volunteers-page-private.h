/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pd-volunteer-list.h"
#include "pd-volunteers.h"
#include "pd-volunteers-page.h"

G_BEGIN_DECLS

/* Shared by pd-volunteers-page.c (the sidebar, the actions) and
 * pd-volunteers-page-detail.c (the volunteer shown on the right). */
struct _PdVolunteersPage
{
  PdPage parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  AdwLeaflet *leaflet;
  GtkWidget *sidebar;
  GtkWidget *content;
  GtkSearchEntry *search_entry;
  GtkDropDown *status_dropdown;
  GtkWidget *alerts_box;
  GtkListBox *alerts_list;
  GtkListView *volunteers_view;
  GtkLabel *empty_label;
  AdwViewSwitcherTitle *content_title;
  GtkWidget *back_button;
  GtkWidget *edit_button;
  GtkWidget *volunteer_menu_button;
  GtkStack *content_stack;
  AdwActionRow *status_row;
  AdwActionRow *roles_row;
  AdwActionRow *member_row;
  AdwActionRow *phone_row;
  AdwActionRow *email_row;
  AdwActionRow *start_row;
  AdwActionRow *check_row;
  AdwActionRow *notes_row;
  GtkGrid *totals_grid;
  GtkListBox *hours_list;
  GtkListBox *supervision_list;
  GtkListBox *training_list;
  GtkBox *credentials_box;

  /* Owned */
  PdVolunteerList *volunteers;
  GListStore *alert_items;       /* PdRowItem, the model of alerts_list */
  GtkNoSelection *selection;
  GHashTable *role_labels;       /* role id (gint64 *) → label */
  GPtrArray *templates;          /* PdCredentialTemplate, or NULL until read */
  gint64 volunteer_id;           /* the volunteer shown, or 0 */
  gint64 member_id;              /* the member record they are linked to, or 0 */
  guint n_alerts;
  guint n_alert_runs;
  GCancellable *alerts_cancellable;
  char *alerts_day;              /* the day the alerts were worked out for */
  gboolean alerts_again;         /* a change came while they were worked out */
  guint refresh_source;
  guint alerts_source;
};

void        _pd_volunteers_page_toast               (PdVolunteersPage  *self,
                                                     const char        *message);
void        _pd_volunteers_page_remove_all_children (GtkWidget         *parent);
const char *_pd_volunteers_page_status_label        (const char        *status);
char       *_pd_volunteers_page_dup_hours_number    (guint              quarter_hours);
void        _pd_volunteers_page_update_header       (PdVolunteersPage  *self,
                                                     const PdVolunteer *volunteer);
void        _pd_volunteers_page_refresh_volunteer   (PdVolunteersPage  *self);
void        _pd_volunteers_page_load_templates      (PdVolunteersPage  *self);
guint       _pd_volunteers_page_window_days         (PdVolunteersPage  *self);

G_END_DECLS
