# legsup log and log add: recording by hand, listing, JSON and CSV, bad input refused.
source "$(dirname "$0")/lib.sh"
require_programs log python3

export LEGSUP_LOG=$scratch/logs/sessions.jsonl
lines() { if [[ -f $LEGSUP_LOG ]]; then wc -l <"$LEGSUP_LOG"; else echo 0; fi; }

run log
check_rc 0
check_err "no sessions in"

# Yesterday as it was when the session was added (checked after midnight, it would be another day).
added_yesterday=$(date -d yesterday +%F)
run log add --minutes 10 --at "yesterday 22:15" --variant bed --before stress=6,legs=4 \
  --after stress=3,legs=2 --note "slept well"
check_rc 0
check_out "Logged 10m on"
run log add --duration 1m30s --breath 4-0-6 --note $'evil \e]0;owned\a and \e[2J'
check_rc 0
run log add --minutes 2.5 --at 2026-01-31T21:00:00+01:00 --breath box
check_rc 0
[[ $(lines) == 3 ]] && pass || fail "expected 3 lines in the log"
[[ $(stat -c %a "$LEGSUP_LOG") == 600 && $(stat -c %a "$scratch/logs") == 700 ]] && pass ||
  fail "log modes"

run log
check_rc 0
check_no_escapes
check_out "night       start  held   planned  ended"
check_out "22:15  10m"
check_out "stress 6→3"
check_out "slept well"
check_out '\x1b]0;owned\x07 and \x1b[2J'
# Newest last: the session of January comes first although it was logged last.
first=$(printf '%s\n' "$out" | sed -n 2p)
[[ $first == 2026-01-31* ]] && pass || fail "oldest first: $first"

run log --last 1
check_rc 0
[[ $(printf '%s\n' "$out" | wc -l) == 2 ]] && pass || fail "--last 1 shows one row"

run log --since 2026-01-31 --until 2026-01-31
check_out "2026-01-31"
check_no_out "slept well"

run log --json
check_rc 0
check_json /2/note $'evil \e]0;owned\a and \e[2J'
check_json /0/held_seconds 150
check_json /1/before/stress 6
check_json /1/origin manual
check_json /1/start "${added_yesterday}T22:15:00$(date -d "$added_yesterday 22:15" +%:z)"

