/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pd-database.h"
#include "pd-staff.h"

G_BEGIN_DECLS

void        pd_test_init              (int          *argc,
                                       char       ***argv);
gboolean    pd_test_is_postgresql     (void);
gboolean    pd_test_skip_unless_sqlite (const char  *why);
char       *pd_test_make_dir          (void);
char       *pd_test_make_shared_dir   (void);
PdDatabase *pd_test_open_database     (const char   *path);
PdDatabase *pd_test_new_database      (const char   *dir,
                                       char        **path);
void        pd_test_copy_database     (const char   *from,
                                       const char   *to);
void        pd_test_remove_tree       (const char   *path);
void        pd_test_clear_dir         (char        **dir);

gint64      pd_test_query_int         (PdDatabase   *db,
                                       const char   *sql);
char       *pd_test_query_text        (PdDatabase   *db,
                                       const char   *sql);
PdDatabase *pd_test_open_as_desk      (PdDatabase   *db);
gint64      pd_test_query_int_as_desk (PdDatabase   *db,
                                       const char   *sql);
char       *pd_test_query_text_as_desk (PdDatabase  *db,
                                        const char  *sql);

void        pd_test_add_staff         (PdDatabase   *db,
                                       const char   *name,
                                       PdRole        role,
                                       const char   *passphrase);
void        pd_test_sign_in           (PdDatabase   *db,
                                       const char   *name,
                                       const char   *secret);
void        pd_test_sign_in_director  (PdDatabase   *db,
                                       const char   *name,
                                       const char   *passphrase);
gint64      pd_test_insert_staff      (PdDatabase   *db,
                                       const char   *name,
                                       const char   *role);
void        pd_test_act_as            (PdDatabase   *db,
                                       gint64        id,
                                       const char   *name,
                                       PdRole        role);

G_END_DECLS
