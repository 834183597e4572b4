# The machine stays awake until the last cue: a stand-in for logind on a system bus of the test's
# own (a dbus-daemon with a config of its own, tests/tools/fake_logind.py) notes each lock asked
# for and when it is let go. The lock is taken with the right arguments before the settle-in and
# let go within 0.5 s of every ending; no bus, no logind, a logind that refuses or never answers,
# and --allow-sleep, each as it should be.
source "$(dirname "$0")/lib.sh"
require_programs sleep_lock python3 tmux

export LEGSUP_LOG=$scratch/sessions.jsonl
fake_logind=$LEGSUP_SOURCE_DIR/tests/tools/fake_logind.py
notes=$scratch/notes
bus_pid="" logind_pid=""
stop_bus() {
  [[ -n $logind_pid ]] && kill "$logind_pid" 2>/dev/null && wait "$logind_pid" 2>/dev/null
  [[ -n $bus_pid ]] && kill "$bus_pid" 2>/dev/null && wait "$bus_pid" 2>/dev/null
  logind_pid="" bus_pid=""
}
trap 'stop_bus; tmux -S "$scratch/tmux.sock" kill-server 2>/dev/null; rm -rf "$scratch"' EXIT

skip() {
  echo "e2e: sleep_lock: $1; skipped" >&2
  # In CI the test command installs them: there, not starting is a failure.
  [[ -z ${CI:-} ]] && exit 77
  current="the stand-in logind" && fail "$1"
  finish
  exit 1
}
command -v dbus-daemon >/dev/null || skip "no dbus-daemon (package dbus-daemon)"
/usr/bin/python3 -c 'import dbus, dbus.mainloop.glib; from gi.repository import GLib' 2>/dev/null ||
  skip "no python3-dbus and python3-gi"

# A system bus of our own: everything may talk to everything, nothing else is on it.
cat >"$scratch/bus.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>custom</type>
  <listen>unix:path=$scratch/system_bus</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF
export DBUS_SYSTEM_BUS_ADDRESS=unix:path=$scratch/system_bus
# start_bus [BEHAVIOUR]: the bus, and logind answering as BEHAVIOUR says (none: no logind).
start_bus() {
  stop_bus
  rm -f "$scratch/system_bus" "$notes"
  dbus-daemon --config-file="$scratch/bus.conf" --nofork --nopidfile 2>"$scratch/bus.log" &
  bus_pid=$!
  await "the bus" test -S "$scratch/system_bus" || skip "the bus did not start: $(<"$scratch/bus.log")"
  [[ ${1:-} == none ]] && return 0
  /usr/bin/python3 "$fake_logind" "$notes" "${1:-answer}" 2>"$scratch/logind.log" &
  logind_pid=$!
  await "logind" grep -q ready "$notes" 2>/dev/null || skip "logind did not start: $(<"$scratch/logind.log")"
}
now() { date +%s.%N; }
# await WHAT COMMAND...: lib.sh's wait_for, under a name of its own (tmux_lib.sh, sourced below
# for the terminal, has a wait_for that looks at the screen).
eval "$(declare -f wait_for | sed '1s/wait_for/await/')"
# released_within SECONDS SINCE: logind noted the lock let go, at most SECONDS after SINCE.
released_within() {
  local released
  await "the lock to be let go" grep -q released "$notes" || return 1
  released=$(awk '/released/ { print $1; exit }' "$notes")
  awk -v r="$released" -v s="$2" -v limit="$1" 'BEGIN { exit !(r - s <= limit) }' && pass ||
    fail "let go $(awk -v r="$released" -v s="$2" 'BEGIN { print r - s }') s after the end"
}
# session_in_background ARGS...: legsup start ARGS with its output in $scratch/out.
session_in_background() {
  : >"$scratch/out"  # now: the redirection below is made in the background, perhaps later
  "$LEGSUP_BIN" start --yes --sound none "$@" >"$scratch/out" 2>"$scratch/err" </dev/null &
  pid=$!
}
# wait_out TEXT: until the session prints TEXT.
wait_out() { await "\"$1\"" grep -qF -- "$1" "$scratch/out"; }

# No system bus at all: the session runs as ever and says nothing of it, unless asked.
current="no system bus"
run start --duration 1s --exact --settle 0 --sound none --yes
check_rc 0
[[ -z $err ]] && pass || fail "something was said"
run start --duration 1s --exact --settle 0 --sound none --yes --verbose
check_out "During the session, the machine may go to sleep: there is no system bus (No such file or directory)."
[[ -z $err ]] && pass || fail "something was said on standard error"

# A bus without logind: likewise.
start_bus none
run start --duration 1s --exact --settle 0 --sound none --yes
check_rc 0
[[ -z $err ]] && pass || fail "something was said"
run start --duration 1s --exact --settle 0 --sound none --yes --verbose
check_out "During the session, the machine may go to sleep: there is no logind on the system bus."

# logind: the lock is taken before the settle-in, with what, who, why and mode, held through
# the session, and let go at its end.
start_bus
current="a completed session"
session_in_background --duration 2s --exact --settle 1s
wait_out "Settle in for 1s:"
grep -q "inhibit what=sleep:idle who=legsup mode=block why=Legs Up the Wall, a 2s hold" "$notes" &&
  pass || fail "no lock before the settle-in: $(cat "$notes")"
