# What a session sounds like, heard through fake players that keep what they were given: the
# one stream of a chime or voice session, its cues at their moments, their pitch and loudness,
# the words in order; a player that fails or hangs; the sound check. PATH holds the fakes alone,
# so that the players a machine has (pw-cat, pacat, aplay, espeak-ng) change nothing here.
source "$(dirname "$0")/lib.sh"
: "${AUDIO_PROBE:?set AUDIO_PROBE to the audio_probe tool}"

export LEGSUP_LOG=$scratch/sessions.jsonl PLAYED=$scratch/played
fakes=$scratch/fakes
mkdir -p "$fakes"
# A stream player: notes how it was called, keeps the stream.
cat >"$fakes/pacat" <<'PLAYER'
#!/bin/sh
echo "$0 $*" >>"$PLAYED.args"
exec /bin/cat >"$PLAYED.raw"
PLAYER
# A speech synthesiser: notes the words and writes a WAV of noise, 40 ms a character, so that
# each phrase can be told apart in the stream by its length.
cat >"$fakes/espeak-ng" <<'SPEAKER'
#!/bin/sh
for word; do last=$word; done
echo "$last" >>"$PLAYED.words"
printf 'RIFF\377\377\377\377WAVEfmt \020\000\000\000\001\000\001\000\042\126\000\000\104\254\000\000\002\000\020\000data\377\377\377\377'
/usr/bin/head -c $((${#last} * 882 * 2)) /dev/urandom
SPEAKER
chmod +x "$fakes/pacat" "$fakes/espeak-ng"
fresh() { rm -f "$PLAYED".*; }
# onsets: the probe's lines for the stream played
onsets() { "$AUDIO_PROBE" "$PLAYED.raw" "$@"; }
field() { awk -v f="$1" '{ for (i = 1; i < NF; i++) if ($i == f) print $(i + 1) }'; }

# A chime session: one player for all of it, every cue in the stream at its moment.
fresh
PATH=$fakes run start --duration 6s --settle 2s --breath 1-0-1 --breath-cues --sound chime --yes --no-log
check_rc 0
[[ $(wc -l <"$PLAYED.args") == 1 ]] && pass || fail "more than one player: $(cat "$PLAYED.args")"
[[ $(<"$PLAYED.args") == *"--raw --format=s16le --rate=22050 --channels=1 --latency-msec=100"* ]] &&
  pass || fail "pacat's arguments: $(<"$PLAYED.args")"
onsets >"$scratch/onsets"
current="the chime session's stream: $(tr '\n' '|' <"$scratch/onsets")"
# Settle at 0; the hold at 2; breath phases at 3 (out), 4 (in), 5, 6, 7; the end at 8, two notes.
starts=$(field onset <"$scratch/onsets")
first=$(head -1 <<<"$starts")
expected="0 2 3 4 5 6 7 8 8.6"
got=$(awk -v first="$first" '{ printf "%s%.2f", (NR > 1 ? " " : ""), $1 - first }' <<<"$starts")
[[ $got == "0.00 2.00 3.00 4.00 5.00 6.00 7.00 8.00 8.60" ]] && pass || fail "onsets $got, expected $expected"
pitches=$(field pitch <"$scratch/onsets" | tr '\n' ' ')
read -r settle begin exhale inhale _ <<<"$pitches"
((settle > 370 && settle < 420 && begin > 500 && begin < 560 && exhale > 620 && exhale < 700 &&
  inhale > 840 && inhale < 920)) && pass || fail "pitches $pitches"
peaks=$(field peak <"$scratch/onsets")
loudest_first=$(awk 'NR == 1 { first = $1 } $1 > first + 0.001 { bad = 1 } END { print bad ? "no" : "yes" }' <<<"$peaks")
[[ $loudest_first == yes ]] && pass || fail "a cue louder than the first: $(tr '\n' ' ' <<<"$peaks")"
tick=$(sed -n 3p <<<"$peaks") begin_peak=$(sed -n 2p <<<"$peaks")
awk "BEGIN { exit !($tick < $begin_peak / 2) }" && pass || fail "breath ticks not quieter: $tick vs $begin_peak"

# The volume scales it: 100 is louder than 20, and nothing clips.
for volume in 20 100; do
  fresh
  PATH=$fakes "$LEGSUP_BIN" start --duration 1s --settle 0 --sound chime --volume "$volume" --yes --no-log >/dev/null
  onsets | head -1 | field peak >"$scratch/peak-$volume"
done
current="volume"
awk "BEGIN { exit !($(<"$scratch/peak-100") > 4 * $(<"$scratch/peak-20") && $(<"$scratch/peak-100") < 0.99) }" &&
  pass || fail "peaks $(<"$scratch/peak-20") at 20, $(<"$scratch/peak-100") at 100"

# A voice session: the words made before the session, spoken in the stream in order.
fresh
PATH=$fakes run start --duration 6s --settle 2s --breath 2-0-2 --breath-cues --sound voice --yes --no-log --plain
check_rc 0
onsets --gap 0.1 >"$scratch/onsets"
current="the voice session's stream"
# By length (40 ms a character): Settle in, Begin, Breathe out, Breathe in, then Time to come
# out slowly (at 8 s, where the next breath would be), and the four steps of the way out.
spoken=$(field length <"$scratch/onsets" | awk '{ printf "%d ", ($1 + 0.02) / 0.04 }')
[[ $spoken == "9 5 11 10 23 "* ]] && pass || fail "phrase lengths $spoken"
[[ $(field onset <"$scratch/onsets" | head -5 | awk 'NR == 1 { f = $1 } { printf "%.2f ", $1 - f }') == \
  "0.00 2.00 4.00 6.00 8.00 " ]] && pass || fail "voice onsets: $(field onset <"$scratch/onsets" | tr '\n' ' ')"
[[ $(grep -c . <"$scratch/onsets") == 9 ]] && pass || fail "$(grep -c . <"$scratch/onsets") phrases"
grep -qx "Roll onto one side and stay there for a few breaths." "$PLAYED.words" && pass || fail "no step spoken"

# Keys are heard: + on a terminal is confirmed (here: a voice saying so, in the stream).
# (On a terminal only; the tmux test presses keys.)

# A player that fails: said once, the bell takes over, the closing line says it again.
cat >"$fakes/pacat" <<'PLAYER'
#!/bin/sh
echo "Connection failure: Host is down" >&2
exit 1
PLAYER
fresh
PATH=$fakes run start --duration 2s --settle 0 --sound chime --yes --no-log --plain
check_rc 0
[[ $(grep -c "chime: pacat failed (exit 1: Connection failure: Host is down); using the terminal bell" <<<"$out") == 2 ]] &&
  pass || fail "the failure not told once and repeated at the end"
check_out "No chime was heard: chime: pacat failed"
# It shows in the first second: before the hold's first line.
[[ $(grep -n "pacat failed" <<<"$out" | head -1 | cut -d: -f1) -lt $(grep -n "done" <<<"$out" | head -1 | cut -d: -f1) ]] &&
  pass || fail "the failure was told late"

# The sound check: every cue, named; a failing player is exit 1 with its own words.
PATH=$fakes run sound --sound chime
check_rc 1
check_one_error_line
check_err "the sound check failed: chime: pacat failed (exit 1: Connection failure: Host is down)"
cat >"$fakes/pacat" <<'PLAYER'
#!/bin/sh
echo "$0 $*" >>"$PLAYED.args"
exec /bin/cat >"$PLAYED.raw"
PLAYER
fresh
PATH=$fakes run sound --sound chime --volume 60
check_rc 0
for name in start hold inhale exhale "interval bell" milestone key "step of the way out" end; do
  check_out "  $name"
done
[[ $(onsets | wc -l) -ge 10 ]] && pass || fail "the sound check played $(onsets | wc -l) sounds"
PATH=$fakes run sound --sound voice
check_rc 0
check_out 'inhale: "Breathe in"'
PATH=/nonexistent run sound --sound chime
check_rc 2
check_err "install pipewire-bin, pulseaudio-utils or alsa-utils"
PATH=$fakes run sound --volume loud
check_rc 2
check_err 'invalid volume "loud"'

# A player that hangs: it takes nothing. Noticed, ended; none outlives the session.
cat >"$fakes/pacat" <<PLAYER
#!/bin/sh
exec /bin/sleep 600.$$
PLAYER
fresh
SECONDS=0
PATH=$fakes run start --duration 9s --settle 0 --sound chime --yes --no-log --plain
check_rc 0
check_out "pacat takes no sound (it hangs); using the terminal bell"
((SECONDS < 15)) && pass || fail "the session took $SECONDS s"
sleep 0.5
current="no player outlives the session"
! pgrep -f "sleep 600.$$" >/dev/null && pass || fail "a hanging player is still there"
# One that plays, then will not end when its stream ends: ended a few seconds after its sound.
cat >"$fakes/pacat" <<PLAYER
#!/bin/sh
/bin/cat >/dev/null
exec /bin/sleep 601.$$
PLAYER
SECONDS=0
PATH=$fakes run start --duration 1s --settle 0 --sound chime --yes --no-log --plain
check_rc 0
((SECONDS < 9)) && pass || fail "waited $SECONDS s for a player that would not end"
sleep 0.5
! pgrep -f "sleep 601.$$" >/dev/null && pass || fail "a lingering player is still there"

# Each player's own way of taking a stream.
for player in pw-cat pw-play paplay aplay; do
  rm -f "$fakes"/* && fresh
  printf '#!/bin/sh\necho "$0 $*" >>"$PLAYED.args"\nexec /bin/cat >"$PLAYED.raw"\n' >"$fakes/$player"
  chmod +x "$fakes/$player"
  PATH=$fakes "$LEGSUP_BIN" start --duration 1s --settle 0 --sound chime --yes --no-log >/dev/null 2>&1
  current="$player"
  case $player in
    pw-*) [[ $(head -c 4 "$PLAYED.raw") == RIFF && $(<"$PLAYED.args") == *"--playback --latency 100ms -" ]] ;;
    paplay) [[ $(<"$PLAYED.args") == *"--raw"* ]] ;;
    aplay) [[ $(<"$PLAYED.args") == *"-t raw -f S16_LE -r 22050 -c 1 -" ]] ;;
  esac && pass || fail "$(cat "$PLAYED.args")"
  [[ $("$AUDIO_PROBE" "$PLAYED.raw" | wc -l) -ge 3 ]] && pass || fail "$player's stream holds no cues"
done

finish
