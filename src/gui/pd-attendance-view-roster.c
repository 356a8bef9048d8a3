/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pd-attendance.h"
#include "pd-attendance-view-private.h"
#include "pd-error.h"
#include "pd-members.h"
#include "pd-text.h"
#include "pd-visits.h"

/* The people of the attendance view: the roster, a check a member, and the
 * members matching the search, a check each as well. */

static PdDatabase *
database (PdAttendanceView *self)
{
  return pd_page_get_database (PD_PAGE (self));
}

/* Reads member @id, or says why not: a member deleted meanwhile is left
 * out quietly. */
PdMember *
_pd_attendance_view_get_member (PdAttendanceView *self,
                                gint64            id)
{
  g_autoptr(GError) error = NULL;
  PdMember *member = pd_members_get (database (self), id, &error);

  if (g_error_matches (error, PD_ERROR, PD_ERROR_NOT_FOUND))
    g_debug ("A member of the session is gone: %s", error->message);
  else if (error != NULL)
    g_warning ("Could not read a member of the session: %s", error->message);
  return member;
}

/* What tells two members of one name apart at a meeting, within what a
 * facilitator sees: besides the member number, when they last came to
 * this group. Sets @detail to "M-000123 · last here Tuesday" and @label,
 * for a screen reader, to "Ángel Zúñiga, M-000123, last here Tuesday". */
static void
describe_member (PdAttendanceView  *self,
                 PdMember          *member,
                 char             **detail,
                 char             **label)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *at = NULL;
  g_autofree char *name = pd_member_dup_display_name (member);
  g_autofree char *last = NULL;
  const char *number = pd_member_get (member, PD_MEMBER_FIELD_NUMBER);

  at = pd_attendance_last_at_group (database (self), self->session_id,
                                    pd_member_get_id (member), &error);
  if (error != NULL)
    g_warning ("Could not read when a member last came: %s", error->message);
  if (at != NULL)
    {
      g_autofree char *day = pd_describe_day (at, NULL);

      /* Translators: when a member last came to this group, "last here Tuesday" */
      last = g_strdup_printf (_("last here %s"), day);
    }
  else
    last = g_strdup (_("new to this group"));
  /* Translators: a member number, then "last here Tuesday" */
  *detail = g_strdup_printf (_("%s · %s"), number, last);
  /* Translators: a list row read by a screen reader: a name, a member
   * number, then "last here Tuesday" */
  *label = g_strdup_printf (_("%s, %s, %s"), name, number, last);
}

/* Sets @check to whether @member_id is present, without taking it for a
 * click. */
static void
sync_check_button (PdAttendanceView *self,
                   GtkCheckButton   *check,
                   gint64            member_id)
{
  self->syncing = TRUE;
  gtk_check_button_set_active (check, pd_attendance_is_present (database (self), self->session_id,
                                                                member_id));
  self->syncing = FALSE;
}

/* Sets the roster's check of @member_id to what the database says. */
void
_pd_attendance_view_sync_check (PdAttendanceView *self,
                                gint64            member_id)
{
  GtkCheckButton *check = g_hash_table_lookup (self->roster_checks, &member_id);

  if (check != NULL)
    sync_check_button (self, check, member_id);
}

static void
toggled (PdAttendanceView *self,
         GtkCheckButton   *check,
         PdMember         *member)
{
  if (self->syncing || member == NULL)
    return;
  _pd_attendance_view_set_present (self, pd_member_get_id (member),
                                   gtk_check_button_get_active (check), TRUE);
}

/* The row of @check knows its member by its place in the list's model. */
static void
on_roster_check_toggled_cb (PdAttendanceView *self,
                            GtkCheckButton   *check)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (check), GTK_TYPE_LIST_BOX_ROW);
  GtkWidget *list = row ? gtk_widget_get_parent (row) : NULL;
  GListModel *model = G_LIST_MODEL (list == GTK_WIDGET (self->regulars_list) ? self->regulars
                                                                              : self->others);
  g_autoptr(PdMember) member = NULL;

  if (row == NULL)
    return;
  member = g_list_model_get_item (model, gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)));
  toggled (self, check, member);
}

