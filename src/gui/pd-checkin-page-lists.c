/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "pd-accessible.h"
#include "pd-checkin-page-private.h"
#include "pd-error.h"
#include "pd-text.h"

/* The two lists of the check-in page: the members matching the search, and
 * the visits of the day. */

static PdDatabase *
database (PdCheckinPage *self)
{
  return pd_page_get_database (PD_PAGE (self));
}

/* Everyone at the desk sees the screen: a member is named there by first
 * name and last initial only. */
char *
_pd_checkin_dup_short_name (PdMember *member)
{
  const char *first = pd_member_get (member, PD_MEMBER_FIELD_PREFERRED_NAME);
  const char *last = pd_member_get (member, PD_MEMBER_FIELD_LAST_NAME);
  g_autofree char *initial = NULL;

  if (pd_text_is_blank (first))
    first = pd_member_get (member, PD_MEMBER_FIELD_FIRST_NAME);
  if (pd_text_is_blank (last))
    return g_strdup (first);

  initial = g_utf8_strup (last, g_utf8_next_char (last) - last);
  /* Translators: a first name and the initial of the last name, "José M." */
  return g_strdup_printf (_("%s %s."), first, initial);
}

const char *
_pd_checkin_page_short_name_for (PdCheckinPage *self,
                                 gint64         member_id)
{
  char *name = g_hash_table_lookup (self->short_names, &member_id);
  g_autoptr(PdMember) member = NULL;
  g_autoptr(GError) error = NULL;
  gint64 *key;

  if (name != NULL)
    return name;

  /* A visit may outlive its member, who is then just "Member". */
  member = pd_members_get (database (self), member_id, &error);
  if (g_error_matches (error, PD_ERROR, PD_ERROR_NOT_FOUND))
    g_debug ("A member of the visits is gone: %s", error->message);
  else if (error != NULL)
    g_warning ("Could not read a member: %s", error->message);
  name = member ? _pd_checkin_dup_short_name (member) : g_strdup (_("Member"));
  key = g_new (gint64, 1);
  *key = member_id;
  g_hash_table_insert (self->short_names, key, name);
  return name;
}

/* When @member_id last came, as the desk may say it: "today", "Tuesday".
 * Asked of the database once per member until the visits change. */
const char *
_pd_checkin_page_last_visit_for (PdCheckinPage *self,
                                 gint64         member_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *at = NULL;
  char *text = g_hash_table_lookup (self->last_visits, &member_id);
  gint64 *key;

  if (text != NULL)
    return text;

  at = pd_visits_last_at (database (self), member_id, NULL, &error);
  if (error != NULL)
    g_warning ("Could not read a member's last visit: %s", error->message);
  text = at ? pd_describe_day (at, NULL) : g_strdup ("");
  key = g_new (gint64, 1);
  *key = member_id;
  g_hash_table_insert (self->last_visits, key, text);
  return text;
}

static char *
dup_last_visit_text (PdCheckinPage *self,
                     gint64         member_id)
{
  const char *day = _pd_checkin_page_last_visit_for (self, member_id);

  if (*day == '\0')
    return g_strdup (_("No visit yet"));
  /* Translators: when a member last checked in, "Last visit Tuesday" */
  return g_strdup_printf (_("Last visit %s"), day);
}

/* Today */

static char *
dup_today (void)
{
  g_autofree char *now = pd_local_now ();

  return g_strndup (now, 10);
}

static void
update_counts_label (PdCheckinPage *self)
{
  g_autofree char *visits = NULL;
  g_autofree char *people = NULL;
  g_autofree char *text = NULL;
  g_autofree char *n_visits = pd_text_format_count (self->counts.visits);
  g_autofree char *n_people = pd_text_format_count (self->counts.people);
  g_autofree char *n_anonymous = pd_text_format_count (self->counts.anonymous);

  visits = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s visit", "%s visits",
                                         self->counts.visits), n_visits);
  people = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s person", "%s people",
                                         self->counts.people), n_people);
  if (self->counts.anonymous > 0)
    /* Translators: "5 visits · 3 people · 2 anonymous" */
    text = g_strdup_printf (_("%s · %s · %s anonymous"), visits, people, n_anonymous);
  else
    /* Translators: "5 visits · 3 people" */
    text = g_strdup_printf (_("%s · %s"), visits, people);
  gtk_label_set_text (self->counts_label, text);
}

