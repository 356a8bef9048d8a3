/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pd-error.h"
#include "pd-staff-private.h"
#include "pd-statement.h"

typedef struct
{
  const char *name;     /* kept in the staff table: never changes */
  const char *label;
  const char *holder;   /* for "Only … may …" */
  PdRights rights;
} RoleInfo;

static const RoleInfo roles[] = {
  [PD_ROLE_NONE] = { "none", N_("Nobody signed in"), NULL, 0 },
  [PD_ROLE_FRONT_DESK] = {
    "front-desk", N_("Front desk"), N_("a front-desk worker"),
    PD_RIGHT_CHECK_IN | PD_RIGHT_MEMBER_NAMES | PD_RIGHT_MEMBER_DETAILS | PD_RIGHT_MEMBER_EDIT,
  },
  [PD_ROLE_FACILITATOR] = {
    "facilitator", N_("Facilitator"), N_("a facilitator"),
    PD_RIGHT_MEMBER_NAMES | PD_RIGHT_MEETINGS,
  },
  [PD_ROLE_COORDINATOR] = {
    "coordinator", N_("Volunteer coordinator"), N_("a volunteer coordinator"),
    PD_RIGHT_MEMBER_NAMES | PD_RIGHT_VOLUNTEERS,
  },
  [PD_ROLE_DIRECTOR] = { "director", N_("Director"), N_("a director"), PD_RIGHTS_ALL },
};

static const PdCode role_codes[] = {
  { "front-desk", N_("Front desk") },
  { "facilitator", N_("Facilitator") },
  { "coordinator", N_("Volunteer coordinator") },
  { "director", N_("Director") },
  { NULL, NULL }
};

/* For the description of the staff table (pd-tables.c). */
const PdCode *
pd_staff_get_role_codes (void)
{
  return role_codes;
}

/* Tests step through waits and locks on a clock of their own. */
static gint64 fixed_now;

gint64
pd_staff_now (void)
{
  if (fixed_now != 0)
    return fixed_now;
  return g_get_real_time () / G_USEC_PER_SEC;
}

void
pd_staff_set_now (gint64 now)
{
  fixed_now = now;
}

PdRights
pd_role_get_rights (PdRole role)
{
  g_return_val_if_fail (role <= PD_ROLE_DIRECTOR, 0);
  return roles[role].rights;
}

const char *
pd_role_to_string (PdRole role)
{
  g_return_val_if_fail (role <= PD_ROLE_DIRECTOR, NULL);
  return roles[role].name;
}

