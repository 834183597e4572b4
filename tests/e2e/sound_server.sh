# Heard for real: sessions played by a real player into a real sound server (null sinks, the
# server run as an unprivileged user), each sink recorded, and the cues found in the recording:
# every one there, each on its beat (within 30 ms of its moment relative to the others, the
# first included), for the chime and for the voice; with everything on, the breath still on its
# beat, every other sound heard alone, nothing louder than the first cue; each key on a terminal
# (tmux) answered by its own sound at the sink within 150 ms (PipeWire: 200); and with an ambient sound under the chime
# (heard between the cues, faded to silence at the end).
#   sound_server.sh pulseaudio   PulseAudio, played by pacat (and one session each by paplay and
#                                by aplay, through ALSA's PulseAudio plugin), recorded with parec
#   sound_server.sh pipewire     PipeWire with WirePlumber, played by pw-cat (and one session by
#                                pw-play), recorded with pw-record
source "$(dirname "$0")/lib.sh"
require_programs sound_server python3 tmux
source "$LEGSUP_SOURCE_DIR/tests/tools/pulse_server.sh"
source "$LEGSUP_SOURCE_DIR/tests/tools/pipewire_server.sh"
: "${AUDIO_PROBE:?set AUDIO_PROBE to the audio_probe tool}"

server=${1:-pulseaudio}
case $server in
  pulseaudio)
    server_start() { pulse_start || { server_why=$pulse_why && return 1; }; }
    server_stop() { pulse_stop; }
    add_sink() { pulse_add_sink "$1"; }
    record() { pulse_record "$@"; }
    sink_variable=PULSE_SINK player=pacat other_players="paplay aplay"
    ;;
  pipewire)
    server_start() { pipewire_start || { server_why=$pipewire_why && return 1; }; }
    server_stop() { pipewire_stop; }
    add_sink() { pipewire_add_sink "$1"; }
    record() { pipewire_record "$@"; }
    sink_variable=PIPEWIRE_NODE player=pw-cat other_players=pw-play
    # Its recorder loses what comes while it is stalled (onset_errors): its recordings are timed.
    export record_times=yes
    ;;
  *) echo "usage: sound_server.sh pulseaudio|pipewire" >&2 && exit 2 ;;
esac

if ! server_start; then
  echo "e2e: sound_server $server: cannot start a sound server here: $server_why" >&2
  # In CI the test command installs the server: there, not starting is a failure. Elsewhere the
  # test is skipped, in CTest's terms (SKIP_RETURN_CODE), not passed with nothing checked.
  [[ -z ${CI:-} ]] && exit 77
  current="a $server server" && fail "$server_why"
  finish
  exit $?
fi
trap 'server_stop; rm -rf "$scratch"' EXIT

# One folder of programs a player: only the real player and the voice on PATH, as a machine
# with that server has them.
for program in $player $other_players; do
  mkdir -p "$scratch/$program"
  ln -s "$(command -v "$program")" "$scratch/$program/$program"
  command -v espeak-ng >/dev/null && ln -s "$(command -v espeak-ng)" "$scratch/$program/espeak-ng"
done

# check_onsets RECORDING EXPECTED TOLERANCE [PROBE OPTIONS]: the onsets against the plan. Every
# cue's onset is held to TOLERANCE; the last planned onset, the end chime's second tone (a part of
# the end's sound, which began on its beat), to kTailTolerance: with two suites running beside
# this one it has come 33 to 158 ms late (README, the figures), every cue on its beat: a stall of
# the server or player within the end's sound (the sessions here end together) moves the rest of
# a sound already begun, which cannot be set back. The figure is printed whatever it is.
kTailTolerance=0.2
check_onsets() {
  local recording=$1 expected=$2 tolerance=$3
  shift 3
  onset_errors "$recording" "$expected" "$@" >"$scratch/onsets"
  local got count worst tail
  got=$(awk '{ printf "%s%s", (NR > 1 ? " " : ""), $1 }' "$scratch/onsets")
  count=$(wc -l <"$scratch/onsets")
  [[ $count == $(wc -w <<<"$expected") ]] && pass || fail "$count sounds at the sink ($got), expected $(wc -w <<<"$expected") ($expected)"
  worst=$(head -n -1 "$scratch/onsets" | worst_onset_error /dev/stdin)
  tail=$(tail -n 1 "$scratch/onsets" | worst_onset_error /dev/stdin)
  echo "$current: $count sounds, worst onset error ${worst}s, the end's second tone ${tail}s" >&2
  awk "BEGIN { exit !($worst <= $tolerance) }" && pass || fail "an onset off by ${worst}s: $got"
  awk "BEGIN { exit !($tail <= $kTailTolerance) }" && pass || fail "the end's second tone off by ${tail}s: $got"
}

