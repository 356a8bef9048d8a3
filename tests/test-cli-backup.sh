#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs "peerdesk-cli backup", "backups list", "restore" and "check" the way a person or a script
# would, against databases in a temporary folder; HOME and XDG_DATA_HOME point there too, and the
# usual database must never be created. Then kills backups and restores with SIGKILL at several
# moments, and checks that the database is always the old one or the restored one, whole.
#
# Usage: test-cli-backup.sh PATH/TO/peerdesk-cli
# Output: TAP.

set -uo pipefail

# shellcheck source=tests/cli-test-lib.sh
. "$(dirname "$0")/cli-test-lib.sh"

mode_is () {
  [ "$(stat -c %a "$1")" = "$2" ]
}

sqlite_query () {
  if command -v sqlite3 >/dev/null; then
    sqlite3 "$1" "$2"
  else
    python3 -c 'import sqlite3, sys
for row in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in row))' "$1" "$2"
  fi
}

members () {
  sqlite_query "$1" "SELECT count(*) FROM members"
}

visits () {
  sqlite_query "$1" "SELECT count(*) FROM visits"
}

intact () {
  [ "$(sqlite_query "$1" "PRAGMA integrity_check")" = "ok" ]
}

# The path the last run printed, its only line.
printed_path () {
  head -n 1 "$tmp/out"
}

# Adds three members from a CSV file, so that a database differs from its backup.
add_three () {
  printf 'first_name,last_name\nAda,Lovelace\nBo,Diddley\nCy,Twombly\n' >"$tmp/three.csv"
  "$cli" --database "$1" members import "$tmp/three.csv" >/dev/null 2>&1
}

# --help

help_db="$tmp/help.db"
for command in "backup" "restore" "check" "backups list"; do
  # shellcheck disable=SC2086
  run --database "$help_db" $command --help
  check "'peerdesk-cli $command --help' exits 0" succeeded
done
check "--help opens no database" test ! -e "$help_db"
run --database "$help_db" --help
check "--help lists backup, backups, restore and check" \
  stdout_has "backup " "backups" "restore" "check"

# backup

db="$tmp/centre/peerdesk.db"
mkdir -p "$tmp/centre"
run --database "$db" demo --members 60 --years 1 --seed 4
check "demo makes a database to back up" succeeded
n_members=$(members "$db")
n_visits=$(visits "$db")

run --database "$db" backup
check "backup succeeds" succeeded
backup=$(printed_path)
check "backup prints the path of the new file" test -f "$backup"
check "backup puts it in the folder backups beside the database" \
  test "$(dirname "$backup")" = "$tmp/centre/backups"
check "backup names it with the date and time" \
  grep -qE '/peerdesk-[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{6}(-[0-9]+)?\.db$' "$tmp/out"
check "the backup is readable by its owner only" mode_is "$backup" 600
check "the backups folder is its owner's only" mode_is "$tmp/centre/backups" 700
check "the backup is whole" intact "$backup"
check "the backup holds every member and visit" \
  test "$(members "$backup"):$(visits "$backup")" = "$n_members:$n_visits"
check "the backup leaves nothing else in the folder" \
  test "$(find "$tmp/centre/backups" -mindepth 1 | wc -l)" -eq 1

run --database "$db" backup --to "$tmp/elsewhere/deep"
check "backup --to succeeds" succeeded
check "backup --to puts the file there" test "$(dirname "$(printed_path)")" = "$tmp/elsewhere/deep"

run --database "$tmp/missing.db" backup
check "backup of a missing database exits 1" user_error "missing.db"
check "backup of a missing database creates nothing" \
  test ! -e "$tmp/missing.db" -a ! -e "$tmp/backups"

run --database "$db" backup extra
check "backup with an extra argument exits 1" user_error "extra"

# backups list

run --database "$db" backups list
check "backups list succeeds" succeeded
check "backups list shows the backup with its counts" \
  grep -qE "^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8} .* $n_members +$n_visits +$backup\$" "$tmp/out"

run --database "$db" backups list --from "$tmp/nothing-here"
check "backups list of a missing folder succeeds" succeeded
check "backups list of a missing folder says there are none" stdout_has "no backups"

