# Players that fail or hang from the start, sessions that nobody could hear, a player's words, and
# each player's own way of taking a stream, through fake players that keep what they were given
# (players that die or stall mid-session: sound_stalls.sh; the sound check: sound_check.sh). PATH
# holds the fakes alone, so that the players a machine has (pacat, pw-cat, aplay, espeak-ng)
# change nothing here.
source "$(dirname "$0")/lib.sh"
: "${AUDIO_PROBE:?set AUDIO_PROBE to the audio_probe tool}"

source "$(dirname "$0")/fake_players.sh"

# A player that fails at once (as pacat does where no server listens).
fake_pacat 'echo "Connection failure: Connection refused" >&2; exit 1'
refused="pacat failed (exit 1: Connection failure: Connection refused)"
# Without a terminal nothing could be heard: one line, exit 4, before the settle-in, nothing logged.
fresh
SECONDS=0
PATH=$fakes run_without_terminal start --duration 30s --exact --settle 30s --sound chime --yes
check_rc 4
check_one_error_line
check_err "legsup: not started: nothing would be heard: $refused, and there is no terminal"
check_empty_out
[[ $(records) == 0 ]] && pass || fail "a session nobody heard was logged"
((SECONDS < 15)) && pass || fail "refused after $SECONDS s"
# On a terminal: said once, the bell takes over (it rings there), the closing line says so.
PATH=$fakes run_on_terminal start --duration 2s --exact --settle 0 --sound chime --yes --no-log --plain
check_rc 0
[[ $(tr '\r\n' '  ' <<<"$out" | tr -s ' ' | grep -o "chime: $refused; using the terminal bell" | wc -l) == 1 ]] &&
  pass || fail "the failure not told once"
check_out_wrapped "No chime was heard: $refused; the terminal bell rang in its place."
# --plain on a terminal: its lines, the notice among them, wrap at spaces to the width (80 here).
wide=$(tr -d '\r' <<<"$out" | sed 's/\x1b\[[0-9;]*m//g' | awk 'length > 80')
[[ -z $wide ]] && pass || fail "lines wider than the terminal: $wide"
[[ $(tr -cd '\a' <<<"$out" | wc -c) -ge 2 ]] && pass || fail "the bell did not ring"
# It shows at once: before the hold's first line.
[[ $(grep -n "pacat failed" <<<"$out" | head -1 | cut -d: -f1) -lt $(grep -n "done" <<<"$out" | head -1 | cut -d: -f1) ]] &&
  pass || fail "the failure was told late"

# One that takes sound, then closes its input and exits a moment later saying why: its words are
# told, not the broken pipe.
fake_pacat '/usr/bin/head -c 20000 >/dev/null; exec 0<&-; /bin/sleep 0.3; echo "Connection failure: Connection refused" >&2; exit 1'
PATH=$fakes run_without_terminal start --duration 1s --settle 0 --sound chime --yes --no-log
[[ "$out$err" == *"$refused; starting it again"* && "$out$err" != *"stopped taking sound"*"starting it again"* ]] &&
  pass || fail "the player's words not told"
fake_pacat 'echo "Connection failure: Connection refused" >&2; exit 1'

# The bell needs a terminal: without one, the default sound is refused as well; --sound none runs.
for sound in "" "--sound bell"; do
  # shellcheck disable=SC2086
  run_without_terminal start --duration 1s --exact --settle 0 --yes --no-log $sound
  check_rc 4
  check_one_error_line
  check_err "nothing would be heard: the bell rings on a terminal, and there is none"
done
run_without_terminal start --duration 1s --exact --settle 0 --yes --no-log --sound none
check_rc 0
run_on_terminal start --duration 1s --exact --settle 0 --yes --no-log --sound bell --plain
check_rc 0
[[ $out == *$'\a'* ]] && pass || fail "the bell did not ring on the terminal"
[[ $out != *"terminal bell"* ]] && pass || fail "a notice where the bell was asked for"

