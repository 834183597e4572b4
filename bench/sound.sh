#!/bin/bash
# Cues at the ear: sessions played by the real pacat, paplay and aplay (by ALSA's PulseAudio
# plugin) into a real PulseAudio server (a null sink, run as an unprivileged user), the sink
# recorded with parec, each sound's onset found in the recording and compared with its planned
# moment, the first sound taken as the plan's zero.
# Prints, for the chime (breath cues on 2-0-2, 1-0-1, 4-7-8 and box over 12 s) and for the voice
# (3-0-3 over 12 s), how many sounds arrived of those planned and the onset error's median and
# worst over every cue of every run [target: within 30 ms, for the chime and for the voice].
# Then, where PipeWire and WirePlumber are installed, the same sessions again at a real PipeWire
# server (a null sink, recorded with pw-record): played by pw-cat, by pw-play, and by pacat
# through pipewire-pulse where that is installed.
# usage: bench/sound.sh [BUILD_DIR] [RUNS]   (default: build, 3 runs; about 70 s a run and
#   player)
set -euo pipefail
source_dir=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-build}" && pwd)
runs=${2:-3}
legsup=$build/legsup
export AUDIO_PROBE=$build/tests/audio_probe
[[ -x $AUDIO_PROBE ]] || { echo "bench/sound.sh needs $AUDIO_PROBE (build with the tests)" >&2; exit 1; }
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

# sessions: one run of every session measured.
sessions() {
  local pattern
  for pattern in 2-0-2 1-0-1 4-7-8 box; do
    session chime "$pattern" "$(expected_chimes 12 "$pattern")" 0.15
  done
  if [[ -e $work/players/espeak-ng ]]; then
    session voice 3-0-3 "0 3 6 9 12" 0.35
  fi
}

# report KIND [LABEL]
report() {
  local kind=$1 label=${2:-$1}
  [[ -s $work/$kind.errors ]] || { echo "$label: not measured (espeak-ng is not installed)"; return; }
  local arrived planned median worst
  read -r arrived planned < <(awk '{ a += $1; p += $2 } END { print a, p }' "$work/$kind.counts")
  median=$(sort -n "$work/$kind.errors" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  worst=$(sort -n "$work/$kind.errors" | tail -1)
  printf '%-26s %4d sounds at the sink for %4d cues; onset error median %5.1f ms, worst %5.1f ms (%d runs)\n' \
    "$label:" "$arrived" "$planned" "$median" "$worst" "$runs"
}

# measure SERVER PLAYER...: every session, RUNS times, by each player alone on PATH with the
# voice, as a machine with that player has them.
measure() {
  local server=$1 player run
  shift
  for player; do
    if ! command -v "$player" >/dev/null; then
      echo "$server, $player: not measured ($player is not installed)"
      continue
    fi
    rm -f "$work/players"/* "$work"/*.errors "$work"/*.counts
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
