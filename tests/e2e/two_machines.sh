# Two machines, one log: the same sessions edited on both, each merging the other's copy, both
# ways and three times: every export byte for byte the same on both, nothing doubled or lost. And
# one line limit: a line just over 64 KiB, inside a read block or across the edge of one, is
# refused alike by every reader and by merge, which never copies it, however often it runs.
source "$(dirname "$0")/lib.sh"
require_programs two_machines python3

a=$scratch/a.jsonl b=$scratch/b.jsonl
on() {
  local log=$1
  shift
  LEGSUP_LOG=$log "$LEGSUP_BIN" "$@" </dev/null
}

on "$a" log add --minutes 10 --at "2026-11-20 22:15" --note "first" >/dev/null
on "$a" log add --minutes 12 --at "2026-11-21 22:15" --note "second" >/dev/null
cp "$a" "$b"
first=$(head -1 "$a" | "$JSON_PROBE" /id)
second=$(sed -n 2p "$a" | "$JSON_PROBE" /id)
# Both edit the first session; each logs a session that starts when the other's does; B removes
# the second, and A takes back one of its own edits.
on "$a" log edit "$first" --note "first, as A had it" >/dev/null
on "$a" log edit "$first" --variant bed >/dev/null
second_now=$(date +%s)  # B's edit a second later at least: the later edit is B's
while [[ $(date +%s) == "$second_now" ]]; do sleep 0.05; done
on "$b" log edit "$first" --note "first, as B had it" --minutes 11 >/dev/null
on "$a" log add --minutes 5 --at "2026-11-22 22:00" --note "A's" >/dev/null
on "$b" log add --minutes 6 --at "2026-11-22 22:00" --note "B's" >/dev/null
on "$b" log rm "$second" >/dev/null
on "$a" log rm "$(sed -n 4p "$a" | "$JSON_PROBE" /id)" >/dev/null  # the variant edit
for round in 1 2 3; do
  current="merge, round $round"
  merged_a=$(on "$a" log merge "$b")
  merged_b=$(on "$b" log merge "$a")
  if ((round > 1)); then
    [[ $merged_a == *": 0 added"* && $merged_b == *": 0 added"* ]] && pass ||
      fail "merged again, it added: $merged_a / $merged_b"
  fi
done
current="the two logs after merging"
[[ $(sort "$a") == "$(sort "$b")" ]] && pass || fail "the logs hold different lines"
[[ $(wc -l <"$a") == 9 ]] && pass || fail "$(wc -l <"$a") lines, not 9"
[[ $(<"$a") != "$(<"$b")" ]] && pass || fail "the lines are in the same order: nothing was tried"

for view in "log" "log --ids" "log --json" "log --csv" "log --ics" "stats" "stats --json" \
  "log --history $first" "log --history $second"; do
  # shellcheck disable=SC2086 # the view's words
  shown_a=$(on "$a" $view 2>&1)
  # shellcheck disable=SC2086
  shown_b=$(on "$b" $view 2>&1)
  current="legsup $view on both machines"
  [[ $shown_a == "$shown_b" ]] && pass || fail "differs: $(diff <(echo "$shown_a") <(echo "$shown_b") | head -5)"
done
LEGSUP_LOG=$a run log --json
check_json /0/note "first, as B had it"  # B's edit, made after A's, and A's other edit taken back
check_json /0/variant null
check_no_out '"note":"second"'  # removed
together=$(printf '%s' "$out" | "$JSON_PROBE" /1/id /2/id /1/start /2/start | tr '\n' ' ')
read -r one two start_one start_two <<<"$together"
[[ $start_one == "$start_two" && $one < $two ]] && pass ||
  fail "sessions that started together are not in the order of their ids: $together"

# The same id with other contents (a line changed by hand, or by another program): not added,
# and said, in the counts and by a warning naming the id and the line.
sed -E 's/"note":"first"/"note":"changed by hand"/' <(head -1 "$a") >"$scratch/changed.jsonl"
LEGSUP_LOG=$a run log merge "$scratch/changed.jsonl"
check_rc 0
check_out "changed.jsonl: 0 added, 0 already in the log, 1 with an id the log holds with other contents (not added)"
check_err "changed.jsonl: line 1: the log holds the id $first with other contents; this line is not added"
[[ $(wc -l <"$a") == 9 ]] && pass || fail "a line was added"

