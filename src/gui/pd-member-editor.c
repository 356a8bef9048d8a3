/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "pd-accessible.h"
#include "pd-attendance.h"
#include "pd-conflict-dialog.h"
#include "pd-entry-row.h"
#include "pd-field-error.h"
#include "pd-member-editor.h"
#include "pd-text.h"

/* Which group of the form each field is in, and the hint a person needs to
 * type it right. Fields not listed (timestamps) are not shown. */
typedef enum { NAME, CONTACT, MEMBERSHIP, DEMOGRAPHICS, CONSENT, NOTES, N_GROUPS } Group;

/* The template's group of each Group. */
static const char * const group_ids[N_GROUPS] = {
  "name_group", "contact_group", "membership_group", "demographics_group", "consent_group",
  "notes_group",
};

static const struct {
  PdMemberField field;
  Group group;
  const char *hint;
} layout[] = {
  { PD_MEMBER_FIELD_FIRST_NAME, NAME, N_("First Name (required)") },
  { PD_MEMBER_FIELD_LAST_NAME, NAME, N_("Last Name") },
  { PD_MEMBER_FIELD_PREFERRED_NAME, NAME, N_("Preferred Name") },
  { PD_MEMBER_FIELD_PRONOUNS, NAME, N_("Pronouns") },
  { PD_MEMBER_FIELD_PHONE, CONTACT, N_("Phone") },
  { PD_MEMBER_FIELD_EMAIL, CONTACT, N_("Email") },
  { PD_MEMBER_FIELD_EMERGENCY_NAME, CONTACT, N_("Emergency Contact") },
  { PD_MEMBER_FIELD_EMERGENCY_PHONE, CONTACT, N_("Emergency Contact Phone") },
  { PD_MEMBER_FIELD_NUMBER, MEMBERSHIP, N_("Member Number") },
  { PD_MEMBER_FIELD_STATUS, MEMBERSHIP, N_("Status") },
  { PD_MEMBER_FIELD_JOINED_DATE, MEMBERSHIP, N_("Joined (YYYY-MM-DD)") },
  { PD_MEMBER_FIELD_BIRTH_DATE, MEMBERSHIP, N_("Birth Date (YYYY-MM-DD, YYYY-MM or YYYY)") },
  { PD_MEMBER_FIELD_GENDER, DEMOGRAPHICS, N_("Gender") },
  { PD_MEMBER_FIELD_RACE, DEMOGRAPHICS, N_("Race") },
  { PD_MEMBER_FIELD_ETHNICITY, DEMOGRAPHICS, N_("Ethnicity") },
  { PD_MEMBER_FIELD_VETERAN, DEMOGRAPHICS, N_("Veteran") },
  { PD_MEMBER_FIELD_HOUSING, DEMOGRAPHICS, N_("Housing") },
  { PD_MEMBER_FIELD_JUSTICE, DEMOGRAPHICS, N_("Justice Involvement") },
  { PD_MEMBER_FIELD_MAY_CONTACT, CONSENT, N_("May Be Contacted") },
  { PD_MEMBER_FIELD_REPORT_CONSENT, CONSENT, N_("Include in De-identified Reports") },
  { PD_MEMBER_FIELD_NOTES, NOTES, N_("Confidential Notes") },
};

struct _PdMemberEditor
{
  GtkWidget parent_instance;

  /* Template widgets */
  AdwPreferencesPage *page;
  AdwPreferencesGroup *groups[N_GROUPS];
  AdwPreferencesGroup *history_group;
  GtkListBox *history_list;
  GtkWidget *history_more_button;
  GtkWidget *show_notes_button;

  /* Borrowed: the widget showing each field, and for code sets their
   * check buttons in code-list order */
  GtkWidget *widgets[PD_MEMBER_N_FIELDS];
  const char *hints[PD_MEMBER_N_FIELDS];
  GPtrArray *checks[PD_MEMBER_N_FIELDS];
  GtkTextBuffer *notes_buffer;
  GtkWidget *notes_frame;

  /* Owned */
  PdMember *original;
  gboolean invalid[PD_MEMBER_N_FIELDS];
  gboolean loading;
  gboolean dirty;
  gboolean valid;
  char *problem;
  gboolean editable;
  gboolean notes_allowed;
};

