#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Keeps the manual pages and the bash completion in step with the programs:
# every command of peerdesk-cli, every subcommand and every option its --help
# lists is in peerdesk-cli(1), under that command, and offered by the
# completion; every option of peerdesk is in peerdesk(1); and both pages are
# read by groff and man without a warning.
#
# Usage: test-cli-docs.sh PATH/TO/peerdesk-cli PATH/TO/peerdesk COMPLETION_FILE MAN_DIR
#   (MAN_DIR holds peerdesk.1 and peerdesk-cli.1 as they are installed)
# Output: TAP.

if [ $# -ne 4 ]; then
  echo "usage: $0 PATH/TO/peerdesk-cli PATH/TO/peerdesk COMPLETION_FILE MAN_DIR" >&2
  exit 2
fi
app=$2
man_dir=$4

# shellcheck source=tests/completion-test-lib.sh
source "$(dirname "$0")/completion-test-lib.sh" "$3" "$1"

# The help is read in English, as the pages are written.
export LC_ALL=C.UTF-8
unset LANGUAGE

# help_commands WORD...: the commands that "peerdesk-cli WORD... --help" lists.
help_commands () {
  "$cli" "$@" --help | sed -n '/^Commands:$/,/^$/p' | sed -n 's/^  \([a-z-]*\) .*/\1/p'
}

# help_options WORD...: the options, short and long, that "… --help" lists.
help_options () {
  "$cli" "$@" --help | sed -n 's/^  \(-[a-zA-Z], \)\{0,1\}\(--[a-z-]*\).*/\1\2/p' |
    tr -d ',' | tr ' ' '\n'
}

# The pages as a reader sees them, in ASCII, each entry on lines of its own.
for page in peerdesk peerdesk-cli; do
  groff -man -Tascii -P-cbou -rLL=250n "$man_dir/$page.1" >"$tmp/$page.txt" 2>/dev/null
done

# man_entry WORD...: the entry of a command in peerdesk-cli(1), from the
# line that names it to the next line as little indented. Entries of
# commands are indented 7 columns; a subcommand may also be described within
# its command's entry ("print report" within "print"), further in.
man_entry () {
  local command="$*" entry
  entry=$(man_entry_at "$command" 7 7)
  [ -n "$entry" ] || entry=$(man_entry_at "$command" 8 99)
  printf '%s\n' "$entry"
}

man_entry_at () {
  awk -v command="$1" -v least="$2" -v most="$3" '
    function indent(line) { match(line, /^ */); return RLENGTH }
    in_entry && indent($0) <= depth && $0 ~ /[^ ]/ { exit }
    in_entry { print; next }
    { text = $0; sub(/^ +/, "", text) }
    indent($0) >= least && indent($0) <= most &&
    (text == command || index(text, command " ") == 1) {
      in_entry = 1; depth = indent($0); print
    }' "$tmp/peerdesk-cli.txt"
}

# names OPTION TEXT: whether TEXT names OPTION, not only a longer one.
names () {
  grep -q -- "\(^\|[ ,[]\)$1\([^a-z-]\|$\)" <<<"$2"
}

commands=$(help_commands)
ok "peerdesk-cli --help lists commands" "$([ -n "$commands" ] || echo "no commands found")"

complete_words "$cli" ""
# shellcheck disable=SC2086
ok "the completion offers every command" "$(missing_from_reply $commands)"

complete_words "$cli" -
# shellcheck disable=SC2086
ok "the completion offers every option of peerdesk-cli itself" \
  "$(missing_from_reply $(help_options))"

missing=""
for option in $(help_options); do
  names "$option" "$(sed -n '/^GLOBAL OPTIONS/,/^COMMANDS/p' "$tmp/peerdesk-cli.txt")" ||
    missing+="$option "
done
ok "peerdesk-cli(1) names every option of peerdesk-cli itself" "$missing"

# Each command that runs, with the options its --help lists.
leaves=()
for command in $commands; do
  subcommands=$(help_commands "$command")
  if [ -z "$subcommands" ]; then
    leaves+=("$command")
    continue
  fi
  complete_words "$cli" "$command" ""
  # shellcheck disable=SC2086
  ok "the completion offers every subcommand of $command" "$(missing_from_reply $subcommands)"
  for subcommand in $subcommands; do
    leaves+=("$command $subcommand")
  done
done

for leaf in "${leaves[@]}"; do
  # shellcheck disable=SC2086
  options=$(help_options $leaf)
  # shellcheck disable=SC2086
  complete_words "$cli" $leaf -
  # shellcheck disable=SC2086
  ok "the completion offers every option of $leaf" "$(missing_from_reply $options)"

  # shellcheck disable=SC2086
  entry=$(man_entry $leaf)
  if [ -z "$entry" ]; then
    ok "peerdesk-cli(1) has an entry for $leaf" "no entry for $leaf"
    continue
  fi
  missing=""
  for option in $options; do
    case $option in
      -h | --help | -d | --database | --staff | --passphrase-stdin) continue ;;
    esac
    names "$option" "$entry" || missing+="$option "
  done
  ok "peerdesk-cli(1) describes $leaf and each of its options" "$missing"
done

missing=""
for option in $("$app" --help | sed -n 's/^  \(-[a-zA-Z], \)\{0,1\}\(--[a-z-]*\).*/\1\2/p' |
                tr -d ',' | tr ' ' '\n'); do
  names "$option" "$(sed -n '/^OPTIONS/,/^EXIT STATUS/p' "$tmp/peerdesk.txt")" ||
    missing+="$option "
done
ok "peerdesk(1) names every option of peerdesk" "$missing"

for page in peerdesk peerdesk-cli; do
  ok "$page(1) has no groff warnings" "$(groff -man -ww -z "$man_dir/$page.1" 2>&1)"
  if command -v man >/dev/null; then
    ok "$page(1) has no man warnings" \
      "$(MANWIDTH=80 man --warnings -l "$man_dir/$page.1" 2>&1 >/dev/null)"
  else
    skip "man is not installed"
  fi
  ok "$page(1) has every section" \
    "$(for section in NAME SYNOPSIS DESCRIPTION OPTIONS 'EXIT STATUS' ENVIRONMENT FILES \
         'SEE ALSO'; do
         [ "$page" = peerdesk-cli ] && [ "$section" = OPTIONS ] && section='GLOBAL OPTIONS'
         grep -qx "$section" "$tmp/$page.txt" || echo "no $section"
       done)"
done

finish
