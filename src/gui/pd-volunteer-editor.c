/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pd-accessible.h"
#include "pd-conflict-dialog.h"
#include "pd-entry-row.h"
#include "pd-error.h"
#include "pd-members.h"
#include "pd-text.h"
#include "pd-volunteer-editor.h"

/* A volunteer's form. As in the group form, each field is checked on its
 * own, as typed, so that its error stands in its own row. */
typedef enum
{
  FIELD_NAME,
  FIELD_MEMBER,
  FIELD_PHONE,
  FIELD_EMAIL,
  FIELD_START_DATE,
  FIELD_CHECK_DATE,
  FIELD_STATUS,
  FIELD_NOTES,
  N_FIELDS
} Field;

struct _PdVolunteerEditor
{
  PdFormWindow parent_instance;

  /* Template widgets */
  PdEntryRow *name_row;
  PdEntryRow *member_row;
  GtkLabel *member_name_label;
  PdEntryRow *phone_row;
  PdEntryRow *email_row;
  PdEntryRow *start_date_row;
  PdEntryRow *check_date_row;
  AdwComboRow *status_row;
  PdEntryRow *notes_row;
  AdwPreferencesGroup *roles_group;

  /* Borrowed */
  GtkWidget *rows[N_FIELDS];

  /* Owned */
  GPtrArray *role_buttons;       /* GtkCheckButton, one per role offered */
  GArray *role_ids;              /* gint64, the role of each of role_buttons */
  gint64 volunteer_id;
  gint64 baseline_role_id;       /* a role that exists, for checking one field */
  gboolean loading;
  gint64 version;                /* of the volunteer as read; see pd-conflict.h */
  gboolean overwrite;            /* Keep Mine: save over another desk's save */
};

G_DEFINE_FINAL_TYPE (PdVolunteerEditor, pd_volunteer_editor, PD_TYPE_FORM_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static PdDatabase *
database (PdVolunteerEditor *self)
{
  return pd_form_window_get_database (PD_FORM_WINDOW (self));
}

static void
toast (PdVolunteerEditor *self,
       const char        *message)
{
  pd_form_window_toast (PD_FORM_WINDOW (self), message);
}

static void
set_string (char       **field,
            const char  *value)
{
  g_free (*field);
  *field = g_strdup (value ? value : "");
}

static void
read_roles (PdVolunteerEditor *self,
            PdVolunteer       *volunteer)
{
  if (volunteer->role_ids == NULL)
    volunteer->role_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_set_size (volunteer->role_ids, 0);
  for (guint i = 0; i < self->role_buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (self->role_buttons, i);

      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (button)))
        g_array_append_val (volunteer->role_ids, g_array_index (self->role_ids, gint64, i));
    }
}

/* The member whose number is typed: its id, 0 when the field is empty,
 * -1 when no member has that number. */
static gint64
read_member (PdVolunteerEditor  *self,
             char              **name)
{
  g_autofree char *number = pd_entry_row_dup_text (self->member_row);
  g_autoptr(PdMember) member = NULL;
  g_autoptr(GError) error = NULL;

  if (number[0] == '\0')
    return 0;
  member = pd_members_get_by_number (database (self), number, &error);
  if (member == NULL)
    {
      /* A number half typed is no member's: only a failure to read is news. */
      if (!g_error_matches (error, PD_ERROR, PD_ERROR_NOT_FOUND))
        g_warning ("Could not look up member %s: %s", number, error->message);
      return -1;
    }
  if (name != NULL)
    *name = pd_member_dup_display_name (member);
  return pd_member_get_id (member);
}

