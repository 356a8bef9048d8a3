#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks data/postgresql/schema.sql against the SQLite schema it stands for
# (data/migrations/*.sql applied in order): the same tables and columns,
# keys, indexes, checks and seeded rows, and the same behaviour of the
# rules the database keeps itself (headcount-only groups, the last
# director, the append-only audit trail, the member count), with SQLite's
# messages. It also checks that every table announces its changes.
#
# A throwaway PostgreSQL server is started for the test in a temporary
# folder, reachable only through its socket there, and always stopped; as
# root the server runs as "nobody". A server that cannot start fails the
# test, saying why.
#
# Usage: test-postgresql-schema.sh SOURCE_ROOT
# Output: TAP.

set -uo pipefail
export LC_ALL=C.UTF-8

if [ $# -ne 1 ]; then
  echo "usage: $0 SOURCE_ROOT" >&2
  exit 2
fi

src=$(cd "$1" && pwd)
schema="$src/data/postgresql/schema.sql"
search="$src/data/postgresql/search.sql"

n=0
failed=0

# ok DESCRIPTION PROBLEMS: one test, passed when PROBLEMS, what the check
# found wrong, is empty.
ok () {
  n=$((n + 1))
  if [ -z "$2" ]; then
    echo "ok $n - $1"
  else
    echo "not ok $n - $1"
    printf '%s\n' "$2" | head -n 40 | sed -e 's/^/# /'
    failed=$((failed + 1))
  fi
}

# give_up DESCRIPTION WHY: a failed test after which nothing else can run.
give_up () {
  ok "$1" "$2"
  echo "1..$n"
  exit 1
}

# The server's programs: Debian keeps them out of PATH.
bindir=
for dir in /usr/lib/postgresql/15/bin "$(pg_config --bindir 2>/dev/null)"; do
  if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
    bindir=$dir
    break
  fi
done
psql=$(command -v psql || true)
if [ -z "$psql" ] && [ -n "$bindir" ] && [ -x "$bindir/psql" ]; then
  psql=$bindir/psql
fi
[ -n "$bindir" ] ||
  give_up "a PostgreSQL server can start" "no initdb and pg_ctl found (PostgreSQL 15 is needed)"
[ -n "$psql" ] || give_up "a PostgreSQL server can start" "no psql found"
command -v python3 >/dev/null ||
  give_up "a PostgreSQL server can start" "python3 is needed to build the SQLite schema"

# The socket's path must stay short (about 100 bytes), hence /tmp.
tmp=$(mktemp -d /tmp/pd-pg-XXXXXX) || give_up "a PostgreSQL server can start" "no temporary folder"
# The server, as root, runs as nobody, which must own its files; from a
# folder it may read, wherever the test was started.
as_server () {
  if [ "$(id -u)" -eq 0 ]; then
    (cd "$tmp" && runuser -u nobody -- "$@")
  else
    (cd "$tmp" && "$@")
  fi
}

# A server that started, even late, leaves its pid file until it stops.
cleanup () {
  if [ -f "$tmp/server/data/postmaster.pid" ]; then
    as_server "$bindir/pg_ctl" -D "$tmp/server/data" -m immediate -w stop >/dev/null 2>&1
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

if [ "$(id -u)" -eq 0 ]; then
  chown nobody "$tmp" || give_up "a PostgreSQL server can start" "could not give $tmp to nobody"
fi
mkdir -p "$tmp/work" "$tmp/server"
chmod 700 "$tmp/work"
if [ "$(id -u)" -eq 0 ]; then
  chown nobody "$tmp/server"
fi

if ! as_server "$bindir/initdb" -D "$tmp/server/data" -U peerdesk -A trust --no-sync -E UTF8 \
       --locale=C.UTF-8 >"$tmp/work/initdb.log" 2>&1; then
  give_up "a PostgreSQL server can start" "initdb failed: $(tail -n 20 "$tmp/work/initdb.log")"
fi

# Only a socket in the test's folder, no TCP; the port names the socket
# (and the server's shared memory), so a few are tried in case one is
# taken.
port=
for try in 1 2 3 4 5; do
  candidate=$((20000 + (RANDOM % 20000)))
  if as_server "$bindir/pg_ctl" -D "$tmp/server/data" -l "$tmp/server/log" -w -t 60 \
       -o "-k $tmp/server -c listen_addresses= -p $candidate -c fsync=off" start \
       >"$tmp/work/pg_ctl.log" 2>&1; then
    port=$candidate
    break
  fi
  # Only a port in use is worth another try.
  grep -qiE 'lock file|already in use' "$tmp/server/log" 2>/dev/null || break
done
if [ -z "$port" ]; then
  give_up "a PostgreSQL server can start" \
    "pg_ctl start failed: $(tail -n 20 "$tmp/server/log" "$tmp/work/pg_ctl.log" 2>&1)"
fi
ok "a PostgreSQL server starts in a temporary folder" ""

connect="host=$tmp/server port=$port user=peerdesk"
db="$connect dbname=schema_test"

# pg SQL: runs SQL alone, printing rows as "a|b|c" and errors as
# "ERROR:  message"; exit status 0 only if SQL succeeded.
pg () {
  "$psql" -X -q -At -F '|' -v ON_ERROR_STOP=1 -v VERBOSITY=terse "$db" -c "$1" 2>&1
}

if ! out=$("$psql" -X -q -v ON_ERROR_STOP=1 "$connect dbname=postgres" \
             -c 'CREATE DATABASE schema_test' 2>&1); then
  give_up "a database can be created" "$out"
fi

# What the engine runs: the two files, each as one string of statements
# (as PQexec takes it: no psql commands), in one transaction.
out=$("$psql" -X -q -v ON_ERROR_STOP=1 --single-transaction "$db" \
        -c "$(cat "$schema")" -c "$(cat "$search")" 2>&1)
rc=$?
[ $rc -eq 0 ] || give_up "schema.sql and search.sql load in one transaction" "$out"
ok "schema.sql and search.sql load in one transaction" "$out"

ok "schema.sql neither ends nor opens transactions nor creates databases" \
  "$(grep -niE '^[[:space:]]*(COMMIT|ROLLBACK|BEGIN[[:space:]]*(;|TRANSACTION|WORK)|START[[:space:]]+TRANSACTION|CREATE[[:space:]]+(DATABASE|EXTENSION))' \
       "$schema" "$search")"

# The SQLite schema, described by python3's sqlite3 module; the same rows
# and refused statements are then tried on both.
cat >"$tmp/work/setup.sql" <<'EOF'
INSERT INTO members (id, number, first_name, joined_date, created_at, updated_at, sort_key)
  VALUES (1, '1', 'Ann', '2026-01-05', '2026-01-05T10:00:00', '2026-01-05T10:00:00', 'ann');
INSERT INTO groups (id, name, kind, start_date, attendance_mode, created_at, updated_at)
  VALUES (1, 'Tuesday meeting', 'mutual_aid', '2026-01-06', 'headcount',
          '2026-01-05T10:00:00', '2026-01-05T10:00:00'),
         (2, 'Art group', 'wellness', '2026-01-06', 'named',
          '2026-01-05T10:00:00', '2026-01-05T10:00:00');
INSERT INTO sessions (id, group_id, starts_at, duration_minutes)
  VALUES (1, 1, '2026-01-06T18:00', 60), (2, 2, '2026-01-06T18:00', 60);
INSERT INTO attendance (session_id, member_id, recorded_at) VALUES (2, 1, '2026-01-06T18:05');
INSERT INTO staff (id, name, role, created_at) VALUES (1, 'Dee', 'director', 1767000000);
INSERT INTO audit (id, at, staff, kind, detail) VALUES (1, 1767000000, 'Dee', 'sign-in', 'kept');
EOF
cat >"$tmp/work/refused.sql" <<'EOF'
INSERT INTO attendance (session_id, member_id, recorded_at) VALUES (1, 1, '2026-01-06T18:05')
UPDATE groups SET attendance_mode = 'headcount' WHERE id = 2
UPDATE staff SET role = 'coordinator' WHERE id = 1
UPDATE staff SET removed_at = 1767000001 WHERE id = 1
UPDATE audit SET detail = 'changed'
DELETE FROM audit
INSERT INTO audit (id, at, kind) VALUES (1, 1767000002, 'sign-in')
EOF

if ! out=$(python3 - "$src" "$tmp/work" <<'EOF' 2>&1
import glob
import os
import re
import sqlite3
import sys

src, work = sys.argv[1], sys.argv[2]
db = sqlite3.connect(':memory:', isolation_level=None)
db.execute('PRAGMA foreign_keys = ON')
for path in sorted(glob.glob(os.path.join(src, 'data', 'migrations', '[0-9][0-9][0-9].sql'))):
    with open(path, encoding='utf-8') as f:
        db.executescript(f.read())

def search_table(name):
    return name.startswith('members_fts') or name.startswith('sqlite_')

tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                                   " ORDER BY name") if not search_table(r[0])]

def write(name, lines):
    with open(os.path.join(work, name), 'w', encoding='utf-8') as f:
        for line in lines:
            f.write(line + '\n')

columns, defaults, fks, checks, uniques, indexes, triggers = [], [], [], [], [], [], []
for t in tables:
    for cid, name, ctype, notnull, default, pk in db.execute(f'PRAGMA table_info ("{t}")'):
        columns.append(f'{t}|{name}|{ctype.upper()}|{1 if notnull or pk else 0}|{pk}')
        if default is not None:
            defaults.append(f'{t}|{name}|{default}')
    for row in db.execute(f'PRAGMA foreign_key_list ("{t}")'):
        fks.append(f'{t}|{row[3]}|{row[2]}|{row[4]}|{row[6]}')
    sql = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                     (t,)).fetchone()[0]
    n_checks = len(re.findall(r'\bCHECK\s*\(', sql, re.IGNORECASE))
    if n_checks:
        checks.append(f'{t}|{n_checks}')
    info = db.execute(f'PRAGMA table_info ("{t}")').fetchall()
    pk = [r for r in info if r[5] > 0]
    # An INTEGER PRIMARY KEY is the rowid, which has no index of its own.
    if len(pk) == 1 and pk[0][2].upper() == 'INTEGER':
        uniques.append(f'{t}|{pk[0][1]}')
    for seq, name, unique, origin, partial in db.execute(f'PRAGMA index_list ("{t}")'):
        if unique and not partial:
            cols = [r[2] for r in db.execute(f'PRAGMA index_info ("{name}")')]
            uniques.append(f'{t}|{",".join(cols)}')
        if origin == 'c':
            indexes.append(f'{t}|{name}|{unique}|{partial}')
