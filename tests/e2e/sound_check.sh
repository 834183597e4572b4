# The sound check (legsup sound): what it plays is what the session would, each sound named, for
# start's options or a preset; a player that fails or nothing heard, its exit status. Through fake
# players that keep what they were given; PATH holds the fakes alone.
source "$(dirname "$0")/lib.sh"
: "${AUDIO_PROBE:?set AUDIO_PROBE to the audio_probe tool}"

source "$(dirname "$0")/fake_players.sh"

# A player that fails at once (as pacat does where no server listens).
fake_pacat 'echo "Connection failure: Connection refused" >&2; exit 1'
refused="pacat failed (exit 1: Connection failure: Connection refused)"
fresh
# The sound check: nothing heard is exit 4; a failing player on a terminal, exit 1 with its words.
for sound in chime bell; do
  PATH=$fakes run_without_terminal sound --sound $sound
  check_rc 4
  check_one_error_line
  check_err "legsup: the sound check failed: nothing would be heard"
  check_no_out "Each cue played"
done
PATH=$fakes run_on_terminal sound --sound chime
check_rc 1
check_out "the sound check failed: $refused"
fake_pacat "$recording_pacat"
fresh
# It plays what the session would, each sound named: the start, the hold, the phases of the
# pattern (long-exhale has no holds), the bell, the milestones of a 10-minute hold (five minutes
# left, which is halfway too, and one minute left), each key's answer, the end, the way out.
PATH=$fakes run_without_terminal sound --sound chime --volume 60 --breath-cues --interval 2m \
  --announce --come-out 40s
check_rc 0
names=$(sed -n 's/^  //p' <<<"$out")
expected="start
hold
inhale
exhale
interval bell
five minutes left
one minute left
pause (space)
still paused (a reminder)
resume (space)
one minute more (+)
one minute less (-)
no less (- at a minute more than held)
no more (+ at three hours)
end now (q)
end
way out, step 1
way out, step 2
way out, step 3
way out, step 4
done"
[[ $names == "$expected" ]] && pass || fail "named: $(tr '\n' '|' <<<"$names")"
[[ $(onsets | wc -l) -ge 21 ]] && pass || fail "the sound check played $(onsets | wc -l) sounds"
# Without those options, none of their sounds; --sound none plays nothing.
# With an ambient sound: last, six seconds of it alone, named, fading out.
PATH=$fakes run_without_terminal sound --sound chime --ambient rain
check_rc 0
check_no_out "  inhale"
check_no_out "  interval bell"
check_no_out "step"
check_out "  end"
check_out "  The ambient sound: rain (volume 30)"
# The stream's last six seconds, in half seconds: the rain at its level, then fading.
tail_levels=$("$AUDIO_PROBE" "$PLAYED.raw" --levels 0.5 | tail -n 12 | awk '{ printf "%s ", $4 }')
awk -v l="$tail_levels" 'BEGIN { n = split(l, v, " "); exit !(n == 12 && v[2] > -45 && v[3] > -45 && v[12] < v[3] - 10) }' &&
  pass || fail "the rain at the end of the check: $tail_levels dBFS"
# A preset, as start takes it: its session, its words; the phrases the check says are those the
# session has made (but the keys', which a session without a terminal does not read).
mkdir -p "$XDG_CONFIG_HOME/legsup"
echo '{"presets": {"bedtime": {"minutes": 12, "sound": "voice", "breath": "4-7-8", "breath-cues": true,
  "announce": true, "come-out": "60s", "voice-rate": 120, "voice": "en+f3"}}}' >"$XDG_CONFIG_HOME/legsup/config.json"
fresh
PATH=$fakes run_without_terminal sound bedtime
check_rc 0
check_out 'inhale: "Breathe in"'
check_out 'hold (breath in): "Hold"'
check_out 'halfway: "Halfway"'
check_out 'done: "All done"'
check_no_out "hold (breath out)"
grep -q -- "-s 120 -v en+f3 --" "$PLAYED.speaker" && pass || fail "the voice's rate and name: $(head -1 "$PLAYED.speaker")"
previewed=$(sed -n 's/^  [^:]*: "\(.*\)"$/\1/p' <<<"$out" | sort -u)
keys_words=$(printf '%s\n' Paused "Still paused" "Going on" "One minute more" "One minute less" \
  "Not less than a minute" "Three hours at most" "Ending now" | sort)
fresh
# The session of that preset, ended once its words are made and it plays (12 minutes is long).
"$setsid_program" env PATH="$fakes" "$LEGSUP_BIN" start bedtime --yes --no-log </dev/null >/dev/null 2>&1 &
session=$!
wait_for "the session to play" test -s "$PLAYED.raw"
kill -TERM "$session"
wait "$session"
made=$(sort -u "$PLAYED.words")
[[ $(comm -23 <(echo "$previewed") <(echo "$keys_words")) == "$(comm -23 <(echo "$made") <(echo "$keys_words"))" ]] &&
  pass || fail "previewed $(tr '\n' '|' <<<"$previewed"), the session made $(tr '\n' '|' <<<"$made")"
rm "$XDG_CONFIG_HOME/legsup/config.json"
PATH=/nonexistent run sound --sound chime
check_rc 2
check_err "install pulseaudio-utils, pipewire-bin or alsa-utils"
PATH=$fakes run sound --volume loud
check_rc 2
check_err 'invalid volume "loud"'

finish
