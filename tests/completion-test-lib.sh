# SPDX-License-Identifier: GPL-3.0-or-later
#
# What the scripts that test the bash completion of peerdesk-cli share, on
# top of cli-test-lib.sh: the completion loaded as bash loads it and a way to
# ask it what it offers. Sourced with the script's arguments:
# COMPLETION_FILE PATH/TO/peerdesk-cli. bash-completion's own functions need
# neither "set -e" nor "set -u".

if [ $# -ne 2 ]; then
  echo "usage: $0 COMPLETION_FILE PATH/TO/peerdesk-cli" >&2
  exit 2
fi
completion=$1

# shellcheck source=tests/cli-test-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/cli-test-lib.sh" "$2"
# shellcheck source=/dev/null
source /usr/share/bash-completion/bash_completion
# shellcheck source=/dev/null
source "$completion"

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
