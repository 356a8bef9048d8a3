#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Tests the bash completion of peerdesk-cli as bash runs it: commands,
# subcommands, options, the codes an option takes, and files of the kind a
# command reads or writes.
#
# Usage: test-completion.sh PATH/TO/completion/peerdesk-cli PATH/TO/peerdesk-cli
# Output: TAP.

# shellcheck source=tests/completion-test-lib.sh
source "$(dirname "$0")/completion-test-lib.sh" "$@"

unset PEERDESK_TEMPLATES_DIR

ok "the completion is registered for peerdesk-cli" \
  "$(complete -p peerdesk-cli 2>&1 | grep -v -- '-F _peerdesk_cli peerdesk-cli$')"

complete_words "$cli" ""
ok "the commands, first of all" \
  "$(missing_from_reply init demo members checkin groups sessions attendance volunteers hours \
     training credentials report settings export import backup backups restore check staff \
     audit)"

complete_words "$cli" gr
ok "a command from its first letters" "$([ "${COMPREPLY[*]}" = groups ] || echo "${COMPREPLY[*]}")"

complete_words "$cli" --database x.db --staff Dana ""
ok "the commands after the global options and their values" "$(missing_from_reply checkin staff)"

complete_words "$cli" members ""
ok "the subcommands of a command" "$(missing_from_reply import export search erase)"

complete_words "$cli" groups add "Tuesday group" --
ok "a subcommand's options, with the global ones" \
  "$(missing_from_reply --kind --weekdays --time --mode --room --facilitator --database --help)"
ok "no option of another command" "$(printf '%s\n' "${COMPREPLY[@]}" | grep -x -- '--json')"

complete_words "$cli" groups add "Tuesday group" --kind ""
ok "the group kinds after --kind" \
  "$(missing_from_reply peer_support all_recovery mutual_aid family wellness training other)"

complete_words "$cli" groups add "Tuesday group" --kind=mu
ok "a group kind after --kind=" "$([ "${COMPREPLY[*]}" = mutual_aid ] || echo "${COMPREPLY[*]}")"

complete_words "$cli" groups add "Tuesday group" --kind peer_support --mode ""
ok "the attendance modes after --mode" "$(missing_from_reply named headcount both)"

complete_words "$cli" staff add Fran --role ""
ok "the staff roles after --role" "$(missing_from_reply front-desk facilitator coordinator director)"

complete_words "$cli" audit --kind member-
ok "the audit kinds after audit --kind" \
  "$(missing_from_reply member-created member-changed member-deactivated member-erased)"

complete_words "$cli" volunteers list --status ""
ok "the statuses after --status" "$(missing_from_reply active on_leave former)"

complete_words "$cli" training add-course Ethics --hours 6 --domains ethics,conf
ok "the next domain of a list after --domains" \
  "$([ "${COMPREPLY[*]}" = ethics,confidentiality ] || echo "${COMPREPLY[*]}")"

# The templates are what the program finds: one added to its folder is offered.
mkdir -p "$tmp/templates"
cat >"$tmp/templates/county-peer.json" <<'JSON'
{
  "format": 1,
  "code": "county-peer",
  "name": "County peer credential",
  "renewal_cycle_months": 12,
  "multi_domain_courses": "full",
  "initial": { "total_hours": 10 },
  "renewal": { "total_hours": 5 }
}
JSON
complete_words "$cli" credentials add 12 --template ""
ok "the installed credential templates after --template" \
  "$(missing_from_reply icrc-peer-recovery state-board-peer-specialist)"
export PEERDESK_TEMPLATES_DIR="$tmp/templates"
complete_words "$cli" credentials add 12 -t cou
ok "the templates the program finds, asked when completing" \
  "$([ "${COMPREPLY[*]}" = county-peer ] || echo "${COMPREPLY[*]}")"
complete_words "$tmp/no-such-program" credentials add 12 -t cou
ok "the templates of the folder when the program cannot say" \
  "$([ "${COMPREPLY[*]}" = county-peer ] || echo "${COMPREPLY[*]}")"
unset PEERDESK_TEMPLATES_DIR

# Files of the kind each command takes, and folders to reach them.
mkdir -p "$tmp/files/folder"
cd "$tmp/files" || exit 1
touch members.csv records.json peerdesk.db peerdesk-2026-03-01-120000.pdbackup notes.txt \
  q1.xml sheet.pdf week.ics

complete_words "$cli" members import ""
ok "CSV files for members import" \
  "$(missing_from_reply members.csv folder; printf '%s\n' "${COMPREPLY[@]}" | grep -x notes.txt)"

complete_words "$cli" --database ""
ok "databases for --database" \
  "$(missing_from_reply peerdesk.db; printf '%s\n' "${COMPREPLY[@]}" | grep -x members.csv)"

complete_words "$cli" import --json ""
ok "JSON files for import --json" "$(missing_from_reply records.json)"

complete_words "$cli" restore ""
ok "backups for restore" \
  "$(missing_from_reply peerdesk.db peerdesk-2026-03-01-120000.pdbackup)"

complete_words "$cli" backup --to ""
ok "folders for backup --to" \
  "$(missing_from_reply folder; printf '%s\n' "${COMPREPLY[@]}" | grep -x peerdesk.db)"

complete_words "$cli" report --from 2026-01-01 -o ""
ok "XML files for report -o" "$(missing_from_reply q1.xml)"

complete_words "$cli" print ""
ok "the documents after print" "$(missing_from_reply sign-in schedule training report)"

complete_words "$cli" print sign-in 12 -o ""
ok "PDF files for print -o" "$(missing_from_reply sheet.pdf)"

complete_words "$cli" print training 12 --paper ""
ok "the papers after --paper" "$(missing_from_reply a4 letter)"

complete_words "$cli" schedule --ics -o ""
ok "calendar files for schedule -o" "$(missing_from_reply week.ics)"

finish
