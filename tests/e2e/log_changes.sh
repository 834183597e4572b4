# The log that follows the sleeper: ids, corrections (edit, rm, undo, history), merging across
# machines, the iCalendar export read by a real iCalendar parser, nights and the streak minimum.
source "$(dirname "$0")/lib.sh"
require_programs log_changes python3

export LEGSUP_LOG=$scratch/sessions.jsonl
lines() { if [[ -f $LEGSUP_LOG ]]; then wc -l <"$LEGSUP_LOG"; else echo 0; fi; }
ical=/usr/bin/python3  # Debian's python3-icalendar, whatever python3 comes first on PATH

# log add prints the new id; log --ids shows it; a prefix names it.
run log add --minutes 10 --at "last night 22:15" --note "first"
check_rc 0
[[ $out =~ \(id\ ([0-9a-f]{12})\)\.$ ]] && pass || fail "no id in: $out"
first=${BASH_REMATCH[1]}
run log add --minutes 20 --at "last night 23:00" --note "second"
second=$(sed -E 's/.*\(id ([0-9a-f]{12})\)\./\1/' <<<"$out")
run log --ids
check_out "$first"
check_out "$second"
before=$(lines)

# edit: a correction line is appended, the log keeps its history; it says the correction's id
# and the way back, as rm does.
run log edit "${first:0:6}" --note "mistake"
check_rc 0
[[ $out =~ \(correction\ ([0-9a-f]{12})\)\.\ To\ take\ it\ back:\ legsup\ log\ rm\ ([0-9a-f]{12})$ &&
  ${BASH_REMATCH[1]} == "${BASH_REMATCH[2]}" ]] && pass || fail "no correction id and way back in: $out"
run log rm "${BASH_REMATCH[1]}"
check_rc 0
run log --json
check_json /0/note first
before=$(lines)
cp "$LEGSUP_LOG" "$scratch/before-edit"
run log edit "${first:0:6}" --note "first, corrected" --minutes 12
check_rc 0
check_out "Changed the session of"
[[ $(lines) == $((before + 1)) ]] && pass || fail "edit appended no line"
cmp -s "$scratch/before-edit" <(head -c "$(stat -c %s "$scratch/before-edit")" "$LEGSUP_LOG") && pass ||
  fail "edit changed what was already written"
run log --json
check_json /0/note "first, corrected"
check_json /0/held_seconds 720
run log --history "$first"
check_out "session $first"
check_out "correction"
check_out '"note":"first"'

# rm removes; removing the removal brings it back.
run log rm "$second"
check_rc 0
check_out "Removed the session of"
undo_id=$(sed -E 's/.*legsup log rm ([0-9a-f]+)$/\1/' <<<"$out")
run log --json
check_json /1 "(missing)"
run log rm "$undo_id"
check_rc 0
check_out "Took back the correction"
run log --json
check_json /1/note second
run log rm "$second"
run log rm "$second"
check_rc 2
check_one_error_line
check_err "is removed already"
# The removal taken back just now cannot be taken back again: that would change nothing.
run log rm "$undo_id"
check_rc 2
check_one_error_line
check_err "the correction $undo_id is taken back already"

