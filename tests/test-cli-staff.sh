#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Staff sign-in on the command line: accounts, passphrases read from standard input, refusals by
# role, the audit trail and erasing a member, the way a script would run peerdesk-cli.
#
# Usage: test-cli-staff.sh PATH/TO/peerdesk-cli
# Output: TAP.

set -uo pipefail

# shellcheck source=tests/cli-test-lib.sh
. "$(dirname "$0")/cli-test-lib.sh"

# Every line of standard output has the text in its tab-separated column.
all_lines_have () {
  local column=$1 text=$2
  [ -s "$tmp/out" ] || return 1
  awk -F '\t' -v c="$column" -v t="$text" '$c != t { bad = 1 } END { exit bad }' "$tmp/out"
}

file_lacks () {
  local file=$1 text
  shift
  for text in "$@"; do
    ! grep -qF -- "$text" "$file" || return 1
  done
}

not_in_output () {
  local text
  for text in "$@"; do
    ! grep -qF -- "$text" "$tmp/out" "$tmp/err" || return 1
  done
}

# on_terminal INPUT... -- ARGUMENTS...: runs the CLI on a terminal of its own, typing each INPUT
# as a line once asked, and keeps what the terminal showed in $tmp/out.
on_terminal () {
  python3 - "$cli" "$@" >"$tmp/out" 2>"$tmp/err" <<'EOF'
import os, pty, select, signal, sys

args = sys.argv[1:]
split = args.index('--')
cli, lines, argv = args[0], args[1:split], args[split + 1:]
pid, fd = pty.fork()
if pid == 0:
    os.execv(cli, [cli] + argv)
shown = b''
while True:
    ready, _, _ = select.select([fd], [], [], 10)
    if not ready:
        os.kill(pid, signal.SIGKILL)
        break
    try:
        data = os.read(fd, 4096)
    except OSError:
        break
    if not data:
        break
    shown += data
    # Each question ends in ": "; the answer is typed once it is asked.
    if lines and shown.rstrip(b' ').endswith(b':'):
        os.write(fd, lines.pop(0).encode() + b'\n')
_, status = os.waitpid(pid, 0)
sys.stdout.write(shown.decode(errors='replace').replace('\r', ''))
sys.exit(os.waitstatus_to_exitcode(status))
EOF
  rc=$?
}

for command in staff "staff add" "staff list" "staff reset" "staff pin" "staff remove" audit \
  "members erase"; do
  # shellcheck disable=SC2086 # the command words are meant to be split
  run $command --help
  check "'peerdesk-cli $command --help' shows its usage" \
    grep -qE "^  peerdesk-cli .*${command}" "$tmp/out"
done
run --help
check "--help lists staff, audit, --staff and --passphrase-stdin" stdout_has staff audit \
  --staff --passphrase-stdin

new_database db staff
director_pass="harbour light 2026"
desk_pass="front desk words"
os_user=$(id -un)

run --database "$db" demo --members 40 --years 1 --seed 7
check "a demo database to work on" succeeded

# Sign-in off: everything runs without --staff, as one person.

run --database "$db" staff list
check "staff list with sign-in off lists nobody" succeeded
check "staff list with sign-in off prints nothing" test ! -s "$tmp/out"

run --database "$db" staff add Dana --role director
check "the first director without a terminal or --passphrase-stdin exits 1" user_error \
  "--passphrase-stdin"

run_in "$director_pass"$'\n' --database "$db" --passphrase-stdin staff add Dana --role boss
check "staff add with an unknown role exits 1 naming the roles" user_error "boss" "front-desk" \
  "director"

run_in "short"$'\n' --database "$db" --passphrase-stdin staff add Dana --role director
check "a passphrase too short is refused" test "$rc" -eq 1
check "the refusal does not repeat the passphrase" not_in_output "short"

run_in "$director_pass"$'\n' --database "$db" --passphrase-stdin staff add Dana --role director
check "the first director needs no sign-in" succeeded
check "staff add says who was added" stdout_has "Dana"

# Sign-in on.

run --database "$db" members search a
check "with sign-in on a command without --staff exits 1 asking for it" user_error "--staff"

