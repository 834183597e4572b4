# Output that cannot be written is one line naming it and exit 1, for every command that writes
# (a full device, a full disk); a reader that goes away is a quiet end. With standard descriptors
# closed, nothing of legsup's own lands in a file it opened, and the session is still logged.
source "$(dirname "$0")/lib.sh"
require_programs output python3

export LEGSUP_LOG=$scratch/sessions.jsonl
"$LEGSUP_BIN" log add --minutes 5 --note "$(printf 'note %.0s' {1..40})" >/dev/null
line=$(last_record)
id=$(last_field /id)
# Two thousand sessions: every export is far larger than a pipe's buffer and a small disk.
awk -v line="$line" -v id="$id" \
  'BEGIN { for (i = 1; i <= 2000; i++) { l = line; sub(id, sprintf("%032x", i), l); print l } }' \
  >>"$LEGSUP_LOG"

# Every command that writes output, to a device that is always full.
for command in "log" "log --json" "log --csv" "log --ics" "log --history $id" "stats" \
  "stats --json" "stats --get sessions" "guide" "guide all --json" "config" "config --json" \
  "cautions" "help start" "--help" "--version" "completion bash" "complete -- 1 legsup" \
  "log add --minutes 5" "start --duration 1s --exact --settle 0 --sound none --yes"; do
  current="legsup $command >/dev/full"
  count=$(records)
  # shellcheck disable=SC2086
  err=$("$LEGSUP_BIN" $command 2>&1 >/dev/full </dev/null)
  rc=$? out=""
  check_rc 1
  check_one_error_line
  [[ $err == "legsup: cannot write to standard output: No space left on device" ]] && pass ||
    fail "not named"
  # What was asked is done all the same: only its words were lost.
  if [[ $command == "log add"* || $command == start* ]]; then
    [[ $(records) == $((count + 1)) ]] && pass || fail "not logged"
  fi
done

# A reader that goes away: a quiet end, as SIGPIPE makes it (128 + 13), even where the caller
# ignores SIGPIPE; a session goes on to its end and is logged.
for ignore in "" "--ignore-signal=PIPE"; do
  current="legsup log --json | head -c 10, env $ignore"
  # shellcheck disable=SC2086
  status=$(env $ignore "$LEGSUP_BIN" log --json 2>"$scratch/stderr" | head -c 10 >/dev/null
    echo "${PIPESTATUS[0]}")
  rc=$status err=$(<"$scratch/stderr") out=""
  check_rc 141
  [[ -z $err ]] && pass || fail "not quiet"
done
count=$(records)
status=$("$LEGSUP_BIN" start --duration 1s --exact --settle 0 --sound none --yes 2>"$scratch/stderr" </dev/null |
  head -c 10 >/dev/null
  echo "${PIPESTATUS[0]}")
rc=$status err=$(<"$scratch/stderr") current="legsup start | head -c 10"
check_rc 0
[[ -z $err ]] && pass || fail "not quiet"
[[ $(records) == $((count + 1)) ]] && pass || fail "not logged"

# A disk that fills up midway: the export is cut, and says so (exit 1), where a small tmpfs can
# be mounted.
if unshare --mount true 2>/dev/null; then
  mkdir -p "$scratch/small"
  unshare --mount bash -c '
    dir=$1 bin=$2 result=$3
    mount -t tmpfs -o size=64k legsup-small "$dir" || exit 3
    for format in --ics --csv --json; do
      "$bin" log $format >"$dir/export" 2>"$result.error"
      echo "$format $? $(cat "$result.error")" >>"$result"
      rm -f "$dir/export"
    done
  ' _ "$scratch/small" "$LEGSUP_BIN" "$scratch/small.result" 2>/dev/null
  if [[ -s $scratch/small.result ]]; then
    while read -r format status message; do
      current="legsup log $format to a full tmpfs"
      rc=$status err=$message out=""
      check_rc 1
      [[ $err == "legsup: cannot write to standard output: No space left on device" ]] && pass ||
        fail "not named"
    done <"$scratch/small.result"
  else
    echo "a tmpfs could not be mounted here; a full disk is covered by /dev/full" >&2
  fi
fi

# Closed standard descriptors, each alone and all together: the session is logged, and nothing
# of legsup's own (its output, its warnings) lands in the log it opened.
lines_not_records() { grep -vc '^{"id":"' "$LEGSUP_LOG"; }
for closed in "<&-" ">&-" "2>&-" "<&- >&- 2>&-"; do
  current="legsup start $closed"
  count=$(records)
  # Without --yes, a warning points to the cautions.
  eval '"$LEGSUP_BIN" start --duration 1s --exact --settle 0 --sound none </dev/null >"$scratch/out" 2>"$scratch/stderr"' "$closed"
  rc=$? out=$(<"$scratch/out") err=$(<"$scratch/stderr")
  check_rc 0
  [[ $(records) == $((count + 1)) ]] && pass || fail "not logged"
  [[ $(lines_not_records) == 0 ]] && pass || fail "the log holds: $(grep -v '^{"id":"' "$LEGSUP_LOG" | head -3)"
