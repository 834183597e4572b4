# Players that die or stall mid-session, through fake players: started again a few times, what was
# not heard said in the closing line and the record, every wait bounded, every signal honoured at
# every moment, no player left behind; a voice that never stops writing. PATH holds the fakes
# alone, so that the players a machine has change nothing here.
source "$(dirname "$0")/lib.sh"
require_programs sound_stalls python3
: "${AUDIO_PROBE:?set AUDIO_PROBE to the audio_probe tool}"

source "$(dirname "$0")/fake_players.sh"
# check_unheard_at_least N: the last record counts N cues or more not heard.
check_unheard_at_least() {
  local unheard
  unheard=$(last_field /unheard_cues)
  [[ $unheard =~ ^[0-9]+$ ]] && ((unheard >= $1)) && pass || fail "record: $(last_record)"
}
# in_background ARGS...: legsup without a terminal, its output in $scratch/out, its status in
# $scratch/rc when it ends; $pid is legsup's.
in_background() {
  rm -f "$scratch/rc" "$scratch/pid"
  (
    "$setsid_program" -w env PATH="$fakes" "$LEGSUP_BIN" "$@" >"$scratch/out" 2>&1 </dev/null &
    echo $! >"$scratch/pid"
    wait $!
    echo $? >"$scratch/rc"
  ) &
  wait_for "legsup to start" test -s "$scratch/pid"
  pid=$(<"$scratch/pid")
}
# ended_within SECONDS: legsup ended, and within SECONDS of now; $rc and $out as run sets them.
ended_within() {
  local since=$SECONDS
  wait_for "legsup's end" test -s "$scratch/rc" || kill -9 "$pid"
  (( SECONDS - since <= $1 )) && pass || fail "ended $((SECONDS - since)) s later"
  rc=$(cat "$scratch/rc" 2>/dev/null) out=$(<"$scratch/out")
}

# A player whose server goes away mid-session: it dies after a second of sound, in the middle of
# the settle-in's chime. It is started again at once; that chime is lost, every later cue is
# heard on its beat, and the closing line and the record say so.
fake_pacat 'n=$(/bin/cat "$PLAYED.count" 2>/dev/null || echo 0); echo $((n + 1)) >"$PLAYED.count"
if [ "$n" = 0 ]; then /usr/bin/head -c 44100 >"$PLAYED.first"; echo "Connection terminated" >&2; exit 1; fi
exec /bin/cat >"$PLAYED.raw"'
fresh
PATH=$fakes run_without_terminal start --duration 4s --exact --settle 2s --breath 1-0-1 --breath-cues --sound chime --yes --plain
check_rc 0
check_out "chime: pacat failed (exit 1: Connection terminated); starting it again"
check_out "chime: pacat was started again and is heard"
[[ $out =~ "Held 0:04 (completed). Logged to "[^$'\n']*". 1 of "[0-9]+" cues was not heard: pacat failed (exit 1: Connection terminated); it was started again." ]] &&
  pass || fail "the closing line"
[[ $(last_field /unheard_cues) == 1 ]] && pass || fail "record: $(last_record)"
[[ $(<"$PLAYED.count") == 2 ]] && pass || fail "started $(<"$PLAYED.count") times"
# The begin at 2 s, breath cues at 3, 4 and 5, the end at 6 and its second note.
got=$(onsets | awk 'NR == 1 { first = $2 } { printf "%s%.2f", (NR > 1 ? " " : ""), $2 - first }')
[[ $got == "0.00 1.00 2.00 3.00 4.00 4.60" ]] && pass || fail "onsets after the restart: $got"

# A server that stays away: tried a few times, a pause between, then given up on: the rest is not
# heard, and says so.
fake_pacat 'n=$(/bin/cat "$PLAYED.count" 2>/dev/null || echo 0); echo $((n + 1)) >"$PLAYED.count"
if [ "$n" = 0 ]; then exec /bin/cat >/dev/null; fi
echo "Connection refused" >&2; exit 1'
fresh
in_background start --duration 14s --exact --settle 0 --breath 2-0-2 --breath-cues --sound chime --yes --plain
wait_for "the session under way" grep -q "left" "$scratch/out"
pkill -P "$pid" -x cat
ended_within 30
current="a server that stays away"
check_rc 0
tries=$(<"$PLAYED.count")
((tries >= 5 && tries <= 9)) && pass || fail "started $tries times"
check_out "chime: pacat failed (killed by signal 15); starting it again"
check_out "nothing more can be heard"
check_no_out "terminal bell"
[[ $out =~ [0-9]+" of "[0-9]+" cues were not heard: pacat failed (killed by signal 15)." ]] &&
  pass || fail "the closing line"