void
_pd_checkin_page_refresh_today (PdCheckinPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;
  PdDayCounts counts = { 0 };

  g_free (self->day);
  self->day = dup_today ();

  visits = pd_visits_list_day (database (self), self->day, &error);
  if (visits == NULL || !pd_visits_count_day (database (self), self->day, &counts, &error))
    {
      _pd_checkin_page_toast_error (self, _("Could not read today’s visits"), error);
      return;
    }

  g_hash_table_remove_all (self->today_visits);
  g_hash_table_remove_all (self->today_namesakes);
  {
    /* Two people both shown as "Ángel Z." are told apart by their
     * previous visit. */
    g_autoptr(GHashTable) first_of_name = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint i = 0; i < visits->len; i++)
      {
        PdVisit *visit = g_ptr_array_index (visits, i);
        const char *name;
        gint64 *other;

        if (visit->member_id == 0)
          continue;
        name = _pd_checkin_page_short_name_for (self, visit->member_id);
        other = g_hash_table_lookup (first_of_name, name);
        if (other == NULL)
          g_hash_table_insert (first_of_name, (gpointer) name, &visit->member_id);
        else if (*other != visit->member_id)
          {
            g_hash_table_add (self->today_namesakes, g_memdup2 (other, sizeof *other));
            g_hash_table_add (self->today_namesakes,
                              g_memdup2 (&visit->member_id, sizeof visit->member_id));
          }
      }
  }
  for (guint i = 0; i < visits->len; i++)
    {
      PdVisit *visit = g_ptr_array_index (visits, i);
      g_autofree char *id = g_strdup_printf ("%" PRId64, visit->id);

      g_strv_builder_add (builder, id);
    }
  /* The hash table takes the visits over; the array only lends them. */
  g_ptr_array_set_free_func (visits, NULL);
  for (guint i = 0; i < visits->len; i++)
    {
      PdVisit *visit = g_ptr_array_index (visits, i);

      g_hash_table_insert (self->today_visits, &visit->id, visit);
    }

  ids = g_strv_builder_end (builder);
  gtk_string_list_splice (self->today_model, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->today_model)),
                          (const char * const *) ids);
  gtk_stack_set_visible_child_name (self->today_stack, visits->len > 0 ? "list" : "empty");

  self->counts = counts;
  update_counts_label (self);
}

static void
on_visits_changed_cb (PdCheckinPage *self)
{
  self->visits_announced = TRUE;
  g_hash_table_remove_all (self->last_visits);
  _pd_checkin_page_refresh_today (self);
}

static void
on_members_changed_cb (PdCheckinPage *self)
{
  /* A renamed member shows by the new name. */
  g_hash_table_remove_all (self->short_names);
  _pd_checkin_page_refresh_today (self);
}

/* The desk may stay open past midnight: the list then starts a new day. */
static gboolean
on_day_tick_cb (gpointer user_data)
{
  PdCheckinPage *self = user_data;
  g_autofree char *today = dup_today ();

  if (g_strcmp0 (today, self->day) != 0)
    {
      /* Yesterday's "today" is "yesterday" now. */
      g_hash_table_remove_all (self->last_visits);
      _pd_checkin_page_refresh_today (self);
    }
  return G_SOURCE_CONTINUE;
}

/* Rows */

static GtkWidget *
label_new (const char *css_class,
           gboolean    expand)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, expand);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* A match shows the name, the member number and when they last came,
 * nothing else: the screen faces whoever stands at the desk, and the last
 * visit is what tells two people of one name apart there. */
static void
setup_match_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                PdCheckinPage            *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *last = label_new ("caption", TRUE);
  GtkWidget *number = label_new ("dim-label", FALSE);
  GtkWidget *hint = gtk_label_new (_("Enter to check in"));

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_add_css_class (number, "numeric");
  /* The highlight alone is faint: the row says what Enter will do. */
  gtk_widget_add_css_class (hint, "caption");
  gtk_widget_add_css_class (hint, "accent");
  g_object_bind_property (item, "selected", hint, "visible", G_BINDING_SYNC_CREATE);
  gtk_widget_add_css_class (last, "dim-label");
  gtk_box_append (GTK_BOX (text), label_new (NULL, TRUE));
  gtk_box_append (GTK_BOX (text), last);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), hint);
  gtk_box_append (GTK_BOX (box), number);
  gtk_list_item_set_child (item, box);
}

static void
bind_match_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               PdCheckinPage            *self)
{
  PdMember *member = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name = gtk_widget_get_first_child (gtk_widget_get_first_child (box));
  const char *number = NULL;
  g_autofree char *display = NULL;
  g_autofree char *last = NULL;
  g_autofree char *label = NULL;

  if (member == NULL)
    return;
  display = pd_member_dup_display_name (member);
  number = pd_member_get (member, PD_MEMBER_FIELD_NUMBER);
  last = dup_last_visit_text (self, pd_member_get_id (member));
  gtk_label_set_text (GTK_LABEL (name), display);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_next_sibling (name)), last);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (box)), number);
  /* Translators: a list row read by a screen reader: a name, a member
   * number, then "Last visit Tuesday" */
  label = g_strdup_printf (_("%s, %s, %s"), display, number, last);
  pd_accessible_set_list_item_label (item, label);
}

static void
unbind_match_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 PdCheckinPage            *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name = gtk_widget_get_first_child (gtk_widget_get_first_child (box));

  gtk_label_set_text (GTK_LABEL (name), "");
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_next_sibling (name)), "");
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (box)), "");
  gtk_accessible_reset_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
