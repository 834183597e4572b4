# The ambient sound (--ambient), heard through fake players that keep the stream legsup writes:
# present between the cues, stepped down under each cue while it plays, fading to nothing at the
# end or after --ambient-after, never louder than the first cue; a signal after the session ends
# it and the player at once. Levels are of the stream's low band (under 120 Hz: the ambient's,
# where no cue's tone is), by audio_probe --levels.
source "$(dirname "$0")/lib.sh"
require_programs ambient tmux
: "${AUDIO_PROBE:?set AUDIO_PROBE to the audio_probe tool}"
source "$(dirname "$0")/fake_players.sh"
field() { awk -v f="$1" '{ for (i = 1; i < NF; i++) if ($i == f) print $(i + 1) }'; }
# low FROM TO: the loudest low-band level of the 0.05 s windows from FROM to TO seconds after
# the first cue; mean FROM TO, their power's mean, in dBFS.
levels() { "$AUDIO_PROBE" "$PLAYED.raw" --levels 0.05 >"$scratch/levels"; }
low() {
  awk -v a="$(awk -v f="$first" -v d="$1" 'BEGIN { print f + d }')" \
    -v b="$(awk -v f="$first" -v d="$2" 'BEGIN { print f + d }')" \
    '$2 >= a && $2 + 0.05 <= b { if (!n++ || $6 > m) m = $6 } END { print n ? m : "none" }' "$scratch/levels"
}
mean() {
  awk -v a="$(awk -v f="$first" -v d="$1" 'BEGIN { print f + d }')" \
    -v b="$(awk -v f="$first" -v d="$2" 'BEGIN { print f + d }')" \
    '$2 >= a && $2 + 0.05 <= b { n++; p += 10 ^ ($6 / 10) }
     END { if (!n) print "none"; else printf "%.1f", 10 * log(p / n) / log(10) }' "$scratch/levels"
}
# How long the stream lasts after the first cue.
lasts() { awk -v f="$first" 'END { printf "%.2f", $2 + 0.05 - f }' "$scratch/levels"; }
below() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "none" && b != "none" && a < b) }'; }

# A session with brown noise under the chime: the settle-in's cue at 0, the hold's at 2, the end
# at 12 (two tones). Cues at full volume, found above the ambient's peaks.
fresh
PATH=$fakes run start --settle 2s --duration 10s --exact --breath none --sound chime --volume 100 \
  --ambient brown --ambient-volume 30 --yes --no-log --plain
check_rc 0
onsets --threshold 0.2 >"$scratch/onsets"
current="brown noise under the chime: $(tr '\n' '|' <"$scratch/onsets")"
first=$(field onset <"$scratch/onsets" | head -1)
got=$(field onset <"$scratch/onsets" | awk -v f="$first" '{ printf "%s%.2f", (NR > 1 ? " " : ""), $1 - f }')
off=$(awk -v got="$got" 'BEGIN { split(got, g, " "); split("0 2 12 12.6", e, " "); bad = length(g) != 4
  for (i = 1; i <= 4; i++) { d = g[i] - e[i]; if (d > 0.02 || d < -0.02) bad = 1 } print bad }')
[[ $off == 0 ]] && pass || fail "cues at $got, expected 0 2 12 12.6 within 20 ms"
peaks=$(field peak <"$scratch/onsets")
[[ $(awk 'NR == 1 { f = $1 } $1 > f + 0.001 { bad = 1 } END { print bad ? "no" : "yes" }' <<<"$peaks") == yes ]] &&
  pass || fail "louder than the first cue: $(tr '\n' ' ' <<<"$peaks")"
levels
between=$(mean 4 8) under_hold=$(mean 2.05 2.6) under_settle=$(mean 0.05 0.6)
current="brown noise under the chime: between the cues $between dBFS, under the hold's cue $under_hold, the settle-in's $under_settle"
below -50 "$between" && pass || fail "no ambient between the cues"
below "$under_hold" "$(awk -v b="$between" 'BEGIN { print b - 8 }')" && pass || fail "not stepped down under the hold's cue"
below "$under_settle" "$(awk -v b="$between" 'BEGIN { print b - 8 }')" && pass || fail "not stepped down under the first cue"
fading=$(low 11.5 11.9) after=$(low 12.1 13.5)
current="brown noise at the end: $fading dBFS in the last half second, $after after"
below "$fading" "$(awk -v b="$between" 'BEGIN { print b - 15 }')" && pass || fail "not faded at the end"
below "$after" -90 && pass || fail "heard after the end"

# --ambient-after: the session is logged, then the ambient goes on, fading to nothing: the end's
# tones at 3 s (and 3.6), the ambient at its level after them, fading over the last third of the
# 11 s it plays, the stream's end with it.
fresh
PATH=$fakes run start --settle 0 --duration 3s --exact --breath none --sound chime --volume 100 \
  --ambient brown --ambient-after 8s --yes --plain
