/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "pd-audit.h"
#include "pd-conflict.h"
#include "pd-error.h"
#include "pd-member-erase.h"
#include "pd-member-ranking.h"
#include "pd-member-words.h"
#include "pd-members.h"
#include "pd-staff-private.h"
#include "pd-tables.h"
#include "pd-text.h"

/* The page cache of a writer, in KiB when negative (SQLite's unit). */
#define WRITER_CACHE_SIZE -262144

/* The columns worked out from the fields, written with them. */
static const char *const derived_columns[] = { "sort_key", "phone_digits", NULL };

struct _PdMembersWriter
{
  PdDatabase *db;
  PdTransaction *transaction;
  PdStatement *insert;
  PdStatement *restore;   /* made on first use */
  gint64 first_new_id;    /* members above this id are indexed by finish() */
  gint64 n_added;
  gboolean finished;
  gint64 next_number;
  gint64 start_number;
  char *now;
};

static PdMember *get_stored (PdDatabase  *db,
                             gint64       id,
                             GError     **error);

PdMember *
pd_members_from_row (PdStatement *stmt)
{
  PdMember *member = g_object_new (PD_TYPE_MEMBER, NULL);

  pd_member_set_id (member, pd_statement_get_int64 (stmt, 0));
  for (guint i = 0; i < PD_MEMBER_N_FIELDS; i++)
    pd_member_set (member, i, pd_statement_get_text (stmt, i + 1));
  pd_member_set_version (member, pd_statement_get_int64 (stmt, PD_MEMBER_N_FIELDS + 1));
  pd_member_set_updated_by (member, pd_statement_get_text (stmt, PD_MEMBER_N_FIELDS + 2));
  return member;
}

/* Notes are read with pd_members_read_notes() only, so that opening them
 * is deliberate and recorded; a role without the details sees a member as
 * a number and names. */
PdMember *
pd_members_withhold (PdDatabase *db,
                     PdMember   *member)
{
  pd_member_withhold (member, PD_MEMBER_FIELD_NOTES);
  if (pd_database_has_right (db, PD_RIGHT_MEMBER_DETAILS))
    return member;
  for (guint i = 0; i < PD_MEMBER_N_FIELDS; i++)
    if (i != PD_MEMBER_FIELD_NUMBER && i != PD_MEMBER_FIELD_FIRST_NAME &&
        i != PD_MEMBER_FIELD_LAST_NAME && i != PD_MEMBER_FIELD_PREFERRED_NAME)
      pd_member_withhold (member, i);
  return member;
}

/* Writing notes needs the right to read them; the notes a read withheld
 * are no one's to write. */
static gboolean
check_notes (PdDatabase  *db,
             PdMember    *member,
             const char  *stored,
             GError     **error)
{
  if (pd_member_is_withheld (member, PD_MEMBER_FIELD_NOTES) ||
      g_strcmp0 (pd_member_get (member, PD_MEMBER_FIELD_NOTES), stored) == 0)
    return TRUE;
  return pd_database_require (db, PD_RIGHT_MEMBER_NOTES, _("write confidential notes"), error);
}

/* The key the member list is sorted by: the name people are called by,
 * then the last name, without case or accents; erased members last. */
static char *
sort_key (PdMember *member)
{
  const char *first = pd_member_get (member, PD_MEMBER_FIELD_PREFERRED_NAME);
  g_autofree char *first_key = NULL;
  g_autofree char *last_key = NULL;

  if (pd_member_is_erased (member))
    return g_strconcat (PD_MEMBER_ERASED_SORT_PREFIX,
                        pd_member_get (member, PD_MEMBER_FIELD_NUMBER), NULL);
  if (*first == '\0')
    first = pd_member_get (member, PD_MEMBER_FIELD_FIRST_NAME);
  first_key = pd_text_fold (first);
  last_key = pd_text_fold (pd_member_get (member, PD_MEMBER_FIELD_LAST_NAME));
  return g_strconcat (first_key, "\t", last_key, NULL);
}

