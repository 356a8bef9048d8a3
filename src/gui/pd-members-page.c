/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "pd-accessible.h"
#include "pd-attendance.h"
#include "pd-conflict-dialog.h"
#include "pd-conflict.h"
#include "pd-error.h"
#include "pd-erase-member-dialog.h"
#include "pd-list-rows.h"
#include "pd-member-editor.h"
#include "pd-members-page.h"
#include "pd-members.h"
#include "pd-open-selection.h"
#include "pd-primary-menu.h"
#include "pd-staff.h"
#include "pd-text.h"
#include "pd-toast.h"
#include "pd-unsaved-member-dialog.h"
#include "pd-visits.h"

struct _PdMembersPage
{
  PdPage parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  AdwLeaflet *leaflet;
  GtkWidget *sidebar;
  GtkWidget *content;
  AdwWindowTitle *list_title;
  AdwViewSwitcherTitle *content_title;
  GtkSearchEntry *search_entry;
  GtkLabel *truncated_label;
  GtkStack *list_stack;
  GtkListView *list_view;
  GtkStack *content_stack;
  PdMemberEditor *editor;
  GtkWidget *save_button;
  GtkWidget *edit_button;
  GtkWidget *member_menu_button;
  GtkWidget *back_button;
  GtkEventController *undo_keys;

  /* Owned */
  PdMemberList *list;
  PdOpenSelection *selection;
  PdUndoToast *undo;
  gint64 undo_id;
  char *undo_status;
  /* What to do once the person has answered the unsaved-changes dialog */
  PdContinueFunc pending_func;
  gpointer pending_data;
  gint64 pending_open_id;
  GtkWidget *discard_dialog;   /* weak */
};

G_DEFINE_FINAL_TYPE (PdMembersPage, pd_members_page, PD_TYPE_PAGE)

static gboolean
editing (PdMembersPage *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "editor") == 0;
}

static gint64
current_id (PdMembersPage *self)
{
  PdMember *original = pd_member_editor_get_original (self->editor);

  return editing (self) && original ? pd_member_get_id (original) : -1;
}

static void
toast (PdMembersPage *self,
       const char    *message)
{
  pd_toast_show (self->toast_overlay, message);
}

/* What the list and the header say under a member's name. */
static char *
dup_member_detail (PdMember *member)
{
  if (pd_member_is_active (member))
    return g_strdup (pd_member_get (member, PD_MEMBER_FIELD_NUMBER));
  /* Translators: a member number, then the member's status */
  return g_strdup_printf (_("%s · Inactive"), pd_member_get (member, PD_MEMBER_FIELD_NUMBER));
}

static void
update_actions (PdMembersPage *self)
{
  PdMember *original = editing (self) ? pd_member_editor_get_original (self->editor) : NULL;
  gboolean saved = original != NULL && pd_member_get_id (original) != 0;
  gboolean active = original != NULL && pd_member_is_active (original);
  gboolean dirty = editing (self) && pd_member_editor_get_dirty (self->editor);
  gboolean editable = editing (self) && pd_member_editor_get_editable (self->editor);

  g_autofree char *problem = editing (self) ? pd_member_editor_dup_problem (self->editor) : NULL;

  /* A form with a field in error cannot be saved; the button says why. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "members.save", dirty && problem == NULL);
  if (problem != NULL)
    {
      /* Translators: why Save is unavailable: a field's name and what is wrong with it */
      g_autofree char *tooltip = g_strdup_printf (_("Cannot save: %s"), problem);

      gtk_widget_set_tooltip_text (self->save_button, tooltip);
    }
  else
    gtk_widget_set_tooltip_text (self->save_button, _("Save (Ctrl+S)"));
  if (self->discard_dialog != NULL)
    pd_unsaved_member_dialog_set_valid (ADW_MESSAGE_DIALOG (self->discard_dialog),
                                        problem == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "members.deactivate", saved && active);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "members.reactivate", saved && !active);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "members.erase",
                                 saved && !pd_member_is_erased (original) &&
                                 pd_database_has_right (pd_page_get_database (PD_PAGE (self)),
                                                        PD_RIGHT_ERASE));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "members.close", editing (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "members.undo",
                                 pd_undo_toast_get_shown (self->undo));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "members.edit",
                                 saved && !editable && !pd_member_is_erased (original));
  gtk_widget_set_visible (self->save_button, editable);
  gtk_widget_set_visible (self->edit_button,
                          saved && !editable && !pd_member_is_erased (original));
  gtk_widget_set_visible (self->member_menu_button, saved);
}

