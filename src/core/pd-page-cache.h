/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A page of a list model over SQLite: its rows (objects), and the sort
 * keys of its first and last row, so that the next and the previous page
 * can be read with a keyset query instead of OFFSET. */
typedef struct
{
  guint      index;
  GPtrArray *rows;
  char      *first_key;
  gint64     first_id;
  char      *last_key;
  gint64     last_id;
} PdPage;

PdPage *pd_page_new         (guint    index);
void    pd_page_free        (PdPage  *page);

/* A queue of pages, the most recently used first. */
void    pd_pages_clear      (GQueue  *pages);
PdPage *pd_pages_find       (GQueue  *pages,
                             guint    index,
                             gboolean touch);
void    pd_pages_add        (GQueue  *pages,
                             PdPage  *page,
                             guint    max_pages);
guint   pd_pages_count_rows (GQueue  *pages);

G_END_DECLS
