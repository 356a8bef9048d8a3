/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pd-backup.h"
#include "pd-backup-private.h"
#include "pd-error.h"
#include "pd-safe-file.h"

/* Encrypted backups (.pdbackup): a passphrase stretched with Argon2id,
 * the database sealed in chunks with XChaCha20-Poly1305 secretstream. */

gboolean
pd_backup_ensure_sodium (GError **error)
{
  static gsize initialized = 0;
  static gboolean ok = FALSE;

  if (g_once_init_enter (&initialized))
    {
      ok = sodium_init () >= 0;
      g_once_init_leave (&initialized, 1);
    }
  if (!ok)
    g_set_error_literal (error, PD_ERROR, PD_ERROR_FAILED,
                         _("The encryption library could not be started"));
  return ok;
}

/* ---- Encryption ---- */

static void
cost_limits (PdBackupCost  cost,
             guint32      *opslimit,
             guint32      *memlimit)
{
  switch (cost)
    {
    case PD_BACKUP_COST_TEST:
      *opslimit = crypto_pwhash_OPSLIMIT_MIN;
      *memlimit = crypto_pwhash_MEMLIMIT_MIN;
      break;
    case PD_BACKUP_COST_INTERACTIVE:
      *opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
      *memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
      break;
    case PD_BACKUP_COST_MODERATE:
    default:
      *opslimit = crypto_pwhash_OPSLIMIT_MODERATE;
      *memlimit = crypto_pwhash_MEMLIMIT_MODERATE;
      break;
    }
}