static void
update_content_title (PdMembersPage *self)
{
  PdMember *original = editing (self) ? pd_member_editor_get_original (self->editor) : NULL;

  pd_open_selection_set_open_id (self->selection, original ? pd_member_get_id (original) : 0);

  if (original == NULL)
    {
      adw_view_switcher_title_set_title (self->content_title, "");
      adw_view_switcher_title_set_subtitle (self->content_title, "");
    }
  else if (pd_member_get_id (original) == 0)
    {
      adw_view_switcher_title_set_title (self->content_title, _("New Member"));
      adw_view_switcher_title_set_subtitle (self->content_title, "");
    }
  else
    {
      g_autofree char *name = pd_member_dup_display_name (original);
      g_autofree char *subtitle = dup_member_detail (original);

      adw_view_switcher_title_set_title (self->content_title, name);
      adw_view_switcher_title_set_subtitle (self->content_title, subtitle);
    }
}

static void
update_list_state (PdMembersPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  gboolean searching = *pd_member_list_get_query (self->list) != '\0';
  gboolean truncated = pd_member_list_get_truncated (self->list);
  g_autofree char *count = pd_text_format_count (n);
  g_autofree char *subtitle = NULL;

  if (n > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else
    gtk_stack_set_visible_child_name (self->list_stack, searching ? "empty" : "no-members");

  gtk_widget_set_visible (GTK_WIDGET (self->truncated_label), truncated);

  if (searching && truncated)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "More than %s match",
                                             "More than %s matches", n), count);
  else if (searching)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s match", "%s matches", n), count);
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s member", "%s members", n), count);
  adw_window_title_set_subtitle (self->list_title, subtitle);
}

static void
scroll_to_member (PdMembersPage *self,
                  gint64         id)
{
  guint position = pd_member_list_find (self->list, id);

  if (position != G_MAXUINT)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                position);
}

/* The search keeps its text, selected, so that the next person's name
 * replaces the last one. */
static void
focus_search (PdMembersPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

#define HISTORY_PAGE 20

/* Reads the next page of the open member's history, one more row than is
 * shown to know whether there are earlier ones. */
static void
load_history (PdMembersPage *self)
{
  PdMember *original = pd_member_editor_get_original (self->editor);
  guint offset = pd_member_editor_get_n_history (self->editor);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  gboolean more;

  if (original == NULL || pd_member_get_id (original) == 0)
    return;

  entries = pd_member_history (pd_page_get_database (PD_PAGE (self)),
                               pd_member_get_id (original), offset, HISTORY_PAGE + 1, &error);
  if (entries == NULL)
    {
      toast (self, error->message);
      return;
    }
  more = entries->len > HISTORY_PAGE;
  if (more)
    g_ptr_array_set_size (entries, HISTORY_PAGE);
  pd_member_editor_add_history (self->editor, entries, more);
}

static void
on_history_more_cb (PdMembersPage *self)
{
  load_history (self);
}

static void
show_member (PdMembersPage *self,
             PdMember      *member)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  gboolean searching = focus != NULL &&
                       (focus == GTK_WIDGET (self->search_entry) ||
                        gtk_widget_is_ancestor (focus, GTK_WIDGET (self->search_entry)));

  /* A member opens as a page to read, as volunteers and groups do; Edit
   * unlocks the form. A new member's form is open for typing. */
  pd_member_editor_set_editable (self->editor, pd_member_get_id (member) == 0);
  pd_member_editor_set_notes_allowed (self->editor,
                                      pd_database_has_right (pd_page_get_database (PD_PAGE (self)),
                                                             PD_RIGHT_MEMBER_NOTES));
  pd_member_editor_set_member (self->editor, member);
  pd_member_editor_clear_history (self->editor);
  load_history (self);
  gtk_stack_set_visible_child_name (self->content_stack, "editor");
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  update_content_title (self);
  update_actions (self);

  /* Focus must never land in a field with its text selected, where the
   * next keystroke would replace a name. Side by side, the search keeps
   * it, ready for the next person; folded, the back button takes it. */
  if (adw_leaflet_get_folded (self->leaflet))
    gtk_widget_grab_focus (self->back_button);
  else if (searching)
    focus_search (self);
}

