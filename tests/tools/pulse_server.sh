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
#   sounds_from_first RECORDING [PROBE OPTIONS]     each sound: onset from the first, peak, pitch
#   beat_errors SOUNDS BEATS...                     how far from each beat the nearest onset is
#   check_all_on SOUNDS TOLERANCE                   the chime with everything on, as heard
#   loudest_over_first SOUNDS                       the loudest sound against the first, in dB
#   key_latencies DIR PLAYERS SERVER SOUND KEYS...  keys pressed in a session on a
#                                                   terminal (tmux), and how soon each was heard
#   pitches_match GOT EXPECTED                      "START-END ..." pitches, each near its note
pulse_user() { if [[ $(id -u) == 0 ]]; then echo nobody; else id -un; fi; }
pulse_as_user() {
  if [[ $(id -u) == 0 ]]; then runuser -u nobody -- "$@"; else "$@"; fi
}
# audio_priority COMMAND...: COMMAND at the priority a desktop gives its sound server (PulseAudio's
# high-priority, nice -11, which rtkit grants it there), where this may raise it (as root): a
# server and its recorder starved by a busy machine lose time at the sink that no player could
# keep. The sessions measured, their players and the terminal their keys come through run so
# too: what is measured is then legsup's timing, not how the test's own load (a suite of tests
# beside, a build) shares the cores. Elsewhere, at the priority it has.
# audio_priority_words: the words that do so, for a command run in the background whose own pid
# is wanted ($! of "${audio_priority_words[@]}" COMMAND & is COMMAND's: nice execs it; that of a
# function run so is a subshell's).
audio_priority_words=()
nice -n -11 true 2>/dev/null && audio_priority_words=(nice -n -11)
audio_priority() {
  "${audio_priority_words[@]}" "$@"
}
# pulse_as_server COMMAND...: the server's user running COMMAND, at a server's priority.
pulse_as_server() {
  if [[ $(id -u) == 0 ]]; then audio_priority runuser -u nobody -- "$@"; else audio_priority "$@"; fi
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
  pulse_as_server env -u XDG_CONFIG_HOME -u XDG_DATA_HOME -u XDG_STATE_HOME -u XDG_CACHE_HOME \
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

# record_into FILE RECORDER...: the recorder's output into FILE, until pulse_stop_record. With
# record_times=yes, FILE.times says when each part of it came (timed_record, $TIMED_RECORD).
record_into() {
  local file=$1
  shift
  if [[ ${record_times:-} == yes ]]; then
    audio_priority "$@" 2>/dev/null | "$TIMED_RECORD" "$file" &
  else
    audio_priority "$@" >"$file" 2>/dev/null &
  fi
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

# kSpanOffset: awk functions for a sound known to have come between A and B (either order), the
# recording's samples and the wall clock: span_offset(A, B, T), how far it is from T at the least,
# signed (positive: after T; 0: T within), and span_distance(A, B, T), the same unsigned.
kSpanOffset='function span_offset(a, b, t,    s) { if (a > b) { s = a; a = b; b = s }
  return a > t ? a - t : b < t ? b - t : 0 }
function span_distance(a, b, t,    d) { d = span_offset(a, b, t); return d < 0 ? -d : d }'

# One line a sound found in RECORDING (by audio_probe, $AUDIO_PROBE): "ONSET ERROR", the onset
# in seconds from the first sound's and its error against EXPECTED (planned onsets, the first
# 0), in seconds, signed. Sounds beyond the plan have no error ("-"); a sound short of it, none.
# Where the recording was timed (RECORDING.times, record_times=yes), the error is the least that
# two clocks leave: the recording's own samples, which can only put a sound early (a recorder
# that stalls loses what came meanwhile: pw-record stopped 0.15 s put every later sound 128 ms
# early), and the wall clock, the latest it can have come, which can only put it late (the
# recorder's delay is in it); the sound came between the two.
onset_errors() {
  local recording=$1 expected=$2
  shift 2
  local times=()
  [[ -s $recording.times ]] && times=(--times "$recording.times")
  "$AUDIO_PROBE" "$recording" "$@" "${times[@]}" | awk -v plan="$expected" -v timed="${#times[@]}" '
    '"$kSpanOffset"'
    BEGIN { n = split(plan, planned, " ") }
    { onset = $2; wall = timed ? $NF : $2
      if (NR == 1) { first = onset; first_wall = wall }
      at = onset - first
      if (NR > n) { printf "%.4f -\n", at; next }
      printf "%.4f %.4f\n", at, span_offset(at, wall - first_wall, planned[NR]) }'
}

worst_onset_error() {
  awk '$2 != "-" { e = $2 < 0 ? -$2 : $2; if (e > w) w = e } END { printf "%.4f", w }' "$1"
}

# sounds_from_first RECORDING [PROBE OPTIONS]: a line a sound, "ONSET PEAK PITCH LATEST": its
# onset in seconds from the first sound's, its peak (of full scale), its pitch at its start, and,
# where the recording was timed (RECORDING.times), the onset by the wall clock from the first's,
# the latest it can have come (onset_errors: a recorder that stalls puts the rest early by its
# samples); untimed, the onset again. The sound came between ONSET and LATEST.
sounds_from_first() {
  local times=()
  [[ -s $1.times ]] && times=(--times "$1.times")
  "$AUDIO_PROBE" "$@" "${times[@]}" | awk '{ for (i = 1; i < NF; i++) v[$i] = $(i + 1)
    wall = ("at" in v) ? v["at"] : v["onset"]
    if (NR == 1) { first = v["onset"]; first_wall = wall }
    printf "%.4f %s %s %.4f\n", v["onset"] - first, v["peak"], v["pitch"], wall - first_wall }'
}

