/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "pd-accessible.h"
#include "pd-conflict-dialog.h"
#include "pd-entry-row.h"
#include "pd-error.h"
#include "pd-group-editor.h"
#include "pd-meetings-text.h"
#include "pd-text.h"
#include "pd-volunteers.h"

/* The fields a person can get wrong, each checked on its own so that its
 * error stands in its own row. */
typedef enum
{
  FIELD_NAME,
  FIELD_KIND,
  FIELD_FACILITATOR,
  FIELD_ROOM,
  FIELD_DESCRIPTION,
  FIELD_START_TIME,
  FIELD_DURATION,
  FIELD_START_DATE,
  FIELD_END_DATE,
  FIELD_MODE,
  N_FIELDS
} Field;

static const struct {
  const char *abbreviation;
  const char *name;
} weekdays[] = {
  { NC_("weekday", "Mon"), N_("Monday") },
  { NC_("weekday", "Tue"), N_("Tuesday") },
  { NC_("weekday", "Wed"), N_("Wednesday") },
  { NC_("weekday", "Thu"), N_("Thursday") },
  { NC_("weekday", "Fri"), N_("Friday") },
  { NC_("weekday", "Sat"), N_("Saturday") },
  { NC_("weekday", "Sun"), N_("Sunday") },
};

struct _PdGroupEditor
{
  PdFormWindow parent_instance;

  /* Template widgets */
  PdEntryRow *name_row;
  AdwComboRow *kind_row;
  PdEntryRow *facilitator_row;
  AdwComboRow *facilitator_volunteer_row;
  PdEntryRow *room_row;
  PdEntryRow *description_row;
  AdwPreferencesGroup *schedule_group;
  GtkLabel *weekdays_label;
  GtkWidget *weekdays_box;
  PdEntryRow *start_time_row;
  GtkSpinButton *duration_spin;
  PdEntryRow *start_date_row;
  PdEntryRow *end_date_row;
  AdwComboRow *mode_row;
  AdwActionRow *archived_row;
  GtkSwitch *archived_switch;

  /* Borrowed */
  GtkToggleButton *weekday_buttons[7];
  GtkWidget *rows[N_FIELDS];

  /* Owned */
  gint64 group_id;
  gint64 facilitator_member_id;
  GArray *volunteer_ids;          /* gint64, one per item of the volunteer combo */
  gboolean loading;
  gint64 version;                 /* of the group as read; see pd-conflict.h */
  gboolean overwrite;             /* Keep Mine: save over another desk's save */
};

