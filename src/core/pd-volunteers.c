/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "pd-audit.h"
#include "pd-conflict.h"
#include "pd-error.h"
#include "pd-label-list.h"
#include "pd-staff.h"
#include "pd-text.h"
#include "pd-volunteers-private.h"

static const PdLabelList role_list = {
  .list_sql = "SELECT id, label, archived, 0 FROM volunteer_roles"
              " WHERE archived = 0 OR :include_archived ORDER BY position, id",
  .find_sql = "SELECT id, label FROM volunteer_roles",
  .insert_sql = "INSERT INTO volunteer_roles (label, position)"
                " SELECT :label, coalesce (max (position), 0) + 1 FROM volunteer_roles",
  .rename_sql = "UPDATE volunteer_roles SET label = :label WHERE id = :id",
  .get_sql = "SELECT label, archived, 0 FROM volunteer_roles WHERE id = :id",
  .archive_sql = "UPDATE volunteer_roles SET archived = :archived WHERE id = :id",
  .changed = "volunteer_roles",
  .also_changed = "volunteers",   /* volunteers are shown with their roles */
  .max_length = 80,
  .read_right = PD_RIGHT_VOLUNTEERS,
  .read_what = N_("look up volunteers"),
  .not_utf8 = N_("The role is not valid UTF-8 text"),
  .empty = N_("A volunteer role needs a name"),
  .too_long = N_("The name of a volunteer role can have at most %d characters"),
  .duplicate = N_("There is already a volunteer role “%s”"),
  .not_found = N_("There is no volunteer role with id %" PRId64),
};

#define VOLUNTEER_COLUMNS \
  "id, coalesce (member_id, 0), display_name, phone, email, start_date," \
  " background_check_date, status, notes, version, updated_by"

static const PdCode volunteer_statuses[] = {
  { "active", N_("Active") },
  { "on_leave", N_("On leave") },
  { "former", N_("Former") },
  { NULL, NULL }
};

const PdCode *
pd_volunteer_statuses (void)
{
  return volunteer_statuses;
}

/* Trims a text field in place, giving NULL the value "". */
void
pd_volunteer_strip_field (char **field)
{
  if (*field == NULL)
    *field = g_strdup ("");
  g_strstrip (*field);
}

/* Whether the row @sql selects with @id as its one parameter, :id, exists. */
gboolean
pd_volunteer_row_exists (PdDatabase  *db,
                         const char  *sql,
                         gint64       id,
                         gboolean    *exists,
                         GError     **error)
{
  g_autoptr(PdStatement) stmt = pd_database_query (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  pd_statement_bind_int64 (stmt, "id", id);
  return pd_statement_fetch (stmt, exists, error);
}

gboolean
pd_volunteers_check_exists (PdDatabase  *db,
                            gint64       id,
                            GError     **error)
{
  gboolean exists;

  if (!pd_volunteer_row_exists (db, "SELECT 1 FROM volunteers WHERE id = :id", id, &exists,
                                error))
    return FALSE;
  if (!exists)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("There is no volunteer with id %" PRId64), id);
      return FALSE;
    }
  return TRUE;
}

/* Checks a date that says when something happened: valid, and not after
 * today. @what names the field. */
gboolean
pd_volunteer_validate_date (const char  *what,
                            const char  *date,
                            gboolean     required,
                            GError     **error)
{
  g_autofree char *today = NULL;
  GDate parsed;

  if (pd_text_is_blank (date))
    {
      if (!required)
        return TRUE;
      /* TRANSLATORS: %s is the name of a field, as "start date" */
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("%s: this is required"), what);
      return FALSE;
    }
  if (!pd_date_parse (date, &parsed))
    {
      g_autofree char *excerpt = pd_text_excerpt (date, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("%s: “%s” is not a date (YYYY-MM-DD)"),
                   what, excerpt);
      return FALSE;
    }
  /* Both are zero-padded ISO dates, which sort as text. */
  today = pd_date_today ();
  if (strcmp (date, today) > 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("%s: %s is in the future"), what, date);
      return FALSE;
    }
  return TRUE;
}