check_rc 0
check_out "The brown noise goes on for 8s, fading to silence; Ctrl-C ends it."
[[ $(grep -c '"ended":"completed"' "$LEGSUP_LOG") == 1 ]] && pass || fail "not logged: $(cat "$LEGSUP_LOG")"
onsets --threshold 0.2 >"$scratch/onsets"
first=$(field onset <"$scratch/onsets" | head -1)
levels
during=$(mean 1 2.5) going_on=$(mean 5.9 7) last=$(low 10.8 10.95) lasted=$(lasts)
current="brown noise after the session: $during dBFS in it, $going_on after it, $last at its end; the stream lasts $lasted s"
below -50 "$going_on" && pass || fail "not heard after the session"
below "$(awk -v d="$during" 'BEGIN { print d - 3 }')" "$going_on" && pass || fail "quieter after the session"
below "$last" -70 && pass || fail "not faded at its end"
awk -v l="$lasted" 'BEGIN { exit !(l > 10.9 && l < 11.6) }' && pass || fail "the stream does not end with it"

# A signal while it goes on after the session ends it, and the player, at once.
fresh
fake_pacat 'echo $$ >"$PLAYED.pid"; exec /bin/cat >"$PLAYED.raw"'
PATH=$fakes "$LEGSUP_BIN" start --settle 0 --duration 1s --exact --breath none --sound chime \
  --ambient pink --ambient-after 1h --yes --plain </dev/null >"$scratch/after.out" 2>&1 &
pid=$!
for _ in $(seq 200); do grep -q "goes on for" "$scratch/after.out" && break; sleep 0.1; done
current="SIGTERM while the ambient goes on"
grep -q "The pink noise goes on for 1h" "$scratch/after.out" && pass || fail "$(cat "$scratch/after.out")"
kill -TERM "$pid"
for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$pid" 2>/dev/null && { fail "still running 10 s after SIGTERM"; kill -KILL "$pid"; }
wait "$pid"
rc=$?
check_rc 143
player=$(cat "$PLAYED.pid" 2>/dev/null)
[[ -n $player ]] && ! kill -0 "$player" 2>/dev/null && pass || fail "the player outlived legsup"
fake_pacat "$recording_pacat"

# On a terminal, any key ends it at once, and legsup with it (status 0: the session completed).
command -v tmux >/dev/null || { echo "tmux is needed for this test" >&2; exit 1; }
socket=$scratch/tmux.sock
tm() { tmux -S "$socket" "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$scratch"' EXIT
tm -f /dev/null new-session -d -s e2e -x 80 -y 24 "env -i HOME=$HOME TERM=xterm-256color LANG=C.UTF-8 PLAYED=$PLAYED PATH=$fakes /bin/bash --norc --noprofile"
tm set-option -g status off >/dev/null
source "$(dirname "$0")/tmux_lib.sh"
fresh
type_line "$LEGSUP_BIN start --duration 1s --settle 0 --breath none --sound chime --ambient pink --ambient-after 1h --yes --no-log; echo rc=\$? >$scratch/rc"
current="a key while the ambient goes on after the session, on a terminal"
wait_for "The pink noise goes on for 1h, fading to silence; any key ends it." 20 && pass || fail "$(screen)"
tm send-keys -t e2e -l x
wait_rc && pass || fail "still running after a key"
[[ $(<"$scratch/rc") == rc=0 ]] && pass || fail "ended with $(cat "$scratch/rc")"

# After --rate questions that took a while, it says what is left, not what was asked for.
rm -f "$scratch/rc"
type_line "$LEGSUP_BIN start --duration 1s --settle 0 --breath none --sound chime --ambient pink --ambient-after 40s --rate --before stress=1,legs=1,sleepy=1 --yes --no-log; echo rc=\$? >$scratch/rc"
current="the ambient after the session, after --rate questions"
wait_for "How stressed do you feel? (after)" 20 && pass || fail "$(screen)"
sleep 3  # the person takes a while to answer
for answer in 2 2 2; do type_line "$answer"; done
# (The screen still shows the session before: its line said 1h.)
wait_for "s, fading to silence" 20 && pass || fail "$(screen)"
told=$(screen | sed -n 's/.*The pink noise goes on for \([0-9]*\)s, fading to silence; any key ends it.*/\1/p')
[[ -n $told ]] && ((told >= 20 && told <= 37)) && pass || fail "told: $(screen | grep 'goes on')"
tm send-keys -t e2e -l x
wait_rc && pass || fail "still running after a key"

# Only a stream carries it: with the bell or no sound it is refused, saying why.
run start --duration 1s --ambient rain --yes --no-log
check_rc 2
check_one_error_line
check_err "--ambient rain needs --sound chime or voice: the terminal's bell cannot play a sound under the cues"
run start --duration 1s --sound none --ambient brown --yes --no-log
check_rc 2
check_err "--sound none plays nothing"
run start --duration 1s --sound chime --ambient waves --yes --no-log
check_rc 2
check_err "invalid ambient sound \"waves\" (ambient sounds: none, brown, pink or rain)"

finish
