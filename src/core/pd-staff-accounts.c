/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "pd-backup-private.h"
#include "pd-database-private.h"
#include "pd-error.h"
#include "pd-staff-private.h"
#include "pd-statement.h"
#include "pd-text.h"

/* Staff accounts and signing in. Secrets are kept only as libsodium's
 * Argon2id strings (salted, so two hashes of one secret differ), at the
 * cost meant for interactive sign-in; the secrets themselves are never
 * copied, stored or logged. */

/* Unknown names and accounts without a secret are checked against this,
 * the hash of a random text nobody kept, so that a refusal takes as long
 * whatever the reason. Its parameters are those every new hash gets. */
#define DUMMY_HASH \
  "$argon2id$v=19$m=65536,t=2,p=1$wEhVf07SkOdjDM+b/3Lecw$" \
  "zCVkkkFqc9Z4WkBrp/UsyCQ4SUcXupK0vAyKRpU12gw"

/* The failures of one name in a row. */
typedef struct
{
  gint64 failures;
  gint64 last_failure_at;
  gint64 locked_until;
} Attempts;

typedef struct
{
  PdStaff staff;
  char *passphrase_hash;
  char *pin_hash;
  Attempts attempts;
} Account;

static void
account_free (Account *account)
{
  g_free (account->staff.name);
  g_free (account->passphrase_hash);
  g_free (account->pin_hash);
  g_free (account);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Account, account_free)

#define ACCOUNT_COLUMNS \
  "id, name, role, passphrase_hash, pin_hash, failures, last_failure_at, locked_until, created_at"
/* On a server with sign-in on nobody reads the hashes (roles.sql): only
 * whether there are any. */
#define SERVER_ACCOUNT_COLUMNS \
  "id, name, role, CASE WHEN pd_staff_has_secret (id, 'passphrase') THEN '' END," \
  " CASE WHEN pd_staff_has_secret (id, 'pin') THEN '' END, failures, last_failure_at," \
  " locked_until, created_at"

static const char *
account_columns (PdDatabase *db)
{
  return pd_staff_server_has_roles (db) ? SERVER_ACCOUNT_COLUMNS : ACCOUNT_COLUMNS;
}

static Account *
read_account (PdStatement *stmt)
{
  Account *account = g_new0 (Account, 1);

  account->staff.id = pd_statement_get_int64 (stmt, 0);
  account->staff.name = pd_statement_dup_text (stmt, 1);
  if (!pd_role_from_string (pd_statement_get_text (stmt, 2), &account->staff.role))
    account->staff.role = PD_ROLE_NONE;
  if (!pd_statement_is_null (stmt, 3))
    account->passphrase_hash = pd_statement_dup_text (stmt, 3);
  if (!pd_statement_is_null (stmt, 4))
    account->pin_hash = pd_statement_dup_text (stmt, 4);
  account->attempts.failures = pd_statement_get_int64 (stmt, 5);
  account->attempts.last_failure_at = pd_statement_get_int64 (stmt, 6);
  account->attempts.locked_until = pd_statement_get_int64 (stmt, 7);
  account->staff.created_at = pd_statement_get_int64 (stmt, 8);
  account->staff.has_passphrase = account->passphrase_hash != NULL;
  account->staff.has_pin = account->pin_hash != NULL;
  account->staff.locked_until = account->attempts.locked_until > pd_staff_now ()
                                ? account->attempts.locked_until : 0;
  return account;
}

/* Names are compared as typed, trimmed and composed the same way, in any
 * case (ASCII letters, as SQLite's NOCASE folds them). */
static char *
normalize_name (const char *name)
{
  g_autofree char *copy = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return NULL;
  copy = g_strstrip (g_strdup (name));
  return g_utf8_normalize (copy, -1, G_NORMALIZE_NFC);
}

gboolean
pd_staff_check_name (const char  *name,
                     GError     **error)
{
  if (name == NULL || *name == '\0')
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("A staff account needs a name."));
      return FALSE;
    }
  if (g_utf8_strlen (name, -1) > PD_STAFF_MAX_NAME)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("A staff account’s name can have at most %d characters."), PD_STAFF_MAX_NAME);
      return FALSE;
    }
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      {
        g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                     _("A staff account’s name cannot hold tabs or line breaks."));
        return FALSE;
      }
  return TRUE;
}

