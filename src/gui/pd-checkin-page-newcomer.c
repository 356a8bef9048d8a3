/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pd-checkin-page-private.h"
#include "pd-error.h"
#include "pd-field-error.h"
#include "pd-namesake-dialog.h"
#include "pd-text.h"

/* The form of the check-in page for a New Visitor: registered as a member
 * and checked in at once. */

/* A New Visitor of the name of someone seen within this many days may be
 * them. */
#define NAMESAKE_DAYS 90
#define MAX_NAMESAKES 3

/* A birth year older than this many years is a typing mistake. */
#define MAX_AGE 110

static PdDatabase *
database (PdCheckinPage *self)
{
  return pd_page_get_database (PD_PAGE (self));
}

static const char *
newcomer_row_title (PdCheckinPage *self,
                    AdwEntryRow   *row)
{
  if (row == self->first_name_row)
    return _("First name");
  if (row == self->last_initial_row)
    return _("Last initial (optional)");
  return _("Birth year (optional)");
}

static void
show_row_error (PdCheckinPage *self,
                AdwEntryRow   *row,
                const char    *message)
{
  pd_field_error_show (GTK_WIDGET (row), newcomer_row_title (self, row), message);
}

static char *
dup_row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* Reads the form; shows what is wrong next to each field and returns the
 * first wrong row, or NULL when all is well. */
static AdwEntryRow *
validate_newcomer (PdCheckinPage  *self,
                   char          **first_name,
                   char          **last_initial,
                   guint          *birth_year)
{
  g_autofree char *first = dup_row_text (self->first_name_row);
  g_autofree char *initial = dup_row_text (self->last_initial_row);
  g_autofree char *year = dup_row_text (self->birth_year_row);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int this_year = g_date_time_get_year (now);
  AdwEntryRow *wrong = NULL;
  g_autofree char *year_error = NULL;
  const char *initial_error = NULL;
  guint64 value = 0;

  show_row_error (self, self->first_name_row, *first ? NULL : _("needed to check them in"));
  if (*first == '\0')
    wrong = self->first_name_row;

  /* "R." is an initial too. */
  if (g_str_has_suffix (initial, "."))
    initial[strlen (initial) - 1] = '\0';
  if (*initial != '\0' &&
      (g_utf8_strlen (initial, -1) != 1 || !g_unichar_isalpha (g_utf8_get_char (initial))))
    initial_error = _("one letter, like R");
  show_row_error (self, self->last_initial_row, initial_error);
  if (initial_error != NULL && wrong == NULL)
    wrong = self->last_initial_row;

  if (*year != '\0' &&
      (strlen (year) != 4 || !g_ascii_isdigit (year[0]) ||
       !g_ascii_string_to_unsigned (year, 10, this_year - MAX_AGE, this_year, &value, NULL)))
    /* Translators: the range of birth years accepted, "from 1916 to 2026" */
    year_error = g_strdup_printf (_("four digits, from %d to %d"), this_year - MAX_AGE,
                                  this_year);
  show_row_error (self, self->birth_year_row, year_error);
  if (year_error != NULL && wrong == NULL)
    wrong = self->birth_year_row;

  if (wrong == NULL)
    {
      *first_name = g_steal_pointer (&first);
      *last_initial = g_utf8_strup (initial, -1);
      *birth_year = (guint) value;
    }
  return wrong;
}

static void
clear_newcomer_form (PdCheckinPage *self)
{
  AdwEntryRow *rows[] = { self->first_name_row, self->last_initial_row, self->birth_year_row };

  self->newcomer_tried = FALSE;
  self->namesakes_asked = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (rows[i]), "");
      show_row_error (self, rows[i], NULL);
    }
}

