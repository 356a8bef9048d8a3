/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "fuzz.h"
#include "pd-member-csv.h"

/* The members CSV import, from the file to a database. Members an input
 * added would slow every later one down: a new database follows any
 * import that added some. */

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static PdDatabase *db;
  g_autoptr(GError) error = NULL;
  const char *path = fuzz_write_input ("input.csv", data, size);
  guint n_imported = 0;
  gboolean ok;

  if (db == NULL)
    db = fuzz_open_database ("members.db");

  ok = pd_member_csv_import (db, path, &n_imported, &error);
  fuzz_check_refusal (ok, error, 0);
  if (ok && n_imported > 0)
    {
      g_clear_object (&db);
      db = fuzz_open_database ("members.db");
    }
  return 0;
}