static gboolean
check_passphrase (const char  *passphrase,
                  GError     **error)
{
  if (passphrase == NULL || !g_utf8_validate (passphrase, -1, NULL) ||
      g_utf8_strlen (passphrase, -1) < PD_STAFF_MIN_PASSPHRASE)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "A passphrase needs at least %d character.",
                                "A passphrase needs at least %d characters.",
                                PD_STAFF_MIN_PASSPHRASE),
                   PD_STAFF_MIN_PASSPHRASE);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_digits (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static gboolean
check_pin (const char  *pin,
           GError     **error)
{
  if (!is_digits (pin) || strlen (pin) < PD_STAFF_MIN_PIN)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "A PIN is at least %d digit, and digits only.",
                                "A PIN is at least %d digits, and digits only.",
                                PD_STAFF_MIN_PIN),
                   PD_STAFF_MIN_PIN);
      return FALSE;
    }
  return TRUE;
}

static char *
hash_secret (const char  *secret,
             GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];

  if (!pd_backup_ensure_sodium (error))
    return NULL;
  if (crypto_pwhash_str_alg (hash, secret, strlen (secret), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE,
                             crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_FAILED,
                   _("Could not protect the passphrase: the computer is short of memory."));
      return NULL;
    }
  return g_strdup (hash);
}

/* Always does the work of one check, even without a hash to check. The
 * hash is copied into the buffer libsodium's prototype asks for, as it
 * may read that many bytes. */
static gboolean
verify_secret (const char *hash,
               const char *secret)
{
  static const char dummy[crypto_pwhash_STRBYTES] = DUMMY_HASH;
  char stored[crypto_pwhash_STRBYTES] = { 0 };
  gboolean usable = hash != NULL && strlen (hash) < sizeof stored;

  if (usable)
    memcpy (stored, hash, strlen (hash));
  if (crypto_pwhash_str_verify (usable ? stored : dummy, secret, strlen (secret)) != 0)
    return FALSE;
  return usable;
}

/* The active account named @name, or NULL (without an error) if there is
 * none. */
static Account *
lookup_account (PdDatabase  *db,
                const char  *name,
                GError     **error)
{
  g_autoptr(PdStatement) stmt = NULL;
  g_autofree char *wanted = normalize_name (name);
  g_autofree char *folded = NULL;
  g_autofree char *sql = NULL;
  gboolean found = FALSE;

  if (wanted == NULL)
    return NULL;
  /* lower() folds ASCII letters only on both engines (PostgreSQL's under
   * the column's "C" collation), as the unique index has names: SQLite's
   * NOCASE. */
  folded = g_ascii_strdown (wanted, -1);
  sql = g_strconcat ("SELECT ", account_columns (db), " FROM staff"
                     " WHERE lower (name) = :name AND removed_at IS NULL", NULL);
  stmt = pd_database_query (db, sql, error);
  if (stmt == NULL)
    return NULL;
  pd_statement_bind_text (stmt, "name", folded);
  if (!pd_statement_fetch (stmt, &found, error) || !found)
    return NULL;
  return read_account (stmt);
}

static Account *
find_account (PdDatabase  *db,
              const char  *name,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  Account *account = lookup_account (db, name, &local_error);

  if (account != NULL)
    return account;
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND, _("There is no staff account named “%s”."),
                 name);
  return NULL;
}

/* Runs a one-row query about the account @id; NULL on error. */
static PdStatement *
fetch_for_account (PdDatabase  *db,
                   const char  *sql,
                   gint64       id,
                   gboolean    *found,
                   GError     **error)
{
  g_autoptr(PdStatement) stmt = pd_database_query (db, sql, error);

  if (stmt == NULL)
    return NULL;
  pd_statement_bind_int64 (stmt, "id", id);
  if (!pd_statement_fetch (stmt, found, error))
    return NULL;
  return g_steal_pointer (&stmt);
}

