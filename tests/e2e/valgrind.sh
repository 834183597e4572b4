# A short session and stats run clean under valgrind: no invalid access, no leak.
source "$(dirname "$0")/lib.sh"
require_programs valgrind valgrind
command -v valgrind >/dev/null || { echo "valgrind is needed for this test" >&2; exit 1; }

export LEGSUP_LOG=$scratch/sessions.jsonl
grind() {
  current="valgrind legsup $*"
  valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
    "$LEGSUP_BIN" "$@" >"$scratch/out" 2>"$scratch/err" </dev/null
  rc=$? out=$(<"$scratch/out") err=$(<"$scratch/err")
}
grind start --duration 1s --exact --settle 1s --breath 1-0-1 --sound none --note "under valgrind"
check_rc 0
grind log add --minutes 5 --before stress=4 --after stress=2
check_rc 0
grind stats
check_rc 0
grind log --last 5 --csv
check_rc 0
grind guide all
check_rc 0
grind --content /nonexistent guide
check_rc 1

finish
