#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs "peerdesk-cli export --json" and "import --json" the way a person or a script would,
# against databases in a temporary folder; HOME and XDG_DATA_HOME point there too, and the usual
# database must never be created.
#
# Usage: test-cli-json.sh PATH/TO/peerdesk-cli
# Output: TAP.

set -uo pipefail

# shellcheck source=tests/cli-test-lib.sh
. "$(dirname "$0")/cli-test-lib.sh"

mode_is () {
  [ "$(stat -c %a "$1")" = "$2" ]
}

# How many rows of every table a database holds, the meta table left out, one table a line.
table_counts () {
  local table
  for table in members visit_purposes visits volunteer_roles volunteers volunteer_role_links \
    groups sessions attendance hours supervision training_domains courses course_domains \
    completions credentials; do
    echo "$table $(db_query "$1" "SELECT count(*) FROM $table")"
  done
}

# What tells whether a database changed: every byte of the file; on a server, the rows of every
# table and of the audit trail.
database_state () {
  if on_postgresql; then
    table_counts "$1"
    db_query "$1" "SELECT count(*) FROM audit"
  else
    sha256sum <"$1"
  fi
}

# The rows the export says it wrote, from "Exported N rows to FILE".
exported_rows () {
  sed -n 's/^Exported \([0-9]*\) rows to .*/\1/p' "$tmp/out"
}

# No hidden file in the folder $1 itself, where an export writes before it renames.
no_leftovers () {
  [ -z "$(find "$1" -maxdepth 1 -name '.*' -type f)" ]
}

# --help

help_db="$tmp/help.db"
for command in "export" "import"; do
  run --database "$help_db" $command --help
  check "'peerdesk-cli $command --help' exits 0" succeeded
  check "'peerdesk-cli $command --help' shows its usage" \
    grep -qE "^  peerdesk-cli .*$command --json FILE" "$tmp/out"
  check "'peerdesk-cli $command --help' lists --json and --database" \
    stdout_has "--json=FILE" "--database"
done
check "--help opens no database" test ! -e "$help_db"

run --help
check "--help lists export and import" stdout_has "export" "import"

# export

new_database db demo
run --database "$db" demo --members 40 --years 1 --seed 3
check "demo makes a database to export" succeeded

files="$tmp/files"
out="$files/export.json"
mkdir -p "$files"
run --database "$db" export --json "$out"
check "export --json succeeds" succeeded
check "export --json says how many rows it wrote, and where" \
  grep -qE "^Exported [0-9]+ rows to .*export.json$" "$tmp/out"
check "export --json writes the file" test -s "$out"
check "export --json writes the file readable by its owner only" mode_is "$out" 600
check "export --json leaves no temporary file" no_leftovers "$files"
check "export --json writes JSON" python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$out"
rows=$(exported_rows)
check "export --json counts every row" test "$rows" -gt 1000

# Output that cannot be written is a fault (2); a reader that goes away ends nothing with a signal
# (SIGPIPE would be 141), and the export it did not wait to hear about is still made.
"$cli" --database "$db" export --json "$files/full.json" >/dev/full 2>"$tmp/err"
rc=$?
: >"$tmp/out"
check "export --json with its output going nowhere exits 2 and says so" \
  test "$rc" -eq 2 -a "$(cat "$tmp/err")" = \
  "peerdesk-cli: could not write the output: No space left on device"
