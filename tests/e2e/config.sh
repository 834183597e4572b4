# The config file: precedence, `legsup config`, and errors that name the key and the file.
source "$(dirname "$0")/lib.sh"
require_programs config python3

config=$XDG_CONFIG_HOME/legsup/config.json
# check_row KEY VALUE FROM: a row of `legsup config`, whatever the column widths.
check_row() {
  grep -qE "^$1 +$(printf '%s' "$2" | sed 's/[.[*^$/]/\\&/g') +$(printf '%s' "$3" | sed 's/[.[*^$/]/\\&/g')$" <<<"$out" &&
    pass || fail "no row: $1 $2 $3"
}
mkdir -p "$(dirname "$config")"

run config
check_rc 0
check_out "(no config file at $config)"
check_row settle 30s default
check_row breath long-exhale "content default"

cat >"$config" <<JSON
{"duration": "2s", "settle": "0", "breath": "box", "variant": "bed", "sound": "none",
 "breath-cues": false, "notify": false, "exact": true, "log": "$scratch/from-config.jsonl"}
JSON
run config
check_rc 0
check_row duration 2s "$config"
check_row variant bed "$config"
check_row exact true "$config"
check_row log "$scratch/from-config.jsonl" "$config"
run config --json
check_json /settle/value 0
check_json /settle/source "$config"
check_json /content/source default

# The environment beats the file; the option beats the environment.
LEGSUP_LOG=$scratch/env.jsonl run config --json
check_json /log/source "environment LEGSUP_LOG"
LEGSUP_LOG=$scratch/env.jsonl run --log "$scratch/opt.jsonl" config --json
check_json /log/value "$scratch/opt.jsonl"
check_json /log/source "option --log"

# start takes its defaults from the file: a 2 s hold, no settle, box breathing, in bed.
run start
check_rc 0
check_out "2s hold, Box breathing"
[[ $(tail -1 "$scratch/from-config.jsonl" | "$JSON_PROBE" /variant /breath /held_seconds) == \
  $'bed\nbox\n2' ]] && pass || fail "record: $(tail -1 "$scratch/from-config.jsonl")"
# ... and the command line beats the file.
run start --duration 1s --breath none --variant wall
check_rc 0
[[ $(tail -1 "$scratch/from-config.jsonl" | "$JSON_PROBE" /variant /breath /held_seconds) == \
  $'wall\nnull\n1' ]] && pass || fail "record: $(tail -1 "$scratch/from-config.jsonl")"

# Errors: exit 1, one line, naming the file and the key.
bad_config() {
  printf '%s' "$1" >"$config"
  run config
  check_rc 1
  check_one_error_line
  check_err "$config"
  [[ -n ${2:-} ]] && check_err "$2"
}
bad_config '{"minutes": "ten"}' '"minutes": expected a number'
bad_config '{"colour": true}' '"colour": unknown key'
bad_config '{"breath-cues": "yes"}' '"breath-cues": expected true or false'
bad_config '{"settle": "soon"}' '"settle": invalid duration "soon"'
bad_config '{"minutes": 500}' 'out of range'
bad_config '{"sound": "gong"}' 'invalid sound "gong"'
bad_config '[1]' 'expected a JSON object'
bad_config '{"minutes": 1e400}' 'a number too large to read'
bad_config '{"settle": ' 'not valid JSON'
printf '{"breath": "panting"}' >"$config"
run start --duration 1s --exact
check_rc 1
check_err "$config: \"breath\": invalid breathing pattern \"panting\""
printf '{"variant": "handstand"}' >"$config"
run start --duration 1s --exact
check_rc 1
check_err "\"variant\": unknown variation \"handstand\""
rm "$config"

# Presets by the hour: with no preset and no hold, start runs the preset whose hours hold the
# local time now, and says which; outside every window, the default. The clock is the machine's:
# the windows are laid around it, on a clock without daylight saving (TZ=UTC0).
export TZ=UTC0
# The hours read once: checked a minute later, they would be another minute's (once, in CI).
hhmm() { date -u -d "@$((laid + $1 * 60))" +%H:%M; }
laid=$(date +%s)
now_from=$(hhmm -5) later="$(hhmm 120)-$(hhmm 180)"
cat >"$config" <<JSON
{"presets": {"now": {"duration": "1s", "exact": true, "settle": "0", "sound": "none",
                     "when": "$now_from-$(hhmm 55)"},
             "later": {"duration": "2s", "when": "$later"}}}