static void
close_form (PdMembersPage *self)
{
  gtk_stack_set_visible_child_name (self->content_stack, "none");
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  update_content_title (self);
  update_actions (self);
  focus_search (self);
}

/* Shows @edited as saved. */
static void
show_saved (PdMembersPage *self,
            PdMember      *edited,
            gboolean       is_new)
{
  g_autofree char *name = NULL;

  pd_member_editor_set_member (self->editor, edited);
  pd_member_editor_set_editable (self->editor, FALSE);
  update_content_title (self);
  update_actions (self);
  scroll_to_member (self, pd_member_get_id (edited));

  name = pd_member_dup_display_name (edited);
  if (is_new)
    {
      g_autofree char *message = g_strdup_printf (_("%s registered as %s"), name,
                                                  pd_member_get (edited,
                                                                 PD_MEMBER_FIELD_NUMBER));
      toast (self, message);
    }
}

/* The name the desk goes by, recorded with what it saves while nobody is
 * signed in. */
static char *
dup_desk_name (PdMembersPage *self)
{
  return g_strstrip (g_settings_get_string (pd_page_get_settings (PD_PAGE (self)), "desk-name"));
}

static void ask_about_conflict (PdMembersPage *self,
                                gboolean       compare);

/* Writes the form; with @overwrite, over what another desk saved since it
 * was opened. On a conflict, asks what to keep. */
static gboolean
write_member (PdMembersPage *self,
              gboolean       overwrite)
{
  PdDatabase *database = pd_page_get_database (PD_PAGE (self));
  g_autoptr(PdMember) edited = pd_member_editor_dup_edited (self->editor);
  g_autoptr(GError) error = NULL;
  g_autofree char *desk = dup_desk_name (self);
  gboolean is_new = pd_member_get_id (edited) == 0;

  if (!(is_new ? pd_members_insert (database, edited, &error)
               : pd_members_update_full (database, edited, desk, overwrite, &error)))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, PD_ERROR, PD_ERROR_CONFLICT))
        {
          ask_about_conflict (self, FALSE);
          return FALSE;
        }
      message = g_strdup_printf (_("Could not save: %s"), error->message);
      toast (self, message);
      return FALSE;
    }
  show_saved (self, edited, is_new);
  return TRUE;
}

/* Take Theirs: the form shows the member as saved now, the edits gone. */
static void
take_theirs (PdMembersPage *self,
             PdMember      *theirs)
{
  pd_member_editor_set_member (self->editor, theirs);
  pd_member_editor_set_editable (self->editor, FALSE);
  pd_member_editor_clear_history (self->editor);
  load_history (self);
  update_content_title (self);
  update_actions (self);
  toast (self, _("Showing what was saved last"));
}

static void
on_conflict_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         PdMembersPage    *self)
{
  PdMember *theirs = g_object_get_data (G_OBJECT (dialog), "theirs");

  if (g_str_equal (response, "compare"))
    ask_about_conflict (self, TRUE);
  else if (g_str_equal (response, "theirs"))
    take_theirs (self, theirs);
  else if (g_str_equal (response, "mine"))
    write_member (self, TRUE);
}

/* Another desk saved the member since the form was opened: asks whether
 * to keep what was typed, take what was saved, or compare them first.
 * Until then the form keeps what was typed. */
