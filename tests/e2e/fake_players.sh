# Fake players for the sound tests (source it after lib.sh): they keep what they were given.
export LEGSUP_LOG=$scratch/sessions.jsonl PLAYED=$scratch/played
fakes=$scratch/fakes
mkdir -p "$fakes"
# A speech synthesiser: notes the words and writes a WAV of noise, 40 ms a character, so that
# each phrase can be told apart in the stream by its length.
cat >"$fakes/espeak-ng" <<'SPEAKER'
#!/bin/sh
for word; do last=$word; done
echo "$last" >>"$PLAYED.words"
echo "$*" >>"$PLAYED.speaker"
printf 'RIFF\377\377\377\377WAVEfmt \020\000\000\000\001\000\001\000\042\126\000\000\104\254\000\000\002\000\020\000data\377\377\377\377'
/usr/bin/head -c $((${#last} * 882 * 2)) /dev/urandom
SPEAKER
chmod +x "$fakes/espeak-ng"
fresh() { rm -f "$PLAYED".*; }
# fake_pacat SCRIPT: pacat is this shell script. A stream player that notes how it was called and
# keeps the stream is the first.
fake_pacat() { printf '#!/bin/sh\n%s\n' "$1" >"$fakes/pacat" && chmod +x "$fakes/pacat"; }
recording_pacat='echo "$0 $*" >>"$PLAYED.args"; exec /bin/cat >"$PLAYED.raw"'
fake_pacat "$recording_pacat"
# No process of a fake (its name marked with this test's id) is left.
check_no_orphan() {
  ! pgrep -f "$1" >/dev/null && pass || fail "left running: $(pgrep -af "$1")"
}
# onsets: the probe's lines for the stream played
onsets() { "$AUDIO_PROBE" "$PLAYED.raw" "$@"; }
# Whether a cue can be heard depends on a terminal to ring: each test says whether there is one,
# so that none depends on what runs the suite (CI has none, a developer's shell may).
# run_without_terminal ARGS...: as run, in a session of its own (as cron runs it: /dev/tty
# cannot be opened). run_on_terminal ARGS...: on a terminal of its own (script); $out is what
# reached it, standard error included, raw.
setsid_program=$(command -v setsid) script_program=$(command -v script)
run_without_terminal() {
  current="legsup $* (no terminal)"
  out=$("$setsid_program" -w "$LEGSUP_BIN" "$@" 2>"$scratch/stderr" </dev/null)
  rc=$?
  err=$(<"$scratch/stderr")
}
run_on_terminal() {
  current="legsup $* (on a terminal)"
  out=$("$script_program" -qec "$(printf '%q ' "$LEGSUP_BIN" "$@")" /dev/null </dev/null)
  rc=$? err=""
}
