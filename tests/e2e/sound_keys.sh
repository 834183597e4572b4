# Each key heard as what it did, on a real terminal (tmux), through a fake player that keeps the
# stream legsup writes: pause, the reminder while paused, resume, +, -, - where the hold can be no
# shorter, q; each its own sound, told apart by the pitch it starts and ends on, each in the
# stream as soon as its key is read; and + that meets three hours, said as the limit. PATH holds
# the fakes alone.
source "$(dirname "$0")/lib.sh"
require_programs sound_keys tmux
: "${AUDIO_PROBE:?set AUDIO_PROBE to the audio_probe tool}"
command -v tmux >/dev/null || { echo "tmux is needed for this test" >&2; exit 1; }
source "$(dirname "$0")/fake_players.sh"
source "$LEGSUP_SOURCE_DIR/tests/tools/pulse_server.sh"  # pitches_match

socket=$scratch/tmux.sock
tm() { tmux -S "$socket" "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$scratch"' EXIT
tm -f /dev/null new-session -d -s e2e -x 80 -y 24 "env -i HOME=$HOME TERM=xterm-256color LANG=C.UTF-8 PLAYED=$PLAYED PATH=$fakes /bin/bash --norc --noprofile"
tm set-option -g status off >/dev/null
# (tmux_lib.sh's wait_for waits for the screen; lib.sh's, used here, for a command.)
screen() { tm capture-pane -p -t e2e; }
screen_shows() { [[ $(screen) == *"$1"* ]]; }
type_line() { tm send-keys -t e2e -l "$1"; tm send-keys -t e2e Enter; }

sounds() { [[ -s $PLAYED.raw ]] && "$AUDIO_PROBE" "$PLAYED.raw" | wc -l || echo 0; }
# Whether the stream has gone on 0.3 s past its last sound's end: that sound is whole, and the
# next is heard as a sound of its own.
last_whole() {
  local ended
  ended=$("$AUDIO_PROBE" "$PLAYED.raw" | awk 'END { for (i = 1; i < NF; i++) v[$i] = $(i + 1)
    printf "%d", (v["onset"] + v["length"] + 0.3) * 22050 * 2 }')
  (($(stat -c %s "$PLAYED.raw") >= ended))
}
# press KEY: the key, then until its answer is in the stream, whole.
press() {
  local before
  before=$(sounds)
  tm send-keys -t e2e -l "$1"
  wait_for "the answer to '$1'" eval '(($(sounds) > before))' && wait_for "the answer to '$1', whole" last_whole
}

type_line "$LEGSUP_BIN start --duration 2m --settle 0 --breath none --sound chime --pause-reminder 10s --yes --no-log; echo rc=\$? >$scratch/rc"
current="keys on a terminal, each answered by its own sound"
wait_for "the session" screen_shows "left"
wait_for "the hold's chime, whole" eval '(($(sounds) >= 1))' && wait_for "the hold's chime, whole" last_whole
press " "
# The reminder, ten seconds later: no key.
wait_for "the reminder while paused" eval '(($(sounds) >= 3))' && wait_for "the reminder, whole" last_whole
for key in " " + - -; do press "$key"; done
# q ends the session: its answer is the stream's last sound, whole when the session has ended.
tm send-keys -t e2e -l q
wait_for "the session's end" test -s "$scratch/rc"
[[ $(<"$scratch/rc") == rc=3 ]] && pass || fail "ended with $(<"$scratch/rc")"
# (start pitch, end pitch) of each sound, each near its notes: the hold's chime, then the answers
# in order.
# hold 528; pause 660 down to 440; the reminder the same, softly; resume 440 up to 660; + 587 up
# to 880 (three minutes); - 880 down to 587 (two); - to what was held plus a minute, less than a
# minute: the floor, 330 twice; q 523 down an octave.
expected="528-528 660-440 660-440 440-660 587-880 880-587 330-330 523-262"
got=$("$AUDIO_PROBE" "$PLAYED.raw" | awk '{ for (i = 1; i < NF; i++) v[$i] = $(i + 1)
  printf "%s%d-%d", (NR > 1 ? " " : ""), v["pitch"], v["end_pitch"] }')
pitches_match "$got" "$expected" && pass || fail "sounds $got, expected $expected"
peaks=$("$AUDIO_PROBE" "$PLAYED.raw" | awk '{ for (i = 1; i < NF; i++) if ($i == "peak") print $(i + 1) }')
paused=$(sed -n 2p <<<"$peaks") reminder=$(sed -n 3p <<<"$peaks")
awk "BEGIN { exit !($reminder < $paused) }" && pass || fail "the reminder ($reminder) not softer than the pause ($paused)"
screen_after=$(screen)
[[ $screen_after == *"Ended early"* || $screen_after == *"ended early"* ]] && pass || fail "screen: $screen_after"

# + 10 s short of three hours gives those 10 s and says the hold is at its longest, by sound (988
# twice, not a minute more's rise) and on the screen; then q.
fresh
rm -f "$scratch/rc"
tm send-keys -t e2e clear Enter
type_line "$LEGSUP_BIN start --duration 2h59m50s --settle 0 --breath none --sound chime --yes --no-log; echo rc=\$? >$scratch/rc"
current="+ near three hours, answered by the limit"
wait_for "the session" screen_shows "left"
wait_for "the hold's chime, whole" eval '(($(sounds) >= 1))' && wait_for "the hold's chime, whole" last_whole
press +
wait_for "the screen's words on +" screen_shows "+ added 10s: the hold is at its longest, 3h"
tm send-keys -t e2e -l q
wait_for "the session's end" test -s "$scratch/rc"
got=$("$AUDIO_PROBE" "$PLAYED.raw" | awk '{ for (i = 1; i < NF; i++) v[$i] = $(i + 1)
  printf "%s%d-%d", (NR > 1 ? " " : ""), v["pitch"], v["end_pitch"] }')
pitches_match "$got" "528-528 988-988 523-262" && pass || fail "sounds $got, expected the hold, 988 twice, q"

finish