/* Only the roles an account can hold: "none" is not one. */
gboolean
pd_role_from_string (const char *text,
                     PdRole     *role)
{
  g_return_val_if_fail (role != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  for (guint i = PD_ROLE_FRONT_DESK; i < G_N_ELEMENTS (roles); i++)
    if (strcmp (text, roles[i].name) == 0)
      {
        *role = (PdRole) i;
        return TRUE;
      }
  return FALSE;
}

const char *
pd_role_get_label (PdRole role)
{
  g_return_val_if_fail (role <= PD_ROLE_DIRECTOR, NULL);
  return _(roles[role].label);
}

char *
pd_rights_describe_holders (PdRights right)
{
  g_autofree char *text = NULL;
  const char *holders[G_N_ELEMENTS (roles)];
  guint n = 0;

  g_return_val_if_fail (right != 0 && (right & ~PD_RIGHTS_ALL) == 0, NULL);

  for (guint i = PD_ROLE_FRONT_DESK; i < G_N_ELEMENTS (roles); i++)
    if ((roles[i].rights & right) == right)
      holders[n++] = _(roles[i].holder);

  /* The director holds every right, so there is always one. */
  text = g_strdup (holders[0]);
  for (guint i = 1; i + 1 < n; i++)
    {
      /* TRANSLATORS: joins the roles that may do something but the last:
       * "a front-desk worker, a facilitator" */
      char *longer = g_strdup_printf (_("%s, %s"), text, holders[i]);

      g_free (text);
      text = longer;
    }
  if (n > 1)
    {
      /* TRANSLATORS: joins the last role that may do something:
       * "a volunteer coordinator or a director" */
      char *longer = g_strdup_printf (_("%s or %s"), text, holders[n - 1]);

      g_free (text);
      text = longer;
    }
  return g_steal_pointer (&text);
}

void
pd_staff_free (PdStaff *staff)
{
  if (staff == NULL)
    return;
  g_free (staff->name);
  g_free (staff);
}

PdStaff *
pd_staff_copy (const PdStaff *staff)
{
  PdStaff *copy;

  g_return_val_if_fail (staff != NULL, NULL);

  copy = g_memdup2 (staff, sizeof *staff);
  copy->name = g_strdup (staff->name);
  return copy;
}

/* Answers a yes-or-no query; on a failure to read, TRUE: a database whose
 * accounts cannot be read acts as if sign-in were on and nobody signed in,
 * which refuses rather than grants. */
static gboolean
query_exists (PdDatabase *db,
              const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  gboolean found = FALSE;

  stmt = pd_database_query (db, sql, &error);
  if (stmt != NULL && pd_statement_fetch (stmt, &found, &error))
    return found && pd_statement_get_boolean (stmt, 0);
  /* Damage and a lost server are said once, by the window. */
  if (pd_database_is_damaged (db) || g_error_matches (error, PD_ERROR, PD_ERROR_OFFLINE))
    g_debug ("Could not read the staff accounts: %s", error->message);
  else
    g_warning ("Could not read the staff accounts: %s", error->message);
  return TRUE;
}

gboolean
pd_staff_sign_in_enabled (PdDatabase *db)
{
  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);

  if (pd_database_get_version (db) < PD_STAFF_SCHEMA_VERSION)
    return FALSE;
  return query_exists (db, "SELECT EXISTS (SELECT 1 FROM staff"
                           " WHERE role = 'director' AND removed_at IS NULL)");
}

gboolean
pd_staff_needs_passphrase (PdDatabase *db)
{
  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);

  if (!pd_staff_sign_in_enabled (db))
    return FALSE;
  /* On a server with sign-in on nobody reads the hashes (roles.sql). */
  if (pd_staff_server_has_roles (db))
    return !query_exists (db, "SELECT EXISTS (SELECT 1 FROM staff WHERE role = 'director'"
                              " AND removed_at IS NULL"
                              " AND pd_staff_has_secret (id, 'passphrase'))");
  return !query_exists (db, "SELECT EXISTS (SELECT 1 FROM staff WHERE role = 'director'"
                            " AND removed_at IS NULL AND passphrase_hash IS NOT NULL)");
}

/* The role is read from the account, not kept from signing in: a
 * director's change on another desk, or an account's removal, holds at
 * once. It is read again only after something was written, here or
 * elsewhere. */
static PdRole read_role (PdDatabase *db);

PdRole
pd_database_get_role (PdDatabase *db)
{
  int role;

  g_return_val_if_fail (PD_IS_DATABASE (db), PD_ROLE_NONE);

  /* Read once for the many checks a screenful of records makes. */
  if (pd_database_get_cached_role (db, &role))
    return role;
  role = read_role (db);
  pd_database_cache_role (db, role);
  return role;
}

static PdRole
read_role (PdDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  PdStaff *staff;
  gboolean found = FALSE;
  PdRole role = PD_ROLE_NONE;

  if (!pd_staff_sign_in_enabled (db))
    return PD_ROLE_DIRECTOR;
  staff = (PdStaff *) pd_database_get_staff (db);
  if (staff == NULL)
    return PD_ROLE_NONE;

  stmt = pd_database_query (db,
                            "SELECT role FROM staff"
                            " WHERE id = :id AND name = :name AND removed_at IS NULL",
                            &error);
  if (stmt != NULL)
    {
      pd_statement_bind_int64 (stmt, "id", staff->id);
      pd_statement_bind_text (stmt, "name", staff->name);
    }
  if (stmt == NULL || !pd_statement_fetch (stmt, &found, &error))
    {
      if (pd_database_is_damaged (db))
        g_debug ("Could not read the role of the one signed in: %s", error->message);
      else
        g_warning ("Could not read the role of the one signed in: %s", error->message);
      return PD_ROLE_NONE;
    }
  if (found && pd_role_from_string (pd_statement_get_text (stmt, 0), &role))
    staff->role = role;
  return role;
}

