/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>

#include "fuzz.h"
#include "pd-backup.h"

/* The passphrase of the seed corpus in corpus/backup/, which was encrypted
 * at PD_BACKUP_COST_TEST so that each input takes microseconds. */
#define FUZZ_PASSPHRASE "peerdesk fuzz"

/* A refusal names the file and what is wrong with it, no more. */
#define MAX_MESSAGE_CHARS 400

/* Reads @data as an encrypted backup: refused with a short message that
 * says why, or decrypted, never a crash, and nothing written unless it
 * was whole. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out_path = g_build_filename (fuzz_dir (), "out.db", NULL);
  const char *in_path = fuzz_write_input ("in.pdbackup", data, size);
  gboolean ok;

  ok = pd_backup_decrypt_file (in_path, out_path, FUZZ_PASSPHRASE, PD_BACKUP_COST_TEST, &error);
  fuzz_check_refusal (ok, error, MAX_MESSAGE_CHARS);
  g_assert (ok == g_file_test (out_path, G_FILE_TEST_EXISTS));

  g_unlink (out_path);
  return 0;
}
