/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "pd-attendance.h"
#include "pd-audit.h"
#include "pd-error.h"
#include "pd-members.h"
#include "pd-staff.h"
#include "pd-statement.h"
#include "pd-text.h"
#include "pd-visits.h"

/* A member is one of a group's regulars after coming to at least REGULAR_MIN of the
 * group's last REGULAR_WINDOW sessions before the one at hand. */
#define REGULAR_WINDOW 4
#define REGULAR_MIN 2

void
pd_history_entry_free (PdHistoryEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->kind);
  g_free (entry->what);
  g_free (entry);
}

typedef struct
{
  gint64 group_id;
  char *group_name;
  char *mode;
  char *starts_at;
  gboolean cancelled;
} SessionInfo;

static void
session_info_clear (SessionInfo *info)
{
  g_clear_pointer (&info->group_name, g_free);
  g_clear_pointer (&info->mode, g_free);
  g_clear_pointer (&info->starts_at, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SessionInfo, session_info_clear)

static gboolean
get_session (PdDatabase   *db,
             gint64        session_id,
             SessionInfo  *info,
             GError      **error)
{
  g_autoptr(PdStatement) stmt = NULL;
  gboolean found;

  stmt = pd_database_query (db,
                            "SELECT s.group_id, g.name, g.attendance_mode, s.starts_at,"
                            " s.cancelled"
                            " FROM sessions AS s JOIN groups AS g ON g.id = s.group_id"
                            " WHERE s.id = :id",
                            error);
  if (stmt == NULL)
    return FALSE;
  pd_statement_bind_int64 (stmt, "id", session_id);
  if (!pd_statement_fetch (stmt, &found, error))
    return FALSE;
  if (!found)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("There is no session with id %" PRId64), session_id);
      return FALSE;
    }
  info->group_id = pd_statement_get_int64 (stmt, 0);
  info->group_name = pd_statement_dup_text (stmt, 1);
  info->mode = pd_statement_dup_text (stmt, 2);
  info->starts_at = pd_statement_dup_text (stmt, 3);
  info->cancelled = pd_statement_get_boolean (stmt, 4);
  return TRUE;
}

/* A session that can take names: not cancelled, not headcount-only. */
static gboolean
check_named (const SessionInfo  *info,
             GError            **error)
{
  if (info->cancelled)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("This session of “%s” was cancelled: no attendance can be recorded"),
                   info->group_name);
      return FALSE;
    }
  if (g_strcmp0 (info->mode, "headcount") == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” keeps its members anonymous: only a headcount is recorded, "
                     "no names"),
                   info->group_name);
      return FALSE;
    }
  return TRUE;
}