# onsets_hold RECORDING EXPECTED TOLERANCE [PROBE OPTIONS]: whether check_onsets would pass
# (the errors in $scratch/held).
onsets_hold() {
  local recording=$1 expected=$2 tolerance=$3
  shift 3
  onset_errors "$recording" "$expected" "$@" >"$scratch/held"
  [[ $(wc -l <"$scratch/held") == $(wc -w <<<"$expected") ]] &&
    awk -v cue="$tolerance" -v tail="$kTailTolerance" '
      { e = $2 < 0 ? -$2 : $2 } $2 == "-" || e > (NR < n ? cue : tail) { bad = 1 }
      END { exit bad }' n="$(wc -w <<<"$expected")" "$scratch/held"
}

# Each session plays to a null sink of its own, recorded alone, all side by side: 12 s, not 60.
# listen NAME PLAYER ARGS...: a session in the background, its recording, stderr and status
# under NAME.
declare -A started  # NAME: the command that started it but its name (STARTER ARGS...), to hear it again
listen() {
  local name=$1 program=$2
  shift 2
  started[$name]="listen $program $*"
  add_sink "legsup_$name"
  (
    record "$scratch/$name.raw" "legsup_$name"
    audio_priority env "$sink_variable=legsup_$name" PATH="$scratch/$program" "$LEGSUP_BIN" start "$@" \
      --exact --yes --no-log --quiet 2>"$scratch/$name.err"
    echo $? >"$scratch/$name.rc"
    pulse_stop_record
  ) &
  sessions+=("$!")
}

# heard_again NAME HOLDS... (in a subshell: $(...)): NAME, or, where HOLDS (a command, given
# NAME's recording last; what it found in $scratch/held) finds it off (a cue off the beat, the
# ambient after the end), the same session heard once more alone, as NAME_again (started as NAME
# was: $started). On a machine running another suite beside this one, a player, the server or
# the recorder stalled now and then for up to 85 ms: a stall just before a cue makes that cue
# late (the player's lateness is measured over parts of 0.3 s, PlayLateness), which nothing can
# undo; legsup's own faults come back in the second hearing.
heard_again() {
  local name=$1
  shift
  if "$@" "$scratch/$name.raw"; then
    echo "$name"
    return
  fi
  echo "$current: off ($(tr '\n' ' ' <"$scratch/held")): heard again" >&2
  local words=() sessions=()
  read -ra words <<<"${started[$name]}"
  "${words[0]}" "${name}_again" "${words[@]:1}" >&2
  wait "${sessions[@]}"
  echo "${name}_again"
}
# chimes_hold EXPECTED RECORDING: whether check_onsets would pass (heard_again's HOLDS).
chimes_hold() { onsets_hold "$2" "$1" "$onset_tolerance" --gap 0.15; }
# all_on_holds RECORDING: whether each breath cue of the session with everything on is on its
# beat (check_all_on; heard_again's HOLDS).
all_on_holds() {
  # shellcheck disable=SC2086
  beat_errors "$(sounds_from_first "$1" --gap 0.15)" $kAllOnBeats >"$scratch/held"
  awk -v t="$onset_tolerance" '$2 > t { bad = 1 } END { exit bad }' "$scratch/held"
}

hold=12
sessions=()
chimes="2-0-2:$player 1-0-1:$player 4-7-8:$player box:$player"
for program in $other_players; do chimes+=" 2-0-2:$program"; done
for chime in $chimes; do
  listen "${chime/:/_}" "${chime#*:}" --duration "${hold}s" --settle 0 --sound chime \
    --breath "${chime%:*}" --breath-cues
done
voice=$(command -v espeak-ng)
[[ -n $voice ]] && listen voice "$player" --duration 12s --settle 0 --sound voice --breath 3-0-3 --breath-cues
# shellcheck disable=SC2086
listen all "$player" $kAllOnOptions
# Brown noise under the chime (cues at full volume, found above the ambient's peaks).
listen ambient "$player" --duration 12s --sound chime --volume 100 --settle 0 --breath none --ambient brown \
  --ambient-volume 30
