# SPDX-License-Identifier: GPL-3.0-or-later
#
# What the scripts that run peerdesk-cli share: a temporary home, running a
# command and keeping what it printed, TAP checks and their verdicts.
# Sourced with the script's arguments: PATH/TO/peerdesk-cli.

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
export XDG_STATE_HOME="$tmp/home/state"
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

# run_in INPUT ARGUMENTS...: runs the CLI with INPUT on standard input.
run_in () {
  local input=$1
  shift
  printf '%s' "$input" | "$cli" "$@" >"$tmp/out" 2>"$tmp/err"
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

# ok DESCRIPTION PROBLEMS: one test, passed when PROBLEMS, what a check
# found wrong, is empty.
ok () {
  n=$((n + 1))
  if [ -z "$2" ]; then
    echo "ok $n - $1"
  else
    echo "not ok $n - $1"
    printf '%s\n' "$2" | head -n 30 | sed -e 's/^/# /'
    failed=$((failed + 1))
  fi
}

# skip REASON: a test that cannot run here.
skip () {
  n=$((n + 1))
  echo "ok $n # SKIP $1"
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

# pdf_has FILE.pdf TEXT...: the PDF's text, as pdftotext sets it out, holds each TEXT.
pdf_has () {
  local pdf=$1 text
  shift
  pdftotext -q -layout -enc UTF-8 "$pdf" "$tmp/pdf.txt" || return 1
  for text in "$@"; do
    grep -qF -- "$text" "$tmp/pdf.txt" || return 1
  done
}

# The tests run on SQLite files or, with PD_TEST_POSTGRESQL set by tests/pd-test-postgresql.sh, on
# a PostgreSQL server, where each database a test makes is a database of its own.
on_postgresql () {
  [ -n "${PD_TEST_POSTGRESQL:-}" ]
}

# new_database VARIABLE NAME: sets VARIABLE to where a new database is, for --database: on SQLite
# the file NAME.db in the temporary folder, which the CLI makes when first used; on PostgreSQL a
# new database on the server (NAME made of letters, digits, - and _, once a script), set up
# with its tables as a centre sets one up.
new_database () {
  local name
  if ! on_postgresql; then
    printf -v "$1" '%s' "$tmp/$2.db"
    return
  fi
  name="pd_${2//-/_}"
  printf -v "$1" '%s' "postgresql:///$name${PD_TEST_POSTGRESQL#postgresql:///}"
  if ! psql "$PD_TEST_POSTGRESQL&dbname=postgres" -qAt -v ON_ERROR_STOP=1 \
         -c "CREATE DATABASE $name STRATEGY = FILE_COPY" >"$tmp/setup.out" 2>&1 ||
     ! "$cli" --database "${!1}" server setup >>"$tmp/setup.out" 2>&1; then
    echo "Bail out! no database $name on the server: $(tr '\n' ' ' <"$tmp/setup.out")"
    exit 1
  fi
}

# db_query DATABASE SQL: runs SQL on the database as another program would, printing each row's
# columns between | (NULL as nothing), as the sqlite3 shell and psql -At do.
db_query () {
  if on_postgresql; then
    psql "$1" -qAt -v ON_ERROR_STOP=1 -c "$2"
  elif command -v sqlite3 >/dev/null; then
    sqlite3 "$1" "$2"
  else
    python3 -c 'import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
for row in con.execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in row))
con.commit()' "$1" "$2"
  fi
}

# sqlite_only REASON: whether the checks that follow, which are about SQLite files (REASON
# says how), run here; on PostgreSQL they count as one skipped test.
sqlite_only () {
  if on_postgresql; then
    skip "about SQLite database files: $1"
    return 1
  fi
}

# The usual database must never have been created; then the plan and the
# exit status.
finish () {
  check "the usual database was never created" test ! -e "$XDG_DATA_HOME/peerdesk"
  echo "1..$n"
  if [ "$failed" -gt 0 ]; then
    echo "# $failed of $n tests failed"
    exit 1
  fi
}
