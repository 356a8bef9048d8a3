#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs peerdesk-cli the way a person or a script would, against databases in a temporary folder;
# HOME and XDG_DATA_HOME point there too, and the usual database must never be created.
#
# Usage: test-cli.sh PATH/TO/peerdesk-cli
# Output: TAP.

set -uo pipefail

# shellcheck source=tests/cli-test-lib.sh
. "$(dirname "$0")/cli-test-lib.sh"

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

# Prints what a query of a file returns, one row a line with "|" between the columns, as sqlite3
# does: for the files made beside the records' database, whichever engine keeps those.
sqlite_query () {
  if command -v sqlite3 >/dev/null; then
    sqlite3 "$1" "$2"
  else
    python3 -c 'import sqlite3, sys
for row in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in row))' "$1" "$2"
  fi
}

checksum () {
  sha256sum <"$1"
}

mode_is () {
  [ "$(stat -c %a "$1")" = "$2" ]
}

# None of the given texts is on standard error.
not_in_err () {
  local text
  for text in "$@"; do
    ! grep -qF -- "$text" "$tmp/err" || return 1
  done
}

# init

db="$tmp/new/folder/x.db"
if on_postgresql; then
  new_database db x
fi
run --database "$db" init
check "init creates the database" succeeded
if sqlite_only "a new file and its folder are private"; then
  check "init creates the database file" test -f "$db"
  check "init creates the database readable by its owner only" mode_is "$db" 600
  check "init creates the folder, private to its owner" mode_is "$tmp/new/folder" 700
fi
check "init says where the database is" stdout_has "$db"

run init --database "$db"
check "init on an existing database succeeds, with --database after the command" succeeded
check "init on an existing database says where it is" stdout_has "$db"
if sqlite_only "a file stays private"; then
  check "init keeps the database private" mode_is "$db" 600
fi

# --help and --version

help_db="$tmp/help.db"
for command in "" "init" "demo" "members" "members import" "members export" "members search" \
  "checkin" "groups" "groups list" "groups add" "sessions" "sessions generate" "sessions list" \
  "attendance" "attendance mark" "attendance headcount" "volunteers" "volunteers list" \
  "volunteers add" "hours" "hours add" "training" "training courses" "training add-course" \
  "training complete" "credentials" "credentials due" "credentials add" "report" "settings"; do
  # shellcheck disable=SC2086 # the command words are meant to be split
  run --database "$help_db" $command --help
  check "'peerdesk-cli ${command:+$command }--help' exits 0" succeeded
  check "'peerdesk-cli ${command:+$command }--help' shows its usage" \
    grep -qE "^  peerdesk-cli .*${command}" "$tmp/out"
done
check "--help opens no database" test ! -e "$help_db"

run --help
check "--help lists the commands" stdout_has "init" "demo" "members" "checkin" "groups" "sessions" \
  "attendance" "volunteers" "hours" "training" "credentials" "--database" "--version"

run members --help
check "members --help lists the members commands" stdout_has "import" "export" "search"

run demo --help
check "demo --help lists its options" stdout_has "--members" "--years" "--seed" "--database"

run groups --help
check "groups --help lists the groups commands" stdout_has "list" "add"

run groups add --help
check "groups add --help lists its options, kinds and modes" \
  stdout_has "--kind" "--weekdays" "--time" "--duration" "--from" "--to" "--mode" "--room" \
  "--facilitator" "peer_support" "mutual_aid" "headcount"

run checkin --help
check "checkin --help lists its options" stdout_has "--purpose" "--at" "--database"

run volunteers --help
check "volunteers --help lists the volunteers commands" stdout_has "list" "add"

run volunteers list --help
check "volunteers list --help lists its options" stdout_has "--status" "--search" "--database"

run volunteers add --help
check "volunteers add --help lists its options and the statuses" \
  stdout_has "--start" "--roles" "--member" "--phone" "--email" "--background-check" "--status" \
  "on_leave" "former"

run hours add --help
check "hours add --help lists its arguments and options" \
  stdout_has "VOLUNTEER DATE ACTIVITY HOURS" "--session" "--approved-by" "quarter"

run training --help
check "training --help lists the training commands" stdout_has "courses" "add-course" "complete"

run training add-course --help
check "training add-course --help lists its options" \
  stdout_has "--hours" "--domains" "--provider" "--online" "--yearly"

run training complete --help
check "training complete --help lists its arguments and options" \
  stdout_has "VOLUNTEER COURSE DATE" "--hours" "--certificate"

run credentials --help
check "credentials --help lists the credentials commands" stdout_has "due" "add"

run credentials due --help
check "credentials due --help lists its option and the kinds" \
  stdout_has "--within" "expiring" "expired" "training_due"

run credentials add --help
check "credentials add --help lists its options" \
  stdout_has "--template" "--number" "--issued" "--expires"

run sessions generate --help
check "sessions generate --help lists its options" stdout_has "--from" "--to"

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

run --database "$db" demo --years -1
check "demo --years -1 exits 1" user_error "--years"

run --database "$db" demo --years 51
check "demo --years 51 exits 1" user_error "--years"

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

new_database demo_a demo-a
new_database demo_b demo-b
new_database demo_c demo-c
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

new_database demo_default demo-default
run --database "$demo_default" demo
check "demo without --members succeeds" succeeded
check "demo without --members makes 200 members" \
  test "$(member_count "$demo_default")" = 200

# Export, import, export again

new_database round round
run --database "$round" members import "$tmp/demo-a.csv"
check "importing an export into a new database succeeds" succeeded
check "members import says how many members it imported from which file" \
  stdout_has "Imported 37 members from $tmp/demo-a.csv"
run --database "$round" members export "$tmp/round.csv"
check "export, import and export again gives the same file apart from its timestamps" \
  same_members "$tmp/demo-a.csv" "$tmp/round.csv"

# Cells a spreadsheet would run as formulas

formulas="$tmp/formulas.csv"
cat >"$formulas" <<'EOF2'
first_name,last_name,phone,notes
"=HYPERLINK(""http://x"",""click"")",Ng,+1 555 010 0100,-5 days
+cmd|' /C calc'!A0,Ng,,
''=x,Ng,,@home
'Quote,-Ng,-555 010 0101,
EOF2
fixed_times="UPDATE members SET created_at = '2024-01-02T03:04:05Z',
  updated_at = '2024-01-02T03:04:05Z'"
