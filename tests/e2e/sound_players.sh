# Players that fail or hang, the sound check, and each player's own way of taking a stream, through
# fake players that keep what they were given. PATH holds the fakes alone, so that the players a
# machine has (pacat, pw-cat, aplay, espeak-ng) change nothing here.
source "$(dirname "$0")/lib.sh"
: "${AUDIO_PROBE:?set AUDIO_PROBE to the audio_probe tool}"

source "$(dirname "$0")/fake_players.sh"

# A player that fails: said once, the bell takes over, the closing line says it again.
cat >"$fakes/pacat" <<'PLAYER'
#!/bin/sh
echo "Connection failure: Host is down" >&2
exit 1
PLAYER
fresh
PATH=$fakes run start --duration 2s --settle 0 --sound chime --yes --no-log --plain
check_rc 0
[[ $(grep -c "chime: pacat failed (exit 1: Connection failure: Host is down); using the terminal bell" <<<"$out") == 2 ]] &&
  pass || fail "the failure not told once and repeated at the end"
check_out "No chime was heard: chime: pacat failed"
# It shows in the first second: before the hold's first line.
[[ $(grep -n "pacat failed" <<<"$out" | head -1 | cut -d: -f1) -lt $(grep -n "done" <<<"$out" | head -1 | cut -d: -f1) ]] &&
  pass || fail "the failure was told late"

# The sound check: every cue, named; a failing player is exit 1 with its own words.
PATH=$fakes run sound --sound chime
check_rc 1
check_one_error_line
check_err "the sound check failed: chime: pacat failed (exit 1: Connection failure: Host is down)"
cat >"$fakes/pacat" <<'PLAYER'
#!/bin/sh
echo "$0 $*" >>"$PLAYED.args"
exec /bin/cat >"$PLAYED.raw"
PLAYER
fresh
PATH=$fakes run sound --sound chime --volume 60
check_rc 0
for name in start hold inhale exhale "interval bell" milestone key "step of the way out" end; do
  check_out "  $name"
done
[[ $(onsets | wc -l) -ge 10 ]] && pass || fail "the sound check played $(onsets | wc -l) sounds"
PATH=$fakes run sound --sound voice
check_rc 0
check_out 'inhale: "Breathe in"'
PATH=/nonexistent run sound --sound chime
check_rc 2
check_err "install pulseaudio-utils, pipewire-bin or alsa-utils"
PATH=$fakes run sound --volume loud
check_rc 2
check_err 'invalid volume "loud"'

# A player that hangs: it takes nothing. Noticed, ended; none outlives the session.
cat >"$fakes/pacat" <<PLAYER
#!/bin/sh
exec /bin/sleep 600.$$
PLAYER
fresh
SECONDS=0
PATH=$fakes run start --duration 9s --settle 0 --sound chime --yes --no-log --plain
check_rc 0
check_out "pacat takes no sound (it hangs); using the terminal bell"
((SECONDS < 15)) && pass || fail "the session took $SECONDS s"
sleep 0.5
current="no player outlives the session"
! pgrep -f "sleep 600.$$" >/dev/null && pass || fail "a hanging player is still there"
# One that plays, then will not end when its stream ends: ended a few seconds after its sound.
cat >"$fakes/pacat" <<PLAYER
#!/bin/sh
/bin/cat >/dev/null
exec /bin/sleep 601.$$
PLAYER
SECONDS=0
PATH=$fakes run start --duration 1s --settle 0 --sound chime --yes --no-log --plain
check_rc 0
((SECONDS < 9)) && pass || fail "waited $SECONDS s for a player that would not end"
sleep 0.5
! pgrep -f "sleep 601.$$" >/dev/null && pass || fail "a lingering player is still there"

# Each player's own way of taking a stream: raw samples, no header, the format named. pw-cat
# and pw-play are asked first what they can do: "-raw" is a pw-cat whose --help names --raw
# (later releases, which read a sound file from "-" without it), "-old" one whose does not.
for player in pw-cat-old pw-cat-raw pw-play-old pw-play-raw paplay aplay; do
  name=${player%-old}
  name=${name%-raw}
  rm -f "$fakes"/* && fresh
  help="  -q  --quality    Resampler quality"
  [[ $player == *-raw ]] && help="$help
  -a, --raw        RAW mode"
  cat >"$fakes/$name" <<PLAYER
#!/bin/sh
[ "\$1" = --help ] && { echo "$help"; exit 0; }
echo "\$0 \$*" >>"\$PLAYED.args"
exec /bin/cat >"\$PLAYED.raw"
PLAYER
  chmod +x "$fakes/$name"
  PATH=$fakes "$LEGSUP_BIN" start --duration 1s --settle 0 --sound chime --yes --no-log >/dev/null 2>&1
  current="$player"
  case $player in
    *-old) [[ $(<"$PLAYED.args") == *"/$name --playback --rate 22050 --channels 1 --format s16 -" ]] ;;
    *-raw) [[ $(<"$PLAYED.args") == *"/$name --playback --raw --rate 22050 --channels 1 --format s16 -" ]] ;;
    paplay) [[ $(<"$PLAYED.args") == *"--raw --format=s16le --rate=22050 --channels=1"* ]] ;;
    aplay) [[ $(<"$PLAYED.args") == *"-t raw -f S16_LE -r 22050 -c 1 -" ]] ;;
  esac && pass || fail "$(cat "$PLAYED.args")"
  [[ $(head -c 4 "$PLAYED.raw") != RIFF ]] && pass || fail "$player was given a WAV header"
  [[ $("$AUDIO_PROBE" "$PLAYED.raw" | wc -l) -ge 3 ]] && pass || fail "$player's stream holds no cues"
done

finish