rc=$(python3 -c 'import subprocess, sys
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
p.stdout.close()
print(p.wait())' "$cli" --database "$db" export --json "$files/piped.json")
check "export --json to a closed pipe exits 0, not 141" test "$rc" -eq 0
check "... and the export is made" test -s "$files/piped.json"

# Each command that ran is recorded in the audit trail once it is done: a later export holds
# the same records, and in the trail the commands run in between.
same_but_trail () {
  python3 -c 'import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
ta, tb = a.pop("audit"), b.pop("audit")
sys.exit(0 if a == b and tb[:len(ta)] == ta and len(tb) > len(ta)
         and all(e["kind"] in ("command", "export") for e in tb[len(ta):]) else 1)' "$1" "$2"
}

run --database "$db" export --json "$files/again.json"
check "a second export of the same records is the same file, but for the commands recorded" \
  same_but_trail "$out" "$files/again.json"

run --database "$db" export
check "export without --json exits 1" user_error "--json FILE"

run --database "$db" export --json
check "export --json without a file exits 1" user_error "--json"

run --database "$db" export --json "$tmp/x.json" extra
check "export with an extra argument exits 1" user_error "extra"

missing="$tmp/missing.db"
run --database "$missing" export --json "$tmp/x.json"
check "export from a missing database exits 1" user_error "$missing"
check "export does not create a missing database" test ! -e "$missing"
check "export from a missing database writes no file" test ! -e "$tmp/x.json"

run --database "$db" export --json "$tmp/no/such/folder/x.json"
check "export into a missing folder exits 1" user_error "x.json"
check "export into a missing folder makes no folder" test ! -e "$tmp/no"

mkdir "$tmp/folder"
run --database "$db" export --json "$tmp/folder"
check "export over a folder exits 1" user_error "folder"
check "export over a folder leaves no temporary file" no_leftovers "$tmp"

# import

new_database new restored
run --database "$new" import --json "$out"
check "import --json into a new database succeeds" succeeded
check "import --json says how many rows it read" stdout_has "Imported $rows rows from"
if sqlite_only "a new file is private"; then
  check "import --json creates the database readable by its owner only" mode_is "$new" 600
fi
check "import --json restores every table" \
  test "$(table_counts "$db")" = "$(table_counts "$new")"
check "import --json counts the members" \
  test "$(db_query "$new" "SELECT value FROM meta WHERE key = 'member_count'")" = 40

run --database "$new" export --json "$files/restored.json"
check "export, import, export gives the same file, but for the commands recorded" \
  same_but_trail "$out" "$files/restored.json"

run --database "$new" members search "$(db_query "$db" "SELECT last_name FROM members WHERE id = 7")"
check "the restored names can be searched" stdout_has "M-000007"

before=$(database_state "$new")
run --database "$new" import --json "$out"
check "import into a database with records exits 1" user_error "already holds records" "members"
check "a refused import leaves the database as it was" test "$(database_state "$new")" = "$before"

new_database empty empty
run --database "$empty" init
printf '{"format": "peerdesk-export", "version": 1, "schema_version": 3, "meta": [], "members": [\n  {"id": 1, "number": "M-000001"}\n]}\n' >"$tmp/bad.json"
run --database "$empty" import --json "$tmp/bad.json"
check "import of a bad file exits 1 and names the path of the value" \
  user_error "bad.json" "members[0].first_name: this key is missing"
check "a bad file leaves the database empty" \
  test "$(db_query "$empty" "SELECT count(*) FROM members")" = 0
check "a bad file leaves the lists a new database starts with" \
  test "$(db_query "$empty" "SELECT count(*) FROM visit_purposes")" = 7

sed 's/"version": [0-9]*,/"version": 99,/' "$out" >"$tmp/newer.json"
run --database "$empty" import --json "$tmp/newer.json"
check "import of a file from a newer Peerdesk exits 1" user_error "version 99" "update Peerdesk"

head -c 5000 "$out" >"$tmp/cut.json"
run --database "$empty" import --json "$tmp/cut.json"
check "import of a file cut short exits 1" user_error "cut.json" "not valid JSON: line"

fresh="$tmp/fresh.db"
run --database "$fresh" import --json "$tmp/cut.json"
check "a failed import into a new database exits 1" user_error "cut.json"
check "a failed import into a new database leaves no database" \
  test ! -e "$fresh" -a ! -e "$fresh-wal" -a ! -e "$fresh-shm"

run --database "$fresh" import --json "$tmp/nowhere.json"
check "import of a missing file exits 1" user_error "nowhere.json"
check "import of a missing file leaves no database" test ! -e "$fresh"

run --database "$fresh" import
check "import without --json exits 1" user_error "--json FILE"
check "import without --json creates no database" test ! -e "$fresh"

# Files that once crashed the import (exit status 139): a value that is only a comment, which
# json-glib skipped and left no value, and brackets nested deep enough to overflow its stack.
printf '//{' >"$tmp/comment-only.json"
printf '{"format": "peerdesk-export", "version": 1, "schema_version": 4,\n "meta": /**/ []}\n' \
  >"$tmp/comment-table.json"
python3 -c 'import sys; sys.stdout.write("[" * 100000 + "]" * 100000)' >"$tmp/deep.json"
printf '{"format": "peerdesk-export", "version": 1, "schema_version": 4,\n "meta": [{"key": "report_x", "value": "cut\\u0000here"}]}\n' \
  >"$tmp/null.json"
before=$(sha256sum <"$empty")
for bad in "comment-only.json:line 1, column 1: “/” starts a comment" \
  "comment-table.json:line 2, column 10: “/” starts a comment" \
  "deep.json:line 1, column 65: lists and objects nested more than 64 deep" \
  "null.json:line 2, column 44: “\\u0000” in a string"; do
  file=${bad%%:*}
  run --database "$empty" import --json "$tmp/$file"
  check "import of $file exits 1 and says where the problem is" \
    user_error "$file: not valid JSON: ${bad#*:}"
  check "import of $file leaves the database as it was" test "$(sha256sum <"$empty")" = "$before"
done

run --database "$fresh" import --json "$tmp/deep.json"
check "a crash input imported into a new database exits 1" user_error "deep.json"
check "a crash input imported into a new database leaves no database" test ! -e "$fresh"

# Memory and time stay bounded: a pipe that never ends is cut off at the largest value an
# import reads, and a file larger than an import reads is refused before it is read (this one
# is sparse: it takes no room).
run --database "$empty" import --json <(printf '{"format": "'; tr '\0' a </dev/zero)
check "import of a string that never ends exits 1" \
  user_error "not valid JSON: line 1, column 12: the value that starts here is larger than 16"
run --database "$empty" import --json /dev/zero
check "import of /dev/zero exits 1" user_error "/dev/zero: not valid JSON: line 1, column 1"
truncate -s 17G "$tmp/huge.json"
run --database "$empty" import --json "$tmp/huge.json"
check "import of a file over the size an import reads exits 1" \
  user_error "huge.json: the file is larger than the 16"
check "refused files leave the database as it was" test "$(sha256sum <"$empty")" = "$before"

# Credential templates are JSON too: the same nesting crashed every command that loads them.
templates="$tmp/templates"
mkdir -p "$templates"
cp "$tmp/deep.json" "$templates/deep.json"
PEERDESK_TEMPLATES_DIR=$templates run credentials add --help
check "credentials add --help still works beside a template nested too deep" succeeded
PEERDESK_TEMPLATES_DIR=$templates run --database "$empty" credentials add "Ana" --template x
check "credentials add with a template nested too deep exits 1 naming the file and the place" \
  user_error "deep.json: not valid JSON: line 1, column 65: lists and objects nested more than 64"
cp "$tmp/comment-table.json" "$templates/deep.json"
PEERDESK_TEMPLATES_DIR=$templates run --database "$empty" credentials add "Ana" --template x
check "credentials add with a comment in a template exits 1 naming the file and the place" \
  user_error "deep.json: not valid JSON: line 2, column 10: “/” starts a comment"

run --database "$empty" import --json "$out"
check "import into a database made by init succeeds" succeeded
check "import into a database made by init restores every table" \
  test "$(table_counts "$db")" = "$(table_counts "$empty")"

# An export never takes the database's place, by whatever name it is given.

guard="$tmp/guard"
mkdir -p "$guard/sub"
if sqlite_only "exports must not replace the database's file or the files beside it"; then
  cp "$db" "$guard/x.db"
  ln "$guard/x.db" "$guard/hard.db"
  ln -s x.db "$guard/link.json"
  guard_before=$(table_counts "$guard/x.db")
  guard_intact () {
    [ "$(db_query "$guard/x.db" "PRAGMA integrity_check")" = "ok" ] &&
      [ "$(table_counts "$guard/x.db")" = "$guard_before" ]
  }
  for dest in "$guard/x.db" "./x.db" "sub/../x.db" "hard.db" "link.json"; do
    (cd "$guard" && run --database "$guard/x.db" export --json "$dest" && echo "$rc" >"$tmp/rc")
    rc=$(cat "$tmp/rc")
    check "export --json onto the database as $dest is refused" \
      user_error "is the Peerdesk database itself" "choose another file name"
    check "export --json onto the database as $dest leaves every record" guard_intact
  done
  for suffix in -wal -shm -journal; do
    run --database "$guard/x.db" export --json "$guard/x.db$suffix"
    check "export --json onto the database's $suffix file is refused" \
      user_error "x.db$suffix" "choose another file name"
  done
  check "the database is intact after all that" guard_intact
  check "the symbolic link to the database is still one" test -L "$guard/link.json"
fi
mkfifo "$guard/pipe"
run --database "$db" export --json "$guard/pipe"
check "export --json onto a pipe is refused" user_error "pipe" "not an ordinary file"
check "the pipe is still a pipe" test -p "$guard/pipe"
mkdir "$guard/folder.json"
run --database "$db" export --json "$guard/folder.json"
check "export --json onto a folder is refused" user_error "folder.json" "is a folder"
check "no export leaves a file in the folder" no_leftovers "$guard"

# A killed export's temporary file, of a process that no longer exists.
sh -c 'exit 0' &
dead=$!
wait "$dead"
printf '{"members": [' >"$guard/.all.json.peerdesk-$dead-Ab12Cd"
printf 'kept\n' >"$guard/.all.json.Ab12Cd"
run --database "$db" export --json "$guard/all.json"
check "export --json beside a stale temporary file succeeds" succeeded
check "the stale temporary file of a dead process is removed" \
  test ! -e "$guard/.all.json.peerdesk-$dead-Ab12Cd"
check "a file of another name is kept" test -f "$guard/.all.json.Ab12Cd"

finish
