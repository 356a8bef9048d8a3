#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the build into a temporary folder (meson install --destdir) and
# runs what was installed there: the command line finds its credential
# templates and translations, writes a report that the installed schema
# validates, and the app starts on a fresh database and paints its window,
# all from that folder, whose data is nowhere the programs were told of when
# they were built. The desktop file, metainfo, settings schema, icons, manual
# pages, completion and help are checked as installed.
#
# The build directory is installed as it is (the suite has built it) through
# a folder of links to it, so that the install's log goes there and nothing
# in the build directory changes.
#
# Usage: test-install.sh MESON BUILD_ROOT SOURCE_ROOT PREFIX BINDIR DATADIR MANDIR LOCALEDIR
#                        COMPLETIONSDIR
#   (each folder absolute, as meson names them)
# Output: TAP.

if [ $# -ne 9 ]; then
  echo "usage: $0 MESON BUILD_ROOT SOURCE_ROOT PREFIX BINDIR DATADIR MANDIR LOCALEDIR" \
    "COMPLETIONSDIR" >&2
  exit 2
fi
meson=$1
build=$2
source_root=$3
prefix=$4
destdir=$(mktemp -d)
root="$destdir/root"
bindir=$root$5
datadir=$root$6
mandir=$root$7
localedir=$root$8
completionsdir=$root$9
pkgdatadir=$datadir/peerdesk
app=$bindir/peerdesk

# shellcheck source=tests/cli-test-lib.sh
source "$(dirname "$0")/cli-test-lib.sh" "$bindir/peerdesk-cli"
trap 'rm -rf "$tmp" "$destdir"' EXIT
unset LANGUAGE PEERDESK_TEMPLATES_DIR

# missing FILE...: the files that are not there, one a line.
missing () {
  local file
  for file in "$@"; do
    [ -f "$file" ] || echo "missing: ${file#"$root"}"
  done
}

# The install, from a folder of links to the build directory.
links="$destdir/build"
mkdir -p "$links/meson-private" "$links/meson-logs"
ln -s "$build/meson-private/install.dat" "$links/meson-private/install.dat"
for entry in "$build"/*; do
  case ${entry##*/} in
    meson-private | meson-logs) ;;
    *) ln -s "$entry" "$links/" ;;
  esac
done
ok "meson install --destdir installs the build" \
  "$("$meson" install -C "$links" --no-rebuild --destdir "$root" --quiet 2>&1 >/dev/null ||
     echo "meson install failed")"

ok "the programs, their data, manual pages and completion are installed" \
  "$(missing "$cli" "$app" \
       "$pkgdatadir/credentials/icrc-peer-recovery.json" \
       "$pkgdatadir/credentials/state-board-peer-specialist.json" \
       "$pkgdatadir/schema/peerdesk-report-1.xsd" \
       "$datadir/applications/org.peerdesk.Peerdesk.desktop" \
       "$datadir/metainfo/org.peerdesk.Peerdesk.metainfo.xml" \
       "$datadir/glib-2.0/schemas/org.peerdesk.Peerdesk.gschema.xml" \
       "$datadir/icons/hicolor/scalable/apps/org.peerdesk.Peerdesk.svg" \
       "$datadir/icons/hicolor/symbolic/apps/org.peerdesk.Peerdesk-symbolic.svg" \
       "$mandir/man1/peerdesk.1" "$mandir/man1/peerdesk-cli.1" \
       "$completionsdir/peerdesk-cli")"

# The desktop's view of the app.
desktop=$datadir/applications/org.peerdesk.Peerdesk.desktop
if command -v desktop-file-validate >/dev/null; then
  ok "the desktop file is valid" "$(desktop-file-validate "$desktop" 2>&1)"
else
  skip "desktop-file-validate is not installed"
