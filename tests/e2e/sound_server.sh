# Heard for real: sessions played by the real pacat into a real PulseAudio server (a null sink,
# the server run as an unprivileged user), the sink's monitor recorded with parec, and the cues
# found in the recording: every one there, each on its beat (within 30 ms of its moment relative
# to the others, the first included), for the chime and for the voice.
source "$(dirname "$0")/lib.sh"
source "$LEGSUP_SOURCE_DIR/tests/tools/pulse_server.sh"
: "${AUDIO_PROBE:?set AUDIO_PROBE to the audio_probe tool}"

if ! pulse_start; then
  echo "e2e: sound_server: cannot start a sound server here: $pulse_why" >&2
  # In CI the test command installs the server: there, not starting is a failure.
  if [[ -n ${CI:-} ]]; then current="a PulseAudio server" && fail "$pulse_why"; fi
  finish
  exit $?
fi
trap 'pulse_stop; rm -rf "$scratch"' EXIT

players=$scratch/players
mkdir -p "$players"
ln -s "$(command -v pacat)" "$players/pacat"
command -v espeak-ng >/dev/null && ln -s "$(command -v espeak-ng)" "$players/espeak-ng"

# check_onsets RECORDING EXPECTED TOLERANCE [PROBE OPTIONS]: the onsets against the plan.
check_onsets() {
  local recording=$1 expected=$2 tolerance=$3
  shift 3
  onset_errors "$recording" "$expected" "$@" >"$scratch/onsets"
  local got count worst
  got=$(awk '{ printf "%s%s", (NR > 1 ? " " : ""), $1 }' "$scratch/onsets")
  count=$(wc -l <"$scratch/onsets")
  [[ $count == $(wc -w <<<"$expected") ]] && pass || fail "$count sounds at the sink ($got), expected $(wc -w <<<"$expected") ($expected)"
  worst=$(worst_onset_error "$scratch/onsets")
  echo "$current: $count sounds, worst onset error ${worst}s" >&2
  awk "BEGIN { exit !($worst <= $tolerance) }" && pass || fail "an onset off by ${worst}s: $got"
}

# Each session plays to a null sink of its own, recorded alone, all side by side: 12 s, not 60.
# listen NAME ARGS...: a session in the background, its recording, stderr and status under NAME.
listen() {
  local name=$1
  shift
  pulse_add_sink "legsup_$name"
  (
    pulse_record "$scratch/$name.raw" "legsup_$name"
    PULSE_SINK=legsup_$name PATH=$players "$LEGSUP_BIN" start "$@" --settle 0 --breath-cues \
      --yes --no-log --quiet 2>"$scratch/$name.err"
    echo $? >"$scratch/$name.rc"
    pulse_stop_record
  ) &
}

hold=12
patterns="2-0-2 1-0-1 4-7-8 box"
for pattern in $patterns; do
  listen "$pattern" --duration "${hold}s" --sound chime --breath "$pattern"
done
[[ -e $players/espeak-ng ]] && listen voice --duration 12s --sound voice --breath 3-0-3
wait

for pattern in $patterns; do
  case $pattern in
    box) seconds="4 4 4 4" ;;
    4-7-8) seconds="4 7 8 0" ;;
    1-0-1) seconds="1 0 1 0" ;;
    2-0-2) seconds="2 0 2 0" ;;
  esac
  current="chime, --breath $pattern --breath-cues, ${hold}s, at the sink"
  rc=$(<"$scratch/$pattern.rc") err=$(<"$scratch/$pattern.err")
  check_rc 0
  [[ -z $err ]] && pass || fail "legsup said: $err"
  # shellcheck disable=SC2086
  check_onsets "$scratch/$pattern.raw" "$(expected_chimes "$hold" $seconds)" 0.030 --gap 0.15
done

if [[ -e $players/espeak-ng ]]; then
  current="voice, --breath 3-0-3 --breath-cues, 12s, at the sink"
  rc=$(<"$scratch/voice.rc")
  check_rc 0
  # Begin, Breathe out, Breathe in, Breathe out, Time to come out slowly: on their moments. Then
  # the four steps of the way out, one after another (their moments are when the last ended).
  onset_errors "$scratch/voice.raw" "0 3 6 9 12" --gap 0.35 >"$scratch/onsets"
  got=$(awk '{ printf "%s%s", (NR > 1 ? " " : ""), $1 }' "$scratch/onsets")
  worst=$(worst_onset_error "$scratch/onsets")
  echo "$current: worst onset error ${worst}s ($got)" >&2
  awk "BEGIN { exit !($worst <= 0.030) }" && pass || fail "a phrase off by ${worst}s: $got"
  [[ $(wc -l <"$scratch/onsets") -ge 9 ]] && pass || fail "$(wc -l <"$scratch/onsets") phrases at the sink"
else
  echo "e2e: sound_server: espeak-ng is not installed: the voice is not tried" >&2
  [[ -n ${CI:-} ]] && current="espeak-ng" && fail "not installed"
fi

# A failing server: the player's own words, then the bell.
pulse_stop
current="the server gone"
PATH=$players run start --duration 1s --settle 0 --sound chime --yes --no-log --plain
check_rc 0
check_out "chime: pacat failed (exit 1"
check_out "using the terminal bell"

finish