G_DEFINE_FINAL_TYPE (PdMemberEditor, pd_member_editor, GTK_TYPE_WIDGET)

enum {
  HISTORY_MORE,
  SHOW_NOTES,
  STATE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
read_code_set (PdMemberEditor *self,
               PdMemberField   field)
{
  const PdCode *codes = pd_member_field_info (field)->codes;
  GPtrArray *checks = self->checks[field];
  GString *value = g_string_new (NULL);

  for (guint i = 0; i < checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (checks, i)))
      g_string_append_printf (value, "%s%s", value->len ? ";" : "", codes[i].code);

  if (value->len == 0)
    g_string_append (value, "not_collected");
  return g_string_free (value, FALSE);
}

/* The value of @field as the form shows it now. */
static char *
read_field (PdMemberEditor *self,
            PdMemberField   field)
{
  const PdFieldInfo *info = pd_member_field_info (field);
  GtkWidget *widget = self->widgets[field];

  if (field == PD_MEMBER_FIELD_NOTES)
    {
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (self->notes_buffer, &start, &end);
      return gtk_text_buffer_get_text (self->notes_buffer, &start, &end, FALSE);
    }

  if (widget == NULL || info->kind == PD_FIELD_NUMBER || field == PD_MEMBER_FIELD_STATUS ||
      info->kind == PD_FIELD_TIMESTAMP)
    return g_strdup (self->original ? pd_member_get (self->original, field) : "");

  switch (info->kind)
    {
    case PD_FIELD_FLAG:
      return g_strdup (gtk_switch_get_active (GTK_SWITCH (widget)) ? "1" : "0");

    case PD_FIELD_CODE:
      {
        guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (widget));

        return g_strdup (info->codes[selected].code);
      }

    case PD_FIELD_CODE_SET:
      return read_code_set (self, field);

    case PD_FIELD_TEXT:
    case PD_FIELD_DATE:
    case PD_FIELD_PARTIAL_DATE:
    case PD_FIELD_PHONE:
    case PD_FIELD_EMAIL:
    case PD_FIELD_NUMBER:
    case PD_FIELD_TIMESTAMP:
    default:
      return g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));
    }
}

static void
show_field_error (PdMemberEditor *self,
                  PdMemberField   field,
                  const char     *message)
{
  GtkWidget *widget = self->widgets[field];

  /* The notes are a text view, not a row: their group says what is wrong. */
  if (field == PD_MEMBER_FIELD_NOTES)
    adw_preferences_group_set_description (self->groups[NOTES],
                                           message ? message
                                                   : _("Seen only by staff; never exported in "
                                                       "reports."));
  else if (PD_IS_ENTRY_ROW (widget))
    {
      pd_entry_row_set_error (PD_ENTRY_ROW (widget), message);
      return;
    }
  else if (!ADW_IS_PREFERENCES_ROW (widget))
    return;

  pd_field_error_show (widget, field == PD_MEMBER_FIELD_NOTES ? NULL : _(self->hints[field]),
                       message);
}

static void
update_state (PdMemberEditor *self)
{
  g_autoptr(PdMember) edited = NULL;
  g_autofree char *problem = NULL;
  gboolean dirty, valid = TRUE;

  if (self->original == NULL)
    return;

  edited = pd_member_editor_dup_edited (self);
  dirty = !pd_member_equal (edited, self->original);
  for (guint i = 0; i < PD_MEMBER_N_FIELDS; i++)
    valid &= !self->invalid[i];
  problem = pd_member_editor_dup_problem (self);

  if (dirty == self->dirty && valid == self->valid && g_strcmp0 (problem, self->problem) == 0)
    return;
  self->dirty = dirty;
  self->valid = valid;
  g_free (self->problem);
  self->problem = g_steal_pointer (&problem);
  g_signal_emit (self, signals[STATE_CHANGED], 0);
}

static void
validate_field (PdMemberEditor *self,
                PdMemberField   field)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = read_field (self, field);
  g_autofree char *normalized = pd_member_normalize_value (field, value);

  self->invalid[field] = !pd_member_validate_value (field, normalized, &error);
  show_field_error (self, field, error ? error->message : NULL);
}

/* The field that @source shows, and for a check button of a code set its
 * place in the set. */