fi
ok "the desktop file starts the installed program with the installed icon" \
  "$(grep -qx 'Exec=peerdesk' "$desktop" || echo "Exec= is not peerdesk"
     [ -x "$bindir/$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop")" ] || echo "no such program"
     icon=$(sed -n 's/^Icon=//p' "$desktop")
     [ -f "$datadir/icons/hicolor/scalable/apps/$icon.svg" ] || echo "no icon $icon")"
if command -v appstreamcli >/dev/null; then
  ok "the metainfo is valid" \
    "$(appstreamcli validate --no-net "$datadir/metainfo/org.peerdesk.Peerdesk.metainfo.xml" \
         >"$tmp/appstream.log" 2>&1 || cat "$tmp/appstream.log")"
else
  skip "appstreamcli is not installed"
fi
# meson leaves compiling the schemas to the package's own install, under DESTDIR.
ok "the installed settings schema compiles" \
  "$(glib-compile-schemas --strict "$datadir/glib-2.0/schemas" 2>&1)"

# The manual pages, as man shows them.
for page in peerdesk peerdesk-cli; do
  ok "man -l reads the installed $page(1)" \
    "$(MANWIDTH=80 man --warnings -l "$mandir/man1/$page.1" 2>&1 >"$tmp/$page.txt"
       grep -q "^NAME" "$tmp/$page.txt" || echo "no NAME section"
       grep -q "$prefix/share/peerdesk/credentials" "$tmp/$page.txt" ||
         echo "the templates' folder is not named as installed")"
done
ok "the installed completion is the one of the source tree" \
  "$(cmp "$completionsdir/peerdesk-cli" "$source_root/data/completion/peerdesk-cli" 2>&1)"

if [ -d "$source_root/help" ]; then
  ok "the help is installed for the help viewer" \
    "$(missing "$datadir/help/C/peerdesk/index.page")"
else
  skip "no help in this source tree"
fi

# The command line, run from where it was installed. A template only the
# installed folder has shows that the program reads that folder.
cat >"$pkgdatadir/credentials/install-check.json" <<'EOF'
{
  "format": 1,
  "code": "install-check",
  "name": "Installed templates",
  "renewal_cycle_months": 12,
  "multi_domain_courses": "full",
  "initial": { "total_hours": 10 },
  "renewal": { "total_hours": 5 }
}
EOF
db="$tmp/records.db"
# problems COMMAND...: runs the installed command line, saying what failed.
problems () {
  run --database "$db" "$@"
  [ "$rc" -eq 0 ] || {
    echo "peerdesk-cli $* failed:"
    cat "$tmp/err"
  }
}
ok "the installed peerdesk-cli runs" \
  "$("$cli" --version 2>&1 | grep -qx "peerdesk-cli [0-9.]*" || echo "no version")"
ok "the installed peerdesk-cli finds the installed templates" \
  "$(run credentials add --help
     for code in icrc-peer-recovery state-board-peer-specialist install-check; do
       grep -q "^  $code " "$tmp/out" || echo "$code is not listed"
     done)"
ok "a credential of an installed template is added" \
  "$(problems init
     problems volunteers add "Rosa Díaz"
     problems credentials add "Rosa Díaz" --template install-check --issued 2026-01-05)"

ok "the installed peerdesk-cli writes a report" \
  "$(problems settings --organisation "Eastside Recovery Centre"
     problems report --from 2026-01-01 --to 2026-01-31 -o "$tmp/report.xml")"
if command -v xmllint >/dev/null; then
  ok "the report is valid against the installed schema" \
    "$(xmllint --noout --schema "$pkgdatadir/schema/peerdesk-report-1.xsd" "$tmp/report.xml" \
         2>&1 | grep -v ' validates$')"
else
  skip "xmllint is not installed"
fi

# The translations: each language of po/LINGUAS is installed, and one that
# the computer has a locale for is spoken by the installed program.
languages=$(sed -e 's/#.*//' "$source_root/po/LINGUAS" | tr -s ' \t' '\n\n' | sed '/^$/d')
if [ -z "$languages" ]; then
  skip "po/LINGUAS lists no language"
