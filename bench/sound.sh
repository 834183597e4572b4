#!/bin/bash
# Cues at the ear: sessions played by the real pacat, paplay and aplay (by ALSA's PulseAudio
# plugin) into a real PulseAudio server (a null sink, run as an unprivileged user), the sink
# recorded with parec, each sound's onset found in the recording and compared with its planned
# moment, the first sound taken as the plan's zero.
# Prints, for the chime (breath cues on 2-0-2, 1-0-1, 4-7-8 and box over 12 s) and for the voice
# (3-0-3 over 12 s), how many sounds arrived of those planned and the onset error's median and
# worst over every cue of every run [target: within 30 ms, for the chime and for the voice];
# with everything on (the chime at full volume, a bell every 10 s over the ticks of 2-0-2,
# milestones, a way out whose first step falls with the end: pulse_server.sh's kAllOnOptions),
# the breath cues' onset error and the loudest moment against the first cue, median and worst of
# the runs [targets: within 30 ms; no louder than +0.5 dB]; and from a key sent to a session on a
# terminal (tmux) to its answer's onset at the sink, for each of space (pause and resume), +, -
# and q, chime and voice, median and worst over every key of every run [target: 150 ms].
# Then, where PipeWire and WirePlumber are installed, the same sessions again at a real PipeWire
# server (a null sink, recorded with pw-record): played by pw-cat, by pw-play, and by pacat
# through pipewire-pulse where that is installed.
# usage: bench/sound.sh [BUILD_DIR] [RUNS] [PLAYERS]   (default: build, 3 runs, every player;
#   about two and a half minutes a run and player; PLAYERS such as "pacat pw-cat": only those)
set -euo pipefail
source_dir=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-build}" && pwd)
runs=${2:-3}
only=${3:-}
legsup=$build/legsup
export AUDIO_PROBE=$build/tests/audio_probe TIMED_RECORD=$build/tests/timed_record LEGSUP_BIN=$legsup
[[ -x $AUDIO_PROBE && -x $TIMED_RECORD ]] ||
  { echo "bench/sound.sh needs $AUDIO_PROBE and $TIMED_RECORD (build with the tests)" >&2; exit 1; }
command -v tmux >/dev/null || { echo "bench/sound.sh needs tmux (to press keys)" >&2; exit 1; }
source "$source_dir/tests/tools/pulse_server.sh"
source "$source_dir/tests/tools/pipewire_server.sh"
work=$(mktemp -d)
if ! pulse_start; then
  echo "bench/sound.sh: no sound server: $pulse_why" >&2
  rm -rf "$work"
  exit 1
fi
trap 'pulse_stop; rm -rf "$work"' EXIT
mkdir "$work/players"

# session KIND PATTERN EXPECTED GAP: one recorded session; its onset errors appended to KIND's
# file, and the count of sounds against the count planned to KIND's counts.
session() {
  local kind=$1 pattern=$2 expected=$3 gap=$4
  pulse_record "$work/recording.raw"
  PATH=$work/players "$legsup" start --duration 12s --exact --settle 0 --sound "$kind" \
    --breath "$pattern" --breath-cues --yes --no-log --quiet
  pulse_stop_record
  onset_errors "$work/recording.raw" "$expected" --gap "$gap" >"$work/onsets"
  awk '$2 != "-" { print ($2 < 0 ? -$2 : $2) * 1000 }' "$work/onsets" >>"$work/$kind.errors"
  if [[ $kind == voice ]]; then
    # The phrases on the beat; the way out's steps follow one another after them.
    echo "$(head -5 "$work/onsets" | wc -l) 5" >>"$work/$kind.counts"
  else
    echo "$(wc -l <"$work/onsets") $(wc -w <<<"$expected")" >>"$work/$kind.counts"
  fi
}

# all_on: the chime with everything on, recorded; the breath cues' worst onset error (ms) to
# all.errors, the loudest moment against the first cue (dB) to all.loudest.
all_on() {
  local sounds
  pulse_record "$work/recording.raw"
  # shellcheck disable=SC2086
  PATH=$work/players "$legsup" start $kAllOnOptions --yes --no-log --quiet
  pulse_stop_record
  sounds=$(sounds_from_first "$work/recording.raw" --gap 0.15)
  # shellcheck disable=SC2086
  beat_errors "$sounds" $kAllOnBeats | awk '{ if ($2 > w) w = $2 } END { print w * 1000 }' >>"$work/all.errors"
  loudest_over_first "$sounds" >>"$work/all.loudest"
  echo >>"$work/all.loudest"
}