static gboolean
number_value (const char *number,
              gint64     *value)
{
  if (number == NULL || number[0] != 'M' || number[1] != '-')
    return FALSE;
  *value = g_ascii_strtoll (number + 2, NULL, 10);
  return TRUE;
}

static char *
format_number (gint64 value)
{
  return g_strdup_printf ("M-%06" PRId64, value);
}

/* Normalizes every value of @member in place, then validates it. */
static gboolean
prepare_member (PdMember  *member,
                GError   **error)
{
  pd_member_normalize (member);
  return pd_member_validate (member, error);
}

/* Binds every field by its column's name, then the derived columns; the
 * SQL comes from the same description (pd_table_insert_sql() and
 * pd_table_update_sql()). */
static void
bind_fields (PdStatement *stmt,
             PdMember    *member)
{
  const PdColumn *columns = pd_tables_get_members ()->columns;
  g_autofree char *key = sort_key (member);
  g_autofree char *digits = pd_text_digits (pd_member_get (member, PD_MEMBER_FIELD_PHONE));

  for (guint i = 0; i < PD_MEMBER_N_FIELDS; i++)
    pd_statement_bind_text (stmt, columns[i + 1].name, pd_member_get (member, i));
  pd_statement_bind_text (stmt, derived_columns[0], key);
  pd_statement_bind_text (stmt, derived_columns[1], digits);
}

static void
set_cache_size (PdDatabase *db,
                const char *sql)
{
  g_autoptr(GError) error = NULL;

  /* A server sizes its own caches. */
  if (pd_database_is_shared (db))
    return;
  if (!pd_database_exec (db, sql, &error))
    g_warning ("Could not set the page cache: %s", error->message);
}

/* Opens a transaction of its own, nested in the caller's if there is one,
 * so that the bulk_load row goes with the members whatever happens:
 * committed with them by pd_members_writer_finish(), or rolled back with
 * them by pd_members_writer_free(). */
