/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>

#include "pd-backup.h"

/* The passphrase of the seed corpus in corpus/backup/, which was encrypted
 * at PD_BACKUP_COST_TEST so that each input takes microseconds. */
#define FUZZ_PASSPHRASE "peerdesk fuzz"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static char *fuzz_dir;

/* Reads @data as an encrypted backup: refused or decrypted, never a crash,
 * and nothing written unless it was whole. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *in_path = NULL;
  g_autofree char *out_path = NULL;
  gboolean ok;

  if (fuzz_dir == NULL)
    {
      fuzz_dir = g_dir_make_tmp ("peerdesk-fuzz-backup-XXXXXX", &error);
      g_assert_no_error (error);
    }
  in_path = g_build_filename (fuzz_dir, "in.pdbackup", NULL);
  out_path = g_build_filename (fuzz_dir, "out.db", NULL);

  if (!g_file_set_contents (in_path, (const char *) data, size, &error))
    g_error ("%s", error->message);

  ok = pd_backup_decrypt_file (in_path, out_path, FUZZ_PASSPHRASE, PD_BACKUP_COST_TEST, &error);
  g_assert (ok == (error == NULL));
  g_assert (ok == g_file_test (out_path, G_FILE_TEST_EXISTS));

  g_unlink (out_path);
  g_unlink (in_path);
  return 0;
}