for name, table in db.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'"):
    if not name.startswith('members_fts'):
        triggers.append(f'{table}|{name}')

seeds = []
for t in ('meta', 'visit_purposes', 'volunteer_roles', 'training_domains'):
    for row in db.execute(f'SELECT * FROM "{t}" ORDER BY 1'):
        seeds.append(t + '|' + '|'.join(str(v) for v in row))

with open(os.path.join(work, 'setup.sql'), encoding='utf-8') as f:
    db.executescript(f.read())
messages = []
with open(os.path.join(work, 'refused.sql'), encoding='utf-8') as f:
    for statement in f.read().splitlines():
        try:
            db.execute(statement)
            messages.append('(accepted)')
        except sqlite3.Error as e:
            messages.append(str(e))

write('tables', tables)
write('columns', columns)
write('defaults', defaults)
write('fks', sorted(fks))
write('checks', sorted(checks))
write('uniques', sorted(uniques))
write('indexes', sorted(indexes))
write('triggers', sorted(triggers))
write('seeds', seeds)
write('messages', messages)
EOF
); then
  give_up "the SQLite schema can be built from data/migrations" "$out"
fi

# differs EXPECTED_FILE ACTUAL: what differs, as a diff.
differs () {
  printf '%s\n' "$2" >"$tmp/work/actual"
  diff -u "$1" "$tmp/work/actual" | tail -n +3
}