run --database "$db" --staff Dana members search a
check "--staff without a terminal or --passphrase-stdin exits 1" user_error "--passphrase-stdin"

run_in "wrong-secret-4711"$'\n' --database "$db" --staff Dana --passphrase-stdin members search a
check "a wrong passphrase exits 1" test "$rc" -eq 1
check "a wrong passphrase prints nothing on standard output" test ! -s "$tmp/out"
check "a wrong passphrase is not repeated" not_in_output "wrong-secret-4711"

run_in "$director_pass"$'\n' --database "$db" --staff Dana --passphrase-stdin members search a
check "the director signs in from standard input" succeeded
check "the director finds members" test -s "$tmp/out"

run_in "$director_pass"$'\n'"$desk_pass"$'\n' --database "$db" --passphrase-stdin \
  staff add Fran --role front-desk --staff Dana
check "the director adds a front-desk account, --staff after the command" succeeded

run_in "$director_pass"$'\n'"$desk_pass"$'\n' --database "$db" --staff Dana --passphrase-stdin \
  staff add Faye --role facilitator
check "the director adds a facilitator" succeeded

run_in "$director_pass"$'\n' --database "$db" --staff Dana --passphrase-stdin staff list
check "staff list as the director" succeeded
check "staff list shows every account and role" stdout_has $'Dana\tdirector' \
  $'Fran\tfront-desk' $'Faye\tfacilitator'
check "staff list shows no passphrase" not_in_output "$director_pass" "$desk_pass"

on_terminal "$director_pass" -- --database "$db" --staff Dana staff list
check "on a terminal the passphrase is asked for" succeeded
check "on a terminal the passphrase is not shown" not_in_output "$director_pass"
check "on a terminal the command runs once signed in" stdout_has "Passphrase for Dana" \
  $'Dana\tdirector'

# Roles.

run_in "$desk_pass"$'\n' --database "$db" --staff Fran --passphrase-stdin \
  report --from 2025-01-01 --to 2025-12-31 --output "$tmp/report.xml"
check "front desk running report exits 1 naming the director" user_error "director"
check "the refused report writes no file" test ! -e "$tmp/report.xml"

run_in "$desk_pass"$'\n' --database "$db" --staff Fran --passphrase-stdin staff list
check "front desk may not list the accounts" user_error "director"

run_in "$desk_pass"$'\n'"$desk_pass"$'\n' --database "$db" --staff Fran --passphrase-stdin \
  staff add Gus --role director
check "front desk may not add accounts" user_error "director"

run_in "$desk_pass"$'\n' --database "$db" --staff Faye --passphrase-stdin checkin M-000001
check "a facilitator may not check members in" user_error "check members in"

run_in "$desk_pass"$'\n' --database "$db" --staff Fran --passphrase-stdin members search a
check "front desk searches members" succeeded

run_in "$desk_pass"$'\n' --database "$db" --staff Fran --passphrase-stdin audit
check "front desk may not read the audit trail" user_error "director"

# Passphrases and PINs.

run_in "$desk_pass"$'\n'"fran's own words"$'\n' --database "$db" --staff Fran --passphrase-stdin \
  staff reset Fran
check "front desk sets their own passphrase" succeeded

run_in "$desk_pass"$'\n' --database "$db" --staff Fran --passphrase-stdin members search a
check "the old passphrase no longer signs in" test "$rc" -eq 1

run_in "fran's own words"$'\n'"$desk_pass"$'\n' --database "$db" --staff Fran --passphrase-stdin \
  staff reset Faye
check "front desk may not set another's passphrase" user_error "director"

run_in "$director_pass"$'\n'"reset by dana"$'\n' --database "$db" --staff Dana \
  --passphrase-stdin staff reset Fran
check "the director sets another's passphrase" succeeded

run_in "reset by dana"$'\n' --database "$db" --staff Fran --passphrase-stdin members search a
check "the passphrase the director set signs in" succeeded

run_in "$director_pass"$'\n'"482916"$'\n' --database "$db" --staff Dana --passphrase-stdin \
  staff pin Dana