static PdMemberField
find_field (PdMemberEditor *self,
            GObject        *source,
            guint          *index)
{
  if (source == G_OBJECT (self->notes_buffer))
    return PD_MEMBER_FIELD_NOTES;
  for (guint i = 0; i < PD_MEMBER_N_FIELDS; i++)
    {
      if (source == G_OBJECT (self->widgets[i]))
        return i;
      if (self->checks[i] != NULL && index != NULL &&
          g_ptr_array_find (self->checks[i], source, index))
        return i;
    }
  g_assert_not_reached ();
}

static void
on_field_changed_cb (PdMemberEditor *self,
                     GObject        *source)
{
  guint index;

  if (self->loading)
    return;
  validate_field (self, find_field (self, source, &index));
  update_state (self);
}

static void
on_field_notify_cb (PdMemberEditor *self,
                    GParamSpec     *pspec,
                    GObject        *source)
{
  on_field_changed_cb (self, source);
}

static void
update_code_set_subtitle (PdMemberEditor *self,
                          PdMemberField   field)
{
  const PdCode *codes = pd_member_field_info (field)->codes;
  GPtrArray *checks = self->checks[field];
  GString *subtitle = g_string_new (NULL);

  for (guint i = 0; i < checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (checks, i)))
      g_string_append_printf (subtitle, "%s%s", subtitle->len ? ", " : "", _(codes[i].label));
  if (subtitle->len == 0)
    g_string_append (subtitle, _("Not collected"));

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->widgets[field]), subtitle->str);
  g_string_free (subtitle, TRUE);
}

/* A data-quality answer ("Prefers not to answer") excludes the other
 * choices, and a choice excludes the data-quality answers. */
static void
on_code_check_toggled_cb (PdMemberEditor *self,
                          GtkCheckButton *check)
{
  guint index = 0;
  PdMemberField field = find_field (self, G_OBJECT (check), &index);
  const PdCode *codes = pd_member_field_info (field)->codes;
  GPtrArray *checks = self->checks[field];

  if (!self->loading && gtk_check_button_get_active (check))
    {
      gboolean is_dq = pd_code_is_data_quality (codes[index].code);

      self->loading = TRUE;
      for (guint i = 0; i < checks->len; i++)
        if (i != index && (is_dq || pd_code_is_data_quality (codes[i].code)))
          gtk_check_button_set_active (g_ptr_array_index (checks, i), FALSE);
      self->loading = FALSE;
    }

  update_code_set_subtitle (self, field);
  on_field_changed_cb (self, G_OBJECT (check));
}

static GtkWidget *
create_entry_row (PdMemberEditor *self,
                  PdMemberField   field)
{
  const PdFieldInfo *info = pd_member_field_info (field);
  GtkWidget *row = pd_entry_row_new (_(self->hints[field]));

  if (info->kind == PD_FIELD_PHONE)
    adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_PHONE);
  else if (info->kind == PD_FIELD_EMAIL)
    adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_EMAIL);
  else if (info->kind == PD_FIELD_TEXT)
    adw_entry_row_set_input_hints (ADW_ENTRY_ROW (row), GTK_INPUT_HINT_WORD_COMPLETION);

  g_signal_connect_object (row, "changed", G_CALLBACK (on_field_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* A field left is checked, as one typed in: a first name required. */
  g_signal_connect_object (row, "notify::touched", G_CALLBACK (on_field_notify_cb), self,
                           G_CONNECT_SWAPPED);
  return row;
}

static GtkWidget *
create_combo_row (PdMemberEditor *self,
                  PdMemberField   field)
{
  const PdCode *codes = pd_member_field_info (field)->codes;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();

  for (guint i = 0; codes[i].code; i++)
    gtk_string_list_append (labels, _(codes[i].label));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_field_notify_cb), self,
                           G_CONNECT_SWAPPED);
  return row;
}

static GtkWidget *
create_expander_row (PdMemberEditor *self,
                     PdMemberField   field)
{
  const PdCode *codes = pd_member_field_info (field)->codes;
  GtkWidget *row = adw_expander_row_new ();

  self->checks[field] = g_ptr_array_new ();
  for (guint i = 0; codes[i].code; i++)
    {
      GtkWidget *child = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (child), _(codes[i].label));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (child), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (child), check);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(codes[i].label), -1);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_code_check_toggled_cb), self,
                               G_CONNECT_SWAPPED);
      g_ptr_array_add (self->checks[field], check);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), child);
    }
  return row;
}