static char *
dup_capitalized (const char *word)
{
  g_autofree char *lower = g_utf8_strdown (word, -1);
  g_autofree char *first = NULL;
  const char *rest;

  /* Only a name typed all in small letters is given a capital: "ana" is
   * Ana, but "deShawn" stays as typed. */
  if (g_strcmp0 (lower, word) != 0)
    return g_strdup (word);
  rest = g_utf8_next_char (word);
  first = g_utf8_strup (word, rest - word);
  return g_strconcat (first, rest, NULL);
}

/* The name typed in the search, for someone it did not find: "ana r" is
 * Ana R. A number is not a name. */
static void
prefill_newcomer (PdCheckinPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_auto(GStrv) words = NULL;
  g_autofree char *first = NULL;

  if (pd_text_is_blank (text))
    return;
  for (const char *p = text; *p; p++)
    if (g_ascii_isdigit (*p))
      return;

  words = g_strsplit_set (text, " \t", -1);
  for (guint i = 0; words[i]; i++)
    if (*words[i] != '\0')
      {
        if (first == NULL)
          first = dup_capitalized (words[i]);
        else
          {
            /* A second word is the last name; only its initial is kept. */
            const char *word = words[i];
            g_autofree char *initial = g_utf8_strup (word, g_utf8_next_char (word) - word);

            gtk_editable_set_text (GTK_EDITABLE (self->last_initial_row), initial);
            break;
          }
      }
  gtk_editable_set_text (GTK_EDITABLE (self->first_name_row), first);
}

static void
newcomer_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PdCheckinPage *self = PD_CHECKIN_PAGE (widget);

  if (!gtk_revealer_get_reveal_child (self->newcomer_revealer))
    {
      clear_newcomer_form (self);
      prefill_newcomer (self);
      gtk_revealer_set_reveal_child (self->newcomer_revealer, TRUE);
      /* The form is the task now; on a small screen it needs the room. */
      gtk_widget_set_visible (GTK_WIDGET (self->match_stack), FALSE);
      pd_checkin_panes_set_desk_first (self->panes, TRUE);
      _pd_checkin_page_update_actions (self);
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->first_name_row));
  gtk_editable_set_position (GTK_EDITABLE (self->first_name_row), -1);
}

static void
close_newcomer_form (PdCheckinPage *self)
{
  gtk_revealer_set_reveal_child (self->newcomer_revealer, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->match_stack), TRUE);
  clear_newcomer_form (self);
  pd_checkin_panes_set_desk_first (self->panes,
                                   gtk_slice_list_model_get_size (self->matches) > 0);
  _pd_checkin_page_update_actions (self);
}

static void
newcomer_cancel_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PdCheckinPage *self = PD_CHECKIN_PAGE (widget);

  close_newcomer_form (self);
  _pd_checkin_page_focus_search (self);
}

static void
on_namesakes_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          PdCheckinPage    *self)
{
  PdMember *member = pd_namesake_dialog_get_member (dialog, response);

  if (g_strcmp0 (response, "register") == 0)
    {
      self->namesakes_asked = TRUE;
      gtk_widget_activate_action (GTK_WIDGET (self), "checkin.newcomer-register", NULL);
    }
  else if (member != NULL)
    {
      g_autoptr(PdMember) chosen = g_object_ref (member);

      close_newcomer_form (self);
      _pd_checkin_page_check_in (self, chosen);
    }
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->first_name_row));
}

/* Someone back after a while may not say they came before, and a second
 * record of them splits their history. Asks, before registering @first
 * @initial, whether they are a member of that first name and last initial
 * seen lately; returns whether it asked. */