static void
ask_about_conflict (PdMembersPage *self,
                    gboolean       compare)
{
  PdDatabase *database = pd_page_get_database (PD_PAGE (self));
  PdMember *original = pd_member_editor_get_original (self->editor);
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  g_autoptr(PdMember) theirs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  theirs = pd_members_get (database, pd_member_get_id (original), &error);
  if (theirs == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not save: %s"), error->message);

      toast (self, message);
      return;
    }
  heading = pd_conflict_dup_heading (pd_member_get_updated_by (theirs),
                                     pd_member_get (theirs, PD_MEMBER_FIELD_UPDATED_AT));
  if (compare)
    {
      dialog = pd_conflict_dialog_new_compare (parent, heading);
      pd_member_editor_add_differences (self->editor, dialog, theirs);
    }
  else
    dialog = pd_conflict_dialog_new (parent, heading,
                                     _("Someone else saved this member after you opened it."));
  g_object_set_data_full (G_OBJECT (dialog), "theirs", g_steal_pointer (&theirs),
                          g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_conflict_response_cb), self, 0);
  pd_conflict_dialog_present (dialog);
}

/* Saves the form; FALSE, with a message shown or a question asked, if it
 * could not be saved. */
static gboolean
save (PdMembersPage *self)
{
  if (!pd_member_editor_get_valid (self->editor))
    {
      toast (self, _("Some fields need attention: they are marked in red"));
      return FALSE;
    }
  return write_member (self, FALSE);
}

static void
clear_pending (PdMembersPage *self)
{
  self->pending_func = NULL;
  self->pending_data = NULL;
}

static gboolean
run_pending_cb (gpointer user_data)
{
  PdMembersPage *self = user_data;
  PdContinueFunc func = g_steal_pointer (&self->pending_func);
  gpointer data = g_steal_pointer (&self->pending_data);

  if (func != NULL)
    func (data);
  return G_SOURCE_REMOVE;
}

/* Runs once the dialog is gone: what comes next may close the window the
 * dialog belongs to. */
static void
run_pending (PdMembersPage *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, run_pending_cb, g_object_ref (self), g_object_unref);
}

static void
on_discard_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        PdMembersPage    *self)
{
  if (g_strcmp0 (response, "save") == 0)
    {
      if (save (self))
        run_pending (self);
      else
        clear_pending (self);
    }
  else if (g_strcmp0 (response, "discard") == 0)
    {
      /* Put the saved values back so the form is clean again. */
      pd_member_editor_set_member (self->editor, pd_member_editor_get_original (self->editor));
      run_pending (self);
    }
  else
    clear_pending (self);   /* cancelled: stay where we were */
}

/* Runs @func now if nothing is unsaved; otherwise asks first, and runs it
 * after the changes were saved or discarded, or never if cancelled. */
void
pd_members_page_confirm_discard (PdMembersPage  *self,
                                 PdContinueFunc  func,
                                 gpointer        user_data)
{
  GtkWidget *dialog;
  g_autofree char *name = NULL;
  PdMember *original;

  g_return_if_fail (PD_IS_MEMBERS_PAGE (self));

  if (!pd_members_page_get_has_unsaved_changes (self))
    {
      func (user_data);
      return;
    }

  self->pending_func = func;
  self->pending_data = user_data;

  /* Asked again while the question is open (a second close): the same
   * question, not a second one. */
  if (self->discard_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->discard_dialog));
      return;
    }

  original = pd_member_editor_get_original (self->editor);
  name = pd_member_get_id (original) ? pd_member_dup_display_name (original) : NULL;

  dialog = pd_unsaved_member_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         name);
  pd_unsaved_member_dialog_set_valid (ADW_MESSAGE_DIALOG (dialog),
                                      pd_member_editor_get_valid (self->editor));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), self, 0);
  self->discard_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->discard_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Notes come only when asked for with the form's Show button, and each
 * reading is recorded; until then they stay withheld, so that saving
 * leaves them as they are. */
