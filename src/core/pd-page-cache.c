/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pd-page-cache.h"

/* The pages a list model has read lately. A model over a million rows
 * keeps a few of them and reads the others again when they are shown. */

PdPage *
pd_page_new (guint index)
{
  PdPage *page = g_new0 (PdPage, 1);

  page->index = index;
  page->rows = g_ptr_array_new_with_free_func (g_object_unref);
  return page;
}

void
pd_page_free (PdPage *page)
{
  if (page == NULL)
    return;
  g_ptr_array_unref (page->rows);
  g_free (page->first_key);
  g_free (page->last_key);
  g_free (page);
}

void
pd_pages_clear (GQueue *pages)
{
  g_return_if_fail (pages != NULL);
  g_queue_clear_full (pages, (GDestroyNotify) pd_page_free);
}

/* The page @index if it is kept; @touch makes it the most recently used,
 * as showing it does. */
PdPage *
pd_pages_find (GQueue   *pages,
               guint     index,
               gboolean  touch)
{
  g_return_val_if_fail (pages != NULL, NULL);

  for (GList *l = pages->head; l; l = l->next)
    {
      PdPage *page = l->data;

      if (page->index != index)
        continue;
      if (touch && l != pages->head)
        {
          g_queue_unlink (pages, l);
          g_queue_push_head_link (pages, l);
        }
      return page;
    }
  return NULL;
}

/* Keeps @page as the most recently used, and forgets the least recently
 * used ones beyond @max_pages. */
void
pd_pages_add (GQueue *pages,
              PdPage *page,
              guint   max_pages)
{
  g_return_if_fail (pages != NULL);
  g_return_if_fail (page != NULL);

  g_queue_push_head (pages, page);
  while (pages->length > MAX (max_pages, 1))
    pd_page_free (g_queue_pop_tail (pages));
}

guint
pd_pages_count_rows (GQueue *pages)
{
  guint n = 0;

  g_return_val_if_fail (pages != NULL, 0);

  for (GList *l = pages->head; l; l = l->next)
    n += ((PdPage *) l->data)->rows->len;
  return n;
}