check "the director sets a PIN" succeeded

if on_postgresql; then
  # A PIN is too short to be a server's password: it only unlocks a desk for whoever signed in
  # there with their passphrase, never a new program on its own.
  run_in "482916"$'\n' --database "$db" --staff Dana --passphrase-stdin staff list
  check "a PIN alone does not sign in to a server (exit 1)" user_error "do not match"
  run_in "$director_pass"$'\n' --database "$db" --staff Dana --passphrase-stdin staff list
else
  run_in "482916"$'\n' --database "$db" --staff Dana --passphrase-stdin staff list
  check "the PIN signs in" succeeded
fi
check "staff list shows the PIN is set" stdout_has $'Dana\tdirector\tpin'

run_in "$director_pass"$'\n' --database "$db" --staff Dana --passphrase-stdin staff remove Dana
check "the last director cannot be removed" test "$rc" -eq 1

run_in "$director_pass"$'\n' --database "$db" --staff Dana --passphrase-stdin staff remove Faye
check "the director removes an account" succeeded

run_in "$desk_pass"$'\n' --database "$db" --staff Faye --passphrase-stdin members search a
check "a removed account no longer signs in" test "$rc" -eq 1

# Erasing a member.

run_in "$director_pass"$'\n' --database "$db" --staff Dana --passphrase-stdin members search 1
number=$(cut -f 1 "$tmp/out" | head -n 1)
run_in "$director_pass"$'\n' --database "$db" --staff Dana --passphrase-stdin \
  members search "$number"
name=$(cut -f 2 "$tmp/out" | head -n 1)
check "a member to erase" test -n "$number" -a -n "$name"

run_in "reset by dana"$'\n' --database "$db" --staff Fran --passphrase-stdin \
  members erase "$number" --yes
check "front desk may not erase a member" user_error "director"

run_in "$director_pass"$'\n' --database "$db" --staff Dana --passphrase-stdin \
  members erase "$number"
check "erasing without --yes and without a terminal exits 1" user_error "--yes"

on_terminal "$director_pass" "no" -- --database "$db" --staff Dana members erase "$number"
check "on a terminal erasing asks first, naming the member" stdout_has "$number, $name"
check "an answer other than the number erases nothing" stdout_has "Nothing was changed"

run_in "$director_pass"$'\n' --database "$db" --staff Dana --passphrase-stdin \
  members search "$number"
check "the member was not erased" stdout_has "$name"

run_in "$director_pass"$'\n' --database "$db" --staff Dana --passphrase-stdin \
  members erase "$number" --yes
check "the director erases a member" succeeded
check "erase says which member" stdout_has "$number"

run_in "$director_pass"$'\n' --database "$db" --staff Dana --passphrase-stdin \
  members search "$number"
check "the erased member is shown by number" stdout_has "Erased member $number"
check "the erased member's name is gone" not_in_output "$name"

run_in "$director_pass"$'\n' --database "$db" --staff Dana --passphrase-stdin \
  members erase "$number" --yes
check "erasing twice exits 1" user_error "$number"

# The audit trail.

run_in "$director_pass"$'\n' --database "$db" --staff Dana --passphrase-stdin audit --limit 1000
check "the director reads the audit trail" succeeded
check "every command is in it, with the operating system's user" \
  stdout_has $'Dana\t'"$os_user"$'\tcommand\t\tmembers erase' $'\t'"$os_user"$'\tcommand\t\tstaff add'
check "the erasure is in it" stdout_has $'member-erased\t\t'
check "the audit trail holds no passphrase and no erased name" \
  not_in_output "$director_pass" "$desk_pass" "$name"

run_in "$director_pass"$'\n' --database "$db" --staff Dana --passphrase-stdin audit --kind command
check "--kind shows only that kind" all_lines_have 4 command

run_in "$director_pass"$'\n' --database "$db" --staff Dana --passphrase-stdin audit --by Fran
check "--by shows only what one staff member did" all_lines_have 2 Fran

run_in "$director_pass"$'\n' --database "$db" --staff Dana --passphrase-stdin \
  audit --since "$(date +%Y-%m-%d)" --kind member-erased