static gint64
count_other_directors (PdDatabase  *db,
                       gint64       id,
                       GError     **error)
{
  gboolean found = FALSE;
  g_autoptr(PdStatement) stmt =
    fetch_for_account (db, "SELECT count(*) FROM staff WHERE role = 'director'"
                           " AND removed_at IS NULL AND id <> :id", id, &found, error);

  return stmt != NULL ? pd_statement_get_int64 (stmt, 0) : -1;
}

static gboolean
is_signed_in_as (PdDatabase *db,
                 gint64      id)
{
  const PdStaff *staff = pd_database_get_staff (db);

  return staff != NULL && staff->id == id && pd_database_get_role (db) != PD_ROLE_NONE;
}

/* What an account's change does to its login role on a server. */
typedef enum
{
  LOGIN_KEEP,
  LOGIN_SET,
  LOGIN_DROP,
} LoginChange;

/* One account's change, its audit entry and, on a server, its login role
 * (@role unless PD_ROLE_NONE, and @passphrase unless NULL), together. */
static gboolean
write_change (PdDatabase   *db,
              const char   *sql,
              gint64        id,
              const char   *column,
              const char   *value,
              const char   *detail,
              LoginChange   login,
              PdRole        role,
              const char   *passphrase,
              GError      **error)
{
  g_autoptr(PdTransaction) tx = NULL;
  g_autoptr(PdStatement) stmt = NULL;

  tx = pd_database_begin_transaction (db, error);
  if (tx == NULL)
    return FALSE;
  stmt = pd_database_query (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  pd_statement_bind_int64 (stmt, "id", id);
  if (column != NULL && value != NULL)
    pd_statement_bind_text (stmt, column, value);
  else if (column != NULL)
    pd_statement_bind_null (stmt, column);
  if (strstr (sql, ":now") != NULL)
    pd_statement_bind_int64 (stmt, "now", pd_staff_now ());
  /* The login role last: a director removing their own account loses
   * the rights that write the rest. */
  if (!pd_statement_execute (stmt, error) ||
      !pd_audit_add (db, PD_AUDIT_STAFF_CHANGED, 0, detail, -1, error) ||
      (login == LOGIN_SET && !pd_staff_server_set_login (db, id, role, passphrase, error)) ||
      (login == LOGIN_DROP && !pd_staff_server_drop_login (db, id, error)) ||
      !pd_transaction_commit (tx, error))
    return FALSE;
  pd_database_notify_changed (db, "staff");
  return TRUE;
}

gboolean
pd_staff_add (PdDatabase  *db,
              const char  *name,
              PdRole       role,
              const char  *passphrase,
              GError     **error)
{
  g_autoptr(PdTransaction) tx = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  g_autoptr(Account) existing = NULL;
  g_autofree char *clean = normalize_name (name);
  g_autofree char *hash = NULL;
  g_autofree char *detail = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (role > PD_ROLE_NONE && role <= PD_ROLE_DIRECTOR, FALSE);

  /* Before any director exists everyone holds every right: the first
   * director, which turns sign-in on, needs nobody signed in. */
  if (!pd_database_require (db, PD_RIGHT_STAFF, _("add staff accounts"), error) ||
      !pd_staff_check_name (clean, error) || !check_passphrase (passphrase, error))
    return FALSE;

  existing = lookup_account (db, clean, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (existing != NULL)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_DUPLICATE,
                   _("There is already a staff account named “%s”."), existing->staff.name);
      return FALSE;
    }

  /* Hashed before the transaction, which then holds the write lock only
   * for the time of the insert. */
  hash = hash_secret (passphrase, error);
  if (hash == NULL)
    return FALSE;

  tx = pd_database_begin_transaction (db, error);
  if (tx == NULL)
    return FALSE;
  stmt = pd_database_query (db,
                            "INSERT INTO staff (name, role, passphrase_hash, created_at)"
                            " VALUES (:name, :role, :hash, :now)", error);
  if (stmt == NULL)
    return FALSE;
  pd_statement_bind_text (stmt, "name", clean);
  pd_statement_bind_text (stmt, "role", pd_role_to_string (role));
  pd_statement_bind_text (stmt, "hash", hash);
  pd_statement_bind_int64 (stmt, "now", pd_staff_now ());
  detail = g_strdup_printf ("added %s: %s", pd_role_to_string (role), clean);
  /* On a server the account's login role comes with it; the first
   * director's brings the group roles too. */
  if (!pd_statement_execute (stmt, error) ||
      !pd_staff_server_set_login (db, pd_statement_get_inserted_id (stmt), role, passphrase,
                                  error) ||
      !pd_audit_add (db, PD_AUDIT_STAFF_CHANGED, 0, detail, -1, error) ||
      !pd_transaction_commit (tx, error))
    return FALSE;
  pd_database_notify_changed (db, "staff");
  return TRUE;
}