gboolean
pd_volunteer_validate_text (const char  *what,
                            const char  *text,
                            gboolean     required,
                            glong        max_length,
                            GError     **error)
{
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("%s: the text is not valid UTF-8"), what);
      return FALSE;
    }
  if (required && pd_text_is_blank (text))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("%s: this is required"), what);
      return FALSE;
    }
  if (text != NULL && g_utf8_strlen (text, -1) > max_length)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("%s: the text is too long (at most %ld characters)"), what, max_length);
      return FALSE;
    }
  return TRUE;
}

/* Volunteers */

PdVolunteer *
pd_volunteer_new (void)
{
  PdVolunteer *volunteer = g_new0 (PdVolunteer, 1);

  volunteer->display_name = g_strdup ("");
  volunteer->phone = g_strdup ("");
  volunteer->email = g_strdup ("");
  volunteer->start_date = pd_date_today ();
  volunteer->background_check_date = g_strdup ("");
  volunteer->status = g_strdup ("active");
  volunteer->notes = g_strdup ("");
  volunteer->role_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return volunteer;
}

void
pd_volunteer_free (PdVolunteer *volunteer)
{
  if (volunteer == NULL)
    return;
  g_free (volunteer->display_name);
  g_free (volunteer->phone);
  g_free (volunteer->email);
  g_free (volunteer->start_date);
  g_free (volunteer->background_check_date);
  g_free (volunteer->status);
  g_free (volunteer->notes);
  g_free (volunteer->updated_by);
  g_clear_pointer (&volunteer->role_ids, g_array_unref);
  g_free (volunteer);
}

void
pd_role_free (PdVolunteerRole *role)
{
  if (role == NULL)
    return;
  g_free (role->label);
  g_free (role);
}

/* Phone numbers and email addresses follow the rules of a member's, so
 * that a volunteer's record can be filled in from theirs and back. */
static gboolean
validate_contact (const char     *what,
                  PdMemberField   field,
                  const char     *value,
                  GError        **error)
{
  g_autofree char *normalized = pd_member_normalize_value (field, value);
  g_autoptr(GError) local_error = NULL;

  if (!pd_member_validate_value (field, normalized, &local_error))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, "%s: %s", what, local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
pd_volunteer_validate (const PdVolunteer  *volunteer,
                       GError            **error)
{
  g_return_val_if_fail (volunteer != NULL, FALSE);

  if (!pd_volunteer_validate_text (_("display name"), volunteer->display_name, TRUE,
                                   PD_VOLUNTEER_MAX_TEXT_LENGTH, error) ||
      !validate_contact (_("phone"), PD_MEMBER_FIELD_PHONE, volunteer->phone, error) ||
      !validate_contact (_("email"), PD_MEMBER_FIELD_EMAIL, volunteer->email, error) ||
      !pd_volunteer_validate_date (_("start date"), volunteer->start_date, TRUE, error))
    return FALSE;

  if (!pd_text_is_blank (volunteer->background_check_date))
    {
      GDate parsed;

      if (!pd_date_parse (volunteer->background_check_date, &parsed))
        {
          g_autofree char *excerpt = pd_text_excerpt (volunteer->background_check_date, -1);

          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("background check date: “%s” is not a date (YYYY-MM-DD)"), excerpt);
          return FALSE;
        }
    }

  if (pd_code_label (volunteer_statuses, volunteer->status) == NULL)
    {
      g_autofree char *known = pd_codes_list (volunteer_statuses);
      g_autofree char *excerpt = pd_text_excerpt (volunteer->status, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("status: “%s” is not a known code (one of: %s)"), excerpt, known);
      return FALSE;
    }

  return pd_volunteer_validate_text (_("notes"), volunteer->notes, FALSE,
                                     PD_VOLUNTEER_MAX_NOTES_LENGTH, error);
}

