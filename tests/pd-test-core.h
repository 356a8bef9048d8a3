/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pd-database.h"

G_BEGIN_DECLS

void        pd_test_init              (int          *argc,
                                       char       ***argv);
char       *pd_test_make_dir          (void);
char       *pd_test_make_shared_dir   (void);
PdDatabase *pd_test_open_database     (const char   *path);
PdDatabase *pd_test_new_database      (const char   *dir,
                                       char        **path);
void        pd_test_remove_tree       (const char   *path);
void        pd_test_clear_dir         (char        **dir);

G_END_DECLS