JSON
LEGSUP_LOG=$scratch/hour.jsonl run start --yes
check_rc 0
check_out "Preset now, for $now_from-"
check_out "Legs Up the Wall: 1s hold"
[[ $(LEGSUP_LOG=$scratch/hour.jsonl last_field /held_seconds) == 1 ]] && pass || fail "not logged"
run config
check_out "preset now: duration 1s, exact true, settle 0, sound none, when $now_from-"
check_out "at this hour, legsup start without a preset or a hold runs preset now ("
run config --json
check_json /preset_of_the_hour now
check_json /presets/later/when "$later"
# A hold asked for, or a preset named, is what runs.
run start --yes --duration 1s --exact --settle 0 --sound none --no-log
check_rc 0
check_no_out "Preset now"
# Outside every window: the default, and nothing said.
cat >"$config" <<JSON
{"presets": {"later": {"duration": "2s", "when": "$later"}}}
JSON
run config --json
check_json /preset_of_the_hour null
current="start outside every window"
"$LEGSUP_BIN" --log "$scratch/none.jsonl" start --yes --settle 0 --sound none >"$scratch/out" 2>&1 </dev/null &
pid=$!
wait_for "the session" grep -q "hold 10:00 left" "$scratch/out"
kill -TERM $pid
wait $pid
rc=$? out=$(<"$scratch/out")
check_rc 143
check_out "Legs Up the Wall: 10m hold"
check_no_out "Preset"
# Hours typed as --at takes a time of day, H:MM: "4:00-5:00" is 04:00-05:00; an end that is not
# a time of day is named, with what is valid.
printf '{"presets": {"early": {"duration": "2s", "when": "4:00-5:00"}}}' >"$config"
run config --json
check_rc 0
check_json /presets/early/when "04:00-05:00"
printf '{"presets": {"a": {"when": "21:00-25:00"}}}' >"$config"
run config
check_err 'invalid hours "21:00-25:00": "25:00" is not a time of day: H:MM or HH:MM from 0:00 to 23:59'
# No config file: an unknown preset says there is none, and where it would be.
rm "$config"
run start sleepy
check_rc 2
check_one_error_line
check_err "unknown preset \"sleepy\" (there is no config file: presets are set in $config)"
# Overlapping hours: the file is refused, one line naming it and both presets.
bad_config '{"presets": {"a": {"when": "21:00-04:00"}, "b": {"when": "23:00-01:00"}}}' \
  'the hours of presets "a" (21:00-04:00) and "b" (23:00-01:00) overlap'

# One bad preset stops only what uses it (found when a misspelt key in a preset not in use made
# every command exit 1): start NAME of it exits 1 with one line naming the file, the preset and
# the key, and the nearest key, as for an unknown option; a preset with bad hours likewise, and
# start at the hour it would run; every other command, and the other presets, run with one
# warning line; legsup config shows the file and names the problem.
cat >"$config" <<JSON
{"settle": "0", "presets": {
  "nap": {"duration": "1s", "varient": "bed"},
  "late": {"duration": "1s", "when": "21:00"},
  "now": {"duration": "1s", "settle": "2h", "when": "$(hhmm -5)-$(hhmm 55)"},
  "ok": {"duration": "1s", "exact": true, "sound": "none"}}}
JSON
nap_problem="$config: preset \"nap\": \"varient\": unknown key (did you mean 'variant'?)"
run start nap --yes --no-log
check_rc 1
check_one_error_line
check_err "legsup: $nap_problem"
run start late --yes --no-log
check_rc 1
check_one_error_line
check_err "$config: preset \"late\": \"when\": invalid hours \"21:00\""
run start --yes --no-log
check_rc 1
check_one_error_line
check_err "$config: preset \"now\": \"settle\": "
warned() {
  [[ $(grep -c . <<<"$err") == 3 && $(grep -c '^legsup: warning: ' <<<"$err") == 3 ]] && pass ||
    fail "not one warning line a bad preset"
  check_err "legsup: warning: $nap_problem; preset nap cannot be used until this is fixed"
}
run start ok --yes --no-log
check_rc 0
warned
for command in "log" "stats" "log --csv" "config --json"; do
  LEGSUP_LOG=$scratch/hour.jsonl run $command
  check_rc 0
  warned
done
check_json /preset_problems/nap "$nap_problem"
run config
check_rc 0
check_out "preset ok: duration 1s, exact true, sound none"
check_out "preset nap: cannot be used: $nap_problem"
check_out "preset late: cannot be used: $config: preset \"late\": \"when\": invalid hours"
unset TZ
rm "$config"

# Notifications: sent through notify-send when found, a warning when not.
mkdir -p "$scratch/bin"
printf '#!/bin/sh\nprintf "%%s|" "$@" >>"%s/notified"\n' "$scratch" >"$scratch/bin/notify-send"
chmod +x "$scratch/bin/notify-send"
PATH=$scratch/bin:/usr/bin:/bin run start --duration 1s --exact --settle 0 --sound none --notify --no-log
check_rc 0
# notify-send is not waited for: wait for what it wrote (10 s at most).
for ((i = 0; i < 100; i++)); do grep -q "Held" "$scratch/notified" 2>/dev/null && break; sleep 0.1; done
[[ $(<"$scratch/notified") == *"session completed|Held 0:01."* ]] && pass || fail "notified: $(cat "$scratch/notified" 2>/dev/null)"
PATH=/nonexistent run start --duration 1s --exact --settle 0 --sound none --notify --no-log
check_rc 0
check_err "warning: --notify: notify-send is not on PATH (install libnotify-bin)"

finish