static void
on_show_notes_cb (PdMembersPage *self)
{
  PdMember *original = pd_member_editor_get_original (self->editor);
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = NULL;

  if (original == NULL)
    return;
  if (pd_members_read_notes (pd_page_get_database (PD_PAGE (self)), pd_member_get_id (original),
                             &notes, &error))
    pd_member_editor_show_notes (self->editor, notes);
  else
    toast (self, error->message);
}

static void
open_member_now (gpointer user_data)
{
  PdMembersPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PdMember) member = NULL;

  member = pd_members_get (pd_page_get_database (PD_PAGE (self)), self->pending_open_id,
                           &error);
  if (member != NULL)
    show_member (self, member);
  else
    toast (self, error->message);
}

static void
open_member (PdMembersPage *self,
             gint64         id)
{

  if (id == current_id (self))
    {
      adw_leaflet_set_visible_child (self->leaflet, self->content);
      return;
    }

  self->pending_open_id = id;
  pd_members_page_confirm_discard (self, open_member_now, self);
}

static void
on_list_activate_cb (PdMembersPage *self,
                     guint          position)
{
  g_autoptr(PdMember) member = g_list_model_get_item (G_LIST_MODEL (self->list), position);

  if (member != NULL)
    open_member (self, pd_member_get_id (member));
}

/* The list keeps its scroll position through a change of search, which
 * would leave a new search showing whatever rows were at that depth: it
 * shows the top match, or, once the search is cleared, the open member. */
static void
on_search_changed_cb (PdMembersPage  *self,
                      GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  guint position = 0;

  pd_member_list_set_query (self->list, text);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->list)) == 0)
    return;
  if (*text == '\0' && current_id (self) > 0)
    position = pd_member_list_find (self->list, current_id (self));
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                              position != G_MAXUINT ? position : 0);
}

/* Enter in the search opens the top match, so a known member is two or
 * three keystrokes away. */
static void
on_search_activate_cb (PdMembersPage  *self,
                       GtkSearchEntry *entry)
{
  g_autoptr(PdMember) member = NULL;

  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  /* An empty search is the whole list, whose first member is nobody in
   * particular: a stranger's record must not open on a stray Enter. */
  if (pd_text_is_blank (text))
    return;

  /* The delayed search may not have run yet. */
  pd_member_list_set_query (self->list, text);
  if (pd_member_list_get_truncated (self->list))
    {
      toast (self, _("Many members match: type more of the name"));
      return;
    }
  member = g_list_model_get_item (G_LIST_MODEL (self->list), 0);
  if (member != NULL)
    open_member (self, pd_member_get_id (member));
}

/* Escape in the search clears it; in an empty search it closes the form,
 * as Escape does everywhere else on the page. */
static void
on_search_stop_cb (PdMembersPage  *self,
                   GtkSearchEntry *entry)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
  else if (editing (self))
    gtk_widget_activate_action (GTK_WIDGET (self), "members.close", NULL);
}

static void
on_list_items_changed_cb (PdMembersPage *self)
{
  update_list_state (self);
}

static void
on_editor_state_cb (PdMembersPage *self)
{
  update_actions (self);
}

static void
on_leaflet_folded_cb (PdMembersPage *self)
{
  /* Unfolding shows both panes, folding shows the one in use. */
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, editing (self) ? self->content : self->sidebar);
}

static void
new_member_now (gpointer user_data)
{
  PdMembersPage *self = user_data;
  g_autoptr(PdMember) member = pd_member_new ();

  show_member (self, member);
  pd_member_editor_focus_first (self->editor);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  pd_members_page_confirm_discard (PD_MEMBERS_PAGE (widget), new_member_now, widget);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PdMembersPage *self = PD_MEMBERS_PAGE (widget);

  pd_member_editor_set_editable (self->editor, TRUE);
  update_actions (self);
  pd_member_editor_focus_first (self->editor);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (PD_MEMBERS_PAGE (widget));
}

