# legsup start without a terminal: plain lines, the record, signals, sounds, bad input.
source "$(dirname "$0")/lib.sh"
require_programs start python3

export LEGSUP_LOG=$scratch/sessions.jsonl

run start --duration 2s --settle 1s --breath 1-0-1 --variant bed --note "first" --sound none
check_rc 0
check_no_escapes
[[ $out != *$'\a'* ]] && pass || fail "a bell in piped output"
check_out "Settle in for 1s:"
check_out "Sit on the bed next to the wall"   # the variation's setup
check_out "settle 0:01 left"
check_out "hold 0:02 left"
check_out "done"
check_out "Bend your knees"                   # the come-out steps
check_out "Held 0:02 (completed). Logged to $LEGSUP_LOG."
[[ $(records) == 1 ]] && pass || fail "one record"
[[ $(last_field /origin /ended /held_seconds /planned_seconds /settle_seconds /variant /breath /note) == \
  $'timer\ncompleted\n2\n2\n1\nbed\n1-0-1\nfirst' ]] && pass || fail "record: $(last_record)"

# The hold ends with a whole breath: 1.5 s of 1-0-1 is held to the end of the second breath,
# and the title and the record say so; --exact holds 1.5 s. A pattern in tenths, and one paced by
# rate and ratio, are shown with their seconds and rate, and logged as their seconds.
run start --duration 1.5s --settle 0 --breath 0.5-0-1 --sound none --yes
check_rc 2
check_err "inhale and exhale last at least 1 second"
run start --duration 1.5s --settle 0 --breath 1-0-1 --sound none --yes
check_rc 0
check_out "Legs Up the Wall: 2s hold, Custom (in 1, out 1; 30 breaths a minute)"
[[ $(last_field /held_seconds /planned_seconds /breath) == $'2\n2\n1-0-1' ]] && pass ||
  fail "record: $(last_record)"
run start --duration 1.5s --exact --settle 0 --breath 1-0-1 --sound none --yes
check_rc 0
[[ $(last_field /held_seconds /planned_seconds) == $'1.5\n1.5' ]] && pass || fail "record: $(last_record)"
run start --duration 1s --settle 0 --breath 0.6-0.4-1 --sound none --yes
check_rc 2
run start --duration 1s --settle 0 --breath 1.2-0-0.8 --sound none --yes
check_rc 2
run start --duration 2s --settle 0 --breath 1.2-0-1.3 --sound none --yes
check_rc 0
check_out "Custom (in 1.2, out 1.3; 24 breaths a minute)"
[[ $(last_field /planned_seconds /breath) == $'2.5\n1.2-0-1.3' ]] && pass || fail "record: $(last_record)"
run start --duration 2s --settle 0 --bpm 30 --ratio 1:1 --breath box --sound none --yes
check_rc 0
check_out "Custom (in 1, out 1; 30 breaths a minute)"
[[ $(last_field /breath) == 1-0-1 ]] && pass || fail "record: $(last_record)"
run log add --minutes 5 --breath "$(last_field /breath)"
check_rc 0
run start --duration 2s --settle 0 --bpm 40 --sound none --yes
check_rc 2
check_one_error_line
check_err "--bpm: invalid rate \"40\": breaths a minute from 1 to 30"
run start --duration 2s --settle 0 --bpm 30 --sound none --yes
check_rc 2
check_one_error_line
check_err "--bpm: at 30 breaths a minute in the shape of long-exhale, the inhale would last 0.8 s"
run start --duration 2s --settle 0 --ratio 1:1 --breath none --sound none --yes
check_rc 2
check_err "--ratio: there is no breathing pattern to pace (--breath none)"
[[ $(records) == 6 ]] && pass || fail "$(records) records"

run start --minutes 0.02 --exact --settle 0 --no-log --sound none
check_rc 0
[[ $(records) == 6 ]] && pass || fail "--no-log wrote a record"

run start --duration 1s --exact --settle 0 --quiet --sound none
check_rc 0
check_empty_out
[[ $(records) == 7 ]] && pass || fail "--quiet still logs"

# Signals: the partial session is logged and the exit status is 128 + the signal.
for signal in TERM INT HUP; do
  "$LEGSUP_BIN" start --duration 30s --exact --settle 0 --sound none --yes >"$scratch/out" 2>&1 </dev/null &
  pid=$!
  # Timed from the session's own start (on a loaded machine legsup may take a while to begin).
  for ((i = 0; i < 200; i++)); do grep -q "hold 0:30 left" "$scratch/out" 2>/dev/null && break; sleep 0.05; done
  sleep 1
  kill -"$signal" "$pid"
  wait "$pid"
  rc=$? current="kill -$signal during a session"
  number=$(kill -l "$signal")
  check_rc $((128 + number))
  [[ $(last_field /ended /signal) == $'signal\n'"$number" ]] && pass || fail "record: $(last_record)"
  held=$(last_field /held_seconds)
  awk "BEGIN { exit !($held >= 0.95 && $held <= 20) }" && pass || fail "held $held"
done

# A log that cannot be written: found before the session starts.
SECONDS=0
run start --duration 20s --exact --settle 0 --log "$scratch"
check_rc 1
check_one_error_line
((SECONDS < 5)) && pass || fail "the log was checked only after the session"

# A log that fails at the end (a file size limit of 0 lets the empty log be made, not written):
# the session ends cleanly and the record is printed.
# Standard error goes through a FIFO: the limit would stop a write to a regular file.
current="start with ulimit -f 0"
mkfifo "$scratch/stderr.fifo"
cat "$scratch/stderr.fifo" >"$scratch/stderr" &
reader=$!
out=$(ulimit -f 0; "$LEGSUP_BIN" start --duration 1s --exact --settle 0 --sound none --log "$scratch/limited.jsonl" 2>"$scratch/stderr.fifo" </dev/null)
rc=$?
wait "$reader"
err=$(<"$scratch/stderr")
check_rc 1
check_err "cannot write to the log $scratch/limited.jsonl: File too large; the session was not logged"
check_err '"ended":"completed"'
check_out "Bend your knees"

# Bad input: exit 2, one line, nothing written, no session.
count=$(records)
bad() {
  run start "$@"
  check_rc 2
  check_one_error_line
  [[ $(records) == "$count" ]] && pass || fail "something was written"
}
bad --minutes 0
bad --minutes -1
bad --minutes 181
bad --minutes inf
bad --duration 3h1s
bad --duration ""
bad --minutes 1 --duration 1m
bad --settle 11m
bad --settle soon
bad --breath 0-0-6
bad --breath 4-0-31
bad --breath 4-0-6-0-1
bad --breath panting
bad --variant handstand
bad --sound gong
bad --before stress=11
bad --after mood=2
run start --minutes 181 --exact
check_err "out of range: from 1 second to 3 hours"

# No player: refused before the session, naming what to install. (The sounds themselves:
# e2e: sound.)
PATH=$scratch/none run start --duration 1s --exact --sound chime
check_rc 2
check_err "install pulseaudio-utils, pipewire-bin or alsa-utils"
mkdir -p "$scratch/only-player"
printf '#!/bin/sh\nexec /bin/cat >/dev/null\n' >"$scratch/only-player/pacat"
chmod +x "$scratch/only-player/pacat"
PATH=$scratch/only-player run start --duration 1s --exact --sound voice
check_rc 2
check_err "--sound voice needs espeak-ng on PATH: install espeak-ng"

finish
