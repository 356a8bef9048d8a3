/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pd-page-cache.h"
#include "pd-staff.h"
#include "pd-statement.h"
#include "pd-table.h"
#include "pd-text.h"
#include "pd-volunteer-list.h"

/* As the member list: never more than MAX_PAGES pages of PAGE_SIZE rows in
 * memory, each read with a keyset query from its neighbour when it has one.
 *
 * The order is the folded name (pd_text_fold(), which SQLite queries call
 * as pd_fold()). The records have no column for it, so the connection
 * keeps one in a temporary table with its index, brought up to date at
 * each refresh by folding the names added or changed since: the file stays
 * as other SQLite programs read it, and a page or a search costs an index
 * walk, not the folding of every name. */
#define PAGE_SIZE 64
#define MAX_PAGES 16

/* The filter, bound as :status (or NULL) and :needle (a LIKE pattern of
 * the folded search, or NULL), on the keys t and the volunteers v. The
 * keys are lower case: SQLite's LIKE ignoring the case of ASCII letters
 * and PostgreSQL's not find the same rows. */
#define FILTER \
  " (CAST (:status AS TEXT) IS NULL OR v.status = :status)" \
  " AND (CAST (:needle AS TEXT) IS NULL OR t.k LIKE :needle ESCAPE '\\')"

/* The temporary table, which hides no table of the records. */
#define KEYS \
  " volunteer_keys AS t JOIN volunteers AS v ON v.id = t.id"

/* Each volunteer's roles in their order, as one text. */
#define ROLES_SQLITE \
  " coalesce ((SELECT group_concat (label, ', ') FROM" \
  "   (SELECT r.label FROM volunteer_role_links AS l" \
  "    JOIN volunteer_roles AS r ON r.id = l.role_id" \
  "    WHERE l.volunteer_id = v.id ORDER BY r.position, r.id)), '')"
#define ROLES_POSTGRESQL \
  " coalesce ((SELECT string_agg (r.label, ', ' ORDER BY r.position, r.id)" \
  "   FROM volunteer_role_links AS l JOIN volunteer_roles AS r ON r.id = l.role_id" \
  "   WHERE l.volunteer_id = v.id), '')"

/* The page's ids are found first, alone, so that the roles are read for
 * the rows of the page only. */
#define PAGE_QUERY(ROLES, WHERE, ORDER, OUTER_ORDER) \
  "SELECT v.id, v.display_name, v.status," ROLES ", p.k" \
  " FROM (SELECT t.id AS id, t.k AS k FROM" KEYS \
  "       WHERE" FILTER WHERE " ORDER BY " ORDER " LIMIT :limit OFFSET :offset) AS p" \
  " JOIN volunteers AS v ON v.id = p.id ORDER BY " OUTER_ORDER

#define PAGE_QUERIES(WHERE, ORDER, OUTER_ORDER) \
  PAGE_QUERY (ROLES_SQLITE, WHERE, ORDER, OUTER_ORDER), \
  PAGE_QUERY (ROLES_POSTGRESQL, WHERE, ORDER, OUTER_ORDER)

struct _PdVolunteerSummary
{
  GObject parent_instance;

  gint64 id;
  char *display_name;
  char *status;
  char *roles;
};

G_DEFINE_FINAL_TYPE (PdVolunteerSummary, pd_volunteer_summary, G_TYPE_OBJECT)

static void
pd_volunteer_summary_finalize (GObject *object)
{
  PdVolunteerSummary *self = (PdVolunteerSummary *)object;

  g_free (self->display_name);
  g_free (self->status);
  g_free (self->roles);

  G_OBJECT_CLASS (pd_volunteer_summary_parent_class)->finalize (object);
}

static void
pd_volunteer_summary_class_init (PdVolunteerSummaryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pd_volunteer_summary_finalize;
}

static void
pd_volunteer_summary_init (PdVolunteerSummary *self)
{
}

gint64
pd_volunteer_summary_get_id (PdVolunteerSummary *self)
{
  g_return_val_if_fail (PD_IS_VOLUNTEER_SUMMARY (self), 0);
  return self->id;
}

const char *
pd_volunteer_summary_get_display_name (PdVolunteerSummary *self)
{
  g_return_val_if_fail (PD_IS_VOLUNTEER_SUMMARY (self), NULL);
  return self->display_name;
}

const char *
pd_volunteer_summary_get_status (PdVolunteerSummary *self)
{
  g_return_val_if_fail (PD_IS_VOLUNTEER_SUMMARY (self), NULL);
  return self->status;
}