PdMembersWriter *
pd_members_writer_new (PdDatabase  *db,
                       GError     **error)
{
  g_autoptr(PdTransaction) transaction = NULL;
  g_autoptr(PdStatement) insert = NULL;
  g_autoptr(PdStatement) last = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *next = NULL;
  PdMembersWriter *writer;
  gboolean found;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  transaction = pd_database_begin_transaction (db, error);
  if (transaction == NULL)
    return NULL;

  sql = pd_table_insert_sql (pd_tables_get_members (), 1, derived_columns);
  insert = pd_database_query (db, sql, error);
  if (insert == NULL)
    return NULL;

  /* The insert trigger leaves the full-text index alone while this row
   * exists; finish() indexes every new member in one statement. */
  if (!pd_database_exec (db,
                         "INSERT INTO meta (key, value) VALUES ('bulk_load', '1')"
                         " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                         error))
    return NULL;

  last = pd_database_query (db, "SELECT coalesce (max (id), 0) FROM members", error);
  if (last == NULL || !pd_statement_fetch (last, &found, error))
    return NULL;

  writer = g_new0 (PdMembersWriter, 1);
  writer->db = g_object_ref (db);
  writer->first_new_id = found ? pd_statement_get_int64 (last, 0) : 0;
  writer->insert = g_steal_pointer (&insert);
  next = pd_database_get_meta (db, PD_META_NEXT_MEMBER_NUMBER);
  writer->next_number = next ? g_ascii_strtoll (next, NULL, 10) : 1;
  writer->start_number = writer->next_number;
  writer->now = pd_timestamp_now ();

  /* Rows arrive in file order but the name index and the full-text index
   * are written all over: a large cache turns that into memory work
   * instead of disk reads. Given back in pd_members_writer_free(). */
  set_cache_size (db, "PRAGMA cache_size = " G_STRINGIFY (WRITER_CACHE_SIZE));
  writer->transaction = g_steal_pointer (&transaction);
  return writer;
}

/* Says which of the id and the number of @member is taken, after an
 * insert refused as a duplicate. */
static void
set_duplicate_error (PdMembersWriter  *writer,
                     PdMember         *member,
                     gboolean          restore,
                     GError          **error)
{
  g_autoptr(PdMember) holder = NULL;

  /* Only a restored member brings an id that can be taken. */
  if (restore)
    {
      g_autoptr(GError) local_error = NULL;

      holder = get_stored (writer->db, pd_member_get_id (member), &local_error);
      if (holder == NULL)
        g_debug ("No member holds the id of the refused one: %s", local_error->message);
    }

  if (holder != NULL)
    {
      g_autofree char *id = g_strdup_printf ("%" PRId64, pd_member_get_id (member));

      g_set_error (error, PD_ERROR, PD_ERROR_DUPLICATE, _("member id %s is already taken"), id);
    }
  else
    g_set_error (error, PD_ERROR, PD_ERROR_DUPLICATE, _("member number %s is already taken"),
                 pd_member_get (member, PD_MEMBER_FIELD_NUMBER));
}

/* Inserts @member; a restored member keeps its id and timestamps, a new
 * one is given them. Either way a member without a number is given the
 * next free one. */
static gboolean
writer_insert (PdMembersWriter  *writer,
               PdMember         *member,
               gboolean          restore,
               GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  PdStatement *stmt;
  const char *number;
  gint64 value;

  if (!prepare_member (member, error))
    return FALSE;

  number = pd_member_get (member, PD_MEMBER_FIELD_NUMBER);
  if (*number == '\0')
    {
      g_autofree char *assigned = format_number (writer->next_number++);

      pd_member_set (member, PD_MEMBER_FIELD_NUMBER, assigned);
    }
  else if (number_value (number, &value) && value >= writer->next_number)
    writer->next_number = value + 1;

  if (!restore || *pd_member_get (member, PD_MEMBER_FIELD_CREATED_AT) == '\0')
    pd_member_set (member, PD_MEMBER_FIELD_CREATED_AT, writer->now);
  if (!restore || *pd_member_get (member, PD_MEMBER_FIELD_UPDATED_AT) == '\0')
    pd_member_set (member, PD_MEMBER_FIELD_UPDATED_AT, writer->now);

  if (restore && writer->restore == NULL)
    {
      g_autofree char *sql = pd_table_insert_sql (pd_tables_get_members (), 0,
                                                  derived_columns);

      writer->restore = pd_database_query (writer->db, sql, error);
      if (writer->restore == NULL)
        return FALSE;
    }
  stmt = restore ? writer->restore : writer->insert;
  bind_fields (stmt, member);
  if (restore)
    pd_statement_bind_int64 (stmt, "id", pd_member_get_id (member));

  if (!pd_statement_execute (stmt, &local_error))
    {
      if (g_error_matches (local_error, PD_ERROR, PD_ERROR_DUPLICATE))
        set_duplicate_error (writer, member, restore, error);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!restore)
    pd_member_set_id (member, pd_statement_get_inserted_id (stmt));
  pd_member_set_version (member, 1);
  if (!pd_member_words_add (writer->db, pd_member_get_id (member), member, error))
    return FALSE;
  writer->n_added++;
  return TRUE;
}

/* Inserts @member and sets its id, number and timestamps. Nothing is
 * committed before pd_members_writer_finish(). */
gboolean
pd_members_writer_add (PdMembersWriter  *writer,
                       PdMember         *member,
                       GError          **error)
{
  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (!writer->finished, FALSE);
  g_return_val_if_fail (PD_IS_MEMBER (member), FALSE);

  return writer_insert (writer, member, FALSE, error);
}

/* Inserts @member as it was saved before, as a restore from an export
 * needs: its id, number and timestamps are kept (a blank timestamp is set
 * to now). Its id must be above every id the table had when the writer was
 * made, as pd_members_writer_finish() indexes the names of those members
 * only. Nothing is committed before pd_members_writer_finish(). */
gboolean
pd_members_writer_restore (PdMembersWriter  *writer,
                           PdMember         *member,
                           GError          **error)
{
  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (!writer->finished, FALSE);
  g_return_val_if_fail (PD_IS_MEMBER (member), FALSE);
  g_return_val_if_fail (pd_member_get_id (member) > writer->first_new_id, FALSE);

  return writer_insert (writer, member, TRUE, error);
}

/* Indexes the names of the members added, counts them, records the next
 * free number and commits the writer's transaction (into the caller's,
 * if there is one). */
gboolean
pd_members_writer_finish (PdMembersWriter  *writer,
                          GError          **error)
{
  g_autoptr(PdStatement) index = NULL;
  g_autoptr(PdStatement) count = NULL;

  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (!writer->finished, FALSE);

  /* A server's member_words has each member's words already, written
   * with the member. */
  if (!pd_database_is_shared (writer->db))
    {
      index = pd_database_query (writer->db,
                                 "INSERT INTO members_fts (rowid, first_name, last_name,"
                                 " preferred_name)"
                                 " SELECT id, first_name, last_name, preferred_name FROM members"
                                 " WHERE id > :first_new_id AND first_name <> number",
                                 error);
      if (index == NULL)
        return FALSE;
      pd_statement_bind_int64 (index, "first_new_id", writer->first_new_id);
      if (!pd_statement_execute (index, error))
        return FALSE;
    }

  count = pd_database_query (writer->db,
                             "UPDATE meta"
                             " SET value = CAST (CAST (value AS BIGINT) + CAST (:n_added AS BIGINT)"
                             "                   AS TEXT)"
                             " WHERE key = 'member_count'",
                             error);
  if (count == NULL)
    return FALSE;
  pd_statement_bind_int64 (count, "n_added", writer->n_added);
  if (!pd_statement_execute (count, error) ||
      !pd_database_exec (writer->db, "DELETE FROM meta WHERE key = 'bulk_load'", error))
    return FALSE;

  if (writer->next_number != writer->start_number)
    {
      g_autofree char *next = g_strdup_printf ("%" PRId64, writer->next_number);

      if (!pd_database_set_meta (writer->db, PD_META_NEXT_MEMBER_NUMBER, next, error))
        return FALSE;
    }

  writer->finished = TRUE;
  return pd_transaction_commit (writer->transaction, error);
}

/* A writer not finished rolls back what it wrote, so that the index is
 * never left switched off for whoever writes next. */
void
pd_members_writer_free (PdMembersWriter *writer)
{
  if (writer == NULL)
    return;
  g_clear_pointer (&writer->insert, pd_statement_release);
  g_clear_pointer (&writer->restore, pd_statement_release);
  g_clear_pointer (&writer->transaction, pd_transaction_free);
  set_cache_size (writer->db, "PRAGMA cache_size = " G_STRINGIFY (PD_DATABASE_CACHE_SIZE));
  g_clear_object (&writer->db);
  g_free (writer->now);
  g_free (writer);
}

gboolean
pd_members_insert (PdDatabase  *db,
                   PdMember    *member,
                   GError     **error)
{
  g_autoptr(PdTransaction) transaction = NULL;
  /* Freed before the transaction ends, whose end its clean-up belongs to. */
  g_autoptr(PdMembersWriter) writer = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (PD_IS_MEMBER (member), FALSE);

  if (!pd_database_require (db, PD_RIGHT_MEMBER_EDIT, _("register members"), error) ||
      !check_notes (db, member, "", error))
    return FALSE;

  transaction = pd_database_begin_transaction (db, error);
  if (transaction == NULL)
    return FALSE;
  writer = pd_members_writer_new (db, error);
  if (writer == NULL ||
      !pd_members_writer_add (writer, member, error) ||
      !pd_members_writer_finish (writer, error))
    return FALSE;
  g_clear_pointer (&writer, pd_members_writer_free);
  if (!pd_audit_add (db, PD_AUDIT_MEMBER_CREATED, pd_member_get_id (member), NULL, -1, error) ||
      !pd_transaction_commit (transaction, error))
    return FALSE;

  pd_database_notify_changed (db, "members");
  return TRUE;
}

static char *
dup_update_sql (void)
{
  return pd_conflict_update_sql (pd_tables_get_members (), 1, derived_columns);
}

/* Adds to @fields the name of each field of @group (a list ended by
 * PD_MEMBER_N_FIELDS) whose value differs between @old and @new. */
static void
append_changed (GString             *fields,
                PdMember            *old,
                PdMember            *new,
                const PdMemberField *group)
{
  for (guint i = 0; group[i] != PD_MEMBER_N_FIELDS; i++)
    if (g_strcmp0 (pd_member_get (old, group[i]), pd_member_get (new, group[i])) != 0)
      g_string_append_printf (fields, "%s%s", fields->len ? "," : "",
                              pd_member_field_info (group[i])->name);
}

/* One entry for the consent flags and one for the other fields, each only
 * if something in it changed; the entries name the fields, never a value. */
static gboolean
audit_changes (PdDatabase  *db,
               PdMember    *old,
               PdMember    *new,
               GError     **error)
{
  static const PdMemberField consent[] = {
    PD_MEMBER_FIELD_MAY_CONTACT, PD_MEMBER_FIELD_REPORT_CONSENT, PD_MEMBER_N_FIELDS
  };
  PdMemberField others[PD_MEMBER_N_FIELDS + 1];
  g_autoptr(GString) changed = g_string_new (NULL);
  g_autoptr(GString) consent_changed = g_string_new (NULL);
  guint n = 0;

  for (guint i = PD_MEMBER_FIELD_FIRST_NAME; i < PD_MEMBER_FIELD_CREATED_AT; i++)
    if (i != PD_MEMBER_FIELD_MAY_CONTACT && i != PD_MEMBER_FIELD_REPORT_CONSENT)
      others[n++] = i;
  others[n] = PD_MEMBER_N_FIELDS;

  append_changed (changed, old, new, others);
  append_changed (consent_changed, old, new, consent);
  if (changed->len > 0 &&
      !pd_audit_add (db, PD_AUDIT_MEMBER_CHANGED, pd_member_get_id (new), changed->str, -1, error))
    return FALSE;
  if (consent_changed->len > 0 &&
      !pd_audit_add (db, PD_AUDIT_CONSENT_CHANGED, pd_member_get_id (new), consent_changed->str,
                     -1, error))
    return FALSE;
  return TRUE;
}

/* Saves every field but the number and the creation time, which belong to
 * the record for good. A field @member holds withheld (see
 * pd_members_withhold()) keeps its stored value. */
gboolean
pd_members_update (PdDatabase  *db,
                   PdMember    *member,
                   GError     **error)
{
  return pd_members_update_full (db, member, NULL, FALSE, error);
}

/* Refuses, with who saved it and when, to save @member over a save made
 * since it was read (@current is the member as stored now); a member not
 * read from the database (version 0) has seen nothing to keep. */
static gboolean
check_version (PdMember  *member,
               PdMember  *current,
               gboolean   overwrite,
               GError   **error)
{
  gint64 seen = pd_member_get_version (member);

  if (overwrite || seen == 0 || seen == pd_member_get_version (current))
    return TRUE;
  pd_conflict_set_error (error, pd_member_get_updated_by (current),
                         pd_member_get (current, PD_MEMBER_FIELD_UPDATED_AT));
  return FALSE;
}

gboolean
pd_members_update_full (PdDatabase  *db,
                        PdMember    *member,
                        const char  *desk,
                        gboolean     overwrite,
                        GError     **error)
{
  static char *sql = NULL;
  g_autoptr(PdTransaction) transaction = NULL;
  g_autoptr(PdMember) current = NULL;
  g_autoptr(PdMember) saved = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  g_autofree char *now = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (PD_IS_MEMBER (member), FALSE);

  if (!pd_database_require (db, PD_RIGHT_MEMBER_EDIT, _("change members' details"), error))
    return FALSE;

  if (g_once_init_enter (&sql))
    g_once_init_leave (&sql, dup_update_sql ());

  transaction = pd_database_begin_transaction (db, error);
  if (transaction == NULL)
    return FALSE;
  current = get_stored (db, pd_member_get_id (member), error);
  if (current == NULL ||
      !check_version (member, current, overwrite, error) ||
      !check_notes (db, member, pd_member_get (current, PD_MEMBER_FIELD_NOTES), error))
    return FALSE;

  saved = pd_member_copy (member);
  for (guint i = 0; i < PD_MEMBER_N_FIELDS; i++)
    if (pd_member_is_withheld (saved, i))
      pd_member_set (saved, i, pd_member_get (current, i));
  pd_member_set (saved, PD_MEMBER_FIELD_NUMBER, pd_member_get (current, PD_MEMBER_FIELD_NUMBER));
  pd_member_set (saved, PD_MEMBER_FIELD_CREATED_AT,
                 pd_member_get (current, PD_MEMBER_FIELD_CREATED_AT));
  if (!prepare_member (saved, error))
    return FALSE;

  now = pd_timestamp_now ();
  pd_member_set (saved, PD_MEMBER_FIELD_UPDATED_AT, now);

  stmt = pd_database_query (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_fields (stmt, saved);
  pd_statement_bind_int64 (stmt, "id", pd_member_get_id (member));
  pd_statement_bind_int64 (stmt, "seen", pd_member_get_version (current));
  pd_statement_bind_text (stmt, "updated_by", pd_database_get_actor (db, desk ? desk : ""));
  if (!pd_statement_execute (stmt, error))
    return FALSE;
  /* Another desk saved between the read above and this write. */
  if (pd_statement_get_changes (stmt) == 0)
    {
      g_clear_object (&current);
      current = get_stored (db, pd_member_get_id (member), error);
      if (current != NULL)
        pd_conflict_set_error (error, pd_member_get_updated_by (current),
                               pd_member_get (current, PD_MEMBER_FIELD_UPDATED_AT));
      return FALSE;
    }
  pd_member_set_version (saved, pd_member_get_version (current) + 1);
  pd_member_set_updated_by (saved, pd_database_get_actor (db, desk ? desk : ""));
  if (!pd_member_words_forget (db, pd_member_get_id (member), error) ||
      !pd_member_words_add (db, pd_member_get_id (member), saved, error) ||
      !audit_changes (db, current, saved, error) ||
      !pd_transaction_commit (transaction, error))
    return FALSE;

  /* The caller sees what was saved, but still not what it was not given. */
  for (guint i = 0; i < PD_MEMBER_N_FIELDS; i++)
    if (!pd_member_is_withheld (member, i) || i == PD_MEMBER_FIELD_NUMBER ||
        i == PD_MEMBER_FIELD_CREATED_AT || i == PD_MEMBER_FIELD_UPDATED_AT)
      pd_member_set (member, i, pd_member_get (saved, i));
  pd_member_set_version (member, pd_member_get_version (saved));
  pd_member_set_updated_by (member, pd_member_get_updated_by (saved));

  pd_database_notify_changed (db, "members");
  return TRUE;
}

gboolean
pd_members_set_status (PdDatabase  *db,
                       gint64       id,
                       const char  *status,
                       GError     **error)
{
  g_autofree char *now = pd_timestamp_now ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PdTransaction) transaction = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  gboolean deactivated;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);

  if (!pd_database_require (db, PD_RIGHT_MEMBER_EDIT, _("change members' details"), error))
    return FALSE;
  if (!pd_member_validate_value (PD_MEMBER_FIELD_STATUS, status, &local_error))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, "%s", local_error->message);
      return FALSE;
    }

  transaction = pd_database_begin_transaction (db, error);
  if (transaction == NULL)
    return FALSE;
  stmt = pd_database_query (db,
                            "UPDATE members SET status = :status, updated_at = :updated_at,"
                            " version = version + 1, updated_by = :updated_by WHERE id = :id",
                            error);
  if (stmt == NULL)
    return FALSE;
  pd_statement_bind_text (stmt, "status", status);
  pd_statement_bind_text (stmt, "updated_at", now);
  pd_statement_bind_text (stmt, "updated_by", pd_database_get_actor (db, ""));
  pd_statement_bind_int64 (stmt, "id", id);
  if (!pd_statement_execute (stmt, error))
    return FALSE;

  if (pd_statement_get_changes (stmt) == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND, _("There is no member with id %" PRId64),
                   id);
      return FALSE;
    }
  deactivated = g_str_equal (status, "inactive");
  if (!pd_audit_add (db, deactivated ? PD_AUDIT_MEMBER_DEACTIVATED : PD_AUDIT_MEMBER_CHANGED, id,
                     deactivated ? NULL : "status", -1, error) ||
      !pd_transaction_commit (transaction, error))
    return FALSE;

  pd_database_notify_changed (db, "members");
  return TRUE;
}

