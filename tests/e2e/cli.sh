# The command line: help, version, global options anywhere, usage errors.
source "$(dirname "$0")/lib.sh"

run --help
check_rc 0
check_out "Usage: legsup"
check_out "--content FILE"
check_out "guide"
check_out "cautions"

run --version
check_rc 0
[[ $out =~ ^legsup\ [0-9]+\.[0-9]+\.[0-9]+$ ]] && pass || fail "version line"

for command in start guide cautions log "log add" stats config completion; do
  # shellcheck disable=SC2086
  run $command --help
  check_rc 0
  check_out "Usage: legsup $command"
  check_out "Example"
done

# Global options work before and after the command's name.
run --no-color cautions
check_rc 0
run cautions --no-color
check_rc 0
run cautions --content "$LEGSUP_SOURCE_DIR/data/legsup.json"
check_rc 0
run --content "$LEGSUP_SOURCE_DIR/data/legsup.json" cautions
check_rc 0

# Usage errors: one line, exit 2, the bad value named.
run --frobnicate
check_rc 2
check_one_error_line
check_err "--frobnicate"

run dance
check_rc 2
check_one_error_line
check_err "dance"

run guide --variant
check_rc 2
check_one_error_line
check_err "--variant needs a value (see 'legsup guide --help')"

# A value given to a flag, in either form, at any level: a usage error naming the flag.
for flag in "start --yes=maybe" "start --no-yes=1" "log --json=on" "--no-color=2 guide"; do
  # shellcheck disable=SC2086
  run $flag
  check_rc 2
  check_one_error_line
  name=${flag#start }
  name=${name#log }
  check_err "${name%%=*} takes no value"
done

run guide setup extra
check_rc 2
check_one_error_line

# No command: the help, and success.
run
check_rc 0
check_out "Usage: legsup"

finish