static void
read_field (PdVolunteerEditor *self,
            Field              field,
            PdVolunteer       *volunteer)
{
  switch (field)
    {
    case FIELD_NAME:
      g_free (volunteer->display_name);
      volunteer->display_name = pd_entry_row_dup_text (self->name_row);
      break;
    case FIELD_MEMBER:
      volunteer->member_id = MAX (read_member (self, NULL), 0);
      break;
    case FIELD_PHONE:
      g_free (volunteer->phone);
      volunteer->phone = pd_entry_row_dup_text (self->phone_row);
      break;
    case FIELD_EMAIL:
      g_free (volunteer->email);
      volunteer->email = pd_entry_row_dup_text (self->email_row);
      break;
    case FIELD_START_DATE:
      g_free (volunteer->start_date);
      volunteer->start_date = pd_entry_row_dup_text (self->start_date_row);
      break;
    case FIELD_CHECK_DATE:
      g_free (volunteer->background_check_date);
      volunteer->background_check_date = pd_entry_row_dup_text (self->check_date_row);
      break;
    case FIELD_STATUS:
      {
        const PdCode *codes = pd_volunteer_statuses ();
        guint selected = adw_combo_row_get_selected (self->status_row);
        guint n = 0;

        while (codes[n].code != NULL)
          n++;
        set_string (&volunteer->status, codes[selected < n ? selected : 0].code);
      }
      break;
    case FIELD_NOTES:
      g_free (volunteer->notes);
      volunteer->notes = pd_entry_row_dup_text (self->notes_row);
      break;
    case N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

/* A volunteer that passes validation whatever is in the form. */
static PdVolunteer *
baseline_volunteer (PdVolunteerEditor *self)
{
  PdVolunteer *volunteer = pd_volunteer_new ();
  g_autofree char *today = pd_date_today ();

  set_string (&volunteer->display_name, "Volunteer");
  set_string (&volunteer->phone, "");
  set_string (&volunteer->email, "");
  set_string (&volunteer->start_date, today);
  set_string (&volunteer->background_check_date, "");
  set_string (&volunteer->status, pd_volunteer_statuses ()[0].code);
  set_string (&volunteer->notes, "");
  if (volunteer->role_ids == NULL)
    volunteer->role_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_set_size (volunteer->role_ids, 0);
  if (self->baseline_role_id > 0)
    g_array_append_val (volunteer->role_ids, self->baseline_role_id);
  return volunteer;
}

/* "start date: …": the row's title names the field already. */
static char *
dup_without_field_name (const char *message)
{
  const char *colon = strstr (message, ": ");

  if (colon != NULL && colon - message <= 40)
    {
      for (const char *p = message; p < colon; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (!g_unichar_islower (c) && c != ' ' && c != '_')
            return g_strdup (message);
        }
      return g_strdup (colon + 2);
    }
  return g_strdup (message);
}

static char *
dup_field_error (PdVolunteerEditor *self,
                 Field              field)
{
  g_autoptr(PdVolunteer) probe = NULL;
  g_autoptr(GError) error = NULL;

  if (field == FIELD_MEMBER)
    {
      g_autofree char *number = pd_entry_row_dup_text (self->member_row);
      g_autofree char *excerpt = pd_text_excerpt (number, -1);

      if (read_member (self, NULL) < 0)
        /* Translators: a member number that no member has */
        return g_strdup_printf (_("no member has the number “%s”"), excerpt);
      return NULL;
    }

  probe = baseline_volunteer (self);
  read_field (self, field, probe);
  if (pd_volunteer_validate (probe, &error))
    return NULL;
  return dup_without_field_name (error->message);
}

static void
update_member_label (PdVolunteerEditor *self)
{
  g_autofree char *name = NULL;

  read_member (self, &name);
  gtk_label_set_text (self->member_name_label, name ? name : "");
}

static void
validate (PdVolunteerEditor *self)
{
  g_autoptr(PdVolunteer) volunteer = NULL;
  g_autoptr(GError) error = NULL;
  gboolean any_row_wrong = FALSE;
  gboolean valid;

  update_member_label (self);
  for (guint i = 0; i < N_FIELDS; i++)
    if (PD_IS_ENTRY_ROW (self->rows[i]))
      {
        g_autofree char *message = dup_field_error (self, i);

        any_row_wrong |= message != NULL;
        pd_entry_row_set_error (PD_ENTRY_ROW (self->rows[i]), message);
      }

  volunteer = pd_volunteer_editor_dup_volunteer (self);
  valid = !any_row_wrong && pd_volunteer_validate (volunteer, &error);

  /* What no one row is to blame for, such as a missing role, is said
   * under the roles. */
  adw_preferences_group_set_description (self->roles_group,
                                         valid || any_row_wrong ? NULL : error->message);
  pd_form_window_set_valid (PD_FORM_WINDOW (self), valid);
}

static void
on_field_changed_cb (PdVolunteerEditor *self)
{
  if (self->loading)
    return;
  pd_form_window_set_dirty (PD_FORM_WINDOW (self), TRUE);
  validate (self);
}

static void
on_field_notify_cb (PdVolunteerEditor *self)
{
  on_field_changed_cb (self);
}

static void load (PdVolunteerEditor *self);

/* The labels of the roles of @volunteer, "a, b". */
static char *
dup_role_labels (PdVolunteerEditor *self,
                 PdVolunteer       *volunteer)
{
  GString *labels = g_string_new (NULL);

  for (guint i = 0; i < volunteer->role_ids->len; i++)
    for (guint j = 0; j < self->role_ids->len; j++)
      if (g_array_index (self->role_ids, gint64, j) ==
          g_array_index (volunteer->role_ids, gint64, i))
        g_string_append_printf (labels, "%s%s", labels->len ? ", " : "",
                                gtk_check_button_get_label (
                                  g_ptr_array_index (self->role_buttons, j)));
  return g_string_free (labels, FALSE);
}

static char *
dup_member_number (PdVolunteerEditor *self,
                   gint64             member_id)
{
  g_autoptr(PdMember) member = NULL;

  if (member_id <= 0)
    return g_strdup ("");
  member = pd_members_get (database (self), member_id, NULL);
  return g_strdup (member ? pd_member_get (member, PD_MEMBER_FIELD_NUMBER) : "");
}

/* The fields of the form that differ from @theirs, as another desk saved
 * them, under the form's own labels. */
static void
add_differences (PdVolunteerEditor *self,
                 GtkWidget         *dialog,
                 PdVolunteer       *theirs)
{
  g_autoptr(PdVolunteer) mine = pd_volunteer_editor_dup_volunteer (self);
  struct { PdEntryRow *row; const char *mine, *theirs; } texts[] = {
    { self->name_row, mine->display_name, theirs->display_name },
    { self->phone_row, mine->phone, theirs->phone },
    { self->email_row, mine->email, theirs->email },
    { self->start_date_row, mine->start_date, theirs->start_date },
    { self->check_date_row, mine->background_check_date, theirs->background_check_date },
    { self->notes_row, mine->notes, theirs->notes },
  };
  g_autofree char *mine_member = dup_member_number (self, mine->member_id);
  g_autofree char *theirs_member = dup_member_number (self, theirs->member_id);
  const char *mine_status = pd_code_label (pd_volunteer_statuses (), mine->status);
  const char *theirs_status = pd_code_label (pd_volunteer_statuses (), theirs->status);
  g_autofree char *mine_roles = dup_role_labels (self, mine);
  g_autofree char *theirs_roles = dup_role_labels (self, theirs);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    pd_conflict_dialog_add_if_different (dialog, pd_entry_row_get_label (texts[i].row),
                                         texts[i].mine, texts[i].theirs);
  pd_conflict_dialog_add_if_different (dialog, pd_entry_row_get_label (self->member_row),
                                       mine_member, theirs_member);
  pd_conflict_dialog_add_if_different (dialog,
                                       adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                                         self->status_row)),
                                       mine_status ? _(mine_status) : mine->status,
                                       theirs_status ? _(theirs_status) : theirs->status);
  pd_conflict_dialog_add_if_different (dialog,
                                       adw_preferences_group_get_title (self->roles_group),
                                       mine_roles, theirs_roles);
}

