# A real PipeWire server to listen to, for tests and benchmarks (source this file after
# pulse_server.sh, whose record_into, expected_chimes and onset_errors it shares): PipeWire with
# WirePlumber on a private D-Bus, a null sink made the default, and PipeWire's PulseAudio
# service where it is installed, all run as an unprivileged user (nobody, when this runs as
# root); a sink recorded with pw-record.
#   pipewire_start              starts it; sets PIPEWIRE_RUNTIME_DIR (and PULSE_SERVER, with
#                               pipewire-pulse); false (with a reason in pipewire_why) if it cannot
#   pipewire_add_sink NAME      one more null sink (a player goes to the one named by
#                               PIPEWIRE_NODE)
#   pipewire_record FILE [SINK] records a sink (raw 16-bit mono at 22050 Hz) until
#                               pulse_stop_record
#   pipewire_stop
pipewire_start() {
  local program
  for program in pipewire wireplumber pw-record pw-cli dbus-run-session; do
    command -v "$program" >/dev/null || { pipewire_why="$program is not installed" && return 1; }
  done
  pipewire_dir=$(mktemp -d)
  mkdir -p "$pipewire_dir/home"
  chmod 755 "$pipewire_dir"
  # No Bluetooth: its monitor needs systemd-logind, which a machine without systemd running (a
  # container) lacks, and WirePlumber 0.4 stops when it cannot have it.
  mkdir -p "$pipewire_dir/home/.config/wireplumber/bluetooth.lua.d"
  echo 'bluez_monitor.enabled = false' \
    >"$pipewire_dir/home/.config/wireplumber/bluetooth.lua.d/80-legsup-no-bluetooth.lua"
  [[ $(id -u) == 0 ]] && chown -R nobody "$pipewire_dir/home"
  # In a session of its own (setsid), so that pipewire_stop ends all of it and nothing else.
  cat >"$pipewire_dir/session.sh" <<'EOF'
ps -o sid= -p $$ >"$HOME/session"
pipewire >"$HOME/pipewire.log" 2>&1 &
sleep 1
wireplumber >"$HOME/wireplumber.log" 2>&1 &
command -v pipewire-pulse >/dev/null && pipewire-pulse >"$HOME/pipewire-pulse.log" 2>&1 &
sleep 2
touch "$HOME/ready"
wait
EOF
  pulse_as_server setsid env -i PATH=/usr/bin:/bin HOME="$pipewire_dir/home" \
    XDG_RUNTIME_DIR="$pipewire_dir/home" dbus-run-session -- bash "$pipewire_dir/session.sh" \
    >"$pipewire_dir/start.err" 2>&1 &
  pipewire_session=$!
  local i
  for ((i = 0; i < 100; i++)); do
    [[ -e $pipewire_dir/home/ready ]] && break
    sleep 0.1
  done
  export PIPEWIRE_RUNTIME_DIR=$pipewire_dir/home
  command -v pipewire-pulse >/dev/null && export PULSE_SERVER=unix:$pipewire_dir/home/pulse/native
  pipewire_add_sink legsup_null
  sleep 1  # the null sink made the default
  local session
  session=$(tr -d ' ' <"$pipewire_dir/home/session" 2>/dev/null)
  if ! pw-cli ls Node 2>/dev/null | grep -q legsup_null || ! pgrep -s "${session:-0}" -x wireplumber >/dev/null; then
    pipewire_why="the server did not start: $(tail -3 "$pipewire_dir/start.err" "$pipewire_dir"/home/*.log 2>/dev/null | tr '\n' ' ')"
    return 1
  fi
}

pipewire_add_sink() {
  pw-cli create-node adapter "{ factory.name=support.null-audio-sink node.name=$1
    media.class=Audio/Sink object.linger=true audio.position=[MONO] audio.rate=22050 }" >/dev/null
}

pipewire_record() {
  record_into "$1" pw-record --target "${2:-legsup_null}" -P '{ stream.capture.sink=true }' \
    --rate 22050 --channels 1 --format s16 -
}

pipewire_stop() {
  local session i
  session=$(tr -d ' ' <"$pipewire_dir/home/session" 2>/dev/null)
  if [[ -n $session ]]; then
    pkill -s "$session"
    for ((i = 0; i < 30; i++)); do pgrep -s "$session" >/dev/null || break; sleep 0.1; done
  fi
  wait "$pipewire_session" 2>/dev/null || true  # ended by the signal: not a failure
  unset PIPEWIRE_RUNTIME_DIR PULSE_SERVER
  rm -rf "$pipewire_dir"
}
