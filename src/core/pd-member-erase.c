/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "pd-audit.h"
#include "pd-error.h"
#include "pd-member-erase.h"
#include "pd-member-words.h"
#include "pd-staff.h"
#include "pd-statement.h"
#include "pd-text.h"

static gboolean
query_int (PdDatabase  *db,
           const char  *sql,
           gint64      *value,
           GError     **error)
{
  g_autoptr(PdStatement) stmt = pd_database_query (db, sql, error);
  gboolean found;

  if (stmt == NULL || !pd_statement_fetch (stmt, &found, error))
    return FALSE;
  *value = found ? pd_statement_get_int64 (stmt, 0) : 0;
  return TRUE;
}

/* Everything but the number, the joining date, the consent to reporting
 * and the timestamps, which the counts of past reports rest on. */
static gboolean
erase_row (PdDatabase  *db,
           gint64       member_id,
           const char  *number,
           GError     **error)
{
  g_autoptr(PdStatement) member = NULL;
  g_autoptr(PdStatement) volunteer = NULL;
  g_autofree char *now = pd_timestamp_now ();
  g_autofree char *key = g_strconcat (PD_MEMBER_ERASED_SORT_PREFIX, number, NULL);

  /* The update trigger takes the old names out of the full-text index
   * and, the first name being the number, puts nothing back. */
  member = pd_database_query (db,
                              "UPDATE members SET first_name = number, last_name = '',"
                              " preferred_name = '', pronouns = '', birth_date = '', phone = '',"
                              " email = '', emergency_name = '', emergency_phone = '',"
                              " status = 'inactive', gender = 'not_collected',"
                              " race = 'not_collected', ethnicity = 'not_collected',"
                              " veteran = 'not_collected', housing = 'not_collected',"
                              " justice = 'not_collected', may_contact = 0, notes = '',"
                              " updated_at = :now, sort_key = :key, phone_digits = '',"
                              " version = version + 1, updated_by = :actor"
                              " WHERE id = :id",
                              error);
  if (member == NULL)
    return FALSE;
  pd_statement_bind_text (member, "now", now);
  pd_statement_bind_text (member, "key", key);
  pd_statement_bind_text (member, "actor", pd_database_get_actor (db, ""));
  pd_statement_bind_int64 (member, "id", member_id);
  if (!pd_statement_execute (member, error))
    return FALSE;

  /* A volunteer record of the same person keeps its hours and training,
   * which reports count, but not who they were. */
  volunteer = pd_database_query (db,
                                 "UPDATE volunteers SET display_name = :number, phone = '',"
                                 " email = '', notes = '', updated_at = :now,"
                                 " version = version + 1, updated_by = :actor"
                                 " WHERE member_id = :id",
                                 error);
  if (volunteer == NULL)
    return FALSE;
  pd_statement_bind_text (volunteer, "number", number);
  pd_statement_bind_text (volunteer, "now", now);
  pd_statement_bind_text (volunteer, "actor", pd_database_get_actor (db, ""));
  pd_statement_bind_int64 (volunteer, "id", member_id);
  return pd_statement_execute (volunteer, error);
}

static gboolean
erase_in_transaction (PdDatabase  *db,
                      gint64       member_id,
                      gboolean    *had_volunteer,
                      GError     **error)
{
  g_autoptr(PdTransaction) tx = NULL;
  g_autoptr(PdStatement) find = NULL;
  g_autofree char *number = NULL;
  gboolean found;

  tx = pd_database_begin_transaction (db, error);
  if (tx == NULL)
    return FALSE;

  find = pd_database_query (db,
                            "SELECT number, first_name = number AND last_name = ''"
                            " AND preferred_name = '',"
                            " EXISTS (SELECT 1 FROM volunteers WHERE member_id = members.id)"
                            " FROM members WHERE id = :id",
                            error);
  if (find == NULL)
    return FALSE;
  pd_statement_bind_int64 (find, "id", member_id);
  if (!pd_statement_fetch (find, &found, error))
    return FALSE;
  if (!found)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("There is no member with id %" PRId64), member_id);
      return FALSE;
    }
  number = pd_statement_dup_text (find, 0);
  if (pd_statement_get_boolean (find, 1))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("Member %s was erased already"), number);
      return FALSE;
    }
  *had_volunteer = pd_statement_get_boolean (find, 2);
  g_clear_pointer (&find, pd_statement_release);

  /* The index keeps a deleted name in its older segments, marked deleted,
   * until they are merged: merging them all into one leaves no copy. A
   * server's member_words loses the rows of the names. */
  if (!erase_row (db, member_id, number, error) ||
      !(pd_database_is_shared (db) ?
        pd_member_words_forget (db, member_id, error) :
        pd_database_exec (db, "INSERT INTO members_fts (members_fts) VALUES ('optimize')",
                          error)) ||
      !pd_audit_add (db, PD_AUDIT_MEMBER_ERASED, 0, NULL, 1, error))
    return FALSE;

  return pd_transaction_commit (tx, error);
}

static void
notify_erased (PdDatabase *db,
               gboolean    had_volunteer)
{
  pd_database_notify_changed (db, "members");
  if (had_volunteer)
    pd_database_notify_changed (db, "volunteers");
}

static gboolean
erase_on_server (PdDatabase  *db,
                 gint64       member_id,
                 GError     **error)
{
  gboolean had_volunteer = FALSE;

  if (!erase_in_transaction (db, member_id, &had_volunteer, error))
    return FALSE;
  notify_erased (db, had_volunteer);
  return TRUE;
}

gboolean
pd_members_erase (PdDatabase  *db,
                  gint64       member_id,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PdStatement) checkpoint = NULL;
  gint64 secure_delete = 0;
  gboolean had_volunteer = FALSE;
  gboolean ok;
  gboolean found;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);

  if (!pd_database_require (db, PD_RIGHT_ERASE, _("erase members"), error))
    return FALSE;

  /* A server keeps its files to itself: there, the old values go from
   * its free space when it vacuums the tables. */
  if (pd_database_is_shared (db))
    return erase_on_server (db, member_id, error);

  /* Pages and cells freed while the member is erased are overwritten with
   * zeros, so that the old values are not left in free space. */
  if (!query_int (db, "PRAGMA secure_delete", &secure_delete, error) ||
      !pd_database_exec (db, "PRAGMA secure_delete = ON", error))
    return FALSE;

  ok = erase_in_transaction (db, member_id, &had_volunteer, error);

  /* The log held the pages as they were before: copied into the file,
   * which overwrites them there, and emptied. */
  if (ok)
    {
      checkpoint = pd_database_query (db, "PRAGMA wal_checkpoint (TRUNCATE)", &local_error);
      if (checkpoint != NULL && pd_statement_fetch (checkpoint, &found, &local_error) && found &&
          pd_statement_get_int64 (checkpoint, 0) != 0)
        g_set_error_literal (&local_error, PD_ERROR, PD_ERROR_BUSY,
                             "another connection is reading the database");
      if (local_error != NULL)
        g_warning ("The write-ahead log keeps the erased values until the next checkpoint: %s",
                   local_error->message);
    }

  if (secure_delete == 0)
    {
      g_autoptr(GError) pragma_error = NULL;

      if (!pd_database_exec (db, "PRAGMA secure_delete = OFF", &pragma_error))
        g_warning ("Could not turn secure deletion off again: %s", pragma_error->message);
    }

  if (!ok)
    return FALSE;
  notify_erased (db, had_volunteer);
  return TRUE;
}
