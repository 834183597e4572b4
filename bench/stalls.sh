#!/bin/bash
# Cues after a stall: sessions played by the real pacat into a real PulseAudio server (a null
# sink, run as an unprivileged user), one process stopped (SIGSTOP, then SIGCONT) for a while
# between two breath cues, as a busy machine stops it: pacat, legsup itself, or the server. The
# sink is recorded with parec and each cue's onset compared with its beat (1-0-1 over 10 s, the
# first sound the plan's zero).
# Prints, for each process and stall, the median over the runs of the worst onset error of the
# cues from the second after the stop to the end (the cue at the stop and the next one may be
# late: what was written cannot be taken back, and how late the player plays is measured over
# 1.2 s) [target: within 30 ms]; and the worst of the runs.
# usage: bench/stalls.sh [BUILD_DIR] [RUNS] [STALLS]   (default: build, 3 runs, "0.1 0.15 0.3";
#   about 15 s a session)
set -euo pipefail
source_dir=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-build}" && pwd)
runs=${2:-3}
stalls=${3:-0.1 0.15 0.3}
export AUDIO_PROBE=$build/tests/audio_probe TIMED_RECORD=$build/tests/timed_record LEGSUP_BIN=$build/legsup
[[ -x $AUDIO_PROBE ]] || { echo "bench/stalls.sh needs $AUDIO_PROBE (build with the tests)" >&2; exit 1; }
source "$source_dir/tests/tools/pulse_server.sh"
work=$(mktemp -d)
if ! pulse_start; then
  echo "bench/stalls.sh: no sound server: $pulse_why" >&2
  rm -rf "$work"
  exit 1
fi
trap 'pulse_stop; rm -rf "$work"' EXIT
mkdir "$work/players"
ln -s "$(command -v pacat)" "$work/players/pacat"
pulse_add_sink legsup_bench
expected=$(expected_chimes 10 1-0-1)

# One session, TARGET stopped STALL s once the sink has its 4th cue (3 s) and 0.3 s more: prints
# the worst onset error of the cues from 5 s on.
stalled_session() {
  local target=$1 stall=$2 i victim
  rm -f "$work/rec.raw"
  pulse_record "$work/rec.raw" legsup_bench
  "${audio_priority_words[@]}" env PULSE_SINK=legsup_bench PATH="$work/players" "$LEGSUP_BIN" start \
    --duration 10s --settle 0 --sound chime --breath 1-0-1 --breath-cues --exact --yes --quiet \
    --no-log &
  local pid=$!
  for ((i = 0; i < 300; i++)); do
    (($("$AUDIO_PROBE" "$work/rec.raw" --gap 0.15 2>/dev/null | wc -l) >= 4)) && break
    sleep 0.05
  done
  sleep 0.3
  case $target in
    pacat) victim=$(pgrep -P "$pid" -x pacat) ;;
    legsup) victim=$pid ;;
    server) victim=$(cat "$pulse_dir/home/pulse/pid") ;;
  esac
  kill -STOP "$victim" && sleep "$stall" && kill -CONT "$victim"
  wait "$pid"
  pulse_stop_record
  onset_errors "$work/rec.raw" "$expected" --gap 0.15 |
    awk '$1 >= 4.9 && $2 != "-" { e = $2 < 0 ? -$2 : $2; if (e > w) w = e } END { printf "%.4f\n", w }'
}

echo "stopped             median worst (seconds; the worst onset error from the second cue after)"
for target in pacat legsup server; do
  for stall in $stalls; do
    for ((run = 0; run < runs; run++)); do stalled_session "$target" "$stall"; done >"$work/errors"
    sort -n "$work/errors" | awk -v what="$target ${stall}s" '{ v[NR] = $1 }
      END { printf "%-19s %.4f %.4f\n", what, v[int((NR + 1) / 2)], v[NR] }'
  done
done
