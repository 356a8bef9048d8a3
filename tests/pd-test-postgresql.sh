#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs a test program against a PostgreSQL server of its own: starts a throwaway cluster in a
# new temporary folder, runs the program with PD_TEST_POSTGRESQL set to the server's location
# (a URI without a database name, to which the tests add the databases they make), then stops
# the server and removes the folder, whatever became of the program.
#
# Usage: pd-test-postgresql.sh PROGRAM [ARGUMENTS...]
# Exit status: the program's; 1 with the server's log on stderr if the server did not start,
# since a run on PostgreSQL that never happened must not pass for one that did.

set -uo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 PROGRAM [ARGUMENTS...]" >&2
  exit 2
fi

# The server's programs are not on PATH on Debian; pg_config (libpq-dev) knows where they are.
bindir=$(pg_config --bindir 2>/dev/null || true)
if [ ! -x "$bindir/initdb" ]; then
  bindir=/usr/lib/postgresql/15/bin
fi
if [ ! -x "$bindir/initdb" ] || [ ! -x "$bindir/pg_ctl" ]; then
  echo "$0: no PostgreSQL server programs (initdb, pg_ctl) in $bindir;" \
    "install the postgresql package (build-aux/setup does)" >&2
  exit 1
fi

# The socket's path must stay short (Unix sockets allow about 100 bytes), so the folder is
# made in /tmp rather than under TMPDIR.
dir=$(mktemp -d /tmp/pd-pg-XXXXXX) || exit 1
data="$dir/data"
log="$dir/server.log"
setup_log="$dir/setup.log"

# PostgreSQL refuses to run as root: as root the cluster belongs to the unprivileged `nobody`.
as_server=()
if [ "$(id -u)" -eq 0 ]; then
  chown nobody "$dir"
  as_server=(runuser -u nobody --)
fi

# Runs a server program from inside the cluster's folder, which the server's account may enter
# even when the current folder is not open to it.
server () {
  (cd "$dir" && "${as_server[@]}" "$@")
}

child=
stop () {
  if [ -n "$child" ]; then
    kill "$child" 2>/dev/null
    wait "$child" 2>/dev/null
    child=
  fi
  if [ -f "$data/postmaster.pid" ]; then
    # Nothing in the cluster is worth keeping: no orderly shutdown, no checkpoint.
    server "$bindir/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 ||
      kill -KILL "$(head -n 1 "$data/postmaster.pid")" 2>/dev/null
  fi
  rm -rf "$dir"
}
trap stop EXIT
trap 'stop; trap - EXIT; exit 130' INT
trap 'stop; trap - EXIT; exit 143' TERM

# Says why there is no server, with what initdb, pg_ctl and the server wrote.
fail () {
  echo "$0: $1:" >&2
  cat "$setup_log" "$log" 2>/dev/null | sed -e 's/^/  /' >&2
  exit 1
}

if ! server "$bindir/initdb" -D "$data" -U peerdesk -A trust --no-sync --no-instructions \
       -E UTF8 --locale=C.UTF-8 >"$setup_log" 2>&1; then
  fail "could not make a PostgreSQL cluster in $data"
fi

# The tests' own account, the cluster's superuser, needs no password; every other role, the
# staff members' login roles included, signs in with its password as a centre's server asks,
# over SCRAM, so that the server itself checks what the staff tests type.
cat >"$data/pg_hba.conf" <<EOF
local all peerdesk trust
local all all scram-sha-256
EOF

# The server listens only on a socket in the cluster's own folder, so the port, which names
# that socket, cannot clash with another server: any number will do, a random one shows that.
# A cluster that lives as long as one test program needs no syncing to disk; but each commit
# still reaches the log before it is acknowledged, as the tests that take the server away at
# once count on.
port=$((20000 + RANDOM % 40000))
# Small shared buffers suit small test databases; a benchmark asks for the
# server's usual 128MB with PD_TEST_POSTGRESQL_SHARED_BUFFERS.
options="-k $dir -c listen_addresses= -p $port -c fsync=off"
options+=" -c full_page_writes=off -c max_connections=40"
options+=" -c shared_buffers=${PD_TEST_POSTGRESQL_SHARED_BUFFERS:-16MB}"
if ! server "$bindir/pg_ctl" -D "$data" -o "$options" -l "$log" -w -t 60 start \
       >>"$setup_log" 2>&1; then
  fail "the PostgreSQL server did not start"
fi

export PD_TEST_POSTGRESQL="postgresql:///?host=$dir&port=$port&user=peerdesk"

# What tests of an outage use: "$PD_TEST_POSTGRESQL_DIR/control stop" takes the server away at
# once, as a crash or a lost network would; "control start" brings it back on the same socket;
# "control reload" makes it read its pg_hba.conf again.
export PD_TEST_POSTGRESQL_DIR="$dir"
cat >"$dir/control" <<EOF
#!/bin/sh
cd '$dir' || exit 1
case "\$1" in
  stop) exec ${as_server[*]} '$bindir/pg_ctl' -D '$data' -m immediate -w stop >/dev/null ;;
  start) exec ${as_server[*]} '$bindir/pg_ctl' -D '$data' -o '$options' -l '$log' -w -t 60 start >/dev/null ;;
  reload) exec ${as_server[*]} '$bindir/pg_ctl' -D '$data' reload >/dev/null ;;
  *) echo "usage: \$0 stop|start|reload" >&2; exit 2 ;;
esac
EOF
chmod 755 "$dir/control"

# The program runs in the background so that a signal stopping the tests stops the server at
# once rather than when the program ends.
"$@" &
child=$!
wait "$child"
status=$?
child=
exit "$status"
