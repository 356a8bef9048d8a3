/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pd-audit.h"
#include "pd-error.h"
#include "pd-staff-private.h"
#include "pd-statement.h"

/* The names kept in the audit table's kind column, in PdAuditKind order,
 * with their labels: the names are data, so they never change once
 * released. */
static const PdCode kinds[PD_AUDIT_N_KINDS + 1] = {
  { "sign-in", N_("Signed in") },
  { "sign-in-failed", N_("Sign-in failed") },
  { "locked-out", N_("Locked out") },
  { "notes-opened", N_("Notes opened") },
  { "member-created", N_("Member registered") },
  { "member-changed", N_("Member changed") },
  { "member-deactivated", N_("Member deactivated") },
  { "member-erased", N_("Member erased") },
  { "consent-changed", N_("Consent changed") },
  { "export", N_("Export") },
  { "import", N_("Import") },
  { "report", N_("Report") },
  { "backup", N_("Backup") },
  { "restore", N_("Restore") },
  { "staff-changed", N_("Staff changed") },
  { "settings-changed", N_("Settings changed") },
  { "command", N_("Command") },
  { NULL, NULL }
};

G_STATIC_ASSERT (G_N_ELEMENTS (kinds) == PD_AUDIT_N_KINDS + 1);

/* For the description of the audit table (pd-tables.c). */
const PdCode *
pd_audit_get_kind_codes (void)
{
  return kinds;
}

const char *
pd_audit_kind_to_string (PdAuditKind kind)
{
  g_return_val_if_fail (kind < PD_AUDIT_N_KINDS, NULL);
  return kinds[kind].code;
}

gboolean
pd_audit_kind_from_string (const char  *text,
                           PdAuditKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < PD_AUDIT_N_KINDS; i++)
    if (strcmp (text, kinds[i].code) == 0)
      {
        *kind = (PdAuditKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
pd_audit_kind_get_label (PdAuditKind kind)
{
  g_return_val_if_fail (kind < PD_AUDIT_N_KINDS, NULL);
  return _(kinds[kind].label);
}

void
pd_audit_entry_free (PdAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->staff);
  g_free (entry->os_user);
  g_free (entry->member_number);
  g_free (entry->detail);
  g_free (entry);
}

gboolean
pd_audit_add_as (PdDatabase   *db,
                 const char   *staff_name,
                 PdAuditKind   kind,
                 gint64        member_id,
                 const char   *detail,
                 gint64        count,
                 GError      **error)
{
  g_autoptr(PdStatement) stmt = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (kind < PD_AUDIT_N_KINDS, FALSE);

  stmt = pd_database_query (db,
                            "INSERT INTO audit (at, staff, os_user, kind, member_id, detail, count)"
                            " VALUES (:at, :staff, :os_user, :kind, :member_id, :detail, :count)",
                            error);
  if (stmt == NULL)
    return FALSE;
  pd_statement_bind_int64 (stmt, "at", pd_staff_now ());
  pd_statement_bind_text (stmt, "staff", staff_name != NULL ? staff_name : "");
  pd_statement_bind_text (stmt, "os_user", pd_database_get_os_user (db));
  pd_statement_bind_text (stmt, "kind", kinds[kind].code);
  if (member_id > 0)
    pd_statement_bind_int64 (stmt, "member_id", member_id);
  else
    pd_statement_bind_null (stmt, "member_id");
  pd_statement_bind_text (stmt, "detail", detail != NULL ? detail : "");
  pd_statement_bind_int64 (stmt, "count", count);
  return pd_statement_execute (stmt, error);
}

gboolean
pd_audit_add (PdDatabase   *db,
              PdAuditKind   kind,
              gint64        member_id,
              const char   *detail,
              gint64        count,
              GError      **error)
{
  const PdStaff *staff;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);

  staff = pd_database_get_staff (db);
  return pd_audit_add_as (db, staff != NULL ? staff->name : "", kind, member_id, detail, count,
                          error);
}

/* Midnight at the start of @date, local time, in unix seconds. */
static gint64
day_start (const GDate *date)
{
  g_autoptr(GDateTime) start = g_date_time_new_local (g_date_get_year (date),
                                                      g_date_get_month (date),
                                                      g_date_get_day (date), 0, 0, 0);

  return g_date_time_to_unix (start);
}

/* The time of entry @id, or FALSE if there is none. */
static gboolean
read_entry_time (PdDatabase  *db,
                 gint64       id,
                 gint64      *at,
                 GError     **error)
{
  g_autoptr(PdStatement) stmt = NULL;
  gboolean found = FALSE;

  stmt = pd_database_query (db, "SELECT at FROM audit WHERE id = :id", error);
  if (stmt == NULL)
    return FALSE;
  pd_statement_bind_int64 (stmt, "id", id);
  if (!pd_statement_fetch (stmt, &found, error))
    return FALSE;
  if (!found)
    {
      g_autofree char *shown = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND, _("The audit trail has no entry %s."),
                   shown);
      return FALSE;
    }
  *at = pd_statement_get_int64 (stmt, 0);
  return TRUE;
}

