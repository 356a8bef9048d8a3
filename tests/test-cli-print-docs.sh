#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# "print training" writes a volunteer's training and hours record and "print report" the
# report's figures for a period as PDFs; a wrong volunteer, credential or period, or a role
# without the right, leaves no file.
#
# Usage: test-cli-print-docs.sh PATH/TO/peerdesk-cli
# Output: TAP.

set -uo pipefail

# shellcheck source=tests/cli-test-lib.sh
. "$(dirname "$0")/cli-test-lib.sh"

# pdf_words FILE.pdf TEXT...: the PDF's words, in the order drawn, hold each TEXT; spaces are
# left out on both sides, as pdftotext guesses them from the gaps between letters.
pdf_words () {
  local pdf=$1 text
  shift
  pdftotext -q -raw -enc UTF-8 "$pdf" - | tr -d ' \n\t\f' >"$tmp/pdf.txt" || return 1
  for text in "$@"; do
    grep -qF -- "$(printf '%s' "$text" | tr -d ' ')" "$tmp/pdf.txt" || return 1
  done
}

not_in_output () {
  ! grep -qF -- "$1" "$tmp/out" "$tmp/err"
}

pdf_lacks () {
  ! pdf_words "$@"
}

new_database db centre

run print --help
check "print --help lists the training record and the report" \
  stdout_has "training VOLUNTEER_ID" "report --from DATE --to DATE" "--credential"

run --database "$db" init
check "a new database" succeeded
run --database "$db" settings --organisation "Harbour Light Recovery Centre"
check "the organisation's name" succeeded
run --database "$db" volunteers add "Rosa Alvarez"
check "a volunteer" succeeded
run --database "$db" volunteers add "Lee Park"
check "another volunteer" succeeded
run --database "$db" training add-course "Ethics for Peer Workers" --hours 12 --domains ethics \
  --provider "State association"
check "a course" succeeded
run --database "$db" training complete 1 "Ethics for Peer Workers" 2025-10-14 \
  --certificate ETH-5531
check "a completion" succeeded
run --database "$db" hours add 1 2025-10-20 "Front desk" 6
check "hours" succeeded
run --database "$db" credentials add 1 --template icrc-peer-recovery
check "a credential being earned (id 1)" succeeded
run --database "$db" credentials add 1 --template state-board-peer-specialist --issued 2025-01-10
check "a credential held (id 2)" succeeded
run --database "$db" credentials add 2 --template icrc-peer-recovery
check "the other volunteer's credential (id 3)" succeeded

run --database "$db" print training 1 -o "$tmp/rosa.pdf" --paper letter
check "print training exits 0" succeeded
check "print training says what it wrote" stdout_has "rosa.pdf"
check "the record names the volunteer, each credential, the course and the totals" \
  pdf_words "$tmp/rosa.pdf" "Rosa Alvarez" "IC&RC Peer Recovery" "State board peer specialist" \
  "2025-10-14" "Ethics for Peer Workers" "ETH-5531" "Training: Ethics 16 h 12 h 4 h" \
  "Practice hours (as a volunteer) 500 h 6 h 494 h" "Signature:"
check "the record is on US Letter" sh -c "pdfinfo '$tmp/rosa.pdf' | grep -q '612 x 792'"
check "the record is readable by its owner only" test "$(stat -c %a "$tmp/rosa.pdf")" = 600

run --database "$db" print training 1 --credential 2 -o "$tmp/state.pdf" --paper a4
check "print training --credential exits 0" succeeded
check "the record shows that credential only" \
  pdf_words "$tmp/state.pdf" "State board peer specialist"
check "and not the other" pdf_lacks "$tmp/state.pdf" "IC&RC"
check "it is on A4" sh -c "pdfinfo '$tmp/state.pdf' | grep -q '595.* x 841'"

