/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>

#include "pd-error.h"
#include "pd-print-doc.h"
#include "pd-test-core.h"
#include "pd-test-pdf.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = pd_test_make_dir ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  pd_test_clear_dir (&fixture->dir);
}

static char *
write_pdf (Fixture    *fixture,
           PdPrintDoc *doc,
           PdPaper     paper,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_true (pd_print_doc_write_pdf (doc, paper, path, &error));
  g_assert_no_error (error);
  return path;
}

/* The page (from 1) whose text holds @needle, or 0. */
static guint
page_of (const char *path,
         guint       n_pages,
         const char *needle)
{
  for (guint page = 1; page <= n_pages; page++)
    {
      g_autofree char *text = pd_test_pdf_text (path, page);

      if (strstr (text, needle) != NULL)
        return page;
    }
  return 0;
}

static guint
count_of (const char *haystack,
          const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* The line of @text that holds @needle. */
static char *
line_with (const char *text,
           const char *needle)
{
  const char *at = strstr (text, needle);
  const char *start, *end;

  g_assert_nonnull (at);
  for (start = at; start > text && start[-1] != '\n'; start--)
    ;
  end = strchr (at, '\n');
  return g_strndup (start, end != NULL ? end - start : (gssize) strlen (start));
}

static PdPrintDoc *
long_table_doc (void)
{
  const PdPrintColumn columns[] = {
    { "Here", 1, FALSE, TRUE },
    { "Person", 3, FALSE, FALSE },
    { "Description", 2, FALSE, FALSE },
    { "Hours", 1, TRUE, FALSE },
  };
  PdPrintDoc *doc = pd_print_doc_new ("Long Table");

  pd_print_doc_set_footer (doc, "Made for a test");
  pd_print_doc_add_heading (doc, "The rows");
  pd_print_doc_add_paragraph (doc, "Every row of the table follows.");
  pd_print_doc_begin_table (doc, columns, G_N_ELEMENTS (columns));
  for (guint i = 1; i <= 90; i++)
    {
      g_autofree char *person = g_strdup_printf ("Row%03u", i);
      g_autofree char *hours = g_strdup_printf ("%u.%u", i * 7, i % 10);
      /* Every fifth row wraps to several lines, which must stay together. */
      g_autofree char *description = i % 5 == 0
        ? g_strdup_printf ("Start%03u several words that take up more than one line of "
                           "this column End%03u", i, i)
        : NULL;
      const char *cells[] = { NULL, person, description, hours };

      pd_print_doc_add_row (doc, cells);
    }
  pd_print_doc_add_paragraph (doc, "After the table.");
  return doc;
}

static void
test_table_continues (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(PdPrintDoc) doc = long_table_doc ();
  g_autofree char *path = write_pdf (fixture, doc, PD_PAPER_A4, "table.pdf");
  guint n_pages = pd_test_pdf_n_pages (path);
  g_autofree char *all = pd_test_pdf_text (path, 0);

  g_assert_cmpuint (n_pages, >=, 2);
  for (guint page = 1; page <= n_pages; page++)
    {
      g_autofree char *text = pd_test_pdf_text (path, page);
      g_autofree char *footer = g_strdup_printf ("Page %u of %u", page, n_pages);

      g_assert_nonnull (strstr (text, footer));
      g_assert_nonnull (strstr (text, "Made for a test"));
      /* The header on every page the table is on, once. */
      if (strstr (text, "Row0") != NULL)
        {
          g_assert_cmpuint (count_of (text, "Person"), ==, 1);
          g_assert_nonnull (strstr (text, "Hours"));
          g_assert_true (strstr (text, "Person") < strstr (text, "Row0"));
        }
    }
  g_assert_cmpuint (count_of (all, "Long Table"), ==, 1);

  /* Every row once, and a wrapped row whole on one page. */
  for (guint i = 1; i <= 90; i++)
    {
      g_autofree char *person = g_strdup_printf ("Row%03u", i);

      g_assert_cmpuint (count_of (all, person), ==, 1);
      if (i % 5 == 0)
        {
          g_autofree char *start = g_strdup_printf ("Start%03u", i);
          g_autofree char *end = g_strdup_printf ("End%03u", i);
          guint page = page_of (path, n_pages, person);

          g_assert_cmpuint (page, >, 0);
          g_assert_cmpuint (page_of (path, n_pages, start), ==, page);
          g_assert_cmpuint (page_of (path, n_pages, end), ==, page);
        }
    }
  g_assert_cmpuint (page_of (path, n_pages, "Row090"), ==, n_pages);
  g_assert_cmpuint (page_of (path, n_pages, "After the table."), ==, n_pages);
}

static void
test_numeric_aligned (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(PdPrintDoc) doc = long_table_doc ();
  g_autofree char *path = write_pdf (fixture, doc, PD_PAPER_A4, "numbers.pdf");
  g_autofree char *text = pd_test_pdf_text (path, 1);
  g_autofree char *short_line = line_with (text, "Row001");
  g_autofree char *long_line = line_with (text, "Row020");
  const char *short_value = strstr (short_line, "7.1");
  const char *long_value = strstr (long_line, "140.0");
  glong short_start, long_start;

  /* Figures end at the same column whatever their length (within the
   * column pdftotext rounds a glyph to). */
  g_assert_nonnull (short_value);
  g_assert_nonnull (long_value);
  short_start = g_utf8_pointer_to_offset (short_line, short_value);
  long_start = g_utf8_pointer_to_offset (long_line, long_value);
  g_assert_cmpint (ABS ((short_start + 3) - (long_start + 5)), <=, 1);
  g_assert_cmpint (short_start, >, long_start);
}

static void
test_heading_kept (Fixture       *fixture,
                   gconstpointer  data)
{
  /* Whatever comes before it, a heading is on the page of what follows
   * it. */
  for (guint n = 40; n < 62; n++)
    {
      g_autoptr(PdPrintDoc) doc = pd_print_doc_new ("Headings");
      g_autofree char *name = g_strdup_printf ("heading-%u.pdf", n);
      g_autofree char *path = NULL;
      guint n_pages;

      for (guint i = 0; i < n; i++)
        pd_print_doc_add_paragraph (doc, "A line of text.");
      pd_print_doc_add_heading (doc, "TheHeading");
      pd_print_doc_add_paragraph (doc, "FollowingText");
      path = write_pdf (fixture, doc, PD_PAPER_A4, name);
      n_pages = pd_test_pdf_n_pages (path);
      g_assert_cmpuint (page_of (path, n_pages, "TheHeading"), ==,
                        page_of (path, n_pages, "FollowingText"));
    }
}

static void
test_blocks (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(PdPrintDoc) doc = pd_print_doc_new ("Every <b>Block</b> & more");
  g_autofree char *path = NULL;
  g_autofree char *page1 = NULL;
  g_autofree char *page2 = NULL;
  g_autofree char *title = NULL;
  g_autofree char *group_line = NULL;
  g_autofree char *facilitator_line = NULL;

  pd_print_doc_add_field (doc, "Group", "Tom & <i>Jerry</i>");
  pd_print_doc_add_field (doc, "Facilitator", "Sam");
  pd_print_doc_add_blank_lines (doc, 3, 12);
  pd_print_doc_add_page_break (doc);
  pd_print_doc_add_tally_box (doc, "Count here");
  path = write_pdf (fixture, doc, PD_PAPER_US_LETTER, "blocks.pdf");

  g_assert_cmpuint (pd_test_pdf_n_pages (path), ==, 2);
  page1 = pd_test_pdf_text (path, 1);
  page2 = pd_test_pdf_text (path, 2);
  /* Text is never taken for markup. */
  g_assert_nonnull (strstr (page1, "Every <b>Block</b> & more"));
  g_assert_nonnull (strstr (page1, "Tom & <i>Jerry</i>"));
  /* Fields line their values up. */
  group_line = line_with (page1, "Group:");
  facilitator_line = line_with (page1, "Facilitator:");
  g_assert_cmpint (strstr (group_line, "Tom") - group_line, ==,
                   strstr (facilitator_line, "Sam") - facilitator_line);
  g_assert_nonnull (strstr (page1, "3."));
  g_assert_nonnull (strstr (page1, "14."));
  g_assert_null (strstr (page1, "15."));
  g_assert_null (strstr (page1, "Count here"));
  g_assert_nonnull (strstr (page2, "Count here"));
  g_assert_nonnull (strstr (page2, "Page 2 of 2"));

  title = pd_test_pdf_title (path);
  g_assert_cmpstr (title, ==, "Every <b>Block</b> & more");
}

static void
test_paper (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(PdPrintDoc) doc = long_table_doc ();
  g_autofree char *a4 = write_pdf (fixture, doc, PD_PAPER_A4, "a4.pdf");
  g_autofree char *letter = write_pdf (fixture, doc, PD_PAPER_US_LETTER, "letter.pdf");
  double width, height;

  pd_test_pdf_page_size (a4, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 595.28, 0.5);
  g_assert_cmpfloat_with_epsilon (height, 841.89, 0.5);
  pd_test_pdf_page_size (letter, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 612, 0.5);
  g_assert_cmpfloat_with_epsilon (height, 792, 0.5);

  /* Letter is shorter: the same rows can take more pages, never fewer. */
  g_assert_cmpuint (pd_test_pdf_n_pages (letter), >=, pd_test_pdf_n_pages (a4));
  g_assert_cmpuint (page_of (letter, pd_test_pdf_n_pages (letter), "Row090"), ==,
                    pd_test_pdf_n_pages (letter));
}

static void
test_paper_names (void)
{
  g_autoptr(GError) error = NULL;
  PdPaper paper = PD_PAPER_A4;

  g_assert_true (pd_paper_from_string ("letter", &paper, &error));
  g_assert_cmpint (paper, ==, PD_PAPER_US_LETTER);
  g_assert_true (pd_paper_from_string ("A4", &paper, &error));
  g_assert_cmpint (paper, ==, PD_PAPER_A4);
  g_assert_no_error (error);
  g_assert_false (pd_paper_from_string ("b5", &paper, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "a4 or letter"));
}

static void
test_paper_for_locale (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_PAPER, NULL));

  g_assert_nonnull (setlocale (LC_PAPER, "C.UTF-8"));
  g_assert_cmpint (pd_paper_for_locale (), ==, PD_PAPER_A4);
  if (setlocale (LC_PAPER, "en_US.UTF-8") != NULL)
    g_assert_cmpint (pd_paper_for_locale (), ==, PD_PAPER_US_LETTER);
  else
    g_test_message ("en_US.UTF-8 is not installed: the US paper is not checked");
  setlocale (LC_PAPER, saved);
}

