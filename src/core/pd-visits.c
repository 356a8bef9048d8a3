/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "pd-audit.h"
#include "pd-error.h"
#include "pd-label-list.h"
#include "pd-members.h"
#include "pd-staff-private.h"
#include "pd-statement.h"
#include "pd-text.h"
#include "pd-visits.h"

static const PdLabelList purpose_list = {
  .list_sql = "SELECT id, label, archived, is_default FROM visit_purposes"
              " WHERE archived = 0 OR :include_archived ORDER BY position, id",
  .find_sql = "SELECT id, label FROM visit_purposes",
  .insert_sql = "INSERT INTO visit_purposes (label, position)"
                " SELECT :label, coalesce (max (position), 0) + 1 FROM visit_purposes",
  .rename_sql = "UPDATE visit_purposes SET label = :label WHERE id = :id",
  .get_sql = "SELECT label, archived, is_default FROM visit_purposes WHERE id = :id",
  .archive_sql = "UPDATE visit_purposes SET archived = :archived WHERE id = :id",
  .changed = "visit_purposes",
  .also_changed = "visits",   /* lists of visits show the label */
  .max_length = 80,
  .read_right = PD_RIGHT_CHECK_IN,
  .read_what = N_("list visit purposes"),
  .not_utf8 = N_("The purpose is not valid UTF-8 text"),
  .empty = N_("A visit purpose needs a name"),
  .too_long = N_("The name of a visit purpose can have at most %d characters"),
  .duplicate = N_("There is already a visit purpose “%s”"),
  .not_found = N_("There is no visit purpose with id %" PRId64),
  .archive_default = N_("“%s” is the default purpose: choose another default before "
                        "archiving it"),
};

void
pd_purpose_free (PdPurpose *purpose)
{
  if (purpose == NULL)
    return;
  g_free (purpose->label);
  g_free (purpose);
}

void
pd_visit_free (PdVisit *visit)
{
  if (visit == NULL)
    return;
  g_free (visit->member_name);
  g_free (visit->member_number);
  g_free (visit->visited_at);
  g_free (visit->purpose);
  g_free (visit->recorded_by);
  g_free (visit);
}

/* Purposes */

static PdPurpose *
read_purpose (PdStatement *stmt)
{
  PdPurpose *purpose = g_new0 (PdPurpose, 1);

  purpose->id = pd_statement_get_int64 (stmt, 0);
  purpose->label = pd_statement_dup_text (stmt, 1);
  purpose->archived = pd_statement_get_boolean (stmt, 2);
  purpose->is_default = pd_statement_get_boolean (stmt, 3);
  return purpose;
}

GPtrArray *
pd_purposes_list (PdDatabase  *db,
                  gboolean     include_archived,
                  GError     **error)
{
  return pd_label_list_read (db, &purpose_list, include_archived, (PdRowFunc) read_purpose,
                             (GDestroyNotify) pd_purpose_free, error);
}

gint64
pd_purposes_find (PdDatabase  *db,
                  const char  *label,
                  GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *excerpt = NULL;
  gint64 id;

  g_return_val_if_fail (PD_IS_DATABASE (db), 0);
  g_return_val_if_fail (label != NULL, 0);

  if (!pd_database_require (db, PD_RIGHT_CHECK_IN, _("list visit purposes"), error))
    return 0;

  trimmed = g_strstrip (g_strdup (label));
  id = pd_database_find_text (db, purpose_list.find_sql, trimmed, error);
  if (id < 0)
    return 0;
  if (id == 0)
    {
      excerpt = pd_text_excerpt (trimmed, -1);
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND, _("There is no visit purpose “%s”"),
                   excerpt);
    }
  return id;
}

gint64
pd_purposes_add (PdDatabase  *db,
                 const char  *label,
                 GError     **error)
{
  return pd_label_list_add (db, &purpose_list, label, error);
}

gboolean
pd_purposes_rename (PdDatabase  *db,
                    gint64       id,
                    const char  *label,
                    GError     **error)
{
  return pd_label_list_rename (db, &purpose_list, id, label, error);
}