# edit and rm decide under the log's lock: another process that removes the session while they
# wait for the lock is seen, and nothing is written over it. The test holds the lock, waits until
# legsup is blocked on it, removes the session as another machine's merge would, then lets go.
run log add --minutes 4 --note "raced"
raced=$(last_field /id)
for command in "rm $raced" "edit $raced --note late"; do
  exec {lock}>>"$LEGSUP_LOG"
  flock -x "$lock"
  # legsup without the test's descriptor, which holds the lock: it opens the log itself.
  # shellcheck disable=SC2086 # the command's words
  (
    exec {lock}>&-
    exec "$LEGSUP_BIN" log $command >"$scratch/raced-out" 2>"$scratch/raced-err" </dev/null
  ) &
  pid=$!
  inode=$(stat -c %i "$LEGSUP_LOG")
  for ((i = 0; i < 400; i++)); do
    grep -q -- "-> FLOCK .* $pid [0-9a-f:]*:$inode " /proc/locks && break
    sleep 0.05
  done
  current="legsup log $command, racing a removal"
  grep -q -- "-> FLOCK .* $pid [0-9a-f:]*:$inode " /proc/locks && pass || fail "legsup never waited for the lock"
  if [[ $command == rm* ]]; then
    printf '{"id":"%s","version":1,"corrects":"%s","at":"%s","remove":true}\n' \
      "$(printf '%032x' $RANDOM)" "$raced" "$(date +%Y-%m-%dT%H:%M:%S%:z)" >&"$lock"
  fi
  exec {lock}>&-
  wait "$pid"
  rc=$? out=$(<"$scratch/raced-out") err=$(<"$scratch/raced-err")
  check_rc 2
  check_one_error_line
  [[ $(grep -c "\"corrects\":\"$raced\"" "$LEGSUP_LOG") == 1 ]] && pass || fail "a correction written over the removal"
done
check_err "is not a session in effect"

# undo takes back the last change, whatever it was, and says what: a session added, an edit, a
# removal (by rm, or by the undo before it).
run log add --minutes 3 --note "by mistake"
run log undo
check_rc 0
check_out "Took back the session of"
check_out "(3m, id"
check_out "To bring it back: legsup log rm"
run log --json
check_no_out "by mistake"
run log edit "$first" --note "edited by mistake"
run log undo
check_rc 0
check_out "Took back the edit"
check_out "(note) of the session of"
check_out "To make it again: legsup log rm"
run log --json
check_json /0/note "first, corrected"
run log rm "$first"
run log undo
check_rc 0
check_out "Took back the removal of the session of"
check_out "which is in effect again. To remove it again: legsup log rm"
run log --json
check_json /0/note "first, corrected"
run log undo  # the undo before it: the session is removed again
check_rc 0
check_out "Took back the removal of the correction"
run log --json
check_no_out "first, corrected"
run log undo
run log --json
check_json /0/note "first, corrected"
empty=$scratch/empty.jsonl
LEGSUP_LOG=$empty run log undo
check_rc 1
check_one_error_line
check_err "nothing to take back"
run log edit ffffffff --note x
check_rc 2
check_err "no session or correction has the id ffffffff"

# stats reads the corrections too: one session left (first), 12 minutes.
run stats --get sessions
[[ $out == 1 ]] && pass || fail "sessions: $out"
run stats --get total-minutes
[[ $out == 12.0 ]] && pass || fail "total-minutes: $out"
run stats --get streaks
check_rc 2
check_err "unknown figure \"streaks\" (figures: today, sessions"

# Merge: two machines, a conflict copy with a broken line; twice adds nothing; both ways meet.
other=$scratch/other.jsonl
LEGSUP_LOG=$other "$LEGSUP_BIN" log add --minutes 7 --at "yesterday 21:00" --note "on the laptop" >/dev/null
cp "$LEGSUP_LOG" "$scratch/copy.jsonl"
printf 'half a li' >>"$other"
run log merge "$other"
check_rc 0
check_out "$other: 1 added, 0 already in the log, 1 line skipped"
check_err "warning: $other: line 2: skipped"
run log merge "$other"
check_out "0 added, 1 already in the log"
LEGSUP_LOG=$other run log merge "$LEGSUP_LOG"
check_rc 0
ids_of() { LEGSUP_LOG=$1 "$LEGSUP_BIN" log --json 2>/dev/null | "$JSON_PROBE" /0/id /1/id /2/id | sort; }
[[ $(ids_of "$LEGSUP_LOG") == "$(ids_of "$other")" ]] && pass || fail "the two logs differ after merging both ways"

# A log read by legsup 0.1 (no corrections): a correction line is a line it skips, with a
# warning. Here: the same strict record reader, line by line, says "not a record" for exactly
# the correction lines.
corrections=$(grep -c '"corrects"' "$LEGSUP_LOG")
((corrections >= 3)) && pass || fail "only $corrections correction lines"
! grep '"corrects"' "$LEGSUP_LOG" | grep -q '"start"' && pass || fail "a correction line has a start"