static GtkWidget *
create_roster_row_cb (gpointer item,
                      gpointer user_data)
{
  PdAttendanceView *self = user_data;
  PdMember *member = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *name = pd_member_dup_display_name (member);
  g_autofree char *detail = NULL;
  g_autofree char *label = NULL;
  gint64 id = pd_member_get_id (member);

  describe_member (self, member, &detail, &label);

  /* Names are shown as typed, never read as markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), detail);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  /* The check's name says all the row does; its title would repeat it. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               pd_attendance_is_present (database (self), self->session_id, id));
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_roster_check_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  g_hash_table_insert (self->roster_checks, g_memdup2 (&id, sizeof id), check);
  return row;
}

static void
update_roster_visibility (PdAttendanceView *self)
{
  gboolean names = _pd_attendance_view_takes_names (self);
  gboolean has_regulars = g_list_model_get_n_items (G_LIST_MODEL (self->regulars)) > 0;
  gboolean has_others = g_list_model_get_n_items (G_LIST_MODEL (self->others)) > 0;

  gtk_widget_set_visible (GTK_WIDGET (self->regulars_group), names && has_regulars);
  gtk_widget_set_visible (GTK_WIDGET (self->others_group), names && has_others);
  gtk_widget_set_visible (self->roster_empty_label, names && !has_regulars && !has_others);
  /* Without regulars there is nobody for "also" to be beside. */
  adw_preferences_group_set_title (self->others_group,
                                   has_regulars ? _("Also Present") : _("Present"));
}

static int
compare_members_by_name (gconstpointer a,
                         gconstpointer b)
{
  PdMember *ma = *(PdMember **) a;
  PdMember *mb = *(PdMember **) b;
  g_autofree char *na = pd_member_dup_display_name (ma);
  g_autofree char *nb = pd_member_dup_display_name (mb);

  return g_utf8_collate (na, nb);
}

/* Reads the members of @ids, sorted by name, leaving out those in @skip. */
static GPtrArray *
members_by_name (PdAttendanceView *self,
                 GArray           *ids,
                 GHashTable       *skip)
{
  GPtrArray *members = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      PdMember *member;

      if (skip != NULL && g_hash_table_contains (skip, &id))
        continue;
      member = _pd_attendance_view_get_member (self, id);
      if (member != NULL)
        g_ptr_array_add (members, member);
    }
  g_ptr_array_sort (members, compare_members_by_name);
  return members;
}

/* Empties the roster. */
void
_pd_attendance_view_clear_roster (PdAttendanceView *self)
{
  g_hash_table_remove_all (self->roster_checks);
  g_list_store_remove_all (self->regulars);
  g_list_store_remove_all (self->others);
}

/* Regulars first, so that most of a meeting is taken with a click each;
 * then whoever else is present. */
void
_pd_attendance_view_build_roster (PdAttendanceView *self)
{
  g_autoptr(GArray) regulars = NULL;
  g_autoptr(GArray) present = NULL;
  g_autoptr(GPtrArray) regular_members = NULL;
  g_autoptr(GPtrArray) other_members = NULL;
  g_autoptr(GError) error = NULL;

  _pd_attendance_view_clear_roster (self);

  if (_pd_attendance_view_takes_names (self))
    {
      regulars = pd_attendance_regulars (database (self), self->session_id, &error);
      if (regulars == NULL)
        {
          pd_toast_show (self->toast_overlay, error->message);
          g_clear_error (&error);
        }
      present = pd_attendance_present (database (self), self->session_id, &error);
      if (present == NULL)
        pd_toast_show (self->toast_overlay, error->message);

      /* The rows of the regulars are made before the others are read:
       * whoever has a check already is not listed twice. */
      regular_members = members_by_name (self, regulars, NULL);
      g_list_store_splice (self->regulars, 0, 0, regular_members->pdata, regular_members->len);

      other_members = members_by_name (self, present, self->roster_checks);
      g_list_store_splice (self->others, 0, 0, other_members->pdata, other_members->len);
    }
  update_roster_visibility (self);
}

/* Someone marked present who is not on the roster yet joins it, so that
 * they can be unticked with a click like everyone else. */
void
_pd_attendance_view_add_to_roster (PdAttendanceView *self,
                                   gint64            member_id)
{
  g_autoptr(PdMember) member = NULL;

  if (g_hash_table_contains (self->roster_checks, &member_id))
    return;
  member = _pd_attendance_view_get_member (self, member_id);
  if (member == NULL)
    return;
  g_list_store_append (self->others, member);
  update_roster_visibility (self);
}