static void
close_form_now (gpointer user_data)
{
  close_form (user_data);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  pd_members_page_confirm_discard (PD_MEMBERS_PAGE (widget), close_form_now, widget);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PdMembersPage *self = PD_MEMBERS_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  focus_search (self);
}

static gboolean
set_status (PdMembersPage *self,
            gint64         id,
            const char    *status)
{
  g_autoptr(GError) error = NULL;

  if (!pd_members_set_status (pd_page_get_database (PD_PAGE (self)), id, status, &error))
    {
      toast (self, error->message);
      return FALSE;
    }
  if (id == current_id (self))
    {
      pd_member_editor_set_status (self->editor, status);
      update_content_title (self);
    }
  update_actions (self);
  return TRUE;
}

static void
change_status (PdMembersPage *self,
               const char    *status)
{
  PdMember *original = pd_member_editor_get_original (self->editor);
  g_autofree char *name = pd_member_dup_display_name (original);
  g_autofree char *title = NULL;
  g_autofree char *previous = g_strdup (pd_member_get (original, PD_MEMBER_FIELD_STATUS));
  gint64 id = pd_member_get_id (original);

  if (!set_status (self, id, status))
    return;
  g_free (self->undo_status);
  self->undo_status = g_steal_pointer (&previous);
  self->undo_id = id;

  title = g_strdup_printf (g_strcmp0 (status, "inactive") == 0 ? _("%s deactivated")
                                                                : _("%s reactivated"),
                           name);
  pd_undo_toast_show (self->undo, title);
}

static void
deactivate_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  change_status (PD_MEMBERS_PAGE (widget), "inactive");
}

static void
reactivate_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  change_status (PD_MEMBERS_PAGE (widget), "active");
}

static void
on_staff_changed_cb (PdMembersPage *self)
{
  PdDatabase *database = pd_page_get_database (PD_PAGE (self));

  pd_member_editor_set_notes_allowed (self->editor,
                                      pd_database_has_right (database, PD_RIGHT_MEMBER_NOTES));
  update_actions (self);
}

static void
on_member_erased_cb (PdMembersPage *self,
                     gint64         id)
{
  g_autoptr(PdMember) erased = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  erased = pd_members_get (pd_page_get_database (PD_PAGE (self)), id, &error);
  if (erased == NULL)
    {
      toast (self, error->message);
      return;
    }
  /* Nothing is left to read or change in the form. */
  if (id == current_id (self))
    close_form (self);
  /* "Erased member M-000123", as the list now shows it */
  name = pd_member_dup_display_name (erased);
  toast (self, name);
}