static void
test_write_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(PdPrintDoc) doc = long_table_doc ();
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-folder", "x.pdf", NULL);
  g_autofree char *folder = g_build_filename (fixture->dir, "folder", NULL);
  g_autofree char *path = NULL;
  g_autofree char *db_path = NULL;
  PdDatabase *db;
  GStatBuf st, before;

  g_assert_false (pd_print_doc_write_pdf (doc, PD_PAPER_A4, missing, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_false (pd_print_doc_write_pdf (doc, PD_PAPER_A4, folder, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));

  path = write_pdf (fixture, doc, PD_PAPER_A4, "private.pdf");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_clear_error (&error);

  /* Never over the records. */
  db = pd_test_new_database (fixture->dir, &db_path);
  g_assert_cmpint (g_stat (db_path, &before), ==, 0);
  g_assert_false (pd_print_doc_write_pdf (doc, PD_PAPER_A4, db_path, &error));
  g_assert_error (error, PD_ERROR, PD_ERROR_INVALID);
  g_assert_cmpint (g_stat (db_path, &st), ==, 0);
  g_assert_cmpint (st.st_ino, ==, before.st_ino);
  g_assert_cmpint (st.st_size, ==, before.st_size);
  g_assert_finalize_object (db);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  pd_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/print/doc/table-continues", test_table_continues);
  ADD ("/print/doc/numeric-aligned", test_numeric_aligned);
  ADD ("/print/doc/heading-kept", test_heading_kept);
  ADD ("/print/doc/blocks", test_blocks);
  ADD ("/print/doc/paper", test_paper);
  ADD ("/print/doc/write-errors", test_write_errors);
#undef ADD
  g_test_add_func ("/print/paper/names", test_paper_names);
  g_test_add_func ("/print/paper/for-locale", test_paper_for_locale);

  return g_test_run ();
}
