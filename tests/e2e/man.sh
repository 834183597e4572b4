# The man page renders without a warning and names every option that --help lists.
source "$(dirname "$0")/lib.sh"

page=$LEGSUP_SOURCE_DIR/man/legsup.1
current="groff -man -ww -z legsup.1"
warnings=$(groff -man -ww -z "$page" 2>&1)
rc=$?
out=$warnings err=""
[[ $rc == 0 && -z $warnings ]] && pass || fail "groff warned"

# Every long option in every --help appears in the man page (roff escapes '-' as '\-').
text=$(sed 's/\\-/-/g; s/\\f[BIRP]//g' "$page")
commands=$("$LEGSUP_BIN" --help | awk '/^Subcommands:/ { on = 1; next } on && !NF { exit } on { print $1 }')
for command in "" $commands "log add"; do
  current="legsup $command --help"
  # shellcheck disable=SC2086
  for option in $("$LEGSUP_BIN" $command --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    [[ $text == *"$option"* ]] && pass || fail "man page lacks $option"
  done
  [[ -z $command || $text == *"legsup $command"* ]] && pass || fail "man page lacks the command $command"
done

finish