static void
conflict_add_differences (PdFormWindow *form,
                          GtkWidget    *compare_dialog)
{
  PdVolunteerEditor *self = PD_VOLUNTEER_EDITOR (form);
  g_autoptr(PdVolunteer) theirs = NULL;
  g_autoptr(GError) error = NULL;

  theirs = pd_volunteers_get (pd_form_window_get_database (form), self->volunteer_id, &error);
  if (theirs == NULL)
    {
      g_warning ("Could not read what another desk saved: %s", error->message);
      return;
    }
  add_differences (self, compare_dialog, theirs);
}

static void
conflict_reload (PdFormWindow *form)
{
  load (PD_VOLUNTEER_EDITOR (form));
}

static void
conflict_set_overwrite (PdFormWindow *form,
                        gboolean      overwrite)
{
  PD_VOLUNTEER_EDITOR (form)->overwrite = overwrite;
}

static const PdConflictForm conflict_form = {
  conflict_add_differences, conflict_reload, conflict_set_overwrite,
};

static gboolean
save (PdFormWindow  *form,
      GError       **error)
{
  PdVolunteerEditor *self = PD_VOLUNTEER_EDITOR (form);
  g_autoptr(PdVolunteer) volunteer = NULL;
  gint64 id;

  volunteer = pd_volunteer_editor_dup_volunteer (self);
  if (self->volunteer_id == 0)
    id = pd_volunteers_insert (database (self), volunteer, error);
  else
    {
      g_autoptr(GObject) context = NULL;
      g_autofree char *desk = NULL;

      g_object_get (self, "context", &context, NULL);
      desk = pd_conflict_dialog_dup_desk_name (context);
      id = pd_volunteers_update_full (database (self), volunteer, desk, self->overwrite, error)
           ? self->volunteer_id : 0;
    }

  if (id <= 0)
    {
      if (error != NULL && g_error_matches (*error, PD_ERROR, PD_ERROR_CONFLICT))
        {
          g_clear_error (error);
          pd_conflict_dialog_ask_form (form, &conflict_form, "volunteers", self->volunteer_id,
                                       _("Someone else saved this volunteer after you opened it."), FALSE);
        }
      return FALSE;
    }

  self->volunteer_id = id;
  self->version = volunteer->version;
  g_signal_emit (self, signals[SAVED], 0, id);
  return TRUE;
}