new_database formula_db formulas
run --database "$formula_db" members import "$formulas"
check "importing names that start like formulas succeeds" stdout_has "Imported 4 members"
check "names, phone numbers and notes that start like formulas import as they are" \
  test "$(db_query "$formula_db" "SELECT first_name, last_name, phone, notes FROM members
    ORDER BY id")" = "=HYPERLINK(\"http://x\",\"click\")|Ng|+1 555 010 0100|-5 days
+cmd|' /C calc'!A0|Ng||
'=x|Ng||@home
'Quote|-Ng|-555 010 0101|"
run --database "$formula_db" members search 15550100100
check "a phone number that starts with + is found" stdout_has "M-000001"

db_query "$formula_db" "$fixed_times"
run --database "$formula_db" members export "$tmp/formulas-1.csv"
check "exporting names that start like formulas succeeds" succeeded
check "the export puts an apostrophe before every cell that starts like a formula" \
  grep -qF "M-000001,\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\",Ng,,,,'+1 555 010 0100," \
  "$tmp/formulas-1.csv"
check "the export writes +cmd as text" grep -qF "M-000002,'+cmd|' /C calc'!A0,Ng," \
  "$tmp/formulas-1.csv"
check "the export keeps an apostrophe typed before = apart from its own" \
  grep -qF "M-000003,''=x,Ng," "$tmp/formulas-1.csv"
check "the export writes negative numbers and @ as text" \
  grep -qF "M-000004,'Quote,'-Ng,,,,'-555 010 0101," "$tmp/formulas-1.csv"
check "the export starts no cell with a formula" \
  test "$(grep -cE '(^|,)"?[-=+@]' "$tmp/formulas-1.csv")" -eq 0

new_database formula_again formulas-again
run --database "$formula_again" members import "$tmp/formulas-1.csv"
check "the export imports again" stdout_has "Imported 4 members"
db_query "$formula_again" "$fixed_times"
run --database "$formula_again" members export "$tmp/formulas-2.csv"
check "export, import and export again of formula-like names gives the same bytes" \
  cmp -s "$tmp/formulas-1.csv" "$tmp/formulas-2.csv"

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
new_database search search
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

# A file that is not CSV, or whose rows never end, is refused at its first rows with bounded
# memory; the address space is limited so that reading all of it would fail otherwise.
before=$(member_count "$search")
head -c 20000000 /dev/zero >"$tmp/zeros.csv"
run_limited () {
  (ulimit -v 400000 && "$cli" "$@") >"$tmp/out" 2>"$tmp/err"
  rc=$?
}
run_limited --database "$search" members import "$tmp/zeros.csv"
check "a file of 20 MB of zeros is refused naming the row" \
  user_error "zeros.csv" "row 1" "longer than 1 MB"
run_limited --database "$search" members import /dev/zero
check "an endless file is refused naming the row" user_error "/dev/zero" "row 1" "longer than 1 MB"
head -c 20000000 /dev/zero |
  (ulimit -v 400000 && "$cli" --database "$search" members import /dev/stdin) \
    >"$tmp/out" 2>"$tmp/err"
rc=${PIPESTATUS[1]}
check "20 MB of zeros on standard input is refused naming the row" \
  user_error "/dev/stdin" "row 1" "longer than 1 MB"
{ printf 'first_name,notes\nAna,x\nBo,'; head -c 10000000 /dev/zero | tr '\0' 'x'; printf '\n'; } \
  >"$tmp/long-field.csv"
run_limited --database "$search" members import "$tmp/long-field.csv"
check "an unquoted field of 10 MB is refused naming the row and column" \
  user_error "long-field.csv" "row 3" "column notes" "longer than 1 MB"
{ printf 'first_name,notes\nAna,x\n'; head -c 10000000 /dev/zero | tr '\0' 'a'; } \
  >"$tmp/long-line.csv"
run_limited --database "$search" members import "$tmp/long-line.csv"
check "a line of 10 MB without a line break is refused naming the row and column" \
  user_error "long-line.csv" "row 3" "column first_name" "longer than 1 MB"
check "files with rows too long import nothing" test "$(member_count "$search")" = "$before"

# A message repeats only the start of a wrong value, which may be a confidential note.
note="Relapsed after the funeral;$(printf ' talked it through with her sponsor.%.0s' $(seq 140))"
note="${note:0:4990}SECRETTAIL"
{ printf 'first_name,phone,notes\nAna,,fine\n'; printf 'Bo,"%s",\n' "$note"; } >"$tmp/long-note.csv"
run --database "$search" members import "$tmp/long-note.csv"
check "a 5,000-character note in the phone column is refused naming the row and column" \
  user_error "row 3" "column phone" "Relapsed after"
check "the message is shorter than 300 characters" test "$(wc -m <"$tmp/err")" -lt 300
check "the message does not repeat the end of the note" not_in_err "SECRETTAIL" "sponsor"
check "a wrong note imports nothing" test "$(member_count "$search")" = "$before"

# Files that are not Peerdesk databases are left as they are (files of their own, whichever
# engine keeps the other tests' records)

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

# Demo groups, sessions, attendance and visits

count_rows () {
  db_query "$1" "SELECT count(*) FROM $2"
}

run --database "$demo_a" groups list
check "demo makes groups" test "$rc" -eq 0 -a "$(count_rows "$demo_a" groups)" -ge 8
check "demo makes groups of every kind" stdout_has "peer_support" "all_recovery" "mutual_aid" \
  "family" "wellness" "training" "other"
check "demo makes a headcount-only mutual-aid group" \
  grep -qP '\tmutual_aid\t.*\theadcount$' "$tmp/out"

new_database years_db demo-years
run --database "$years_db" demo --members 50 --years 1
check "demo --years 1 succeeds" succeeded
check "demo says how many groups, sessions, attendance records and visits it made" \
  stdout_has "Made 50 demo members" "groups, with" "sessions" "attendance records" "visits" \
  "Made 5 volunteers, with" "hour entries" "completed courses" "credentials"