static int
compare_by_folded_name (gconstpointer a,
                        gconstpointer b)
{
  const PdStaff *staff_a = *(PdStaff *const *) a;
  const PdStaff *staff_b = *(PdStaff *const *) b;
  g_autofree char *key_a = pd_text_fold (staff_a->name);
  g_autofree char *key_b = pd_text_fold (staff_b->name);
  int order = strcmp (key_a, key_b);

  if (order != 0)
    return order;
  return staff_a->id < staff_b->id ? -1 : staff_a->id > staff_b->id;
}

GPtrArray *
pd_staff_list (PdDatabase  *db,
               GError     **error)
{
  g_autoptr(PdStatement) stmt = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_staff_free);
  if (pd_database_get_version (db) < PD_STAFF_SCHEMA_VERSION)
    return g_steal_pointer (&list);

  sql = g_strconcat ("SELECT ", account_columns (db), " FROM staff WHERE removed_at IS NULL"
                     " ORDER BY id", NULL);
  stmt = pd_database_query (db, sql, error);
  if (stmt == NULL)
    return NULL;
  while (pd_statement_next (stmt))
    {
      g_autoptr(Account) account = read_account (stmt);

      g_ptr_array_add (list, pd_staff_copy (&account->staff));
    }
  if (!pd_statement_finish (stmt, error))
    return NULL;
  /* By name as people read them, accents aside: sorted here, where
   * pd_text_fold() is the same whichever engine keeps the accounts. */
  g_ptr_array_sort (list, compare_by_folded_name);
  return g_steal_pointer (&list);
}

PdStaff *
pd_staff_find (PdDatabase  *db,
               const char  *name,
               GError     **error)
{
  g_autoptr(Account) account = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  account = find_account (db, name, error);
  if (account == NULL)
    return NULL;
  return pd_staff_copy (&account->staff);
}

gboolean
pd_staff_reset (PdDatabase  *db,
                const char  *name,
                const char  *passphrase,
                GError     **error)
{
  g_autoptr(Account) account = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *detail = NULL;
  gboolean own;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);

  account = find_account (db, name, error);
  if (account == NULL)
    return FALSE;
  own = is_signed_in_as (db, account->staff.id);
  /* After a JSON import no director can sign in: setting a director's
   * passphrase is then the way back in. */
  if (!own && !(account->staff.role == PD_ROLE_DIRECTOR && pd_staff_needs_passphrase (db)) &&
      !pd_database_require (db, PD_RIGHT_STAFF, _("set another staff member’s passphrase"),
                            error))
    return FALSE;
  if (!check_passphrase (passphrase, error))
    return FALSE;

  hash = hash_secret (passphrase, error);
  if (hash == NULL)
    return FALSE;
  detail = g_strdup_printf (own ? "changed own passphrase: %s" : "passphrase reset: %s",
                            account->staff.name);
  return write_change (db,
                       "UPDATE staff SET passphrase_hash = :hash, failures = 0,"
                       " last_failure_at = 0, locked_until = 0 WHERE id = :id",
                       account->staff.id, "hash", hash, detail, LOGIN_SET,
                       own ? PD_ROLE_NONE : account->staff.role, passphrase, error);
}

