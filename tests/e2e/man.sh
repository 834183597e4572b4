# The man page renders without a warning and names every option that --help lists.
source "$(dirname "$0")/lib.sh"
require_programs man groff

page=$LEGSUP_SOURCE_DIR/man/legsup.1
current="groff -man -ww -z legsup.1"
warnings=$(groff -man -ww -z "$page" 2>&1)
rc=$?
out=$warnings err=""
[[ $rc == 0 && -z $warnings ]] && pass || fail "groff warned"

# Every command and every long option that any --help lists appears in the man page (roff
# escapes '-' as '\-'). The commands are read from the help itself, subcommands included.
text=$(sed 's/\\-/-/g; s/\\f[BIRP]//g' "$page")
# An option is documented when the page names it whole: --vol is not documented by --volume.
page_options=$(grep -o -- '--[a-z][a-z0-9-]*' <<<"$text" | sort -u)
documented() { grep -qxF -- "$1" <<<"$page_options"; }
current="options matched as whole names"
documented --volume && ! documented --vol && ! documented --come && pass ||
  fail "an option is taken for documented when a longer one is"
commands_of() {
  # shellcheck disable=SC2086
  "$LEGSUP_BIN" $1 --help | awk '/^Commands:/ { on = 1; next } on && !NF { exit } on && /^  [a-z]/ { print $1 }'
}
commands=()
for command in $(commands_of ""); do
  commands+=("$command")
  for sub in $(commands_of "$command"); do commands+=("$command $sub"); done
done
current="the commands that --help lists"
((${#commands[@]} >= 14)) && pass || fail "only ${#commands[@]} commands found: ${commands[*]}"
for command in "" "${commands[@]}"; do
  current="legsup $command --help"
  # shellcheck disable=SC2086
  for option in $("$LEGSUP_BIN" $command --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    documented "$option" && pass || fail "man page lacks $option"
  done
  [[ -z $command || $text == *"legsup $command"* ]] && pass || fail "man page lacks the command $command"
done

finish