wait_out "hold 0:02 left"
! grep -q released "$notes" && pass || fail "let go during the session"
wait "$pid"
rc=$? ended=$(now)
check_rc 0
released_within 0.5 "$ended"
[[ $(grep -c inhibit "$notes") == 1 ]] && pass || fail "asked more than once: $(cat "$notes")"
[[ ! -s $scratch/err ]] && pass || fail "said: $(<"$scratch/err")"

# Signals, a crash signal among them: let go within 0.5 s of the signal; the session is logged.
for signal in TERM INT SEGV; do
  start_bus
  current="SIG$signal during a session"
  session_in_background --duration 30s --exact --settle 0
  wait_out "hold 0:30 left"
  grep -q inhibit "$notes" && pass || fail "no lock: $(cat "$notes" "$scratch/logind.log")"
  sent=$(now)
  kill -"$signal" "$pid"
  wait "$pid"
  rc=$?
  check_rc $((128 + $(kill -l "$signal")))
  released_within 0.5 "$sent"
  [[ $(last_field /ended) == signal ]] && pass || fail "record: $(last_record)"
done

# q on a terminal: let go within 0.5 s. With --rate, the lock is let go before the question
# after the session waits for an answer (someone asleep must not keep the machine awake).
command -v tmux >/dev/null || { current="tmux" && fail "tmux is needed for this test"; }
source "$(dirname "$0")/tmux_lib.sh"
start_terminal 80 24
type_line "PS1='$ '; clear"
start_bus
current="q on a terminal"
type_line "$LEGSUP_BIN start --yes --duration 30s --exact --settle 0 --sound none; echo rc=\$? >$scratch/rc"
wait_for "Hold" 20 && pass || fail "no session: $(screen)"
grep -q inhibit "$notes" && pass || fail "no lock"
sent=$(now)
tm send-keys -t e2e q
wait_rc
[[ $(<"$scratch/rc") == rc=3 ]] && pass || fail "q gave $(<"$scratch/rc")"
released_within 0.5 "$sent"
rm -f "$scratch/rc"
start_bus
current="--rate's question after the session"
fresh_line "$LEGSUP_BIN start --yes --duration 1s --exact --settle 0 --sound none --rate --before stress=5,legs=5,sleepy=5; echo rc=\$? >$scratch/rc"
wait_for "(after)" 20 && pass || fail "no question: $(screen)"
grep -q released "$notes" && pass || fail "the lock is held while the question waits"
tm send-keys -t e2e Enter Enter Enter
wait_rc
[[ $(<"$scratch/rc") == rc=0 ]] && pass || fail "the session gave $(<"$scratch/rc")"
tm kill-server

# --allow-sleep (and its setting): no lock asked for; --verbose says so.
start_bus
run start --duration 1s --exact --settle 0 --sound none --yes --allow-sleep --verbose
check_rc 0
check_out "During the session, the machine may go to sleep (--allow-sleep)."
mkdir -p "$XDG_CONFIG_HOME/legsup"
echo '{"allow-sleep": true}' >"$XDG_CONFIG_HOME/legsup/config.json"
run start --duration 1s --exact --settle 0 --sound none --yes
check_rc 0
rm "$XDG_CONFIG_HOME/legsup/config.json"
! grep -q inhibit "$notes" && pass || fail "a lock was asked for: $(cat "$notes")"

# The sound check says whether a session keeps the machine awake, and lets go at once.
run sound --sound none
check_rc 0
check_out "During a session, the machine stays awake until the last cue."
grep -q "inhibit what=sleep:idle who=legsup mode=block why=legsup sound" "$notes" && pass ||
  fail "no lock asked for: $(cat "$notes")"
await "the lock to be let go" grep -q released "$notes" && pass

# A logind that refuses: one warning, and the session runs.
start_bus refuse
run start --duration 1s --exact --settle 0 --sound none --yes
check_rc 0
check_one_error_line
check_err "legsup: warning: the machine may go to sleep during the session: logind refused to keep it awake (Permission denied)"

# A logind that goes away without answering (it crashed): said as it is, at once, not as a wait
# (the bounded wait below is the only path that says "within 2s"; a clock here would measure the
# machine's load, not legsup).
start_bus die
run start --duration 1s --exact --settle 0 --sound none --yes
check_rc 0
check_one_error_line
check_err "the machine may go to sleep during the session: logind did not answer: "
[[ $err != *"within 2s"* ]] && pass || fail "said it waited: $err"

# A logind that never answers: given up on after a bounded wait, said, and the session runs; a
# signal during that wait ends legsup at once, nothing logged.
start_bus hang
SECONDS=0
run start --duration 1s --exact --settle 0 --sound none --yes
check_rc 0
check_err "the machine may go to sleep during the session: logind did not answer within 2s"
((SECONDS <= 10)) && pass || fail "waited $SECONDS s"
count=$(records)
current="SIGTERM while logind does not answer"
session_in_background --duration 1s --exact --settle 0
asked_twice() { [[ $(grep -c inhibit "$notes") -ge 2 ]]; }
await "the question to logind" asked_twice
sent=$(now)
kill -TERM "$pid"
wait "$pid"
rc=$?
check_rc 143
awk -v s="$sent" -v e="$(now)" 'BEGIN { exit !(e - s <= 1) }' && pass || fail "slow to end"
[[ $(records) == "$count" ]] && pass || fail "a session that did not start was logged"

finish
