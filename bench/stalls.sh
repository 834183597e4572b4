#!/bin/bash
# Cues after a stall: sessions played by the real pacat into a real PulseAudio server (or by
# pw-cat into PipeWire; a null sink, run as an unprivileged user), one process stopped (SIGSTOP,
# then SIGCONT) for a while between two breath cues, as a busy machine stops it: the player,
# legsup itself, or the server. The sink is recorded (parec; pw-record, timed: onset_errors) and
# each cue's onset compared with its beat (1-0-1 over 10 s, the first sound the plan's zero).
# Prints, for each process and stall, the median over the runs of the worst onset error of the
# cues from the second after the stop to the end (the cue at the stop and the next one may be
# late: what was written cannot be taken back, and how late the player plays is measured over
# 1.2 s) [target: within 30 ms]; and the worst of the runs.
# usage: bench/stalls.sh [BUILD_DIR] [RUNS] [STALLS] [SERVER]   (default: build, 3 runs,
#   "0.1 0.15 0.3", pulseaudio; SERVER pulseaudio or pipewire; about 15 s a session)
set -euo pipefail
source_dir=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-build}" && pwd)
runs=${2:-3}
stalls=${3:-0.1 0.15 0.3}
server=${4:-pulseaudio}
export AUDIO_PROBE=$build/tests/audio_probe TIMED_RECORD=$build/tests/timed_record LEGSUP_BIN=$build/legsup
[[ -x $AUDIO_PROBE ]] || { echo "bench/stalls.sh needs $AUDIO_PROBE (build with the tests)" >&2; exit 1; }
source "$source_dir/tests/tools/pulse_server.sh"
source "$source_dir/tests/tools/pipewire_server.sh"
case $server in
  pulseaudio)
    player=pacat sink_variable=PULSE_SINK
    server_start() { pulse_start || { echo "$pulse_why" && false; }; }
    server_stop() { pulse_stop; }
    server_pid() { cat "$pulse_dir/home/pulse/pid"; }
    add_sink() { pulse_add_sink "$1"; }
    record() { pulse_record "$@"; }
    ;;
  pipewire)
    player=pw-cat sink_variable=PIPEWIRE_NODE
    export record_times=yes
    server_start() { pipewire_start || { echo "$pipewire_why" && false; }; }
    server_stop() { pipewire_stop; }
    server_pid() { pgrep -s "$(tr -d ' ' <"$pipewire_dir/home/session")" -x pipewire; }
    add_sink() { pipewire_add_sink "$1"; }
    record() { pipewire_record "$@"; }
    ;;
  *) echo "bench/stalls.sh: SERVER is pulseaudio or pipewire, not $server" >&2 && exit 2 ;;
esac
work=$(mktemp -d)
if ! server_start >"$work/why"; then
  echo "bench/stalls.sh: no sound server: $(<"$work/why")" >&2
  rm -rf "$work"
  exit 1
fi
trap 'server_stop; rm -rf "$work"' EXIT
mkdir "$work/players"
ln -s "$(command -v "$player")" "$work/players/$player"
add_sink legsup_bench
expected=$(expected_chimes 10 1-0-1)

# One session, TARGET stopped STALL s once the sink has its 4th cue (3 s) and 0.3 s more: prints
# the worst onset error of the cues from 5 s on.
stalled_session() {
  local target=$1 stall=$2 i victim
  rm -f "$work/rec.raw" "$work/rec.raw.times"
  record "$work/rec.raw" legsup_bench
  "${audio_priority_words[@]}" env "$sink_variable=legsup_bench" PATH="$work/players" "$LEGSUP_BIN" start \
    --duration 10s --settle 0 --sound chime --breath 1-0-1 --breath-cues --exact --yes --quiet \
    --no-log &
  local pid=$!
  for ((i = 0; i < 300; i++)); do
    (($("$AUDIO_PROBE" "$work/rec.raw" --gap 0.15 2>/dev/null | wc -l) >= 4)) && break
    sleep 0.05
  done
  sleep 0.3
  case $target in
    player) victim=$(pgrep -P "$pid" -x "$player") ;;
    legsup) victim=$pid ;;
    server) victim=$(server_pid) ;;
  esac
  kill -STOP "$victim" && sleep "$stall" && kill -CONT "$victim"
  wait "$pid"
  pulse_stop_record
  onset_errors "$work/rec.raw" "$expected" --gap 0.15 |
    awk '$1 >= 4.9 && $2 != "-" { e = $2 < 0 ? -$2 : $2; if (e > w) w = e } END { printf "%.4f\n", w }'
}

echo "at $server, stopped  median worst (seconds; the worst onset error from the second cue after)"
for target in player legsup server; do
  for stall in $stalls; do
    for ((run = 0; run < runs; run++)); do stalled_session "$target" "$stall"; done >"$work/errors"
    sort -n "$work/errors" | awk -v what="${target/player/$player} ${stall}s" '{ v[NR] = $1 }
      END { printf "%-19s %.4f %.4f\n", what, v[int((NR + 1) / 2)], v[NR] }'
  done
done