/* Puts what was typed in its stored form, then validates it. */
static gboolean
prepare_volunteer (PdVolunteer  *volunteer,
                   GError      **error)
{
  char **texts[] = { &volunteer->display_name, &volunteer->start_date,
                     &volunteer->background_check_date, &volunteer->status };
  char *value;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    pd_volunteer_strip_field (texts[i]);
  if (volunteer->notes == NULL)
    volunteer->notes = g_strdup ("");
  if (volunteer->role_ids == NULL)
    volunteer->role_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  value = pd_member_normalize_value (PD_MEMBER_FIELD_PHONE, volunteer->phone);
  g_free (volunteer->phone);
  volunteer->phone = value;
  value = pd_member_normalize_value (PD_MEMBER_FIELD_EMAIL, volunteer->email);
  g_free (volunteer->email);
  volunteer->email = value;

  return pd_volunteer_validate (volunteer, error);
}

/* The member a volunteer is linked to must exist, and be linked to no
 * other volunteer: one person, one volunteer record. */
static gboolean
check_member_link (PdDatabase         *db,
                   const PdVolunteer  *volunteer,
                   GError            **error)
{
  g_autoptr(PdStatement) stmt = NULL;
  gboolean exists, found;

  if (volunteer->member_id == 0)
    return TRUE;

  if (!pd_volunteer_row_exists (db, "SELECT 1 FROM members WHERE id = :id", volunteer->member_id,
                                &exists, error))
    return FALSE;
  if (!exists)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("member: there is no member with id %" PRId64),
                   volunteer->member_id);
      return FALSE;
    }

  stmt = pd_database_query (db,
                            "SELECT display_name FROM volunteers"
                            " WHERE member_id = :member_id AND id <> :id",
                            error);
  if (stmt == NULL)
    return FALSE;
  pd_statement_bind_int64 (stmt, "member_id", volunteer->member_id);
  pd_statement_bind_int64 (stmt, "id", volunteer->id);
  if (!pd_statement_fetch (stmt, &found, error))
    return FALSE;
  if (found)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_DUPLICATE,
                   _("member: member %" PRId64 " is linked to the volunteer “%s” already"),
                   volunteer->member_id, pd_statement_get_text (stmt, 0));
      return FALSE;
    }
  return TRUE;
}

/* Replaces the volunteer's roles with those of @volunteer; the caller
 * holds a transaction. */
static gboolean
write_roles (PdDatabase         *db,
             const PdVolunteer  *volunteer,
             GError            **error)
{
  g_autoptr(PdStatement) delete = NULL;
  g_autoptr(PdStatement) insert = NULL;

  for (guint i = 0; i < volunteer->role_ids->len; i++)
    {
      gint64 role_id = g_array_index (volunteer->role_ids, gint64, i);
      gboolean exists;

      if (!pd_volunteer_row_exists (db, "SELECT 1 FROM volunteer_roles WHERE id = :id", role_id,
                                    &exists, error))
        return FALSE;
      if (!exists)
        {
          g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                       _("roles: there is no role with id %" PRId64), role_id);
          return FALSE;
        }
    }

  delete = pd_database_query (db, "DELETE FROM volunteer_role_links WHERE volunteer_id = :id",
                             error);
  if (delete == NULL)
    return FALSE;
  pd_statement_bind_int64 (delete, "id", volunteer->id);
  if (!pd_statement_execute (delete, error))
    return FALSE;

  /* A role listed twice is held once. */
  insert = pd_database_query (db,
                             "INSERT INTO volunteer_role_links (volunteer_id, role_id)"
                             " VALUES (:volunteer_id, :role_id)"
                             " ON CONFLICT (volunteer_id, role_id) DO NOTHING",
                             error);
  if (insert == NULL)
    return FALSE;
  for (guint i = 0; i < volunteer->role_ids->len; i++)
    {
      pd_statement_bind_int64 (insert, "volunteer_id", volunteer->id);
      pd_statement_bind_int64 (insert, "role_id", g_array_index (volunteer->role_ids, gint64, i));
      if (!pd_statement_execute (insert, error))
        return FALSE;
    }
  return TRUE;
}

/* Writes a volunteer's row with @sql, an INSERT or (@update) an UPDATE
 * naming the columns as :member_id, :display_name, :phone, :email,
 * :start_date, :background_check_date, :status, :notes and :now, and the
 * volunteer updated as :id; then their roles. In one transaction, checked
 * first. */