# Encrypted backups

pass="$tmp/pass"
printf 'a long and private passphrase\n' >"$pass"
chmod 644 "$pass"
run --database "$db" backup --encrypt --passphrase-file "$pass" --to "$tmp/usb"
check "backup --encrypt refuses a passphrase file others can read" user_error "pass" "chmod 600"
check "the refused backup --encrypt writes nothing" test ! -e "$tmp/usb"

printf '\n' >"$tmp/empty-pass"
chmod 600 "$tmp/empty-pass"
run --database "$db" backup --encrypt --passphrase-file "$tmp/empty-pass" --to "$tmp/usb"
check "backup --encrypt refuses an empty passphrase" user_error "empty-pass" "empty"
run --database "$db" backup --encrypt --passphrase-file "$tmp/no-such-pass" --to "$tmp/usb"
check "backup --encrypt refuses a missing passphrase file" user_error "no-such-pass"
check "neither writes anything" test ! -e "$tmp/usb"

chmod 600 "$pass"
run --database "$db" backup --encrypt --passphrase-file "$pass" --to "$tmp/usb"
check "backup --encrypt succeeds" succeeded
sealed=$(printed_path)
check "backup --encrypt writes a .pdbackup file" test -f "$sealed" -a "${sealed%.pdbackup}" != "$sealed"
check "the encrypted backup is readable by its owner only" mode_is "$sealed" 600
check "the encrypted backup holds no readable record" \
  test "$(grep -c -a -e 'SQLite format' -e 'M-0000' "$sealed")" -eq 0
check "no plain copy is left beside the encrypted one" \
  test "$(find "$tmp/usb" -mindepth 1 | wc -l)" -eq 1

run --database "$db" backup --encrypt --to "$tmp/usb2" </dev/null
check "backup --encrypt without a terminal or a file exits 1" user_error "--passphrase-file"
run --database "$db" backup --encrypt --passphrase "secret" --to "$tmp/usb2"
check "a passphrase is never taken on the command line" user_error "passphrase"
check "neither writes anything" test ! -e "$tmp/usb2"

run --database "$db" backups list --from "$tmp/usb"
check "backups list shows an encrypted backup without its counts" \
  grep -qE " \? +\? +$sealed\$" "$tmp/out"
run --database "$db" backups list --from "$tmp/usb" --passphrase-file "$pass"
check "backups list --passphrase-file counts the encrypted backup" \
  grep -qE " $n_members +$n_visits +$sealed\$" "$tmp/out"

# restore

add_three "$db"
check "three members were added after the backup" test "$(members "$db")" -eq $((n_members + 3))

run --database "$db" restore "$backup" </dev/null
check "restore from a script succeeds without asking" succeeded
check "restore says where the database as it was is kept" \
  stdout_has "Restored" "kept at $tmp/centre/backups/peerdesk-before-restore-"
kept=$(sed -n 's/^The database as it was before is kept at //p' "$tmp/out")
check "the database holds the backup's members again" test "$(members "$db")" -eq "$n_members"
check "the database holds the backup's visits again" test "$(visits "$db")" -eq "$n_visits"
check "the kept database holds the members it had" test "$(members "$kept")" -eq $((n_members + 3))
check "the kept database is readable by its owner only" mode_is "$kept" 600
check "the restored database is readable by its owner only" mode_is "$db" 600

run --database "$db" restore "$kept" </dev/null
check "restoring the kept database undoes the restore" \
  test "$rc" -eq 0 -a "$(members "$db")" -eq $((n_members + 3))

wrong="$tmp/wrong"
printf 'not the passphrase\n' >"$wrong"
chmod 600 "$wrong"
run --database "$db" restore "$sealed" --passphrase-file "$wrong" </dev/null
check "restore with a wrong passphrase exits 1" user_error "wrong passphrase, or the file was changed"
check "a refused restore leaves the database as it was" \
  test "$(members "$db")" -eq $((n_members + 3))