static PdMember *
get_one (PdStatement  *stmt,
         GError      **error)
{
  gboolean found;

  if (!pd_statement_fetch (stmt, &found, error) || !found)
    return NULL;
  return pd_members_from_row (stmt);
}

/* The member as stored, notes and all, for the core's own use. */
static PdMember *
get_stored (PdDatabase  *db,
            gint64       id,
            GError     **error)
{
  static const char sql[] = "SELECT " PD_MEMBER_COLUMNS " FROM members WHERE id = :id";
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  PdMember *member;

  stmt = pd_database_query (db, pd_database_member_sql (db, sql), error);
  if (stmt == NULL)
    return NULL;
  pd_statement_bind_int64 (stmt, "id", id);
  member = get_one (stmt, &local_error);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (member == NULL)
    g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                 _("There is no member with id %" PRId64), id);
  return member;
}

PdMember *
pd_members_get (PdDatabase  *db,
                gint64       id,
                GError     **error)
{
  PdMember *member;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  if (!pd_database_require (db, PD_RIGHT_MEMBER_NAMES, _("look up members"), error))
    return NULL;
  member = get_stored (db, id, error);
  return member ? pd_members_withhold (db, member) : NULL;
}

GPtrArray *
pd_members_get_many (PdDatabase    *db,
                     const gint64  *ids,
                     guint          n_ids,
                     GError       **error)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) found = NULL;
  g_autoptr(GString) list = g_string_new ("[");
  g_autoptr(PdStatement) stmt = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  if (!pd_database_require (db, PD_RIGHT_MEMBER_NAMES, _("look up members"), error))
    return NULL;
  if (n_ids == 0)
    return g_steal_pointer (&members);

  /* One query, not one a member: a server answers each after a wait. The
   * ids travel as one JSON array, which both engines take apart. */
  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (list, "%s%" PRId64, i > 0 ? "," : "", ids[i]);
  g_string_append_c (list, ']');
  stmt = pd_database_query_dialect (db,
                                    pd_database_member_sql (db,
                                      "SELECT " PD_MEMBER_COLUMNS " FROM members"
                                      " WHERE id IN (SELECT value FROM json_each (:ids))"),
                                    pd_database_member_sql (db,
                                      "SELECT " PD_MEMBER_COLUMNS " FROM members"
                                      " WHERE id IN (SELECT CAST (value AS BIGINT)"
                                      "              FROM json_array_elements_text"
                                      "                     (CAST (:ids AS JSON)))"),
                                    error);
  if (stmt == NULL)
    return NULL;
  pd_statement_bind_text (stmt, "ids", list->str);
  found = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  while (pd_statement_next (stmt))
    {
      PdMember *member = pd_members_withhold (db, pd_members_from_row (stmt));
      gint64 id = pd_member_get_id (member);

      g_hash_table_insert (found, g_memdup2 (&id, sizeof id), member);
    }
  if (!pd_statement_finish (stmt, error))
    return NULL;

  for (guint i = 0; i < n_ids; i++)
    {
      PdMember *member = g_hash_table_lookup (found, &ids[i]);

      if (member != NULL)
        g_ptr_array_add (members, g_object_ref (member));
    }
  return g_steal_pointer (&members);
}