static void
erase_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PdMembersPage *self = PD_MEMBERS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  dialog = pd_erase_member_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                       pd_page_get_database (PD_PAGE (self)),
                                       pd_member_editor_get_original (self->editor));
  g_signal_connect_object (dialog, "erased", G_CALLBACK (on_member_erased_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PdMembersPage *self = PD_MEMBERS_PAGE (widget);

  if (!pd_undo_toast_take (self->undo))
    return;
  set_status (self, self->undo_id, self->undo_status);
}

/* What tells two members of one name apart in the list: the member
 * number, the year of birth (Members is for staff, who see the record
 * anyway) and the last visit, one indexed lookup a row shown. Returns the
 * row's second line, "M-000123 · born 1984 · last visit Tuesday", and
 * sets @label to the row's name for a screen reader. */
static char *
dup_row_detail (PdMembersPage  *self,
                PdMember       *member,
                const char     *display,
                char          **label)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *birth = pd_member_get (member, PD_MEMBER_FIELD_BIRTH_DATE);
  g_autoptr(GError) error = NULL;
  g_autofree char *at = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *spoken = NULL;

  g_ptr_array_add (parts, g_strdup (pd_member_get (member, PD_MEMBER_FIELD_NUMBER)));
  if (strlen (birth) >= 4)
    /* Translators: a year of birth, "born 1984" */
    g_ptr_array_add (parts, g_strdup_printf (_("born %.4s"), birth));
  /* Only a role that sees who came in is told when. */
  if (pd_database_has_right (pd_page_get_database (PD_PAGE (self)), PD_RIGHT_CHECK_IN))
    at = pd_visits_last_at (pd_page_get_database (PD_PAGE (self)), pd_member_get_id (member),
                            NULL, &error);
  if (error != NULL)
    g_warning ("Could not read a member's last visit: %s", error->message);
  if (at != NULL)
    {
      g_autofree char *day = pd_describe_day (at, NULL);

      /* Translators: when a member last checked in, "last visit Tuesday" */
      g_ptr_array_add (parts, g_strdup_printf (_("last visit %s"), day));
    }
  if (!pd_member_is_active (member))
    g_ptr_array_add (parts, g_strdup (_("Inactive")));
  g_ptr_array_add (parts, NULL);

  /* Translators: the parts of a member's line in the list, "M-000123 · born 1984" */
  detail = g_strjoinv (C_("list separator", " · "), (char **) parts->pdata);
  spoken = g_strjoinv (C_("spoken list separator", ", "), (char **) parts->pdata);
  /* Translators: a list row read by a screen reader: a name, then the
   * number, year of birth and last visit */
  *label = g_strdup_printf (_("%s, %s"), display, spoken);
  return g_steal_pointer (&detail);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             PdMembersPage            *self)
{
  PdMember *member = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *detail = gtk_widget_get_next_sibling (name);
  g_autofree char *display = NULL;
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;

  if (member == NULL)
    return;

  display = pd_member_dup_display_name (member);
  text = dup_row_detail (self, member, display, &label);

  gtk_inscription_set_text (GTK_INSCRIPTION (name), display);
  gtk_inscription_set_text (GTK_INSCRIPTION (detail), text);
  pd_accessible_set_list_item_label (item, label);
  gtk_widget_set_opacity (box, pd_member_is_active (member) ? 1.0 : 0.6);
}

/* A row recycled for a member that could not be read must not go on
 * showing the member it showed before. */
static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               PdMembersPage            *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name = gtk_widget_get_first_child (box);

  gtk_inscription_set_text (GTK_INSCRIPTION (name), NULL);
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_widget_get_next_sibling (name)), NULL);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
on_first_map_cb (PdMembersPage *self)
{
  if (gtk_list_view_get_model (self->list_view) == NULL)
    gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
}

static void
pd_members_page_constructed (GObject *object)
{
  PdMembersPage *self = (PdMembersPage *)object;
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  G_OBJECT_CLASS (pd_members_page_parent_class)->constructed (object);

  self->list = pd_member_list_new (pd_page_get_database (PD_PAGE (self)));
  /* The open member's row is highlighted by its id, never looked for. */
  self->selection = pd_open_selection_new (G_LIST_MODEL (self->list),
                                           (PdOpenSelectionKeyFunc) pd_member_get_id);
  g_signal_connect_object (self->list, "items-changed",
                           G_CALLBACK (on_list_items_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (pd_list_rows_setup_two_lines), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_row_cb), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  /* The list view makes its rows only when the page is first shown: the
   * window opens on another section, and 200 rows made for a hidden list
   * were a third of the time to the first frame. */
  g_signal_connect_object (self, "map", G_CALLBACK (on_first_map_cb), NULL, 0);

  {
    g_autofree char *limit = pd_text_format_count (PD_MEMBER_LIST_SEARCH_LIMIT);
    g_autofree char *truncated = g_strdup_printf (_("Showing %s of the matches, by name. Type "
                                                    "more of the name to narrow the search."),
                                                  limit);

    gtk_label_set_text (self->truncated_label, truncated);
  }

  /* Signing in and out changes who may erase and read notes. */
  g_signal_connect_object (pd_page_get_database (PD_PAGE (self)), "staff-changed",
                           G_CALLBACK (on_staff_changed_cb), self, G_CONNECT_SWAPPED);
  update_list_state (self);
  update_actions (self);
}

static void
pd_members_page_dispose (GObject *object)
{
  PdMembersPage *self = (PdMembersPage *)object;

  /* The overlay dismisses its toasts as it goes, after the widgets the
   * undo toast's handlers would update. */
  g_clear_object (&self->undo);
  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_MEMBERS_PAGE);
  if (self->discard_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->discard_dialog),
                                  (gpointer *) &self->discard_dialog);
  self->discard_dialog = NULL;
  clear_pending (self);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);

  G_OBJECT_CLASS (pd_members_page_parent_class)->dispose (object);
}