# missing EXPECTED_FILE ACTUAL: the expected lines that are not in ACTUAL.
missing () {
  printf '%s\n' "$2" | sort >"$tmp/work/actual"
  sort "$1" | comm -23 - "$tmp/work/actual"
}

# The name search's own tables (search.sql) have no counterpart among SQLite's tables, as
# SQLite's full-text tables have none on the server.
in_schema="n.nspname = current_schema () AND c.relkind = 'r'
           AND c.relname NOT IN ('member_words', 'pd_fold_chars')"
tables_sql="FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
            WHERE $in_schema"

ok "the same tables as SQLite (without the name search's)" \
  "$(differs "$tmp/work/tables" "$(pg "SELECT c.relname $tables_sql ORDER BY c.relname")")"

ok "the same columns in the same order, of the same types, NOT NULL and keys" \
  "$(differs "$tmp/work/columns" "$(pg "
      SELECT c.relname, a.attname,
             CASE a.atttypid WHEN 'int8'::regtype THEN 'INTEGER' WHEN 'text'::regtype THEN 'TEXT'
                             WHEN 'float8'::regtype THEN 'REAL'
                             ELSE format_type (a.atttypid, a.atttypmod) END,
             CASE WHEN a.attnotnull THEN 1 ELSE 0 END,
             -- indkey counts from 0
             coalesce (array_position (CAST (i.indkey AS int2[]), a.attnum) + 1, 0)
        FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
        JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        LEFT JOIN pg_index AS i ON i.indrelid = c.oid AND i.indisprimary
       WHERE $in_schema ORDER BY c.relname, a.attnum")")"