G_DEFINE_FINAL_TYPE (PdGroupEditor, pd_group_editor, PD_TYPE_FORM_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_string (char       **field,
            const char  *value)
{
  g_free (*field);
  *field = g_strdup (value ? value : "");
}

static PdWeekdays
read_weekdays (PdGroupEditor *self)
{
  PdWeekdays days = 0;

  for (guint i = 0; i < G_N_ELEMENTS (self->weekday_buttons); i++)
    if (gtk_toggle_button_get_active (self->weekday_buttons[i]))
      days |= 1 << i;
  return days;
}

static const char *
selected_code (AdwComboRow  *row,
               const PdCode *codes)
{
  guint selected = adw_combo_row_get_selected (row);
  guint n = 0;

  while (codes[n].code != NULL)
    n++;
  return codes[selected < n ? selected : 0].code;
}

/* Writes the form's value of @field into @group. */
static void
read_field (PdGroupEditor *self,
            Field          field,
            PdGroup       *group)
{
  switch (field)
    {
    case FIELD_NAME:
      g_free (group->name);
      group->name = pd_entry_row_dup_text (self->name_row);
      break;
    case FIELD_KIND:
      set_string (&group->kind, selected_code (self->kind_row, pd_group_kinds ()));
      break;
    case FIELD_FACILITATOR:
      g_free (group->facilitator_name);
      group->facilitator_name = pd_entry_row_dup_text (self->facilitator_row);
      break;
    case FIELD_ROOM:
      g_free (group->room);
      group->room = pd_entry_row_dup_text (self->room_row);
      break;
    case FIELD_DESCRIPTION:
      g_free (group->description);
      group->description = pd_entry_row_dup_text (self->description_row);
      break;
    case FIELD_START_TIME:
      g_free (group->start_time);
      group->start_time = pd_entry_row_dup_text (self->start_time_row);
      break;
    case FIELD_DURATION:
      group->duration_minutes = (guint) gtk_spin_button_get_value_as_int (self->duration_spin);
      break;
    case FIELD_START_DATE:
      g_free (group->start_date);
      group->start_date = pd_entry_row_dup_text (self->start_date_row);
      break;
    case FIELD_END_DATE:
      g_free (group->end_date);
      group->end_date = pd_entry_row_dup_text (self->end_date_row);
      break;
    case FIELD_MODE:
      set_string (&group->attendance_mode, selected_code (self->mode_row, pd_attendance_modes ()));
      break;
    case N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

/* A group that passes validation whatever is in the form, but with the
 * form's weekdays, which decide what the other fields must hold. */
static PdGroup *
baseline_group (PdGroupEditor *self)
{
  PdGroup *group = pd_group_new ();
  g_autofree char *today = pd_date_today ();

  set_string (&group->name, "Group");
  set_string (&group->kind, pd_group_kinds ()[0].code);
  set_string (&group->facilitator_name, "");
  set_string (&group->room, "");
  set_string (&group->description, "");
  set_string (&group->start_time, "12:00");
  group->duration_minutes = 60;
  set_string (&group->start_date, today);
  set_string (&group->end_date, "");
  set_string (&group->attendance_mode, pd_attendance_modes ()[0].code);
  group->weekdays = read_weekdays (self);
  return group;
}

/* Whether the text from @start to @end is a field's name, as in the
 * "field: what is wrong" of the core's messages: lower case, a few words. */
static gboolean
is_field_name (const char *start,
               const char *end)
{
  if (end == start || end - start > 40)
    return FALSE;
  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_islower (c) && c != ' ')
        return FALSE;
    }
  return TRUE;
}

/* The message pd_group_validate() gives for @field alone: the field as
 * typed in an otherwise valid group. The last date is checked beside the
 * first date as typed, since one must not come before the other. */
static char *
dup_field_error (PdGroupEditor *self,
                 Field          field,
                 gboolean       start_date_valid)
{
  g_autoptr(PdGroup) probe = baseline_group (self);
  g_autoptr(GError) error = NULL;

  const char *colon;

  read_field (self, field, probe);
  if (field == FIELD_END_DATE && start_date_valid)
    read_field (self, FIELD_START_DATE, probe);
  if (pd_group_validate (probe, &error))
    return NULL;

  /* "start time: “25:00” is not a time (HH:MM)": the row's title names
   * the field already. */
  colon = strstr (error->message, ": ");
  if (colon != NULL && is_field_name (error->message, colon))
    return g_strdup (colon + 2);
  return g_strdup (error->message);
}

static void
update_weekdays_label (PdGroupEditor *self)
{
  PdWeekdays days = read_weekdays (self);

  if (days == 0)
    gtk_label_set_text (self->weekdays_label,
                        _("Meets on: no weekday, a one-off meeting on its first date"));
  else
    {
      GString *text = g_string_new (NULL);

      for (guint i = 0; i < G_N_ELEMENTS (weekdays); i++)
        if (days & (1 << i))
          g_string_append_printf (text, "%s%s", text->len ? ", " : "", _(weekdays[i].name));
      {
        /* Translators: the weekdays a group meets on, as in "Meets on: Monday, Thursday" */
        g_autofree char *label = g_strdup_printf (_("Meets on: %s"), text->str);

        gtk_label_set_text (self->weekdays_label, label);
      }
      g_string_free (text, TRUE);
    }
}

static void
validate (PdGroupEditor *self)
{
  g_autoptr(PdGroup) group = NULL;
  g_autoptr(GError) error = NULL;
  gboolean start_date_valid;
  gboolean any_row_wrong = FALSE;
  gboolean valid;

  update_weekdays_label (self);

  {
    g_autofree char *message = dup_field_error (self, FIELD_START_DATE, FALSE);

    start_date_valid = message == NULL;
  }

  /* Each text row keeps its error; it shows once the row is touched, so a
   * new group's empty name is not an error until it is typed in. */
  for (guint i = 0; i < N_FIELDS; i++)
    if (PD_IS_ENTRY_ROW (self->rows[i]))
      {
        g_autofree char *message = dup_field_error (self, i, start_date_valid);

        any_row_wrong |= message != NULL;
        pd_entry_row_set_error (PD_ENTRY_ROW (self->rows[i]), message);
      }

  group = pd_group_editor_dup_group (self);
  valid = pd_group_validate (group, &error);

  /* What no one row is to blame for is said under the schedule. */
  adw_preferences_group_set_description (self->schedule_group,
                                         valid || any_row_wrong ? NULL : error->message);
  pd_form_window_set_valid (PD_FORM_WINDOW (self), valid);
}

static void
on_field_changed_cb (PdGroupEditor *self)
{
  if (self->loading)
    return;
  pd_form_window_set_dirty (PD_FORM_WINDOW (self), TRUE);
  validate (self);
}

static void
on_field_notify_cb (PdGroupEditor *self)
{
  on_field_changed_cb (self);
}

static void
on_weekday_toggled_cb (PdGroupEditor   *self,
                       GtkToggleButton *button)
{
  on_field_changed_cb (self);
}

static gint64
selected_volunteer_id (PdGroupEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->facilitator_volunteer_row);

  if (selected >= self->volunteer_ids->len)
    return 0;
  return g_array_index (self->volunteer_ids, gint64, selected);
}

