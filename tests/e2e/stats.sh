# legsup stats: figures from a known log, JSON, and plain output without a terminal.
source "$(dirname "$0")/lib.sh"

export LEGSUP_LOG=$scratch/sessions.jsonl
run stats --json
check_rc 0
check_json /sessions 0
check_json /current_streak_days 0

for days_ago in 0 1 2 4; do
  day=$(date -d "$days_ago days ago" +%F)
  run log add --minutes 10 --at "$day 07:00" --before stress=6 --after stress=2
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
check_json "/days/$(date +%F)" 10.0
check_json /by_variation/none 4

run stats --since "$(date -d '1 day ago' +%F)" --json
check_json /sessions 2

run stats
check_rc 0
check_no_escapes
check_out "4 (4 completed)"
check_out "3 nights now, 3 nights at most"
check_no_out "Last 12 weeks"   # the calendar is for terminals

# A change of time zone: two evenings in New York, then one in Berlin. Each session counts on
# the date of the clock it was recorded on, so the three make a streak of three days.
export LEGSUP_LOG=$scratch/travel.jsonl
for when in "America/New_York 3" "America/New_York 2" "Europe/Berlin 1"; do
  set -- $when
  TZ=$1 run log add --minutes 10 --at "$(TZ=$1 date -d "$2 days ago" +%F) 22:00"
  check_rc 0
done
TZ=Europe/Berlin run stats --json
check_json /longest_streak_days 3
check_json /current_streak_days 3
check_json "/days/$(TZ=America/New_York date -d '3 days ago' +%F)" 10.0
TZ=Asia/Tokyo run log --json
check_json /0/start "$(TZ=America/New_York date -d '3 days ago' +%F)T22:00:00$(TZ=America/New_York date -d "$(TZ=America/New_York date -d '3 days ago' +%F) 22:00" +%:z)"

run stats --since nonsense
check_rc 2
check_one_error_line

finish