gboolean
pd_staff_set_pin (PdDatabase  *db,
                  const char  *name,
                  const char  *pin,
                  GError     **error)
{
  g_autoptr(Account) account = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);

  account = find_account (db, name, error);
  if (account == NULL)
    return FALSE;
  if (!is_signed_in_as (db, account->staff.id) &&
      !pd_database_require (db, PD_RIGHT_STAFF, _("set another staff member’s PIN"), error))
    return FALSE;
  if (pin != NULL)
    {
      if (!check_pin (pin, error))
        return FALSE;
      hash = hash_secret (pin, error);
      if (hash == NULL)
        return FALSE;
    }

  detail = g_strdup_printf (pin != NULL ? "PIN set: %s" : "PIN cleared: %s", account->staff.name);
  return write_change (db, "UPDATE staff SET pin_hash = :hash WHERE id = :id",
                       account->staff.id, "hash", hash, detail, LOGIN_KEEP, PD_ROLE_NONE, NULL,
                       error);
}

/* Refuses what would leave the database without a director, which would
 * turn sign-in off and give everyone every right. */
static gboolean
check_not_last_director (PdDatabase     *db,
                         const Account  *account,
                         GError        **error)
{
  gint64 others;

  if (account->staff.role != PD_ROLE_DIRECTOR)
    return TRUE;
  others = count_other_directors (db, account->staff.id, error);
  if (others < 0)
    return FALSE;
  if (others == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” is the only director: make someone else a director first."),
                   account->staff.name);
      return FALSE;
    }
  return TRUE;
}

gboolean
pd_staff_set_role (PdDatabase  *db,
                   const char  *name,
                   PdRole       role,
                   GError     **error)
{
  g_autoptr(Account) account = NULL;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (role > PD_ROLE_NONE && role <= PD_ROLE_DIRECTOR, FALSE);

  if (!pd_database_require (db, PD_RIGHT_STAFF, _("change staff members’ roles"), error))
    return FALSE;
  account = find_account (db, name, error);
  if (account == NULL)
    return FALSE;
  if (account->staff.role == role)
    return TRUE;
  if (role != PD_ROLE_DIRECTOR && !check_not_last_director (db, account, error))
    return FALSE;

  detail = g_strdup_printf ("role %s: %s", pd_role_to_string (role), account->staff.name);
  return write_change (db, "UPDATE staff SET role = :role WHERE id = :id",
                       account->staff.id, "role", pd_role_to_string (role), detail,
                       LOGIN_SET, role, NULL, error);
}

gboolean
pd_staff_remove (PdDatabase  *db,
                 const char  *name,
                 GError     **error)
{
  g_autoptr(Account) account = NULL;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);

  if (!pd_database_require (db, PD_RIGHT_STAFF, _("remove staff accounts"), error))
    return FALSE;
  account = find_account (db, name, error);
  if (account == NULL || !check_not_last_director (db, account, error))
    return FALSE;

  /* The hashes go with the account: nothing is left to guess at. */
  detail = g_strdup_printf ("removed %s: %s", pd_role_to_string (account->staff.role),
                            account->staff.name);
  if (!write_change (db,
                     "UPDATE staff SET removed_at = :now, passphrase_hash = NULL,"
                     " pin_hash = NULL WHERE id = :id",
                     account->staff.id, NULL, NULL, detail, LOGIN_DROP, PD_ROLE_NONE, NULL,
                     error))
    return FALSE;
  if (pd_database_is_shared (db))
    pd_staff_server_forget (db, account->staff.id);
  if (pd_database_get_staff (db) != NULL && pd_database_get_staff (db)->id == account->staff.id)
    pd_staff_sign_out (db);
  return TRUE;
}

/* The one refusal of a name and secret, whichever of them was wrong. */
#define NO_MATCH N_("That name and passphrase or PIN do not match a staff account.")

/* 0 when an attempt may go ahead, else the seconds it must wait (and
 * whether that is a lock rather than a slowing down). */