const char *
pd_volunteer_summary_get_roles (PdVolunteerSummary *self)
{
  g_return_val_if_fail (PD_IS_VOLUNTEER_SUMMARY (self), NULL);
  return self->roles;
}

struct _PdVolunteerList
{
  GObject parent_instance;

  /* Owned */
  PdDatabase *database;
  char *needle;           /* folded search, or NULL for everyone */
  char *status;           /* or NULL for every status */
  GQueue pages;           /* most recently used first */
  guint n_items;
  gint64 max_id;          /* the highest volunteer id when last counted */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PdVolunteerList, pd_volunteer_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
bind_filter (PdVolunteerList *self,
             PdStatement     *stmt)
{
  g_autoptr(GString) pattern = NULL;

  pd_statement_bind_text (stmt, "status", self->status);
  if (self->needle == NULL)
    {
      pd_statement_bind_null (stmt, "needle");
      return;
    }

  /* The search is a literal, not a pattern. */
  pattern = g_string_new ("%");
  for (const char *p = self->needle; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  pd_statement_bind_text (stmt, "needle", pattern->str);
}

/* Reads the rows of @stmt into @page; @reversed when they come last first,
 * from a keyset query that walks back from the page after. */
static void
read_page (PdVolunteerList *self,
           PdStatement     *stmt,
           PdPage          *page,
           gboolean         reversed)
{
  g_autoptr(GError) error = NULL;

  while (pd_statement_next (stmt))
    {
      PdVolunteerSummary *row = g_object_new (PD_TYPE_VOLUNTEER_SUMMARY, NULL);
      const char *key = pd_statement_get_text (stmt, 4);

      row->id = pd_statement_get_int64 (stmt, 0);
      row->display_name = pd_statement_dup_text (stmt, 1);
      row->status = pd_statement_dup_text (stmt, 2);
      row->roles = pd_statement_dup_text (stmt, 3);
      g_ptr_array_add (page->rows, row);
      if (page->rows->len == 1)
        {
          page->first_key = g_strdup (key);
          page->first_id = row->id;
        }
      g_free (page->last_key);
      page->last_key = g_strdup (key);
      page->last_id = row->id;
    }
  if (!pd_statement_finish (stmt, &error))
    g_warning ("Could not read volunteers: %s", error->message);

  if (reversed)
    {
      char *key = page->first_key;
      gint64 id = page->first_id;

      for (guint i = 0, j = page->rows->len; i + 1 < j; i++, j--)
        {
          gpointer tmp = page->rows->pdata[i];

          page->rows->pdata[i] = page->rows->pdata[j - 1];
          page->rows->pdata[j - 1] = tmp;
        }
      page->first_key = page->last_key;
      page->first_id = page->last_id;
      page->last_key = key;
      page->last_id = id;
    }
}

/* Reads page @index, from a neighbour kept in memory when there is one. */
static PdPage *
load_page (PdVolunteerList *self,
           guint            index)
{
  PdPage *page = pd_page_new (index);
  PdPage *before = index > 0 ? pd_pages_find (&self->pages, index - 1, FALSE) : NULL;
  PdPage *after = pd_pages_find (&self->pages, index + 1, FALSE);
  g_autoptr(PdStatement) stmt = NULL;
  g_autoptr(GError) error = NULL;
  gboolean reversed = FALSE;
  gint64 offset = 0;

  if (before != NULL && before->last_key != NULL)
    {
      stmt = pd_database_query_dialect (self->database,
                                        PAGE_QUERIES (" AND (t.k, t.id) > (:key, :key_id)",
                                                      "t.k, t.id", "p.k, p.id"),
                                        &error);
      if (stmt != NULL)
        {
          pd_statement_bind_text (stmt, "key", before->last_key);
          pd_statement_bind_int64 (stmt, "key_id", before->last_id);
        }
    }
  else if (after != NULL && after->first_key != NULL)
    {
      stmt = pd_database_query_dialect (self->database,
                                        PAGE_QUERIES (" AND (t.k, t.id) < (:key, :key_id)",
                                                      "t.k DESC, t.id DESC",
                                                      "p.k DESC, p.id DESC"),
                                        &error);
      if (stmt != NULL)
        {
          pd_statement_bind_text (stmt, "key", after->first_key);
          pd_statement_bind_int64 (stmt, "key_id", after->first_id);
        }
      reversed = TRUE;
    }
  else
    {
      /* No neighbour to start from: a jump, which the database counts to. */
      stmt = pd_database_query_dialect (self->database,
                                        PAGE_QUERIES ("", "t.k, t.id", "p.k, p.id"), &error);
      offset = (gint64) index * PAGE_SIZE;
    }
  if (stmt == NULL)
    {
      g_warning ("Could not read volunteers: %s", error->message);
      return page;
    }
  bind_filter (self, stmt);
  pd_statement_bind_int (stmt, "limit", PAGE_SIZE);
  pd_statement_bind_int64 (stmt, "offset", offset);
  read_page (self, stmt, page, reversed);
  return page;
}

static GType
pd_volunteer_list_get_item_type (GListModel *model)
{
  return PD_TYPE_VOLUNTEER_SUMMARY;
}

static guint
pd_volunteer_list_get_n_items (GListModel *model)
{
  return PD_VOLUNTEER_LIST (model)->n_items;
}

static gpointer
pd_volunteer_list_get_item (GListModel *model,
                            guint       position)
{
  PdVolunteerList *self = PD_VOLUNTEER_LIST (model);
  guint index = position / PAGE_SIZE;
  PdPage *page;

  if (position >= self->n_items)
    return NULL;
  page = pd_pages_find (&self->pages, index, TRUE);
  if (page == NULL)
    {
      page = load_page (self, index);
      pd_pages_add (&self->pages, page, MAX_PAGES);
    }
  return position % PAGE_SIZE < page->rows->len
         ? g_object_ref (g_ptr_array_index (page->rows, position % PAGE_SIZE)) : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = pd_volunteer_list_get_item_type;
  iface->get_n_items = pd_volunteer_list_get_n_items;
  iface->get_item = pd_volunteer_list_get_item;
}

/* PostgreSQL has no pd_fold(): the names are folded here, and their keys
 * written in one statement, whatever their number. */
static gboolean
sync_server_keys (PdVolunteerList  *self,
                  GError          **error)
{
  g_autoptr(PdStatement) stale = NULL;
  g_autoptr(PdStatement) insert = NULL;
  g_autoptr(GString) ids = pd_sql_array_new ();
  g_autoptr(GString) names = pd_sql_array_new ();
  g_autoptr(GString) keys = pd_sql_array_new ();
  guint n = 0;

  if (!pd_database_exec (self->database,
                         "CREATE TEMP TABLE IF NOT EXISTS volunteer_keys ("
                         "  id BIGINT PRIMARY KEY, name TEXT NOT NULL,"
                         "  k TEXT COLLATE \"C\" NOT NULL);"
                         "CREATE INDEX IF NOT EXISTS volunteer_keys_by_key"
                         "  ON volunteer_keys (k, id);"
                         "DELETE FROM volunteer_keys WHERE"
                         "  (SELECT count(*) FROM volunteer_keys)"
                         "  > (SELECT count(*) FROM volunteers)"
                         "  AND id NOT IN (SELECT id FROM volunteers);",
                         error))
    return FALSE;

  stale = pd_database_query (self->database,
                             "SELECT v.id, v.display_name FROM volunteers AS v"
                             " LEFT JOIN volunteer_keys AS t ON t.id = v.id"
                             " WHERE t.id IS NULL OR t.name <> v.display_name",
                             error);
  if (stale == NULL)
    return FALSE;
  while (pd_statement_next (stale))
    {
      const char *name = pd_statement_get_text (stale, 1);
      g_autofree char *key = pd_text_fold (name);

      pd_sql_array_append_int64 (ids, pd_statement_get_int64 (stale, 0));
      pd_sql_array_append_text (names, name);
      pd_sql_array_append_text (keys, key);
      n++;
    }
  if (!pd_statement_finish (stale, error))
    return FALSE;
  if (n == 0)
    return TRUE;

  insert = pd_database_query (self->database,
                              "INSERT INTO volunteer_keys (id, name, k)"
                              " SELECT * FROM unnest (CAST (:ids AS BIGINT[]),"
                              "  CAST (:names AS TEXT[]), CAST (:keys AS TEXT[]))"
                              " ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
                              " k = excluded.k",
                              error);
  if (insert == NULL)
    return FALSE;
  pd_statement_bind_text (insert, "ids", pd_sql_array_end (ids));
  pd_statement_bind_text (insert, "names", pd_sql_array_end (names));
  pd_statement_bind_text (insert, "keys", pd_sql_array_end (keys));
  return pd_statement_execute (insert, error);
}

/* Folds the names added or changed since the last time, and forgets the
 * volunteers no longer there: at each refresh, not for a search, which
 * only reads the keys. */
static void
sync_keys (PdVolunteerList *self)
{
  g_autoptr(GError) error = NULL;

  if (pd_database_is_shared (self->database))
    {
      if (!sync_server_keys (self, &error))
        g_warning ("Could not sort volunteers: %s", error->message);
      return;
    }
  if (!pd_database_exec (self->database,
                         "CREATE TEMP TABLE IF NOT EXISTS volunteer_keys ("
                         "  id INTEGER PRIMARY KEY, name TEXT NOT NULL, k TEXT NOT NULL);"
                         "CREATE INDEX IF NOT EXISTS temp.volunteer_keys_by_key"
                         "  ON volunteer_keys (k, id);"
                         "DELETE FROM temp.volunteer_keys WHERE"
                         "  (SELECT count(*) FROM temp.volunteer_keys)"
                         "  > (SELECT count(*) FROM main.volunteers)"
                         "  AND id NOT IN (SELECT id FROM main.volunteers);"
                         "INSERT OR REPLACE INTO temp.volunteer_keys (id, name, k)"
                         "  SELECT v.id, v.display_name, pd_fold (v.display_name)"
                         "  FROM main.volunteers AS v"
                         "  LEFT JOIN temp.volunteer_keys AS t ON t.id = v.id"
                         "  WHERE t.id IS NULL OR t.name IS NOT v.display_name;",
                         &error))
    g_warning ("Could not sort volunteers: %s", error->message);
}

static guint
count_items (PdVolunteerList *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  gboolean found = FALSE;
  guint n = 0;

  /* Another role sees no volunteers here, rather than an error. */
  if (!pd_database_has_right (self->database, PD_RIGHT_VOLUNTEERS))
    return 0;
  stmt = pd_database_query (self->database,
                            "SELECT count(*), (SELECT coalesce (max (id), 0) FROM volunteers)"
                            " FROM" KEYS " WHERE" FILTER,
                            &error);
  if (stmt != NULL)
    {
      bind_filter (self, stmt);
      pd_statement_fetch (stmt, &found, &error);
    }
  if (error != NULL)
    {
      g_warning ("Could not count volunteers: %s", error->message);
      return 0;
    }
  if (found)
    {
      n = (guint) MIN (pd_statement_get_int64 (stmt, 0), G_MAXUINT);
      self->max_id = pd_statement_get_int64 (stmt, 1);
    }
  return n;
}

/* The volunteers added since @max_id that the list shows, by id. */
static GArray *
added_since (PdVolunteerList *self,
             gint64           max_id)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStatement) stmt = NULL;