static GtkWidget *
create_switch_row (PdMemberEditor *self,
                   PdMemberField   field)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(pd_member_field_info (field)->label), -1);
  g_signal_connect_object (toggle, "notify::active", G_CALLBACK (on_field_notify_cb), self,
                           G_CONNECT_SWAPPED);
  self->widgets[field] = toggle;
  return row;
}

static GtkWidget *
create_notes_view (PdMemberEditor *self)
{
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_widget_set_size_request (view, -1, 120);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Confidential notes"), -1);

  self->notes_buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  g_signal_connect_object (self->notes_buffer, "changed", G_CALLBACK (on_field_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->widgets[PD_MEMBER_FIELD_NOTES] = view;
  self->notes_frame = frame;
  return frame;
}

/* Builds one row per field from the field table, so that a field added to
 * the member is added to the form in one place. */
static void
build_form (PdMemberEditor *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (layout); i++)
    {
      PdMemberField field = layout[i].field;
      const PdFieldInfo *info = pd_member_field_info (field);
      GtkWidget *row;

      self->hints[field] = layout[i].hint;

      if (field == PD_MEMBER_FIELD_NOTES)
        row = create_notes_view (self);
      else if (info->kind == PD_FIELD_NUMBER || field == PD_MEMBER_FIELD_STATUS)
        row = adw_action_row_new ();
      else if (info->kind == PD_FIELD_FLAG)
        row = create_switch_row (self, field);
      else if (info->kind == PD_FIELD_CODE)
        row = create_combo_row (self, field);
      else if (info->kind == PD_FIELD_CODE_SET)
        row = create_expander_row (self, field);
      else
        row = create_entry_row (self, field);

      /* Titles quote what was typed when it is wrong: plain text, never
       * markup. */
      if (ADW_IS_PREFERENCES_ROW (row) && !PD_IS_ENTRY_ROW (row))
        {
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(layout[i].hint));
        }
      if (self->widgets[field] == NULL)
        self->widgets[field] = row;
      gtk_widget_set_name (row, info->name);
      adw_preferences_group_add (self->groups[layout[i].group], row);
    }
}

static void
load_field (PdMemberEditor *self,
            PdMemberField   field,
            const char     *value)
{
  const PdFieldInfo *info = pd_member_field_info (field);
  GtkWidget *widget = self->widgets[field];

  if (widget == NULL)
    return;

  if (field == PD_MEMBER_FIELD_NOTES)
    gtk_text_buffer_set_text (self->notes_buffer, value, -1);
  else if (info->kind == PD_FIELD_NUMBER)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (widget),
                                 *value ? value : _("Given when the member is saved"));
  else if (field == PD_MEMBER_FIELD_STATUS)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (widget), _(pd_code_label (info->codes, value)));
  else if (info->kind == PD_FIELD_FLAG)
    gtk_switch_set_active (GTK_SWITCH (widget), g_strcmp0 (value, "1") == 0);
  else if (info->kind == PD_FIELD_CODE)
    {
      /* An answer not in the list (never stored, as values are checked)
       * shows as the field's default rather than the last member's. */
      guint selected = 0;

      for (guint i = 0; info->codes[i].code; i++)
        if (g_strcmp0 (info->codes[i].code, info->default_value) == 0)
          selected = i;
      for (guint i = 0; info->codes[i].code; i++)
        if (g_strcmp0 (info->codes[i].code, value) == 0)
          selected = i;
      adw_combo_row_set_selected (ADW_COMBO_ROW (widget), selected);
    }
  else if (info->kind == PD_FIELD_CODE_SET)
    {
      g_auto(GStrv) codes = g_strsplit (value, ";", -1);
      GPtrArray *checks = self->checks[field];

      for (guint i = 0; i < checks->len; i++)
        gtk_check_button_set_active (g_ptr_array_index (checks, i),
                                     g_strv_contains ((const char * const *) codes,
                                                      info->codes[i].code));
      update_code_set_subtitle (self, field);
    }
  else
    pd_entry_row_load_text (PD_ENTRY_ROW (widget), value);
}