static void
build_roles (PdVolunteerEditor *self,
             GArray            *role_ids)
{
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(GError) error = NULL;

  roles = pd_roles_list (database (self), TRUE, &error);
  if (roles == NULL)
    {
      toast (self, error->message);
      return;
    }
  for (guint i = 0; i < roles->len; i++)
    {
      const PdVolunteerRole *role = g_ptr_array_index (roles, i);
      gboolean has = FALSE;
      GtkWidget *row;
      GtkWidget *button;

      for (guint j = 0; role_ids != NULL && j < role_ids->len; j++)
        has |= g_array_index (role_ids, gint64, j) == role->id;
      /* An archived role is offered only to those who still hold it. */
      if (role->archived && !has)
        continue;
      if (self->baseline_role_id == 0 && !role->archived)
        self->baseline_role_id = role->id;

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), role->label);
      if (role->archived)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("No longer offered"));
      button = gtk_check_button_new ();
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (button), has);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      role->label, -1);
      g_signal_connect_object (button, "toggled", G_CALLBACK (on_field_changed_cb), self,
                               G_CONNECT_SWAPPED);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), button);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
      pd_accessible_fix_names (row);
      adw_preferences_group_add (self->roles_group, row);
      g_ptr_array_add (self->role_buttons, button);
      g_array_append_val (self->role_ids, role->id);
    }
}

static void
load (PdVolunteerEditor *self)
{
  g_autoptr(PdVolunteer) volunteer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *member_number = NULL;
  const PdCode *statuses = pd_volunteer_statuses ();
  gboolean is_new;

  if (self->volunteer_id > 0)
    {
      volunteer = pd_volunteers_get (database (self), self->volunteer_id, &error);
      if (volunteer == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("Could not read the volunteer: %s"),
                                                      error->message);

          toast (self, message);
          self->volunteer_id = 0;
        }
    }
  is_new = volunteer == NULL;
  if (volunteer == NULL)
    {
      g_autofree char *today = pd_date_today ();

      volunteer = pd_volunteer_new ();
      set_string (&volunteer->start_date, today);
    }
  if (volunteer->member_id > 0)
    {
      g_autoptr(GError) member_error = NULL;
      g_autoptr(PdMember) member = pd_members_get (database (self), volunteer->member_id,
                                                   &member_error);

      if (member != NULL)
        member_number = g_strdup (pd_member_get (member, PD_MEMBER_FIELD_NUMBER));
      else if (g_error_matches (member_error, PD_ERROR, PD_ERROR_NOT_FOUND))
        g_debug ("The member of volunteer %s is gone: %s", volunteer->display_name,
                 member_error->message);
      else
        g_warning ("Could not read the member of volunteer %s: %s", volunteer->display_name,
                   member_error->message);
    }

  self->version = volunteer->version;
  self->loading = TRUE;
  gtk_window_set_title (GTK_WINDOW (self), is_new ? _("New Volunteer") : _("Edit Volunteer"));
  pd_form_window_set_subtitle (PD_FORM_WINDOW (self), is_new ? "" : volunteer->display_name);
  pd_entry_row_load_text (self->name_row, volunteer->display_name);
  pd_entry_row_load_text (self->member_row, member_number);
  pd_entry_row_load_text (self->phone_row, volunteer->phone);
  pd_entry_row_load_text (self->email_row, volunteer->email);
  pd_entry_row_load_text (self->start_date_row, volunteer->start_date);
  pd_entry_row_load_text (self->check_date_row, volunteer->background_check_date);
  pd_entry_row_load_text (self->notes_row, volunteer->notes);
  adw_combo_row_set_selected (self->status_row, 0);
  for (guint i = 0; statuses[i].code != NULL; i++)
    if (g_strcmp0 (statuses[i].code, volunteer->status) == 0)
      adw_combo_row_set_selected (self->status_row, i);
  build_roles (self, volunteer->role_ids);
  self->loading = FALSE;

  /* A saved volunteer's fields are all shown checked; a new one's as they
   * are typed in. */
  validate (self);
  if (!is_new)
    pd_form_window_touch_all (PD_FORM_WINDOW (self));
}