# Schema version 9: a desk saving a record read before another desk's save is
# found out by the record's version, on both engines alike.
versioned=$(printf '%s\n' members groups volunteers | while read -r t; do
              printf '%s|version|INTEGER|1|0\n%s|updated_by|TEXT|1|0\n' "$t" "$t"
            done)
ok "members, groups and volunteers keep a version and who saved them" \
  "$(printf '%s\n' "$versioned" | sort | comm -23 - <(sort "$tmp/work/columns"))$(
     printf '%s\n' "$versioned" | sort | comm -23 - <(pg "
      SELECT c.relname, a.attname,
             CASE a.atttypid WHEN 'int8'::regtype THEN 'INTEGER' WHEN 'text'::regtype THEN 'TEXT'
                             ELSE format_type (a.atttypid, a.atttypmod) END,
             CASE WHEN a.attnotnull THEN 1 ELSE 0 END, 0
        FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
        JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       WHERE $in_schema AND a.attname IN ('version', 'updated_by')" | sort))"

# PostgreSQL names the type of a default ("''::text", "'-1'::integer").
ok "the same column defaults" \
  "$(differs "$tmp/work/defaults" "$(pg "
      SELECT c.relname, a.attname, pg_get_expr (d.adbin, d.adrelid)
        FROM pg_attrdef AS d JOIN pg_class AS c ON c.oid = d.adrelid
        JOIN pg_namespace AS n ON n.oid = c.relnamespace
        JOIN pg_attribute AS a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
       WHERE $in_schema ORDER BY c.relname, a.attnum" |
      sed -E -e 's/::[a-z ]+$//' -e "s/\\|'(-?[0-9]+)'$/|\\1/")")"

ok "every text column sorts byte by byte, as SQLite's BINARY" \
  "$(pg "SELECT c.relname || '.' || a.attname || ' is ' || coalesce (l.collname, 'no collation')
           FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
           JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0
           LEFT JOIN pg_collation AS l ON l.oid = a.attcollation
          WHERE $in_schema AND a.atttypid = 'text'::regtype
            AND l.collname IS DISTINCT FROM 'C'")"

ok "every id is an identity that takes given values too (BY DEFAULT)" \
  "$(pg "SELECT c.relname || '.id: ' || CASE a.attidentity WHEN 'a' THEN 'ALWAYS'
                                                           ELSE 'no identity' END
           FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
           JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attname = 'id'
          WHERE $in_schema AND a.attidentity <> 'd'")"

ok "the same foreign keys, with the same ON DELETE" \
  "$(differs "$tmp/work/fks" "$(pg "
      SELECT c.relname, a.attname, rc.relname, ra.attname,
             CASE k.confdeltype WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT'
                                WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL'
                                ELSE 'SET DEFAULT' END
        FROM pg_constraint AS k JOIN pg_class AS c ON c.oid = k.conrelid
        JOIN pg_namespace AS n ON n.oid = c.relnamespace
        JOIN pg_class AS rc ON rc.oid = k.confrelid
        JOIN pg_attribute AS a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
        JOIN pg_attribute AS ra ON ra.attrelid = k.confrelid AND ra.attnum = k.confkey[1]
       WHERE $in_schema AND k.contype = 'f' ORDER BY 1, 2, 3, 4, 5" | sort)")"

ok "as many CHECK constraints on each table" \
  "$(differs "$tmp/work/checks" "$(pg "
      SELECT c.relname, count (*) FROM pg_constraint AS k JOIN pg_class AS c ON c.oid = k.conrelid
        JOIN pg_namespace AS n ON n.oid = c.relnamespace
       WHERE $in_schema AND k.contype = 'c' GROUP BY c.relname" | sort)")"

ok "the same unique keys" \
  "$(differs "$tmp/work/uniques" "$(pg "
      SELECT c.relname, string_agg (a.attname, ',' ORDER BY k.pos)
        FROM pg_index AS i JOIN pg_class AS c ON c.oid = i.indrelid
        JOIN pg_namespace AS n ON n.oid = c.relnamespace
        CROSS JOIN LATERAL unnest (CAST (i.indkey AS int2[])) WITH ORDINALITY AS k (attnum, pos)
        JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attnum = k.attnum
       WHERE $in_schema AND i.indisunique AND i.indpred IS NULL
       GROUP BY c.relname, i.indexrelid" | sort)")"

ok "every index of SQLite's, on the same table, as unique and as partial" \
  "$(missing "$tmp/work/indexes" "$(pg "
      SELECT c.relname, ic.relname, CASE WHEN i.indisunique THEN 1 ELSE 0 END,
             CASE WHEN i.indpred IS NULL THEN 0 ELSE 1 END
        FROM pg_index AS i JOIN pg_class AS c ON c.oid = i.indrelid
        JOIN pg_class AS ic ON ic.oid = i.indexrelid
        JOIN pg_namespace AS n ON n.oid = c.relnamespace WHERE $in_schema")")"

ok "every trigger of SQLite's, on the same table (the name search's aside)" \
  "$(missing "$tmp/work/triggers" "$(pg "
      SELECT c.relname, t.tgname FROM pg_trigger AS t JOIN pg_class AS c ON c.oid = t.tgrelid
        JOIN pg_namespace AS n ON n.oid = c.relnamespace WHERE $in_schema AND NOT t.tgisinternal")")"

# tgtype: 1 row-level, 2 before, 4 insert, 8 delete, 16 update, 32 truncate.
# Row triggers for rows (see pd_notify_changed ()), a statement trigger
# for TRUNCATE, which has no rows.
ok "every table announces inserts, updates, deletes and truncations" \
  "$(pg "SELECT c.relname $tables_sql
           AND NOT (EXISTS (SELECT 1 FROM pg_trigger AS t
                             WHERE t.tgrelid = c.oid
                               AND t.tgfoid = 'pd_notify_changed'::regproc
                               AND t.tgtype & 3 = 1 AND t.tgtype & 28 = 28)
                    AND EXISTS (SELECT 1 FROM pg_trigger AS t
                                 WHERE t.tgrelid = c.oid
                                   AND t.tgfoid = 'pd_notify_changed'::regproc
                                   AND t.tgtype & 3 = 0 AND t.tgtype & 32 = 32))")"

# The server keeps memory for each released savepoint whose statement fired
# a statement trigger until the transaction ends; the core runs each write
# of a transaction under a savepoint of its own, so a statement trigger on
# INSERT, UPDATE or DELETE would make an import of a million rows take the
# server's memory.
ok "no table has statement triggers on its rows' changes" \
  "$(pg "SELECT c.relname || ' ' || t.tgname
           FROM pg_trigger AS t JOIN pg_class AS c ON c.oid = t.tgrelid
           JOIN pg_namespace AS n ON n.oid = c.relnamespace
          WHERE $in_schema AND NOT t.tgisinternal AND t.tgtype & 1 = 0 AND t.tgtype & 28 <> 0")"

ok "the same seeded rows (meta, visit purposes, volunteer roles, training domains)" \
  "$(differs "$tmp/work/seeds" "$(pg "SELECT 'meta|' || key || '|' || value FROM meta ORDER BY key;
                                      SELECT 'visit_purposes', * FROM visit_purposes ORDER BY 2;
                                      SELECT 'volunteer_roles', * FROM volunteer_roles ORDER BY 2;
                                      SELECT 'training_domains', * FROM training_domains
                                        ORDER BY 2")")"

ok "the database gets a random id of 32 lower-case hexadecimal digits" \
  "$(pg "SELECT count (*) FROM identity" | grep -vx 1)$(pg "SELECT database_id FROM identity" |
                                                       grep -vxE '[0-9a-f]{32}')"