run --database "$db" restore "$sealed" </dev/null
check "restore of an encrypted backup without a passphrase exits 1" user_error "passphrase"

run --database "$db" restore "$sealed" --passphrase-file "$pass" </dev/null
check "restore of an encrypted backup succeeds" succeeded
check "the encrypted backup's members are back" test "$(members "$db")" -eq "$n_members"

cp "$sealed" "$tmp/cut.pdbackup"
truncate -s -10 "$tmp/cut.pdbackup"
add_three "$db"
run --database "$db" restore "$tmp/cut.pdbackup" --passphrase-file "$pass" </dev/null
check "restore of a cut encrypted backup exits 1" user_error "cut short"
check "the cut backup left the database as it was" test "$(members "$db")" -eq $((n_members + 3))

printf 'not a database' >"$tmp/notes.db"
run --database "$db" restore "$tmp/notes.db" </dev/null
check "restore of a file that is not a database exits 1" user_error "notes.db"
sqlite_query "$tmp/other.db" "CREATE TABLE members (id INTEGER); INSERT INTO members VALUES (1);" \
  >/dev/null
run --database "$db" restore "$tmp/other.db" </dev/null
check "restore of another program's database exits 1" user_error "not a backup of a Peerdesk"
cp "$backup" "$tmp/newer.db"
sqlite_query "$tmp/newer.db" "PRAGMA user_version = 99" >/dev/null
run --database "$db" restore "$tmp/newer.db" </dev/null
check "restore of a backup from a newer Peerdesk exits 1" user_error "newer version"
run --database "$db" restore "$tmp/nowhere.db" </dev/null
check "restore of a missing file exits 1" user_error "nowhere.db"
check "refused restores leave the database as it was" \
  test "$(members "$db")" -eq $((n_members + 3))

# On a terminal: the passphrase is asked without echo, twice when new, and restore asks first.
# script(1) gives the command a terminal; each answer waits for its question.
on_terminal () {
  local answers=$1
  shift
  (
    sleep 0.5
    while IFS= read -r answer; do
      printf '%s\n' "$answer"
      sleep 0.5
    done <<<"$answers"
    sleep 4
  ) | script -qec "$(printf '%q ' "$cli" "$@")" /dev/null >"$tmp/out" 2>&1
  rc=$?
  : >"$tmp/err"
}

if command -v script >/dev/null; then
  on_terminal $'typed words here\ntyped words here' --database "$db" backup --encrypt \
    --to "$tmp/tty"
  check "backup --encrypt on a terminal asks twice and succeeds" \
    test "$rc" -eq 0 -a "$(grep -ci 'passphrase' "$tmp/out")" -eq 2
  check "the typed passphrase is not shown" test "$(grep -c 'typed words' "$tmp/out")" -eq 0
  tty_sealed=$(find "$tmp/tty" -name '*.pdbackup')
  check "the backup made on a terminal is there" test -f "$tty_sealed"

  on_terminal $'one thing\nanother' --database "$db" backup --encrypt --to "$tmp/tty2"
  check "two different passphrases are refused" \
    test "$rc" -eq 1 -a ! -e "$tmp/tty2"
  check "saying so" grep -q "differ" "$tmp/out"

  # A line longer than the longest passphrase is refused whole, not cut
  # into a passphrase and an answer to the next question.
  long=$(printf 'x%.0s' $(seq 1500))
  on_terminal "$long"$'\n'"$long" --database "$db" backup --encrypt --to "$tmp/tty3"
  check "a passphrase over 1024 characters is refused" \
    test "$rc" -eq 1 -a ! -e "$tmp/tty3"
  check "saying how long one may be" grep -q "at most 1024" "$tmp/out"

  before=$(members "$db")
  add_three "$db"
  on_terminal $'typed words here\nn' --database "$db" restore "$tty_sealed"
  check "restore on a terminal asks, and no leaves the database as it was" \
    test "$rc" -eq 0 -a "$(members "$db")" -eq $((before + 3))
  check "saying nothing was changed" grep -q "Nothing was changed" "$tmp/out"

  on_terminal $'typed words here\ny' --database "$db" restore "$tty_sealed"
  check "restore on a terminal answered yes restores" \
    test "$rc" -eq 0 -a "$(members "$db")" -eq "$before"