gboolean
pd_backup_check_passphrase (const char  *passphrase,
                            GError     **error)
{
  if (passphrase == NULL || *passphrase == '\0')
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_INVALID, _("The passphrase is empty"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
derive_key (guchar       key[crypto_secretstream_xchacha20poly1305_KEYBYTES],
            const char  *passphrase,
            const guchar salt[crypto_pwhash_SALTBYTES],
            guint32      opslimit,
            guint32      memlimit,
            GError     **error)
{
  if (crypto_pwhash (key, crypto_secretstream_xchacha20poly1305_KEYBYTES,
                     passphrase, strlen (passphrase), salt, opslimit, memlimit,
                     crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error_literal (error, PD_ERROR, PD_ERROR_FAILED,
                           _("There is not enough memory to work out the key from the "
                             "passphrase"));
      return FALSE;
    }
  return TRUE;
}

static void
put_le32 (guchar  *p,
          guint32  value)
{
  p[0] = value & 0xff;
  p[1] = (value >> 8) & 0xff;
  p[2] = (value >> 16) & 0xff;
  p[3] = (value >> 24) & 0xff;
}

static guint32
get_le32 (const guchar *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

gboolean
pd_backup_encrypt_file (const char    *plain_path,
                        const char    *out_path,
                        const char    *passphrase,
                        PdBackupCost   cost,
                        GError       **error)
{
  g_autoptr(PdSafeFile) out = NULL;
  crypto_secretstream_xchacha20poly1305_state state;
  guchar key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
  guchar header[HEADER_LENGTH] = { 0, };
  g_autofree guchar *plain = NULL;
  g_autofree guchar *sealed = NULL;
  guint32 opslimit, memlimit;
  gboolean first = TRUE;
  gboolean ok = FALSE;
  FILE *in;

  g_return_val_if_fail (plain_path != NULL, FALSE);
  g_return_val_if_fail (out_path != NULL, FALSE);

  if (!pd_backup_ensure_sodium (error) || !pd_backup_check_passphrase (passphrase, error))
    return FALSE;

  in = g_fopen (plain_path, "rbe");
  if (in == NULL)
    return pd_backup_set_errno_error (error, FILE_READ, plain_path, errno);
  out = pd_safe_file_new (out_path, error);
  if (out == NULL)
    {
      fclose (in);
      return FALSE;
    }

  cost_limits (cost, &opslimit, &memlimit);
  memcpy (header, MAGIC, MAGIC_LENGTH);
  header[MAGIC_LENGTH] = FORMAT_VERSION;
  header[MAGIC_LENGTH + 1] = ALGORITHM_ARGON2ID_SECRETSTREAM;
  put_le32 (header + MAGIC_LENGTH + 4, opslimit);
  put_le32 (header + MAGIC_LENGTH + 8, memlimit);
  randombytes_buf (header + MAGIC_LENGTH + 12, crypto_pwhash_SALTBYTES);

  if (!derive_key (key, passphrase, header + MAGIC_LENGTH + 12, opslimit, memlimit, error))
    goto out;
  crypto_secretstream_xchacha20poly1305_init_push (&state, header + PARAMS_LENGTH, key);
  if (!pd_safe_file_write (out, (const char *) header, sizeof header, error))
    goto out;

  plain = g_malloc (CHUNK_SIZE);
  sealed = g_malloc (SEALED_CHUNK_SIZE);
  for (;;)
    {
      size_t n = fread (plain, 1, CHUNK_SIZE, in);
      gboolean eof = feof (in);
      unsigned long long sealed_length;
      guchar length_bytes[4];

      if (ferror (in))
        {
          pd_backup_set_errno_error (error, FILE_READ, plain_path, errno);
          goto out;
        }
      crypto_secretstream_xchacha20poly1305_push (&state, sealed, &sealed_length, plain, n,
                                                  first ? header : NULL,
                                                  first ? PARAMS_LENGTH : 0,
                                                  eof ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
                                                      : 0);
      first = FALSE;
      put_le32 (length_bytes, (guint32) sealed_length);
      if (!pd_safe_file_write (out, (const char *) length_bytes, sizeof length_bytes, error) ||
          !pd_safe_file_write (out, (const char *) sealed, sealed_length, error))
        goto out;
      if (eof)
        break;
    }

  ok = pd_safe_file_commit (out, error);

out:
  sodium_memzero (key, sizeof key);
  sodium_memzero (&state, sizeof state);
  if (plain != NULL)
    sodium_memzero (plain, CHUNK_SIZE);
  fclose (in);
  return ok;
}

typedef enum
{
  REFUSED_NOT_BACKUP,
  REFUSED_NEWER,
  REFUSED_WRONG_KEY,
  REFUSED_CHANGED,
  REFUSED_CUT,
  REFUSED_TRAILING,
} Refusal;

/* Every refusal leaves the passphrase or the file in doubt, never shows
 * what was read. */
static gboolean
set_refused_error (const char  *path,
                   Refusal      refusal,
                   GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);

  switch (refusal)
    {
    case REFUSED_NOT_BACKUP:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” is not an encrypted Peerdesk backup"), display);
      break;
    case REFUSED_NEWER:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” was encrypted by a newer version of Peerdesk: update Peerdesk to "
                     "read it"), display);
      break;
    case REFUSED_WRONG_KEY:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” could not be decrypted: wrong passphrase, or the file was changed"),
                   display);
      break;
    case REFUSED_CHANGED:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” could not be decrypted: the file was changed"), display);
      break;
    case REFUSED_CUT:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” could not be decrypted: the file is cut short"), display);
      break;
    case REFUSED_TRAILING:
    default:
      g_set_error (error, PD_ERROR, PD_ERROR_INVALID,
                   _("“%s” could not be decrypted: there is data after its end, so the file "
                     "was changed"), display);
      break;
    }
  return FALSE;
}