static void
pd_members_page_finalize (GObject *object)
{
  PdMembersPage *self = (PdMembersPage *)object;

  g_clear_pointer (&self->undo_status, g_free);

  G_OBJECT_CLASS (pd_members_page_parent_class)->finalize (object);
}

static void
pd_members_page_class_init (PdMembersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pd_members_page_constructed;
  object_class->dispose = pd_members_page_dispose;
  object_class->finalize = pd_members_page_finalize;

  g_type_ensure (PD_TYPE_MEMBER_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/pd-members-page.ui");
  gtk_widget_class_bind_template_child_full (widget_class, "primary_menu", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, PdMembersPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PdMembersPage, undo_keys);
  gtk_widget_class_bind_template_child (widget_class, PdMembersPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PdMembersPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, PdMembersPage, content);
  gtk_widget_class_bind_template_child (widget_class, PdMembersPage, list_title);
  gtk_widget_class_bind_template_child (widget_class, PdMembersPage, content_title);
  gtk_widget_class_bind_template_child (widget_class, PdMembersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PdMembersPage, truncated_label);
  gtk_widget_class_bind_template_child (widget_class, PdMembersPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PdMembersPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, PdMembersPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, PdMembersPage, editor);
  gtk_widget_class_bind_template_child (widget_class, PdMembersPage, save_button);
  gtk_widget_class_bind_template_child (widget_class, PdMembersPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, PdMembersPage, member_menu_button);
  gtk_widget_class_bind_template_child (widget_class, PdMembersPage, back_button);
  /* Not used here, but reachable by tests through gtk_widget_get_template_child(). */
  gtk_widget_class_bind_template_child_full (widget_class, "new_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_state_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_history_more_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_show_notes_cb);

  gtk_widget_class_install_action (widget_class, "members.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "members.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "members.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "members.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "members.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "members.deactivate", NULL, deactivate_action);
  gtk_widget_class_install_action (widget_class, "members.reactivate", NULL, reactivate_action);
  gtk_widget_class_install_action (widget_class, "members.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "members.erase", NULL, erase_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "members.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "members.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "members.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "members.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "members.close", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pd_members_page_init (PdMembersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->undo = pd_undo_toast_new (GTK_WIDGET (self), self->toast_overlay, "members.undo");
  pd_undo_toast_watch_keys (self->undo, self->undo_keys);
  g_signal_connect_object (self->undo, "notify::shown", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  pd_primary_menu_extend (GTK_WIDGET (self), PD_TYPE_MEMBERS_PAGE);
  pd_accessible_fix_names (GTK_WIDGET (self));
}

GtkWidget *
pd_members_page_new (PdContext *context)
{
  g_return_val_if_fail (PD_IS_CONTEXT (context), NULL);

  return g_object_new (PD_TYPE_MEMBERS_PAGE, "context", context, NULL);
}

PdMemberList *
pd_members_page_get_list (PdMembersPage *self)
{
  g_return_val_if_fail (PD_IS_MEMBERS_PAGE (self), NULL);
  return self->list;
}

/* The member in the form as it was last saved, or NULL. */
PdMember *
pd_members_page_get_current (PdMembersPage *self)
{
  g_return_val_if_fail (PD_IS_MEMBERS_PAGE (self), NULL);
  return editing (self) ? pd_member_editor_get_original (self->editor) : NULL;
}

gboolean
pd_members_page_get_has_unsaved_changes (PdMembersPage *self)
{
  g_return_val_if_fail (PD_IS_MEMBERS_PAGE (self), FALSE);
  return editing (self) && pd_member_editor_get_dirty (self->editor);
}