# The log held by another process as the session ends (a disk slow to sync is the same wait):
# legsup waits for it, and the end chime reaches the sink on its beat meanwhile. The lock is held
# until the sink has the end's second tone whole, or for 30 s.
# locked NAME: that session in the background, its log NAME.jsonl.
locked() {
  local name=$1
  started[$name]=locked
  add_sink "legsup_$name"
  : >"$scratch/$name.jsonl"
  chmod 666 "$scratch/$name.jsonl"
  (
    record "$scratch/$name.raw" "legsup_$name"
    exec 9>>"$scratch/$name.jsonl"
    flock 9
    audio_priority env "$sink_variable=legsup_$name" PATH="$scratch/$player" LEGSUP_LOG="$scratch/$name.jsonl" \
      "$LEGSUP_BIN" start --duration 12s --settle 0 --breath none --sound chime --exact --yes \
      --quiet 2>"$scratch/$name.err" 9>&- &
    for ((i = 0; i < 450; i++)); do
      "$AUDIO_PROBE" "$scratch/$name.raw" --gap 0.15 2>/dev/null |
        awk 'END { exit !(NR == 3 && $8 >= 0.6) }' && break
      sleep 0.1
    done
    exec 9>&-
    wait $!
    echo $? >"$scratch/$name.rc"
    pulse_stop_record
  ) &
  sessions+=("$!")
}
locked locked
# A player, then legsup, stopped for 0.15 s (as a machine too busy to run them would): each cue
# after is on its beat again. Measured before the stream was set to the clock while it plays:
# pacat stopped, every later cue 65 to 76 ms late; legsup stopped, 74 ms early. Each is stopped
# once the sink has a given number of cues (the 4th, the 8th) and between two cues. (At
# PipeWire, pw-cat stopped 0.15 s put every later cue 128 ms late before its lateness was
# followed; legsup stopped, 18 ms early, by the start again.) stalled NAME: that session, in
# the background, under NAME.
stalled() {
  local name=$1
  started[$name]=stalled
  add_sink "legsup_$name"
  (
    record "$scratch/$name.raw" "legsup_$name"
    "${audio_priority_words[@]}" env "$sink_variable=legsup_$name" PATH="$scratch/$player" "$LEGSUP_BIN" start \
      --duration 12s --settle 0 --breath 1-0-1 --breath-cues --sound chime --exact --yes --no-log \
      --quiet 2>"$scratch/$name.err" &
    legsup_pid=$!
    stall_after() {  # stall_after COUNT player|legsup: stopped 0.15 s once the sink has COUNT sounds
      local i victim=$legsup_pid
      for ((i = 0; i < 300; i++)); do
        (($("$AUDIO_PROBE" "$scratch/$name.raw" --gap 0.15 2>/dev/null | wc -l) >= $1)) && break
        sleep 0.05
      done
      sleep 0.3  # between this cue and the next
      [[ $2 == player ]] && victim=$(pgrep -P "$legsup_pid" -x "$player")
      [[ -n $victim ]] || { echo "stall_after: no $2 to stop" >>"$scratch/$name.err" && return; }
      kill -STOP "$victim" && sleep 0.15 && kill -CONT "$victim"
    }
    stall_after 4 player
    stall_after 8 legsup
    wait "$legsup_pid"
    echo $? >"$scratch/$name.rc"
    pulse_stop_record
  ) &
  sessions+=("$!")
}
stalled stalls
wait "${sessions[@]}"

# The voice with everything on (PulseAudio alone: two minutes): "One minute left" falls within
# an inhale of 4-7-8 and is said between its beats; the way out's sentences follow the end.
sessions=()
[[ -n $voice && $server == pulseaudio ]] &&
  listen voice_all "$player" --duration 2m --settle 0 --breath 4-7-8 --breath-cues --announce \
    --come-out 20s --sound voice