/* Inserts the attendance row in the caller's transaction. */
static gboolean
insert_attendance (PdDatabase  *db,
                   gint64       session_id,
                   PdMember    *member,
                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *now = pd_timestamp_now ();
  g_autoptr(PdStatement) stmt = NULL;

  stmt = pd_database_query (db,
                            "INSERT INTO attendance (session_id, member_id, recorded_at,"
                            " recorded_by)"
                            " VALUES (:session_id, :member_id, :now, :recorded_by)",
                            error);
  if (stmt == NULL)
    return FALSE;
  pd_statement_bind_int64 (stmt, "session_id", session_id);
  pd_statement_bind_int64 (stmt, "member_id", pd_member_get_id (member));
  pd_statement_bind_text (stmt, "now", now);
  pd_statement_bind_text (stmt, "recorded_by", pd_database_get_actor (db, ""));
  if (pd_statement_execute (stmt, &local_error))
    return TRUE;

  /* By number: the message may end up on a terminal or in a log. */
  if (g_error_matches (local_error, PD_ERROR, PD_ERROR_DUPLICATE))
    {
      g_set_error (error, PD_ERROR, PD_ERROR_DUPLICATE, _("Member %s is already marked present"),
                   pd_member_get (member, PD_MEMBER_FIELD_NUMBER));
      return FALSE;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
pd_attendance_mark (PdDatabase  *db,
                    gint64       session_id,
                    gint64       member_id,
                    GError     **error)
{
  g_auto(SessionInfo) info = { 0 };
  g_autoptr(PdMember) member = NULL;
  g_autoptr(PdTransaction) transaction = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);

  if (!pd_database_require (db, PD_RIGHT_MEETINGS, _("take attendance"), error))
    return FALSE;

  transaction = pd_database_begin_transaction (db, error);
  if (transaction == NULL ||
      !get_session (db, session_id, &info, error) ||
      !check_named (&info, error) ||
      (member = pd_members_get (db, member_id, error)) == NULL ||
      !insert_attendance (db, session_id, member, error) ||
      !pd_transaction_commit (transaction, error))
    return FALSE;

  pd_database_notify_changed (db, "attendance");
  return TRUE;
}

gboolean
pd_attendance_unmark (PdDatabase  *db,
                      gint64       session_id,
                      gint64       member_id,
                      GError     **error)
{
  g_autoptr(PdStatement) stmt = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);

  if (!pd_database_require (db, PD_RIGHT_MEETINGS, _("take attendance"), error))
    return FALSE;

  stmt = pd_database_query (db,
                            "DELETE FROM attendance"
                            " WHERE session_id = :session_id AND member_id = :member_id",
                            error);
  if (stmt == NULL)
    return FALSE;
  pd_statement_bind_int64 (stmt, "session_id", session_id);
  pd_statement_bind_int64 (stmt, "member_id", member_id);
  if (!pd_statement_execute (stmt, error))
    return FALSE;
  if (pd_statement_get_changes (stmt) == 0)
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                           _("This member is not marked present at this session"));
      return FALSE;
    }

  pd_database_notify_changed (db, "attendance");
  return TRUE;
}

gboolean
pd_attendance_is_present (PdDatabase *db,
                          gint64      session_id,
                          gint64      member_id)
{
  g_autoptr(PdStatement) stmt = NULL;
  g_autoptr(GError) error = NULL;
  gboolean present;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);

  if (!pd_database_has_right (db, PD_RIGHT_MEETINGS))
    return FALSE;

  stmt = pd_database_query (db,
                            "SELECT 1 FROM attendance"
                            " WHERE session_id = :session_id AND member_id = :member_id",
                            &error);
  if (stmt != NULL)
    {
      pd_statement_bind_int64 (stmt, "session_id", session_id);
      pd_statement_bind_int64 (stmt, "member_id", member_id);
      if (pd_statement_fetch (stmt, &present, &error))
        return present;
    }
  g_warning ("Could not read the attendance of a session: %s", error->message);
  return FALSE;
}

char *
pd_attendance_last_at_group (PdDatabase  *db,
                             gint64       session_id,
                             gint64       member_id,
                             GError     **error)
{
  g_autoptr(PdStatement) stmt = NULL;
  gboolean found;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  if (!pd_database_require (db, PD_RIGHT_MEETINGS, _("take attendance"), error))
    return NULL;

  /* From the member's own attendance (attendance_by_member), each session
   * read by its key: as many steps as the member has attended, whatever
   * the size of the tables. Going through the group's sessions instead,
   * as the planner would, costs a step for each session the group ever
   * had, for everyone new: 200 rows took a second at a million members. */
  stmt = pd_database_query (db,
                            "SELECT max (s.starts_at)"
                            " FROM attendance AS a"
                            " CROSS JOIN sessions AS s"
                            " WHERE s.id = a.session_id AND a.member_id = :member_id"
                            " AND s.group_id = (SELECT group_id FROM sessions"
                            "                   WHERE id = :session_id)"
                            " AND s.starts_at < (SELECT starts_at FROM sessions"
                            "                    WHERE id = :session_id)",
                            error);
  if (stmt == NULL)
    return NULL;
  pd_statement_bind_int64 (stmt, "session_id", session_id);
  pd_statement_bind_int64 (stmt, "member_id", member_id);
  if (!pd_statement_fetch (stmt, &found, error))
    return NULL;
  return found ? pd_statement_dup_text (stmt, 0) : NULL;
}

