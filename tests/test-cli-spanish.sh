#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs peerdesk-cli under a Spanish locale, as a Spanish-speaking centre would, from the build
# folder: its help, its errors and its counts must come out in Spanish, and English must stay
# English. Skipped when the es_US.UTF-8 locale is not installed, as the C library then ignores
# the translation.
#
# Usage: test-cli-spanish.sh PATH/TO/peerdesk-cli
# Output: TAP.

set -uo pipefail

# shellcheck source=tests/cli-test-lib.sh
. "$(dirname "$0")/cli-test-lib.sh"

if ! locale -a 2>/dev/null | grep -qiE '^es_US\.utf-?8$'; then
  echo "1..0 # SKIP the es_US.UTF-8 locale is not installed (locale-gen es_US.UTF-8 adds it)"
  exit 0
fi
if ! locale -a 2>/dev/null | grep -qiE '^en_US\.utf-?8$'; then
  echo "1..0 # SKIP the en_US.UTF-8 locale is not installed (locale-gen en_US.UTF-8 adds it)"
  exit 0
fi

unset LANGUAGE
export LC_ALL=es_US.UTF-8

run --help
check "--help speaks Spanish" stdout_has "Órdenes:" "Crear la base de datos o ponerla al día"
check "... and keeps the command names" stdout_has "members" "checkin" "report"

run members --help
check "a command's --help speaks Spanish" stdout_has "Importa, exporta y busca miembros."

run nada
check "an unknown command is named in a Spanish error" \
  user_error "“nada” no es una orden de peerdesk-cli"

run --database "$tmp/missing.db" members search ana
check "a missing database is reported in Spanish" user_error "No hay ninguna base de datos en"

new_database db es
run --database "$db" demo --members 1200 --years 0 --seed 2
check "demo reports what it made in Spanish, grouping digits as the locale does" \
  stdout_has "Se crearon 1,200 miembros de demostración"

if sqlite_only "backups are copies of the database file"; then
  run --database "$db" backup
  check "backup succeeds under the Spanish locale" test "$rc" -eq 0
  run --database "$db" backups list
  check "backups list shows Spanish headings" stdout_has "Hecha" "Tamaño" "Miembros"
  check "... and groups the digits of its counts as the locale does" stdout_has "1,200"
  heading=$(head -n 1 "$tmp/out")
  before_size="${heading%%Tamaño*}Tamaño"
  check "... with its headings over their columns, counted in characters" \
    test "${#before_size}" -eq 31
fi

run --database "$db" members search zzzqx --limit 0
check "a wrong option value is explained in Spanish" \
  user_error "--limit debe ser un número entero del 1 al"

export LC_ALL=en_US.UTF-8
run --help
check "English stays English under en_US.UTF-8" stdout_has "Commands:"

finish