# beat_errors SOUNDS BEATS...: a line a beat (seconds from the first sound): "BEAT ERROR", the
# distance in seconds from it to the nearest sound of SOUNDS (sounds_from_first's lines: each
# between its ONSET and LATEST).
beat_errors() {
  local sounds=$1 beat
  shift
  for beat; do
    awk -v b="$beat" "$kSpanOffset"'
      BEGIN { best = -1 } { d = span_distance($1, $4, b); if (best < 0 || d < best) best = d }
      END { printf "%s %.4f\n", b, best }' <<<"$sounds"
  done
}

# The chime with everything on where sounds fall together: a bell every 10 s over the ticks of
# 2-0-2 (the first falls with an exhale), the milestones, and a way out of 8 s whose first step
# falls with the end's tones, at full volume; 24 s. kAllOnBeats: its breath cues' moments.
kAllOnOptions="--duration 24s --exact --settle 0 --breath 2-0-2 --breath-cues --interval 10s --come-out 8s --announce --sound chime --volume 100"
kAllOnBeats=$(seq 0 2 24)
# check_all_on SOUNDS TOLERANCE (tests: pass and fail from lib.sh): each breath cue within
# TOLERANCE seconds of its beat; the bells (698 Hz), the steps (587 Hz) and the way out's end
# (440 Hz) each heard alone between the beats (none at a beat's instant, the first step after the
# end's two tones); the loudest moment no louder than the first cue (+0.5 dB).
check_all_on() {
  local sounds=$1 tolerance=$2 off between bells steps clear first_step loudest
  # shellcheck disable=SC2086
  off=$(beat_errors "$sounds" $kAllOnBeats | awk -v t="$tolerance" '$2 > t')
  [[ -z $off ]] && pass || fail "breath cues off their beat: $(tr '\n' '|' <<<"$off") ($(tr '\n' '|' <<<"$sounds"))"
  # Every other sound: after the end (24 s) and its second tone (24.6 s).
  between=$(awk -v t="$tolerance" "$kSpanOffset"'
    { on = 0; for (b = 0; b <= 24; b += 2) if (span_distance($1, $4, b) <= t) on = 1
      if (!on && span_distance($1, $4, 24.6) >= 0.1) print }' <<<"$sounds")
  bells=$(awk '$3 > 670 && $3 < 730' <<<"$between" | wc -l)
  steps=$(awk '$1 > 24 && $3 > 560 && $3 < 620' <<<"$between" | wc -l)
  [[ $bells == 2 && $steps == 4 ]] && pass || fail "$bells bells, $steps steps between the beats: $(tr '\n' '|' <<<"$between")"
  clear=$(awk "$kSpanOffset"'{ for (b = 0; b <= 24; b += 2) if (span_distance($1, $4, b) < 0.2) print }' <<<"$between")
  [[ -z $clear ]] && pass || fail "sounds at a beat's instant: $clear"
  first_step=$(awk '$1 > 24 && $3 > 560 && $3 < 620 { print ($4 > $1 ? $4 : $1); exit }' <<<"$between")
  awk "BEGIN { exit !(${first_step:-0} >= 25.4) }" && pass || fail "the first step at $first_step, over the end's tones"
  loudest=$(loudest_over_first "$sounds")
  echo "$current: loudest ${loudest} dB against the first cue" >&2
  awk "BEGIN { exit !($loudest <= 0.5) }" && pass || fail "the loudest sound ${loudest} dB over the first"
}

# loudest_over_first SOUNDS: the loudest moment of SOUNDS against the first sound's peak, in dB.
loudest_over_first() {
  awk 'NR == 1 { first = $2 } $2 > max { max = $2 } END { printf "%.2f", 20 * log(max / first) / log(10) }' <<<"$1"
}

# key_latencies DIR PLAYERS SERVER SOUND KEYS...: a session of three minutes with nothing but the
# keys' answers to hear, on a terminal of its own (tmux, its socket in DIR), PATH the folder
# PLAYERS, played to the sink legsup_keys of the SERVER started (pulseaudio, pipewire) and
# recorded with the time each part came; each key (a character, or "space") sent once the sound
# before it is whole. A line a key: "KEY MILLISECONDS PITCH END_PITCH": from the key sent to the
# onset of its answer at the sink (the latest it can have come), and the answer's pitch at its
# start and at its end. False, saying why, when a sound does not come.
key_latencies() {
  local dir=$1 players=$2 server=$3 sound=$4
  shift 4
  local gap=0.15 threshold=0.01 socket=$dir/tmux.sock key count sent=() tries
  # Speech: words part by short silences, and a phrase may begin softly ("Paused").
  [[ $sound == voice ]] && gap=0.35 threshold=0.002
  # count_whole N: the recording holds N sounds, the last of them over (quiet since, for longer
  # than the gap that parts two sounds).
  count_whole() {
    local lines ended
    lines=$("$AUDIO_PROBE" "$dir/keys.raw" --gap "$gap" --threshold "$threshold" 2>/dev/null)
    (($(grep -c . <<<"$lines") >= $1)) || return 1
    ended=$(awk -v g="$gap" 'END { for (i = 1; i < NF; i++) v[$i] = $(i + 1)
      printf "%d", (v["onset"] + v["length"] + g + 0.3) * 22050 * 2 }' <<<"$lines")
    (($(stat -c %s "$dir/keys.raw") >= ended))
  }
  # until_true WHAT COMMAND...: polls for 30 s at most.
  until_true() {
    local what=$1
    shift
    for ((tries = 0; tries < 1500; tries++)); do
      "$@" && return 0
      sleep 0.02
    done
    echo "key_latencies: waited 30 s for $what" >&2
    return 1
  }
  if [[ $server == pulseaudio ]]; then
    pactl list short sinks | grep -qw legsup_keys || pulse_add_sink legsup_keys
    record_times=yes pulse_record "$dir/keys.raw" legsup_keys
  else
    pw-cli ls Node | grep -qw legsup_keys || pipewire_add_sink legsup_keys
    record_times=yes pipewire_record "$dir/keys.raw" legsup_keys
  fi
  rm -f "$dir/keys.rc"
  audio_priority tmux -S "$socket" -f /dev/null new-session -d -s keys -x 80 -y 24 \
    "$(printf '%q ' env PATH="$players" PULSE_SINK=legsup_keys PIPEWIRE_NODE=legsup_keys "$LEGSUP_BIN" start --duration 3m \
      --settle 0 --breath none --sound "$sound" --pause-reminder 0 --yes --no-log); echo \$? >$dir/keys.rc"
  until_true "the hold's sound" count_whole 1 || { tmux -S "$socket" kill-server; pulse_stop_record; return 1; }
  count=1
  for key; do
    sent+=("$(date +%s.%N)")
    audio_priority tmux -S "$socket" send-keys -t keys -l "${key/#space/ }"
    count=$((count + 1))
    until_true "the answer to '$key'" count_whole "$count" || break
  done
  until_true "the session's end" test -s "$dir/keys.rc"
  tmux -S "$socket" capture-pane -p -t keys >"$dir/keys.screen" 2>/dev/null
  tmux -S "$socket" kill-server 2>/dev/null
  pulse_stop_record
  "$AUDIO_PROBE" "$dir/keys.raw" --gap "$gap" --threshold "$threshold" --times "$dir/keys.raw.times" |
    tail -n +2 |
    awk -v keys="$*" -v sent="${sent[*]}" 'BEGIN { split(keys, k, " "); split(sent, s, " ") }
      { for (i = 1; i < NF; i++) v[$i] = $(i + 1)
        printf "%s %.0f %d %d\n", k[NR], (v["at"] - s[NR]) * 1000, v["pitch"], v["end_pitch"] }'
  ((count == $# + 1))
}

# The answers to space (pause), space (resume), + (four minutes), - (three), - (two), - (to what
# was held plus a minute: less than a minute, so it says the floor) and q in key_latencies'
# session of three minutes, as START-END pitches of the chime: pause falls, resume rises, more
# rises higher, less falls from there, the floor is one low note twice, quit falls an octave.
kKeysPressed="space space + - - - q"
kKeyPitches="660-440 440-660 587-880 880-587 880-587 330-330 523-262"

# pitches_match GOT EXPECTED: the same count of "START-END" pairs, each pitch within 4% or 15 Hz
# of the note expected (zero crossings over 40 ms tell a pitch to about 12 Hz).
pitches_match() {
  awk -v got="$1" -v expected="$2" 'BEGIN {
    n = split(got, g, "[ -]"); m = split(expected, e, "[ -]"); if (n != m) exit 1
    for (i = 1; i <= n; i++) { d = g[i] - e[i]; if (d < 0) d = -d; if (d > 15 && d > e[i] * 0.04) exit 1 }
  }'
}