# iCalendar, read by a real parser: one event a session, UIDs from ids, UTC times, text intact.
run log add --minutes 15 --at "yesterday 22:00" --variant bed --note 'comma, semicolon; backslash \ and a very long note that goes on and on past seventy-five octets, é à ü'
run log --ics
check_rc 0
printf '%s' "$out" >"$scratch/sessions.ics"
[[ $(head -c 200 "$scratch/sessions.ics" | od -c | grep -c '\\r') -gt 0 ]] && pass || fail "no CRLF"
current="python3-icalendar reads the export"
verdict=$("$ical" - "$scratch/sessions.ics" <<'PY' 2>&1
import sys
from icalendar import Calendar
calendar = Calendar.from_ical(open(sys.argv[1], "rb").read())
events = [c for c in calendar.walk() if c.name == "VEVENT"]
for event in events:
    assert str(event["UID"]).endswith("@legsup"), event["UID"]
    assert event.decoded("DTSTART").tzinfo is not None and event.decoded("DTSTART").utcoffset().total_seconds() == 0
    assert event.decoded("DURATION").total_seconds() > 0, event["DURATION"]
notes = [str(e["DESCRIPTION"]) for e in events]
summaries = [str(e["SUMMARY"]) for e in events]
assert any("comma, semicolon; backslash \\ and a very long note" in n and n.endswith("é à ü") for n in notes), notes
assert "Legs Up the Wall, 15 min (in bed)" in summaries, summaries
for line in open(sys.argv[1], "rb").read().split(b"\r\n"):
    assert len(line) <= 75, line
print(len(events))
PY
)
[[ $verdict == 3 ]] && pass || fail "iCalendar: $verdict"  # first, the laptop's, the long note