static gboolean
write_volunteer (PdDatabase   *db,
                 PdVolunteer  *volunteer,
                 gboolean      update,
                 const char   *desk,
                 gboolean      overwrite,
                 const char   *sql,
                 GError      **error)
{
  g_autoptr(PdTransaction) transaction = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  g_autofree char *now = NULL;
  const char *actor = pd_database_get_actor (db, desk ? desk : "");
  gint64 seen = volunteer->version;

  transaction = pd_database_begin_transaction (db, error);
  if (transaction == NULL ||
      (update && !pd_volunteers_check_exists (db, volunteer->id, error)) ||
      !check_member_link (db, volunteer, error))
    return FALSE;

  /* A volunteer not read from the database (version 0) has seen nothing
   * to keep; the person's choice to keep theirs is a save over the
   * version stored now. */
  if (update && (overwrite || seen == 0))
    {
      seen = pd_conflict_read_version (db, "volunteers", volunteer->id, error);
      if (seen < 0)
        return FALSE;
    }

  stmt = pd_database_query (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  now = pd_timestamp_now ();
  if (volunteer->member_id != 0)
    pd_statement_bind_int64 (stmt, "member_id", volunteer->member_id);
  else
    pd_statement_bind_null (stmt, "member_id");
  pd_statement_bind_text (stmt, "display_name", volunteer->display_name);
  pd_statement_bind_text (stmt, "phone", volunteer->phone);
  pd_statement_bind_text (stmt, "email", volunteer->email);
  pd_statement_bind_text (stmt, "start_date", volunteer->start_date);
  pd_statement_bind_text (stmt, "background_check_date", volunteer->background_check_date);
  pd_statement_bind_text (stmt, "status", volunteer->status);
  pd_statement_bind_text (stmt, "notes", volunteer->notes);
  pd_statement_bind_text (stmt, "now", now);
  pd_statement_bind_text (stmt, "updated_by", actor);
  if (update)
    {
      pd_statement_bind_int64 (stmt, "id", volunteer->id);
      pd_statement_bind_int64 (stmt, "seen", seen);
    }
  if (!pd_statement_execute (stmt, error))
    return FALSE;
  if (update && pd_statement_get_changes (stmt) == 0)
    {
      pd_conflict_explain (db, "volunteers", volunteer->id, error);
      return FALSE;
    }
  if (!update)
    volunteer->id = pd_statement_get_inserted_id (stmt);

  if (!write_roles (db, volunteer, error) || !pd_transaction_commit (transaction, error))
    return FALSE;
  volunteer->version = update ? seen + 1 : 1;
  g_free (volunteer->updated_by);
  volunteer->updated_by = g_strdup (actor);
  pd_database_notify_changed (db, "volunteers");
  return TRUE;
}

gint64
pd_volunteers_insert (PdDatabase   *db,
                      PdVolunteer  *volunteer,
                      GError      **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (db), 0);
  g_return_val_if_fail (volunteer != NULL, 0);

  if (!pd_database_require (db, PD_RIGHT_VOLUNTEERS, _("change volunteers"), error))
    return 0;

  volunteer->id = 0;
  if (!prepare_volunteer (volunteer, error) ||
      !write_volunteer (db, volunteer, FALSE, NULL, FALSE,
                        "INSERT INTO volunteers (member_id, display_name, phone, email,"
                        " start_date, background_check_date, status, notes, created_at,"
                        " updated_at, updated_by)"
                        " VALUES (:member_id, :display_name, :phone, :email, :start_date,"
                        " :background_check_date, :status, :notes, :now, :now, :updated_by)",
                        error))
    {
      volunteer->id = 0;
      return 0;
    }
  return volunteer->id;
}

gboolean
pd_volunteers_update (PdDatabase   *db,
                      PdVolunteer  *volunteer,
                      GError      **error)
{
  return pd_volunteers_update_full (db, volunteer, NULL, FALSE, error);
}