# One line limit. A log of records, with lines of 65,536 bytes (read) and 65,537 (refused) inside
# the first read block, across its edge at 256 KiB, and in the last block from the end.
template=$(head -1 "$a")
record() { sed -E "s/\"id\":\"[0-9a-f]+\"/\"id\":\"$(printf '%032x' "$1")\"/" <<<"$template"; }
padded() { # N BYTES: record N padded with a member this version does not know to BYTES bytes
  local line
  line=$(record "$1")
  local room=$(($2 - ${#line} - 13))
  printf '%s,"padding":"%s"}\n' "${line%\}}" "$(head -c "$room" /dev/zero | tr '\0' p)"
}
limits=$scratch/limits.jsonl
{
  for ((n = 1; n <= 20; n++)); do record "$n"; done
  padded 1001 65536
  padded 1002 65537
  for ((n = 21; n <= 500; n++)); do record "$n"; done
} >"$limits"
while (($(stat -c %s "$limits") < 262144 - 40000)); do record $((n++)) >>"$limits"; done
{
  padded 1003 65537
  padded 1004 65536
  for ((m = 0; m < 300; m++)); do record $((n++)); done
  padded 1005 65537
  record $((n++))
} >>"$limits"
records=$(grep -c '^{' "$limits")
expected=$((records - 3))
current="a log with lines at and around the limit"
for view in "stats --get sessions" "log --csv" "log --json" "log --ics" "log" "log --last 100000 --csv"; do
  # shellcheck disable=SC2086
  shown=$(on "$limits" $view 2>"$scratch/warnings")
  case $view in
    stats*) count=$shown ;;
    *--csv) count=$(($(grep -c . <<<"$shown") - 1)) ;;
    *--json) count=$(grep -c '^{' <<<"$shown") ;;
    *--ics) count=$(grep -c BEGIN:VEVENT <<<"$shown") ;;
    *) count=$(($(grep -c . <<<"$shown") - 1)) ;;
  esac
  current="legsup $view on lines at and around the limit"
  [[ $count == "$expected" ]] && pass || fail "$count sessions, not $expected"
  [[ $(grep -c "longer than 64 KiB" "$scratch/warnings") == 3 ]] && pass || fail "$(grep -c "longer than 64 KiB" "$scratch/warnings") warnings, not 3"
done
copy=$scratch/copy.jsonl
for round in 1 2 3; do
  LEGSUP_LOG=$copy run log merge "$limits"
  check_rc 0
  check_out "3 lines skipped"
  [[ $(wc -l <"$copy") == "$expected" ]] && pass || fail "the copy has $(wc -l <"$copy") lines, not $expected"
  [[ $(grep -c padding "$copy") == 2 ]] && pass || fail "a line over the limit was copied"
done

# Both machines take back the same change, then merge: the log holds two removals of it. Taking
# the change back is undone by `undo` and by `rm` of either removal, which take back both, so
# that what they say is what the log then reads; and the way back they print makes it again.
c=$scratch/c.jsonl d=$scratch/d.jsonl
held() { on "$1" log --json | "$JSON_PROBE" /0/held_seconds; }
on "$c" log add --minutes 5 --at "2026-11-20 22:15" >/dev/null
session=$(head -1 "$c" | "$JSON_PROBE" /id)
on "$c" log edit "$session" --minutes 7 >/dev/null
cp "$c" "$d"
on "$c" log undo >/dev/null
on "$d" log undo >/dev/null
on "$c" log merge "$d" >/dev/null
current="undo of an edit taken back on both machines"
[[ $(held "$c") == 300 ]] && pass || fail "the edit is in effect before the undo: $(held "$c") s"
LEGSUP_LOG=$c run log undo
check_rc 0
check_out "which is in effect again"
[[ $(held "$c") == 420 ]] && pass || fail "said the edit is in effect again, and it holds $(held "$c") s"
way_back=${out##*legsup log rm }
LEGSUP_LOG=$c run log rm "$way_back"
check_rc 0
[[ $(held "$c") == 300 ]] && pass || fail "the way back did not take the edit back: $(held "$c") s"
current="rm of one removal of a session removed on both machines"
e=$scratch/e.jsonl f=$scratch/f.jsonl
on "$e" log add --minutes 5 --at "2026-11-20 22:15" >/dev/null
session=$(head -1 "$e" | "$JSON_PROBE" /id)
cp "$e" "$f"
removal=$(on "$e" log rm "$session")
removal=${removal##*legsup log rm }
on "$f" log rm "$session" >/dev/null
on "$e" log merge "$f" >/dev/null
LEGSUP_LOG=$e run log rm "$removal"
check_rc 0
[[ $(on "$e" stats --get sessions) == 1 ]] && pass ||
  fail "the way back printed by rm did not bring the session back: $out"

finish
