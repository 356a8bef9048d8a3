/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pd-member-list.h"
#include "pd-page-cache.h"
#include "pd-members.h"
#include "pd-staff-private.h"

/* The list never holds more than MAX_PAGES pages of PAGE_SIZE members:
 * enough for what a window shows and a little scrolling either way. */
#define PAGE_SIZE 64
#define MAX_PAGES 16
/* A change is reported in pieces of at most this many rows: GTK 4.8 looks
 * for a removed row it was tracking (the scroll anchor, the focus, the
 * selection) among every added row, one get_item() each. */
#define MAX_CHANGE (4 * PAGE_SIZE)

/* The desk's ranking is made again after this long, so that the hours
 * since a visit keep counting while nothing changes. */
#define DESK_RANKING_LIFETIME (10 * 60 * G_USEC_PER_SEC)

struct _PdMemberList
{
  GObject parent_instance;

  /* Owned */
  PdDatabase *database;
  char *query;
  PdMemberListRank rank;
  gint64 session_id;
  PdMemberRanking *ranking;   /* made on the first search, dropped on changes */
  gint64 ranking_made;        /* monotonic time */
  GArray *ids;            /* search results, NULL when browsing */
  GQueue pages;           /* most recently used first */
  /* Indexes (plus one) of the pages whose members were handed out since
   * the last change was reported: the only rows anyone can be showing. */
  GHashTable *handed_out;
  guint n_items;
  guint n_reads;
  gboolean truncated;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PdMemberList, pd_member_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
reverse (GPtrArray *array)
{
  for (guint i = 0, j = array->len; i + 1 < j; i++, j--)
    {
      gpointer tmp = array->pdata[i];

      array->pdata[i] = array->pdata[j - 1];
      array->pdata[j - 1] = tmp;
    }
}

/* Reads rows of "SELECT <member columns>, sort_key" into @page, in list
 * order, and keeps the keys of its first and last rows. */
static gboolean
read_browse_rows (PdMemberList *self,
                  PdStatement  *stmt,
                  PdPage       *page,
                  gboolean      reversed)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  pd_database_hold_role (self->database);
  while (pd_statement_next (stmt))
    {
      PdMember *member = pd_members_from_row (stmt);

      g_ptr_array_add (page->rows, pd_members_withhold (self->database, member));
      g_ptr_array_add (keys, pd_statement_dup_text (stmt, PD_MEMBER_N_COLUMNS));
    }
  pd_database_release_role (self->database);
  if (!pd_statement_finish (stmt, &error))
    {
      g_warning ("Could not read members: %s", error->message);
      return FALSE;
    }

  if (reversed)
    {
      reverse (page->rows);
      reverse (keys);
    }

  if (keys->len > 0)
    {
      page->first_key = g_strdup (g_ptr_array_index (keys, 0));
      page->first_id = pd_member_get_id (g_ptr_array_index (page->rows, 0));
      page->last_key = g_strdup (g_ptr_array_index (keys, keys->len - 1));
      page->last_id = pd_member_get_id (g_ptr_array_index (page->rows, keys->len - 1));
    }
  return TRUE;
}

static gboolean
warn_unread (const GError *error)
{
  g_warning ("Could not read members: %s", error->message);
  return FALSE;
}

