# Kill -9 and concurrency: 8 writers append about a thousand records while a killer sends
# SIGKILL at random moments. Every append that reported success is there, whole; torn lines are
# at most one per kill and are skipped with a warning; the next append is whole.
source "$(dirname "$0")/lib.sh"
require_programs crash python3

export LEGSUP_LOG=$scratch/sessions.jsonl
writers=8 each=130 marker="crash-$$"
mkdir -p "$scratch/acks"

pids=()
for ((w = 0; w < writers; w++)); do
  (
    for ((i = 0; i < each; i++)); do
      if "$LEGSUP_BIN" log add --minutes 1 --note "$marker-w$w-$i" >/dev/null 2>&1; then
        echo "$marker-w$w-$i" >>"$scratch/acks/$w"
      fi
    done
  ) 2>/dev/null &
  pids+=($!)
done

# The killer: every few milliseconds, SIGKILL one of the writers' legsup processes.
kills=0
alive() { local pid; for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && return 0; done; return 1; }
while alive; do
  victims=()
  for cmdline in /proc/[0-9]*/cmdline; do
    mapfile -d '' -t args 2>/dev/null <"$cmdline" || continue
    [[ ${args[0]:-} == "$LEGSUP_BIN" && ${args[*]} == *"$marker-w"* ]] && victims+=("${cmdline:6:-8}")
  done
  if ((${#victims[@]})); then
    kill -KILL "${victims[RANDOM % ${#victims[@]}]}" 2>/dev/null && kills=$((kills + 1))
  fi
  sleep "0.0$((RANDOM % 3 + 1))"
done
wait

current="$writers writers, $((writers * each)) appends, $kills kills"
acked=$(cat "$scratch"/acks/* | wc -l)
echo "appends: $((writers * each)), reported success: $acked, kills: $kills"
((kills > 0)) && pass || fail "the killer killed nothing"
((acked + kills >= writers * each)) && pass || fail "appends failed without being killed"

# Every acknowledged record is in the log exactly once, on a line of its own that parses.
run log --json
check_rc 0
missing=0
while read -r note; do
  [[ $(grep -c "\"note\":\"$note\"" "$LEGSUP_LOG") == 1 ]] || missing=$((missing + 1))
  [[ $out == *"\"$note\""* ]] || missing=$((missing + 1))
done < <(cat "$scratch"/acks/*)
((missing == 0)) && pass || fail "$missing acknowledged records missing or not whole"

# Torn lines: at most one per kill, each skipped with a warning.
warnings=$(grep -c "skipped, not a valid record" <<<"$err")
((warnings <= kills)) && pass || fail "$warnings torn lines for $kills kills"
echo "torn lines: $warnings"

# The next append is whole, and log and stats still work.
run log add --minutes 2 --note "after the storm"
check_rc 0
[[ $(tail -c 1 "$LEGSUP_LOG" | od -An -c | tr -d ' ') == '\n' ]] && pass || fail "no final newline"
tail -1 "$LEGSUP_LOG" | "$JSON_PROBE" /note >"$scratch/last" && [[ $(<"$scratch/last") == "after the storm" ]] &&
  pass || fail "the last record is not whole"
run stats --json
check_rc 0
run log --last 3
check_rc 0
check_out "after the storm"

finish