# The rules, with SQLite's messages.
out=$(pg "$(cat "$tmp/work/setup.sql")")
ok "rows SQLite takes are taken" "$out"

actual=
while IFS= read -r statement; do
  if out=$(pg "$statement"); then
    actual+="(accepted)"$'\n'
  else
    actual+="$(printf '%s\n' "$out" | sed -n 's/^ERROR:  //p' | head -n 1)"$'\n'
  fi
done <"$tmp/work/refused.sql"
printf '%s' "$actual" >"$tmp/work/refused-pg"
paste -d '\n' "$tmp/work/refused.sql" "$tmp/work/refused-pg" >"$tmp/work/refused-both"

line () {
  sed -n "$1p" "$tmp/work/refused-pg"
}

ok "a name in a headcount-only group is refused with SQLite's message" \
  "$( [ "$(line 1)" = "headcount-only group: no names are recorded" ] ||
        cat "$tmp/work/refused-both"
      pg "SELECT count (*) FROM attendance WHERE session_id = 1" | grep -vx 0)"

ok "a group with names is not made headcount-only" \
  "$(pg "SELECT attendance_mode FROM groups WHERE id = 2" | grep -vx named)"

ok "the last director stays" \
  "$(pg "SELECT role, removed_at IS NULL FROM staff WHERE id = 1" | grep -vx 'director|t')"

