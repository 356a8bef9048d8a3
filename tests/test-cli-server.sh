#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Setting up a shared server and moving a centre's records into it, as a centre's volunteer IT
# person would: server setup, migrate, and the same records coming back out of the server byte
# for byte. Runs through tests/pd-test-postgresql.sh, which starts the server.

. "$(dirname "$0")/cli-test-lib.sh" "$1"

if ! on_postgresql; then
  echo "Bail out! run through tests/pd-test-postgresql.sh, which starts the server"
  exit 1
fi

server_uri () {
  printf 'postgresql:///%s%s' "$1" "${PD_TEST_POSTGRESQL#postgresql:///}"
}

not_in_output () {
  ! grep -qF -- "$1" "$tmp/out" "$tmp/err"
}

create_database () {
  psql "$PD_TEST_POSTGRESQL&dbname=postgres" -qAt -v ON_ERROR_STOP=1 -c "CREATE DATABASE $1" \
    >/dev/null
}

run server setup --help
check "server setup --help says what it does" stdout_has "empty database" "postgresql://"
run migrate --help
check "migrate --help names its options" stdout_has "--from" "--to"

run --database "$tmp/centre.db" server setup
check "server setup refuses a database file (exit 1)" user_error "PostgreSQL"
check "and creates no file" test ! -e "$tmp/centre.db"

create_database centre
centre=$(server_uri centre)
run --database "$centre" members search Ann
check "an empty server database is refused (exit 1)" user_error "server setup"
run --database "$centre" server setup
check "server setup makes the tables" succeeded
check "and says so" stdout_has "ready"
run --database "$centre" server setup
check "a second server setup is refused (exit 1)" user_error "already set up"

create_database other
psql "$(server_uri other)" -qAt -c "CREATE TABLE invoices (id integer); INSERT INTO invoices VALUES (7)"
run --database "$(server_uri other)" server setup
check "a database holding another program's tables is refused (exit 1)" user_error "another program"
check "and its table is left as it was" \
  test "$(psql "$(server_uri other)" -qAt -c 'SELECT id FROM invoices')" = 7

run --database "$centre" backup
check "a backup of a server's records is refused, saying what to use (exit 1)" \
  user_error "export --json" "pg_dump"

# A centre's records, moved from the file on the front-desk computer.
file="$tmp/front-desk.db"
run --database "$file" demo --members 300 --years 1 --seed 21
check "the front desk's records" succeeded
run --database "$file" export --json "$tmp/from-file.json"
check "exported from the file" succeeded

run migrate --from "$file"
check "migrate without --to is refused (exit 1)" user_error "--to"
run migrate --from "$centre" --to "$file"
check "migrate the wrong way round is refused (exit 1)" user_error "from a database file"
run migrate --from "$file" --to "$centre"
check "migrate moves the records" succeeded
check "and says every table was counted" stdout_has "every table has as many rows"

run --database "$centre" export --json "$tmp/from-server.json"
check "exported from the server" succeeded
# same_records A.json B.json: B holds every record of A, value for value, and A's audit trail
# followed by the entries of the commands run since (each command leaves one).
same_records () {
  python3 - "$1" "$2" <<'PY'
import json, sys
a, b = (json.load(open(path, encoding='utf-8')) for path in sys.argv[1:])
audit_a, audit_b = a.pop('audit'), b.pop('audit')
sys.exit(0 if a == b and audit_b[:len(audit_a)] == audit_a else 1)
PY
}
check "the server holds every record of the file" \
  same_records "$tmp/from-file.json" "$tmp/from-server.json"
run --database "$tmp/back.db" import --json "$tmp/from-server.json"
check "the server's export imports into a file" succeeded
run --database "$tmp/back.db" export --json "$tmp/from-back.json"
check "and comes back out of it with every record" \
  same_records "$tmp/from-server.json" "$tmp/from-back.json"

run migrate --from "$file" --to "$centre"
check "migrating into a server that holds records is refused (exit 1)" user_error
check "and the server's records are as they were" \
  test "$(db_query "$centre" 'SELECT count (*) FROM members')" -eq 300

# What the desks do next works on the moved records.
number=$(db_query "$centre" "SELECT number FROM members ORDER BY id LIMIT 1")
run --database "$centre" checkin "$number"
check "a check-in on the server" succeeded
run --database "$centre" members search "$(db_query "$centre" "SELECT last_name FROM members ORDER BY id LIMIT 1")"
check "a search on the server finds the member" stdout_has "$number"

# A desk account with a password (SCRAM), as the README's set-up makes one.
psql "$PD_TEST_POSTGRESQL&dbname=postgres" -qAt -v ON_ERROR_STOP=1 \
  -c "CREATE ROLE desk LOGIN PASSWORD 'harbour-light-7'" -c "CREATE DATABASE desk OWNER desk" >/dev/null
hba="$PD_TEST_POSTGRESQL_DIR/data/pg_hba.conf"
sed -i '1i local desk desk scram-sha-256' "$hba"
"$PD_TEST_POSTGRESQL_DIR/control" reload
sleep 1
desk="postgresql://desk@/desk${PD_TEST_POSTGRESQL#postgresql:///}"
desk=${desk/&user=peerdesk/}
run --database "$desk" server setup </dev/null
check "without its password, the server refuses the account (exit 1)" \
  user_error "refused the user name or password"
run_in $'not-the-password\n' --passphrase-stdin --database "$desk" server setup
check "a wrong password is refused (exit 1)" user_error "refused the user name or password"
check "and not repeated" not_in_output "not-the-password"
run_in $'harbour-light-7\n' --passphrase-stdin --database "$desk" server setup
check "with its password, the account sets the database up" test "$rc" -eq 0
check "and says that staff sign-in will need it to create roles" \
  grep -qF "CREATEROLE" "$tmp/err"
run --database "postgresql://desk:wrong-one@/desk${PD_TEST_POSTGRESQL#postgresql:///}" groups list
check "a password in the address is never repeated either" not_in_output "wrong-one"

finish
