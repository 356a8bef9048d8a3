/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pd-audit.h"

G_BEGIN_DECLS

/* A file written in full or not at all, readable by its owner only: the
 * bytes go to a temporary file beside the destination, made 0600 from the
 * start, which is synced and renamed into place on commit, and the folder
 * is synced so that the new name survives a power cut. Freed without a
 * commit, or after a failed one, the temporary file is removed, so an
 * earlier file of the same name stays as it was. Errors are G_FILE_ERROR,
 * "Could not write “FILE”: why".
 *
 * A destination that is a database open in this process, or a file SQLite
 * keeps beside it (-wal, -shm, -journal), is refused (PD_ERROR_INVALID),
 * whatever name it is given by (a relative path, a hard or symbolic link);
 * so is an existing destination that is not a regular file: a folder
 * (G_FILE_ERROR_ISDIR), a device or a pipe (PD_ERROR_INVALID). Both are
 * checked when the file is made and again just before the rename.
 *
 * The temporary file is named ".NAME.peerdesk-PID-XXXXXX" after the
 * process writing it: a new file in the same folder removes those left by
 * processes that no longer exist, which were killed before they could. */
typedef struct _PdSafeFile PdSafeFile;

/* Checks the complete temporary file at @tmp_path before it takes the
 * destination's name; an error leaves no file. */
typedef gboolean (*PdSafeFileCheck) (const char  *tmp_path,
                                     gpointer     user_data,
                                     GError     **error);

PdSafeFile *pd_safe_file_new            (const char       *path,
                                         GError          **error);
const char *pd_safe_file_display_path   (PdSafeFile       *file);
gboolean    pd_safe_file_write          (PdSafeFile       *file,
                                         const char       *data,
                                         gsize             len,
                                         GError          **error);
gboolean    pd_safe_file_commit         (PdSafeFile       *file,
                                         GError          **error);
gboolean    pd_safe_file_commit_checked (PdSafeFile       *file,
                                         PdSafeFileCheck   check,
                                         gpointer          user_data,
                                         GError          **error);
/* Commits @file and appends @kind to the audit trail of @db, with @what
 * and the file's base name as its detail, in one transaction: the entry
 * and the file land together or not at all. */
gboolean    pd_safe_file_commit_recorded (PdSafeFile      *file,
                                         PdDatabase       *db,
                                         PdAuditKind       kind,
                                         const char       *what,
                                         gint64            count,
                                         GError          **error);
void        pd_safe_file_free           (PdSafeFile       *file);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PdSafeFile, pd_safe_file_free)

G_END_DECLS
