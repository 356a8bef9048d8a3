# SPDX-License-Identifier: GPL-3.0-or-later
#
# What the scripts that test the bash completion of peerdesk-cli share: the
# completion loaded as bash loads it, a way to ask it what it offers, and TAP
# checks. Sourced by bash; bash-completion's own functions need neither
# "set -e" nor "set -u".

# shellcheck source=/dev/null
source /usr/share/bash-completion/bash_completion

n=0
failed=0

# ok DESCRIPTION PROBLEM: one test, passed when PROBLEM is empty.
ok () {
  n=$((n + 1))
  if [ -z "$2" ]; then
    echo "ok $n - $1"
  else
    echo "not ok $n - $1"
    printf '%s\n' "$2" | sed 's/^/# /'
    failed=$((failed + 1))
  fi
}

skip () {
  n=$((n + 1))
  echo "ok $n # SKIP $1"
}

# complete_words WORD...: what the completion offers for the last word, in
# $COMPREPLY, as bash asks it with the cursor at the end of the line. The
# first word is the program, which the completion runs for the templates.
# compopt complains outside a real completion; what it sets is not checked.
complete_words () {
  COMP_WORDS=("$@")
  COMP_CWORD=$(($# - 1))
  COMP_LINE="$*"
  COMP_POINT=${#COMP_LINE}
  COMPREPLY=()
  _peerdesk_cli peerdesk-cli "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}" \
    2>/dev/null
}

# missing_from_reply WORD...: the words that $COMPREPLY lacks, one a line.
missing_from_reply () {
  local word reply
  for word in "$@"; do
    for reply in "${COMPREPLY[@]}"; do
      [ "$reply" = "$word" ] && continue 2
    done
    echo "$word"
  done
}

finish () {
  echo "1..$n"
  if [ "$failed" -gt 0 ]; then
    echo "# $failed of $n tests failed"
    exit 1
  fi
  exit 0
}