# keys SOUND: each key's latency (ms) to SOUND.keys.
keys() {
  key_latencies "$work" "$work/players" "$server" "$1" $kKeysPressed | awk '{ print $2 }' >>"$work/$1.keys" ||
    echo "$1: a key was not answered" >&2
}

# sessions: one run of every session measured.
sessions() {
  local pattern
  for pattern in 2-0-2 1-0-1 4-7-8 box; do
    session chime "$pattern" "$(expected_chimes 12 "$pattern")" 0.15
  done
  all_on
  keys chime
  if [[ -e $work/players/espeak-ng ]]; then
    session voice 3-0-3 "0 3 6 9 12" 0.35
    keys voice
  fi
}

# median FILE, worst FILE: of the numbers in FILE, one a line.
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
worst() { sort -n "$1" | tail -1; }

# report KIND [LABEL]
report() {
  local kind=$1 label=${2:-$1}
  [[ -s $work/$kind.errors ]] || { echo "$label: not measured (espeak-ng is not installed)"; return; }
  local arrived planned median worst
  read -r arrived planned < <(awk '{ a += $1; p += $2 } END { print a, p }' "$work/$kind.counts")
  printf '%-26s %4d sounds at the sink for %4d cues; onset error median %5.1f ms, worst %5.1f ms (%d runs)\n' \
    "$label:" "$arrived" "$planned" "$(median "$work/$kind.errors")" "$(worst "$work/$kind.errors")" "$runs"
  if [[ $kind == chime ]]; then
    printf '%-26s breath cues with everything on: worst onset error median %5.1f ms, worst %5.1f ms; loudest moment against the first cue median %+.2f dB, worst %+.2f dB\n' \
      "$label:" "$(median "$work/all.errors")" "$(worst "$work/all.errors")" "$(median "$work/all.loudest")" "$(worst "$work/all.loudest")"
  fi
  if [[ -s $work/$kind.keys ]]; then
    printf '%-26s key to sound at the sink: median %4.0f ms, worst %4.0f ms (%d keys)\n' \
      "$label:" "$(median "$work/$kind.keys")" "$(worst "$work/$kind.keys")" "$(wc -l <"$work/$kind.keys")"
  fi
}

# measure SERVER PLAYER...: every session, RUNS times, by each player alone on PATH with the
# voice, as a machine with that player has them.
measure() {
  local server=$1 player run
  shift
  for player; do
    [[ -z $only || " $only " == *" $player "* ]] || continue
    if ! command -v "$player" >/dev/null; then
      echo "$server, $player: not measured ($player is not installed)"
      continue
    fi
    rm -f "$work/players"/* "$work"/*.errors "$work"/*.counts "$work"/*.keys "$work"/*.loudest
    ln -s "$(command -v "$player")" "$work/players/$player"
    command -v espeak-ng >/dev/null && ln -s "$(command -v espeak-ng)" "$work/players/espeak-ng"
    for ((run = 0; run < runs; run++)); do
      sessions
    done
    report chime "chime, $server, $player"
    report voice "voice, $server, $player"
  done
}

# aplay reaches PulseAudio by ALSA's PulseAudio plugin (libasound2-plugins), where installed.
players="pacat paplay"
compgen -G "/usr/lib/*/alsa-lib/libasound_module_pcm_pulse.so" >/dev/null && players+=" aplay"
measure pulseaudio $players
pulse_stop
trap 'rm -rf "$work"' EXIT

# The same sessions at a PipeWire server, by each of the players that can reach it: pw-cat and
# pw-play, and pacat through PipeWire's PulseAudio service where pipewire-pulse is installed.
if ! pipewire_start; then
  echo "pipewire: not measured ($pipewire_why)"
  exit 0
fi
trap 'pipewire_stop; rm -rf "$work"' EXIT
pulse_record() { pipewire_record "$@"; }
players="pw-cat pw-play"
command -v pipewire-pulse >/dev/null && players+=" pacat"
measure pipewire $players