# Each key's answer, from the key sent to the sink, while that plays: the chime's, then the
# voice's. Within 150 ms at PulseAudio; at PipeWire 158 to 176 ms is measured (the figure is the
# latest a sound can have reached the sink, the recorder's own delay included): its graph runs
# in 21 ms quanta for pw-cat's 40 ms and a key comes about four of them after the stream's lead;
# shorter quanta stalled the player under load (README, the figures): held within 200. The
# bound holds the median of the seven keys: on a machine running another suite beside this one,
# one key in seven has come 100 ms late (the key, legsup and the player all wait for a core);
# every key is still held within twice the bound, and bench/sound.sh reports each.
key_bound=150
[[ $server == pipewire ]] && key_bound=200
for sound in chime ${voice:+voice}; do
  current="keys on a terminal, --sound $sound by $player, at the $server sink"
  key_latencies "$scratch" "$scratch/$player" "$server" "$sound" $kKeysPressed >"$scratch/keys" &&
    pass || fail "not every key was answered: $(tr '\n' '|' <"$scratch/keys")"
  echo "$current: key to sound $(awk '{ printf "%s%s %s ms", (NR > 1 ? ", " : ""), $1, $2 }' "$scratch/keys")" >&2
  median=$(awk '{ print $2 }' "$scratch/keys" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  ((median <= key_bound)) && pass || fail "answered in $median ms (the median), over $key_bound: $(tr '\n' '|' <"$scratch/keys")"
  slow=$(awk -v bound="$key_bound" '$2 > 2 * bound || $2 < 0' "$scratch/keys")
  [[ -z $slow ]] && pass || fail "answered later than $((2 * key_bound)) ms: $(tr '\n' '|' <<<"$slow")"
  [[ $sound == voice ]] && continue
  got=$(awk '{ printf "%s%s-%s", (NR > 1 ? " " : ""), $3, $4 }' "$scratch/keys")
  pitches_match "$got" "$kKeyPitches" && pass || fail "the keys' sounds $got, expected $kKeyPitches"
done

# On a loaded machine, PipeWire (0.3.65) at times skips or repeats a stretch of a stream (43 ms,
# about two of its quanta of 1024 frames at 48000 Hz) and plays the rest that much early or
# late: seen at the sink while another suite ran beside this one, even with the server at a
# desktop's priority. PulseAudio never did; there, every sound is held to 30 ms.
onset_tolerance=0.030
[[ $server == pipewire ]] && onset_tolerance=0.050
for chime in $chimes; do
  current="chime by ${chime#*:}, --breath ${chime%:*} --breath-cues, ${hold}s, at the $server sink"
  expected=$(expected_chimes "$hold" "${chime%:*}")
  name=$(heard_again "${chime/:/_}" chimes_hold "$expected")
  rc=$(<"$scratch/$name.rc") err=$(<"$scratch/$name.err")
  check_rc 0
  [[ -z $err ]] && pass || fail "legsup said: $err"
  check_onsets "$scratch/$name.raw" "$expected" "$onset_tolerance" --gap 0.15
done

current="everything on, chime by $player, at the $server sink"
name=$(heard_again all all_on_holds)
rc=$(<"$scratch/$name.rc") err=$(<"$scratch/$name.err")
check_rc 0
[[ -z $err ]] && pass || fail "legsup said: $err"
check_all_on "$(sounds_from_first "$scratch/$name.raw" --gap 0.15)" "$onset_tolerance"

# (Only those: a plain wait would wait for the server too.)
((${#sessions[@]} == 0)) || wait "${sessions[@]}"
if [[ -n $voice && $server == pulseaudio ]]; then
  current="everything on, voice by $player, --breath 4-7-8 --announce --come-out 20s, 2m"
  # A phrase's first sound may be soft ("Hold"): a lower threshold finds where it begins.
  # (A gap of 0.2 s parts a phrase said a quarter of a second after another.)
  phrases() { sounds_from_first "$1" --gap 0.2 --threshold 0.002; }
  breath_holds() {  # breath_holds RECORDING: each breath cue within 30 ms (heard_again's HOLDS)
    # shellcheck disable=SC2046
    beat_errors "$(phrases "$1")" $(expected_chimes 120 4-7-8 | awk '{ NF--; print }') >"$scratch/held"
    awk '$2 > 0.030 { bad = 1 } END { exit bad }' "$scratch/held"
  }
  name=$(heard_again voice_all breath_holds)
  rc=$(<"$scratch/$name.rc")
  check_rc 0
  sounds=$(phrases "$scratch/$name.raw")
  breath_holds "$scratch/$name.raw"
  worst=$(awk '$2 > w { w = $2 } END { printf "%.4f", w }' "$scratch/held")
  loudest=$(loudest_over_first "$sounds")
  echo "$current: breath cues' worst onset error ${worst}s, loudest ${loudest} dB against the first" >&2
  awk "BEGIN { exit !($worst <= 0.030) }" && pass || fail "a breath cue off by ${worst}s: $(tr '\n' '|' <<<"$sounds")"
  awk "BEGIN { exit !($loudest <= 0.5) }" && pass || fail "the loudest sound ${loudest} dB over the first"
  # "One minute left" between 60 and 65 s, off the beats; the way out's four sentences and its
  # end after the hold's.
  said=$(awk '$1 > 60.2 && $1 < 65 && ($1 < 60.97 || $1 > 61.03)' <<<"$sounds" | wc -l)
  after=$(awk '$1 > 120.5' <<<"$sounds" | wc -l)
  ((said >= 1 && after >= 5)) && pass || fail "$said sounds for the milestone, $after after the end: $(tr '\n' '|' <<<"$sounds")"
fi

if [[ -n $voice ]]; then
  current="voice by $player, --breath 3-0-3 --breath-cues, 12s, at the $server sink"
  # Begin, Breathe out, Breathe in, Breathe out, Time to come out slowly: on their moments. Then
  # the four steps of the way out, one after another (their moments are when the last ended).
  phrases_hold() {  # phrases_hold RECORDING: each phrase's error in $scratch/held; whether they hold
    onset_errors "$1" "0 3 6 9 12" --gap 0.35 >"$scratch/held"
    awk -v t="$onset_tolerance" '$2 != "-" && ($2 > t || $2 < -t) { bad = 1 } END { exit bad || NR < 9 }' "$scratch/held"
  }
  name=$(heard_again voice phrases_hold)
  rc=$(<"$scratch/$name.rc")
  check_rc 0
  phrases_hold "$scratch/$name.raw"
  got=$(awk '{ printf "%s%s", (NR > 1 ? " " : ""), $1 }' "$scratch/held")
  worst=$(worst_onset_error "$scratch/held")
  echo "$current: worst onset error ${worst}s ($got)" >&2
  awk "BEGIN { exit !($worst <= $onset_tolerance) }" && pass || fail "a phrase off by ${worst}s: $got"
  [[ $(wc -l <"$scratch/held") -ge 9 ]] && pass || fail "$(wc -l <"$scratch/held") phrases at the sink"
else
  echo "e2e: sound_server $server: espeak-ng is not installed: the voice is not tried" >&2
  [[ -n ${CI:-} ]] && current="espeak-ng" && fail "not installed"
fi

# The ambient at the sink: the cues on their beats above it; heard between them (under 120 Hz,
# where no cue's tone is); faded over the last third of the session to silence at its end.
current="brown noise under the chime by $player, 12s, at the $server sink"
# ambient_levels RECORDING: sets between, fading and after, the mean of the low band (dBFS) from
# 2.5 to 7.5 s, over the last half second and after the end (-999: no window there), and
# loudest_after, the loudest window after the end ("SECONDS:dBFS" from the first sound).
ambient_levels() {
  local first
  first=$("$AUDIO_PROBE" "$1" --gap 0.15 --threshold 0.15 | awk 'NR == 1 { print $2 }')
  "$AUDIO_PROBE" "$1" --levels 0.05 >"$scratch/levels"
  low_mean() {
    awk -v a="$1" -v b="$2" -v f="$first" '$2 >= f + a && $2 + 0.05 <= f + b { n++; p += 10 ^ ($6 / 10) }
      END { if (!n) print -999; else printf "%.1f", 10 * log(p / n) / log(10) }' "$scratch/levels"
  }
  between=$(low_mean 2.5 7.5) fading=$(low_mean 11.5 11.95) after=$(low_mean 12.2 30)
  loudest_after=$(awk -v f="$first" '$2 >= f + 12.2 && $2 + 0.05 <= f + 30 && (!n++ || $6 > max) { max = $6; at = $2 - f }
    END { printf "%.2f:%s", at, max }' "$scratch/levels")
}
# above_hold RECORDING: the cues on their beats above the ambient, and nothing after the end
# (heard_again's HOLDS).
above_hold() {
  onsets_hold "$1" "0 12 12.6" "$onset_tolerance" --gap 0.15 --threshold 0.15 || return 1
  ambient_levels "$1"
  echo "after the end $after dBFS, the loudest $loudest_after" >>"$scratch/held"
  awk "BEGIN { exit !($after < -80 && $after != -999) }"
}
name=$(heard_again ambient above_hold)
rc=$(<"$scratch/$name.rc") err=$(<"$scratch/$name.err")
check_rc 0
[[ -z $err ]] && pass || fail "legsup said: $err"
check_onsets "$scratch/$name.raw" "0 12 12.6" "$onset_tolerance" --gap 0.15 --threshold 0.15
ambient_levels "$scratch/$name.raw"
echo "$current: the ambient's low band $between dBFS between the cues, $fading in the last half second, $after after the end (the loudest window $loudest_after)" >&2
awk "BEGIN { exit !($between > -50) }" && pass || fail "not heard between the cues: $between dBFS"
awk "BEGIN { exit !($fading < $between - 15) }" && pass || fail "not faded at the end: $fading against $between dBFS"
awk "BEGIN { exit !($after < -80 && $after != -999) }" && pass || fail "heard after the end: $after dBFS (the loudest window $loudest_after)"

current="the log's lock held as the session ends, chime by $player, 12s, at the $server sink"
name=$(heard_again locked chimes_hold "0 12 12.6")
rc=$(<"$scratch/$name.rc") err=$(<"$scratch/$name.err")
check_rc 0
[[ -z $err ]] && pass || fail "legsup said: $err"
check_onsets "$scratch/$name.raw" "0 12 12.6" "$onset_tolerance" --gap 0.15
[[ $(wc -l <"$scratch/$name.jsonl") == 1 ]] && pass || fail "$(wc -l <"$scratch/$name.jsonl") records in the log, expected 1"

current="$player, then legsup, stopped 0.15 s mid-session, chime by $player, at the $server sink"
# Every cue but the one after each stop on its beat (how late the player plays is measured over
# 0.6 s of its playing where it is far behind, PlayLateness). Heard again once where a cue is off
# (heard_again: the machine's own stalls).
stall_errors() {  # stall_errors RECORDING: its onsets in $scratch/onsets; whether they hold
  onset_errors "$1" "$(expected_chimes 12 1-0-1)" --gap 0.15 >"$scratch/onsets"
  worst=$(awk 'NR != 5 && NR != 9' "$scratch/onsets" | worst_onset_error /dev/stdin)
  cp "$scratch/onsets" "$scratch/held"
  [[ $(wc -l <"$scratch/onsets") == 14 ]] && awk "BEGIN { exit !($worst <= $onset_tolerance) }"
}
name=$(heard_again stalls stall_errors)
stall_errors "$scratch/$name.raw"
rc=$(<"$scratch/$name.rc") err=$(<"$scratch/$name.err")
check_rc 0
[[ -z $err ]] && pass || fail "legsup said: $err"
got=$(awk '{ printf "%s%s", (NR > 1 ? " " : ""), $1 }' "$scratch/onsets")
echo "$current: $(wc -l <"$scratch/onsets") sounds, worst onset error ${worst}s (the cue after each stop left out; each: $(awk '{ printf "%s ", $2 }' "$scratch/onsets"))" >&2
[[ $(wc -l <"$scratch/onsets") == 14 ]] && pass || fail "$(wc -l <"$scratch/onsets") sounds at the sink ($got), expected 14"
awk "BEGIN { exit !($worst <= $onset_tolerance) }" && pass || fail "an onset off by ${worst}s: $(tr '\n' '|' <"$scratch/onsets")"

# The server killed 5 s into a 14 s session (as a crash would) and started again: the player is
# started again, a pause between tries, and the cues after the restart reach the sink on their
# beat; the closing line and the record say what was not heard.
if [[ $server == pulseaudio ]]; then
  current="the PulseAudio server killed 5 s into a 14 s session and started again"
  record "$scratch/before.raw" legsup_null
  (
    audio_priority env PULSE_SINK=legsup_null PATH="$scratch/$player" "$LEGSUP_BIN" start --duration 14s --exact --settle 0 \
      --breath 2-0-2 --breath-cues --sound chime --yes --plain --log "$scratch/restart.jsonl" \
      >"$scratch/restart.out" 2>&1 </dev/null
    echo $? >"$scratch/restart.rc"
  ) &
  # The sink's own clock: 5 s of the session recorded (after the recorder's half second alone).
  tenths_recorded() { (($(stat -c %s "$scratch/before.raw") >= $1 * 22050 * 2 / 10)); }
  wait_for "5 s of the session at the sink" tenths_recorded 55
  pulse_kill && pass || fail "the server would not die"
  pulse_launch && pass || fail "the server did not start again: $pulse_why"
  record "$scratch/after.raw" legsup_null
  wait_for "the session's end" test -s "$scratch/restart.rc"
  pulse_stop_record
  rc=$(<"$scratch/restart.rc") out=$(<"$scratch/restart.out")
  check_rc 0
  check_out "chime: $player was started again and is heard"
  [[ $out =~ [0-9]+" of "[0-9]+" cues "(was|were)" not heard: $player failed (".*"); it was started again." ]] &&
    pass || fail "the closing line"
  unheard=$(tail -1 "$scratch/restart.jsonl" | "$JSON_PROBE" /unheard_cues)
  [[ $unheard =~ ^[0-9]+$ ]] && ((unheard >= 1 && unheard <= 3)) && pass || fail "unheard_cues: $unheard"
  # What the sink heard after the restart: the last of the planned onsets, on their beat.
  planned=$(expected_chimes 14 2-0-2)
  heard=$("$AUDIO_PROBE" "$scratch/after.raw" --gap 0.15 | wc -l)
  tail_planned=$(tr ' ' '\n' <<<"$planned" | tail -n "$heard" | awk 'NR == 1 { f = $1 } { printf "%s%g", (NR > 1 ? " " : ""), $1 - f }')
  ((heard >= 3)) && pass || fail "$heard sounds at the sink after the restart"
  # Measured from the second sound: the first, due as the player came back, may be heard up to a
  # quarter second late rather than lost (PlayerStream: a sound whose moment passed a little as
  # the stream was set to the clock starts at once).
  "$AUDIO_PROBE" "$scratch/after.raw" --gap 0.15 | awk -v plan="$tail_planned" '
    BEGIN { split(plan, planned, " ") }
    { onset[NR] = $2 }
    END { for (i = 1; i <= NR; i++) printf "%.4f %.4f\n", onset[i] - onset[1],
            (onset[i] - onset[2]) - (planned[i] - planned[2]) }' >"$scratch/onsets"
  worst=$(tail -n +2 "$scratch/onsets" | worst_onset_error /dev/stdin)
  first=$(awk 'NR == 1 { print $2 }' "$scratch/onsets")
  echo "$current: $heard sounds after the restart (of $(wc -w <<<"$planned")), unheard_cues $unheard, worst onset error ${worst}s, the first ${first}s" >&2
  awk "BEGIN { exit !($worst <= 0.030) }" && pass || fail "an onset off by ${worst}s: $(tr '\n' ' ' <"$scratch/onsets")"
  awk "BEGIN { exit !($first >= -0.030 && $first <= 0.25) }" && pass || fail "the first sound off by ${first}s: $(tr '\n' ' ' <"$scratch/onsets")"
fi

# A failing server: the player's own words, then the bell where there is a terminal.
server_stop
trap 'rm -rf "$scratch"' EXIT
# Pointed at a server that is not there (not at one the machine may run for its user).
export PULSE_SERVER=unix:$scratch/gone/native PIPEWIRE_RUNTIME_DIR=$scratch/gone
current="the $server server gone, no terminal"
out=$(setsid -w env PATH="$scratch/$player" "$LEGSUP_BIN" start --duration 1s --exact --settle 0 --sound chime \
  --yes --no-log --plain 2>"$scratch/stderr" </dev/null)
rc=$? err=$(<"$scratch/stderr")
check_rc 4
check_err "nothing would be heard: $player failed (exit 1"
current="the $server server gone, on a terminal"
out=$(script -qec "$(printf '%q ' env PATH="$scratch/$player" "$LEGSUP_BIN" start --duration 1s --exact --settle 0 \
  --sound chime --yes --no-log --plain)" /dev/null </dev/null)
rc=$?
check_rc 0
check_out_wrapped "chime: $player failed (exit 1"
check_out_wrapped "using the terminal bell"

finish
