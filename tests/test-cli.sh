#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs peerdesk-cli the way a person or a script would, against databases in a temporary folder;
# HOME and XDG_DATA_HOME point there too, and the usual database must never be created.
#
# Usage: test-cli.sh PATH/TO/peerdesk-cli
# Output: TAP.

set -uo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 PATH/TO/peerdesk-cli" >&2
  exit 2
fi

cli=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

export HOME="$tmp/home"
export XDG_DATA_HOME="$tmp/home/data"
export XDG_CONFIG_HOME="$tmp/home/config"
export XDG_CACHE_HOME="$tmp/home/cache"
export LC_ALL=C.UTF-8
mkdir -p "$HOME"

n=0
failed=0
rc=0

# Runs the CLI, keeping its exit status in $rc and its output in $tmp/out and $tmp/err.
run () {
  "$cli" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
}

# check DESCRIPTION COMMAND...: one test, passed when COMMAND succeeds.
check () {
  local description=$1
  shift
  n=$((n + 1))
  if "$@"; then
    echo "ok $n - $description"
  else
    echo "not ok $n - $description"
    echo "# last run: exit status $rc"
    sed -e 's/^/# stdout: /' "$tmp/out" 2>/dev/null | head -n 20
    sed -e 's/^/# stderr: /' "$tmp/err" 2>/dev/null | head -n 20
    failed=$((failed + 1))
  fi
}

# The run failed as a person's mistake: exit status 1 and one message on stderr that names the
# program and contains each of the given texts.
user_error () {
  [ "$rc" -eq 1 ] || return 1
  [ ! -s "$tmp/out" ] || return 1
  [ "$(wc -l <"$tmp/err")" -eq 1 ] || return 1
  grep -q '^peerdesk-cli: ' "$tmp/err" || return 1
  local text
  for text in "$@"; do
    grep -qiF -- "$text" "$tmp/err" || return 1
  done
}

succeeded () {
  [ "$rc" -eq 0 ] && [ ! -s "$tmp/err" ]
}

stdout_has () {
  local text
  for text in "$@"; do
    grep -qF -- "$text" "$tmp/out" || return 1
  done
}

# Writes the CSV file $1 to $1.cmp without its created_at and updated_at columns, which record
# when the members were written.
strip_timestamps () {
  python3 - "$1" <<'EOF'
import csv
import sys

with open(sys.argv[1], newline='', encoding='utf-8') as f:
    rows = list(csv.reader(f))
header = rows[0]
if 'created_at' not in header or 'updated_at' not in header:
    sys.exit('no timestamp columns in ' + sys.argv[1])
keep = [i for i, name in enumerate(header) if name not in ('created_at', 'updated_at')]
with open(sys.argv[1] + '.cmp', 'w', newline='', encoding='utf-8') as f:
    out = csv.writer(f, lineterminator='\n')
    for row in rows:
        out.writerow([row[i] for i in keep])
EOF
}

# The two CSV files hold the same members, apart from their timestamps.
same_members () {
  strip_timestamps "$1" && strip_timestamps "$2" && cmp -s "$1.cmp" "$2.cmp"
}

other_members () {
  strip_timestamps "$1" && strip_timestamps "$2" && ! cmp -s "$1.cmp" "$2.cmp"
}

# How many members a CSV file holds: its records less the header.
csv_count () {
  python3 - "$1" <<'EOF'
import csv
import sys

with open(sys.argv[1], newline='', encoding='utf-8') as f:
    print(sum(1 for _ in csv.reader(f)) - 1)
EOF
}

# How many members a database holds, asked of the CLI itself.
member_count () {
  "$cli" --database "$1" members export "$tmp/count.csv" >/dev/null 2>&1 &&
    csv_count "$tmp/count.csv"
}

# Runs SQL on a file with SQLite itself, to make files that peerdesk-cli must refuse.
sqlite () {
  if command -v sqlite3 >/dev/null; then
    sqlite3 "$1" "$2"
  else
    python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).executescript(sys.argv[2])' \
      "$1" "$2"
  fi
}

checksum () {
  sha256sum <"$1"
}

mode_is () {
  [ "$(stat -c %a "$1")" = "$2" ]
}

# init

db="$tmp/new/folder/x.db"
run --database "$db" init
check "init creates the database" succeeded
check "init creates the database file" test -f "$db"
check "init creates the database readable by its owner only" mode_is "$db" 600
check "init creates the folder, private to its owner" mode_is "$tmp/new/folder" 700
check "init says where the database is" stdout_has "$db"