gboolean
pd_volunteers_update_full (PdDatabase   *db,
                           PdVolunteer  *volunteer,
                           const char   *desk,
                           gboolean      overwrite,
                           GError      **error)
{
  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (volunteer != NULL, FALSE);

  if (!pd_database_require (db, PD_RIGHT_VOLUNTEERS, _("change volunteers"), error))
    return FALSE;

  if (!prepare_volunteer (volunteer, error))
    return FALSE;
  return write_volunteer (db, volunteer, TRUE, desk, overwrite,
                          "UPDATE volunteers SET member_id = :member_id,"
                          " display_name = :display_name, phone = :phone, email = :email,"
                          " start_date = :start_date,"
                          " background_check_date = :background_check_date,"
                          " status = :status, notes = :notes, updated_at = :now,"
                          " updated_by = :updated_by, version = version + 1"
                          " WHERE id = :id AND version = :seen",
                          error);
}

static PdVolunteer *
volunteer_from_row (PdStatement *stmt)
{
  PdVolunteer *volunteer = g_new0 (PdVolunteer, 1);

  volunteer->id = pd_statement_get_int64 (stmt, 0);
  volunteer->member_id = pd_statement_get_int64 (stmt, 1);
  volunteer->display_name = pd_statement_dup_text (stmt, 2);
  volunteer->phone = pd_statement_dup_text (stmt, 3);
  volunteer->email = pd_statement_dup_text (stmt, 4);
  volunteer->start_date = pd_statement_dup_text (stmt, 5);
  volunteer->background_check_date = pd_statement_dup_text (stmt, 6);
  volunteer->status = pd_statement_dup_text (stmt, 7);
  volunteer->notes = pd_statement_dup_text (stmt, 8);
  volunteer->version = pd_statement_get_int64 (stmt, 9);
  volunteer->updated_by = pd_statement_dup_text (stmt, 10);
  volunteer->role_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return volunteer;
}

/* Fills in the ids of the volunteers' roles, in the order of the list of
 * roles. */