ok "the audit trail is neither updated nor deleted nor written over" \
  "$(pg "SELECT id, detail FROM audit" | grep -vx '1|kept')"

ok "refused statements say what SQLite says" \
  "$(diff -u "$tmp/work/messages" "$tmp/work/refused-pg" | tail -n +3)"

ok "the audit trail cannot be emptied by TRUNCATE either" \
  "$(pg "TRUNCATE audit" | grep -vx 'ERROR:  the audit trail cannot be changed'
     pg "SELECT count (*) FROM audit" | grep -vx 1)"

# The member count in meta.
count () {
  pg "SELECT value FROM meta WHERE key = 'member_count'"
}

insert_members () {
  pg "INSERT INTO members (id, number, first_name, joined_date, created_at, updated_at, sort_key)
      SELECT 10 + i, 'N' || i, 'Member', '2026-01-05', '2026-01-05T10:00:00', '2026-01-05T10:00:00',
             'member'
        FROM generate_series ($1, $2) AS i"
}

out=$(insert_members 1 3; [ "$(count)" = 4 ] || echo "after adding 3 members to 1: $(count)")
ok "adding members moves the member count up" "$out"

out=$(pg "DELETE FROM members WHERE number IN ('N1', 'N2')"
      [ "$(count)" = 2 ] || echo "after removing 2 of 4 members: $(count)")