static gint64
seconds_to_wait (const Attempts *attempts,
                 gint64          now,
                 gboolean       *locked)
{
  *locked = attempts->locked_until > now;
  if (*locked)
    return attempts->locked_until - now;
  if (attempts->failures >= PD_STAFF_SLOW_AFTER)
    {
      gint64 shift = MIN (attempts->failures - PD_STAFF_SLOW_AFTER, 30);
      gint64 until = attempts->last_failure_at + ((gint64) 1 << shift);

      if (until > now)
        return until - now;
    }
  return 0;
}

/* Counts a failure; TRUE when it locks the name. The count goes on after
 * a lock has passed, so that the next failure locks again at once: only
 * a successful sign-in, or a new passphrase, starts it afresh. */
static gboolean
count_failure (Attempts *attempts,
               gint64    now)
{
  attempts->failures++;
  attempts->last_failure_at = now;
  if (attempts->failures < PD_STAFF_MAX_FAILURES)
    return FALSE;
  attempts->locked_until = now + PD_STAFF_LOCK_MINUTES * 60;
  return TRUE;
}

static void
set_wait_error (GError   **error,
                gboolean   locked,
                gint64     seconds)
{
  if (locked)
    {
      int minutes = (int) MIN ((seconds + 59) / 60, G_MAXINT);

      g_set_error (error, PD_ERROR, PD_ERROR_LOCKED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Too many failed sign-ins: try again in %d minute.",
                                "Too many failed sign-ins: try again in %d minutes.", minutes),
                   minutes);
    }
  else
    g_set_error (error, PD_ERROR, PD_ERROR_LOCKED,
                 g_dngettext (GETTEXT_PACKAGE,
                              "Too many failed sign-ins: wait %d second and try again.",
                              "Too many failed sign-ins: wait %d seconds and try again.",
                              (int) seconds),
                 (int) seconds);
}

/* Names with no account are slowed and locked as accounts are, so that
 * the answers do not tell which names exist. Their failures are kept in
 * memory only, by a digest of the folded name (never written): whoever can
 * run a new program on the file can read its accounts anyway. */
#define UNKNOWN_KEY "pd-staff-unknown-names"
#define MAX_UNKNOWN_NAMES 4096

static Attempts *
unknown_attempts (PdDatabase *db,
                  const char *name,
                  gint64      now)
{
  GHashTable *table = g_object_get_data (G_OBJECT (db), UNKNOWN_KEY);
  g_autofree char *folded = NULL;
  g_autofree char *key = NULL;
  Attempts *attempts;

  if (table == NULL)
    {
      table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_object_set_data_full (G_OBJECT (db), UNKNOWN_KEY, table,
                              (GDestroyNotify) g_hash_table_unref);
    }
  /* A passphrase typed into the name field is not kept, even in memory. */
  folded = pd_text_fold_case (name != NULL && g_utf8_validate (name, -1, NULL) ? name : "");
  key = g_compute_checksum_for_string (G_CHECKSUM_SHA256, folded, -1);
  sodium_memzero (folded, strlen (folded));
  attempts = g_hash_table_lookup (table, key);
  if (attempts != NULL)
    return attempts;

  /* Bounded: names whose wait has passed are forgotten first. */
  if (g_hash_table_size (table) >= MAX_UNKNOWN_NAMES)
    {
      GHashTableIter iter;
      gpointer value;
      gboolean locked;

      g_hash_table_iter_init (&iter, table);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        if (seconds_to_wait (value, now, &locked) == 0)
          g_hash_table_iter_remove (&iter);
      if (g_hash_table_size (table) >= MAX_UNKNOWN_NAMES)
        g_hash_table_remove_all (table);
    }
  attempts = g_new0 (Attempts, 1);
  g_hash_table_insert (table, g_steal_pointer (&key), attempts);
  return attempts;
}

/* Re-reads an account's failures inside the transaction that counts a new
 * one, so that failures on two desks at once are both counted. */
