#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Losing the server in the middle of writes: a desk checking members in while the PostgreSQL
# server goes away and comes back, and an import cut off half-way. Every check-in a desk was
# told was saved is there; the import leaves nothing; the outage is reported in words, with the
# exit status of a problem the centre can act on, and the desk goes on once the server is back.
# Runs through tests/pd-test-postgresql.sh, which leaves the control script used here.

. "$(dirname "$0")/cli-test-lib.sh" "$1"

if ! on_postgresql || [ ! -x "${PD_TEST_POSTGRESQL_DIR:-}/control" ]; then
  echo "Bail out! run through tests/pd-test-postgresql.sh, which starts the server"
  exit 1
fi
control="$PD_TEST_POSTGRESQL_DIR/control"

new_database db outage
run --database "$db" demo --members 60 --years 0 --seed 5
check "members to check in" succeeded

# The desk checks members in as fast as it can for eight seconds; the server is away from the
# second to the fifth.
desk () {
  local end=$((SECONDS + 8)) i=0 number
  while [ $SECONDS -lt $end ]; do
    number=$(printf 'M-%06d' $((i % 60 + 1)))
    if "$cli" --database "$db" checkin "$number" --at "2026-04-01T09:$(printf %02d $((i % 60)))" \
         >/dev/null 2>"$tmp/desk.err"; then
      echo "saved $number" >>"$tmp/desk.log"
    else
      echo "refused $? $(tr '\n' ' ' <"$tmp/desk.err")" >>"$tmp/desk.log"
    fi
    i=$((i + 1))
  done
}
: >"$tmp/desk.log"
desk &
desk_pid=$!
sleep 2
"$control" stop
sleep 3
"$control" start
wait "$desk_pid"

saved=$(grep -c '^saved' "$tmp/desk.log")
refused=$(grep -c '^refused' "$tmp/desk.log")
echo "# $saved check-ins saved, $refused refused while the server was away"
check "the desk saved check-ins before and after the outage" test "$saved" -ge 2
check "the desk was refused while the server was away" test "$refused" -ge 1
grep "^refused" "$tmp/desk.log" | grep -v -e "^refused 1 .*records server" -e "^refused 1 .*Could not reach" | head -3 | sed -e "s/^/# /"
check "every refusal is an outage the centre can act on (exit 1), said in words" \
  sh -c "! grep '^refused' '$tmp/desk.log' | grep -v '^refused 1 ' &&
         ! grep '^refused' '$tmp/desk.log' | grep -v -e 'records server' -e 'Could not reach'"
check "the desk checked members in again once the server was back" \
  sh -c "tail -n 1 '$tmp/desk.log' | grep -q '^saved'"
in_database=$(db_query "$db" "SELECT count (*) FROM visits WHERE visited_at LIKE '2026-04-01%'")
check "every check-in the desk was told was saved is there ($saved, found $in_database)" \
  test "$in_database" -eq "$saved"

# An import the server's loss cuts off half-way leaves nothing behind.
new_database source source
run --database "$source" demo --members 3000 --years 1 --seed 6
check "a centre's records to import" succeeded
run --database "$source" export --json "$tmp/records.json"
check "exported" succeeded
new_database target target
"$cli" --database "$target" import --json "$tmp/records.json" >"$tmp/out" 2>"$tmp/err" &
import_pid=$!
sleep 1.5
"$control" stop
wait "$import_pid"
rc=$?
"$control" start
check "the cut-off import exits 1" test "$rc" -eq 1
check "it says the server was lost" grep -q "records server" "$tmp/err"
members=$(db_query "$target" "SELECT count (*) FROM members")
visits=$(db_query "$target" "SELECT count (*) FROM visits")
check "the cut-off import left no member ($members) and no visit ($visits)" \
  test "$members" -eq 0 -a "$visits" -eq 0
run --database "$target" import --json "$tmp/records.json"
check "the same import runs to its end once the server is back" succeeded
check "and brings every member" test "$(db_query "$target" "SELECT count (*) FROM members")" -eq 3000

finish