ok "removing members moves the member count down" "$out"

out=$(pg "UPDATE members SET first_name = 'Renamed' WHERE number = 'N3'"
      [ "$(count)" = 2 ] || echo "after changing a member: $(count)")
ok "changing a member leaves the member count" "$out"

out=$(pg "BEGIN;
          INSERT INTO meta (key, value) VALUES ('bulk_load', '1');
          INSERT INTO members (id, number, first_name, joined_date, created_at, updated_at,
                               sort_key)
            VALUES (20, 'B1', 'Loaded', '2026-01-05', '2026-01-05T10:00', '2026-01-05T10:00', 'l');
          SELECT 'during the load: ' || value FROM meta WHERE key = 'member_count';
          DELETE FROM meta WHERE key = 'bulk_load';
          COMMIT" | grep -vx 'during the load: 2'
      [ "$(count)" = 2 ] || echo "after the load: $(count)")
ok "members added during a bulk load are left for the loader to count" "$out"

out=$(pg "INSERT INTO members (id, number, first_name, joined_date, created_at, updated_at,
                               sort_key)
          VALUES (1, 'X', 'Again', '2026-01-05', '2026-01-05', '2026-01-05', 'x')" |
        grep -v '^ERROR:  duplicate key'
      [ "$(count)" = 2 ] || echo "after a refused insert: $(count)")
ok "a refused insert leaves the member count" "$out"

# As the core writes in a transaction: each row under a savepoint of its
# own. 2,000 members and their visits must not hold the server's memory
# (a statement trigger held 8 kB a savepoint: 32 MB here).
memory_sql="SELECT sum (total_bytes) FROM pg_backend_memory_contexts"
{
echo "BEGIN; SELECT 'before ' || ($memory_sql);"
for i in $(seq 1000 2999); do
  printf "SAVEPOINT w; INSERT INTO members (id, number, first_name, joined_date, created_at,
            updated_at, sort_key) VALUES (%d, 'S%d', 'Saved', '2026-01-05', '2026-01-05T10:00',
            '2026-01-05T10:00', 's'); RELEASE SAVEPOINT w;
          SAVEPOINT w; INSERT INTO visits (visited_at, purpose_id, member_id, created_at)
            VALUES ('2026-01-06T10:00', 1, %d, '2026-01-06T10:00:01'); RELEASE SAVEPOINT w;\n" \
    "$i" "$i" "$i"
done
echo "SELECT 'after ' || ($memory_sql); ROLLBACK;"
} >"$tmp/work/savepoints.sql"
out=$("$psql" -X -q -At -v ON_ERROR_STOP=1 "$db" -f "$tmp/work/savepoints.sql" 2>&1)
before=$(printf '%s\n' "$out" | sed -n 's/^before //p')
after=$(printf '%s\n' "$out" | sed -n 's/^after //p')
if [ -z "$before" ] || [ -z "$after" ]; then
  out="the writes did not run: $(printf '%s\n' "$out" | head -n 5)"
elif [ $((after - before)) -gt $((4 * 1024 * 1024)) ]; then
  out="4,000 savepointed writes held $(( (after - before) / 1024 )) kB of the server's memory"
else
  out=
fi
ok "writes under savepoints in one transaction leave the server's memory as it was" "$out"

