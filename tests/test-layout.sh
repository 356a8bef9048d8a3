#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks that the source tree keeps its layers apart: only the core's
# database files name the database engine, the core knows nothing of GTK,
# the printed documents know nothing of GTK nor of SQL, and no source
# file grows past what a reader can hold.
#
# Usage: test-layout.sh SOURCE_ROOT
# Output: TAP.

set -euo pipefail
export LC_ALL=C

if [ $# -ne 1 ]; then
  echo "usage: $0 SOURCE_ROOT" >&2
  exit 2
fi

cd "$1"

MAX_LINES=1200
n=0
failed=0

check () {
  local description=$1 found=$2

  n=$((n + 1))
  if [ -z "$found" ]; then
    echo "ok $n - $description"
  else
    echo "not ok $n - $description"
    printf '%s\n' "$found" | sed 's/^/# /'
    failed=$((failed + 1))
  fi
}

check "nothing in src/gui or src/cli names the database engine" \
  "$(grep -rn 'sqlite3' src/gui src/cli || true)"

check "in src/core only the pd-database files name the database engine" \
  "$(grep -rln 'sqlite3' src/core --include='*.c' --include='*.h' | grep -v '/pd-database' || true)"

check "src/core includes nothing of GTK" \
  "$(grep -rn '#include <\(gtk\|adwaita\|gdk\)' src/core || true)"

check "src/print includes nothing of GTK" \
  "$(grep -rn '#include <\(gtk\|adwaita\|gdk\)' src/print || true)"

# Printed documents read the records through the core's functions, which
# check the signed-in role; a query of their own would skip that.
check "src/print writes no SQL and uses no statements" \
  "$(grep -rnE 'pd-statement\.h|pd_database_query|pd_statement_|\<(SELECT|INSERT|UPDATE|DELETE) ' src/print || true)"

check "src/print names no database engine" \
  "$(grep -rn 'sqlite3' src/print || true)"

check "no source file is over $MAX_LINES lines" \
  "$(find src -name '*.[ch]' -exec wc -l {} + | awk -v max=$MAX_LINES '$2 != "total" && $1 > max')"

echo "1..$n"
[ $failed -eq 0 ]