static void
on_facilitator_volunteer_notify_cb (PdGroupEditor *self,
                                    GParamSpec    *pspec,
                                    AdwComboRow   *row)
{
  g_autofree char *name = NULL;
  GtkStringObject *item;

  if (self->loading)
    return;
  pd_form_window_set_dirty (PD_FORM_WINDOW (self), TRUE);
  if (selected_volunteer_id (self) == 0)
    return;

  /* Most facilitators are volunteers: spare typing their name twice. */
  name = pd_entry_row_dup_text (self->facilitator_row);
  item = adw_combo_row_get_selected_item (row);
  if (name[0] == '\0' && item != NULL)
    pd_entry_row_load_text (self->facilitator_row, gtk_string_object_get_string (item));
}

static void load (PdGroupEditor *self);

static char *
dup_code_label (const PdCode *codes,
                const char   *code)
{
  const char *label = pd_code_label (codes, code);

  return g_strdup (label ? _(label) : code);
}

/* The fields of the form that differ from @theirs, as another desk saved
 * them, under the form's own labels. */
static void
add_differences (PdGroupEditor *self,
                 GtkWidget     *dialog,
                 PdGroup       *theirs)
{
  g_autoptr(PdGroup) mine = pd_group_editor_dup_group (self);
  struct { PdEntryRow *row; const char *mine, *theirs; } texts[] = {
    { self->name_row, mine->name, theirs->name },
    { self->facilitator_row, mine->facilitator_name, theirs->facilitator_name },
    { self->room_row, mine->room, theirs->room },
    { self->description_row, mine->description, theirs->description },
    { self->start_date_row, mine->start_date, theirs->start_date },
    { self->end_date_row, mine->end_date, theirs->end_date },
  };
  g_autofree char *mine_kind = dup_code_label (pd_group_kinds (), mine->kind);
  g_autofree char *theirs_kind = dup_code_label (pd_group_kinds (), theirs->kind);
  g_autofree char *mine_mode = dup_code_label (pd_attendance_modes (), mine->attendance_mode);
  g_autofree char *theirs_mode = dup_code_label (pd_attendance_modes (),
                                                 theirs->attendance_mode);
  g_autofree char *mine_schedule = pd_meetings_text_dup_schedule_summary (mine);
  g_autofree char *theirs_schedule = pd_meetings_text_dup_schedule_summary (theirs);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    pd_conflict_dialog_add_if_different (dialog, pd_entry_row_get_label (texts[i].row),
                                         texts[i].mine, texts[i].theirs);
  pd_conflict_dialog_add_if_different (dialog,
                                       adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                                         self->kind_row)),
                                       mine_kind, theirs_kind);
  pd_conflict_dialog_add_if_different (dialog, _("Schedule"), mine_schedule, theirs_schedule);
  pd_conflict_dialog_add_if_different (dialog,
                                       adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                                         self->mode_row)),
                                       mine_mode, theirs_mode);
  if (mine->facilitator_volunteer_id != theirs->facilitator_volunteer_id)
    {
      g_autoptr(PdVolunteer) volunteer = NULL;
      PdDatabase *database = pd_form_window_get_database (PD_FORM_WINDOW (self));
      GtkStringObject *item = adw_combo_row_get_selected_item (self->facilitator_volunteer_row);

      if (theirs->facilitator_volunteer_id != 0)
        volunteer = pd_volunteers_get (database, theirs->facilitator_volunteer_id, NULL);
      pd_conflict_dialog_add_difference (dialog,
                                         adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                                           self->facilitator_volunteer_row)),
                                         item && mine->facilitator_volunteer_id
                                         ? gtk_string_object_get_string (item) : "",
                                         volunteer ? volunteer->display_name : "");
    }
  if (mine->archived != theirs->archived)
    pd_conflict_dialog_add_difference (dialog,
                                       adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                                         self->archived_row)),
                                       mine->archived ? _("Yes") : _("No"),
                                       theirs->archived ? _("Yes") : _("No"));
}