else
  ok "a translation is installed for each language of po/LINGUAS" \
    "$(for language in $languages; do
         missing "$localedir/$language/LC_MESSAGES/peerdesk.mo"
       done)"
fi
summary="Keep the member records of a peer-run recovery centre."
if ! grep -qx es "$source_root/po/LINGUAS"; then
  skip "po/LINGUAS has no Spanish"
elif ! locale -a 2>/dev/null | grep -qix 'es_US.utf-\?8'; then
  skip "the es_US.UTF-8 locale is missing"
else
  # What the installed catalogue says, and what the program says, as one line.
  expected=$(LC_ALL=es_US.UTF-8 LANGUAGE=es TEXTDOMAINDIR="$localedir" \
               gettext -d peerdesk "$summary" | tr -s ' ')
  said=$(LC_ALL=es_US.UTF-8 LANGUAGE=es "$cli" --help 2>&1 | tr '\n' ' ' | tr -s ' ')
  ok "LANGUAGE=es LC_ALL=es_US.UTF-8 makes the installed peerdesk-cli speak Spanish" \
    "$([ "$expected" != "$summary" ] || echo "the catalogue does not translate: $summary"
       case $said in
         *"$expected"*) ;;
         *) echo "the help is not in Spanish: ${said:0:200}" ;;
       esac)"
fi

# A catalogue only the installed folder has, for a language Peerdesk is not
# translated into, shows that the program reads its translations there and
# not from where it was built.
locale=$(locale -a 2>/dev/null | grep -ix -m 1 'es_US.utf-\?8\|en_US.utf-\?8')
if [ -z "$locale" ] || ! command -v msgfmt >/dev/null; then
  skip "no es_US or en_US locale, or no msgfmt"
else
  marker="Registrojn de membroj tenas la instalita katalogo."
  mkdir -p "$localedir/eo/LC_MESSAGES"
  printf 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "%s"\nmsgstr "%s"\n' \
    "$summary" "$marker" | msgfmt -o "$localedir/eo/LC_MESSAGES/peerdesk.mo" -
  ok "the installed peerdesk-cli reads the translations installed beside it" \
    "$(LC_ALL=$locale LANGUAGE=eo "$cli" --help 2>&1 | grep -qF "$marker" ||
       echo "the help does not say: $marker")"
  rm -r "$localedir/eo"
fi

# The app, on a display: it finds the settings schema installed beside it
# (compiled above) with nothing pointing there, starts on a fresh database,
# and quits once its window has been painted.
run_app () {
  env -u GSETTINGS_SCHEMA_DIR GSETTINGS_BACKEND=memory GDK_BACKEND=x11 GSK_RENDERER=cairo \
    NO_AT_BRIDGE=1 GTK_A11Y=test timeout 120 "$@" "$app" --database "$tmp/fresh.db" \
    --benchmark-first-frame
}
if [ -n "${DISPLAY:-}" ]; then
  run_app >"$tmp/app.log" 2>&1
  app_status=$?
elif command -v xvfb-run >/dev/null; then
  run_app xvfb-run -a >"$tmp/app.log" 2>&1
  app_status=$?
else
  app_status=
fi
if [ -z "$app_status" ]; then
  skip "no display and no xvfb-run"
else
  ok "the installed peerdesk starts on a fresh database and shows its window" \
    "$([ "$app_status" -eq 0 ] || echo "exit status $app_status"
       grep -q '^first-frame ' "$tmp/app.log" || cat "$tmp/app.log"
       [ -f "$tmp/fresh.db" ] || echo "no database was created")"
  ok "the fresh database is readable by its owner alone" \
    "$([ "$(stat -c %a "$tmp/fresh.db" 2>&1)" = 600 ] || stat -c %a "$tmp/fresh.db" 2>&1)"
fi

finish