# A player's words reach no terminal raw, and only their last line: a flood of 16 KiB, then a
# title-setting sequence and an alternate-screen switch.
fake_pacat '/usr/bin/head -c 16384 /dev/zero | /usr/bin/tr "\0" x >&2; printf "\n\033]0;pwned\007\033[?1049hgone\n" >&2; exit 1'
PATH=$fakes run_without_terminal start --duration 1s --exact --settle 0 --sound chime --yes --no-log
check_rc 4
check_one_error_line
check_err 'pacat failed (exit 1: \x1b]0;pwned\x07\x1b[?1049hgone)'
((${#err} < 400)) && pass || fail "${#err} bytes quoted"
PATH=$fakes run_on_terminal start --duration 1s --exact --settle 0 --sound chime --yes --no-log --plain
check_rc 0
[[ $out != *$'\e]0;'* && $out != *$'\e[?1049h'* ]] && pass || fail "the player's sequences reached the terminal"
check_out_wrapped 'pacat failed (exit 1: \x1b]0;pwned\x07\x1b[?1049hgone); using the terminal bell'
[[ $(grep -c xxxxxxxxxx <<<"$out") == 0 ]] && pass || fail "the flood was quoted"

# A player that hangs from the start (it takes nothing): found before the session, ended.
fake_pacat "exec /bin/sleep 600.$$"
SECONDS=0
PATH=$fakes run_without_terminal start --duration 9s --exact --settle 0 --sound chime --yes --no-log
check_rc 4
check_err "pacat takes no sound (it hangs), and there is no terminal"
((SECONDS < 15)) && pass || fail "refused after $SECONDS s"
check_no_orphan "sleep 600.$$"
PATH=$fakes run_on_terminal start --duration 2s --exact --settle 0 --sound chime --yes --no-log --plain
check_rc 0
check_out_wrapped "chime: pacat takes no sound (it hangs); using the terminal bell"
check_no_orphan "sleep 600.$$"

# One that plays, then will not end when its stream ends: ended a few seconds after its sound.
fake_pacat "/bin/cat >/dev/null; exec /bin/sleep 601.$$"
SECONDS=0
PATH=$fakes run_without_terminal start --duration 1s --exact --settle 0 --sound chime --yes --no-log --plain
check_rc 0
((SECONDS < 12)) && pass || fail "waited $SECONDS s for a player that would not end"
check_no_orphan "sleep 601.$$"

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
  PATH=$fakes "$LEGSUP_BIN" start --duration 1s --exact --settle 0 --sound chime --yes --no-log >/dev/null 2>&1
  current="$player"
  case $player in
    *-old) [[ $(<"$PLAYED.args") == *"/$name --playback --latency 40ms --rate 22050 --channels 1 --format s16 -" ]] ;;
    *-raw) [[ $(<"$PLAYED.args") == *"/$name --playback --raw --latency 40ms --rate 22050 --channels 1 --format s16 -" ]] ;;
    paplay) [[ $(<"$PLAYED.args") == *"--raw --format=s16le --rate=22050 --channels=1"* ]] ;;
    aplay) [[ $(<"$PLAYED.args") == *"-t raw -f S16_LE -r 22050 -c 1 --buffer-time=80000 --period-time=10000 -" ]] ;;
  esac && pass || fail "$(cat "$PLAYED.args")"
  [[ $(head -c 4 "$PLAYED.raw" | tr -d '\0') != RIFF ]] && pass || fail "$player was given a WAV header"
  [[ $("$AUDIO_PROBE" "$PLAYED.raw" | wc -l) -ge 3 ]] && pass || fail "$player's stream holds no cues"
done

# legsup's preference, not the order of PATH: pacat in a later folder is chosen over aplay in an
# earlier one.
rm -f "$fakes"/* && fresh
mkdir -p "$scratch/earlier"
printf '#!/bin/sh\necho "$0" >>"$PLAYED.args"\nexec /bin/cat >/dev/null\n' >"$scratch/earlier/aplay"
fake_pacat "$recording_pacat"
chmod +x "$scratch/earlier/aplay"
PATH=$scratch/earlier:$fakes run start --duration 1s --exact --settle 0 --sound chime --yes --no-log
current="the player preferred"
[[ $(<"$PLAYED.args") == "$fakes/pacat "* ]] && pass || fail "played by $(<"$PLAYED.args")"

finish