# pd_member_matches () reads the words differently by how many each range
# holds: every way must give what the plain query gives, the members with a
# word in each range, lowest ids first.
cat >"$tmp/work/matches.sql" <<'EOF'
BEGIN;
INSERT INTO members (id, number, first_name, joined_date, created_at, updated_at, sort_key)
  SELECT 100000 + i, 'W' || i, 'Word', '2026-01-05', '2026-01-05T10:00', '2026-01-05T10:00', 'w'
    FROM generate_series (1, 40000) AS i;
INSERT INTO member_words (word, member_id)
  SELECT 'alpha' || i, 100000 + i FROM generate_series (1, 40000) AS i
  UNION ALL SELECT 'beta' || i, 100000 + i FROM generate_series (3, 40000, 3) AS i
  UNION ALL SELECT 'gamma', 100000 + i FROM generate_series (7, 40000, 7) AS i
  UNION ALL SELECT 'gala', 100000 + i FROM generate_series (7, 40000, 14) AS i
  UNION ALL SELECT 'delta', 100000 + i FROM generate_series (100, 40000, 100) AS i;
CREATE TEMPORARY TABLE cases (los TEXT, his TEXT);
INSERT INTO cases VALUES ('a', 'b'), ('b', 'c'), ('alpha1', 'alpha2'), ('d', 'e'), ('a b', 'b c'),
  ('al ga', 'am gb'), ('a d', 'b e'), ('b g', 'c h'), ('gamma gala', 'gammb galb'), ('x', 'y');
SELECT c.los || ': ' || coalesce (array_length (got.ids, 1), 0) || ' found'
  FROM cases AS c,
       LATERAL (SELECT array_agg (id) AS ids FROM pd_member_matches (c.los, c.his, 501) AS id) AS got,
       LATERAL (SELECT array_agg (id ORDER BY id) AS ids
                  FROM (SELECT m.id FROM members AS m
                         WHERE NOT EXISTS (SELECT 1
                                             FROM unnest (string_to_array (c.los, ' '),
                                                          string_to_array (c.his, ' ')) AS r (lo, hi)
                                            WHERE NOT EXISTS (SELECT 1 FROM member_words AS w
                                                               WHERE w.member_id = m.id
                                                                 AND w.word >= r.lo
                                                                 AND w.word < r.hi))
                         ORDER BY m.id LIMIT 501) AS plain) AS expected
 WHERE got.ids IS DISTINCT FROM expected.ids;
ROLLBACK;
EOF
ok "the name search's every way of reading finds what the plain query finds" \
  "$("$psql" -X -q -At -v ON_ERROR_STOP=1 "$db" -f "$tmp/work/matches.sql" 2>&1)"

# Changes are announced: a second session listens while a visit is
# recorded. psql prints what arrived after each of its commands.
listener_out="$tmp/work/listener.out"
mkfifo "$tmp/work/listener.in"
"$psql" -X -q -At "$db" <"$tmp/work/listener.in" >"$listener_out" 2>&1 &
listener=$!
exec 3>"$tmp/work/listener.in"
printf 'LISTEN peerdesk_changed;\n\\echo listening\n' >&3

wait_for () {
  local tries=0
  until grep -q "$1" "$listener_out" 2>/dev/null; do
    tries=$((tries + 1))
    [ $tries -le 300 ] || return 1
    sleep 0.1
  done
}

out=
if wait_for '^listening$'; then
  out=$(pg "INSERT INTO visits (visited_at, purpose_id, created_at)
            VALUES ('2026-01-06T10:00', 1, '2026-01-06T10:00:01')")
  printf 'SELECT 1;\n\\echo done\n' >&3
  wait_for '^done$' || out+="the listening session did not answer"
else
  out="the listening session did not start: $(cat "$listener_out")"
fi
exec 3>&-
wait "$listener"
if [ -z "$out" ] &&
   ! grep -q 'notification "peerdesk_changed" with payload "visits" received' "$listener_out"; then
  out="no notification with payload \"visits\": $(cat "$listener_out")"
fi
ok "recording a visit sends peerdesk_changed with payload \"visits\"" "$out"

echo "1..$n"
[ $failed -eq 0 ]