static void
conflict_add_differences (PdFormWindow *form,
                          GtkWidget    *compare_dialog)
{
  PdGroupEditor *self = PD_GROUP_EDITOR (form);
  g_autoptr(PdGroup) theirs = NULL;
  g_autoptr(GError) error = NULL;

  theirs = pd_groups_get (pd_form_window_get_database (form), self->group_id, &error);
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
  load (PD_GROUP_EDITOR (form));
}

static void
conflict_set_overwrite (PdFormWindow *form,
                        gboolean      overwrite)
{
  PD_GROUP_EDITOR (form)->overwrite = overwrite;
}

static const PdConflictForm conflict_form = {
  conflict_add_differences, conflict_reload, conflict_set_overwrite,
};

static gboolean
save (PdFormWindow  *form,
      GError       **error)
{
  PdGroupEditor *self = PD_GROUP_EDITOR (form);
  PdDatabase *database = pd_form_window_get_database (form);
  g_autoptr(PdGroup) group = NULL;
  gint64 id;

  group = pd_group_editor_dup_group (self);
  if (self->group_id == 0)
    id = pd_groups_insert (database, group, error);
  else
    {
      g_autoptr(GObject) context = NULL;
      g_autofree char *desk = NULL;

      g_object_get (self, "context", &context, NULL);
      desk = pd_conflict_dialog_dup_desk_name (context);
      id = pd_groups_update_full (database, group, desk, self->overwrite, error)
           ? self->group_id : 0;
    }

  if (id <= 0)
    {
      if (error != NULL && g_error_matches (*error, PD_ERROR, PD_ERROR_CONFLICT))
        {
          g_clear_error (error);
          pd_conflict_dialog_ask_form (form, &conflict_form, "groups", self->group_id,
                                       _("Someone else saved this group after you opened it."), FALSE);
        }
      return FALSE;
    }

  self->group_id = id;
  self->version = group->version;
  g_signal_emit (self, signals[SAVED], 0, id);
  return TRUE;
}