run log --csv
check_rc 0
header=$(printf '%s' "$out" | head -1 | tr -d '\r')
# One column a field, and one a rating scale before and after (the content's: stress, legs, sleepy).
for column in id night start end held_seconds planned_seconds ended signal origin settle_seconds variant \
  breath before_stress before_legs before_sleepy after_stress after_legs after_sleepy note; do
  [[ ,$header, == *,\"$column\",* ]] && pass || fail "CSV header lacks $column: $header"
done
# The session of yesterday evening: stress 6 then 3, legs 4 then 2, by column name.
csv_cell() {  # csv_cell ROW COLUMN: one cell of a CSV whose quoted fields hold no comma
  awk -F, -v row="$1" -v column="$2" '{ gsub(/"/, "") }
    NR == 1 { for (i = 1; i <= NF; i++) if ($i == column) c = i }
    NR == row + 1 { print $c }' <<<"$(printf '%s' "$out" | tr -d '\r')"
}
[[ $(csv_cell 2 before_stress)/$(csv_cell 2 after_stress)/$(csv_cell 2 before_legs)/$(csv_cell 2 after_legs) == 6/3/4/2 ]] &&
  pass || fail "rating columns of row 2"
[[ $(csv_cell 2 origin) == manual && $(csv_cell 2 ended) == completed ]] && pass || fail "origin and ended"

# Unknown fields from a newer legsup are kept in --json.
printf '%s\n' '{"version":2,"start":"2026-02-01T21:00:00Z","end":"2026-02-01T21:10:00Z","held_seconds":600,"ended":"completed","mood":"sunny"}' >>"$LEGSUP_LOG"
run log --json --since 2026-02-01 --until 2026-02-01
check_json /0/mood sunny
check_json /0/version 2

# A corrupt line is skipped with a warning naming the file and line, and left in place.
printf 'not json\n' >>"$LEGSUP_LOG"
cp "$LEGSUP_LOG" "$scratch/before"
run log
check_rc 0
check_err "warning: $LEGSUP_LOG: line 5: skipped, not a valid record"
cmp -s "$LEGSUP_LOG" "$scratch/before" && pass || fail "the log changed on reading"

# Bad input: exit 2, one line, nothing written.
count=$(lines)
bad() {
  run log add "$@"
  check_rc 2
  check_one_error_line
  [[ $(lines) == "$count" ]] && pass || fail "something was written"
}
bad
bad --minutes 0
bad --minutes -5
bad --minutes nan
bad --minutes 181
bad --duration 10
bad --duration 3h1s
bad --minutes 10 --duration 10m
bad --minutes 10 --at "25:00"
bad --minutes 10 --at "2999-01-01 10:00"
bad --minutes 10 --at tomorrow
bad --minutes 10 --variant headstand
bad --minutes 10 --breath 0-0-6
bad --minutes 10 --breath 4-0-31
bad --minutes 10 --before stress=11
bad --minutes 10 --before mood=3
bad --minutes 10 --after stress=3,stress=4
bad --minutes 10 --note $'\xff\xfe'
run log add --minutes 10 --variant headstand
check_err "--variant: unknown variation \"headstand\" (variations: wall, bed"
run log add --minutes 10 --at "2999-01-01 10:00"
check_err "in the future"

run log --last 0
check_rc 2
run log --since yesterday --until 2020-01-01
check_rc 2
check_one_error_line
run log --json --csv
check_rc 2

# Times as people type them. A time of day is the last time the clock showed it (at 15:54,
# 10pm is yesterday's: it was refused as in the future); the date that is, asked before and after.
last_ten_pm() { if (($(date +%-H) >= 22)); then date +%F; else date -d yesterday +%F; fi; }
day=$(last_ten_pm)
run log add --minutes 5 --at 10pm
check_rc 0
[[ $day != "$(last_ten_pm)" || $(last_field /start) == "${day}T22:00:00"* ]] && pass ||
  fail "10pm is not the last 22:00 ($day): $(last_field /start)"
# Dates as date -d reads them, without zero padding or by the month's name.
for typed in "2026-11-1 22:30" "Nov 1, 2026 10:30pm" "1 Nov 2026 22:30" "2026/11/01T22:30"; do
  run log add --minutes 5 --at "$typed"
  check_rc 0
  [[ $(last_field /start) == "2026-11-01T22:30:00$(date -d '2026-11-01 22:30' +%:z)" ]] && pass ||
    fail "$typed: $(last_field /start)"
done
run log --since 2026-11-1 --until "Nov 1, 2026" --json
check_json /3/start "2026-11-01T22:30:00$(date -d '2026-11-01 22:30' +%:z)"
check_json /4 "(missing)"
# Slashes with the month or the day first are refused, and what no form reads: one line that
# says what would be valid, nothing written.
count=$(lines)
for refused in "11/1/2026 22:30|give the year first (2026/11/01, 2026-11-1) or the month's name" \
  "first of november|expected now; 22:15, 10pm or 10:30pm (the last time the clock showed it);"; do
  run log add --minutes 5 --at "${refused%%|*}"
  check_rc 2
  check_one_error_line
  check_err "${refused#*|}"
done
[[ $(lines) == "$count" ]] && pass || fail "something was written"

# A log path that is a folder, or under a file: exit 1, a clear line.
run log add --minutes 5 --log "$scratch"
check_rc 1
check_one_error_line
check_err "it is a folder, not a regular file"
run log add --minutes 5 --log "$LEGSUP_LOG/inside.jsonl"
check_rc 1
check_one_error_line
run log add --minutes 5 --log /dev/full
check_rc 1
check_one_error_line
check_err "it is a character device, not a regular file"


# A zone whose offset RFC 3339 cannot write (POSIX TZ rules allow up to 24:59; RFC 3339 and
# every reader, 23:59): the session is logged at its instant in UTC, and read back, not written
# with an offset every reader then refuses.
export LEGSUP_LOG=$scratch/offsets.jsonl
for zone in XYZ-24:59 XYZ+24 "<+2430>-24:30"; do
  current="log add under TZ=$zone"
  TZ=$zone run log add --minutes 1 --at "2026-11-20 22:00"
  check_rc 0
done
current="the sessions logged under those zones"
run log --json
check_rc 0
[[ -z $err ]] && pass || fail "a record was refused: $err"
[[ $(grep -c '"held_seconds"' <<<"$out") == 3 ]] && pass || fail "not 3 sessions: $out"
check_no_out '+24:'
check_no_out '-24:'

finish