static gboolean
load_browse_page (PdMemberList *self,
                  PdPage       *page)
{
  PdPage *before = page->index > 0 ? pd_pages_find (&self->pages, page->index - 1, FALSE)
                                    : NULL;
  PdPage *after = pd_pages_find (&self->pages, page->index + 1, FALSE);
  g_autoptr(PdStatement) stmt = NULL;
  g_autoptr(GError) error = NULL;
  gboolean reversed = FALSE;

  if (before != NULL && before->last_key != NULL)
    {
      stmt = pd_database_query (self->database,
                                pd_database_member_sql (self->database,
                                "SELECT " PD_MEMBER_COLUMNS ", sort_key FROM members"
                                " WHERE (sort_key, id) > (:key, :id)"
                                " ORDER BY sort_key, id LIMIT :limit"),
                                &error);
      if (stmt == NULL)
        return warn_unread (error);
      pd_statement_bind_text (stmt, "key", before->last_key);
      pd_statement_bind_int64 (stmt, "id", before->last_id);
    }
  else if (after != NULL && after->first_key != NULL)
    {
      stmt = pd_database_query (self->database,
                                pd_database_member_sql (self->database,
                                "SELECT " PD_MEMBER_COLUMNS ", sort_key FROM members"
                                " WHERE (sort_key, id) < (:key, :id)"
                                " ORDER BY sort_key DESC, id DESC LIMIT :limit"),
                                &error);
      if (stmt == NULL)
        return warn_unread (error);
      pd_statement_bind_text (stmt, "key", after->first_key);
      pd_statement_bind_int64 (stmt, "id", after->first_id);
      reversed = TRUE;
    }
  else
    {
      stmt = pd_database_query (self->database,
                                pd_database_member_sql (self->database,
                                "SELECT " PD_MEMBER_COLUMNS ", sort_key FROM members"
                                " ORDER BY sort_key, id LIMIT :limit OFFSET :offset"),
                                &error);
      if (stmt == NULL)
        return warn_unread (error);
      pd_statement_bind_int64 (stmt, "offset", (gint64) page->index * PAGE_SIZE);
    }
  pd_statement_bind_int (stmt, "limit", PAGE_SIZE);

  return read_browse_rows (self, stmt, page, reversed);
}

static gboolean
load_search_page (PdMemberList *self,
                  PdPage       *page)
{
  guint start = page->index * PAGE_SIZE;
  guint n = start < self->n_items ? MIN (PAGE_SIZE, self->n_items - start) : 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) members = NULL;

  members = pd_members_get_many (self->database, &g_array_index (self->ids, gint64, start), n,
                                 &error);
  if (members == NULL)
    return warn_unread (error);
  for (guint i = 0; i < members->len; i++)
    g_ptr_array_add (page->rows, g_object_ref (g_ptr_array_index (members, i)));
  /* A member deleted since the search is left out, and the page is
   * incomplete; the list is refreshed on the next change anyway. */
  return members->len == n;
}

static PdPage *
get_page (PdMemberList *self,
          guint         index)
{
  PdPage *page = pd_pages_find (&self->pages, index, TRUE);

  if (page != NULL)
    return page;

  page = pd_page_new (index);

  if (!(self->ids ? load_search_page (self, page) : load_browse_page (self, page)))
    g_debug ("Page %u of the member list is incomplete", index);
  self->n_reads++;

  pd_pages_add (&self->pages, page, MAX_PAGES);

  return page;
}

static GType
pd_member_list_get_item_type (GListModel *model)
{
  return PD_TYPE_MEMBER;
}

static guint
pd_member_list_get_n_items (GListModel *model)
{
  return PD_MEMBER_LIST (model)->n_items;
}