check "--since today shows today's erasure" all_lines_have 4 member-erased

run_in "$director_pass"$'\n' --database "$db" --staff Dana --passphrase-stdin \
  audit --member M-000002 --kind member-erased
check "--member shows nothing of the erasure, which names no member" succeeded
check "--member shows no other member" test ! -s "$tmp/out"

run_in "$director_pass"$'\n' --database "$db" --staff Dana --passphrase-stdin audit --kind nonsense
check "--kind with an unknown kind exits 1 naming the kinds" user_error "nonsense" "command"

run_in "$director_pass"$'\n' --database "$db" --staff Dana --passphrase-stdin audit --since May
check "--since with no date exits 1" user_error "--since"

# Restoring replaces what a director keeps: it needs one, and is recorded in the database it
# replaces, which is kept beside the backups.

if sqlite_only "backups are copies of the database file"; then
  run_in "$director_pass"$'\n' --database "$db" --staff Dana --passphrase-stdin \
    backup --to "$tmp/restore-backups"
  check "the director makes a backup" test "$rc" -eq 0
  backup_file=$(ls "$tmp/restore-backups"/*.db 2>/dev/null | head -n 1)
  check "... into the folder given" test -n "$backup_file"

  run --database "$db" restore "$backup_file" --yes
  check "restore without --staff exits 1 and asks for a sign-in" user_error "--staff"

  run_in "reset by dana"$'\n' --database "$db" --staff Fran --passphrase-stdin \
    restore "$backup_file" --yes
  check "restore by the front desk exits 1 naming the director" user_error "Only a director"

  run_in "$director_pass"$'\n' --database "$db" --staff Dana --passphrase-stdin \
    restore "$backup_file" --yes
  check "the director restores the backup" test "$rc" -eq 0
  check "... and signs in to the restored records" test -n "$(printf '%s\n' "$director_pass" |
    "$cli" --database "$db" --staff Dana --passphrase-stdin staff list)"
fi

# An export holds no passphrase.

run_in "$director_pass"$'\n' --database "$db" --staff Dana --passphrase-stdin \
  export --json "$tmp/all.json"
check "the director exports the records" succeeded
check "the export file holds no passphrase" file_lacks "$tmp/all.json" "$director_pass" "$desk_pass"

# Import of a file with staff accounts, which carries no passphrases.

new_database copy copy
new_database copy2 copy2
run_in "" --database "$copy" --passphrase-stdin import --json "$tmp/all.json"
check "import without the director's new passphrase exits 1" test "$rc" -eq 1
check "import says how to set the passphrase later" grep -qF "staff reset Dana" "$tmp/err"

run_in "imported director pass"$'\n' --database "$copy" --passphrase-stdin \
  staff reset Dana
check "until a director has a passphrase, staff reset sets it without sign-in" succeeded

run_in "imported director pass"$'\n' --database "$copy" --staff Dana --passphrase-stdin \
  staff list
check "the director signs in with it" succeeded

run_in "imported director pass"$'\n' --database "$copy2" --passphrase-stdin \
  import --json "$tmp/all.json"
check "import asks for the director's new passphrase" test "$rc" -eq 0
check "import says why it asks" grep -qF "not their passphrases" "$tmp/err"
check "import says whose passphrase was set" stdout_has "Dana"

run_in "imported director pass"$'\n' --database "$copy2" --staff Dana --passphrase-stdin \
  staff list
check "the director signs in to the imported database" succeeded
check "the imported database keeps the accounts" stdout_has $'Fran\tfront-desk'

run_in "reset by dana"$'\n' --database "$copy2" --staff Fran --passphrase-stdin staff list
check "other accounts have no passphrase until reset" test "$rc" -eq 1

run --database "$copy2" staff list
check "the imported database has sign-in on" user_error "--staff"

run_in "imported director pass"$'\n' --database "$copy2" --staff Dana --passphrase-stdin \
  audit --kind member-erased
check "the imported audit trail keeps the erasure" all_lines_have 4 member-erased

finish