static void
on_history_more_clicked_cb (PdMemberEditor *self)
{
  g_signal_emit (self, signals[HISTORY_MORE], 0);
}

/* Notes show only to a role that may read them, and only once asked for:
 * each reading is recorded. A new member has none to read. */
static void
update_notes (PdMemberEditor *self)
{
  gboolean withheld = self->original != NULL &&
                      pd_member_is_withheld (self->original, PD_MEMBER_FIELD_NOTES);

  gtk_widget_set_visible (GTK_WIDGET (self->groups[NOTES]), self->notes_allowed);
  gtk_widget_set_visible (self->show_notes_button, withheld);
  gtk_widget_set_visible (self->notes_frame, !withheld);
}

static void
on_show_notes_clicked_cb (PdMemberEditor *self)
{
  g_signal_emit (self, signals[SHOW_NOTES], 0);
}

static void
pd_member_editor_dispose (GObject *object)
{
  PdMemberEditor *self = (PdMemberEditor *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), PD_TYPE_MEMBER_EDITOR);

  G_OBJECT_CLASS (pd_member_editor_parent_class)->dispose (object);
}

static void
pd_member_editor_finalize (GObject *object)
{
  PdMemberEditor *self = (PdMemberEditor *)object;

  g_free (self->problem);
  for (guint i = 0; i < PD_MEMBER_N_FIELDS; i++)
    g_clear_pointer (&self->checks[i], g_ptr_array_unref);
  g_clear_object (&self->original);

  G_OBJECT_CLASS (pd_member_editor_parent_class)->finalize (object);
}

