#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The meeting schedule on the command line: the week as text, the calendar
# file, the printed week, and who may have them.
#
# Usage: test-cli-schedule.sh PATH/TO/peerdesk-cli
# Output: TAP.

set -uo pipefail

# shellcheck source=tests/cli-test-lib.sh
. "$(dirname "$0")/cli-test-lib.sh"

# The centre's clocks change on Sunday, November 1, 2026.
export TZ=America/New_York

run_in () {
  local input=$1
  shift
  printf '%s' "$input" | "$cli" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
}

not_in_stdout () {
  ! grep -qF -- "$1" "$tmp/out"
}

new_database db centre
run --database "$db" init
run --database "$db" settings --organisation "Harbor Light Recovery"
run --database "$db" groups add "Thursday Evening Circle" --kind peer_support --weekdays thu \
  --time 18:00 --duration 90 --from 2026-09-01 --room "Room A" --facilitator "Winifred Ashdown"
check "a group with a facilitator is added" succeeded
run --database "$db" groups add "Open Mutual-Aid Meeting" --kind mutual_aid --weekdays tue \
  --time 19:30 --mode headcount --from 2026-09-01 --room "Community Room"
check "a headcount-only group is added" succeeded
run --database "$db" sessions generate --from 2026-10-19 --to 2026-11-15
check "their sessions are planned" stdout_has "Created 8 sessions"
# No command cancels a session; the app does.
db_query "$db" "UPDATE sessions SET cancelled = 1, cancel_reason = 'Winifred is away'
                WHERE starts_at = '2026-10-29T18:00'"

run schedule --help
check "schedule --help names its options" stdout_has "--ics" "--output" "--from" "--weeks"
run --help
check "--help lists schedule" stdout_has "schedule"

# The week as text.
run --database "$db" schedule --from 2026-10-26
check "schedule prints the week" succeeded
check "each day is there, the days without meetings said so" \
  stdout_has "Monday, October 26, 2026" "Sunday, November 1, 2026" "No meetings"
check "sessions show time, group and room" \
  stdout_has "19:30–20:30  Open Mutual-Aid Meeting  Community Room"
check "the cancelled session is marked" \
  stdout_has "18:00–19:30  Thursday Evening Circle  Room A  Cancelled"
check "the text holds no facilitator's name" not_in_stdout "Winifred"
check "the week stops on the seventh day" not_in_stdout "November 2"

run --database "$db" schedule --from 2026-10-19 --weeks 2
check "--weeks 2 prints two weeks" stdout_has "October 19" "November 1"

# The calendar file.
run --database "$db" schedule --ics -o "$tmp/meetings.ics" --from 2026-10-19 --weeks 4
check "schedule --ics writes the calendar" succeeded
check "it says how many sessions" stdout_has "Wrote 8 sessions to $tmp/meetings.ics"
check "the calendar is a VCALENDAR with eight events" \
  test "$(grep -c '^BEGIN:VEVENT' "$tmp/meetings.ics")" -eq 8
check "it names the centre and its time zone" \
  grep -q '^X-WR-CALNAME:Harbor Light Recovery' "$tmp/meetings.ics"
check "every start is six o'clock in New York, both sides of the change" \
  test "$(grep -c '^DTSTART;TZID=America/New_York:202610..T180000' "$tmp/meetings.ics")" -eq 2 -a \
    "$(grep -c '^DTSTART;TZID=America/New_York:202611..T180000' "$tmp/meetings.ics")" -eq 2
check "one event is cancelled" test "$(grep -c '^STATUS:CANCELLED' "$tmp/meetings.ics")" -eq 1
check "no facilitator's name and no reason" bash -c "! grep -q -e Winifred -e Ashdown -e away \"$tmp/meetings.ics\""
check "the calendar is readable by its owner only" test "$(stat -c %a "$tmp/meetings.ics")" = 600

run --database "$db" schedule --ics -o "$tmp/again.ics" --from 2026-10-19 --weeks 4
check "a second export has the same UIDs" \
  test "$(grep '^UID:' "$tmp/meetings.ics")" = "$(grep '^UID:' "$tmp/again.ics")"

# The printed week, read back as its reader would.
run --database "$db" print schedule --week 2026-10-28 -o "$tmp/week.pdf" --paper letter
check "print schedule writes the week" succeeded
check "it says what it wrote" stdout_has "Meetings, Week of October 26, 2026" "$tmp/week.pdf"
pdftotext -layout "$tmp/week.pdf" "$tmp/week.txt"
check "the printed week names the groups and rooms" \
  grep -q "Thursday Evening Circle" "$tmp/week.txt"
check "the printed week has the headcount-only group" \
  grep -q "Open Mutual-Aid Meeting *Community Room" "$tmp/week.txt"
check "the cancelled session is marked" grep -q "Thursday Evening Circle.*Cancelled" "$tmp/week.txt"
check "the printed week names no one" bash -c "! grep -q -e Winifred -e away \"$tmp/week.txt\""
run --database "$db" print schedule --week 2026-10-32 -o "$tmp/bad.pdf"
check "a wrong --week exits 1" user_error "--week" "2026-10-32"
check "and writes nothing" test ! -e "$tmp/bad.pdf"

# Mistakes.
run --database "$db" schedule --ics
check "--ics without -o exits 1" user_error "-o"
run --database "$db" schedule -o "$tmp/x.ics"
check "-o without --ics exits 1" user_error "--ics"
run --database "$db" schedule --weeks 0
check "--weeks 0 exits 1" user_error "--weeks"
run --database "$db" schedule --from 2026-13-01
check "a wrong --from exits 1" user_error "2026-13-01"
run --database "$db" schedule --ics -o "$tmp/no-such-folder/meetings.ics"
check "an unwritable file exits 1" user_error "no-such-folder"
check "and leaves nothing" test ! -e "$tmp/no-such-folder/meetings.ics"

# Who may: a facilitator, not the front desk.
director_pass="director-passphrase-1"
desk_pass="desk-passphrase-1"
facilitator_pass="facilitator-passphrase-1"
run_in "$director_pass"$'\n' --database "$db" --passphrase-stdin staff add Dana --role director
run_in "$director_pass"$'\n'"$desk_pass"$'\n' --database "$db" --staff Dana --passphrase-stdin \
  staff add Fran --role front-desk
run_in "$director_pass"$'\n'"$facilitator_pass"$'\n' --database "$db" --staff Dana \
  --passphrase-stdin staff add Faye --role facilitator
check "the staff accounts are added" succeeded

run_in "$desk_pass"$'\n' --database "$db" --staff Fran --passphrase-stdin \
  schedule --ics -o "$tmp/desk.ics" --from 2026-10-19
check "the front desk is refused, exit 1" user_error "facilitator"
check "the refusal writes no file" test ! -e "$tmp/desk.ics"
run_in "$desk_pass"$'\n' --database "$db" --staff Fran --passphrase-stdin schedule
check "the front desk is refused the text too" user_error "facilitator"
run_in "$desk_pass"$'\n' --database "$db" --staff Fran --passphrase-stdin \
  print schedule -o "$tmp/desk.pdf"
check "the front desk may not print the week" user_error "facilitator"
check "the refusal leaves no PDF" test ! -e "$tmp/desk.pdf"

run_in "$facilitator_pass"$'\n' --database "$db" --staff Faye --passphrase-stdin \
  schedule --ics -o "$tmp/faye.ics" --from 2026-10-19 --weeks 4
check "a facilitator writes the calendar" stdout_has "Wrote 8 sessions"

finish