gboolean
pd_backup_decrypt_file (const char    *in_path,
                        const char    *out_path,
                        const char    *passphrase,
                        PdBackupCost   max_cost,
                        GError       **error)
{
  g_autoptr(PdSafeFile) out = NULL;
  crypto_secretstream_xchacha20poly1305_state state;
  guchar key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
  guchar header[HEADER_LENGTH];
  g_autofree guchar *plain = NULL;
  g_autofree guchar *sealed = NULL;
  guint32 opslimit, memlimit, max_opslimit, max_memlimit;
  gboolean first = TRUE;
  gboolean ok = FALSE;
  size_t n;
  FILE *in;

  g_return_val_if_fail (in_path != NULL, FALSE);
  g_return_val_if_fail (out_path != NULL, FALSE);

  if (!pd_backup_ensure_sodium (error) || !pd_backup_check_passphrase (passphrase, error))
    return FALSE;

  in = g_fopen (in_path, "rbe");
  if (in == NULL)
    return pd_backup_set_errno_error (error, FILE_READ, in_path, errno);

  n = fread (header, 1, sizeof header, in);
  if (ferror (in))
    {
      pd_backup_set_errno_error (error, FILE_READ, in_path, errno);
      fclose (in);
      return FALSE;
    }
  if (n < MAGIC_LENGTH || memcmp (header, MAGIC, MAGIC_LENGTH) != 0)
    {
      fclose (in);
      return set_refused_error (in_path, REFUSED_NOT_BACKUP, error);
    }
  if (n < sizeof header)
    {
      fclose (in);
      return set_refused_error (in_path, REFUSED_CUT, error);
    }
  if (header[MAGIC_LENGTH] != FORMAT_VERSION ||
      header[MAGIC_LENGTH + 1] != ALGORITHM_ARGON2ID_SECRETSTREAM)
    {
      fclose (in);
      return set_refused_error (in_path, REFUSED_NEWER, error);
    }

  opslimit = get_le32 (header + MAGIC_LENGTH + 4);
  memlimit = get_le32 (header + MAGIC_LENGTH + 8);
  cost_limits (max_cost, &max_opslimit, &max_memlimit);
  if (header[MAGIC_LENGTH + 2] != 0 || header[MAGIC_LENGTH + 3] != 0 ||
      opslimit < crypto_pwhash_OPSLIMIT_MIN || opslimit > max_opslimit ||
      memlimit < crypto_pwhash_MEMLIMIT_MIN || memlimit > max_memlimit)
    {
      fclose (in);
      return set_refused_error (in_path, REFUSED_WRONG_KEY, error);
    }

  out = pd_safe_file_new (out_path, error);
  if (out == NULL)
    {
      fclose (in);
      return FALSE;
    }

  if (!derive_key (key, passphrase, header + MAGIC_LENGTH + 12, opslimit, memlimit, error))
    goto out;
  if (crypto_secretstream_xchacha20poly1305_init_pull (&state, header + PARAMS_LENGTH, key) != 0)
    {
      set_refused_error (in_path, REFUSED_WRONG_KEY, error);
      goto out;
    }

  plain = g_malloc (CHUNK_SIZE);
  sealed = g_malloc (SEALED_CHUNK_SIZE);
  for (;;)
    {
      unsigned long long plain_length;
      guchar tag = 0;

      guchar length_bytes[4];
      guint32 length = 0;
      gboolean whole = FALSE;

      if (fread (length_bytes, 1, sizeof length_bytes, in) == sizeof length_bytes)
        {
          length = get_le32 (length_bytes);
          if (length < crypto_secretstream_xchacha20poly1305_ABYTES ||
              length > SEALED_CHUNK_SIZE)
            {
              set_refused_error (in_path, first ? REFUSED_WRONG_KEY : REFUSED_CHANGED, error);
              goto out;
            }
          whole = fread (sealed, 1, length, in) == length;
        }
      if (ferror (in))
        {
          pd_backup_set_errno_error (error, FILE_READ, in_path, errno);
          goto out;
        }
      if (!whole)
        {
          set_refused_error (in_path, REFUSED_CUT, error);
          goto out;
        }
      if (crypto_secretstream_xchacha20poly1305_pull (&state, plain, &plain_length, &tag,
                                                      sealed, length,
                                                      first ? header : NULL,
                                                      first ? PARAMS_LENGTH : 0) != 0)
        {
          set_refused_error (in_path, first ? REFUSED_WRONG_KEY : REFUSED_CHANGED, error);
          goto out;
        }
      first = FALSE;

      if (tag != 0 && tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL)
        {
          set_refused_error (in_path, REFUSED_CHANGED, error);
          goto out;
        }
      if (!pd_safe_file_write (out, (const char *) plain, plain_length, error))
        goto out;

      if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL)
        {
          /* Nothing may follow the final chunk: it would have been added. */
          if (fgetc (in) != EOF)
            {
              set_refused_error (in_path, REFUSED_TRAILING, error);
              goto out;
            }
          break;
        }
    }

  ok = pd_safe_file_commit (out, error);

out:
  sodium_memzero (key, sizeof key);
  sodium_memzero (&state, sizeof state);
  if (plain != NULL)
    sodium_memzero (plain, CHUNK_SIZE);
  fclose (in);
  return ok;
}