static gboolean
reread_attempts (PdDatabase  *db,
                 gint64       id,
                 Attempts    *attempts,
                 GError     **error)
{
  g_autoptr(PdStatement) stmt = NULL;
  gboolean found = FALSE;

  /* On a server the row is locked until the transaction ends, so that
   * another desk's failure waits for this one's (SQLite's transaction
   * holds the whole file). */
  stmt = fetch_for_account (db,
                            pd_database_is_shared (db)
                            ? "SELECT failures, last_failure_at, locked_until FROM staff"
                              " WHERE id = :id FOR UPDATE"
                            : "SELECT failures, last_failure_at, locked_until FROM staff"
                              " WHERE id = :id", id, &found, error);
  if (stmt == NULL)
    return FALSE;
  if (found)
    {
      attempts->failures = pd_statement_get_int64 (stmt, 0);
      attempts->last_failure_at = pd_statement_get_int64 (stmt, 1);
      attempts->locked_until = pd_statement_get_int64 (stmt, 2);
    }
  return TRUE;
}

/* Counts a failed attempt, in the account or, for an unknown name, in
 * memory, and records it, in one transaction; *locked says whether it
 * locked the name. */
static gboolean
record_failure (PdDatabase  *db,
                Account     *account,
                Attempts    *attempts,
                gint64       now,
                gboolean    *locked,
                GError     **error)
{
  g_autoptr(PdTransaction) tx = NULL;
  const char *staff_name = account != NULL ? account->staff.name : "";
  const char *detail = account != NULL ? "" : "unknown name";

  tx = pd_database_begin_transaction (db, error);
  if (tx == NULL)
    return FALSE;
  if (account != NULL)
    {
      g_autoptr(PdStatement) stmt = NULL;

      if (!reread_attempts (db, account->staff.id, attempts, error))
        return FALSE;
      *locked = count_failure (attempts, now);
      stmt = pd_database_query (db,
                                "UPDATE staff SET failures = :failures,"
                                " last_failure_at = :last, locked_until = :until WHERE id = :id",
                                error);
      if (stmt == NULL)
        return FALSE;
      pd_statement_bind_int64 (stmt, "failures", attempts->failures);
      pd_statement_bind_int64 (stmt, "last", attempts->last_failure_at);
      pd_statement_bind_int64 (stmt, "until", attempts->locked_until);
      pd_statement_bind_int64 (stmt, "id", account->staff.id);
      if (!pd_statement_execute (stmt, error))
        return FALSE;
    }
  else
    *locked = count_failure (attempts, now);

  if (!pd_audit_add_as (db, staff_name, PD_AUDIT_SIGN_IN_FAILED, 0, detail, attempts->failures,
                        error) ||
      (*locked && !pd_audit_add_as (db, staff_name, PD_AUDIT_LOCKED_OUT, 0, detail,
                                    attempts->failures, error)) ||
      !pd_transaction_commit (tx, error))
    return FALSE;
  if (account != NULL)
    pd_database_notify_changed (db, "staff");
  return TRUE;
}

static gboolean
record_success (PdDatabase  *db,
                Account     *account,
                const char  *detail,
                GError     **error)
{
  g_autoptr(PdTransaction) tx = NULL;
  g_autoptr(PdStatement) stmt = NULL;

  tx = pd_database_begin_transaction (db, error);
  if (tx == NULL)
    return FALSE;
  stmt = pd_database_query (db,
                            "UPDATE staff SET failures = 0, last_failure_at = 0, locked_until = 0"
                            " WHERE id = :id AND failures <> 0", error);
  if (stmt == NULL)
    return FALSE;
  pd_statement_bind_int64 (stmt, "id", account->staff.id);
  if (!pd_statement_execute (stmt, error) ||
      !pd_audit_add_as (db, account->staff.name, PD_AUDIT_SIGN_IN, 0, detail, -1, error) ||
      !pd_transaction_commit (tx, error))
    return FALSE;
  return TRUE;
}

/* On a server the server checks the passphrase: signing in is connecting
 * as the account's login role, and the database then works through that
 * connection. A PIN is too short to be a server's password: it unlocks
 * the desk only for the one who signed in on it with their passphrase
 * since it opened the database, which connects again with that
 * passphrase and checks the PIN against the account's own hash. FALSE
 * only for an error other than a refusal. */
