/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The text of every page of the PDF at @path, in the order it was drawn,
 * without any white space: pdftotext guesses spaces from the gaps between
 * letters, and at times misses one ("11more"), so words are compared
 * without them. */
char *pd_test_print_text    (const char *path);
/* @text without any white space, to look for in pd_test_print_text(). */
char *pd_test_print_squash  (const char *text);

G_END_DECLS