static void
pd_member_editor_class_init (PdMemberEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pd_member_editor_dispose;
  object_class->finalize = pd_member_editor_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/peerdesk/Peerdesk/pd-member-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PdMemberEditor, page);
  for (guint i = 0; i < N_GROUPS; i++)
    gtk_widget_class_bind_template_child_full (widget_class, group_ids[i], FALSE,
                                               G_STRUCT_OFFSET (PdMemberEditor, groups) +
                                               i * sizeof (AdwPreferencesGroup *));
  gtk_widget_class_bind_template_child (widget_class, PdMemberEditor, history_group);
  gtk_widget_class_bind_template_child (widget_class, PdMemberEditor, history_list);
  gtk_widget_class_bind_template_child (widget_class, PdMemberEditor, history_more_button);
  gtk_widget_class_bind_template_child (widget_class, PdMemberEditor, show_notes_button);
  gtk_widget_class_bind_template_callback (widget_class, on_history_more_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_show_notes_clicked_cb);

  /**
   * PdMemberEditor::history-more:
   *
   * Asks for the next, earlier page of the member's history.
   */
  signals[HISTORY_MORE] = g_signal_new ("history-more", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 0);
  /**
   * PdMemberEditor::show-notes:
   *
   * Asks for the member's confidential notes, withheld until then; give
   * them with pd_member_editor_show_notes().
   */
  signals[SHOW_NOTES] = g_signal_new ("show-notes", G_TYPE_FROM_CLASS (klass),
                                      G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * PdMemberEditor::state-changed:
   *
   * Says that whether the member was changed, whether it can be saved, or
   * what keeps it from being saved, has changed.
   */
  signals[STATE_CHANGED] = g_signal_new ("state-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 0);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pd_member_editor_init (PdMemberEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->valid = TRUE;
  self->editable = TRUE;
  build_form (self);
  pd_accessible_fix_names (GTK_WIDGET (self));
  show_field_error (self, PD_MEMBER_FIELD_NOTES, NULL);
}

GtkWidget *
pd_member_editor_new (void)
{
  return g_object_new (PD_TYPE_MEMBER_EDITOR, NULL);
}

/* Shows @member for editing; a member with id 0 is a new one. The editor
 * keeps a copy, so the caller's object is never changed by typing. */
void
pd_member_editor_set_member (PdMemberEditor *self,
                             PdMember       *member)
{
  PdMember *copy;

  g_return_if_fail (PD_IS_MEMBER_EDITOR (self));
  g_return_if_fail (PD_IS_MEMBER (member));

  /* Copied before the old one goes: @member may be that very object. */
  copy = pd_member_copy (member);
  g_clear_object (&self->original);
  self->original = copy;

  self->loading = TRUE;
  for (guint i = 0; i < PD_MEMBER_N_FIELDS; i++)
    load_field (self, i, pd_member_get (member, i));
  self->loading = FALSE;

  for (guint i = 0; i < PD_MEMBER_N_FIELDS; i++)
    {
      self->invalid[i] = FALSE;
      if (self->widgets[i] != NULL)
        show_field_error (self, i, NULL);
    }

  update_notes (self);
  /* A new member's empty first name is not an error until it is typed. */
  update_state (self);
}

PdMember *
pd_member_editor_get_original (PdMemberEditor *self)
{
  g_return_val_if_fail (PD_IS_MEMBER_EDITOR (self), NULL);
  return self->original;
}

/* The member as the form shows it now, values normalized. */
PdMember *
pd_member_editor_dup_edited (PdMemberEditor *self)
{
  PdMember *edited;

  g_return_val_if_fail (PD_IS_MEMBER_EDITOR (self), NULL);
  g_return_val_if_fail (self->original != NULL, NULL);

  edited = pd_member_copy (self->original);
  for (guint i = 0; i < PD_MEMBER_N_FIELDS; i++)
    {
      g_autofree char *value = read_field (self, i);
      g_autofree char *normalized = pd_member_normalize_value (i, value);

      /* A value the form was not given stays withheld unless typed in. */
      if (pd_member_is_withheld (self->original, i) && *normalized == '\0')
        continue;
      pd_member_set (edited, i, normalized);
    }
  return edited;
}

gboolean
pd_member_editor_get_dirty (PdMemberEditor *self)
{
  g_return_val_if_fail (PD_IS_MEMBER_EDITOR (self), FALSE);
  return self->dirty;
}

/* Validates every field, shows what is wrong beside each, and says
 * whether the member can be saved. */
gboolean
pd_member_editor_get_valid (PdMemberEditor *self)
{
  g_return_val_if_fail (PD_IS_MEMBER_EDITOR (self), FALSE);

  self->loading = TRUE;
  pd_entry_row_touch_all (GTK_WIDGET (self));
  self->loading = FALSE;
  for (guint i = 0; i < PD_MEMBER_N_FIELDS; i++)
    if (self->widgets[i] != NULL)
      validate_field (self, i);
  update_state (self);
  return self->valid;
}

/* What keeps the member from being saved, as "field — what is wrong" for
 * the first field in error; NULL when every field is valid. */
char *
pd_member_editor_dup_problem (PdMemberEditor *self)
{
  g_return_val_if_fail (PD_IS_MEMBER_EDITOR (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (layout); i++)
    {
      PdMemberField field = layout[i].field;
      g_autoptr(GError) error = NULL;
      g_autofree char *value = NULL;
      g_autofree char *normalized = NULL;

      if (!self->invalid[field])
        continue;
      value = read_field (self, field);
      normalized = pd_member_normalize_value (field, value);
      if (pd_member_validate_value (field, normalized, &error))
        continue;
      /* Translators: a field's name, then what is wrong with what was typed in it */
      return g_strdup_printf (_("%s — %s"), _(layout[i].hint), error->message);
    }
  return NULL;
}

/* Records a status change made outside the form (deactivation) without
 * counting it as an unsaved edit. */
void
pd_member_editor_set_status (PdMemberEditor *self,
                             const char     *status)
{
  g_return_if_fail (PD_IS_MEMBER_EDITOR (self));

  if (self->original == NULL)
    return;
  pd_member_set (self->original, PD_MEMBER_FIELD_STATUS, status);
  /* The change of status was a save of its own, one version on: the form
   * stays in step with it, and still behind any other desk's save. */
  if (pd_member_get_version (self->original) > 0)
    pd_member_set_version (self->original, pd_member_get_version (self->original) + 1);
  self->loading = TRUE;
  load_field (self, PD_MEMBER_FIELD_STATUS, status);
  self->loading = FALSE;
  update_state (self);
}

GtkWidget *
pd_member_editor_get_field_widget (PdMemberEditor *self,
                                   PdMemberField   field)
{
  g_return_val_if_fail (PD_IS_MEMBER_EDITOR (self), NULL);
  g_return_val_if_fail (field < PD_MEMBER_N_FIELDS, NULL);
  return self->widgets[field];
}

/* Read-only, the form shows the member as a page to read; Edit unlocks
 * it. Values stay selectable and every row keeps its place, so nothing
 * moves when the form is unlocked. */
/* The pencil an entry row shows says it can be typed in, which a page to
 * read must not say. libadwaita 1.2 shows it whatever the row's editable
 * property; it keeps its place, so that nothing moves on Edit. */
static void
show_edit_icon (GtkWidget *widget,
                gboolean   shown)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_widget_has_css_class (child, "edit-icon"))
        gtk_widget_set_opacity (child, shown ? 1.0 : 0.0);
      else
        show_edit_icon (child, shown);
    }
}

