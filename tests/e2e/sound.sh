# What a session sounds like, heard through fake players that keep what they were given: the
# one stream of a chime or voice session, its cues at their moments, their pitch and loudness,
# the words in order, everything on at once. (Players that fail or hang and each player's way of
# taking a stream: sound_players.sh; the sound check: sound_check.sh; keys: sound_keys.sh.) PATH holds the fakes alone, so that the players a machine has
# (pacat, pw-cat, aplay, espeak-ng) change nothing here.
source "$(dirname "$0")/lib.sh"
: "${AUDIO_PROBE:?set AUDIO_PROBE to the audio_probe tool}"

source "$(dirname "$0")/fake_players.sh"
source "$LEGSUP_SOURCE_DIR/tests/tools/pulse_server.sh"  # what to listen for: check_all_on
field() { awk -v f="$1" '{ for (i = 1; i < NF; i++) if ($i == f) print $(i + 1) }'; }

# A chime session: one player for all of it, every cue in the stream at its moment.
fresh
PATH=$fakes run start --duration 6s --exact --settle 2s --breath 1-0-1 --breath-cues --sound chime --yes --no-log
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
  PATH=$fakes "$LEGSUP_BIN" start --duration 1s --exact --settle 0 --sound chime --volume "$volume" --yes --no-log >/dev/null
  onsets | head -1 | field peak >"$scratch/peak-$volume"
done
current="volume"
awk "BEGIN { exit !($(<"$scratch/peak-100") > 4 * $(<"$scratch/peak-20") && $(<"$scratch/peak-100") < 0.99) }" &&
  pass || fail "peaks $(<"$scratch/peak-20") at 20, $(<"$scratch/peak-100") at 100"

# A voice session: the words made before the session, spoken in the stream in order.
fresh
PATH=$fakes run start --duration 6s --exact --settle 2s --breath 2-0-2 --breath-cues --sound voice --yes --no-log --plain
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

# Everything on, where sounds fall together (pulse_server.sh: kAllOnOptions, check_all_on): each
# breath cue on its beat, to the sample; the bells, the steps and the way out's end each heard
# alone between the beats; the stream never louder than the first cue.
# shellcheck disable=SC2086
all_on() { fresh && PATH=$fakes run start $kAllOnOptions --yes --no-log --plain; }
all_on
# Heard once more where a cue is off its beat. The fake takes all it is given at once, so its
# file is legsup's timeline only while legsup keeps up: held up (the sanitizers' build beside
# another suite), legsup goes on from the clock and starts the stream again, as a player that
# plays as it reads needs, and in the file the later cues move (stopped 0.3 s: every later cue
# 96 ms late there; once, in CI: 39 ms early, then the rest 82 ms late). A fault of legsup's
# comes back in the second hearing.
# shellcheck disable=SC2086
beats=$(beat_errors "$(sounds_from_first "$PLAYED.raw")" $kAllOnBeats)
if awk '$2 > 0.002 { off = 1 } END { exit !off }' <<<"$beats"; then
  echo "everything on, the chime's stream: a cue off the beat ($(tr '\n' ' ' <<<"$beats")): heard again" >&2
  all_on
fi
current="everything on, the chime's stream"
check_rc 0
check_all_on "$(sounds_from_first "$PLAYED.raw")" 0.002

# The listening itself (sound_server.sh at PipeWire): a recorder that stalls loses what came
# meanwhile, and its recording puts every later sound early; the wall clock, the latest each can
# have come, says they were not. That stream, 85 ms lost 10.1 s into it (about the sixth tick)
# and timed as it was read: every cue on its beat. The same samples timed as if
# they had come so (the sounds early by both clocks): cues off their beat.
current="a recorder that lost 85 ms, the stream with everything on"
lost_at=$((101 * 22050 / 10)) lost=$((85 * 22050 / 1000))
{ head -c $((lost_at * 2)) "$PLAYED.raw" && tail -c +$(((lost_at + lost) * 2 + 1)) "$PLAYED.raw"; } >"$scratch/lost.raw"
# timed READ_AT: a line "BYTES NANOSECONDS" each 50 ms of the stream, READ_AT (awk, of t, the
# stream's time, and had, the samples kept by then) the time of the read.
timed() {
  awk -v at="$lost_at" -v lost="$lost" -v rate=22050 -v end="$(stat -c %s "$PLAYED.raw")" '
    BEGIN { for (t = 0.05; t * rate * 2 < end; t += 0.05) {
      s = int(t * rate); had = s < at ? s : s < at + lost ? at : s - lost
      printf "%d %.0f\n", had * 2, ('"$1"') * 1e9 } }'
}
listened_fails() {  # listened_fails RECORDING: what check_all_on finds wrong in it
  (pass() { :; } && fail() { echo "$*"; } && check_all_on "$(sounds_from_first "$1")" 0.002 2>/dev/null)
}
timed "1000 + t + 0.02" >"$scratch/lost.raw.times"
found=$(listened_fails "$scratch/lost.raw")
[[ -z $found ]] && pass || fail "the recorder's loss taken for legsup's: $found"
cp "$scratch/lost.raw" "$scratch/early.raw"
timed "1000 + had / rate + 0.02" >"$scratch/early.raw.times"
found=$(listened_fails "$scratch/early.raw")
[[ $found == *"breath cues off their beat:"*"|12 0.08"* ]] && pass || fail "cues early by both clocks not found: $found"
rm "$scratch/lost.raw.times"
found=$(listened_fails "$scratch/lost.raw")
[[ $found == *"breath cues off their beat:"*"|12 0.08"* ]] && pass || fail "an untimed recording's loss not found: $found"

finish