/* Runs @stmt, bound by the caller, and collects its first column. */
static GArray *
collect_ids (PdStatement  *stmt,
             GError      **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  while (pd_statement_next (stmt))
    {
      gint64 id = pd_statement_get_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (!pd_statement_finish (stmt, error))
    return NULL;
  return g_steal_pointer (&ids);
}

GArray *
pd_attendance_present (PdDatabase  *db,
                       gint64       session_id,
                       GError     **error)
{
  g_autoptr(PdStatement) stmt = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  if (!pd_database_require (db, PD_RIGHT_MEETINGS, _("take attendance"), error))
    return NULL;

  stmt = pd_database_query (db,
                            "SELECT member_id FROM attendance WHERE session_id = :session_id"
                            " ORDER BY member_id",
                            error);
  if (stmt == NULL)
    return NULL;
  pd_statement_bind_int64 (stmt, "session_id", session_id);
  return collect_ids (stmt, error);
}

GArray *
pd_attendance_regulars (PdDatabase  *db,
                        gint64       session_id,
                        GError     **error)
{
  g_auto(SessionInfo) info = { 0 };
  g_autoptr(PdStatement) stmt = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  if (!pd_database_require (db, PD_RIGHT_MEETINGS, _("take attendance"), error))
    return NULL;

  if (!get_session (db, session_id, &info, error))
    return NULL;

  /* The group's sessions are read newest first from the (group_id,
   * starts_at) index until four were held, and each one's attendance from
   * the primary key: a few dozen rows whatever the size of the tables. */
  stmt = pd_database_query (db,
                            "SELECT a.member_id"
                            " FROM (SELECT id FROM sessions"
                            "       WHERE group_id = :group_id AND starts_at < :starts_at"
                            "       AND cancelled = 0"
                            "       ORDER BY starts_at DESC LIMIT :window) AS recent"
                            " CROSS JOIN attendance AS a CROSS JOIN members AS m"
                            " WHERE a.session_id = recent.id AND m.id = a.member_id"
                            " GROUP BY a.member_id, m.sort_key"
                            " HAVING count (*) >= :min"
                            " ORDER BY m.sort_key, a.member_id",
                            error);
  if (stmt == NULL)
    return NULL;
  pd_statement_bind_int64 (stmt, "group_id", info.group_id);
  pd_statement_bind_text (stmt, "starts_at", info.starts_at);
  pd_statement_bind_int (stmt, "window", REGULAR_WINDOW);
  pd_statement_bind_int (stmt, "min", REGULAR_MIN);
  return collect_ids (stmt, error);
}

gboolean
pd_attendance_set_headcount (PdDatabase  *db,
                             gint64       session_id,
                             guint        headcount,
                             GError     **error)
{
  g_auto(SessionInfo) info = { 0 };
  g_autoptr(PdTransaction) transaction = NULL;
  g_autoptr(PdStatement) stmt = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);

  if (!pd_database_require (db, PD_RIGHT_MEETINGS, _("take attendance"), error))
    return FALSE;

  transaction = pd_database_begin_transaction (db, error);
  if (transaction == NULL || !get_session (db, session_id, &info, error))
    return FALSE;
  if (info.cancelled)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("This session of “%s” was cancelled: no attendance can be recorded"),
                   info.group_name);
      return FALSE;
    }
  if (g_strcmp0 (info.mode, "named") == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” records attendance by name only: change its attendance mode to "
                     "count guests"),
                   info.group_name);
      return FALSE;
    }

  stmt = pd_database_query (db, "UPDATE sessions SET headcount = :headcount WHERE id = :id",
                            error);
  if (stmt == NULL)
    return FALSE;
  pd_statement_bind_int64 (stmt, "headcount", headcount);
  pd_statement_bind_int64 (stmt, "id", session_id);
  if (!pd_statement_execute (stmt, error) || !pd_transaction_commit (transaction, error))
    return FALSE;

  pd_database_notify_changed (db, "attendance");
  return TRUE;
}