check_unheard_at_least 3

# A player that stops reading near the end and ignores SIGTERM: the session ends, legsup goes a
# few seconds after the last sound, and leaves nothing behind; every signal after "Logged" ends it
# at once.
stalling="trap '' TERM; /usr/bin/head -c 132300 >/dev/null; /usr/bin/touch \"\$PLAYED.stalled\"; exec /bin/sleep 602.$$"
fake_pacat "$stalling"
fresh
in_background start --duration 6s --exact --settle 0 --breath 1-0-1 --breath-cues --sound chime --yes --plain
wait_for "Logged" grep -q Logged "$scratch/out"
ended_within 10
current="a player that stalls near the end"
check_rc 0
check_out "Held 0:06 (completed). Logged"
check_out "pacat takes no sound (it hangs)"
check_unheard_at_least 1
check_no_orphan "sleep 602.$$"
# The voice: its steps of the way out are spoken after the closing line.
for signal_sound in INT:voice INT:chime TERM:chime QUIT:chime; do
  signal=${signal_sound%:*} sound=${signal_sound#*:}
  fresh
  in_background start --duration 4s --exact --settle 0 --sound "$sound" --yes --plain
  wait_for "Logged" grep -q Logged "$scratch/out"
  wait_for "a stalled player" test -e "$PLAYED.stalled"
  kill -s "$signal" "$pid"
  ended_within 5
  current="SIG$signal after Logged, the $sound's player stalled"
  check_rc $((128 + $(kill -l "$signal")))
  check_no_orphan "sleep 602.$$"
done
# A player that takes every sound but does not end when its input does: ended by legsup, it is
# said to hang, not to have failed by legsup's own signal (before: "failed (killed by signal
# 15)").
fake_pacat "/bin/cat >/dev/null; exec /bin/sleep 604.$$"
fresh
in_background start --duration 2s --exact --settle 0 --breath none --sound chime --yes --plain
ended_within 30
current="a player that does not end after its last sound"
check_rc 0
check_out "chime: pacat did not finish playing (it hangs)"
check_no_out "killed by signal"
check_no_orphan "sleep 604.$$"
# note_when_fed: once the player has the begin's tone and the end's two, the last of them whole
# (0.63 s audible), $scratch/fed is made; or after 30 s, not.
note_when_fed() {
  local i
  for ((i = 0; i < 300; i++)); do
    if onsets --gap 0.15 2>/dev/null | awk 'END { exit !(NR == 3 && $8 >= 0.6) }'; then
      touch "$scratch/fed" && return
    fi
    sleep 0.1
  done
}
# The log held by another process as the session ends (another legsup merging, say; a disk slow
# to sync is the same wait): legsup waits for it, and meanwhile the end chime goes on reaching the
# player, its second tone whole (fed from a thread of its own; fed from the waiting one, only the
# chime's first 60 ms came until the lock was let go). The lock is held until the player has
# it all, or for 30 s; then the session is logged.
fake_pacat "$recording_pacat"
fresh
: >>"$LEGSUP_LOG"
logged_before=$(records)
rm -f "$scratch/locked" "$scratch/fed"
(
  exec 9>>"$LEGSUP_LOG"
  flock 9 && touch "$scratch/locked"
  note_when_fed
) &
holder=$!
wait_for "the log's lock" test -e "$scratch/locked"
in_background start --duration 2s --exact --settle 0 --breath none --sound chime --yes --plain
wait "$holder"
ended_within 10
current="the log's lock held by another process as the session ends"
[[ -e $scratch/fed ]] && pass || fail "the end chime did not reach the player while legsup waited: $(onsets --gap 0.15 | tr '\n' '|')"
check_rc 0
check_out "Held 0:02 (completed). Logged"
(($(records) == logged_before + 1)) && pass || fail "$(records) records, expected $((logged_before + 1))"
# The same lock held for good: a signal while legsup waits for it ends legsup at once (128+N),
# saying the session was not logged and printing its record, the log as it was.
fresh
logged_before=$(records)
rm -f "$scratch/locked" "$scratch/fed"
flock "$LEGSUP_LOG" sh -c "touch '$scratch/locked'; exec sleep 604.$$" &
holder=$!
wait_for "the log's lock" test -e "$scratch/locked"
in_background start --duration 2s --exact --settle 0 --breath none --sound chime --yes --plain
note_when_fed
kill -INT "$pid"
ended_within 5
current="SIGINT while the log's lock is held for good"
check_rc 130
check_out "another process holds it (another legsup writing it), and it was not waited for any longer; the session was not logged. Its record:"
check_out '"ended":"completed"'
(($(records) == logged_before)) && pass || fail "$(records) records, expected $logged_before"
pkill -f "sleep 604.$$"
wait "$holder" 2>/dev/null
# The questions after the session (--rate, on a terminal) wait for the person: meanwhile the end
# chime reaches the player whole. They are answered (Enter skips each) once it has, or after 30 s.
fresh
rm -f "$scratch/fed" "$scratch/answers"
mkfifo "$scratch/answers"
(
  exec 8>"$scratch/answers"
  note_when_fed
  printf '\n\n\n' >&8
) &
answerer=$!
out=$("$script_program" -qec "$(printf '%q ' /usr/bin/env PATH="$fakes" "$LEGSUP_BIN" start \
  --duration 2s --exact --settle 0 --breath none --sound chime --yes --rate \
  --before stress=1,legs=1,sleepy=1)" /dev/null <"$scratch/answers")
rc=$?
wait "$answerer"
current="the questions after the session (--rate on a terminal)"
[[ -e $scratch/fed ]] && pass || fail "the end chime did not reach the player while the questions waited: $(onsets --gap 0.15 | tr '\n' '|')"
check_rc 0
check_out "How stressed do you feel? (after)"
[[ $(last_field /before/stress /after/stress) == $'1\n(missing)' ]] && pass || fail "record: $(last_record)"

# No thread to be had for the feeding after the hold (a stack of 64 MiB, as `ulimit -s` asks, does
# not fit under a memory limit of 60 MB; a limit on processes is the same): the stream is fed from
# the main thread, as it was before; the session ends and is logged, its end chime whole. (Not
# under the sanitizers, which reserve more than any such limit.)
if [[ -z ${LEGSUP_SANITIZED:-} ]]; then
  fake_pacat "$recording_pacat"
  fresh
  logged_before=$(records)
  out=$(ulimit -s 65536 -v 60000; PATH=$fakes "$setsid_program" -w "$LEGSUP_BIN" start --duration 2s \
    --exact --settle 0 --breath none --sound chime --yes --plain 2>&1 </dev/null)
  rc=$? current="no thread for the feeding (ulimit -s 65536 -v 60000)"
  check_rc 0
  check_out "Held 0:02 (completed). Logged"
  (($(records) == logged_before + 1)) && pass || fail "$(records) records, expected $((logged_before + 1))"
  onsets --gap 0.15 | awk 'END { exit !(NR == 3 && $8 >= 0.6) }' && pass ||
    fail "the end chime is not whole: $(onsets --gap 0.15 | tr '\n' '|')"
fi

# The same in the sound check: a player that stalls before the last cue is ended a few seconds
# after it.
fake_pacat "${stalling/132300/352800}"
fresh
in_background sound --sound chime
wait_for "a stalled player" test -e "$PLAYED.stalled"
ended_within 15
current="the sound check, the player stalled"
check_rc 1
check_out "the sound check failed: pacat takes no sound (it hangs)"
check_no_orphan "sleep 602.$$"

# A voice that never stops writing: read up to a bound, said in one line, chimes in its place.
fake_pacat "$recording_pacat"
cat >"$fakes/espeak-ng" <<'SPEAKER'
#!/bin/sh
printf 'RIFF\377\377\377\377WAVEfmt \020\000\000\000\001\000\001\000\042\126\000\000\104\254\000\000\002\000\020\000data\377\377\377\377'
exec /bin/cat /dev/zero
SPEAKER
fresh
# Memory held to a limit, as an out-of-memory machine would (not under the sanitizers, which
# reserve more than any such limit).
limit=unlimited
[[ -z ${LEGSUP_SANITIZED:-} ]] && limit=300000
SECONDS=0
out=$(ulimit -v "$limit"; PATH=$fakes "$setsid_program" -w "$LEGSUP_BIN" start --duration 2s --exact --settle 0 \
  --sound voice --yes --no-log --plain 2>&1 </dev/null)
rc=$? current="a voice that never stops writing, memory limited to $limit KiB"
check_rc 0
check_out "voice: espeak-ng wrote more than 2 MiB for one phrase, and was stopped; chimes in place of the words"
check_out "The words were not spoken (espeak-ng wrote more than 2 MiB"
((SECONDS < 20)) && pass || fail "took $SECONDS s"
[[ $(onsets | wc -l) -ge 2 ]] && pass || fail "no chimes in place of the words"
check_no_orphan "cat /dev/zero"

# A voice that hangs, deaf to SIGTERM: given up on within its patience (6 s), not 20, with
# chimes in place of the words, and nothing of it left behind.
cat >"$fakes/espeak-ng" <<SPEAKER
#!/bin/sh
trap '' TERM
exec /bin/sleep 603.$$
SPEAKER
fresh
SECONDS=0
out=$(PATH=$fakes "$setsid_program" -w "$LEGSUP_BIN" start --duration 2s --exact --settle 0 \
  --sound voice --yes --no-log --plain 2>&1 </dev/null)
rc=$? current="a voice that hangs"
check_rc 0
check_out "chimes in place of the words"
((SECONDS < 18)) && pass || fail "took $SECONDS s"
[[ $(onsets | wc -l) -ge 2 ]] && pass || fail "no chimes in place of the words"
check_no_orphan "sleep 603.$$"
# The sound check with that voice says so at once, and fails: it does not play chimes as if all
# were well. Its twenty-odd phrases, each made by a synthesiser of its own, are given up on
# together: 6.6 s measured, where one after another, half a second each, took 13.6 s.
SECONDS=0
out=$(PATH=$fakes "$setsid_program" -w "$LEGSUP_BIN" sound --sound voice 2>&1 </dev/null)
rc=$? current="the sound check with a voice that hangs"
((SECONDS < 11)) && pass || fail "took $SECONDS s"
check_rc 1
check_out "legsup: the sound check failed: the words could not be made (espeak-ng failed"
check_out "a session would play chimes in their place"
check_no_orphan "sleep 603.$$"

# legsup itself stopped (SIGSTOP: no terminal, it is not told) for 1.5 s in a 1-0-1 session: the
# breath cues whose moments passed meanwhile are not played late over other beats (only the
# latest breath cue of a stall sounds, and not when its moment passed over a quarter second
# ago), and they are counted: the closing line and the record say so. Before, none was counted,
# and the latest played up to 1.4 s late.
fake_pacat "$recording_pacat"
fresh
in_background start --duration 8s --exact --settle 0 --breath 1-0-1 --breath-cues --sound chime --yes --plain
# Once the stream holds 2.5 s of samples (the player takes it as it is written).
stream_holds() { (($(stat -c %s "$PLAYED.raw" 2>/dev/null || echo 0) >= $1)); }
wait_for "2.5 s of the stream" stream_holds $((22050 * 2 * 5 / 2))
current="legsup stopped 1.5 s mid-session (no terminal)"
kill -STOP "$pid" && sleep 1.5 && kill -CONT "$pid"
ended_within 30
check_rc 0
[[ $out =~ "Held 0:08 (completed). Logged to "[^$'\n']*". "[12]" of "[0-9]+" cues"( was| were)" not heard: legsup was stopped or held up past their moments." ]] &&
  pass || fail "the closing line"
check_unheard_at_least 1

# legsup stopped 2 s across the end of a 3 s session: the end chime, whose moment passed, is
# played when legsup runs again, late rather than lost (before, the session ended in silence and
# the closing line counted it as not heard).
fake_pacat "$recording_pacat"
fresh
in_background start --duration 3s --exact --settle 0 --breath none --sound chime --yes --plain
wait_for "2.6 s of the stream" stream_holds $((22050 * 2 * 26 / 10))
current="legsup stopped 2 s across the session's end (no terminal)"
kill -STOP "$pid" && sleep 2 && kill -CONT "$pid"
ended_within 30
check_rc 0
sounds=$("$AUDIO_PROBE" "$PLAYED.raw" --gap 0.15)
# The begin chime, then the end's two tones, after the stop (at 2.6 s of the stream or later).
(($(awk '$2 >= 2.6' <<<"$sounds" | wc -l) >= 2)) && pass || fail "the end chime not played: $(tr '\n' '|' <<<"$sounds")"
[[ $out == *"Held 0:03 (completed)."* && $out != *"not heard"* ]] && pass || fail "the closing line: $out"

finish
