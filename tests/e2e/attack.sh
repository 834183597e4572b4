# The README's promises under attack, without a terminal: records the reader would refuse, logs
# that are not files, signals of every kind, bursts of stops and continues, traces left by a
# failure, configs and paths that are not what they seem, memory that runs out.
source "$(dirname "$0")/lib.sh"
require_programs attack python3

export LEGSUP_LOG=$scratch/sessions.jsonl

# A record the writer accepts, every reader reads: a note too long for a line is refused, named.
long_note=$(head -c 70000 /dev/zero | tr '\0' n)
run log add --minutes 5 --note "$long_note"
check_rc 2
check_one_error_line
check_err "--note is 70000 bytes long; a note holds at most 4096 bytes"
controls=$(head -c 11000 /dev/zero | tr '\0' '\001')
run log add --minutes 5 --note "$controls"
check_rc 2
check_err "a note holds at most 4096 bytes"
run start --duration 1s --exact --settle 0 --sound none --note "$long_note"
check_rc 2
[[ $(records) == 0 ]] && pass || fail "something was written"
# The longest note allowed, all of it control characters (each written as \u0001): read back.
most=$(head -c 4096 /dev/zero | tr '\0' '\001')
run log add --minutes 5 --note "$most"
check_rc 0
run stats --get sessions
[[ $out == 1 ]] && pass || fail "the reader skipped what the writer wrote: $err"
run log --json
[[ $(printf '%s' "$out" | "$JSON_PROBE" /0/note | wc -c) -ge 4096 ]] && pass || fail "the note did not read back"

# A log that is not a regular file is refused at once; nothing hangs.
mkfifo "$scratch/fifo"
ln -s "$scratch/fifo" "$scratch/link-to-fifo"
/usr/bin/python3 -c "import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])" "$scratch/socket"
for path in "$scratch/fifo" "$scratch/link-to-fifo" "$scratch/socket" /dev/null; do
  for command in "log add --minutes 5" log stats "log --last 3" "log --json" "log merge $scratch/fifo"; do
    current="legsup --log $path $command"
    # shellcheck disable=SC2086
    out=$(timeout 10 "$LEGSUP_BIN" --log "$path" $command 2>"$scratch/stderr" </dev/null)
    rc=$? err=$(<"$scratch/stderr")
    [[ $rc != 124 ]] && pass || fail "hung"
    check_rc 1
    check_one_error_line
    [[ $err == *"not a regular file"* ]] && pass || fail "no reason given"
  done
done

# A time far from UTC, at the edge of what the log holds: the end keeps the offset given, and
# what was written reads back. A second earlier, in UTC or on its own clock, is refused.
LEGSUP_LOG=$scratch/edge.jsonl run log add --minutes 5 --at 0001-01-01T23:59:00+23:59
check_rc 0
LEGSUP_LOG=$scratch/edge.jsonl run log --json
check_json /0/end 0001-01-02T00:04:00+23:59
check_no_out "-000"
for outside in 0001-01-01T23:58:59+23:59 0000-01-01T00:00:00+01:00 "0000-12-31 23:00"; do
  LEGSUP_LOG=$scratch/edge.jsonl run log add --minutes 5 --at "$outside"
  check_rc 2
  check_one_error_line
  check_err "the log holds times in the years 0001 to 9999 only"
done

# Every signal that would end the process ends the session instead: logged, exit 128 + N.
for signal in QUIT USR1 USR2 ALRM VTALRM PROF PWR XCPU RTMIN+3 SEGV ABRT TRAP; do
  rm -f "$scratch/out"
  "$LEGSUP_BIN" start --duration 30s --exact --settle 0 --sound none --yes >"$scratch/out" 2>&1 </dev/null &
  pid=$!
  for ((i = 0; i < 100; i++)); do grep -q "hold 0:30 left" "$scratch/out" 2>/dev/null && break; sleep 0.05; done
  count=$(records)
  kill -"$signal" "$pid"
  wait "$pid"
  rc=$? current="kill -$signal during a session"
  number=$(kill -l "$signal")
  check_rc $((128 + number))
  [[ $(records) == $((count + 1)) ]] && pass || fail "no record"
  [[ $(last_record | "$JSON_PROBE" /ended /signal) == $'signal\n'"$number" ]] && pass ||
    fail "record: $(last_record)"
done

