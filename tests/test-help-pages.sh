#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks the user help in help/C with yelp-check: every page valid Mallard, every link and
# page id sound, no page out of reach of the index, each with its revision and the project's
# licence; and every page listed in help/meson.build, so that each one is installed.
# Any complaint fails.
#
# Usage: test-help-pages.sh SOURCE_ROOT YELP_CHECK
# Output: TAP.

set -uo pipefail
export LC_ALL=C.UTF-8

if [ $# -ne 2 ]; then
  echo "usage: $0 SOURCE_ROOT YELP_CHECK" >&2
  exit 2
fi

cd "$1/help" || exit 2
yelp_check=$2
n=0
failed=0

# check NAME COMMAND...: passes when COMMAND exits 0 and prints nothing.
check () {
  local name=$1 output status
  shift
  n=$((n + 1))
  output=$("$@" 2>&1)
  status=$?
  if [ $status -eq 0 ] && [ -z "$output" ]; then
    echo "ok $n - $name"
  else
    echo "not ok $n - $name"
    printf '%s\n' "$output" | sed 's/^/# /'
    failed=1
  fi
}

pages=(C/*.page)

# What yelp-check reports, one line a page, that is not what every page should say.
unexpected () {
  local report=$1 wanted=$2
  "$yelp_check" "$report" C | grep -v ": $wanted\$"
  return 0
}

# Pages in help/C that help/meson.build does not install, and the other way round.
unlisted () {
  local page
  for page in "${pages[@]}"; do
    grep -q "'${page#C/}'" meson.build || echo "${page#C/} is not in help/meson.build"
  done
  grep -o "'[a-z0-9-][a-z0-9-]*\.page'" meson.build | tr -d "'" | while read -r page; do
    [ -f "C/$page" ] || echo "help/meson.build lists $page, which help/C lacks"
  done
}

echo "1..7"
check "the pages are valid Mallard" "$yelp_check" validate "${pages[@]}"
check "every link leads to a page" "$yelp_check" links C
check "every page is reached from the index" "$yelp_check" orphans C
check "every page id is its file name" "$yelp_check" ids C
check "every page has a revision with a status" unexpected status "\(candidate\|final\)"
check "every page is under GPL-3.0-or-later" unexpected license "gpl-3.0"
check "help/meson.build installs every page" unlisted
exit $failed