static void
pd_volunteer_editor_finalize (GObject *object)
{
  PdVolunteerEditor *self = (PdVolunteerEditor *)object;

  g_clear_pointer (&self->role_buttons, g_ptr_array_unref);
  g_clear_pointer (&self->role_ids, g_array_unref);

  G_OBJECT_CLASS (pd_volunteer_editor_parent_class)->finalize (object);
}

static void
pd_volunteer_editor_class_init (PdVolunteerEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PdFormWindowClass *form_class = PD_FORM_WINDOW_CLASS (klass);

  object_class->finalize = pd_volunteer_editor_finalize;
  form_class->save = save;

  /**
   * PdVolunteerEditor::saved:
   * @volunteer_id: the id of the volunteer as saved
   *
   * Emitted after the volunteer was written, just before the window closes.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/pd-volunteer-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PdVolunteerEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteerEditor, member_row);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteerEditor, member_name_label);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteerEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteerEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteerEditor, start_date_row);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteerEditor, check_date_row);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteerEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteerEditor, notes_row);
  gtk_widget_class_bind_template_child (widget_class, PdVolunteerEditor, roles_group);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_field_notify_cb);
}

static void
pd_volunteer_editor_init (PdVolunteerEditor *self)
{
  const PdCode *statuses = pd_volunteer_statuses ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->role_buttons = g_ptr_array_new ();
  self->role_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; statuses[i].code != NULL; i++)
    gtk_string_list_append (labels, _(statuses[i].label));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (labels));

  self->rows[FIELD_NAME] = GTK_WIDGET (self->name_row);
  self->rows[FIELD_MEMBER] = GTK_WIDGET (self->member_row);
  self->rows[FIELD_PHONE] = GTK_WIDGET (self->phone_row);
  self->rows[FIELD_EMAIL] = GTK_WIDGET (self->email_row);
  self->rows[FIELD_START_DATE] = GTK_WIDGET (self->start_date_row);
  self->rows[FIELD_CHECK_DATE] = GTK_WIDGET (self->check_date_row);
  self->rows[FIELD_STATUS] = GTK_WIDGET (self->status_row);
  self->rows[FIELD_NOTES] = GTK_WIDGET (self->notes_row);
  pd_accessible_fix_names (GTK_WIDGET (self));
  self->loading = FALSE;
}

/* Opens the form for volunteer @volunteer_id, or for a new one when 0. */
PdVolunteerEditor *
pd_volunteer_editor_new (GtkWindow *parent,
                         PdContext *context,
                         gint64     volunteer_id)
{
  PdVolunteerEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PD_IS_CONTEXT (context), NULL);

  self = g_object_new (PD_TYPE_VOLUNTEER_EDITOR,
                       "transient-for", parent,
                       "context", context,
                       NULL);
  self->volunteer_id = volunteer_id;
  load (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return self;
}

/* The volunteer as the form shows it now. */
PdVolunteer *
pd_volunteer_editor_dup_volunteer (PdVolunteerEditor *self)
{
  PdVolunteer *volunteer;

  g_return_val_if_fail (PD_IS_VOLUNTEER_EDITOR (self), NULL);

  volunteer = pd_volunteer_new ();
  volunteer->id = self->volunteer_id;
  for (guint i = 0; i < N_FIELDS; i++)
    read_field (self, i, volunteer);
  read_roles (self, volunteer);
  volunteer->version = self->version;
  return volunteer;
}

/* The check button of role @role_id, or NULL when the form has none. */
GtkCheckButton *
pd_volunteer_editor_get_role_button (PdVolunteerEditor *self,
                                     gint64             role_id)
{
  g_return_val_if_fail (PD_IS_VOLUNTEER_EDITOR (self), NULL);

  for (guint i = 0; i < self->role_ids->len; i++)
    if (g_array_index (self->role_ids, gint64, i) == role_id)
      return g_ptr_array_index (self->role_buttons, i);
  return NULL;
}
