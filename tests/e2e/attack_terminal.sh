# The README's promises under attack on a real terminal (tmux): a signal at a prompt or in the
# session, keys that come together, --plain and piped output that must not touch the terminal,
# a background job, terminals too small or too dumb for the block, and the dark screens.
source "$(dirname "$0")/lib.sh"
require_programs attack_terminal python3 tmux
command -v tmux >/dev/null || { echo "tmux is needed for this test" >&2; exit 1; }

export LEGSUP_LOG=$scratch/sessions.jsonl
# A new server (and socket) for each terminal size: a server going away may take its socket along.
servers=0
socket=$scratch/tmux.0
tm() { tmux -S "$socket" "$@"; }
trap 'for s in "$scratch"/tmux.*; do tmux -S "$s" kill-server 2>/dev/null; done; rm -rf "$scratch"' EXIT
source "$(dirname "$0")/tmux_lib.sh"
rc_patience=20
# run_here COMMAND: types a command line that notes its exit status and the terminal's modes.
run_here() {
  rm -f "$scratch/rc"
  fresh_line "$1; echo rc=\$? >$scratch/rc; stty -g >$scratch/stty.after"
}
terminal_as_found() {
  cmp -s "$scratch/stty.before" "$scratch/stty.after" && pass || fail "stty changed"
  [[ $(tm display -p -t e2e '#{cursor_flag}') == 1 ]] && pass || fail "the cursor is hidden"
}

start_tmux() {  # start_tmux COLUMNS ROWS TERM
  tm kill-server 2>/dev/null
  servers=$((servers + 1))
  socket=$scratch/tmux.$servers
  tm -f /dev/null new-session -d -s e2e -x "$1" -y "$2" "env -i HOME=$HOME TERM=$3 LANG=C.UTF-8 LEGSUP_LOG=$LEGSUP_LOG DBUS_SYSTEM_BUS_ADDRESS=$DBUS_SYSTEM_BUS_ADDRESS PATH=/usr/bin:/bin bash --norc --noprofile"
  tm set-option -g status off >/dev/null
  type_line "PS1='$ '; stty -g > $scratch/stty.before; clear"
  for ((i = 0; i < 50; i++)); do [[ -s $scratch/stty.before ]] && break; sleep 0.1; done
  sleep 0.2
}
start_tmux 80 24 xterm-256color
start="$LEGSUP_BIN start --yes"

# Ctrl-C at the question after the session: the session is logged all the same.
current="Ctrl-C at the after-prompt"
count=$(records)
run_here "$start --duration 2s --exact --settle 0 --sound none --rate --before stress=5,legs=5,sleepy=5"
wait_for "(after)" 10 && pass || fail "no question after: $(screen)"
tm send-keys -t e2e C-c
wait_rc
[[ $(<"$scratch/rc") == rc=130 ]] && pass || fail "exit $(<"$scratch/rc")"
[[ $(records) == $((count + 1)) ]] && pass || fail "the completed session was lost"
[[ $(last_field /ended) == completed ]] && pass || fail "record: $(tail -1 "$LEGSUP_LOG")"
terminal_as_found

# A long answer is one answer, not three.
current="a 131-character answer"
run_here "$start --duration 1s --exact --settle 0 --sound none --rate --before legs=5,sleepy=5 --after legs=5,sleepy=5"
wait_for "How stressed do you feel? (before)" 5
type_line "$(head -c 131 /dev/zero | tr '\0' 7)"
wait_for "a whole number from 0 to 10" 5 && pass || fail "the long answer was not refused"
type_line "4"
wait_for "(after)" 10 && pass || fail "the second answer was not taken: $(screen)"
type_line "2"
wait_rc
[[ $(last_field /before/stress) == 4 ]] && pass || fail "before: $(tail -1 "$LEGSUP_LOG")"

# SIGQUIT (Ctrl-\) and SIGUSR1 during a session: the terminal back as it was, the session logged.
for signal in QUIT USR1; do
  current="SIG$signal on a terminal"
  count=$(records)
  run_here "$start --duration 30s --exact --settle 0 --sound none"
  wait_for "q end" 5
  if [[ $signal == QUIT ]]; then
    tm send-keys -t e2e 'C-\'
  else
    # Only this terminal's session: another suite may be running the same command beside it.
    pkill -USR1 -P "$(tm display -p -t e2e '#{pane_pid}')" -f "start --yes --duration 30s --exact"
  fi
  wait_rc
  [[ $(<"$scratch/rc") == rc=$((128 + $(kill -l "$signal"))) ]] && pass || fail "exit $(<"$scratch/rc")"
  [[ $(records) == $((count + 1)) && $(last_field /signal) == $(kill -l "$signal") ]] && pass ||
    fail "record: $(tail -1 "$LEGSUP_LOG")"
  terminal_as_found
