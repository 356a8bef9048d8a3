#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks po/POTFILES.in against the source tree, so that no translatable string is left out of
# the translation template: every file that marks strings for translation must be listed (as
# itself or as FILE.in), and every listed file must exist.
#
# Usage: test-potfiles.sh SOURCE_ROOT
# Output: TAP.

set -euo pipefail
export LC_ALL=C

if [ $# -ne 1 ]; then
  echo "usage: $0 SOURCE_ROOT" >&2
  exit 2
fi

# shellcheck source=tests/xgettext-glib.sh
. "$(dirname "$0")/xgettext-glib.sh"
cd "$1"

if [ ! -f po/POTFILES.in ]; then
  echo "1..1"
  echo "not ok 1 - po/POTFILES.in exists"
  exit 1
fi

# Entries of POTFILES.in: no comments, no blank lines, no "[type: ...]" prefixes.
mapfile -t listed < <(sed -e '/^[[:space:]]*#/d' \
                          -e 's/^[[:space:]]*\[[^]]*\][[:space:]]*//' \
                          -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' \
                          -e '/^$/d' po/POTFILES.in)

# gettext markers in C: _("...") and N_("...") (a variable passed to _() is translated at run
# time and needs no entry), C_() and NC_() which take a context first, and the plural forms.
c_markers='(^|[^[:alnum:]_])N?_[[:space:]]*\([[:space:]]*"|(^|[^[:alnum:]_])N?C_[[:space:]]*\(|ngettext[[:space:]]*\('

find_dir () {
  if [ -d "$1" ]; then
    find "$@" -print
  fi
}

mapfile -t needed < <(
  {
    find_dir src -type f \( -name '*.c' -o -name '*.h' \) | xargs -r grep -lE "$c_markers" || true
    find_dir src -type f \( -name '*.ui' -o -name '*.ui.in' \) |
      xargs -r grep -lF 'translatable="yes"' || true
    find_dir ui -type f | xargs -r grep -lF 'translatable="yes"' || true
    find_dir data -type f | xargs -r grep -lF 'translatable="yes"' || true
    find_dir data -type f \( -name '*.desktop.in' -o -name '*.metainfo.xml.in' \
                             -o -name '*.appdata.xml.in' \)
    find_dir data -type f -name '*.gschema.xml' | xargs -r grep -lF 'gettext-domain=' || true
  } | sed -e 's|^\./||' | sort -u
)

is_listed () {
  local entry
  for entry in "${listed[@]}"; do
    if [ "$entry" = "$1" ] || [ "$entry" = "$1.in" ]; then
      return 0
    fi
  done
  return 1
}

echo "1..$(( ${#needed[@]} + ${#listed[@]} + 1 ))"

n=0
failed=0

for file in "${needed[@]}"; do
  n=$((n + 1))
  if is_listed "$file"; then
    echo "ok $n - $file is listed in po/POTFILES.in"
  else
    echo "not ok $n - $file has translatable strings but is not listed in po/POTFILES.in"
    failed=$((failed + 1))
  fi
done

for entry in "${listed[@]}"; do
  n=$((n + 1))
  if [ -f "$entry" ]; then
    echo "ok $n - $entry, listed in po/POTFILES.in, exists"
  else
    echo "not ok $n - $entry is listed in po/POTFILES.in but does not exist"
    failed=$((failed + 1))
  fi
done

# A message cut short is never translated: xgettext stops a msgid at a macro it does not know
# ("There is no member with id %" G_GINT64_FORMAT), and the program then asks for a msgid no
# catalogue has. xgettext warns of it; the keywords and flags are those of meson's glib preset.
n=$((n + 1))
mapfile -t sources < <(printf '%s\n' "${listed[@]}" | grep -E '\.(c|h)$' || true)
warnings=$(xgettext "${xgettext_glib[@]}" --language=C -o /dev/null \
             "${sources[@]}" 2>&1 | grep -i 'warning' || true)
if [ -z "$warnings" ]; then
  echo "ok $n - xgettext reads every message of the C sources whole"
else
  echo "not ok $n - xgettext warns about messages it cannot read whole:"
  printf '%s\n' "$warnings" | sed 's/^/#   /'
  failed=$((failed + 1))
fi

if [ "$failed" -gt 0 ]; then
  echo "# $failed of $n checks failed"
  exit 1
fi