static gpointer
pd_member_list_get_item (GListModel *model,
                         guint       position)
{
  PdMemberList *self = PD_MEMBER_LIST (model);
  PdPage *page;

  if (position >= self->n_items)
    return NULL;

  page = get_page (self, position / PAGE_SIZE);
  g_hash_table_add (self->handed_out, GUINT_TO_POINTER (page->index + 1));
  if (position % PAGE_SIZE >= page->rows->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (page->rows, position % PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = pd_member_list_get_item_type;
  iface->get_n_items = pd_member_list_get_n_items;
  iface->get_item = pd_member_list_get_item;
}

/* The likely people the list ranks first, made when first needed. */
static PdMemberRanking *
ensure_ranking (PdMemberList *self)
{
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_monotonic_time ();

  if (self->ranking != NULL && self->rank == PD_MEMBER_LIST_RANK_DESK &&
      now - self->ranking_made > DESK_RANKING_LIFETIME)
    g_clear_pointer (&self->ranking, pd_member_ranking_free);
  if (self->ranking != NULL)
    return self->ranking;

  if (self->rank == PD_MEMBER_LIST_RANK_DESK)
    self->ranking = pd_member_ranking_new_for_desk (self->database, NULL, &error);
  else if (self->rank == PD_MEMBER_LIST_RANK_SESSION && self->session_id > 0)
    self->ranking = pd_member_ranking_new_for_session (self->database, self->session_id, &error);
  if (error != NULL)
    g_warning ("Could not rank members: %s", error->message);
  self->ranking_made = now;
  return self->ranking;
}

/* Recounts or searches again; returns the new number of items. */
static guint
count_items (PdMemberList *self)
{
  g_autoptr(GError) error = NULL;
  gboolean truncated = FALSE;
  guint n = 0;

  g_clear_pointer (&self->ids, g_array_unref);

  /* With nobody signed in the list is empty, not an error. */
  if (!pd_database_has_right (self->database, PD_RIGHT_MEMBER_NAMES))
    n = 0;
  else if (self->query != NULL && *self->query != '\0')
    {
      self->ids = pd_members_search_ranked (self->database, self->query, ensure_ranking (self),
                                            PD_MEMBER_LIST_SEARCH_LIMIT + 1, &error);
      if (self->ids == NULL)
        self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      truncated = self->ids->len > PD_MEMBER_LIST_SEARCH_LIMIT;
      n = MIN (self->ids->len, PD_MEMBER_LIST_SEARCH_LIMIT);
    }
  else
    {
      gint64 count = pd_members_count (self->database, &error);

      n = count > 0 ? (guint) count : 0;
    }

  if (error != NULL)
    g_warning ("Could not list members: %s", error->message);

  self->truncated = truncated;
  return n;
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint ua = *(const guint *) a;
  guint ub = *(const guint *) b;

  return ua < ub ? -1 : ua > ub;
}

static void
emit_changed (PdMemberList *self,
              guint         start,
              guint         end)
{
  for (guint s = start; s < end; s += MAX_CHANGE)
    {
      guint n = MIN (MAX_CHANGE, end - s);

      g_list_model_items_changed (G_LIST_MODEL (self), s, n, n);
    }
}

/* Tells the views that the list went from @old_n rows to self->n_items
 * without making them read every row: the rows past the shorter list come
 * or go at its end, and the rows anyone was handed since the last change
 * are said to have changed, a few pages at a time. Other rows may have
 * moved too, but nobody holds them, so they are read afresh when shown.
 * Saying "every row was replaced" instead makes GTK 4.8 ask for every new
 * row to look for the one it was tracking: seconds at a million members. */
static void
report_change (PdMemberList *self,
               guint         old_n)
{
  g_autoptr(GArray) pages = g_array_new (FALSE, FALSE, sizeof (guint));
  guint new_n = self->n_items;
  guint common = MIN (old_n, new_n);
  GHashTableIter iter;
  gpointer key;
  guint run_start = 0, run_end = 0;

  g_hash_table_iter_init (&iter, self->handed_out);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint index = GPOINTER_TO_UINT (key) - 1;

      g_array_append_val (pages, index);
    }
  g_hash_table_remove_all (self->handed_out);
  g_array_sort (pages, compare_uint);

  if (old_n != new_n)
    g_list_model_items_changed (G_LIST_MODEL (self), common, old_n - common, new_n - common);

  for (guint i = 0; i < pages->len; i++)
    {
      guint start = g_array_index (pages, guint, i) * PAGE_SIZE;

      if (start >= common)
        break;
      if (start > run_end)
        {
          emit_changed (self, run_start, run_end);
          run_start = start;
        }
      run_end = MIN (start + PAGE_SIZE, common);
    }
  emit_changed (self, run_start, run_end);
}

/* After a change, keeps the scroll position where it can: the rows a view
 * can be showing are said to have changed, and the count changes at the
 * end of the list. */
void
pd_member_list_refresh (PdMemberList *self)
{
  guint old_n;

  g_return_if_fail (PD_IS_MEMBER_LIST (self));

  pd_pages_clear (&self->pages);
  old_n = self->n_items;
  self->n_items = count_items (self);
  report_change (self, old_n);
}

static void
on_database_changed_cb (PdMemberList *self,
                        const char   *table,
                        PdDatabase   *database)
{
  pd_member_list_refresh (self);
}

/* Who is likely changes with the names and the attendance; the next
 * search ranks again. */
static void
on_history_changed_cb (PdMemberList *self,
                       const char   *table,
                       PdDatabase   *database)
{
  g_clear_pointer (&self->ranking, pd_member_ranking_free);
}

/* What the rows hold follows the role of whoever signs in next. */
static void
on_staff_changed_cb (PdMemberList *self,
                     PdDatabase   *database)
{
  g_clear_pointer (&self->ranking, pd_member_ranking_free);
  pd_member_list_refresh (self);
}

static void
pd_member_list_finalize (GObject *object)
{
  PdMemberList *self = (PdMemberList *)object;

  pd_pages_clear (&self->pages);
  g_clear_pointer (&self->handed_out, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->ranking, pd_member_ranking_free);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (pd_member_list_parent_class)->finalize (object);
}

static void
pd_member_list_class_init (PdMemberListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pd_member_list_finalize;
}

static void
pd_member_list_init (PdMemberList *self)
{
  g_queue_init (&self->pages);
  self->handed_out = g_hash_table_new (NULL, NULL);
}

static PdMemberList *
member_list_new (PdDatabase       *database,
                 PdMemberListRank  rank,
                 gint64            session_id)
{
  PdMemberList *self = g_object_new (PD_TYPE_MEMBER_LIST, NULL);

  self->database = g_object_ref (database);
  self->rank = rank;
  self->session_id = session_id;

  g_signal_connect_object (self->database, "changed::members",
                           G_CALLBACK (on_history_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->database, "changed::members",
                           G_CALLBACK (on_database_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->database, "staff-changed",
                           G_CALLBACK (on_staff_changed_cb), self, G_CONNECT_SWAPPED);
  /* The desk's own check-ins are left to the ranking's lifetime: the
   * person just checked in is not looked for again in the next minutes,
   * and a million members' ranking is not made again after each visit. */
  if (self->rank == PD_MEMBER_LIST_RANK_SESSION)
    {
      g_signal_connect_object (self->database, "changed::attendance",
                               G_CALLBACK (on_history_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->database, "changed::sessions",
                               G_CALLBACK (on_history_changed_cb), self, G_CONNECT_SWAPPED);
    }
  self->n_items = count_items (self);
  return self;
}

PdMemberList *
pd_member_list_new (PdDatabase *database)
{
  g_return_val_if_fail (PD_IS_DATABASE (database), NULL);

  return member_list_new (database, PD_MEMBER_LIST_RANK_NAME, 0);
}

/* A list whose searches put the people likely at the front desk now first. */
PdMemberList *
pd_member_list_new_for_desk (PdDatabase *database)
{
  g_return_val_if_fail (PD_IS_DATABASE (database), NULL);

  return member_list_new (database, PD_MEMBER_LIST_RANK_DESK, 0);
}

/* A list whose searches put the regulars and recent attendees of the
 * group of session @session_id first (only sessions before it count), and
 * those already marked present at it after the other regulars. */
PdMemberList *
pd_member_list_new_for_session (PdDatabase *database,
                                gint64      session_id)
{
  g_return_val_if_fail (PD_IS_DATABASE (database), NULL);

  return member_list_new (database, PD_MEMBER_LIST_RANK_SESSION, session_id);
}

PdMemberListRank
pd_member_list_get_rank (PdMemberList *self)
{
  g_return_val_if_fail (PD_IS_MEMBER_LIST (self), PD_MEMBER_LIST_RANK_NAME);
  return self->rank;
}

gint64
pd_member_list_get_session_id (PdMemberList *self)
{
  g_return_val_if_fail (PD_IS_MEMBER_LIST (self), 0);
  return self->session_id;
}

/* Ranks for @session_id from now on, the search shown too. */
void
pd_member_list_set_session_id (PdMemberList *self,
                               gint64        session_id)
{
  g_return_if_fail (PD_IS_MEMBER_LIST (self));

  if (self->session_id == session_id)
    return;
  self->session_id = session_id;
  g_clear_pointer (&self->ranking, pd_member_ranking_free);
  if (self->ids != NULL)
    pd_member_list_refresh (self);
}

PdDatabase *
pd_member_list_get_database (PdMemberList *self)
{
  g_return_val_if_fail (PD_IS_MEMBER_LIST (self), NULL);
  return self->database;
}

const char *
pd_member_list_get_query (PdMemberList *self)
{
  g_return_val_if_fail (PD_IS_MEMBER_LIST (self), NULL);
  return self->query ? self->query : "";
}

void
pd_member_list_set_query (PdMemberList *self,
                          const char   *query)
{
  guint old_n;

  g_return_if_fail (PD_IS_MEMBER_LIST (self));

  /* No query and an empty one both mean every member: no change. */
  if (g_strcmp0 (self->query ? self->query : "", query ? query : "") == 0)
    return;

  g_free (self->query);
  self->query = g_strdup (query);

  pd_pages_clear (&self->pages);
  old_n = self->n_items;
  self->n_items = count_items (self);
  report_change (self, old_n);
}

gboolean
pd_member_list_get_truncated (PdMemberList *self)
{
  g_return_val_if_fail (PD_IS_MEMBER_LIST (self), FALSE);
  return self->truncated;
}

/* The position of member @id in the list, or G_MAXUINT if it is not in it. */
guint
pd_member_list_find (PdMemberList *self,
                     gint64        id)
{
  g_autoptr(PdStatement) stmt = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;
  guint position = G_MAXUINT;

  g_return_val_if_fail (PD_IS_MEMBER_LIST (self), G_MAXUINT);

  if (self->ids != NULL)
    {
      for (guint i = 0; i < self->n_items; i++)
        if (g_array_index (self->ids, gint64, i) == id)
          return i;
      return G_MAXUINT;
    }

  stmt = pd_database_query (self->database,
                            "SELECT (SELECT count(*) FROM members AS m"
                            "        WHERE (m.sort_key, m.id) < (t.sort_key, t.id))"
                            " FROM members AS t WHERE t.id = :id",
                            &error);
  if (stmt != NULL)
    {
      pd_statement_bind_int64 (stmt, "id", id);
      if (pd_statement_fetch (stmt, &found, &error) && found)
        position = (guint) pd_statement_get_int64 (stmt, 0);
    }
  if (error != NULL)
    {
      g_warning ("Could not find a member: %s", error->message);
      return G_MAXUINT;
    }

  return position < self->n_items ? position : G_MAXUINT;
}

/* How many members the list holds in memory; tests use it to check that
 * scrolling through a large list keeps memory bounded. */
guint
pd_member_list_get_n_cached (PdMemberList *self)
{
  g_return_val_if_fail (PD_IS_MEMBER_LIST (self), 0);
  return pd_pages_count_rows (&self->pages);
}

/* How many pages the list has read from the database since it was made;
 * tests use it to check that a change does not make a view read them all. */
guint
pd_member_list_get_n_reads (PdMemberList *self)
{
  g_return_val_if_fail (PD_IS_MEMBER_LIST (self), 0);
  return self->n_reads;
}