gboolean
pd_purposes_set_default (PdDatabase  *db,
                         gint64       id,
                         GError     **error)
{
  g_autoptr(PdTransaction) transaction = NULL;
  g_autoptr(PdStatement) clear = NULL;
  g_autoptr(PdStatement) set = NULL;
  g_autofree char *label = NULL;
  gboolean is_default = FALSE, archived = FALSE;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);

  if (!pd_database_require (db, PD_RIGHT_SETTINGS, _("change the visit purposes"), error))
    return FALSE;

  /* The old default is cleared and the new one set together: the unique
   * index on is_default allows at most one, and no reader may ever see
   * none. */
  transaction = pd_database_begin_transaction (db, error);
  if (transaction == NULL ||
      !pd_label_list_get (db, &purpose_list, id, &label, &archived, &is_default, error))
    return FALSE;
  if (is_default)
    return TRUE;
  if (archived)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” is archived: restore it before making it the default purpose"),
                   label);
      return FALSE;
    }

  clear = pd_database_query (db, "UPDATE visit_purposes SET is_default = 0 WHERE is_default = 1",
                             error);
  if (clear == NULL || !pd_statement_execute (clear, error))
    return FALSE;
  set = pd_database_query (db, "UPDATE visit_purposes SET is_default = 1 WHERE id = :id", error);
  if (set == NULL)
    return FALSE;
  pd_statement_bind_int64 (set, "id", id);
  if (!pd_statement_execute (set, error) ||
      !pd_audit_add (db, PD_AUDIT_SETTINGS_CHANGED, 0, "visit_purposes", -1, error) ||
      !pd_transaction_commit (transaction, error))
    return FALSE;

  pd_database_notify_changed (db, "visit_purposes");
  return TRUE;
}

gboolean
pd_purposes_set_archived (PdDatabase  *db,
                          gint64       id,
                          gboolean     archived,
                          GError     **error)
{
  return pd_label_list_set_archived (db, &purpose_list, id, archived, error);
}

/* Times */

/* Visits are kept in local wall-clock time, as the front desk reads the
 * clock on the wall. */
char *
pd_local_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
}

static gboolean
two_digits (const char *text,
            int         max,
            int        *value)
{
  if (!g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]))
    return FALSE;
  *value = (text[0] - '0') * 10 + (text[1] - '0');
  return *value <= max;
}

/* Checks a local time written YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS and
 * returns it with its seconds, as visits keep it. */
char *
pd_local_time_normalize (const char  *text,
                         GError     **error)
{
  g_autofree char *date = NULL;
  g_autofree char *excerpt = NULL;
  GDate parsed;
  gsize len;
  int hour, minute, second = 0;

  len = text ? strlen (text) : 0;
  if ((len != 16 && len != 19) || text[10] != 'T')
    goto bad;
  date = g_strndup (text, 10);
  if (!pd_date_parse (date, &parsed) ||
      !two_digits (text + 11, 23, &hour) || text[13] != ':' ||
      !two_digits (text + 14, 59, &minute))
    goto bad;
  if (len == 19 && (text[16] != ':' || !two_digits (text + 17, 59, &second)))
    goto bad;

  return g_strdup_printf ("%sT%02d:%02d:%02d", date, hour, minute, second);

bad:
  excerpt = pd_text_excerpt (text, -1);
  g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
               _("“%s” is not a date and time (YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS)"),
               excerpt);
  return NULL;
}

/* Check-in */

/* The one letter of @text, upper-cased, or "" when @text is blank; NULL if
 * @text is anything else. "R." is how an initial is often written. */
static char *
clean_initial (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  g_autofree char *composed = NULL;
  gsize len = strlen (trimmed);
  char upper[8] = { 0 };

  if (len > 0 && trimmed[len - 1] == '.')
    trimmed[len - 1] = '\0';
  if (*trimmed == '\0')
    return g_strdup ("");

  composed = g_utf8_normalize (trimmed, -1, G_NORMALIZE_NFC);
  if (composed == NULL || g_utf8_strlen (composed, -1) != 1 ||
      !g_unichar_isalpha (g_utf8_get_char (composed)))
    return NULL;
  g_unichar_to_utf8 (g_unichar_toupper (g_utf8_get_char (composed)), upper);
  return g_strdup (upper);
}