gboolean
pd_database_has_right (PdDatabase *db,
                       PdRights    right)
{
  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);

  return (pd_role_get_rights (pd_database_get_role (db)) & right) == right;
}

gboolean
pd_database_require (PdDatabase  *db,
                     PdRights     right,
                     const char  *what,
                     GError     **error)
{
  g_autofree char *holders = NULL;
  PdRole role;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (what != NULL, FALSE);

  role = pd_database_get_role (db);
  if ((pd_role_get_rights (role) & right) == right)
    return TRUE;

  /* A damaged file may leave the accounts unreadable: it says so, rather
   * than ask for a sign-in that cannot help. */
  if (role == PD_ROLE_NONE && pd_database_is_damaged (db))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_DATABASE,
                   _("“%s” is damaged: Peerdesk saves nothing more to it, so that nothing more "
                     "is lost. Restore the newest backup (“peerdesk-cli restore”, or "
                     "Preferences → Backups)."),
                   pd_database_get_path (db));
      return FALSE;
    }
  if (role == PD_ROLE_NONE)
    {
      /* TRANSLATORS: %s is what was refused, e.g. "export records" */
      g_set_error (error, PD_ERROR, PD_ERROR_SIGN_IN, _("Nobody is signed in: sign in to %s."),
                   what);
      return FALSE;
    }
  holders = pd_rights_describe_holders (right);
  /* TRANSLATORS: "Only a director may export records." */
  g_set_error (error, PD_ERROR, PD_ERROR_NOT_PERMITTED, _("Only %s may %s."), holders, what);
  return FALSE;
}

const char *
pd_database_get_actor (PdDatabase *db,
                       const char *fallback)
{
  const PdStaff *staff;

  g_return_val_if_fail (PD_IS_DATABASE (db), fallback);

  staff = pd_database_get_staff (db);
  if (staff != NULL && pd_staff_sign_in_enabled (db))
    return staff->name;
  return fallback;
}

/* A member's columns beyond the number and names, which the roles without
 * PD_RIGHT_MEMBER_DETAILS may not read on a server; the notes are
 * PD_RIGHT_MEMBER_NOTES's. */
static const char *const detail_columns[] = {
  "pronouns", "birth_date", "phone", "email", "emergency_name", "emergency_phone",
  "joined_date", "status", "gender", "race", "ethnicity", "veteran", "housing", "justice",
  "may_contact", "report_consent",
};

/* Replaces the column @name of a SELECT list in @sql by an empty text. */
static char *
read_as_empty (const char *sql,
               const char *name)
{
  g_autofree char *column = g_strdup_printf (", %s, ", name);
  g_autofree char *empty = g_strdup_printf (", '' AS %s, ", name);
  g_auto(GStrv) parts = g_strsplit (sql, column, -1);

  return g_strjoinv (empty, parts);
}

/* On a server the members' columns are for the roles that may read them
 * (data/postgresql/roles.sql): the notes for PD_RIGHT_MEMBER_NOTES, the
 * details for PD_RIGHT_MEMBER_DETAILS. A query of members' columns
 * (PD_MEMBER_COLUMNS) made for another role reads them as empty, as
 * pd_members_withhold() leaves them anyway; a member written back whole
 * with its notes empty keeps them there (members_notes_kept). A file has
 * no such grants: its queries stay as they are. The query to run. */
const char *
pd_database_member_sql (PdDatabase *db,
                        const char *sql)
{
  g_autofree char *rewritten = NULL;

  if (!pd_database_is_shared (db) || pd_database_has_right (db, PD_RIGHT_MEMBER_NOTES))
    return sql;
  rewritten = read_as_empty (sql, "notes");
  if (!pd_database_has_right (db, PD_RIGHT_MEMBER_DETAILS))
    for (guint i = 0; i < G_N_ELEMENTS (detail_columns); i++)
      {
        char *next = read_as_empty (rewritten, detail_columns[i]);

        g_free (rewritten);
        rewritten = next;
      }
  return g_intern_string (rewritten);
}
