# Helpers for end-to-end tests: run the built legsup as a script would, check what it did.
# Each script sources this, calls check_* and ends with `finish`.
set -u
: "${LEGSUP_BIN:?set LEGSUP_BIN to the legsup binary}"
: "${LEGSUP_SOURCE_DIR:?set LEGSUP_SOURCE_DIR to the source folder}"
JSON_PROBE=${JSON_PROBE:-$LEGSUP_SOURCE_DIR/tests/tools/json_probe.py}

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# A clean, predictable environment: no user's files, no colour settings, plain output.
export HOME=$scratch/home XDG_DATA_HOME=$scratch/data XDG_CONFIG_HOME=$scratch/config
unset LEGSUP_CONTENT LEGSUP_LOG NO_COLOR COLUMNS
# No session reaches the machine's own system bus (and its logind): a test that wants one starts
# a bus of its own (sleep_lock.sh).
export DBUS_SYSTEM_BUS_ADDRESS=unix:path=$scratch/no-system-bus
export TERM=xterm-256color LC_ALL=C.UTF-8
mkdir -p "$HOME"

passed=0 failed=0 current="" out="" err="" rc=""

# run ARGS...: runs legsup with stdin closed; sets $out, $err and $rc.
run() {
  current="legsup $*"
  out=$("$LEGSUP_BIN" "$@" 2>"$scratch/stderr" </dev/null)
  rc=$?
  err=$(<"$scratch/stderr")
}

pass() { passed=$((passed + 1)); }
fail() {
  failed=$((failed + 1))
  printf 'FAIL: %s\n  %s\n  exit %s\n  stdout: %.600s\n  stderr: %.600s\n' \
    "$current" "$1" "$rc" "$out" "$err" >&2
}

check_rc() { [[ $rc == "$1" ]] && pass || fail "expected exit $1"; }
check_out() { [[ $out == *"$1"* ]] && pass || fail "stdout lacks: $1"; }
# check_out_wrapped TEXT: stdout holds TEXT, whatever rows a terminal's width wrapped it into.
check_out_wrapped() {
  [[ $(tr '\r\n' '  ' <<<"$out" | tr -s ' ') == *"$1"* ]] && pass || fail "stdout lacks: $1"
}
check_no_out() { [[ $out != *"$1"* ]] && pass || fail "stdout has: $1"; }
check_err() { [[ $err == *"$1"* ]] && pass || fail "stderr lacks: $1"; }
check_empty_out() { [[ -z $out ]] && pass || fail "stdout is not empty"; }
check_no_escapes() {
  [[ $out != *$'\e'* && $err != *$'\e'* ]] && pass || fail "output has escape sequences"
}
# One short line on stderr starting with "legsup:", and nothing that looks like an exception.
check_one_error_line() {
  local lines
  lines=$(printf '%s' "$err" | wc -l)
  if [[ $err == legsup:* && $lines -eq 0 && $err != *"what()"* && $err != *exception* &&
    $err != *terminate* ]]; then
    pass
  else
    fail "expected one error line starting with 'legsup:'"
  fi
}
# check_json POINTER EXPECTED: the value at POINTER in stdout's JSON.
check_json() {
  local got
  got=$(printf '%s' "$out" | "$JSON_PROBE" "$1") || { fail "stdout is not valid JSON"; return; }
  [[ $got == "$2" ]] && pass || fail "JSON $1 is '$got', expected '$2'"
}

# records: how many lines the log holds (0 when there is none); last_record: its last line;
# last_field KEY...: that line's KEYs, read by the JSON probe.
records() { if [[ -f $LEGSUP_LOG ]]; then wc -l <"$LEGSUP_LOG"; else echo 0; fi; }
last_record() { tail -1 "$LEGSUP_LOG"; }
last_field() { last_record | "$JSON_PROBE" "$@"; }

# wait_for WHAT COMMAND...: until COMMAND succeeds, 30 s at most (a loaded machine is slow, an
# event that never comes fails the test).
wait_for() {
  local what=$1 i
  shift
  for ((i = 0; i < 300; i++)); do
    "$@" && return 0
    sleep 0.1
  done
  fail "waited 30 s for $what"
  return 1
}

finish() {
  echo "$passed passed, $failed failed"
  ((failed == 0))
}

# require_programs TEST PROGRAM...: a test that needs programs other people wrote (python3 for
# the JSON probe, tmux for a terminal, ...), or a file (a path: the time zones' data). Where one
# is not installed the test says which and is skipped in CTest's terms (exit 77, its
# SKIP_RETURN_CODE), not passed with nothing checked; in CI, where the test command installs
# them, that is a failure.
require_programs() {
  local test=$1 missing="" program
  shift
  for program in "$@"; do
    if [[ $program == /* ]]; then
      [[ -e $program ]] || missing+=" $program"
    else
      command -v "$program" >/dev/null || missing+=" $program"
    fi
  done
  [[ -z $missing ]] && return 0
  echo "e2e: $test: not installed:$missing (sh cmake/dev.sh test installs them)" >&2
  [[ -z ${CI:-} ]] && exit 77
  current=$test && fail "not installed:$missing"
  finish
  exit 1
}