PdMember *
pd_newcomer_new (const char  *first_name,
                 const char  *last_initial,
                 guint        birth_year,
                 GError     **error)
{
  g_autoptr(PdMember) member = pd_member_new ();
  g_autofree char *initial = NULL;

  pd_member_set (member, PD_MEMBER_FIELD_FIRST_NAME, first_name);
  if (birth_year != 0)
    {
      g_autofree char *year = g_strdup_printf ("%04u", birth_year);

      pd_member_set (member, PD_MEMBER_FIELD_BIRTH_DATE, year);
    }
  for (guint i = 0; i < PD_MEMBER_N_FIELDS; i++)
    {
      g_autofree char *value = pd_member_normalize_value (i, pd_member_get (member, i));

      pd_member_set (member, i, value);
    }
  if (!pd_member_validate (member, error))
    return NULL;

  initial = clean_initial (last_initial);
  if (initial == NULL)
    {
      g_autofree char *excerpt = pd_text_excerpt (last_initial, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("Last initial: “%s” is not one letter"), excerpt);
      return NULL;
    }
  pd_member_set (member, PD_MEMBER_FIELD_LAST_NAME, initial);
  return g_steal_pointer (&member);
}

/* The default purpose if @purpose_id is 0; otherwise @purpose_id, if it
 * exists and is not archived. Returns 0 on an error. */
static gint64
resolve_purpose (PdDatabase  *db,
                 gint64       purpose_id,
                 GError     **error)
{
  g_autofree char *label = NULL;
  gboolean archived = FALSE;

  if (purpose_id == 0)
    {
      g_autoptr(PdStatement) stmt = NULL;
      gboolean found;

      stmt = pd_database_query (db, "SELECT id FROM visit_purposes WHERE is_default = 1", error);
      if (stmt == NULL || !pd_statement_fetch (stmt, &found, error))
        return 0;
      if (!found)
        {
          g_set_error_literal (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                               _("No visit purpose is the default: choose one in the preferences"));
          return 0;
        }
      return pd_statement_get_int64 (stmt, 0);
    }

  if (!pd_label_list_get (db, &purpose_list, purpose_id, &label, &archived, NULL, error))
    return 0;
  if (archived)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("The visit purpose “%s” is archived: choose another one"), label);
      return 0;
    }
  return purpose_id;
}

static gboolean
check_member (PdDatabase  *db,
              gint64       member_id,
              GError     **error)
{
  g_autoptr(PdStatement) stmt = NULL;
  gboolean found;

  stmt = pd_database_query (db, "SELECT 1 FROM members WHERE id = :id", error);
  if (stmt == NULL)
    return FALSE;
  pd_statement_bind_int64 (stmt, "id", member_id);
  if (!pd_statement_fetch (stmt, &found, error))
    return FALSE;
  if (!found)
    g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                 _("There is no member with id %" PRId64), member_id);
  return found;
}

/* Records a visit inside the caller's transaction; @at is normalized. */
static gint64
insert_visit (PdDatabase  *db,
              gint64       member_id,
              gint64       purpose_id,
              const char  *at,
              const char  *recorded_by,
              GError     **error)
{
  g_autofree char *now = pd_timestamp_now ();
  g_autoptr(PdStatement) stmt = NULL;

  if (member_id != 0 && !check_member (db, member_id, error))
    return 0;
  purpose_id = resolve_purpose (db, purpose_id, error);
  if (purpose_id == 0)
    return 0;

  stmt = pd_database_query (db,
                            "INSERT INTO visits (member_id, visited_at, purpose_id, recorded_by,"
                            " created_at) VALUES (:member_id, :visited_at, :purpose_id,"
                            " :recorded_by, :now)",
                            error);
  if (stmt == NULL)
    return 0;
  if (member_id != 0)
    pd_statement_bind_int64 (stmt, "member_id", member_id);
  else
    pd_statement_bind_null (stmt, "member_id");
  pd_statement_bind_text (stmt, "visited_at", at);
  pd_statement_bind_int64 (stmt, "purpose_id", purpose_id);
  pd_statement_bind_text (stmt, "recorded_by",
                          pd_database_get_actor (db, recorded_by ? recorded_by : ""));
  pd_statement_bind_text (stmt, "now", now);
  if (!pd_statement_execute (stmt, error))
    return 0;
  return pd_statement_get_inserted_id (stmt);
}