static void
fill_combo (AdwComboRow  *row,
            const PdCode *codes)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint i = 0; codes[i].code != NULL; i++)
    gtk_string_list_append (labels, _(codes[i].label));
  adw_combo_row_set_model (row, G_LIST_MODEL (labels));
}

static void
select_code (AdwComboRow  *row,
             const PdCode *codes,
             const char   *code)
{
  for (guint i = 0; codes[i].code != NULL; i++)
    if (g_strcmp0 (codes[i].code, code) == 0)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }
  adw_combo_row_set_selected (row, 0);
}

static void
add_volunteer_item (PdGroupEditor *self,
                    GtkStringList *labels,
                    gint64         id,
                    const char    *label)
{
  gtk_string_list_append (labels, label);
  g_array_append_val (self->volunteer_ids, id);
}

/* "None", then the active volunteers, then @current_id if it is no longer
 * active: a group keeps its facilitator until someone picks another. */
static void
fill_volunteers (PdGroupEditor *self,
                 gint64         current_id)
{
  PdDatabase *database = pd_form_window_get_database (PD_FORM_WINDOW (self));
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) volunteers = NULL;
  g_autoptr(GError) error = NULL;
  guint selected = 0;

  g_array_set_size (self->volunteer_ids, 0);
  add_volunteer_item (self, labels, 0, C_("facilitator volunteer", "None"));

  volunteers = pd_volunteers_list (database, NULL, "active", &error);
  if (volunteers == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not read the volunteers: %s"),
                                                  error->message);

      pd_form_window_toast (PD_FORM_WINDOW (self), message);
      g_clear_error (&error);
    }
  else
    for (guint i = 0; i < volunteers->len; i++)
      {
        const PdVolunteer *volunteer = g_ptr_array_index (volunteers, i);

        if (volunteer->id == current_id)
          selected = self->volunteer_ids->len;
        add_volunteer_item (self, labels, volunteer->id, volunteer->display_name);
      }

  if (current_id != 0 && selected == 0)
    {
      g_autoptr(GError) volunteer_error = NULL;
      g_autoptr(PdVolunteer) volunteer = pd_volunteers_get (database, current_id,
                                                            &volunteer_error);
      g_autofree char *label = NULL;

      if (volunteer != NULL)
        label = g_strdup (volunteer->display_name);
      else
        {
          if (g_error_matches (volunteer_error, PD_ERROR, PD_ERROR_NOT_FOUND))
            g_debug ("The group's facilitator is gone: %s", volunteer_error->message);
          else
            g_warning ("Could not read the group's facilitator: %s", volunteer_error->message);
          g_autofree char *number = g_strdup_printf ("%" PRId64, current_id);

          /* Translators: a volunteer whose record could not be read, by number */
          label = g_strdup_printf (_("Volunteer #%s"), number);
        }
      selected = self->volunteer_ids->len;
      add_volunteer_item (self, labels, current_id, label);
    }

  adw_combo_row_set_model (self->facilitator_volunteer_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->facilitator_volunteer_row, selected);
}