void
_pd_attendance_view_init_roster (PdAttendanceView *self)
{
  self->roster_checks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->regulars = g_list_store_new (PD_TYPE_MEMBER);
  self->others = g_list_store_new (PD_TYPE_MEMBER);
  gtk_list_box_bind_model (self->regulars_list, G_LIST_MODEL (self->regulars),
                           create_roster_row_cb, self, NULL);
  gtk_list_box_bind_model (self->others_list, G_LIST_MODEL (self->others),
                           create_roster_row_cb, self, NULL);
}

/* The matches' list item of @check knows its member. */
static void
on_match_check_toggled_cb (GtkListItem    *item,
                           GtkCheckButton *check)
{
  GtkWidget *view = gtk_widget_get_ancestor (GTK_WIDGET (check), PD_TYPE_ATTENDANCE_VIEW);

  if (view != NULL)
    toggled (PD_ATTENDANCE_VIEW (view), check, gtk_list_item_get_item (item));
}

/* Matches are rows of the paged member list, each a check button holding
 * the name, so that a click or Space toggles whoever it is. */
static void
setup_match_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                PdAttendanceView         *self)
{
  GtkWidget *check = gtk_check_button_new ();
  /* Two lines: on a narrow laptop the name keeps the width. */
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *name = gtk_inscription_new (NULL);
  GtkWidget *number = gtk_inscription_new (NULL);

  gtk_widget_set_hexpand (name, TRUE);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (name),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (number),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_add_css_class (number, "dim-label");
  gtk_widget_add_css_class (number, "caption");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), number);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), box);
  gtk_widget_set_margin_top (check, 3);
  gtk_widget_set_margin_bottom (check, 3);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_match_check_toggled_cb), item,
                           G_CONNECT_SWAPPED);
  gtk_list_item_set_child (item, check);
  /* The check button takes the clicks and Space itself. */
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_match_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               PdAttendanceView         *self)
{
  PdMember *member = gtk_list_item_get_item (item);
  GtkWidget *check = gtk_list_item_get_child (item);
  GtkWidget *box = gtk_check_button_get_child (GTK_CHECK_BUTTON (check));
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *number = gtk_widget_get_next_sibling (name);
  g_autofree char *display = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *label = NULL;

  if (member == NULL)
    return;

  display = pd_member_dup_display_name (member);
  describe_member (self, member, &detail, &label);
  gtk_inscription_set_text (GTK_INSCRIPTION (name), display);
  gtk_inscription_set_text (GTK_INSCRIPTION (number), detail);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  sync_check_button (self, GTK_CHECK_BUTTON (check), pd_member_get_id (member));
}

static void
unbind_match_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 PdAttendanceView         *self)
{
  GtkWidget *check = gtk_list_item_get_child (item);
  GtkWidget *box = gtk_check_button_get_child (GTK_CHECK_BUTTON (check));
  GtkWidget *name = gtk_widget_get_first_child (box);

  gtk_inscription_set_text (GTK_INSCRIPTION (name), NULL);
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_widget_get_next_sibling (name)), NULL);
}

void
_pd_attendance_view_init_matches (PdAttendanceView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->matches = pd_member_list_new_for_session (database (self), self->session_id);
  self->matches_selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->matches)));
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_match_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_match_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_match_cb), self, 0);
  gtk_list_view_set_factory (self->matches_view, factory);
}

/* The check button of @member_id on the roster, or NULL if they are not on it. */
GtkCheckButton *
pd_attendance_view_get_roster_check (PdAttendanceView *self,
                                     gint64            member_id)
{
  g_return_val_if_fail (PD_IS_ATTENDANCE_VIEW (self), NULL);
  return g_hash_table_lookup (self->roster_checks, &member_id);
}

/* The members on the roster, as gint64 ids in the order shown: regulars
 * first. */
GArray *
pd_attendance_view_dup_roster (PdAttendanceView *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GListModel *lists[2];

  g_return_val_if_fail (PD_IS_ATTENDANCE_VIEW (self), ids);

  lists[0] = G_LIST_MODEL (self->regulars);
  lists[1] = G_LIST_MODEL (self->others);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    for (guint j = 0; j < g_list_model_get_n_items (lists[i]); j++)
      {
        g_autoptr(PdMember) member = g_list_model_get_item (lists[i], j);
        gint64 id = pd_member_get_id (member);

        g_array_append_val (ids, id);
      }
  return ids;
}