void
pd_member_editor_set_editable (PdMemberEditor *self,
                               gboolean        editable)
{
  g_return_if_fail (PD_IS_MEMBER_EDITOR (self));

  editable = !!editable;
  if (self->editable == editable)
    return;
  self->editable = editable;

  for (guint i = 0; i < G_N_ELEMENTS (layout); i++)
    {
      PdMemberField field = layout[i].field;
      const PdFieldInfo *info = pd_member_field_info (field);
      GtkWidget *widget = self->widgets[field];

      if (widget == NULL)
        continue;
      if (field == PD_MEMBER_FIELD_NOTES)
        {
          gtk_text_view_set_editable (GTK_TEXT_VIEW (widget), editable);
          gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (widget), editable);
        }
      else if (info->kind == PD_FIELD_NUMBER || field == PD_MEMBER_FIELD_STATUS)
        continue;
      else if (info->kind == PD_FIELD_FLAG)
        gtk_widget_set_sensitive (widget, editable);
      else if (info->kind == PD_FIELD_CODE)
        gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (widget), editable);
      else if (info->kind == PD_FIELD_CODE_SET)
        for (guint j = 0; j < self->checks[field]->len; j++)
          gtk_widget_set_sensitive (g_ptr_array_index (self->checks[field], j), editable);
      else
        {
          gtk_editable_set_editable (GTK_EDITABLE (widget), editable);
          if (ADW_IS_ENTRY_ROW (widget))
            show_edit_icon (widget, editable);
        }
    }
}

gboolean
pd_member_editor_get_editable (PdMemberEditor *self)
{
  g_return_val_if_fail (PD_IS_MEMBER_EDITOR (self), FALSE);
  return self->editable;
}

void
pd_member_editor_focus_first (PdMemberEditor *self)
{
  g_return_if_fail (PD_IS_MEMBER_EDITOR (self));
  gtk_widget_grab_focus (self->widgets[PD_MEMBER_FIELD_FIRST_NAME]);
}

/* The member's visits and meetings are paged by the caller, which owns the
 * database: the editor shows what it is given, and asks for more. */
void
pd_member_editor_clear_history (PdMemberEditor *self)
{
  GtkWidget *child;

  g_return_if_fail (PD_IS_MEMBER_EDITOR (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    gtk_list_box_remove (self->history_list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->history_group), FALSE);
  gtk_widget_set_visible (self->history_more_button, FALSE);
}

void
pd_member_editor_add_history (PdMemberEditor *self,
                              GPtrArray      *entries,
                              gboolean        more)
{
  g_return_if_fail (PD_IS_MEMBER_EDITOR (self));

  for (guint i = 0; i < entries->len; i++)
    {
      PdHistoryEntry *entry = g_ptr_array_index (entries, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *date = pd_date_format (entry->at);
      g_autofree char *time = g_strndup (entry->at && strlen (entry->at) >= 16 ? entry->at + 11
                                                                               : "", 5);
      const char *kind = g_str_equal (entry->kind, "visit") ? _("Visit") : _("Meeting");
      g_autofree char *title = NULL;
      g_autofree char *when = NULL;

      /* Translators: the date of a visit or meeting, then its time */
      when = *time ? g_strdup_printf (_("%s · %s"), date, time) : g_strdup (date);
      /* Translators: "Visit" or "Meeting", then the purpose or the group's name */
      title = g_strdup_printf (_("%s: %s"), kind, entry->what);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), when);
      gtk_list_box_append (self->history_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->history_group),
                          gtk_widget_get_first_child (GTK_WIDGET (self->history_list)) != NULL);
  gtk_widget_set_visible (self->history_more_button, more);
}

