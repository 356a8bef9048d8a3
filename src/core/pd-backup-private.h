/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the backup files of the core share: pd-backup.c (making, listing
 * and restoring), pd-backup-names.c (names and rotation) and
 * pd-backup-crypt.c (encryption). */

#include <glib.h>

G_BEGIN_DECLS

#define NAME_PREFIX "peerdesk-"
#define KEPT_PREFIX "peerdesk-before-restore-"
#define PLAIN_SUFFIX ".db"
#define ENCRYPTED_SUFFIX ".pdbackup"
/* YYYY-MM-DD-HHMMSS */
#define STAMP_LENGTH 17

/* How many backups of each kind the rotation keeps. */
#define KEEP_DAYS 7
#define KEEP_WEEKS 4
#define KEEP_MONTHS 12

/* The encrypted format: a header, then the database in chunks of
 * CHUNK_SIZE bytes (the last one shorter, maybe empty) sealed one by one
 * with libsodium's secretstream, the last tagged FINAL, each after its
 * sealed length (4 bytes, little-endian), so that bytes added after the
 * final chunk are told apart from a changed chunk.
 *
 *   magic     8 bytes  "PDBACKUP"
 *   version   1 byte   1
 *   algorithm 1 byte   1: Argon2id 1.3 + XChaCha20-Poly1305 secretstream
 *   reserved  2 bytes  0
 *   opslimit  4 bytes  little-endian
 *   memlimit  4 bytes  little-endian, bytes
 *   salt     16 bytes
 *   stream   24 bytes  the secretstream header
 *
 * The header up to the stream header is the additional data of the first
 * chunk, so that a changed byte anywhere is found. */
#define MAGIC "PDBACKUP"
#define MAGIC_LENGTH 8
#define FORMAT_VERSION 1
#define ALGORITHM_ARGON2ID_SECRETSTREAM 1
#define PARAMS_LENGTH (MAGIC_LENGTH + 4 + 4 + 4 + crypto_pwhash_SALTBYTES)
#define HEADER_LENGTH (PARAMS_LENGTH + crypto_secretstream_xchacha20poly1305_HEADERBYTES)
#define CHUNK_SIZE (64 * 1024)
#define SEALED_CHUNK_SIZE (CHUNK_SIZE + crypto_secretstream_xchacha20poly1305_ABYTES)

typedef enum
{
  FILE_READ,
  FILE_WRITE,
  FILE_MAKE_DIR,
  FILE_MAKE_DIR_IN,
  FILE_REMOVE_BACKUP,
} FileAction;

typedef struct
{
  char      *path;
  char      *key;        /* stamp and suffix, sorting as the times do */
  GDateTime *created;
  gboolean   kept;       /* a copy kept before a restore */
  gboolean   encrypted;
  int        year, month, day;
} BackupName;

void         pd_backup_name_free        (BackupName  *name);
BackupName  *pd_backup_name_parse       (const char  *dir,
                                         const char  *basename);
GPtrArray   *pd_backup_names_read       (const char  *dir,
                                         GError     **error);
char        *pd_backup_publish          (const char  *from,
                                         const char  *dir,
                                         const char  *prefix,
                                         GDateTime   *now,
                                         const char  *suffix,
                                         GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BackupName, pd_backup_name_free)

gboolean     pd_backup_ensure_sodium    (GError     **error);
gboolean     pd_backup_check_passphrase (const char  *passphrase,
                                         GError     **error);
gboolean     pd_backup_set_errno_error  (GError     **error,
                                         FileAction   action,
                                         const char  *path,
                                         int          saved_errno);

G_END_DECLS