done
# A log that warns while it is open for writing (a line that is not a record).
printf 'not a record\n' >>"$LEGSUP_LOG"
for closed in "2>&-" ">&- 2>&-"; do
  current="legsup log undo $closed"
  eval '"$LEGSUP_BIN" log undo </dev/null >"$scratch/out" 2>"$scratch/stderr"' "$closed"
  rc=$?
  check_rc 0
  [[ $(lines_not_records) == 1 ]] && pass || fail "the log holds: $(grep -v '^{"id":"' "$LEGSUP_LOG" | head -3)"
done

# Standard output a pipe that is full and not read (a reader that stopped; a terminal stopped by
# Ctrl-S is the same): the session goes on, its stream fed to the end and logged, while nothing of
# its lines is taken; once the reader reads, every line reaches it, in order, and legsup ends 0.
# Waiting for that reader at its end, legsup still ends at SIGTERM at once, exit 128 + 15 (its
# record already written).
# Before: legsup waited on its first line, deaf to SIGTERM, and never played nor logged.
full_pipe() {  # full_pipe LOG MODE: "drain" or "term"; prints what it saw, one word a line
  /usr/bin/python3 - "$LEGSUP_BIN" "$1" "$2" "$scratch/full.fifo" <<'PY'
import fcntl, os, signal, subprocess, sys, time
legsup, log, mode, fifo = sys.argv[1:5]
os.mkfifo(fifo)
# The reading end is this script's alone: if it goes, legsup's writes fail (EPIPE) and it ends.
fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
writer = os.open(fifo, os.O_WRONLY)
flags = fcntl.fcntl(writer, fcntl.F_GETFL)
fcntl.fcntl(writer, fcntl.F_SETFL, flags | os.O_NONBLOCK)
filled = 0
try:
    while True:
        filled += os.write(writer, b"f" * 4096)
except BlockingIOError:
    pass
fcntl.fcntl(writer, fcntl.F_SETFL, flags)
session = subprocess.Popen([legsup, "start", "--duration", "3s", "--exact", "--settle", "0",
                            "--sound", "none", "--yes", "--log", log],
                           stdout=writer, stdin=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
os.close(writer)
flags = fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK
give_up = time.monotonic() + 60
while time.monotonic() < give_up and session.poll() is None:
    if os.path.exists(log) and os.path.getsize(log) > 0:
        break
    time.sleep(0.05)
print("logged" if os.path.exists(log) and os.path.getsize(log) > 0 else "not-logged")
print("waiting" if session.poll() is None else "ended-early")
if mode == "term":
    session.send_signal(signal.SIGTERM)
    try:
        session.wait(30)
        print(f"ended-{session.returncode}")
    except subprocess.TimeoutExpired:
        print("deaf-to-term")
        session.kill()
        session.wait()
    sys.exit(0)
# The reader reads: the filler, then every line of the session, whole.
got = b""
fcntl.fcntl(fd, fcntl.F_SETFL, flags | os.O_NONBLOCK)
while time.monotonic() < give_up:
    try:
        chunk = os.read(fd, 65536)
        if not chunk:  # every writer gone: legsup has ended
            break
        got += chunk
    except BlockingIOError:
        if session.poll() is not None:
            break
        time.sleep(0.05)
text = got[filled:].decode(errors="replace")
print("filler-first" if got[:filled] == b"f" * filled else "filler-broken")
print("header-then-logged" if text.startswith("Legs Up the Wall") and "Logged to" in text.splitlines()[-1] else "lines:" + repr(text[-200:]))
print(f"exit-{session.wait(30)}")
PY
}
current="legsup start, its standard output a full pipe that is read after the session"
got=$(full_pipe "$scratch/full1.jsonl" drain 2>&1 | tr '\n' ' ')
[[ $got == "logged waiting filler-first header-then-logged exit-0 " ]] && pass || fail "$got"
[[ $(wc -l <"$scratch/full1.jsonl") == 1 ]] && pass || fail "$(wc -l <"$scratch/full1.jsonl") records"
rm -f "$scratch/full.fifo"
current="legsup start, its standard output a full pipe never read, then SIGTERM"
got=$(full_pipe "$scratch/full2.jsonl" term 2>&1 | tr '\n' ' ')
[[ $got == "logged waiting ended-143 " ]] && pass || fail "$got (expected exit 128 + 15)"
[[ $(wc -l <"$scratch/full2.jsonl") == 1 ]] && pass || fail "$(wc -l <"$scratch/full2.jsonl") records"

finish
