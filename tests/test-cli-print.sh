#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Printing on the command line: "print sign-in" writes a PDF of a session's sign-in sheet, and
# a wrong session, a wrong document or a role without meetings leaves no file.
#
# Usage: test-cli-print.sh PATH/TO/peerdesk-cli
# Output: TAP.

set -uo pipefail

# shellcheck source=tests/cli-test-lib.sh
. "$(dirname "$0")/cli-test-lib.sh"

new_database db centre

run print --help
check "print --help exits 0" succeeded
check "print --help lists the sign-in sheet and the options" stdout_has "sign-in SESSION_ID" \
  "--output" "--paper"

run --database "$db" demo --members 200 --seed 7
check "a demo database" succeeded

# The first session of a group that records names, and of one that keeps no names.
run --database "$db" sessions list --date 2025-06-03
named=$(awk -F '\t' '$4 == "named" { print $1; exit }' "$tmp/out")
group=$(awk -F '\t' '$4 == "named" { print $3; exit }' "$tmp/out")
check "the demo has a session of a named group" test -n "$named"

run --database "$db" print sign-in "$named" -o "$tmp/sheet.pdf" --paper letter
check "print sign-in exits 0" succeeded
check "print sign-in says what it wrote" stdout_has "sheet.pdf"
check "the PDF holds the group's name and the sheet's parts" pdf_has "$tmp/sheet.pdf" "$group" \
  "Sign-in Sheet" "1." "Page 1 of"
check "the PDF is readable by its owner only" test "$(stat -c %a "$tmp/sheet.pdf")" = 600
check "the PDF is on US Letter" sh -c "pdfinfo '$tmp/sheet.pdf' | grep -q '612 x 792'"

run --database "$db" print sign-in "$named" -o "$tmp/sheet-a4.pdf" --paper a4
check "print sign-in --paper a4 exits 0" succeeded
check "the PDF is on A4" sh -c "pdfinfo '$tmp/sheet-a4.pdf' | grep -q '595.* x 841'"

run --database "$db" print sign-in 999999 -o "$tmp/none.pdf"
check "a session that does not exist exits 1 with a message" user_error "999999"
check "and leaves no file" test ! -e "$tmp/none.pdf"

run --database "$db" print sign-in twelve -o "$tmp/none.pdf"
check "a session id that is not a number exits 1" user_error "twelve"

run --database "$db" print sign-in "$named"
check "print without -o exits 1" user_error "-o FILE.pdf"

run --database "$db" print sign-in "$named" -o "$tmp/none.pdf" --paper b5
check "an unknown paper exits 1 naming the papers" user_error "b5" "letter"

run --database "$db" print menu 1 -o "$tmp/none.pdf"
check "an unknown document exits 1" user_error "menu"

run --database "$db" print sign-in
check "print sign-in without a session exits 1" user_error "SESSION_ID"
check "no failed run left a file" test ! -e "$tmp/none.pdf"

# With sign-in on, only a role with meetings prints a sheet.
director_pass="director passphrase 1"
desk_pass="front desk passphrase 2"
run_in "$director_pass"$'\n' --database "$db" --passphrase-stdin staff add Dana --role director
check "a director account" succeeded
run_in "$director_pass"$'\n'"$desk_pass"$'\n' --database "$db" --staff Dana --passphrase-stdin \
  staff add Fran --role front-desk
check "a front-desk account" succeeded

run_in "$desk_pass"$'\n' --database "$db" --staff Fran --passphrase-stdin \
  print sign-in "$named" -o "$tmp/desk.pdf"
check "the front desk may not print a sign-in sheet" user_error "sign-in sheets"
check "and no file is left" test ! -e "$tmp/desk.pdf"

run_in "$director_pass"$'\n' --database "$db" --staff Dana --passphrase-stdin \
  print sign-in "$named" -o "$tmp/director.pdf"
check "a director prints it" succeeded
check "the director's PDF holds the group's name" pdf_has "$tmp/director.pdf" "$group"

run_in "$director_pass"$'\n' --database "$db" --staff Dana --passphrase-stdin audit --kind export
check "the audit trail records the printing" stdout_has "printed sign-in sheet"

finish
