/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pd-database.h"

G_BEGIN_DECLS

#define PD_DATABASE_MODE_KEY "database-mode"
#define PD_SERVER_HOST_KEY "server-host"
#define PD_SERVER_PORT_KEY "server-port"
#define PD_SERVER_DATABASE_KEY "server-database"
#define PD_SERVER_USER_KEY "server-user"

/* Where a desk's shared records are, as the Database preferences name it. */
typedef struct
{
  char *host;
  int port;
  char *database;
  char *user;
} PdServerAddress;

void        pd_server_address_clear        (PdServerAddress       *address);
void        pd_server_address_load         (PdServerAddress       *address,
                                            GSettings             *settings);
void        pd_server_address_save         (const PdServerAddress *address,
                                            GSettings             *settings);
char       *pd_server_address_to_location  (const PdServerAddress *address);
char       *pd_server_address_describe     (const PdServerAddress *address);

gboolean    pd_server_settings_use_server  (GSettings             *settings);

void        pd_server_password_lookup_async  (const PdServerAddress *address,
                                              GCancellable          *cancellable,
                                              GAsyncReadyCallback    callback,
                                              gpointer               user_data);
char       *pd_server_password_lookup_finish (GAsyncResult          *result,
                                              GError               **error);
void        pd_server_password_store       (const PdServerAddress *address,
                                            const char            *password);

void        pd_server_open_async           (const char            *location,
                                            const char            *password,
                                            GCancellable          *cancellable,
                                            GAsyncReadyCallback    callback,
                                            gpointer               user_data);
PdDatabase *pd_server_open_finish          (GAsyncResult          *result,
                                            GError               **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PdServerAddress, pd_server_address_clear)

G_END_DECLS
