/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pd-database.h"

G_BEGIN_DECLS

/* A backup older than this many days is overdue, and the window says so. */
#define PD_BACKUPS_OVERDUE_DAYS 3

#define PD_TYPE_BACKUPS (pd_backups_get_type ())

G_DECLARE_FINAL_TYPE (PdBackups, pd_backups, PD, BACKUPS, GObject)

typedef enum
{
  PD_BACKUPS_KEYRING_UNKNOWN,     /* not asked yet, or asking */
  PD_BACKUPS_KEYRING_NO_PASSPHRASE,
  PD_BACKUPS_KEYRING_READY,
  PD_BACKUPS_KEYRING_UNAVAILABLE,
} PdBackupsKeyring;

PdBackups        *pd_backups_new                       (PdDatabase           *database,
                                                        GSettings            *settings);
const char       *pd_backups_get_dir                   (PdBackups            *self);
char             *pd_backups_dup_second_folder         (PdBackups            *self);
GDateTime        *pd_backups_get_newest                (PdBackups            *self);
gboolean          pd_backups_get_overdue               (PdBackups            *self);
gboolean          pd_backups_get_second_folder_missing (PdBackups            *self);
gboolean          pd_backups_get_running               (PdBackups            *self);
const char       *pd_backups_get_last_error            (PdBackups            *self);
char             *pd_backups_dup_status                (PdBackups            *self);
PdBackupsKeyring  pd_backups_get_keyring               (PdBackups            *self);
const char       *pd_backups_get_keyring_error         (PdBackups            *self);
const char       *pd_backups_get_passphrase            (PdBackups            *self);
void              pd_backups_set_passphrase            (PdBackups            *self,
                                                        const char           *passphrase);
void              pd_backups_refresh                   (PdBackups            *self);
void              pd_backups_back_up_async             (PdBackups            *self,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
char             *pd_backups_back_up_finish            (PdBackups            *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void              pd_backups_start_schedule            (PdBackups            *self);

G_END_DECLS