gint64
pd_visits_check_in (PdDatabase  *db,
                    gint64       member_id,
                    gint64       purpose_id,
                    const char  *at,
                    const char  *recorded_by,
                    GError     **error)
{
  g_autoptr(PdTransaction) transaction = NULL;
  g_autofree char *when = NULL;
  gint64 visit_id;

  g_return_val_if_fail (PD_IS_DATABASE (db), 0);
  g_return_val_if_fail (member_id >= 0, 0);
  g_return_val_if_fail (purpose_id >= 0, 0);

  if (!pd_database_require (db, PD_RIGHT_CHECK_IN, _("check people in"), error))
    return 0;

  when = at ? pd_local_time_normalize (at, error) : pd_local_now ();
  if (when == NULL)
    return 0;

  transaction = pd_database_begin_transaction (db, error);
  if (transaction == NULL)
    return 0;
  visit_id = insert_visit (db, member_id, purpose_id, when, recorded_by, error);
  if (visit_id == 0 || !pd_transaction_commit (transaction, error))
    return 0;

  pd_database_notify_changed (db, "visits");
  return visit_id;
}

gint64
pd_visits_check_in_newcomer (PdDatabase  *db,
                             const char  *first_name,
                             const char  *last_initial,
                             guint        birth_year,
                             gint64       purpose_id,
                             const char  *recorded_by,
                             char       **member_number,
                             GError     **error)
{
  g_autoptr(PdMember) member = NULL;
  g_autoptr(PdTransaction) transaction = NULL;
  /* Freed before the transaction ends, whose end its clean-up belongs to. */
  g_autoptr(PdMembersWriter) writer = NULL;
  g_autofree char *now = NULL;
  gint64 visit_id;

  g_return_val_if_fail (PD_IS_DATABASE (db), 0);
  g_return_val_if_fail (purpose_id >= 0, 0);

  if (!pd_database_require (db, PD_RIGHT_CHECK_IN, _("check people in"), error))
    return 0;

  member = pd_newcomer_new (first_name, last_initial, birth_year, error);
  if (member == NULL)
    return 0;
  now = pd_local_now ();

  transaction = pd_database_begin_transaction (db, error);
  if (transaction == NULL)
    return 0;

  writer = pd_members_writer_new (db, error);
  if (writer == NULL ||
      !pd_members_writer_add (writer, member, error) ||
      !pd_members_writer_finish (writer, error))
    return 0;
  g_clear_pointer (&writer, pd_members_writer_free);
  if (!pd_audit_add (db, PD_AUDIT_MEMBER_CREATED, pd_member_get_id (member), NULL, -1, error))
    return 0;

  visit_id = insert_visit (db, pd_member_get_id (member), purpose_id, now, recorded_by, error);
  if (visit_id == 0 || !pd_transaction_commit (transaction, error))
    return 0;

  pd_database_notify_changed (db, "members");
  pd_database_notify_changed (db, "visits");
  if (member_number != NULL)
    *member_number = g_strdup (pd_member_get (member, PD_MEMBER_FIELD_NUMBER));
  return visit_id;
}

gboolean
pd_visits_delete (PdDatabase  *db,
                  gint64       visit_id,
                  GError     **error)
{
  g_autoptr(PdStatement) stmt = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);

  if (!pd_database_require (db, PD_RIGHT_CHECK_IN, _("undo check-ins"), error))
    return FALSE;

  stmt = pd_database_query (db, "DELETE FROM visits WHERE id = :id", error);
  if (stmt == NULL)
    return FALSE;
  pd_statement_bind_int64 (stmt, "id", visit_id);
  if (!pd_statement_execute (stmt, error))
    return FALSE;
  if (pd_statement_get_changes (stmt) == 0)
    {
      g_set_error (error, PD_ERROR, PD_ERROR_NOT_FOUND,
                   _("There is no visit with id %" PRId64), visit_id);
      return FALSE;
    }

  pd_database_notify_changed (db, "visits");
  return TRUE;
}

/* The bounds of @date's visits in visited_at order: every time of the day
 * starts with "YYYY-MM-DDT", and "U" follows "T". */
static gboolean
day_bounds (const char  *date,
            char       **from,
            char       **to,
            GError     **error)
{
  GDate parsed;

  if (!pd_date_parse (date, &parsed))
    {
      g_autofree char *excerpt = pd_text_excerpt (date, -1);

      g_set_error (error, PD_ERROR, PD_ERROR_INVALID, _("“%s” is not a date (YYYY-MM-DD)"),
                   excerpt);
      return FALSE;
    }
  *from = g_strconcat (date, "T", NULL);
  *to = g_strconcat (date, "U", NULL);
  return TRUE;
}

