/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

#include "pd-database.h"

/* Each target defines it: libFuzzer's entry point, which replay.c also
 * calls with every file of a corpus. Returns 0. */
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* What the targets share (fuzz-common.c). The first call makes a folder
 * of the process's own, removed at exit, and makes warnings and criticals
 * fatal, so that the fuzzer reports them as crashes. */
const char *fuzz_dir            (void);
/* Writes @data to the file @name of that folder; returns its path. */
const char *fuzz_write_input    (const char     *name,
                                 const uint8_t  *data,
                                 size_t          size);
/* A new, empty database @name in that folder, any older one removed. */
PdDatabase *fuzz_open_database  (const char     *name);
/* An input refused must say why, in a message of at most @max_chars
 * characters (0: any length), which no value of the input can make long;
 * aborts if not. */
void        fuzz_check_refusal  (gboolean        ok,
                                 const GError   *error,
                                 glong           max_chars);