else
  echo "# script(1) is missing: the terminal is not tested"
fi

# check

run --database "$db" check
check "check of a whole database exits 0" succeeded
check "check says so plainly" test "$(cat "$tmp/out")" = "The database is intact."

damaged="$tmp/damaged/peerdesk.db"
mkdir -p "$tmp/damaged"
cp "$backup" "$damaged"
size=$(stat -c %s "$damaged")
dd if=/dev/urandom of="$damaged" bs=4096 seek=$((size / 4096 / 2)) count=4 conv=notrunc \
  status=none
run --database "$damaged" check
check "check of a damaged database exits 1" user_error "damaged" "Restore a backup"
run --database "$damaged" restore "$backup" </dev/null
check "restore over a damaged database succeeds" succeeded
check "the damaged database is kept" stdout_has "kept at $tmp/damaged/backups/"
run --database "$damaged" check
check "after the restore the database is intact" succeeded

printf 'garbage where the database was' >"$damaged"
run --database "$damaged" restore "$backup" </dev/null
check "restore over a file that is no database at all succeeds" succeeded
run --database "$damaged" check
check "and leaves a whole database" succeeded

run --database "$tmp/none.db" check
check "check of a missing database exits 1" user_error "none.db"
check "check creates no database" test ! -e "$tmp/none.db"

# Restoring on a new computer, where there is no database yet.
run --database "$tmp/new/peerdesk.db" restore "$backup" </dev/null
check "restore where there is no database yet succeeds" succeeded
check "it makes the database, readable by its owner only" mode_is "$tmp/new/peerdesk.db" 600
check "with the backup's members" test "$(members "$tmp/new/peerdesk.db")" -eq "$n_members"

# SIGKILL during a backup and a restore: a database big enough to take about a second.

big="$tmp/big/peerdesk.db"
mkdir -p "$tmp/big"
"$cli" --database "$big" demo --members 40000 --years 0 >/dev/null
big_backup=$("$cli" --database "$big" backup)
add_three "$big"
old=$(members "$big")
restored=$(members "$big_backup")
check "the big database differs from its backup" test "$old" -ne "$restored"

for delay in 0.05 0.2 0.4 0.7 1.0; do
  "$cli" --database "$big" backup --to "$tmp/big/killed" >/dev/null 2>&1 &
  pid=$!
  sleep $delay
  kill -9 $pid 2>/dev/null
  wait $pid 2>/dev/null
  check "after SIGKILL at ${delay}s of a backup the database is whole" intact "$big"
  check "after SIGKILL at ${delay}s of a backup the database is unchanged" \
    test "$(members "$big")" -eq "$old"
  whole=1
  for file in "$tmp/big/killed"/peerdesk-*; do
    [ -e "$file" ] || continue
    intact "$file" && [ "$(members "$file")" -eq "$old" ] || whole=0
  done
  check "after SIGKILL at ${delay}s of a backup every backup is whole" test $whole -eq 1
done

state=""
for delay in 0.05 0.15 0.25 0.3 0.35 0.4 0.5 0.7 1.0 1.4; do
  "$cli" --database "$big" restore "$big_backup" >/dev/null 2>&1 </dev/null &
  pid=$!
  sleep $delay
  kill -9 $pid 2>/dev/null
  wait $pid 2>/dev/null
  run --database "$big" check
  check "after SIGKILL at ${delay}s of a restore the database is intact" succeeded
  now=$(members "$big")
  check "after SIGKILL at ${delay}s of a restore it is the old or the restored one" \
    test "$now" -eq "$old" -o "$now" -eq "$restored"
  state="$state $now"
  run --database "$big" members search Ada
  check "after SIGKILL at ${delay}s of a restore it opens" test "$rc" -eq 0
  # Back to the old database for the next round.
  if [ "$now" -ne "$old" ]; then
    add_three "$big"
    old=$(members "$big")
  fi
done
echo "# members after each killed restore:$state (old $old, restored $restored)"

finish