gboolean
pd_members_read_notes (PdDatabase  *db,
                       gint64       member_id,
                       char       **notes,
                       GError     **error)
{
  g_autoptr(PdTransaction) transaction = NULL;
  g_autoptr(PdMember) member = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (notes != NULL, FALSE);

  if (!pd_database_require (db, PD_RIGHT_MEMBER_NOTES, _("read confidential notes"), error))
    return FALSE;
  transaction = pd_database_begin_transaction (db, error);
  if (transaction == NULL)
    return FALSE;
  member = get_stored (db, member_id, error);
  if (member == NULL ||
      !pd_audit_add (db, PD_AUDIT_NOTES_OPENED, member_id, NULL, -1, error) ||
      !pd_transaction_commit (transaction, error))
    return FALSE;
  *notes = g_strdup (pd_member_get (member, PD_MEMBER_FIELD_NOTES));
  return TRUE;
}

PdMember *
pd_members_get_by_number (PdDatabase  *db,
                          const char  *number,
                          GError     **error)
{
  static const char sql[] = "SELECT " PD_MEMBER_COLUMNS " FROM members WHERE number = :number";
  g_autoptr(GError) local_error = NULL;
  g_autofree char *normalized = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  PdMember *member;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (number != NULL, NULL);

  if (!pd_database_require (db, PD_RIGHT_MEMBER_NAMES, _("look up members"), error))
    return NULL;
  normalized = pd_members_number_from_text (number);
  stmt = pd_database_query (db, pd_database_member_sql (db, sql), error);
  if (stmt == NULL)
    return NULL;
  pd_statement_bind_text (stmt, "number", normalized ? normalized : number);
  member = get_one (stmt, &local_error);
  if (member != NULL)
    pd_members_withhold (db, member);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (member == NULL)
    {
      g_autofree char *excerpt = pd_text_excerpt (number, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND, _("There is no member with number %s"),
                   excerpt);
    }
  return member;
}