static gboolean
read_all_roles (PdDatabase  *db,
                GPtrArray   *volunteers,
                GError     **error)
{
  g_autoptr(PdStatement) stmt = NULL;

  stmt = pd_database_query (db,
                            "SELECT l.role_id FROM volunteer_role_links AS l"
                            " JOIN volunteer_roles AS r ON r.id = l.role_id"
                            " WHERE l.volunteer_id = :id"
                            " ORDER BY r.position, r.id",
                            error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < volunteers->len; i++)
    {
      PdVolunteer *volunteer = g_ptr_array_index (volunteers, i);

      pd_statement_bind_int64 (stmt, "id", volunteer->id);
      g_array_set_size (volunteer->role_ids, 0);
      while (pd_statement_next (stmt))
        {
          gint64 role_id = pd_statement_get_int64 (stmt, 0);

          g_array_append_val (volunteer->role_ids, role_id);
        }
      if (!pd_statement_finish (stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* A facilitator picks a group's facilitator from the volunteers by name:
 * names and roles only, without the contact details and notes that are
 * the coordinator's. */
static gboolean
require_volunteer_names (PdDatabase  *db,
                         GError     **error)
{
  return pd_database_has_right (db, PD_RIGHT_MEETINGS) ||
         pd_database_require (db, PD_RIGHT_VOLUNTEERS, _("look up volunteers"), error);
}

static void
withhold_details (PdDatabase *db,
                  GPtrArray  *volunteers)
{
  if (pd_database_has_right (db, PD_RIGHT_VOLUNTEERS))
    return;
  for (guint i = 0; i < volunteers->len; i++)
    {
      PdVolunteer *volunteer = g_ptr_array_index (volunteers, i);

      g_free (volunteer->phone);
      g_free (volunteer->email);
      g_free (volunteer->background_check_date);
      g_free (volunteer->notes);
      volunteer->phone = g_strdup ("");
      volunteer->email = g_strdup ("");
      volunteer->background_check_date = g_strdup ("");
      volunteer->notes = g_strdup ("");
    }
}

/* Reads @stmt to its end collecting its volunteers, without their roles. */
static GPtrArray *
collect_volunteers (PdStatement  *stmt,
                    GError      **error)
{
  return pd_statement_collect (stmt, (PdRowFunc) volunteer_from_row,
                               (GDestroyNotify) pd_volunteer_free, error);
}

PdVolunteer *
pd_volunteers_get (PdDatabase  *db,
                   gint64       id,
                   GError     **error)
{
  g_autoptr(GPtrArray) volunteers = NULL;
  g_autoptr(PdStatement) stmt = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  if (!require_volunteer_names (db, error))
    return NULL;
  stmt = pd_database_query (db, "SELECT " VOLUNTEER_COLUMNS " FROM volunteers WHERE id = :id",
                            error);
  if (stmt == NULL)
    return NULL;
  pd_statement_bind_int64 (stmt, "id", id);
  volunteers = collect_volunteers (stmt, error);
  if (volunteers == NULL || !read_all_roles (db, volunteers, error))
    return NULL;
  withhold_details (db, volunteers);
  if (volunteers->len == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("There is no volunteer with id %" PRId64), id);
      return NULL;
    }
  return g_ptr_array_steal_index (volunteers, 0);
}

/* "12" or "#12", as a volunteer's id is written. */
static gboolean
parse_id (const char *text,
          gint64     *id)
{
  guint64 value;

  if (*text == '#')
    text++;
  if (*text == '\0' || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64) value;
  return TRUE;
}

/* Volunteers are a few dozen or a few hundred, never the members' millions,
 * so names are compared in C: SQLite's NOCASE only folds ASCII letters. */
PdVolunteer *
pd_volunteers_find (PdDatabase  *db,
                    const char  *name_or_id,
                    GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *wanted = NULL;
  g_autofree char *excerpt = NULL;
  g_autoptr(GPtrArray) volunteers = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  guint index = 0;
  gint64 id;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (name_or_id != NULL, NULL);

  if (!pd_database_require (db, PD_RIGHT_VOLUNTEERS, _("look up volunteers"), error))
    return NULL;

  trimmed = g_strstrip (g_strdup (name_or_id));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID,
                           _("volunteer: give a name or an id"));
      return NULL;
    }

  if (parse_id (trimmed, &id))
    {
      g_autoptr(GError) local_error = NULL;
      PdVolunteer *volunteer = pd_volunteers_get (db, id, &local_error);

      /* A name made of digits alone is still found by its name. */
      if (volunteer != NULL || !g_error_matches (local_error, PD_ERROR, PD_ERROR_NOT_FOUND))
        {
          if (local_error != NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
          return volunteer;
        }
    }

  volunteers = pd_volunteers_list (db, NULL, NULL, error);
  if (volunteers == NULL)
    return NULL;

  wanted = pd_text_fold_case (trimmed);
  matches = g_ptr_array_new ();
  for (guint i = 0; i < volunteers->len; i++)
    {
      PdVolunteer *volunteer = g_ptr_array_index (volunteers, i);
      g_autofree char *folded = pd_text_fold_case (volunteer->display_name);

      if (strcmp (folded, wanted) == 0)
        {
          if (matches->len == 0)
            index = i;
          g_ptr_array_add (matches, volunteer);
        }
    }

  if (matches->len == 0)
    {
      excerpt = pd_text_excerpt (trimmed, -1);
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND, _("There is no volunteer “%s”"), excerpt);
      return NULL;
    }
  if (matches->len > 1)
    {
      GString *candidates = g_string_new (NULL);
      g_autofree char *list = NULL;

      for (guint i = 0; i < matches->len; i++)
        {
          PdVolunteer *volunteer = g_ptr_array_index (matches, i);

          if (i > 0)
            g_string_append (candidates, ", ");
          /* TRANSLATORS: a volunteer in a list of those with the same name */
          g_string_append_printf (candidates, _("%s (id %" PRId64 ")"),
                                  volunteer->display_name, volunteer->id);
        }
      list = g_string_free (candidates, FALSE);
      excerpt = pd_text_excerpt (trimmed, -1);
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” is the name of several volunteers: %s; give the id of one of them"),
                   excerpt, list);
      return NULL;
    }

  return g_ptr_array_steal_index (volunteers, index);
}

typedef struct
{
  char        *key;
  PdVolunteer *volunteer;
  guint        index;
} SortEntry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const SortEntry *ea = a, *eb = b;
  int cmp = strcmp (ea->key, eb->key);

  if (cmp != 0)
    return cmp;
  return (ea->volunteer->id > eb->volunteer->id) - (ea->volunteer->id < eb->volunteer->id);
}