run --database "$db" print training 999 -o "$tmp/none.pdf"
check "a volunteer who does not exist exits 1" user_error "999"
run --database "$db" print training 1 --credential 3 -o "$tmp/none.pdf"
check "another volunteer's credential exits 1" user_error "#3"
run --database "$db" print training 1 --credential one -o "$tmp/none.pdf"
check "a credential that is not a number exits 1" user_error "one"
run --database "$db" print training -o "$tmp/none.pdf"
check "print training without a volunteer exits 1" user_error "VOLUNTEER_ID"
run --database "$db" print training 1 --from 2025-01-01 --to 2025-12-31 -o "$tmp/none.pdf"
check "a period for the training record exits 1" user_error "--from"

run --database "$db" print report --from 2025-01-01 --to 2025-12-31 -o "$tmp/board.pdf"
check "print report exits 0" succeeded
check "the figures name the organisation and the period" pdf_words "$tmp/board.pdf" \
  "Harbour Light Recovery Centre" "Report Figures" "Participants served" "Hours given: 6 h" \
  "Page 1 of"
run --database "$db" report --from 2025-01-01 --to 2025-12-31 -o "$tmp/report.xml"
check "the XML report of the same period" succeeded
check "its training hours are the printed ones" grep -q "<hours>12</hours>" "$tmp/report.xml"
check "as printed" pdf_words "$tmp/board.pdf" "Training hours: 12 h"

run --database "$db" print report -o "$tmp/none.pdf"
check "print report without a period exits 1" user_error "--from DATE and --to DATE"
run --database "$db" print report --from 2025-01-01 -o "$tmp/none.pdf"
check "print report without --to exits 1" user_error "--to"
run --database "$db" print report --from 2025-12-31 --to 2025-01-01 -o "$tmp/none.pdf"
check "a period that ends before it starts exits 1" test "$rc" -eq 1
run --database "$db" print report --from 2025-01-01 --to 2025-12-31 --credential 1 \
  -o "$tmp/none.pdf"
check "--credential for the report exits 1" user_error "--credential"
check "no failed run left a file" test ! -e "$tmp/none.pdf"

# With sign-in on: a coordinator prints a training record but not the figures; the front desk
# neither.
director_pass="director passphrase 1"
coordinator_pass="coordinator passphrase 2"
desk_pass="front desk passphrase 3"
run_in "$director_pass"$'\n' --database "$db" --passphrase-stdin staff add Dana --role director
check "a director account" succeeded
run_in "$director_pass"$'\n'"$coordinator_pass"$'\n' --database "$db" --staff Dana \
  --passphrase-stdin staff add Cora --role coordinator
check "a coordinator account" succeeded
run_in "$director_pass"$'\n'"$desk_pass"$'\n' --database "$db" --staff Dana --passphrase-stdin \
  staff add Fran --role front-desk
check "a front-desk account" succeeded

run_in "$coordinator_pass"$'\n' --database "$db" --staff Cora --passphrase-stdin \
  print training 1 -o "$tmp/cora.pdf"
check "a coordinator prints a training record" succeeded
run_in "$coordinator_pass"$'\n' --database "$db" --staff Cora --passphrase-stdin \
  print report --from 2025-01-01 --to 2025-12-31 -o "$tmp/cora-report.pdf"
check "a coordinator may not print the figures" user_error "report"
check "and no file is left" test ! -e "$tmp/cora-report.pdf"
run_in "$desk_pass"$'\n' --database "$db" --staff Fran --passphrase-stdin \
  print training 1 -o "$tmp/desk.pdf"
check "the front desk may not print a training record" user_error "training records"
check "and no file is left" test ! -e "$tmp/desk.pdf"

run_in "$director_pass"$'\n' --database "$db" --staff Dana --passphrase-stdin audit --kind export
check "the audit trail records each printing" stdout_has "printed training record" \
  "printed report figures 2025-01-01..2025-12-31"
check "without the volunteer's name" not_in_output "Rosa"

finish