gint64
pd_attendance_add_first_timer (PdDatabase  *db,
                               gint64       session_id,
                               const char  *first_name,
                               const char  *last_initial,
                               GError     **error)
{
  g_auto(SessionInfo) info = { 0 };
  g_autoptr(PdMember) member = NULL;
  g_autoptr(PdTransaction) transaction = NULL;
  /* Freed before the transaction ends, whose end its clean-up belongs to. */
  g_autoptr(PdMembersWriter) writer = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), 0);

  if (!pd_database_require (db, PD_RIGHT_MEETINGS, _("take attendance"), error))
    return 0;

  member = pd_newcomer_new (first_name, last_initial, 0, error);
  if (member == NULL)
    return 0;

  transaction = pd_database_begin_transaction (db, error);
  if (transaction == NULL ||
      !get_session (db, session_id, &info, error) ||
      !check_named (&info, error))
    return 0;

  writer = pd_members_writer_new (db, error);
  if (writer == NULL ||
      !pd_members_writer_add (writer, member, error) ||
      !pd_members_writer_finish (writer, error))
    return 0;
  g_clear_pointer (&writer, pd_members_writer_free);

  if (!pd_audit_add (db, PD_AUDIT_MEMBER_CREATED, pd_member_get_id (member), NULL, -1, error) ||
      !insert_attendance (db, session_id, member, error) ||
      !pd_transaction_commit (transaction, error))
    return 0;

  pd_database_notify_changed (db, "members");
  pd_database_notify_changed (db, "attendance");
  return pd_member_get_id (member);
}

static PdHistoryEntry *
read_history_entry (PdStatement *stmt)
{
  PdHistoryEntry *entry = g_new0 (PdHistoryEntry, 1);

  entry->at = pd_statement_dup_text (stmt, 0);
  entry->kind = pd_statement_dup_text (stmt, 1);
  entry->what = pd_statement_dup_text (stmt, 2);
  return entry;
}

GPtrArray *
pd_member_history (PdDatabase  *db,
                   gint64       member_id,
                   guint        offset,
                   guint        limit,
                   GError     **error)
{
  g_autoptr(PdStatement) stmt = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  if (!pd_database_require (db, PD_RIGHT_MEMBER_DETAILS, _("see members’ history"), error))
    return NULL;

  /* Each half starts from the member's own index (CROSS JOIN keeps the
   * planner from starting anywhere else), so the cost is the member's
   * rows, not the table's. */
  stmt = pd_database_query (db,
                            "SELECT v.visited_at AS at, 'visit' AS kind, p.label AS what,"
                            " v.id AS id"
                            " FROM visits AS v"
                            " CROSS JOIN visit_purposes AS p"
                            " WHERE p.id = v.purpose_id AND v.member_id = :member_id"
                            " UNION ALL"
                            " SELECT s.starts_at, 'attendance', g.name, s.id"
                            " FROM attendance AS a"
                            " CROSS JOIN sessions AS s CROSS JOIN groups AS g"
                            " WHERE s.id = a.session_id AND g.id = s.group_id"
                            " AND a.member_id = :member_id"
                            " ORDER BY at DESC, kind DESC, id DESC"
                            " LIMIT :limit OFFSET :offset",
                            error);
  if (stmt == NULL)
    return NULL;
  pd_statement_bind_int64 (stmt, "member_id", member_id);
  pd_statement_bind_int64 (stmt, "limit", limit);
  pd_statement_bind_int64 (stmt, "offset", offset);
  return pd_statement_collect (stmt, (PdRowFunc) read_history_entry,
                               (GDestroyNotify) pd_history_entry_free, error);
}
