#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs peerdesk-cli on databases that are empty, damaged or mixed with another database's files,
# the way a person copying files around would leave them, and checks that each is refused and
# left exactly as it was.
#
# Usage: test-cli-database.sh PATH/TO/peerdesk-cli
# Output: TAP.

set -uo pipefail

# shellcheck source=tests/cli-test-lib.sh
. "$(dirname "$0")/cli-test-lib.sh"

unchanged () {
  [ "$(sha256sum <"$1")" = "$2" ]
}

# An empty file given to commands that only read stays an empty file.
empty="$tmp/empty.db"
: >"$empty"
for command in "members search ana" "members export $tmp/out.csv" \
  "report --from 2026-01-01 --to 2026-01-31 -o $tmp/out.xml"; do
  # shellcheck disable=SC2086 # the command words are meant to be split
  run --database "$empty" $command
  check "'$command' refuses an empty file" user_error "$empty" "empty"
  check "'$command' leaves the empty file empty" test ! -s "$empty"
done
check "nothing was written for the refused commands" test ! -e "$tmp/out.csv" -a ! -e "$tmp/out.xml"

# A database whose index lost a member: quick_check passes it, the full check does not.
damaged="$tmp/damaged.db"
run --database "$damaged" demo --members 40 --years 0
check "demo makes a database" succeeded
root=$(sqlite3 "$damaged" "SELECT rootpage FROM sqlite_master WHERE name = 'members_by_sort_key'")
sql=$(sqlite3 "$damaged" "SELECT sql FROM sqlite_master WHERE name = 'members_by_sort_key'")
sqlite3 "$damaged" "PRAGMA writable_schema = ON;
  DELETE FROM sqlite_master WHERE name = 'members_by_sort_key';"
sqlite3 "$damaged" "UPDATE members SET sort_key = 'zz' || sort_key WHERE id = 7;"
sqlite3 "$damaged" "PRAGMA writable_schema = ON;
  INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql)
  VALUES ('index', 'members_by_sort_key', 'members', $root, '$sql');"
check "SQLite's quick check misses the damage" test "$(sqlite3 "$damaged" 'PRAGMA quick_check')" = ok
sum=$(sha256sum <"$damaged")
run --database "$damaged" members search a
check "a database with a damaged index is refused" user_error "$damaged" "damaged" "backup"
run --database "$damaged" checkin M-000001
check "a check-in into it is refused" user_error "damaged"
check "the damaged database is left as it was" unchanged "$damaged" "$sum"

# Another centre's log copied beside a database is not replayed into it.
ours="$tmp/ours.db"
theirs="$tmp/theirs.db"
run --database "$ours" demo --members 30 --years 0 --seed 3
run --database "$theirs" demo --members 30 --years 0 --seed 4
python3 - "$theirs" "$tmp/theirs.wal" <<'PY'
import os, shutil, sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA wal_autocheckpoint = 0")
db.execute("BEGIN IMMEDIATE")
db.execute("UPDATE identity SET transactions = transactions + 1")
db.execute("UPDATE members SET first_name = 'Intruder' WHERE id = 3")
db.execute("COMMIT")
shutil.copyfile(sys.argv[1] + "-wal", sys.argv[2])
os._exit(0)  # as a crash would: the log stays
PY
cp "$tmp/theirs.wal" "$ours-wal"
sum=$(sha256sum <"$ours")
run --database "$ours" members search intruder
check "a database with another database's log beside it is refused" user_error "$ours-wal" \
  "another database"
check "the database is left as it was" unchanged "$ours" "$sum"
check "the other log is left where it was" test -s "$ours-wal"
run --database "$ours" check
check "check refuses it too" user_error "$ours-wal" "another database"
check "... and copies nothing of it into the database" unchanged "$ours" "$sum"
rm -f "$ours-wal" "$ours-shm"
run --database "$ours" members search intruder
check "once the other log is moved away, the database opens without its rows" succeeded

# An import never reads the database itself (closing a descriptor of it would drop SQLite's
# locks): it is refused by any of its names.
fresh="$tmp/fresh.db"
run --database "$fresh" init
sum=$(sha256sum <"$ours")
run --database "$ours" members import "$ours"
check "members import of the database itself is refused" user_error "is the Peerdesk database itself"
ln "$ours" "$tmp/link-to-ours.db"
run --database "$ours" members import "$tmp/link-to-ours.db"
check "... by another name too" user_error "is the Peerdesk database itself"
run --database "$fresh" import --json "$fresh"
check "import --json of the database itself is refused" user_error "is the Peerdesk database itself"
check "the database is left as it was" unchanged "$ours" "$sum"

# An export onto another database, perhaps the one the app has open while a script exports
# from a copy, is refused too: it is not this command's database, but it is a database.
sum=$(sha256sum <"$theirs")
run --database "$ours" members export "$theirs"
check "members export onto another database is refused" user_error "$theirs" "is a database"
run --database "$ours" export --json "$theirs"
check "export --json onto another database is refused" user_error "is a database"
run --database "$ours" report --from 2026-01-01 --to 2026-01-31 --organisation Harbour -o "$theirs"
check "report -o onto another database is refused" user_error "is a database"
check "the other database is left as it was" unchanged "$theirs" "$sum"

# Exit statuses stay 0, 1 or 2 whatever happens to the output: more than a pipe holds.
many="$tmp/many.db"
run --database "$many" demo --members 4000 --years 0
"$cli" --database "$many" members search a --limit 4000 | head -n 1 >/dev/null
rc=${PIPESTATUS[0]}
check "a reader that stops early ('| head') leaves exit status 0, not a signal's" test "$rc" -eq 0
"$cli" --database "$many" members search a --limit 4000 >/dev/full 2>"$tmp/err"
rc=$?
check "output that cannot be written fails with exit status 2 and says why" \
  grep -q "could not write the output" "$tmp/err"
check "... exit status 2" test "$rc" -eq 2

finish