check "demo --years 1 makes attendance and visits" \
  test "$(count_rows "$years_db" attendance)" -gt 0 -a "$(count_rows "$years_db" visits)" -gt 0

headcount_session=$(db_query "$years_db" "SELECT s.id FROM sessions AS s
  JOIN groups AS g ON g.id = s.group_id
  WHERE g.attendance_mode = 'headcount' AND s.cancelled = 0 ORDER BY s.id LIMIT 1")
run --database "$years_db" attendance mark "$headcount_session" M-000001
check "a name is refused in a demo headcount-only group" user_error "headcount-only"

new_database members_only demo-members-only
run --database "$members_only" demo --members 20 --years 0
check "demo --years 0 succeeds" succeeded
check "demo --years 0 speaks of members only" \
  test "$(wc -l <"$tmp/out")" -eq 1 -a "$(member_count "$members_only")" = 20
check "demo --years 0 makes no groups, sessions, attendance or visits" \
  test "$(count_rows "$members_only" groups)" = 0 -a "$(count_rows "$members_only" sessions)" = 0 \
  -a "$(count_rows "$members_only" attendance)" = 0 -a "$(count_rows "$members_only" visits)" = 0

# Check-in

new_database meet meet
printf '%s\n' first_name,last_name,status José,Müller,active Ana,Limitson,inactive \
  Bea,Limitson,active >"$tmp/meet.csv"
run --database "$meet" members import "$tmp/meet.csv"
check "importing the members of the meetings tests succeeds" stdout_has "Imported 3 members"

# The purpose and time of the latest visit and who made it, as the database keeps them.
last_visit () {
  db_query "$meet" "SELECT p.label || '|' || v.visited_at || '|' || m.number FROM visits AS v
    JOIN visit_purposes AS p ON p.id = v.purpose_id JOIN members AS m ON m.id = v.member_id
    ORDER BY v.id DESC LIMIT 1"
}

visit_count () {
  count_rows "$meet" visits
}

run --database "$meet" checkin M-000001
check "checkin succeeds" succeeded
check "checkin says who was checked in and when" \
  grep -qE '^Checked in José Müller \(M-000001\) at [0-2][0-9]:[0-5][0-9]$' "$tmp/out"
check "checkin records the default purpose, today" \
  grep -qE "^Drop-in\|$(date +%Y-%m-%d)T[0-9:]{8}\|M-000001$" <(last_visit)

run --database "$meet" checkin 3 --purpose "naloxone KIT"
check "checkin takes the number without its prefix and a purpose in any case" \
  stdout_has "Checked in Bea Limitson (M-000003)"
check "checkin records the purpose named" grep -q '^Naloxone kit|.*|M-000003$' <(last_visit)

run --database "$meet" checkin M-000003 --at "2025-03-08 14:05"
check "checkin --at says the day and the time" stdout_has "on 2025-03-08 at 14:05"
check "checkin --at records that time" \
  grep -q '^Drop-in|2025-03-08T14:05:00|M-000003$' <(last_visit)

before=$(visit_count)
run --database "$meet" checkin M-000002
check "checkin of an inactive member succeeds" test "$rc" -eq 0
check "checkin of an inactive member checks them in" stdout_has "Checked in Ana Limitson (M-000002)"
check "checkin of an inactive member gives a notice on stderr, by member number" \
  grep -q "member M-000002 is marked inactive" "$tmp/err"
check "the notice on stderr does not name the member" not_in_err "Ana" "Limitson"
check "checkin of an inactive member records the visit" test "$(visit_count)" -eq $((before + 1))

before=$(visit_count)
run --database "$meet" checkin M-000999
check "checkin of an unknown number exits 1" user_error "There is no member with number M-000999"
run --database "$meet" checkin M-000001 --purpose "Bingo"
check "checkin with an unknown purpose exits 1 naming it and the purposes" \
  user_error "--purpose" "Bingo" "Drop-in" "Naloxone kit"
run --database "$meet" checkin M-000001 --at "yesterday"
check "checkin with a wrong time exits 1" user_error "--at" "yesterday"
run --database "$meet" checkin
check "checkin without a number exits 1" user_error "MEMBER_NUMBER"
check "refused check-ins record nothing" test "$(visit_count)" -eq "$before"

run --database "$missing" checkin M-000001
check "checkin on a missing database exits 1" user_error "$missing"
check "checkin does not create a missing database" test ! -e "$missing"

# Groups

run --database "$meet" groups add "Tuesday Circle" --kind peer_support --weekdays tue,thu \
  --time 18:00 --duration 90 --from 2025-01-01 --room "Room A" --facilitator "Dana L."
check "groups add succeeds" succeeded
check "groups add says which group it added" stdout_has "Tuesday Circle" "id 1"
run --database "$meet" groups add "Open Meeting" --kind mutual_aid --weekdays Saturday \
  --time 19:30 --mode headcount --from 2025-01-01
check "groups add of a headcount-only group succeeds" succeeded
run --database "$meet" groups add "Game Night" --kind other --weekdays fri --time 18:00 \
  --mode both --from 2025-01-01 --to 2025-01-31
check "groups add of a group with an end succeeds" succeeded

run --database "$meet" groups list
check "groups list succeeds" test "$rc" -eq 0 -a ! -s "$tmp/err"
check "groups list shows every group" test "$(wc -l <"$tmp/out")" -eq 3
check "groups list shows the id, name, kind, schedule and mode, tab-separated" \
  grep -qP '^1\tTuesday Circle\tpeer_support\ttue,thu 18:00, 90 min, from 2025-01-01\tnamed$' \
  "$tmp/out"
check "groups list shows an end date and the modes" \
  grep -qP '^3\tGame Night\tother\tfri 18:00, 60 min, from 2025-01-01 to 2025-01-31\tboth$' \
  "$tmp/out"
check "groups list shows headcount-only groups" \
  grep -qP '^2\tOpen Meeting\tmutual_aid\tsat 19:30, 60 min, from 2025-01-01\theadcount$' \
  "$tmp/out"

run --database "$meet" groups add "No Kind"
check "groups add without --kind exits 1" user_error "--kind" "peer_support"
run --database "$meet" groups add "Odd" --kind knitting
check "groups add with an unknown kind exits 1 naming the kinds" user_error "knitting" "mutual_aid"
run --database "$meet" groups add "Odd" --kind other --weekdays mon,funday --time 10:00
check "groups add with an unknown day exits 1 naming it" user_error "--weekdays" "funday"
run --database "$meet" groups add "Odd" --kind other --weekdays mon
check "groups add of a weekly group without a time exits 1" user_error "start time"
run --database "$meet" groups add "Odd" --kind other --mode secret
check "groups add with an unknown mode exits 1" user_error "attendance mode" "secret"
run --database "$meet" groups add "Odd" --kind other --duration 0
check "groups add --duration 0 exits 1" user_error "--duration"
run --database "$meet" groups add "Odd" --kind other --from 2025-02-01 --to 2025-01-01
check "groups add ending before it starts exits 1" user_error "end date"
run --database "$meet" groups add --kind other
check "groups add without a name exits 1" user_error "NAME"
run --database "$meet" groups list
check "refused groups are not added" test "$(wc -l <"$tmp/out")" -eq 3

# Sessions

run --database "$meet" sessions generate --from 2025-01-01 --to 2025-01-31
check "sessions generate succeeds" succeeded
# Tuesdays and Thursdays (9), Saturdays (4) and Fridays (5) of January 2025.
check "sessions generate says how many sessions it created" \
  stdout_has "Created 18 sessions from 2025-01-01 to 2025-01-31"
check "sessions generate created them" test "$(count_rows "$meet" sessions)" -eq 18
run --database "$meet" sessions generate --from 2025-01-01 --to 2025-01-31
check "sessions generate again creates none" stdout_has "Created 0 sessions"
check "sessions generate again leaves the sessions as they were" \
  test "$(count_rows "$meet" sessions)" -eq 18
# Saturdays 1 and 8 February and Tuesday and Thursday 4 and 6 February; Game Night has ended.
run --database "$meet" sessions generate --from 2025-01-25 --to 2025-02-08
check "sessions generate over a range partly done creates only what is missing" \
  stdout_has "Created 4 sessions"

run --database "$meet" sessions generate --from 2025-01-01
check "sessions generate without --to exits 1" user_error "--to"
run --database "$meet" sessions generate --from 2025-13-01 --to 2025-12-31
check "sessions generate with a wrong date exits 1 naming it" user_error "2025-13-01"

run --database "$meet" sessions list --date 2025-01-07
check "sessions list shows the day's sessions" \
  grep -qP '^[0-9]+\t2025-01-07T18:00\tTuesday Circle\tnamed\t0\t0$' "$tmp/out"
tuesday=$(cut -f1 "$tmp/out")
run --database "$meet" sessions list --date 2025-01-04
open_meeting=$(cut -f1 "$tmp/out")
run --database "$meet" sessions list --date 2025-01-03
game_night=$(cut -f1 "$tmp/out")

# Attendance

run --database "$meet" attendance mark "$tuesday" M-000001
check "attendance mark succeeds" succeeded
check "attendance mark says who is present where" \
  stdout_has "Marked José Müller (M-000001) present at “Tuesday Circle”, 2025-01-07 18:00"
run --database "$meet" attendance mark "$tuesday" 1
check "attendance mark of someone already present exits 1" user_error "already marked present"
check "attendance mark of someone already present names them by number on stderr" \
  user_error "M-000001"
check "attendance mark of someone already present does not print their name" \
  not_in_err "José" "Müller"
check "marking twice records one row" test "$(count_rows "$meet" attendance)" -eq 1

run --database "$meet" attendance mark "$tuesday" M-000002
check "attendance mark of an inactive member succeeds with a notice" \
  grep -q "member M-000002 is marked inactive" "$tmp/err"
check "the notice does not name the member" not_in_err "Ana" "Limitson"
check "attendance mark of an inactive member records them" test "$rc" -eq 0 \
  -a "$(count_rows "$meet" attendance)" -eq 2

run --database "$meet" attendance mark "$open_meeting" M-000001
check "attendance mark in a headcount-only group exits 1" user_error "headcount-only" "Open Meeting"
check "no name is recorded in a headcount-only group" test "$(count_rows "$meet" attendance)" -eq 2

run --database "$meet" attendance headcount "$open_meeting" 23
check "attendance headcount on a headcount-only group succeeds" succeeded
check "attendance headcount says what it recorded" stdout_has "Open Meeting" "2025-01-04 19:30" "23"
run --database "$meet" sessions list --date 2025-01-04
check "the headcount is kept" grep -qP '\theadcount\t0\t23$' "$tmp/out"
run --database "$meet" attendance headcount "$open_meeting" 25
run --database "$meet" sessions list --date 2025-01-04
check "a new headcount replaces the old one" grep -qP '\theadcount\t0\t25$' "$tmp/out"

run --database "$meet" attendance headcount "$game_night" 4
check "attendance headcount on a group with names and a headcount succeeds" succeeded
run --database "$meet" attendance mark "$game_night" M-000003
check "attendance mark on a group with names and a headcount succeeds" succeeded
run --database "$meet" sessions list --date 2025-01-03
check "sessions list shows who is present and the headcount" \
  grep -qP '\tGame Night\tboth\t1\t4$' "$tmp/out"

run --database "$meet" attendance headcount "$tuesday" 5
check "attendance headcount on a group that takes names only exits 1" user_error "name only"

db_query "$meet" \
  "UPDATE sessions SET cancelled = 1, cancel_reason = 'Snow day' WHERE id = $game_night"
run --database "$meet" attendance mark "$game_night" M-000001
check "attendance mark at a cancelled session exits 1" user_error "cancelled"

run --database "$meet" attendance mark abc M-000001
check "attendance mark with a session id that is not a number exits 1" user_error "SESSION_ID" "abc"
run --database "$meet" attendance mark 9999 M-000001
check "attendance mark at a session that does not exist exits 1" user_error "9999"
run --database "$meet" attendance mark "$tuesday" M-000999
check "attendance mark of an unknown member exits 1" \
  user_error "There is no member with number M-000999"
run --database "$meet" attendance mark "$tuesday"
check "attendance mark without a member exits 1" user_error "SESSION_ID and MEMBER_NUMBER"
run --database "$meet" attendance headcount "$open_meeting" -3
check "attendance headcount with a negative number exits 1" user_error "-3"
run --database "$meet" attendance headcount "$open_meeting" 3 4
check "attendance headcount with one number too many exits 1" user_error "4"

# Volunteers

new_database vol volunteers
printf '%s\n' first_name,last_name José,Müller >"$tmp/vol-members.csv"
run --database "$vol" members import "$tmp/vol-members.csv"
check "importing the member of the volunteers tests succeeds" stdout_has "Imported 1 member"

run --database "$vol" volunteers add "Ana Ruiz" --start 2024-03-01 \
  --roles "Peer recovery coach,front desk" --phone "(215) 555-0142" --email ana@example.org \
  --background-check 2024-02-20
check "volunteers add succeeds" succeeded
check "volunteers add says whom it added, with their id" stdout_has "Ana Ruiz" "id 1"
run --database "$vol" volunteers add "Ben Okafor" --roles Driver --status on_leave
check "volunteers add with a status succeeds" succeeded
run --database "$vol" volunteers add "José Müller" --member M-000001 --roles "Group facilitator"
check "volunteers add linked to a member succeeds" succeeded
check "volunteers add links the member record" \
  test "$(db_query "$vol" "SELECT m.number FROM volunteers AS v
    JOIN members AS m ON m.id = v.member_id WHERE v.display_name = 'José Müller'")" = M-000001
check "volunteers add keeps the start and background check dates" \
  test "$(db_query "$vol" "SELECT start_date || ' ' || background_check_date FROM volunteers
    WHERE id = 1")" = "2024-03-01 2024-02-20"

run --database "$vol" volunteers list
check "volunteers list succeeds" test "$rc" -eq 0 -a ! -s "$tmp/err"
check "volunteers list shows every volunteer" test "$(wc -l <"$tmp/out")" -eq 3
check "volunteers list shows the id, name, status and roles, tab-separated" \
  grep -qP '^1\tAna Ruiz\tactive\tPeer recovery coach, Front desk$' "$tmp/out"
check "volunteers list shows other statuses" grep -qP '^2\tBen Okafor\ton_leave\tDriver$' "$tmp/out"
run --database "$vol" volunteers list --status on_leave
check "volunteers list --status shows only that status" \
  test "$(wc -l <"$tmp/out")" -eq 1 -a "$(cut -f2 "$tmp/out")" = "Ben Okafor"
run --database "$vol" volunteers list --search ruiz
check "volunteers list --search finds by name in any case" \
  test "$(wc -l <"$tmp/out")" -eq 1 -a "$(cut -f2 "$tmp/out")" = "Ana Ruiz"
run --database "$vol" volunteers list --search muller --status active
check "volunteers list --search and --status together" \
  test "$(wc -l <"$tmp/out")" -eq 1 -a "$(cut -f2 "$tmp/out")" = "José Müller"
run --database "$vol" volunteers list --status retired
check "volunteers list with an unknown status exits 1 naming it and the statuses" \
  user_error "--status" "retired" "on_leave"

run --database "$vol" volunteers add "Cy Doe" --roles "Front desk,Juggler"
check "volunteers add with an unknown role exits 1 naming it and the roles" \
  user_error "--roles" "Juggler" "Peer recovery coach"
run --database "$vol" volunteers add "Cy Doe" --start 2024-02-30
check "volunteers add with a wrong start date exits 1 naming it" user_error "--start" "2024-02-30"
run --database "$vol" volunteers add "Cy Doe" --background-check soon
check "volunteers add with a wrong background check date exits 1" \
  user_error "--background-check" "soon"
run --database "$vol" volunteers add "Cy Doe" --status gone
check "volunteers add with an unknown status exits 1" user_error "--status" "gone"
run --database "$vol" volunteers add "Cy Doe" --member M-000999
check "volunteers add linked to an unknown member exits 1" user_error "--member" "M-000999"
run --database "$vol" volunteers add --roles Driver
check "volunteers add without a name exits 1" user_error "NAME"
run --database "$vol" volunteers list
check "refused volunteers are not added" test "$(wc -l <"$tmp/out")" -eq 3
run --database "$missing" volunteers list
check "volunteers list on a missing database exits 1" user_error "$missing"

# Hours

hours_rows () {
  db_query "$vol" "SELECT count(*) || ' ' || coalesce (sum (quarter_hours), 0) FROM hours"
}

run --database "$vol" hours add "ana ruiz" 2025-11-20 "Front desk" 1.5 --approved-by "Dana L."
check "hours add succeeds" succeeded
check "hours add says what it logged" \
  stdout_has "Logged 1.5 h of Front desk for Ana Ruiz on 2025-11-20"
run --database "$vol" hours add 1 2025-11-21 "Peer support" 1:45
check "hours add takes the volunteer's id and H:MM" \
  stdout_has "Logged 1.75 h of Peer support for Ana Ruiz on 2025-11-21"
check "hours add records the hours in quarter hours" test "$(hours_rows)" = "2 13"
check "hours add records who approved them" \
  test "$(db_query "$vol" "SELECT approved_by FROM hours WHERE date = '2025-11-20'")" \
  = "Dana L."

run --database "$vol" hours add 1 2025-11-22 "Front desk" 1.3
check "hours add of hours not in quarter steps exits 1 naming the hours" user_error "HOURS" "1.3"
run --database "$vol" hours add 1 2025-11-22 "Front desk" 0
check "hours add of no hours exits 1" user_error "HOURS" "0"
run --database "$vol" hours add 1 2025-11-22 "Front desk" lots
check "hours add of a word exits 1 naming it" user_error "HOURS" "lots"
run --database "$vol" hours add "Nobody Here" 2025-11-22 "Front desk" 2
check "hours add for an unknown volunteer exits 1 naming them" user_error "Nobody Here"
run --database "$vol" hours add 1 2025-13-01 "Front desk" 2
check "hours add on a wrong date exits 1 naming it" user_error "DATE" "2025-13-01"
run --database "$vol" hours add 1 2025-11-22 "Front desk" 2 --session abc
check "hours add with a wrong session id exits 1" user_error "--session" "abc"
run --database "$vol" hours add 1 2025-11-22 "Front desk"
check "hours add without hours exits 1" user_error "VOLUNTEER, DATE, ACTIVITY and HOURS"
check "refused hours are not logged" test "$(hours_rows)" = "2 13"

# Training

run --database "$vol" training add-course "Naloxone and Overdose Response" --hours 2 \
  --domains naloxone --provider "County Health" --yearly
check "training add-course succeeds" succeeded
check "training add-course says what it added" \
  stdout_has "Naloxone and Overdose Response" "2 h" "id 1"
run --database "$vol" training add-course "Ethics Basics" --hours 3.5 --domains ethics,advocacy \
  --online
check "training add-course in two domains, online, succeeds" succeeded

run --database "$vol" training courses
check "training courses shows every course" test "$rc" -eq 0 -a "$(wc -l <"$tmp/out")" -eq 2
check "training courses shows the id, title, hours, domains, provider, delivery and yearly" \
  grep -qP '^1\tNaloxone and Overdose Response\t2\tnaloxone\tCounty Health\tin_person\tyearly$' \
  "$tmp/out"
check "training courses shows several domains and online courses" \
  grep -qP '^2\tEthics Basics\t3.5\t(ethics,advocacy|advocacy,ethics)\t\tonline\t$' "$tmp/out"

run --database "$vol" training add-course "Juggling" --hours 2 --domains juggling
check "training add-course with an unknown domain exits 1 naming it and the domains" \
  user_error "--domains" "juggling" "ethics"
run --database "$vol" training add-course "Juggling" --domains ethics
check "training add-course without --hours exits 1" user_error "--hours"
run --database "$vol" training add-course "Juggling" --hours 2
check "training add-course without --domains exits 1" user_error "--domains"
run --database "$vol" training add-course "Juggling" --hours 1.1 --domains ethics
check "training add-course with hours not in quarter steps exits 1" user_error "--hours" "1.1"
run --database "$vol" training courses
check "refused courses are not added" test "$(wc -l <"$tmp/out")" -eq 2

completion_rows () {
  db_query "$vol" "SELECT count(*) || ' ' || coalesce (sum (quarter_hours), 0)
    FROM completions"
}

run --database "$vol" training complete "Ana Ruiz" "Naloxone and Overdose Response" 2026-01-10
check "training complete succeeds" succeeded
check "training complete says what it recorded, with the course's hours" \
  stdout_has "Recorded that Ana Ruiz completed “Naloxone and Overdose Response” (2 h) on 2026-01-10"
run --database "$vol" training complete 1 2 2025-11-21 --hours 1.5 --certificate EB-0042
check "training complete takes ids and credits other hours" stdout_has "Ethics Basics" "(1.5 h)"
check "training complete records the completions" test "$(completion_rows)" = "2 14"
check "training complete records the certificate" \
  test "$(db_query "$vol" "SELECT certificate FROM completions WHERE course_id = 2")" = EB-0042

run --database "$vol" training complete 1 "Basket Weaving" 2025-11-21
check "training complete of an unknown course exits 1 naming it" user_error "Basket Weaving"
run --database "$vol" training complete "Nobody Here" 1 2025-11-21
check "training complete for an unknown volunteer exits 1 naming them" user_error "Nobody Here"
run --database "$vol" training complete 1 1 2025-11-31
check "training complete on a wrong date exits 1 naming it" user_error "DATE" "2025-11-31"
run --database "$vol" training complete 1 1 2025-11-21 --hours 0.1
check "training complete with hours not in quarter steps exits 1" user_error "--hours" "0.1"
run --database "$vol" training complete 1 1
check "training complete without a date exits 1" user_error "VOLUNTEER, COURSE and DATE"
check "refused completions are not recorded" test "$(completion_rows)" = "2 14"

# Credentials

run credentials add --help
template=$(sed -n '/^Templates:/{n;p;}' "$tmp/out" | awk '{ print $1 }')
other_template=$(sed -n '/^Templates:/{n;n;p;}' "$tmp/out" | awk '{ print $1 }')
check "credentials add --help lists the shipped templates" \
  test -n "$template" -a -n "$other_template"

soon=$(date -d "+30 days" +%Y-%m-%d)
gone=$(date -d "-10 days" +%Y-%m-%d)
later=$(date -d "+200 days" +%Y-%m-%d)
run --database "$vol" credentials add "Ana Ruiz" --template "$template" --number PRS-0142 \
  --issued 2024-06-01 --expires "$soon"
check "credentials add succeeds" succeeded
check "credentials add says what it added and when it expires" \
  stdout_has "Ana Ruiz" "expiring on $soon"
check "credentials add records the template, number and dates" \
  test "$(db_query "$vol" "SELECT template || ' ' || number || ' ' || issued_date || ' ' ||
    expiry_date FROM credentials WHERE volunteer_id = 1")" = "$template PRS-0142 2024-06-01 $soon"
run --database "$vol" credentials add 3 --template "$template" --issued 2023-01-01 \
  --expires "$gone"
check "credentials add of an expired credential succeeds" succeeded
run --database "$vol" credentials add 3 --template "$other_template" --issued 2025-01-01 \
  --expires "$later"
check "credentials add of a credential expiring later succeeds" succeeded
run --database "$vol" credentials add "Ben Okafor" --template "$template" --issued 2024-01-01 \
  --expires "$soon"
check "credentials add for a volunteer on leave succeeds" succeeded

run --database "$vol" credentials due
check "credentials due succeeds" test "$rc" -eq 0 -a ! -s "$tmp/err"
check "credentials due lists a credential expiring soon: date, kind, volunteer, what" \
  grep -qP "^$soon\texpiring\tAna Ruiz\t.+$" "$tmp/out"
check "credentials due lists an expired credential" \
  grep -qP "^$gone\texpired\tJosé Müller\t.+$" "$tmp/out"
check "credentials due lists the yearly training an active volunteer never took" \
  grep -qP "\ttraining_due\tJosé Müller\tNaloxone and Overdose Response$" "$tmp/out"
check "credentials due leaves out a credential expiring after 90 days" \
  test "$(grep -c "^$later" "$tmp/out")" -eq 0
check "credentials due leaves out volunteers on leave" \
  test "$(grep -c "Ben Okafor" "$tmp/out")" -eq 0
run --database "$vol" settings --renewal-window 365
run --database "$vol" credentials due
check "credentials due looks as far ahead as the renewal window of the settings" \
  grep -qP "^$later\texpiring\tJosé Müller\t" "$tmp/out"
run --database "$vol" settings --renewal-window 90
run --database "$vol" credentials due
check "credentials due follows the renewal window back to 90 days" \
  test "$(grep -c "^$later" "$tmp/out")" -eq 0
run --database "$vol" credentials due --within 365
check "credentials due --within 365 lists the later one too" \
  grep -qP "^$later\texpiring\tJosé Müller\t" "$tmp/out"
run --database "$vol" credentials due --within 10
check "credentials due --within 10 leaves out what expires in 30 days" \
  test "$(grep -cP '\texpiring\tAna Ruiz\t' "$tmp/out")" -eq 0

run --database "$vol" credentials add "Ana Ruiz" --template no-such-template
check "credentials add with an unknown template exits 1 naming it and the templates" \
  user_error "--template" "no-such-template" "$template"
run --database "$vol" credentials add "Ana Ruiz"
check "credentials add without --template exits 1" user_error "--template"
run --database "$vol" credentials add "Ana Ruiz" --template "$template" --issued 2025-02-30
check "credentials add with a wrong issue date exits 1" user_error "--issued" "2025-02-30"
run --database "$vol" credentials add "Ana Ruiz" --template "$template" --issued 2025-01-01 \
  --expires 2024-01-01
check "credentials add expiring before it was issued exits 1" user_error "--expires" "2024-01-01"
run --database "$vol" credentials add "Nobody Here" --template "$template"
check "credentials add for an unknown volunteer exits 1" user_error "Nobody Here"
run --database "$vol" credentials due --within -1
check "credentials due --within -1 exits 1" user_error "--within"
check "refused credentials are not added" test "$(count_rows "$vol" credentials)" -eq 4
run --database "$missing" credentials due
check "credentials due on a missing database exits 1" user_error "$missing"
check "credentials due does not create a missing database" test ! -e "$missing"

# Demo volunteers

run --database "$years_db" volunteers list
check "demo makes volunteers, at least five" test "$rc" -eq 0 -a "$(wc -l <"$tmp/out")" -ge 5
check "demo makes active volunteers with roles" \
  grep -qP '\tactive\t.*Peer recovery coach' "$tmp/out"
run --database "$years_db" training courses
check "demo makes a yearly naloxone course" grep -qP '\tnaloxone\t.*\tyearly$' "$tmp/out"
run --database "$years_db" credentials due
expiring_and_expired () {
  grep -qP '\texpiring\t' "$tmp/out" && grep -qP '\texpired\t' "$tmp/out"
}
check "demo makes a credential expiring soon and one expired" expiring_and_expired
check "demo makes yearly training that is due" grep -qP '\ttraining_due\t' "$tmp/out"
check "demo logs hours in quarter hours" \
  test "$(db_query "$years_db" "SELECT count(*) FROM hours WHERE quarter_hours > 0")" -gt 0
check "demo --years 0 makes no volunteers" test "$(count_rows "$members_only" volunteers)" = 0

# Reports to funders.
new_database report_db report
report_dir="$tmp/reports"
mkdir -p "$report_dir"
run --database "$report_db" demo --members 300 --years 1 --seed 5
run --database "$report_db" report --from 2025-01-01 --to 2026-12-31 -o "$report_dir/a.xml"
check "report without an organisation name is refused and says where to set it" \
  user_error "organisation" "settings --organisation"
check "a refused report leaves no file" test -z "$(ls -A "$report_dir")"
run --database "$report_db" settings --organisation "Harbour Light" --site HL-1 --threshold 5
check "settings sets the organisation, site and threshold" \
  stdout_has "organisation	Harbour Light" "site	HL-1" "grant	" "threshold	5"
run --database "$report_db" settings
check "settings shows what was set" stdout_has "organisation	Harbour Light" "threshold	5"
run --database "$report_db" settings --threshold 1
check "settings refuses a threshold below 2" user_error "--threshold" "2 to 100"
run --database "$report_db" report --from 2025-01-01 --to 2026-12-31 -o "$report_dir/a.xml"
check "report writes the file and prints its figures" \
  stdout_has "Wrote the report for 2025-01-01 to 2026-12-31" "Participants served" "Visits"
validates () {
  xmllint --noout --schema "$(dirname "$0")/../data/schema/peerdesk-report-1.xsd" "$1" 2>/dev/null
}
check "the report validates against the published schema" validates "$report_dir/a.xml"
check "the report gives the threshold, site and organisation" \
  grep -q "<suppression-threshold>5</suppression-threshold>" "$report_dir/a.xml"
check "the report's figures match the database" test \
  "$(grep -A1 '<sessions-held>' "$report_dir/a.xml" | grep -oP '(?<=<total>)[0-9]+')" = \
  "$(db_query "$report_db" "SELECT count(*) FROM sessions WHERE cancelled = 0
     AND starts_at >= '2025-01-01' AND starts_at < '$(date +%Y-%m-%dT%H:%M)'")"
no_names () {
  local name
  for name in $(db_query "$report_db" "SELECT last_name FROM members WHERE length(last_name) > 4 LIMIT 50"); do
    ! grep -qF "$name" "$report_dir/a.xml" || return 1
  done
  ! grep -qE 'M-[0-9]{6}' "$report_dir/a.xml"
}
check "the report names no member" no_names
run --database "$report_db" report --from 2025-01-01 --to 2026-12-31 --threshold 30 \
  --organisation "Other name" -o "$report_dir/b.xml"
check "--threshold and --organisation override the settings" \
  grep -q "<suppression-threshold>30</suppression-threshold>" "$report_dir/b.xml"
check "--organisation overrides the setting" grep -q "<organisation>Other name</organisation>" \
  "$report_dir/b.xml"
run --database "$report_db" report --from 2026-02-30 --to 2026-12-31 -o "$report_dir/c.xml"
check "report names a bad date" user_error "2026-02-30" "YYYY-MM-DD"
run --database "$report_db" report --from 2026-03-01 --to 2026-02-01 -o "$report_dir/c.xml"
check "report refuses a period that ends before it starts" user_error "before it starts"
run --database "$report_db" report --from 2026-01-01 --to 2026-02-01 -o "$tmp/no/such/dir/c.xml"
check "report into a missing folder fails and says where" user_error "$tmp/no/such/dir"
run --database "$report_db" report --from 2026-01-01 --to 2026-02-01
check "report without -o says what it needs" user_error "--from DATE, --to DATE and -o FILE.xml"
run --database "$report_db" report --from 2026-01-01 --to 2026-02-01 --threshold 101 -o x.xml
check "report refuses a threshold above 100" user_error "--threshold" "2 to 100"
check "no stray file is left in the reports folder" \
  test "$(ls -A "$report_dir" | tr '\n' ' ')" = "a.xml b.xml "

# Exports never take the database's place (a file of its own, whichever engine keeps the other
# tests' records)

guard="$tmp/guard"
mkdir -p "$guard/sub"
"$cli" --database "$guard/x.db" demo --members 10 --years 1 >/dev/null
guard_counts="SELECT count(*) FROM members; SELECT count(*) FROM visits"
guard_before=$(sqlite_query "$guard/x.db" "$guard_counts")
ln "$guard/x.db" "$guard/hard.db"
ln -s x.db "$guard/link.csv"
# The records are all there and SQLite finds nothing wrong.
guard_intact () {
  [ "$(sqlite_query "$guard/x.db" "PRAGMA integrity_check")" = "ok" ] &&
    [ "$(sqlite_query "$guard/x.db" "$guard_counts")" = "$guard_before" ]
}
for dest in "$guard/x.db" "./x.db" "sub/../x.db" "hard.db" "link.csv"; do
  (cd "$guard" && run --database "$guard/x.db" members export "$dest" && echo "$rc" >"$tmp/rc")
  rc=$(cat "$tmp/rc")
  check "members export onto the database as $dest is refused" \
    user_error "is the Peerdesk database itself" "choose another file name"
  check "members export onto the database as $dest leaves it intact" guard_intact
  (cd "$guard" && run --database "$guard/x.db" report --from 2025-01-01 --to 2026-12-31 \
    --organisation C -o "$dest" && echo "$rc" >"$tmp/rc")
  rc=$(cat "$tmp/rc")
  check "report -o onto the database as $dest is refused" \
    user_error "is the Peerdesk database itself" "choose another file name"
  check "report -o onto the database as $dest leaves it intact" guard_intact
done
check "the symbolic link to the database is still one" test -L "$guard/link.csv"
(cd "$guard" && run --database ./x.db members export "$guard/x.db" && echo "$rc" >"$tmp/rc")
rc=$(cat "$tmp/rc")
check "members export onto a database opened by another name is refused" \
  user_error "is the Peerdesk database itself"
for suffix in -wal -shm -journal; do
  run --database "$guard/x.db" members export "$guard/x.db$suffix"
  check "members export onto the database's $suffix file is refused" \
    user_error "x.db$suffix" "choose another file name"
  run --database "$guard/x.db" report --from 2025-01-01 --to 2026-12-31 --organisation C \
    -o "$guard/x.db$suffix"
  check "report -o onto the database's $suffix file is refused" \
    user_error "x.db$suffix" "choose another file name"
done
check "the database is intact after all that" guard_intact

mkfifo "$guard/pipe"
run --database "$guard/x.db" members export "$guard/pipe"
check "members export onto a pipe is refused" user_error "pipe" "not an ordinary file"
check "the pipe is still a pipe" test -p "$guard/pipe"
run --database "$guard/x.db" report --from 2025-01-01 --to 2026-12-31 --organisation C \
  -o "$guard/pipe"
check "report -o onto a pipe is refused" user_error "pipe" "not an ordinary file"
mkdir "$guard/folder.csv"
run --database "$guard/x.db" members export "$guard/folder.csv"
check "members export onto a folder is refused" user_error "folder.csv" "is a folder"
check "the folder is still a folder" test -d "$guard/folder.csv"

# A killed export's temporary file, of a process that no longer exists.
sh -c 'exit 0' &
dead=$!
wait "$dead"
printf 'Ana,Lima,confidential\n' >"$guard/.members.csv.peerdesk-$dead-Ab12Cd"
printf 'kept\n' >"$guard/.notes.txt"
printf 'kept\n' >"$guard/.members.csv.Ab12Cd"
run --database "$guard/x.db" members export "$guard/members.csv"
check "members export beside a stale temporary file succeeds" succeeded
check "the stale temporary file of a dead process is removed" \
  test ! -e "$guard/.members.csv.peerdesk-$dead-Ab12Cd"
check "files of other names are kept" test -f "$guard/.notes.txt" -a -f "$guard/.members.csv.Ab12Cd"
check "nothing else is left in the folder" \
  test "$(ls -A "$guard" | tr '\n' ' ')" \
  = ".members.csv.Ab12Cd .notes.txt folder.csv hard.db link.csv members.csv pipe sub x.db "

# After the rename, the folder itself is synced, or a power cut could lose the new name.
synced_after_rename () {
  python3 - "$tmp/trace" "$guard" "$guard/synced.csv" <<'EOF'
import re
import sys

trace, folder, dest = sys.argv[1:]
renamed = False
folder_fd = None
for line in open(trace, encoding='utf-8', errors='replace'):
    if (re.search(r'rename(at2?)?\(.*"%s"' % re.escape(dest), line)
            and line.rstrip().endswith('= 0')):
        renamed = True
    elif renamed and 'O_DIRECTORY' in line and '"%s"' % folder in line:
        folder_fd = line.rsplit('=', 1)[1].strip()
    elif folder_fd is not None and re.search(r'fsync\(%s\)\s+= 0' % folder_fd, line):
        sys.exit(0)
sys.exit(1)
EOF
}
if command -v strace >/dev/null && strace -o /dev/null true 2>/dev/null; then
  strace -f -o "$tmp/trace" -e trace=rename,renameat,renameat2,openat,open,fsync \
    "$cli" --database "$guard/x.db" members export "$guard/synced.csv" >/dev/null 2>&1
  check "members export syncs the folder after the rename" synced_after_rename
else
  n=$((n + 1))
  echo "ok $n - members export syncs the folder after the rename # SKIP strace cannot run"
fi

finish