run init --database "$db"
check "init on an existing database succeeds, with --database after the command" succeeded
check "init on an existing database says where it is" stdout_has "$db"
check "init keeps the database private" mode_is "$db" 600

# --help and --version

help_db="$tmp/help.db"
for command in "" "init" "demo" "members" "members import" "members export" "members search"; do
  # shellcheck disable=SC2086 # the command words are meant to be split
  run --database "$help_db" $command --help
  check "'peerdesk-cli ${command:+$command }--help' exits 0" succeeded
  check "'peerdesk-cli ${command:+$command }--help' shows its usage" \
    grep -qE "^  peerdesk-cli .*${command}" "$tmp/out"
done
check "--help opens no database" test ! -e "$help_db"

run --help
check "--help lists the commands" stdout_has "init" "demo" "members" "--database" "--version"

run members --help
check "members --help lists the members commands" stdout_has "import" "export" "search"

run demo --help
check "demo --help lists its options" stdout_has "--members" "--seed" "--database"

run members search --help
check "members search --help lists its options" stdout_has "--limit" "--database"

run --version
check "--version exits 0" succeeded
check "--version prints the version" grep -qE '^peerdesk-cli [0-9]+\.[0-9]+' "$tmp/out"

# Mistakes on the command line

run --database "$db"
check "no command exits 1 with a message" user_error "command"

run --database "$db" frobnicate
check "an unknown command exits 1 with a message naming it" user_error "frobnicate"

run --database "$db" members frobnicate
check "an unknown members command exits 1 with a message naming it" user_error "frobnicate"

run --database "$db" --frobnicate init
check "an unknown option exits 1 with a message naming it" user_error "--frobnicate"

run --database "$db" members import
check "members import without a file exits 1" user_error "FILE.csv"

run --database "$db" members export "$tmp/a.csv" "$tmp/b.csv"
check "members export with two files exits 1" user_error "b.csv"

run --database "$db" members search
check "members search without text exits 1" user_error "TEXT"

run --database "$db" members search --limit 0 x
check "members search --limit 0 exits 1" user_error "--limit"

run --database "$db" demo --members 0
check "demo --members 0 exits 1" user_error "--members"

run --database "$db" demo --members many
check "demo --members with a word exits 1" user_error "many"

missing="$tmp/missing/x.db"
run --database "$missing" members search x
check "members search on a missing database exits 1" user_error "$missing"
check "members search does not create a missing database" test ! -e "$missing"

run --database "$missing" members export "$tmp/missing.csv"
check "members export on a missing database exits 1" user_error "$missing"
check "members export does not create a missing database or file" \
  test ! -e "$missing" -a ! -e "$tmp/missing.csv"

run --database "$db" members import "$tmp/no-such-file.csv"
check "importing a file that does not exist exits 1 with a message naming it" \
  user_error "no-such-file.csv"

# demo

demo_a="$tmp/demo-a.db"
demo_b="$tmp/demo-b.db"
demo_c="$tmp/demo-c.db"
run --database "$demo_a" demo --members 37 --seed 5
check "demo --members 37 succeeds" succeeded
check "demo says how many members it made" stdout_has "37"
check "demo made 37 members" test "$(member_count "$demo_a")" = 37

run --database "$demo_b" demo --seed 5 --members 37
run --database "$demo_a" members export "$tmp/demo-a.csv"
check "members export of 37 members succeeds" succeeded
check "members export says how many it wrote" stdout_has "37" "$tmp/demo-a.csv"
check "the export holds 37 members" test "$(csv_count "$tmp/demo-a.csv")" = 37
run --database "$demo_b" members export "$tmp/demo-b.csv"
check "demo with the same seed makes the same members" \
  same_members "$tmp/demo-a.csv" "$tmp/demo-b.csv"

run --database "$demo_c" demo --members 37 --seed 6
run --database "$demo_c" members export "$tmp/demo-c.csv"
check "demo with another seed makes other members" \
  other_members "$tmp/demo-a.csv" "$tmp/demo-c.csv"

run --database "$demo_a" demo --members 5
check "demo refuses a database that has members" user_error "already has members"
check "demo into a database with members adds none" test "$(member_count "$demo_a")" = 37

run --database "$tmp/demo-default.db" demo
check "demo without --members succeeds" succeeded
check "demo without --members makes 200 members" \
  test "$(member_count "$tmp/demo-default.db")" = 200

# Export, import, export again

round="$tmp/round.db"
run --database "$round" members import "$tmp/demo-a.csv"
check "importing an export into a new database succeeds" succeeded
check "members import says how many members it imported from which file" \
  stdout_has "Imported 37 members from $tmp/demo-a.csv"