setup_visit_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                PdCheckinPage            *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *time = label_new ("numeric", FALSE);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_valign (time, GTK_ALIGN_START);
  gtk_widget_add_css_class (time, "dim-label");
  gtk_box_append (GTK_BOX (text), label_new ("heading", TRUE));
  gtk_box_append (GTK_BOX (text), label_new ("caption", TRUE));
  gtk_widget_add_css_class (gtk_widget_get_last_child (text), "dim-label");
  gtk_box_append (GTK_BOX (box), time);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_item_set_child (item, box);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_visit_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               PdCheckinPage            *self)
{
  GtkStringObject *object = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *time = gtk_widget_get_first_child (box);
  GtkWidget *name = gtk_widget_get_first_child (gtk_widget_get_next_sibling (time));
  g_autofree char *hours = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *label = NULL;
  const char *who;
  PdVisit *visit;
  gint64 id;

  if (object == NULL)
    return;
  id = g_ascii_strtoll (gtk_string_object_get_string (object), NULL, 10);
  visit = g_hash_table_lookup (self->today_visits, &id);
  if (visit == NULL)
    return;

  hours = g_strndup (visit->visited_at && strlen (visit->visited_at) >= 16
                     ? visit->visited_at + 11 : "", 5);
  if (pd_text_is_blank (visit->recorded_by))
    detail = g_strdup (visit->purpose);
  else
    /* Translators: a visit's purpose, then who recorded it at the desk */
    detail = g_strdup_printf (_("%s · by %s"), visit->purpose, visit->recorded_by);

  /* Two people shown by one short name are told apart by the visit each
   * made before today, as the matches tell them apart by their last. */
  if (visit->member_id != 0 && g_hash_table_contains (self->today_namesakes, &visit->member_id))
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *today_start = g_strconcat (self->day, "T00:00:00", NULL);
      g_autofree char *before = pd_visits_last_at (database (self), visit->member_id,
                                                   today_start, &error);
      g_autofree char *day = before ? pd_describe_day (before, NULL) : NULL;
      g_autofree char *previous = NULL;
      char *longer;

      if (error != NULL)
        g_warning ("Could not read a member's previous visit: %s", error->message);
      previous = day
        /* Translators: the visit a member made before today's, "previous visit Tuesday" */
        ? g_strdup_printf (_("previous visit %s"), day)
        : g_strdup (_("first visit"));
      longer = g_strdup_printf (_("%s · %s"), detail, previous);

      g_free (detail);
      detail = longer;
    }

  who = visit->member_id != 0 ? _pd_checkin_page_short_name_for (self, visit->member_id)
                              : _("Anonymous");
  gtk_label_set_text (GTK_LABEL (time), hours);
  gtk_label_set_text (GTK_LABEL (name), who);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_next_sibling (name)), detail);
  /* Translators: a row of the Today list read by a screen reader: who, at
   * what time, then the purpose and who recorded it */
  label = g_strdup_printf (_("%s at %s, %s"), who, hours, detail);
  pd_accessible_set_list_item_label (item, label);
}

/* Sets up both lists and keeps the Today list up to date. */
void
_pd_checkin_page_init_lists (PdCheckinPage *self)
{
  PdDatabase *db = database (self);
  g_autoptr(GtkListItemFactory) match_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) visit_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) today_selection = NULL;

  /* Nobody is listed until something is typed: the whole membership is
   * not for the eyes of whoever stands at the desk. */
  self->members = pd_member_list_new_for_desk (db);
  self->matches = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->members)), 0, 0);
  self->match_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->matches)));
  gtk_single_selection_set_autoselect (self->match_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->match_selection, TRUE);
  g_signal_connect_object (match_factory, "setup", G_CALLBACK (setup_match_cb), self, 0);
  g_signal_connect_object (match_factory, "bind", G_CALLBACK (bind_match_cb), self, 0);
  g_signal_connect_object (match_factory, "unbind", G_CALLBACK (unbind_match_cb), self, 0);
  gtk_list_view_set_factory (self->match_list, match_factory);
  gtk_list_view_set_model (self->match_list, GTK_SELECTION_MODEL (self->match_selection));

  self->today_model = gtk_string_list_new (NULL);
  today_selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->today_model)));
  g_signal_connect_object (visit_factory, "setup", G_CALLBACK (setup_visit_cb), self, 0);
  g_signal_connect_object (visit_factory, "bind", G_CALLBACK (bind_visit_cb), self, 0);
  gtk_list_view_set_factory (self->today_list, visit_factory);
  gtk_list_view_set_model (self->today_list, GTK_SELECTION_MODEL (today_selection));

  g_signal_connect_object (db, "changed::visits", G_CALLBACK (on_visits_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (db, "changed::members", G_CALLBACK (on_members_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->day_source = g_timeout_add_seconds (60, on_day_tick_cb, self);
}
