# legsup stats: figures from a known log, JSON, and plain output without a terminal.
source "$(dirname "$0")/lib.sh"
require_programs stats python3 /usr/share/zoneinfo/Europe/Berlin

export LEGSUP_LOG=$scratch/sessions.jsonl
run stats --json
check_rc 0
check_json /sessions 0
check_json /current_streak_days 0

# Nights, not dates: a session before 04:00 (day-starts-at) counts for the evening before, so the
# current night is the date four hours ago. Sessions on the three nights before it and on the
# fifth: a streak of three, which tonight (without a session yet) does not break.
night=$(date -d '4 hours ago' +%F)
nights_before() { date -d "$night $1 days ago" +%F; }
for days_ago in 1 2 3 5; do
  run log add --minutes 10 --at "$(nights_before "$days_ago") 22:00" --before stress=6 --after stress=2
  check_rc 0
done
run stats --json
check_rc 0
check_json /sessions 4
check_json /completed 4
check_json /total_minutes 40.0
check_json /average_minutes 10.0
check_json /current_streak_days 3
check_json /longest_streak_days 3
check_json /ratings/stress/before 6.0
check_json /ratings/stress/after 2.0
check_json /ratings/stress/change -4.0
check_json /ratings/legs/before null
check_json "/days/$(nights_before 1)" 10.0
check_json "/days/$night" 0.0
check_json /by_variation/none 4

run stats --since "$(nights_before 2)" --json
check_json /sessions 2

run stats
check_rc 0
check_no_escapes
check_out "4 (4 completed)"
check_out "3 nights now, 3 nights at most"
check_no_out "Last 12 weeks"   # the calendar is for terminals

# A change of time zone: two evenings in New York, then one in Berlin. Each session counts on
# the night of the clock it was recorded on, so the three make a streak of three nights.
export LEGSUP_LOG=$scratch/travel.jsonl
berlin_night=$(TZ=Europe/Berlin date -d '4 hours ago' +%F)
travel_night() { date -d "$berlin_night $1 days ago" +%F; }
for when in "America/New_York 3" "America/New_York 2" "Europe/Berlin 1"; do
  set -- $when
  TZ=$1 run log add --minutes 10 --at "$(travel_night "$2") 22:00"
  check_rc 0
done
TZ=Europe/Berlin run stats --json
check_json /longest_streak_days 3
check_json /current_streak_days 3
first=$(travel_night 3)
check_json "/days/$first" 10.0
TZ=Asia/Tokyo run log --json
check_json /0/start "${first}T22:00:00$(TZ=America/New_York date -d "$first 22:00" +%:z)"

run stats --since nonsense
check_rc 2
check_one_error_line

finish