  stmt = pd_database_query (self->database,
                            "SELECT t.id FROM" KEYS " WHERE t.id > :max_id AND" FILTER
                            " ORDER BY t.k, t.id",
                            &error);
  if (stmt != NULL)
    {
      bind_filter (self, stmt);
      pd_statement_bind_int64 (stmt, "max_id", max_id);
      while (pd_statement_next (stmt))
        {
          gint64 id = pd_statement_get_int64 (stmt, 0);

          g_array_append_val (ids, id);
        }
      pd_statement_finish (stmt, &error);
    }
  if (error != NULL)
    g_warning ("Could not read volunteers: %s", error->message);
  return ids;
}

/* After a change: the volunteers added since the last count are inserted
 * where they sort, one row each, and the rows loaded (the ones a view can
 * be showing) are said to have changed, so that a view keeps its place.
 * Only when the count is not explained by the volunteers added (a change
 * of status under a status filter, an import or a restore) is the whole
 * list replaced. */
void
pd_volunteer_list_refresh (PdVolunteerList *self)
{
  g_autoptr(GArray) loaded = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) added = NULL;
  gint64 old_max = self->max_id;
  guint old_n = self->n_items;
  guint new_n;

  g_return_if_fail (PD_IS_VOLUNTEER_LIST (self));

  for (GList *l = self->pages.head; l; l = l->next)
    g_array_append_val (loaded, ((PdPage *) l->data)->index);
  pd_pages_clear (&self->pages);

  sync_keys (self);
  new_n = count_items (self);
  added = added_since (self, old_max);
  if (new_n != old_n + added->len)
    {
      self->n_items = new_n;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, new_n);
      return;
    }

  /* Inserted in list order, each position counts the ones before it. */
  self->n_items = old_n;
  for (guint i = 0; i < added->len; i++)
    {
      guint position;

      self->n_items++;
      position = pd_volunteer_list_find (self, g_array_index (added, gint64, i));
      if (position == G_MAXUINT)
        position = self->n_items - 1;
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
    }

  for (guint i = 0; i < loaded->len; i++)
    {
      guint start = g_array_index (loaded, guint, i) * PAGE_SIZE;

      if (start < old_n)
        g_list_model_items_changed (G_LIST_MODEL (self), start, MIN (PAGE_SIZE, old_n - start),
                                    MIN (PAGE_SIZE, old_n - start));
    }
}

