# The iCalendar export imported by two calendars nobody here wrote, calcurse and khal: every
# session arrives, those under a minute (calcurse reads an end only to the minute, and refused
# them), one without any length, one over midnight, with notes holding commas, semicolons,
# quotes, line breaks and UTF-8; calcurse reports nothing skipped and exits 0.
source "$(dirname "$0")/lib.sh"

require_programs calendars calcurse khal

# The calendars show local times: UTC here, so that they are the times typed.
export TZ=UTC TMPDIR=$scratch/tmp LEGSUP_LOG=$scratch/sessions.jsonl
mkdir -p "$TMPDIR"
add() { "$LEGSUP_BIN" log add "$@" >/dev/null || fail "log add $*"; }
add --minutes 10 --at "2026-11-10 22:00" --note 'legs tired…, "hotel" wall; slept'
add --duration 20s --at "2026-11-11 00:40" --note $'a; b, c\nsecond line'
add --duration 59s --at "2026-11-11 22:00:30" --note 'café — “curly” ‘quotes’, ünï'
add --duration 1s --at "2026-11-12 21:00" --note 'one second'
add --minutes 10 --at "2026-11-12 23:55" --note $'over midnight\r\nCR LF, and a backslash \\ too'
add --duration 1m30s --at "2026-11-13 22:00:45" --variant bed --before stress=6 --after stress=3
# A session without any length, as a timer stopped within its first second writes it.
printf '%s\n' '{"id":"0123456789abcdef0123456789abcdef","version":1,"start":"2026-11-14T22:00:00+00:00","end":"2026-11-14T22:00:00+00:00","held_seconds":0,"planned_seconds":600,"ended":"ended-early","origin":"timer","note":"no time at all"}' >>"$LEGSUP_LOG"
sessions=7
# The start of each, and the notes as a calendar shows them.
starts="2026-11-10 22:00
2026-11-11 00:40
2026-11-11 22:00
2026-11-12 21:00
2026-11-12 23:55
2026-11-13 22:00
2026-11-14 22:00"
notes=('legs tired…, "hotel" wall; slept' $'a; b, c\nsecond line' 'café — “curly” ‘quotes’, ünï'
  'one second' $'over midnight\nCR LF, and a backslash \\ too' 'After: stress 3.' 'no time at all')
run log --ics
check_rc 0
printf '%s' "$out" >"$scratch/sessions.ics"

# calcurse: every event imported, none skipped, exit 0.
current="calcurse -i"
calcurse -D "$scratch/calcurse" -i "$scratch/sessions.ics" >"$scratch/calcurse-out" 2>&1
rc=$?
out=$(<"$scratch/calcurse-out")
check_rc 0
check_out "$sessions apps / 0 events / 0 todos / 0 skipped"
got=$(sed -E 's|^([0-9]{2})/([0-9]{2})/([0-9]{4}) @ ([0-9:]{5}) .*|\3-\1-\2 \4|' "$scratch/calcurse/apts" | sort)
[[ $got == "$starts" ]] && pass || fail "calcurse holds: $got"
# The end it shows for the session over midnight, and the one without length: an instant.
grep -q '^11/12/2026 @ 23:55 -> 11/13/2026 @ 00:05>' "$scratch/calcurse/apts" && pass ||
  fail "the session over midnight: $(grep 23:55 "$scratch/calcurse/apts")"
grep -q '^11/14/2026 @ 22:00 -> 11/14/2026 @ 22:00>' "$scratch/calcurse/apts" && pass ||
  fail "the session without length: $(grep 11/14 "$scratch/calcurse/apts")"
calcurse_notes=$(cat "$scratch/calcurse/notes/"*)
for note in "${notes[@]}"; do
  [[ $calcurse_notes == *"$note"* ]] && pass || fail "calcurse lacks the note: $note"
done

# khal: every event imported into a calendar of its own, each shown with its times and notes.
current="khal import"
mkdir -p "$scratch/khal/calendar"
cat >"$scratch/khal/config" <<CONFIG
[calendars]
[[legsup]]
path = $scratch/khal/calendar
[locale]
timeformat = %H:%M:%S
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M:%S
longdatetimeformat = %Y-%m-%d %H:%M:%S
default_timezone = UTC
local_timezone = UTC
CONFIG
khal -c "$scratch/khal/config" import --batch -a legsup "$scratch/sessions.ics" >"$scratch/khal-out" 2>&1
rc=$?
out=$(<"$scratch/khal-out")
check_rc 0
[[ $(find "$scratch/khal/calendar" -name '*.ics' | wc -l) == "$sessions" ]] && pass ||
  fail "khal holds $(find "$scratch/khal/calendar" -name '*.ics' | wc -l) events"
khal -c "$scratch/khal/config" list --format '{start}|{end}|{title}' --day-format '' \
  2026-11-01 60d 2>/dev/null | sort -u >"$scratch/khal-list"
got=$(cut -c1-16 "$scratch/khal-list")
[[ $got == "$starts" ]] && pass || fail "khal shows: $got"
# Under a minute, to the second; over midnight.
for shown in "2026-11-11 00:40:00|2026-11-11 00:40:20|Legs Up the Wall, 20 s" \
  "2026-11-11 22:00:30|2026-11-11 22:01:29|Legs Up the Wall, 59 s" \
  "2026-11-12 21:00:00|2026-11-12 21:00:01|Legs Up the Wall, 1 s" \
  "2026-11-12 23:55:00|2026-11-13 00:05:00|Legs Up the Wall, 10 min"; do
  grep -qxF "$shown" "$scratch/khal-list" && pass || fail "khal lacks: $shown"
done
khal_notes=$(khal -c "$scratch/khal/config" list --format '{description}' --day-format '' 2026-11-01 60d 2>/dev/null)
for note in "${notes[@]}"; do
  [[ $khal_notes == *"$note"* ]] && pass || fail "khal lacks the note: $note"
done

finish
