# A real sound server to listen to, for tests and benchmarks (source this file): PulseAudio with
# a null sink, run as an unprivileged user (nobody, when this runs as root), its socket open to
# any local client, and the sink's monitor recorded with parec.
#   pulse_start          starts the server; sets PULSE_SERVER; false (with a reason) if it cannot
#   pulse_kill, pulse_launch  kills it as a crash would, starts it again
#   pulse_add_sink NAME  one more null sink
#   pulse_record FILE [SINK]  records the sink (raw 16-bit mono at 22050 Hz) until
#   pulse_stop_record         (in the same shell)
#   pulse_stop
# and what to listen for in a recording:
#   expected_chimes HOLD PATTERN                    the planned onsets of a chime session
#   onset_errors RECORDING EXPECTED [PROBE OPTIONS] each sound's onset against the plan
#   worst_onset_error FILE                          the largest error in onset_errors' lines
pulse_user() { if [[ $(id -u) == 0 ]]; then echo nobody; else id -un; fi; }
pulse_as_user() {
  if [[ $(id -u) == 0 ]]; then runuser -u nobody -- "$@"; else "$@"; fi
}

pulse_start() {
  # A folder of its own, which the server's user can reach (a test's scratch folder is private).
  pulse_dir=$(mktemp -d)
  mkdir -p "$pulse_dir/home"
  chmod 755 "$pulse_dir"
  [[ $(id -u) == 0 ]] && chown nobody "$pulse_dir/home"
  command -v pulseaudio >/dev/null || { pulse_why="pulseaudio is not installed"; return 1; }
  command -v parec >/dev/null || { pulse_why="parec (pulseaudio-utils) is not installed"; return 1; }
  pulse_launch
}

# pulse_launch: the server started in pulse_dir (again, after pulse_kill); false, with a reason,
# when it does not answer within 10 s.
pulse_launch() {
  pulse_as_user env -u XDG_CONFIG_HOME -u XDG_DATA_HOME -u XDG_STATE_HOME -u XDG_CACHE_HOME \
    HOME="$pulse_dir/home" XDG_RUNTIME_DIR="$pulse_dir/home" \
    pulseaudio --daemonize=yes --exit-idle-time=-1 -n --use-pid-file=yes \
    --log-target=file:"$pulse_dir/home/pulse.log" \
    --load="module-null-sink sink_name=legsup_null rate=22050 channels=1" \
    --load="module-native-protocol-unix auth-anonymous=1 socket=$pulse_dir/home/native" \
    --load="module-always-sink" 2>"$pulse_dir/start.err"
  export PULSE_SERVER=unix:$pulse_dir/home/native
  local i
  for ((i = 0; i < 100; i++)); do
    pactl info >/dev/null 2>&1 && break
    sleep 0.1
  done
  if ! pactl info >/dev/null 2>&1; then
    pulse_why="the server did not start: $(tail -3 "$pulse_dir/start.err" "$pulse_dir/home/pulse.log" 2>/dev/null | tr '\n' ' ')"
    return 1
  fi
  pactl set-default-sink legsup_null >/dev/null 2>&1
  return 0
}

# pulse_kill: the server killed at once (SIGKILL), as when it crashes: its clients lose it, and
# its socket is left behind, refusing them.
pulse_kill() {
  local pid
  pid=$(cat "$pulse_dir/home/pulse/pid" 2>/dev/null) && kill -KILL "$pid" 2>/dev/null
  local i
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  return 1
}

# pulse_add_sink NAME: one more null sink, so that sessions can play side by side, each heard
# alone (a player goes to the sink named by PULSE_SINK).
pulse_add_sink() {
  pactl load-module module-null-sink sink_name="$1" rate=22050 channels=1 >/dev/null
}

# record_into FILE RECORDER...: the recorder's output into FILE, until pulse_stop_record.
record_into() {
  local file=$1
  shift
  "$@" >"$file" 2>/dev/null &
  recorder=$!
  sleep 0.5  # the recording under way before anything plays
}

pulse_record() {
  record_into "$1" parec --raw --format=s16le --rate=22050 --channels=1 --latency-msec=20 \
    -d "${2:-legsup_null}.monitor"
}

pulse_stop_record() {
  sleep 0.7  # the last sound's tail
  kill "$recorder" 2>/dev/null
  wait "$recorder" 2>/dev/null || true  # ended by the signal: not a failure
}

pulse_stop() {
  pactl exit >/dev/null 2>&1 || pulse_as_user env HOME="$pulse_dir/home" XDG_RUNTIME_DIR="$pulse_dir/home" pulseaudio --kill 2>/dev/null
  local i
  for ((i = 0; i < 30; i++)); do [[ -S $pulse_dir/home/native ]] || break; sleep 0.1; done
  rm -rf "$pulse_dir"
}

# The onsets a chime session with breath cues on PATTERN (2-0-2, 1-0-1, 4-7-8 or box) should
# make over HOLD seconds, in seconds from the first: the hold's chime, each breath phase (a phase
# of 0 s makes none), the end's two notes 0.6 s apart.
expected_chimes() {
  local phases
  case $2 in
    2-0-2) phases="2 0 2 0" ;;
    1-0-1) phases="1 0 1 0" ;;
    4-7-8) phases="4 7 8 0" ;;
    box) phases="4 4 4 4" ;;
    *) echo "expected_chimes: unknown pattern $2" >&2 && return 1 ;;
  esac
  awk -v hold="$1" -v phases="$phases" 'BEGIN {
    split(phases, steps, " ")
    printf "0"
    t = 0; i = 0
    while (1) {
      t += steps[i % 4 + 1]; i++
      if (steps[i % 4 + 1] == 0) continue
      if (t >= hold) break
      printf " %g", t
    }
    printf " %g %g\n", hold, hold + 0.6
  }'
}

# One line a sound found in RECORDING (by audio_probe, $AUDIO_PROBE): "ONSET ERROR", the onset
# in seconds from the first sound's and its error against EXPECTED (planned onsets, the first
# 0), in seconds, signed. Sounds beyond the plan have no error ("-"); a sound short of it, none.
onset_errors() {
  local recording=$1 expected=$2
  shift 2
  "$AUDIO_PROBE" "$recording" "$@" | awk -v plan="$expected" '
    BEGIN { n = split(plan, planned, " ") }
    { onset = $2; if (NR == 1) first = onset
      at = onset - first
      if (NR <= n) printf "%.4f %.4f\n", at, at - planned[NR]; else printf "%.4f -\n", at }'
}

worst_onset_error() {
  awk '$2 != "-" { e = $2 < 0 ? -$2 : $2; if (e > w) w = e } END { printf "%.4f", w }' "$1"
}