static void
on_database_changed_cb (PdVolunteerList *self,
                        const char      *table,
                        PdDatabase      *database)
{
  pd_volunteer_list_refresh (self);
}

static void
on_staff_changed_cb (PdVolunteerList *self,
                     PdDatabase      *database)
{
  pd_volunteer_list_refresh (self);
}

static void
pd_volunteer_list_finalize (GObject *object)
{
  PdVolunteerList *self = (PdVolunteerList *)object;

  pd_pages_clear (&self->pages);
  g_clear_pointer (&self->needle, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (pd_volunteer_list_parent_class)->finalize (object);
}

static void
pd_volunteer_list_class_init (PdVolunteerListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pd_volunteer_list_finalize;
}

static void
pd_volunteer_list_init (PdVolunteerList *self)
{
  g_queue_init (&self->pages);
}

PdVolunteerList *
pd_volunteer_list_new (PdDatabase *database)
{
  PdVolunteerList *self;

  g_return_val_if_fail (PD_IS_DATABASE (database), NULL);

  self = g_object_new (PD_TYPE_VOLUNTEER_LIST, NULL);
  self->database = g_object_ref (database);
  /* Hours and supervision are notified as "volunteers" too: the rows
   * loaded are read again, a page or two, and the count. */
  g_signal_connect_object (database, "changed::volunteers", G_CALLBACK (on_database_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (database, "changed::volunteer_roles",
                           G_CALLBACK (on_database_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (database, "staff-changed", G_CALLBACK (on_staff_changed_cb), self,
                           G_CONNECT_SWAPPED);
  sync_keys (self);
  self->n_items = count_items (self);
  return self;
}

/* @search is a part of a name (NULL or blank for everyone), @status a
 * status code or NULL for every status. */
void
pd_volunteer_list_set_filter (PdVolunteerList *self,
                              const char      *search,
                              const char      *status)
{
  g_autofree char *needle = NULL;
  guint old_n;

  g_return_if_fail (PD_IS_VOLUNTEER_LIST (self));

  if (!pd_text_is_blank (search))
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (search));

      needle = pd_text_fold (trimmed);
    }
  if (g_strcmp0 (needle, self->needle) == 0 && g_strcmp0 (status, self->status) == 0)
    return;

  g_free (self->needle);
  self->needle = g_steal_pointer (&needle);
  g_free (self->status);
  self->status = g_strdup (status);

  pd_pages_clear (&self->pages);
  old_n = self->n_items;
  self->n_items = count_items (self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);
}

guint
pd_volunteer_list_find (PdVolunteerList *self,
                        gint64           id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PdStatement) stmt = NULL;
  gboolean found = FALSE;
  guint position = G_MAXUINT;

  g_return_val_if_fail (PD_IS_VOLUNTEER_LIST (self), G_MAXUINT);

  stmt = pd_database_query (self->database,
                            "SELECT (SELECT count(*) FROM" KEYS " WHERE" FILTER
                            "        AND (t.k, t.id) < (f.k, f.id))"
                            " FROM (SELECT t.id AS id, t.k AS k FROM" KEYS
                            "       WHERE t.id = :id AND" FILTER ") AS f",
                            &error);
  if (stmt != NULL)
    {
      bind_filter (self, stmt);
      pd_statement_bind_int64 (stmt, "id", id);
      pd_statement_fetch (stmt, &found, &error);
    }
  if (error != NULL)
    {
      g_warning ("Could not find a volunteer: %s", error->message);
      return G_MAXUINT;
    }
  if (found)
    position = (guint) pd_statement_get_int64 (stmt, 0);
  return position < self->n_items ? position : G_MAXUINT;
}

/* How many volunteers the list holds in memory; tests use it to check that
 * memory stays bounded. */
guint
pd_volunteer_list_get_n_cached (PdVolunteerList *self)
{
  g_return_val_if_fail (PD_IS_VOLUNTEER_LIST (self), 0);
  return pd_pages_count_rows (&self->pages);
}