static gboolean
server_check (PdDatabase  *db,
              Account     *account,
              const char  *secret,
              gboolean     pin_shaped,
              gboolean    *ok,
              gboolean    *by_pin,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  /* An account without a passphrase (after a JSON import) has none on
   * the server either: tried as a name with no account. */
  gint64 id = account != NULL && account->passphrase_hash != NULL ? account->staff.id : 0;
  const char *remembered = account != NULL ? pd_staff_server_remembered (db, id) : NULL;
  g_autofree char *passphrase = g_strdup (secret);
  struct _PdServer *server;

  server = pd_staff_server_open (db, id, secret, &local_error);
  if (server == NULL && !g_error_matches (local_error, PD_ERROR, PD_ERROR_SIGN_IN))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (server == NULL && pin_shaped && remembered != NULL)
    {
      g_autofree char *pin_hash = NULL;

      g_clear_error (&local_error);
      g_free (passphrase);
      passphrase = g_strdup (remembered);
      server = pd_staff_server_open (db, id, passphrase, &local_error);
      if (server != NULL)
        pin_hash = pd_staff_server_read_own_pin_hash (server, NULL);
      if (server != NULL && !verify_secret (pin_hash, secret))
        g_clear_pointer (&server, pd_server_free);
      else if (server == NULL)
        /* The passphrase changed since, here or on another desk. */
        pd_staff_server_forget (db, id);
      else
        *by_pin = TRUE;
    }
  if (server != NULL)
    pd_staff_server_use (db, server, id, passphrase);
  *ok = server != NULL;
  if (passphrase != NULL)
    memset (passphrase, 0, strlen (passphrase));
  return TRUE;
}

gboolean
pd_staff_sign_in (PdDatabase  *db,
                  const char  *name,
                  const char  *secret,
                  GError     **error)
{
  g_autoptr(Account) account = NULL;
  GError *local_error = NULL;
  Attempts *attempts;
  gboolean locked = FALSE;
  gboolean pin_shaped;
  gboolean by_pin = FALSE;
  gboolean ok;
  gint64 now = pd_staff_now ();
  gint64 wait;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (secret != NULL, FALSE);

  if (pd_database_get_version (db) < PD_STAFF_SCHEMA_VERSION)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_SIGN_IN, "%s", _(NO_MATCH));
      return FALSE;
    }
  if (!pd_backup_ensure_sodium (error))
    return FALSE;

  account = lookup_account (db, name, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  attempts = account != NULL ? &account->attempts : unknown_attempts (db, name, now);

  wait = seconds_to_wait (attempts, now, &locked);
  if (wait > 0)
    {
      set_wait_error (error, locked, wait);
      return FALSE;
    }

  /* What is checked depends only on what was typed, so the time a refusal
   * takes tells nothing about the account: digits may be a PIN or a
   * passphrase, anything else only a passphrase. */
  pin_shaped = is_digits (secret);
  ok = FALSE;
  if (pd_database_is_shared (db))
    {
      if (!server_check (db, account, secret, pin_shaped, &ok, &by_pin, error))
        return FALSE;
    }
  else
    {
      if (pin_shaped)
        ok = by_pin = verify_secret (account != NULL ? account->pin_hash : NULL, secret);
      if (verify_secret (account != NULL ? account->passphrase_hash : NULL, secret))
        ok = TRUE;
    }

  if (ok)
    {
      if (!record_success (db, account, by_pin ? "PIN" : "passphrase", error))
        {
          pd_staff_sign_out (db);
          return FALSE;
        }
      account->staff.locked_until = 0;
      pd_database_take_staff (db, pd_staff_copy (&account->staff));
      return TRUE;
    }

  if (!record_failure (db, account, attempts, now, &locked, error))
    return FALSE;
  if (locked)
    set_wait_error (error, TRUE, PD_STAFF_LOCK_MINUTES * 60);
  else
    g_set_error (error, PD_ERROR, PD_ERROR_SIGN_IN, "%s", _(NO_MATCH));
  return FALSE;
}

void
pd_staff_sign_out (PdDatabase *db)
{
  g_return_if_fail (PD_IS_DATABASE (db));

  pd_staff_server_sign_out (db);
  if (pd_database_get_staff (db) != NULL)
    pd_database_take_staff (db, NULL);
}
