/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "fuzz.h"
#include "pd-json.h"

/* The JSON import, from the file to an empty database. An import that
 * fails leaves the database empty, so it serves the next input; one that
 * succeeds is followed by a new database. */

/* The longest message a refusal may give: the key list of an export is
 * the longest text it quotes, and values are cut to an excerpt. */
#define MAX_MESSAGE_CHARS 640

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static PdDatabase *db;
  g_autoptr(GError) error = NULL;
  const char *path = fuzz_write_input ("input.json", data, size);
  gboolean ok;

  if (db == NULL)
    db = fuzz_open_database ("import.db");

  ok = pd_json_import (db, path, &error);
  fuzz_check_refusal (ok, error, MAX_MESSAGE_CHARS);
  if (ok)
    {
      g_clear_object (&db);
      db = fuzz_open_database ("import.db");
    }
  return 0;
}
