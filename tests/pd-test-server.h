/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A throwaway PostgreSQL cluster for a test: its own folder, reached by a
 * socket in that folder only, stopped and removed by
 * pd_test_server_free(). */
typedef struct _PdTestServer PdTestServer;

PdTestServer *pd_test_server_start           (int            port);
const char   *pd_test_server_get_dir         (PdTestServer  *self);
int           pd_test_server_get_port        (PdTestServer  *self);
char         *pd_test_server_create_database (PdTestServer  *self,
                                              const char    *name);
void          pd_test_server_stop            (PdTestServer  *self);
void          pd_test_server_restart         (PdTestServer  *self);
void          pd_test_server_free            (PdTestServer  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdTestServer, pd_test_server_free)

G_END_DECLS