GPtrArray *
pd_visits_list_day (PdDatabase  *db,
                    const char  *date,
                    GError     **error)
{
  g_autoptr(GPtrArray) visits = g_ptr_array_new_with_free_func ((GDestroyNotify) pd_visit_free);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autoptr(PdStatement) stmt = NULL;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  if (!pd_database_require (db, PD_RIGHT_CHECK_IN, _("see who came in"), error))
    return NULL;

  if (!day_bounds (date, &from, &to, error))
    return NULL;

  stmt = pd_database_query (db,
                            "SELECT v.id, v.member_id, m.preferred_name, m.first_name,"
                            " m.last_name, m.number, v.visited_at, p.label, v.recorded_by"
                            " FROM visits AS v"
                            " LEFT JOIN members AS m ON m.id = v.member_id"
                            " JOIN visit_purposes AS p ON p.id = v.purpose_id"
                            " WHERE v.visited_at >= :from AND v.visited_at < :to"
                            " ORDER BY v.visited_at DESC, v.id DESC",
                            error);
  if (stmt == NULL)
    return NULL;
  pd_statement_bind_text (stmt, "from", from);
  pd_statement_bind_text (stmt, "to", to);

  while (pd_statement_next (stmt))
    {
      PdVisit *visit = g_new0 (PdVisit, 1);

      visit->id = pd_statement_get_int64 (stmt, 0);
      visit->member_id = pd_statement_get_int64 (stmt, 1);
      if (visit->member_id != 0)
        {
          /* As pd_member_dup_display_name() puts it. */
          const char *first = pd_statement_get_text (stmt, 2);
          const char *last = pd_statement_get_text (stmt, 4);

          if (first == NULL || *first == '\0')
            first = pd_statement_get_text (stmt, 3);
          if (last == NULL || *last == '\0')
            visit->member_name = g_strdup (first);
          else
            visit->member_name = g_strdup_printf ("%s %s", first, last);
          visit->member_number = pd_statement_dup_text (stmt, 5);
        }
      visit->visited_at = pd_statement_dup_text (stmt, 6);
      visit->purpose = pd_statement_dup_text (stmt, 7);
      visit->recorded_by = pd_statement_dup_text (stmt, 8);
      g_ptr_array_add (visits, visit);
    }
  if (!pd_statement_finish (stmt, error))
    return NULL;
  return g_steal_pointer (&visits);
}

gboolean
pd_visits_count_day (PdDatabase   *db,
                     const char   *date,
                     PdDayCounts  *counts,
                     GError      **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  gboolean found;

  g_return_val_if_fail (PD_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  if (!pd_database_require (db, PD_RIGHT_CHECK_IN, _("see who came in"), error))
    return FALSE;

  if (!day_bounds (date, &from, &to, error))
    return FALSE;

  stmt = pd_database_query (db,
                            "SELECT count (*), count (DISTINCT member_id),"
                            " count (*) - count (member_id)"
                            " FROM visits WHERE visited_at >= :from AND visited_at < :to",
                            error);
  if (stmt == NULL)
    return FALSE;
  pd_statement_bind_text (stmt, "from", from);
  pd_statement_bind_text (stmt, "to", to);
  /* An aggregate: there is always the one row. */
  if (!pd_statement_fetch (stmt, &found, error))
    return FALSE;
  counts->visits = pd_statement_get_int (stmt, 0);
  counts->people = pd_statement_get_int (stmt, 1);
  counts->anonymous = pd_statement_get_int (stmt, 2);
  return TRUE;
}

char *
pd_visits_last_at (PdDatabase  *db,
                   gint64       member_id,
                   const char  *before,
                   GError     **error)
{
  g_autoptr(PdStatement) stmt = NULL;
  gboolean found;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);

  if (!pd_database_require (db, PD_RIGHT_CHECK_IN, _("see who came in"), error))
    return NULL;

  /* visits_by_member answers this with one step down the index. */
  stmt = pd_database_query (db,
                            "SELECT visited_at FROM visits"
                            " WHERE member_id = :member_id AND visited_at < :before"
                            " ORDER BY visited_at DESC LIMIT 1",
                            error);
  if (stmt == NULL)
    return NULL;
  pd_statement_bind_int64 (stmt, "member_id", member_id);
  /* Every local time sorts before "A". */
  pd_statement_bind_text (stmt, "before", before ? before : "A");
  if (!pd_statement_fetch (stmt, &found, error))
    return NULL;
  return found ? pd_statement_dup_text (stmt, 0) : NULL;
}