gint64
pd_members_count (PdDatabase  *db,
                  GError     **error)
{
  g_autoptr(PdStatement) stmt = NULL;
  gboolean found;

  g_return_val_if_fail (PD_IS_DATABASE (db), -1);

  if (!pd_database_require (db, PD_RIGHT_MEMBER_NAMES, _("look up members"), error))
    return -1;
  stmt = pd_database_query (db,
                            "SELECT CAST (value AS INTEGER) FROM meta WHERE key = 'member_count'",
                            error);
  if (stmt == NULL || !pd_statement_fetch (stmt, &found, error))
    return -1;
  if (!found)
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_NOT_DATABASE,
                           _("The database does not count its members"));
      return -1;
    }
  return pd_statement_get_int64 (stmt, 0);
}

/* "123", "m123", "M-000123" all mean member M-000123; anything else is not a
 * member number. */
char *
pd_members_number_from_text (const char *text)
{
  g_autofree char *trimmed = NULL;
  const char *p;
  gint64 value;

  if (text == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (text));
  p = trimmed;
  if (*p == 'M' || *p == 'm')
    {
      p++;
      if (*p == '-')
        p++;
    }
  if (*p == '\0' || strlen (p) > 10)
    return NULL;
  for (const char *q = p; *q; q++)
    if (!g_ascii_isdigit (*q))
      return NULL;
  value = g_ascii_strtoll (p, NULL, 10);
  if (value <= 0)
    return NULL;
  return format_number (value);
}