static void
load (PdGroupEditor *self)
{
  g_autoptr(PdGroup) group = NULL;
  g_autoptr(GError) error = NULL;
  gboolean is_new = self->group_id == 0;

  if (!is_new)
    {
      group = pd_groups_get (pd_form_window_get_database (PD_FORM_WINDOW (self)), self->group_id,
                             &error);
      if (group == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("Could not read the group: %s"),
                                                      error->message);

          pd_form_window_toast (PD_FORM_WINDOW (self), message);
          self->group_id = 0;
          is_new = TRUE;
        }
    }

  if (group == NULL)
    {
      g_autofree char *today = pd_date_today ();

      group = pd_group_new ();
      set_string (&group->start_date, today);
      group->duration_minutes = 60;
    }

  self->version = group->version;
  self->loading = TRUE;
  gtk_window_set_title (GTK_WINDOW (self), is_new ? _("New Group") : _("Edit Group"));
  pd_form_window_set_subtitle (PD_FORM_WINDOW (self), is_new ? "" : group->name);
  pd_entry_row_load_text (self->name_row, group->name);
  select_code (self->kind_row, pd_group_kinds (), group->kind);
  pd_entry_row_load_text (self->facilitator_row, group->facilitator_name);
  fill_volunteers (self, group->facilitator_volunteer_id);
  pd_entry_row_load_text (self->room_row, group->room);
  pd_entry_row_load_text (self->description_row, group->description);
  for (guint i = 0; i < G_N_ELEMENTS (self->weekday_buttons); i++)
    gtk_toggle_button_set_active (self->weekday_buttons[i], (group->weekdays & (1 << i)) != 0);
  pd_entry_row_load_text (self->start_time_row, group->start_time);
  gtk_spin_button_set_value (self->duration_spin,
                             group->duration_minutes > 0 ? group->duration_minutes : 60);
  pd_entry_row_load_text (self->start_date_row, group->start_date);
  pd_entry_row_load_text (self->end_date_row, group->end_date);
  select_code (self->mode_row, pd_attendance_modes (), group->attendance_mode);
  gtk_switch_set_active (self->archived_switch, group->archived);
  /* A new group is not archived: the switch is for groups that ended. */
  gtk_widget_set_visible (GTK_WIDGET (self->archived_row), !is_new);
  self->facilitator_member_id = group->facilitator_member_id;
  self->loading = FALSE;

  /* A saved group's fields are all shown checked; a new one's as they
   * are typed in. */
  validate (self);
  if (!is_new)
    pd_form_window_touch_all (PD_FORM_WINDOW (self));
}

static void
build_weekdays (PdGroupEditor *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (weekdays); i++)
    {
      const char *label = g_dpgettext2 (GETTEXT_PACKAGE, "weekday", weekdays[i].abbreviation);
      GtkWidget *button = gtk_toggle_button_new_with_label (label);

      gtk_widget_set_tooltip_text (button, _(weekdays[i].name));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(weekdays[i].name), -1);
      g_signal_connect_object (button, "toggled", G_CALLBACK (on_weekday_toggled_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (self->weekdays_box), button);
      self->weekday_buttons[i] = GTK_TOGGLE_BUTTON (button);
    }
}

static void
pd_group_editor_finalize (GObject *object)
{
  PdGroupEditor *self = (PdGroupEditor *)object;

  g_clear_pointer (&self->volunteer_ids, g_array_unref);

  G_OBJECT_CLASS (pd_group_editor_parent_class)->finalize (object);
}

