/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pd-database.h"

G_BEGIN_DECLS

/* One backup file, as listed in Preferences and by `peerdesk-cli backups list`. */
typedef struct
{
  char      *path;
  GDateTime *created;      /* from the file's name, local time */
  goffset    size;         /* bytes on disk */
  gboolean   encrypted;    /* a .pdbackup file (libsodium secretstream) */
  gint64     n_members;    /* -1 when unknown (encrypted and no passphrase given) */
  gint64     n_visits;     /* -1 when unknown */
} PdBackupInfo;

void          pd_backup_info_free      (PdBackupInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdBackupInfo, pd_backup_info_free)

/* $XDG_DATA_HOME/peerdesk/backups */
char         *pd_backup_default_dir    (void);

/* Copies the open database @db with SQLite's online backup API into a new
 * file in @dir (created 0700 if missing), named
 * "peerdesk-YYYY-MM-DD-HHMMSS.db" (or ".pdbackup" when @passphrase is not
 * NULL: encrypted with Argon2id + XChaCha20-Poly1305 secretstream), mode
 * 0600, checked with integrity_check before it counts (a copy that fails
 * the check is removed and an error returned), then rotates @dir.
 * Returns the new file's path. */
char         *pd_backup_create         (PdDatabase    *db,
                                        const char    *dir,
                                        const char    *passphrase,
                                        GCancellable  *cancellable,
                                        GError       **error);
/* The same on a worker thread with its own connection to @database_path,
 * so that the desk never waits for a backup. It asks for no right, as the
 * scheduled backups run whoever is signed in: the caller records the
 * backup made with pd_backup_record(). */
void          pd_backup_create_async   (const char          *database_path,
                                        const char          *dir,
                                        const char          *passphrase,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
char         *pd_backup_create_finish  (GAsyncResult  *result,
                                        GError       **error);

/* Appends the backup at @path to the audit trail of @db. */
gboolean      pd_backup_record         (PdDatabase    *db,
                                        const char    *path,
                                        GError       **error);
/* Keeps the newest backup of each of the last 7 days, 4 weeks and 12
 * months in @dir, and removes the others (only files of our own naming). */
gboolean      pd_backup_rotate         (const char    *dir,
                                        GDateTime     *now,
                                        GError       **error);

/* The backups in @dir, newest first, as PdBackupInfo; an empty array when
 * the folder does not exist. Counts are read from each copy (decrypted
 * to a private temporary file when @passphrase is given). */
GPtrArray    *pd_backup_list           (const char    *dir,
                                        const char    *passphrase,
                                        GError       **error);

/* The time of the newest backup in @dir, or NULL when there is none. */
GDateTime    *pd_backup_newest         (const char    *dir);

/* Replaces the contents of the open database @db with the backup at
 * @backup_path through SQLite's backup API (one transaction: after a crash
 * the database is the old one or the restored one, never a mix). The
 * backup is checked first (ours, not newer, integrity ok) and the current
 * database is first kept as a backup of its own in @keep_dir, whose path
 * is returned in @kept_path, so the restore can be undone. */
gboolean      pd_backup_restore        (PdDatabase    *db,
                                        const char    *backup_path,
                                        const char    *passphrase,
                                        const char    *keep_dir,
                                        char         **kept_path,
                                        GError       **error);

/* What deriving the key of an encrypted backup costs (Argon2id). Backups are
 * written at PD_BACKUP_COST_MODERATE; the cost is kept in the file's header,
 * and a reader accepts a file up to the cost it is given. The cheapest is
 * for tests and fuzzing only. */
typedef enum
{
  PD_BACKUP_COST_MODERATE,
  PD_BACKUP_COST_INTERACTIVE,
  PD_BACKUP_COST_TEST,
} PdBackupCost;

/* Encrypts the file @plain_path into @out_path (written in full or not at
 * all, mode 0600), in chunks, so that any size takes the same memory. */
gboolean      pd_backup_encrypt_file   (const char    *plain_path,
                                        const char    *out_path,
                                        const char    *passphrase,
                                        PdBackupCost   cost,
                                        GError       **error);
/* Decrypts @in_path into @out_path, which is written in full or not at all
 * (mode 0600): a wrong passphrase, a changed, cut or lengthened file is
 * refused with nothing written. Files costlier than @max_cost are refused. */
gboolean      pd_backup_decrypt_file   (const char    *in_path,
                                        const char    *out_path,
                                        const char    *passphrase,
                                        PdBackupCost   max_cost,
                                        GError       **error);

/* The same as pd_backup_restore for the database at @database_path, which
 * may not be open in this process and may be damaged: the command line's
 * way to restore a database that no longer opens. It is created when
 * missing; one SQLite cannot read at all is moved into @keep_dir as it is.
 * Afterwards the database is opened as usual, which brings a backup of an
 * older version up to date. @kept_path is set whenever a copy was kept,
 * even when the restore then failed. */
gboolean      pd_backup_restore_file   (const char    *database_path,
                                        const char    *backup_path,
                                        const char    *passphrase,
                                        const char    *keep_dir,
                                        char         **kept_path,
                                        GError       **error);

/* Reads every page of the database at @path, as SQLite's integrity_check
 * does: FALSE with a PD_ERROR_NOT_DATABASE error naming what is wrong when
 * it is damaged or not a Peerdesk database. */
gboolean      pd_backup_check_database (const char    *path,
                                        GError       **error);

/* Whether @basename is named as a backup file this module writes: the files
 * pd_backup_list lists and the only ones pd_backup_rotate may remove. */
gboolean      pd_backup_is_backup_name (const char    *basename);

G_END_DECLS