run --database "$round" members export "$tmp/round.csv"
check "export, import and export again gives the same file apart from its timestamps" \
  same_members "$tmp/demo-a.csv" "$tmp/round.csv"

# Search

names="$tmp/names.csv"
cat >"$names" <<'EOF'
first_name,last_name,phone
José,Müller,555-0100
Ana,Limitson,
Bea,Limitson,
Cy,Limitson,
Dee,Limitson,
Eve,Limitson,
EOF
search="$tmp/search.db"
run --database "$search" members import "$names"
check "importing a file with accents succeeds" stdout_has "Imported 6 members"

run --database "$search" members search jose
check "searching 'jose' finds José Müller" stdout_has "José Müller"
check "search prints the number, the name and the status, tab-separated" \
  grep -qP '^M-[0-9]+\tJosé Müller\tactive$' "$tmp/out"
run --database "$search" members search mull
check "searching 'mull' finds José Müller" stdout_has "José Müller"
run --database "$search" members search MÜLLER JOS
check "searching two words in any case and order finds José Müller" stdout_has "José Müller"
run --database "$search" members search 5550100
check "searching a phone number finds its member" stdout_has "José Müller"
run --database "$search" members search zebra
check "a search that matches nobody prints nothing and succeeds" \
  test "$rc" -eq 0 -a ! -s "$tmp/out" -a ! -s "$tmp/err"

run --database "$search" members search limitson
check "search shows every match" test "$(wc -l <"$tmp/out")" -eq 5
run --database "$search" members search --limit 3 limitson
check "search --limit 3 shows 3 matches" test "$(wc -l <"$tmp/out")" -eq 3
run --database "$search" members search limitson --limit=2
check "search takes --limit after the text" test "$(wc -l <"$tmp/out")" -eq 2

# A file that is wrong imports nothing

bad="$tmp/bad.csv"
cat >"$bad" <<'EOF'
first_name,last_name,birth_date
Gil,Goodrow,1990-01-02
Hal,Goodrow,1985-07
Ivy,Badrow,31/02/1990
EOF
before=$(member_count "$search")
run --database "$search" members import "$bad"
check "importing a wrong CSV exits 1" user_error "bad.csv"
check "the message names the row and the column" user_error "row 4" "birth_date"
check "a wrong CSV adds no member" test "$(member_count "$search")" = "$before"
run --database "$search" members search goodrow
check "the good rows before the wrong one are not imported either" test ! -s "$tmp/out"

printf 'first_name,colour\nKim,blue\n' >"$tmp/unknown-column.csv"
run --database "$search" members import "$tmp/unknown-column.csv"
check "a CSV with an unknown column exits 1 naming it" user_error "colour"

# Files that are not Peerdesk databases are left as they are

text_db="$tmp/text.db"
echo "These are notes, not a database." >"$text_db"
sum=$(checksum "$text_db")
run --database "$text_db" init
check "init refuses a file that is not a database" user_error "$text_db"
check "the file that is not a database is unchanged" test "$(checksum "$text_db")" = "$sum"
run --database "$text_db" members search x
check "members search refuses a file that is not a database" user_error "$text_db"
check "the file is still unchanged" test "$(checksum "$text_db")" = "$sum"

other_db="$tmp/other.db"
sqlite "$other_db" 'CREATE TABLE recipes (name TEXT);'
sum=$(checksum "$other_db")
run --database "$other_db" init
check "init refuses another program's SQLite database" user_error "$other_db" "not a Peerdesk"
check "the other program's database is unchanged" test "$(checksum "$other_db")" = "$sum"

newer_db="$tmp/newer.db"
# 0x50444b31, "PDK1", marks a Peerdesk database.
sqlite "$newer_db" "PRAGMA application_id = $((0x50444b31)); PRAGMA user_version = 99;"
sum=$(checksum "$newer_db")
run --database "$newer_db" init
check "init refuses a database written by a newer version" user_error "$newer_db" "newer version"
check "the newer database is unchanged" test "$(checksum "$newer_db")" = "$sum"
run --database "$newer_db" members import "$names"
check "members import refuses a database written by a newer version" user_error "newer version"
check "the newer database is still unchanged" test "$(checksum "$newer_db")" = "$sum"

# Nothing above named the usual database, so it must not exist.
check "the usual database was never created" test ! -e "$XDG_DATA_HOME/peerdesk"

echo "1..$n"
if [ "$failed" -gt 0 ]; then
  echo "# $failed of $n tests failed"
  exit 1
fi
