#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks that every translation named in po/LINGUAS is complete: a template is extracted afresh
# from the files of po/POTFILES.in (not the one a build may have left behind), each catalogue is
# merged against it, and no message may be left untranslated or fuzzy. msgfmt then checks that
# every translation keeps the format specifiers and plural forms of its message. The messages
# that need work are named, so that they are easy to find in the catalogue.
#
# Usage: test-translations.sh SOURCE_ROOT
# Output: TAP.

set -uo pipefail
export LC_ALL=C.UTF-8

if [ $# -ne 1 ]; then
  echo "usage: $0 SOURCE_ROOT" >&2
  exit 2
fi

script_dir=$(cd "$(dirname "$0")" && pwd)
cd "$1" || exit 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

n=0
failed=0

ok () {
  n=$((n + 1))
  echo "ok $n - $1"
}

not_ok () {
  n=$((n + 1))
  echo "not ok $n - $1"
  failed=$((failed + 1))
}

# shellcheck source=tests/xgettext-glib.sh
. "$script_dir/xgettext-glib.sh"
sed -e '/^[[:space:]]*#/d' -e '/^[[:space:]]*$/d' po/POTFILES.in > "$work/POTFILES"
if xgettext --package-name=peerdesk --add-comments "${xgettext_glib[@]}" \
     -f "$work/POTFILES" -o "$work/peerdesk.pot" 2> "$work/xgettext.log"; then
  count=$(grep -c '^msgid ' "$work/peerdesk.pot")
  ok "the template extracted from the sources holds $((count - 1)) messages"
else
  not_ok "xgettext could not extract the template from the sources"
  sed 's/^/#   /' "$work/xgettext.log"
  echo "1..$n"
  exit 1
fi

# The metainfo, desktop file and schema are extracted too, so that they are translated.
for msgid in 'Community Centre Front Desk' 'Front desk for peer-run recovery community centres' \
             'Lock the desk when idle'; do
  if grep -qF "msgid \"$msgid\"" "$work/peerdesk.pot"; then
    ok "the template holds “$msgid”"
  else
    not_ok "the template lacks “$msgid”: a data file is not extracted"
  fi
done

mapfile -t languages < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' po/LINGUAS)
if [ "${#languages[@]}" -gt 0 ]; then
  ok "po/LINGUAS names ${languages[*]}"
else
  not_ok "po/LINGUAS names no language"
fi

# Prints the msgids of a catalogue, one a line, as they are written in it.
list_msgids () {
  msgcat --no-wrap "$1" | awk '/^msgid "/ { id = substr($0, 7); if (id != "\"\"") print "#     " id }'
}

for lang in "${languages[@]}"; do
  po="po/$lang.po"
  if [ ! -f "$po" ]; then
    not_ok "$po, named in po/LINGUAS, exists"
    continue
  fi

  if msgmerge --quiet -o "$work/$lang.po" "$po" "$work/peerdesk.pot" 2> "$work/msgmerge.log"; then
    ok "$po merges with the template"
  else
    not_ok "$po does not merge with the template"
    sed 's/^/#   /' "$work/msgmerge.log"
    continue
  fi

  msgattrib --untranslated --no-obsolete -o "$work/$lang-untranslated.po" "$work/$lang.po"
  msgattrib --only-fuzzy --no-obsolete -o "$work/$lang-fuzzy.po" "$work/$lang.po"
  untranslated=$(list_msgids "$work/$lang-untranslated.po" 2>/dev/null | wc -l)
  fuzzy=$(list_msgids "$work/$lang-fuzzy.po" 2>/dev/null | wc -l)
  if [ "$untranslated" -eq 0 ]; then
    ok "$po translates every message"
  else
    not_ok "$po leaves $untranslated messages untranslated:"
    list_msgids "$work/$lang-untranslated.po"
  fi
  if [ "$fuzzy" -eq 0 ]; then
    ok "$po has no fuzzy translation"
  else
    not_ok "$po has $fuzzy fuzzy translations, of messages that changed or are new:"
    list_msgids "$work/$lang-fuzzy.po"
  fi

  if msgfmt --check --check-format -o /dev/null "$po" 2> "$work/msgfmt.log"; then
    ok "$po keeps the format specifiers and plural forms (msgfmt --check)"
  else
    not_ok "msgfmt --check finds errors in $po:"
    sed 's/^/#   /' "$work/msgfmt.log"
  fi

  if grep -q '^"Plural-Forms: nplurals=[0-9]*; plural=' "$po" \
     && grep -q "^\"Language: $lang\\\\n\"" "$po"; then
    ok "$po names its language and plural forms"
  else
    not_ok "$po lacks its Language or Plural-Forms header"
  fi
done

echo "1..$n"
if [ "$failed" -gt 0 ]; then
  echo "# $failed of $n checks failed"
  exit 1
fi