/* Entries come newest first by time, then id (a clock set back leaves
 * them in the order they say they happened). Each filter is a fixed piece
 * of SQL, so the statement is one of a few dozen, each prepared once; the
 * period and the page before become one range of time, which the index of
 * the filter (or of time alone) walks backwards, stopping after a page. */
GPtrArray *
pd_audit_list (PdDatabase          *db,
               const PdAuditQuery  *query,
               GError             **error)
{
  g_autoptr(GString) sql = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gboolean has_from = FALSE;
  gboolean has_to = FALSE;
  gint64 from = 0;
  gint64 to = 0;
  gint64 before_at = 0;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (query->kind < PD_AUDIT_N_KINDS, NULL);

  if (!pd_database_require (db, PD_RIGHT_AUDIT, _("read the audit trail"), error))
    return NULL;

  if (query->period != NULL)
    {
      GDate after = query->period->last;

      g_date_add_days (&after, 1);
      from = day_start (&query->period->first);
      to = day_start (&after);
      has_from = has_to = TRUE;
    }
  if (query->before_id > 0)
    {
      if (!read_entry_time (db, query->before_id, &before_at, error))
        return NULL;
      to = has_to ? MIN (to, before_at + 1) : before_at + 1;
      has_to = TRUE;
    }

  sql = g_string_new ("SELECT a.id, a.at, a.staff, a.os_user, a.kind, a.member_id, m.number,"
                      " a.detail, a.count FROM audit AS a"
                      " LEFT JOIN members AS m ON m.id = a.member_id WHERE 1 = 1");
  if (query->staff != NULL)
    g_string_append (sql, " AND a.staff = :staff");
  if (query->member_number != NULL)
    g_string_append (sql, " AND a.member_id = (SELECT id FROM members WHERE number = :number)");
  if (query->kind >= 0)
    g_string_append (sql, " AND a.kind = :kind");
  if (has_from)
    g_string_append (sql, " AND a.at >= :from");
  if (has_to)
    g_string_append (sql, " AND a.at < :to");
  if (query->before_id > 0)
    g_string_append (sql, " AND (a.at < :before_at OR a.id < :before)");
  g_string_append (sql, " ORDER BY a.at DESC, a.id DESC LIMIT :limit");

  stmt = pd_database_query (db, sql->str, error);
  if (stmt == NULL)
    return NULL;
  if (query->staff != NULL)
    pd_statement_bind_text (stmt, "staff", query->staff);
  if (query->member_number != NULL)
    pd_statement_bind_text (stmt, "number", query->member_number);
  if (query->kind >= 0)
    pd_statement_bind_text (stmt, "kind", kinds[query->kind].code);
  if (has_from)
    pd_statement_bind_int64 (stmt, "from", from);
  if (has_to)
    pd_statement_bind_int64 (stmt, "to", to);
  if (query->before_id > 0)
    {
      pd_statement_bind_int64 (stmt, "before_at", before_at);
      pd_statement_bind_int64 (stmt, "before", query->before_id);
    }
  pd_statement_bind_int64 (stmt, "limit", query->limit > 0 ? query->limit : PD_AUDIT_PAGE);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_audit_entry_free);
  while (pd_statement_next (stmt))
    {
      PdAuditEntry *entry;
      PdAuditKind kind;

      /* Kinds this version does not know (none yet) are left out rather
       * than shown as something they are not. */
      if (!pd_audit_kind_from_string (pd_statement_get_text (stmt, 4), &kind))
        continue;

      entry = g_new0 (PdAuditEntry, 1);
      entry->id = pd_statement_get_int64 (stmt, 0);
      entry->at = pd_statement_get_int64 (stmt, 1);
      entry->staff = pd_statement_dup_text (stmt, 2);
      entry->os_user = pd_statement_dup_text (stmt, 3);
      entry->kind = kind;
      entry->member_id = pd_statement_is_null (stmt, 5) ? 0 : pd_statement_get_int64 (stmt, 5);
      entry->member_number = pd_statement_is_null (stmt, 6) ? NULL
                                                            : pd_statement_dup_text (stmt, 6);
      entry->detail = pd_statement_dup_text (stmt, 7);
      entry->count = pd_statement_get_int64 (stmt, 8);
      g_ptr_array_add (entries, entry);
    }
  if (!pd_statement_finish (stmt, error))
    return NULL;
  return g_steal_pointer (&entries);
}