# Bursts of stops and continues: the session never stays stopped, and its ending is logged.
for trial in 1 2 3 4 5; do
  count=$(records)
  "$LEGSUP_BIN" start --duration 4s --exact --settle 0 --sound none --plain --yes >/dev/null 2>&1 </dev/null &
  pid=$!
  sleep 0.3
  for ((i = 0; i < 200; i++)); do kill -TSTP "$pid" 2>/dev/null; kill -CONT "$pid" 2>/dev/null; done
  current="200 stops and continues, trial $trial"
  for ((i = 0; i < 150; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    fail "still there after 15 s (state $(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null))"
    kill -CONT "$pid" 2>/dev/null
    kill -KILL "$pid" 2>/dev/null
  else
    pass
  fi
  wait "$pid"
  rc=$?
  check_rc 0
  [[ $(records) == $((count + 1)) ]] && pass || fail "no record after the burst"
done

# A failed log add leaves no trace: no folder it made stays.
deep="stray/a/b/c/$(head -c 300 /dev/zero | tr '\0' x)"
(cd "$scratch" && "$LEGSUP_BIN" log add --minutes 5 --log "$deep" >/dev/null 2>"$scratch/stderr")
rc=$? current="log add to a name too long"
check_rc 1
[[ ! -e $scratch/stray ]] && pass || fail "left: $(cd "$scratch" && find stray | head -3)"
if [[ $(id -u) != 0 ]]; then  # root may make folders anywhere
  mkdir -p "$scratch/ro" && chmod 500 "$scratch/ro"
  run log add --minutes 5 --log "$scratch/ro/a/b.jsonl"
  check_rc 1
  [[ ! -e $scratch/ro/a ]] && pass || fail "a folder stayed"
fi

# A broken config: commands that read no setting still work, and say so in one line.
mkdir -p "$XDG_CONFIG_HOME/legsup"
printf '{"settle": "11m", "log": "a\\u0000b"}' >"$XDG_CONFIG_HOME/legsup/config.json"
for command in guide cautions help "completion bash" "--help"; do
  # shellcheck disable=SC2086
  run $command
  check_rc 0
  [[ $(grep -c . <<<"$err") == 1 && $err == "legsup: warning: the config file is ignored: "* ]] && pass ||
    fail "not one warning line"
done
run config
check_rc 1
check_one_error_line
check_err '"log": a file name with a NUL byte'
rm "$XDG_CONFIG_HOME/legsup/config.json"

# Paths that are not UTF-8 are shown escaped, never as exception text.
not_utf8=$scratch/caf$'\xe9'
for variable in HOME LEGSUP_LOG; do
  current="config --json with $variable holding \\xe9"
  out=$(env -u XDG_DATA_HOME -u LEGSUP_LOG "$variable=$not_utf8" "$LEGSUP_BIN" config --json 2>"$scratch/stderr")
  rc=$? err=$(<"$scratch/stderr")
  check_rc 0
  [[ $err != *exception* && $err != *"unexpected failure"* ]] && pass || fail "exception text"
  check_out 'caf\\xe9'
done
run --log "$scratch/caf"$'\xff' config --json
check_rc 0
check_out 'caf\\xff'

# A log that starts with a byte order mark loses nothing.
printf '\xef\xbb\xbf' >"$scratch/bom.jsonl"
LEGSUP_LOG=$scratch/x.jsonl "$LEGSUP_BIN" log add --minutes 7 >/dev/null
cat "$scratch/x.jsonl" >>"$scratch/bom.jsonl"
run --log "$scratch/bom.jsonl" stats --get sessions
[[ $out == 1 && -z $err ]] && pass || fail "a BOM lost the first record: $err"
run --log "$scratch/bom.jsonl" log --last 1 --json
check_json /0/held_seconds 420

# Memory that runs out: one line and exit 1, never an abort. (Not under the sanitizers, which
# need far more address space than these limits.)
if [[ -z ${LEGSUP_SANITIZED:-} ]]; then
  for limit in 8000 9000 10000 12000 16000; do
    for command in log stats "log --json" guide "start --duration 1s --exact --settle 0 --sound none --yes --no-log"; do
      current="ulimit -v $limit; legsup $command"
      # shellcheck disable=SC2086
      out=$(ulimit -v "$limit"; "$LEGSUP_BIN" $command 2>"$scratch/stderr" </dev/null)
      rc=$? err=$(<"$scratch/stderr")
      # The dynamic loader itself may fail first (exit 127): not legsup's to say.
      if ((rc == 0 || rc == 127)); then pass; else
        check_rc 1
        check_one_error_line
      fi
      [[ $err != *terminate* && $rc != 134 ]] && pass || fail "aborted"
    done
  done
fi

finish