# A year a calendar cannot hold (the year 0 on its own clock and -1 in UTC), in a line an older
# legsup wrote: every reader skips it with a warning, so the export holds only valid dates and
# the parser still reads every other event. Wherever a time comes in, such a time is refused.
year_zero=$(head -1 "$LEGSUP_LOG" | sed -E 's/"id":"[0-9a-f]+"/"id":"0000000000000000000000000000abcd"/;
  s/"start":"[^"]*"/"start":"0000-01-01T00:00:00+01:00"/; s/"end":"[^"]*"/"end":"0000-01-01T00:10:00+01:00"/')
printf '%s\n' "$year_zero" >>"$LEGSUP_LOG"
printf '%s\n' "$year_zero" >"$scratch/year-zero.jsonl"
run log --ics
check_rc 0
check_err "line $(lines): skipped, not a valid record (\"start\" is not an RFC 3339 time in the years 0001 to 9999)"
printf '%s' "$out" >"$scratch/sessions.ics"
! grep -Ev '^(DTSTART|DTSTAMP):[0-9]{8}T[0-9]{6}Z'$'\r''$' "$scratch/sessions.ics" | grep -q '^DT' &&
  pass || fail "a date that is not 8 digits, T, 6 digits, Z: $(grep '^DT' "$scratch/sessions.ics" | head -3)"
[[ $("$ical" - "$scratch/sessions.ics" <<<"$(sed -n '/^verdict=/,/^PY$/p' "$0" | sed '1d;$d')" 2>&1) == 3 ]] &&
  pass || fail "the iCalendar parser does not read the 3 events"
run stats --get sessions
check_err "skipped, not a valid record"
run log edit "$first" --at 0000-01-01T00:00:00+01:00
check_rc 2
check_err "invalid time \"0000-01-01T00:00:00+01:00\": the log holds times in the years 0001 to 9999 only"
run log merge "$scratch/year-zero.jsonl"
check_rc 0
check_out "0 added, 0 already in the log, 1 line skipped"
check_err "year-zero.jsonl: line 1: skipped, not a valid record (\"start\" is not an RFC 3339 time in the years 0001 to 9999)"
run log --ics --last 1
[[ $(grep -c "BEGIN:VEVENT" <<<"$out") == 1 ]] && pass || fail "--ics --last 1"
# Every session here was on a night before today's date (after midnight, "today" would name the
# current night, which may hold the one of yesterday 22:00: the date is given instead).
run log --ics --since "$(date +%F)"
[[ $(grep -c "BEGIN:VEVENT" <<<"$out") == 0 ]] && pass || fail "--ics --since $(date +%F)"

# The night: a session at 00:30 belongs to the evening before (day-starts-at 04:00), and a night
# counts only when a session held the streak minimum.
export LEGSUP_LOG=$scratch/nights.jsonl
for night in 10 11 12 13; do
  "$LEGSUP_BIN" log add --minutes 10 --at "2026-11-$((night + 1)) 00:30" >/dev/null
done
"$LEGSUP_BIN" log add --duration 20s --at "2026-11-15 22:00" >/dev/null
run stats --json --since 2026-11-01
check_json /longest_streak_days 4
check_json /sessions 5
run log --csv --since 2026-11-10 --until 2026-11-10
[[ $(grep -c '2026-11-11T00:30' <<<"$out") == 1 ]] && pass || fail "--since/--until a night: $out"
mkdir -p "$XDG_CONFIG_HOME/legsup"
printf '{"day-starts-at": "00:00", "streak-minimum": "10s"}' >"$XDG_CONFIG_HOME/legsup/config.json"
run stats --json --since 2026-11-01
check_json /longest_streak_days 5  # the 11th to the 15th, by the calendar: 20 s is enough now
run log --since 2026-11-10 --until 2026-11-10
check_err "no sessions"
printf '{"day-starts-at": "4am"}' >"$XDG_CONFIG_HOME/legsup/config.json"
run stats
check_rc 1
check_err '"day-starts-at": invalid time of day "4am"'


# A session may not end after now: log add --at now, or a recent session made longer by log edit,
# are refused in one line naming the end it would have; the log is unchanged.
current="a session that would end after now"
rm "$XDG_CONFIG_HOME/legsup/config.json"
unchanged=$(cksum <"$LEGSUP_LOG")
run log add --at now --minutes 10
check_rc 2
check_one_error_line
check_err '--at "now": the session would end at '
check_err "start it at "
run log add --duration 20m
recent=$(sed -E 's/.*\(id ([0-9a-f]{12})\)\./\1/' <<<"$out")
unchanged=$(cksum <"$LEGSUP_LOG")
run log edit "$recent" --duration 3h
check_rc 2
check_one_error_line
check_err "the session would end at "
# (A second or more may pass between the add and the edit on a loaded machine: 20m, or 20m and
# those seconds.)
[[ $err =~ "or at most 20m"([0-9]+s)?" from its start" ]] && pass || fail "stderr: $err"
[[ $(cksum <"$LEGSUP_LOG") == "$unchanged" ]] && pass || fail "the log changed"


# A correction merged from a clock far ahead, dated the last second the log holds: no edit can
# come after it, and the message names it and the way to take it back; taken back, edits go on.
current="an edit after the last second the log holds"
run log add --minutes 10 --at "yesterday 22:00"
late_session=$(sed -E 's/.*\(id ([0-9a-f]{12})\)\./\1/' <<<"$out")
full=$(grep -o "\"id\":\"$late_session[0-9a-f]*\"" "$LEGSUP_LOG" | cut -d'"' -f4)
printf '{"id":"%s","version":1,"corrects":"%s","at":"9999-12-31T23:59:59+00:00","set":{"note":"from the future"}}\n' \
  "ffffeeeeddddccccbbbbaaaa99998888" "$full" >>"$LEGSUP_LOG"
unchanged=$(cksum <"$LEGSUP_LOG")
run log edit "$late_session" --note "now"
check_rc 1
check_one_error_line
check_err "the session's last edit, correction ffffeeeedddd, is dated 9999-12-31T23:59:59"
check_err "take it back first (legsup log rm ffffeeeedddd)"
[[ $(cksum <"$LEGSUP_LOG") == "$unchanged" ]] && pass || fail "the log changed"
run log rm ffffeeeedddd
check_rc 0
run log edit "$late_session" --note "now"
check_rc 0

finish