GPtrArray *
pd_visits_find_recent_namesakes (PdDatabase *db,
                                 const char *first_name,
                                 const char *last_initial,
                                 const char *since,
                                 guint       limit,
                                 GError    **error)
{
  g_autofree char *first = NULL;
  g_autofree char *initial = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  GPtrArray *members;

  g_return_val_if_fail (PD_IS_DATABASE (db), NULL);
  g_return_val_if_fail (first_name != NULL, NULL);
  g_return_val_if_fail (since != NULL, NULL);

  if (!pd_database_require (db, PD_RIGHT_CHECK_IN, _("check people in"), error))
    return NULL;

  first = pd_text_fold (first_name);
  initial = pd_text_fold (last_initial ? last_initial : "");
  if (*first == '\0')
    return g_ptr_array_new_with_free_func (g_object_unref);

  /* The sort key is the name a member is called by, a tab, then the last
   * name, folded as typed names are: the namesakes are one range of its
   * index, and no more of the table is read. U+10FFFF ends the range. */
  from = g_strconcat (first, "\t", initial, NULL);
  to = g_strconcat (from, "\xf4\x8f\xbf\xbf", NULL);
  stmt = pd_database_query (db,
                            pd_database_member_sql (db,
                            "SELECT " PD_MEMBER_COLUMNS " FROM ("
                            " SELECT " PD_MEMBER_COLUMNS ", (SELECT max (v.visited_at)"
                            "  FROM visits AS v WHERE v.member_id = m.id) AS last_visit"
                            " FROM members AS m"
                            " WHERE m.sort_key >= :from AND m.sort_key < :to) AS recent"
                            " WHERE last_visit >= :since"
                            " ORDER BY last_visit DESC, id LIMIT :limit"),
                            error);
  if (stmt == NULL)
    return NULL;
  pd_statement_bind_text (stmt, "from", from);
  pd_statement_bind_text (stmt, "to", to);
  pd_statement_bind_text (stmt, "since", since);
  pd_statement_bind_int64 (stmt, "limit", limit);
  members = pd_statement_collect (stmt, (PdRowFunc) pd_members_from_row, g_object_unref, error);
  for (guint i = 0; members != NULL && i < members->len; i++)
    pd_members_withhold (db, g_ptr_array_index (members, i));
  return members;
}

static GDateTime *
parse_local (const char *at)
{
  int y, mo, d, h = 0, mi = 0;

  if (at == NULL || sscanf (at, "%d-%d-%dT%d:%d", &y, &mo, &d, &h, &mi) < 3)
    return NULL;
  return g_date_time_new_local (y, mo, d, h, mi, 0);
}

char *
pd_describe_day (const char *at,
                 GDateTime  *now)
{
  g_autoptr(GDateTime) when = parse_local (at);
  g_autoptr(GDateTime) clock = now ? g_date_time_ref (now) : g_date_time_new_now_local ();
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) today = NULL;
  GTimeSpan span;
  int days;

  g_return_val_if_fail (at != NULL, NULL);

  if (when == NULL)
    return g_strdup (at);
  day = g_date_time_new_local (g_date_time_get_year (when), g_date_time_get_month (when),
                               g_date_time_get_day_of_month (when), 12, 0, 0);
  today = g_date_time_new_local (g_date_time_get_year (clock), g_date_time_get_month (clock),
                                 g_date_time_get_day_of_month (clock), 12, 0, 0);
  span = g_date_time_difference (today, day);
  /* Noon to noon: a change of summer time moves it by an hour at most. */
  days = (int) ((span + G_TIME_SPAN_HOUR * 12) / G_TIME_SPAN_DAY);
  if (span < -G_TIME_SPAN_HOUR * 12)
    days = -1;

  if (days == 0)
    return g_strdup (_("today"));
  if (days == 1)
    return g_strdup (_("yesterday"));
  if (days > 1 && days < 7)
    /* Translators: a day of this week, see g_date_time_format(). xgettext:no-c-format */
    return g_date_time_format (when, _("%A"));
  if (g_date_time_get_year (when) == g_date_time_get_year (clock))
    /* Translators: a day this year, "12 March", see g_date_time_format().
     * xgettext:no-c-format */
    return g_date_time_format (when, _("%-d %B"));
  /* Translators: a day of another year, "12 March 2024", see g_date_time_format().
   * xgettext:no-c-format */
  return g_date_time_format (when, _("%-d %B %Y"));
}
