#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Several desks at once: four programs check members in, mark attendance and log volunteers'
# hours against one database for a few seconds. Afterwards every write a program was told was
# saved is there, once, and no program met an error. Runs on a SQLite file, and through
# tests/pd-test-postgresql.sh on a PostgreSQL server.

. "$(dirname "$0")/cli-test-lib.sh" "$1"

# How long the desks work together, in seconds, and how many there are.
seconds=${PD_TEST_CONCURRENCY_SECONDS:-8}
desks=4
members_per_desk=40

new_database db concurrency

run --database "$db" demo --members $((desks * members_per_desk)) --years 0 --seed 11
check "members for the desks" succeeded
run --database "$db" groups add "Open Circle" --kind peer_support --weekdays mon,tue,wed,thu,fri,sat,sun \
  --time 09:00 --duration 60 --from 2026-01-01
check "a group that meets every day" succeeded
run --database "$db" sessions generate --from 2026-03-02 --to 2026-03-02
check "its session" succeeded
for d in $(seq 1 $desks); do
  run --database "$db" volunteers add "Desk Volunteer $d"
  check "volunteer $d" succeeded
done
session=$(db_query "$db" "SELECT min (id) FROM sessions")
check "the session's id is known" test -n "$session"

# One desk: until its time is up, checks a member in, marks the next of its own members present
# (each member once), logs a quarter of an hour. Each write the program acknowledged (exit 0)
# goes into the desk's log; anything else is an error.
desk () {
  local d=$1 end=$((SECONDS + seconds)) i=0 number
  local log="$tmp/desk-$d.log"
  : >"$log"
  while [ $SECONDS -lt $end ]; do
    number=$(printf 'M-%06d' $(((d - 1) * members_per_desk + i % members_per_desk + 1)))
    if "$cli" --database "$db" checkin "$number" --at "2026-03-02T10:$(printf %02d $((i % 60)))" \
         >/dev/null 2>"$tmp/desk-$d.err"; then
      echo "visit $number" >>"$log"
    else
      echo "error checkin: $(head -c 300 "$tmp/desk-$d.err")" >>"$log"
    fi
    if [ $i -lt $members_per_desk ]; then
      if "$cli" --database "$db" attendance mark "$session" "$number" \
           >/dev/null 2>"$tmp/desk-$d.err"; then
        echo "attendance $number" >>"$log"
      else
        echo "error attendance: $(head -c 300 "$tmp/desk-$d.err")" >>"$log"
      fi
    fi
    if "$cli" --database "$db" hours add "Desk Volunteer $d" 2026-03-02 "Front desk" 0.25 \
         >/dev/null 2>"$tmp/desk-$d.err"; then
      echo "hours $d" >>"$log"
    else
      echo "error hours: $(head -c 300 "$tmp/desk-$d.err")" >>"$log"
    fi
    i=$((i + 1))
  done
}

for d in $(seq 1 $desks); do
  desk "$d" &
done
wait

cat "$tmp"/desk-*.log >"$tmp/all.log"
errors=$(grep -c '^error' "$tmp/all.log")
check "no desk met an error ($errors)" test "$errors" -eq 0
grep '^error' "$tmp/all.log" | head -n 5 | sed -e 's/^/# /'

visits=$(grep -c '^visit' "$tmp/all.log")
marks=$(grep -c '^attendance' "$tmp/all.log")
hours=$(grep -c '^hours' "$tmp/all.log")
echo "# $desks desks in ${seconds}s: $visits check-ins, $marks attendance marks, $hours hours logged"
check "the desks did work at the same time" test "$visits" -ge $desks

saved_visits=$(db_query "$db" "SELECT count (*) FROM visits WHERE visited_at LIKE '2026-03-02%'")
check "every acknowledged check-in is saved ($visits, saved $saved_visits)" \
  test "$saved_visits" -eq "$visits"
saved_marks=$(db_query "$db" "SELECT count (*) FROM attendance WHERE session_id = $session")
check "every acknowledged attendance mark is saved ($marks, saved $saved_marks)" \
  test "$saved_marks" -eq "$marks"
distinct_marks=$(db_query "$db" \
  "SELECT count (*) FROM (SELECT DISTINCT member_id FROM attendance WHERE session_id = $session) AS marks")
check "nobody is marked present twice" test "$distinct_marks" -eq "$saved_marks"
saved_hours=$(db_query "$db" "SELECT count (*) FROM hours WHERE date = '2026-03-02'")
check "every acknowledged hours entry is saved ($hours, saved $saved_hours)" \
  test "$saved_hours" -eq "$hours"
for d in $(seq 1 $desks); do
  mine=$(grep -c "^hours $d\$" "$tmp/all.log")
  theirs=$(db_query "$db" "SELECT count (*) FROM hours h JOIN volunteers v ON v.id = h.volunteer_id WHERE v.display_name = 'Desk Volunteer $d'")
  check "desk $d's hours are its volunteer's ($mine)" test "$theirs" -eq "$mine"
done

finish