done

# Keys that come together are each handled: five + are five minutes.
current="keys pressed together"
run_here "$start --duration 10m --exact --settle 0 --sound none"
wait_for "10m hold" 5
tm send-keys -t e2e -l "+++++"
wait_for "15m hold" 3 && pass || fail "not 15m: $(screen)"
tm send-keys -t e2e -l " q"
wait_rc
[[ $(<"$scratch/rc") == rc=3 ]] && pass || fail "space then q: $(<"$scratch/rc")"
[[ $(last_field /planned_seconds) == 900 ]] && pass || fail "planned $(last_field /planned_seconds)"

# --plain, and output that is not the terminal: keys are not read, modes not touched.
for command in "$start --duration 3s --exact --settle 0 --sound none --plain" \
  "$start --duration 3s --exact --settle 0 --sound none | cat"; do
  current="$command"
  run_here "$command"
  sleep 0.8
  tm send-keys -t e2e q
  wait_rc
  [[ $(<"$scratch/rc") == rc=0 ]] && pass || fail "q was read: $(<"$scratch/rc")"
  terminal_as_found
done
# In the background of an interactive shell: never stopped for touching the terminal.
current="--plain in the background"
rm -f "$scratch/bg.out"
fresh_line "$start --duration 2s --exact --settle 0 --sound none --plain > $scratch/bg.out 2>&1 &"
for ((i = 0; i < 100; i++)); do grep -q "^Held" "$scratch/bg.out" 2>/dev/null && break; sleep 0.1; done
grep -q "^Held 0:02 (completed)" "$scratch/bg.out" && pass || fail "the background session did not finish: $(cat "$scratch/bg.out")"
[[ $(screen) != *Stopped* ]] && pass || fail "stopped: $(screen)"

# A terminal too narrow or too short for the block: one line, redrawn in place.
for size in "25 24" "80 3"; do
  read -r columns rows <<<"$size"
  start_tmux "$columns" "$rows" xterm-256color
  current="a terminal of $columns by $rows"
  rm -f "$scratch/stty.before"
  run_here "$start --duration 5s --exact --settle 0 --sound none --breath 1-0-1"
  wait_for "Hold" 5 || echo "no Hold on $size: [$(screen)] [$(tm capture-pane -p -t e2e -S -20)]" >&2
  sleep 1.5
  out=$(screen)
  [[ $(grep -c "Hold" <<<"$out") == 1 ]] && pass || fail "copies left behind: $out"
  longest=0
  while IFS= read -r line; do ((${#line} > longest)) && longest=${#line}; done <<<"$out"
  ((longest <= columns)) && pass || fail "a line of $longest columns"
  wait_rc
done

# TERM=dumb: plain lines, no cursor movement at all.
start_tmux 80 24 dumb
current="TERM=dumb"
run_here "script -qec '$start --duration 2s --exact --settle 0 --sound none --breath 1-0-1' $scratch/dumb.raw"
wait_rc
grep -q "hold 0:02 left" "$scratch/dumb.raw" && pass || fail "no plain lines: $(cat -v "$scratch/dumb.raw")"
! grep -qaF $'\e[' "$scratch/dumb.raw" && pass || fail "escape sequences sent to a dumb terminal"

# The dark: blank shows nothing until a key, which lights the dim line for a moment.
start_tmux 80 24 xterm-256color
current="--screen blank"
run_here "$start --duration 20s --exact --settle 0 --sound none --screen blank"
sleep 1.5
[[ -z $(screen | tr -d ' \n') ]] && pass || fail "the blank screen shows: $(screen)"
tm send-keys -t e2e x
wait_for "Hold, under a minute left" 3 && pass || fail "a key did not light it: $(screen)"
sleep 5.5
[[ -z $(screen | tr -d ' \n') ]] && pass || fail "it did not go dark again: $(screen)"
tm send-keys -t e2e q
wait_rc
wait_for "Ended early, held 0:" 3 && pass || fail "the end is not shown: $(screen)"
terminal_as_found
current="--screen dim"
run_here "script -qec '$start --duration 4s --exact --settle 0 --sound none --screen dim --breath 1-0-1' $scratch/dim.raw"
wait_rc
grep -qaF $'\e[2mHold, under a minute left' "$scratch/dim.raw" && pass || fail "no dim line: $(cat -v "$scratch/dim.raw")"
# Drawn once in four seconds of breathing (no bar, no seconds), and once at the end.
[[ $(grep -ao $'\r\e\[2m' "$scratch/dim.raw" | wc -l) == 2 ]] && pass ||
  fail "redrawn $(grep -ao $'\r\e\[2m' "$scratch/dim.raw" | wc -l) times"

finish