guint
pd_member_editor_get_n_history (PdMemberEditor *self)
{
  guint n = 0;

  g_return_val_if_fail (PD_IS_MEMBER_EDITOR (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

/* Whether the role may read and write confidential notes: the notes'
 * group shows only then. */
void
pd_member_editor_set_notes_allowed (PdMemberEditor *self,
                                    gboolean        allowed)
{
  g_return_if_fail (PD_IS_MEMBER_EDITOR (self));

  self->notes_allowed = !!allowed;
  /* Notes shown to someone who may read them are not left in the form for
   * someone who may not. */
  if (!allowed && self->original != NULL && pd_member_get_id (self->original) != 0 &&
      !pd_member_is_withheld (self->original, PD_MEMBER_FIELD_NOTES))
    {
      pd_member_withhold (self->original, PD_MEMBER_FIELD_NOTES);
      self->loading = TRUE;
      load_field (self, PD_MEMBER_FIELD_NOTES, "");
      self->loading = FALSE;
      update_state (self);
    }
  update_notes (self);
}

/* Shows the notes read for the member in the form, as asked for by
 * "show-notes". */
void
pd_member_editor_show_notes (PdMemberEditor *self,
                             const char     *notes)
{
  g_return_if_fail (PD_IS_MEMBER_EDITOR (self));
  g_return_if_fail (self->original != NULL);
  g_return_if_fail (notes != NULL);

  pd_member_set (self->original, PD_MEMBER_FIELD_NOTES, notes);
  self->loading = TRUE;
  load_field (self, PD_MEMBER_FIELD_NOTES, notes);
  self->loading = FALSE;
  update_notes (self);
  update_state (self);
}

/* A field's value as the form shows it: labels for codes, Yes or No for
 * flags. */
static char *
dup_shown_value (PdMemberField  field,
                 const char    *value)
{
  const PdFieldInfo *info = pd_member_field_info (field);
  g_auto(GStrv) codes = NULL;
  GString *shown;

  if (info->kind == PD_FIELD_FLAG)
    return g_strdup (g_strcmp0 (value, "1") == 0 ? _("Yes") : _("No"));
  if (info->codes == NULL || value == NULL || *value == '\0')
    return g_strdup (value);

  shown = g_string_new (NULL);
  codes = g_strsplit (value, ";", -1);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      const char *label = pd_code_label (info->codes, codes[i]);

      if (label == NULL)
        label = pd_code_label (pd_data_quality_codes (), codes[i]);
      g_string_append_printf (shown, "%s%s", i ? ", " : "", label ? _(label) : codes[i]);
    }
  return g_string_free (shown, FALSE);
}

/* Adds to @compare_dialog (pd_conflict_dialog_new_compare()) each field
 * whose value in the form differs from @theirs, as saved by another desk;
 * fields the form was not given are left out. */
void
pd_member_editor_add_differences (PdMemberEditor *self,
                                  GtkWidget      *compare_dialog,
                                  PdMember       *theirs)
{
  g_autoptr(PdMember) mine = NULL;

  g_return_if_fail (PD_IS_MEMBER_EDITOR (self));
  g_return_if_fail (PD_IS_MEMBER (theirs));

  mine = pd_member_editor_dup_edited (self);
  for (guint i = 0; i < PD_MEMBER_N_FIELDS; i++)
    {
      g_autofree char *yours = NULL;
      g_autofree char *stored = NULL;

      if (i == PD_MEMBER_FIELD_NUMBER || i == PD_MEMBER_FIELD_CREATED_AT ||
          i == PD_MEMBER_FIELD_UPDATED_AT || pd_member_field_info (i)->label == NULL ||
          pd_member_is_withheld (mine, i) || pd_member_is_withheld (theirs, i) ||
          g_strcmp0 (pd_member_get (mine, i), pd_member_get (theirs, i)) == 0)
        continue;
      yours = dup_shown_value (i, pd_member_get (mine, i));
      stored = dup_shown_value (i, pd_member_get (theirs, i));
      pd_conflict_dialog_add_difference (compare_dialog, _(pd_member_field_info (i)->label),
                                         yours, stored);
    }
}