static void
pd_group_editor_class_init (PdGroupEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PdFormWindowClass *form_class = PD_FORM_WINDOW_CLASS (klass);

  object_class->finalize = pd_group_editor_finalize;
  form_class->save = save;

  /**
   * PdGroupEditor::saved:
   * @group_id: the id of the group as saved
   *
   * Emitted after the group was written to the database, just before the
   * window closes.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/pd-group-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PdGroupEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, PdGroupEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, PdGroupEditor, facilitator_row);
  gtk_widget_class_bind_template_child (widget_class, PdGroupEditor, facilitator_volunteer_row);
  gtk_widget_class_bind_template_child (widget_class, PdGroupEditor, room_row);
  gtk_widget_class_bind_template_child (widget_class, PdGroupEditor, description_row);
  gtk_widget_class_bind_template_child (widget_class, PdGroupEditor, schedule_group);
  gtk_widget_class_bind_template_child (widget_class, PdGroupEditor, weekdays_label);
  gtk_widget_class_bind_template_child (widget_class, PdGroupEditor, weekdays_box);
  gtk_widget_class_bind_template_child (widget_class, PdGroupEditor, start_time_row);
  gtk_widget_class_bind_template_child (widget_class, PdGroupEditor, duration_spin);
  gtk_widget_class_bind_template_child (widget_class, PdGroupEditor, start_date_row);
  gtk_widget_class_bind_template_child (widget_class, PdGroupEditor, end_date_row);
  gtk_widget_class_bind_template_child (widget_class, PdGroupEditor, mode_row);
  gtk_widget_class_bind_template_child (widget_class, PdGroupEditor, archived_row);
  gtk_widget_class_bind_template_child (widget_class, PdGroupEditor, archived_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_field_notify_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_facilitator_volunteer_notify_cb);
}

static void
pd_group_editor_init (PdGroupEditor *self)
{
  /* Filling the combos below must not count as typing. */
  self->loading = TRUE;
  self->volunteer_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));

  fill_combo (self->kind_row, pd_group_kinds ());
  fill_combo (self->mode_row, pd_attendance_modes ());
  build_weekdays (self);

  self->rows[FIELD_NAME] = GTK_WIDGET (self->name_row);
  self->rows[FIELD_KIND] = GTK_WIDGET (self->kind_row);
  self->rows[FIELD_FACILITATOR] = GTK_WIDGET (self->facilitator_row);
  self->rows[FIELD_ROOM] = GTK_WIDGET (self->room_row);
  self->rows[FIELD_DESCRIPTION] = GTK_WIDGET (self->description_row);
  self->rows[FIELD_START_TIME] = GTK_WIDGET (self->start_time_row);
  self->rows[FIELD_DURATION] = GTK_WIDGET (self->duration_spin);
  self->rows[FIELD_START_DATE] = GTK_WIDGET (self->start_date_row);
  self->rows[FIELD_END_DATE] = GTK_WIDGET (self->end_date_row);
  self->rows[FIELD_MODE] = GTK_WIDGET (self->mode_row);
  pd_accessible_fix_names (GTK_WIDGET (self));
  self->loading = FALSE;
}

/* Opens the form for group @group_id, or for a new group when it is 0. */
PdGroupEditor *
pd_group_editor_new (GtkWindow *parent,
                     PdContext *context,
                     gint64     group_id)
{
  PdGroupEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PD_IS_CONTEXT (context), NULL);

  self = g_object_new (PD_TYPE_GROUP_EDITOR,
                       "transient-for", parent,
                       "context", context,
                       NULL);
  self->group_id = group_id;
  load (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return self;
}

/* The group's id: 0 for a new group until it is saved. */
gint64
pd_group_editor_get_group_id (PdGroupEditor *self)
{
  g_return_val_if_fail (PD_IS_GROUP_EDITOR (self), 0);
  return self->group_id;
}

/* The group as the form shows it now. */
PdGroup *
pd_group_editor_dup_group (PdGroupEditor *self)
{
  PdGroup *group;

  g_return_val_if_fail (PD_IS_GROUP_EDITOR (self), NULL);

  group = pd_group_new ();
  group->id = self->group_id;
  for (guint i = 0; i < N_FIELDS; i++)
    read_field (self, i, group);
  group->weekdays = read_weekdays (self);
  group->facilitator_member_id = self->facilitator_member_id;
  group->facilitator_volunteer_id = selected_volunteer_id (self);
  group->archived = gtk_switch_get_active (self->archived_switch);
  group->version = self->version;
  return group;
}

/* The toggle of @weekday, 0 for Monday to 6 for Sunday. */
GtkToggleButton *
pd_group_editor_get_weekday_button (PdGroupEditor *self,
                                    guint          weekday)
{
  g_return_val_if_fail (PD_IS_GROUP_EDITOR (self), NULL);
  g_return_val_if_fail (weekday < G_N_ELEMENTS (self->weekday_buttons), NULL);
  return self->weekday_buttons[weekday];
}
