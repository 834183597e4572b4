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

# check_onsets EXPECTED TOLERANCE [PROBE OPTIONS]: the recording's onsets against the plan.
check_onsets() {
  local expected=$1 tolerance=$2
  shift 2
  onset_errors "$scratch/recording.raw" "$expected" "$@" >"$scratch/onsets"
  local got count worst
  got=$(awk '{ printf "%s%s", (NR > 1 ? " " : ""), $1 }' "$scratch/onsets")
  count=$(wc -l <"$scratch/onsets")
  [[ $count == $(wc -w <<<"$expected") ]] && pass || fail "$count sounds at the sink ($got), expected $(wc -w <<<"$expected") ($expected)"
  worst=$(worst_onset_error "$scratch/onsets")
  echo "$current: $count sounds, worst onset error ${worst}s" >&2
  awk "BEGIN { exit !($worst <= $tolerance) }" && pass || fail "an onset off by ${worst}s: $got"
}

hold=12
for pattern in 2-0-2 1-0-1 4-7-8 box; do
  case $pattern in
    box) seconds="4 4 4 4" ;;
    4-7-8) seconds="4 7 8 0" ;;
    1-0-1) seconds="1 0 1 0" ;;
    2-0-2) seconds="2 0 2 0" ;;
  esac
  current="chime, --breath $pattern --breath-cues, ${hold}s, at the sink"
  pulse_record "$scratch/recording.raw"
  PATH=$players "$LEGSUP_BIN" start --duration "${hold}s" --settle 0 --sound chime --breath "$pattern" \
    --breath-cues --yes --no-log --quiet 2>"$scratch/stderr"
  rc=$?
  pulse_stop_record
  err=$(<"$scratch/stderr")
  check_rc 0
  [[ -z $err ]] && pass || fail "legsup said: $err"
  # shellcheck disable=SC2086
  check_onsets "$(expected_chimes "$hold" $seconds)" 0.030 --gap 0.15
done

if [[ -e $players/espeak-ng ]]; then
  current="voice, --breath 3-0-3 --breath-cues, 12s, at the sink"
  pulse_record "$scratch/recording.raw"
  PATH=$players "$LEGSUP_BIN" start --duration 12s --settle 0 --sound voice --breath 3-0-3 \
    --breath-cues --yes --no-log --quiet 2>"$scratch/stderr"
  rc=$?
  pulse_stop_record
  err=$(<"$scratch/stderr")
  check_rc 0
  # Begin, Breathe out, Breathe in, Breathe out, Time to come out slowly: on their moments. Then
  # the four steps of the way out, one after another (their moments are when the last ended).
  onset_errors "$scratch/recording.raw" "0 3 6 9 12" --gap 0.35 >"$scratch/onsets"
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