static gboolean
ask_about_namesakes (PdCheckinPage *self,
                     const char    *first,
                     const char    *initial)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -NAMESAKE_DAYS);
  g_autofree char *since = g_date_time_format (then, "%Y-%m-%d");
  g_autoptr(GPtrArray) namesakes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) last_visits = g_strv_builder_new ();
  g_auto(GStrv) name_list = NULL;
  g_auto(GStrv) last_visit_list = NULL;
  GtkWidget *dialog;

  namesakes = pd_visits_find_recent_namesakes (database (self), first, initial, since,
                                               MAX_NAMESAKES, &error);
  if (namesakes == NULL)
    {
      g_warning ("Could not look for members of the same name: %s", error->message);
      return FALSE;
    }
  if (namesakes->len == 0)
    return FALSE;

  for (guint i = 0; i < namesakes->len; i++)
    {
      PdMember *member = g_ptr_array_index (namesakes, i);
      g_autofree char *name = _pd_checkin_dup_short_name (member);

      g_strv_builder_add (names, name);
      g_strv_builder_add (last_visits,
                          _pd_checkin_page_last_visit_for (self, pd_member_get_id (member)));
    }
  name_list = g_strv_builder_end (names);
  last_visit_list = g_strv_builder_end (last_visits);
  dialog = pd_namesake_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, namesakes,
                                   (const char * const *) name_list,
                                   (const char * const *) last_visit_list);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_namesakes_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
newcomer_register_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  PdCheckinPage *self = PD_CHECKIN_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *initial = NULL;
  g_autofree char *number = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  AdwEntryRow *wrong;
  guint year = 0;
  gint64 visit_id;

  self->newcomer_tried = TRUE;
  wrong = validate_newcomer (self, &first, &initial, &year);
  if (wrong != NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (wrong));
      return;
    }
  if (!self->namesakes_asked && ask_about_namesakes (self, first, initial))
    return;

  self->visits_announced = FALSE;
  pd_database_set_busy_wait (database (self), PD_CHECKIN_FIRST_WAIT);
  visit_id = pd_visits_check_in_newcomer (database (self), first, initial, year,
                                          _pd_checkin_page_get_purpose_id (self), self->desk_name,
                                          &number, &error);
  pd_database_set_busy_wait (database (self), PD_DATABASE_BUSY_TIMEOUT_MS);
  /* The form keeps what was typed; a new member is not saved behind the
   * desk's back, where a second press could register them twice. */
  if (visit_id <= 0 && g_error_matches (error, PD_ERROR, PD_ERROR_BUSY))
    {
      pd_toast_show (self->toast_overlay,
                     _("Another program is saving records; press Register again in a moment"));
      return;
    }
  if (visit_id <= 0)
    {
      _pd_checkin_page_toast_error (self, _("Could not register the new visitor"), error);
      return;
    }
  _pd_checkin_page_announce_visits (self);

  name = *initial ? g_strdup_printf (_("%s %s."), first, initial) : g_strdup (first);
  /* Translators: a first name and last initial, then the new member number */
  title = g_strdup_printf (_("%s registered as %s and checked in"), name, number ? number : "");
  close_newcomer_form (self);
  _pd_checkin_page_reset_desk (self);
  /* No undo: it would take the visit back and leave the new member behind.
   * A member registered by mistake is deactivated in Members. */
  pd_toast_show (self->toast_overlay, title);
}

static void
on_newcomer_changed_cb (PdCheckinPage *self)
{
  g_autofree char *first = NULL;
  g_autofree char *initial = NULL;
  guint year;

  /* Another name may be someone else again. */
  self->namesakes_asked = FALSE;
  /* Errors show once Register was pressed, then follow the typing. */
  if (self->newcomer_tried)
    validate_newcomer (self, &first, &initial, &year);
}

static void
on_newcomer_activated_cb (PdCheckinPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "checkin.newcomer-register", NULL);
}

void
_pd_checkin_page_class_init_newcomer (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_newcomer_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_newcomer_activated_cb);

  gtk_widget_class_install_action (widget_class, "checkin.newcomer", NULL, newcomer_action);
  gtk_widget_class_install_action (widget_class, "checkin.newcomer-cancel", NULL,
                                   newcomer_cancel_action);
  gtk_widget_class_install_action (widget_class, "checkin.newcomer-register", NULL,
                                   newcomer_register_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "checkin.newcomer", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "checkin.newcomer-cancel", NULL);
}
