/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pd-page-cache.h"
#include "pd-test-core.h"

static PdPage *
page_of (guint index,
         guint n_rows)
{
  PdPage *page = pd_page_new (index);

  for (guint i = 0; i < n_rows; i++)
    g_ptr_array_add (page->rows, g_object_new (G_TYPE_OBJECT, NULL));
  return page;
}

/* A list keeps its last pages and no more: the memory of a million-row
 * list is that of a few pages, whatever was scrolled through. */
static void
test_pages_bounded (void)
{
  GQueue pages = G_QUEUE_INIT;

  for (guint i = 0; i < 10; i++)
    pd_pages_add (&pages, page_of (i, 64), 4);
  g_assert_cmpuint (pages.length, ==, 4);
  g_assert_cmpuint (pd_pages_count_rows (&pages), ==, 4 * 64);
  /* The last four read are the ones kept. */
  for (guint i = 0; i < 6; i++)
    g_assert_null (pd_pages_find (&pages, i, FALSE));
  for (guint i = 6; i < 10; i++)
    g_assert_nonnull (pd_pages_find (&pages, i, FALSE));
  pd_pages_clear (&pages);
  g_assert_cmpuint (pages.length, ==, 0);
  g_assert_cmpuint (pd_pages_count_rows (&pages), ==, 0);
}

/* A page on screen is used again and again: it must outlive pages read
 * after it but not shown since, or the view would read it over and over. */
static void
test_pages_touched_kept (void)
{
  GQueue pages = G_QUEUE_INIT;

  for (guint i = 0; i < 3; i++)
    pd_pages_add (&pages, page_of (i, 1), 3);
  g_assert_nonnull (pd_pages_find (&pages, 0, TRUE));
  pd_pages_add (&pages, page_of (3, 1), 3);
  g_assert_nonnull (pd_pages_find (&pages, 0, FALSE));
  g_assert_null (pd_pages_find (&pages, 1, FALSE));

  /* Looking without touching leaves the order alone. */
  g_assert_nonnull (pd_pages_find (&pages, 2, FALSE));
  pd_pages_add (&pages, page_of (4, 1), 3);
  g_assert_null (pd_pages_find (&pages, 2, FALSE));
  pd_pages_clear (&pages);
}

int
main (int   argc,
      char *argv[])
{
  pd_test_init (&argc, &argv);

  g_test_add_func ("/page-cache/bounded", test_pages_bounded);
  g_test_add_func ("/page-cache/touched-kept", test_pages_touched_kept);

  return g_test_run ();
}