/* Keeps the volunteers whose folded name contains @needle (all of them when
 * it is NULL), sorted by their folded names so that "Émile" comes beside
 * "Emile", not after "Zoe" as SQLite's NOCASE would have it. */
static GPtrArray *
filter_and_sort (GPtrArray  *volunteers,
                 const char *needle)
{
  GPtrArray *result = g_ptr_array_new_full (volunteers->len, (GDestroyNotify) pd_volunteer_free);
  g_autoptr(GArray) entries = g_array_sized_new (FALSE, FALSE, sizeof (SortEntry),
                                                 volunteers->len);

  for (guint i = 0; i < volunteers->len; i++)
    {
      SortEntry entry = { pd_text_fold (((PdVolunteer *) volunteers->pdata[i])->display_name),
                          volunteers->pdata[i], i };

      if (needle != NULL && strstr (entry.key, needle) == NULL)
        {
          g_free (entry.key);
          continue;
        }
      g_array_append_val (entries, entry);
    }
  g_array_sort (entries, compare_entries);

  for (guint i = 0; i < entries->len; i++)
    {
      SortEntry *entry = &g_array_index (entries, SortEntry, i);

      /* Taken over by @result; the rest go with @volunteers. */
      g_ptr_array_add (result, entry->volunteer);
      volunteers->pdata[entry->index] = NULL;
      g_free (entry->key);
    }
  return result;
}

GPtrArray *
pd_volunteers_list (PdDatabase  *db,
                    const char  *search,
                    const char  *status,
                    GError     **error)
{
  g_autoptr(GPtrArray) volunteers = NULL;
  g_autoptr(GPtrArray) result = NULL;
  g_autofree char *needle = NULL;
  g_autoptr(PdStatement) stmt = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  if (!require_volunteer_names (db, error))
    return NULL;
  if (status != NULL && pd_code_label (volunteer_statuses, status) == NULL)
    {
      g_autofree char *known = pd_codes_list (volunteer_statuses);
      g_autofree char *excerpt = pd_text_excerpt (status, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("status: “%s” is not a known code (one of: %s)"), excerpt, known);
      return NULL;
    }

  stmt = pd_database_query (db,
                            "SELECT " VOLUNTEER_COLUMNS " FROM volunteers"
                            " WHERE CAST (:status AS TEXT) IS NULL OR status = :status",
                            error);
  if (stmt == NULL)
    return NULL;
  pd_statement_bind_text (stmt, "status", status);
  volunteers = collect_volunteers (stmt, error);
  if (volunteers == NULL)
    return NULL;

  if (!pd_text_is_blank (search))
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (search));

      needle = pd_text_fold (trimmed);
    }
  result = filter_and_sort (volunteers, needle);
  if (!read_all_roles (db, result, error))
    return NULL;
  withhold_details (db, result);
  return g_steal_pointer (&result);
}

/* Roles */

static PdVolunteerRole *
read_role (PdStatement *stmt)
{
  PdVolunteerRole *role = g_new0 (PdVolunteerRole, 1);

  role->id = pd_statement_get_int64 (stmt, 0);
  role->label = pd_statement_dup_text (stmt, 1);
  role->archived = pd_statement_get_boolean (stmt, 2);
  return role;
}

GPtrArray *
pd_roles_list (PdDatabase  *db,
               gboolean     include_archived,
               GError     **error)
{
  return pd_label_list_read (db, &role_list, include_archived, (PdRowFunc) read_role,
                             (GDestroyNotify) pd_role_free, error);
}

gint64
pd_roles_add (PdDatabase  *db,
              const char  *label,
              GError     **error)
{
  return pd_label_list_add (db, &role_list, label, error);
}

gboolean
pd_roles_rename (PdDatabase  *db,
                 gint64       id,
                 const char  *label,
                 GError     **error)
{
  return pd_label_list_rename (db, &role_list, id, label, error);
}

/* An archived role stays with the volunteers who hold it, and is no
 * longer offered for others. */
gboolean
pd_roles_set_archived (PdDatabase  *db,
                       gint64       id,
                       gboolean     archived,
                       GError     **error)
{
  return pd_label_list_set_archived (db, &role_list, id, archived, error);
}
