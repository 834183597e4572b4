# Many processes appending at once lose nothing and tear nothing.
source "$(dirname "$0")/lib.sh"

export LEGSUP_LOG=$scratch/sessions.jsonl
writers=8 each=25
for ((w = 0; w < writers; w++)); do
  (
    for ((i = 0; i < each; i++)); do
      "$LEGSUP_BIN" log add --minutes 1 --note "w$w-$i" >/dev/null 2>>"$scratch/errors" ||
        echo "w$w-$i failed" >>"$scratch/errors"
    done
  ) &
done
wait

current="$writers writers x $each appends"
[[ ! -s $scratch/errors ]] && pass || fail "errors: $(head -5 "$scratch/errors")"
total=$(wc -l <"$LEGSUP_LOG")
[[ $total == $((writers * each)) ]] && pass || fail "expected $((writers * each)) lines, got $total"

run log --json
check_rc 0
[[ -z $err ]] && pass || fail "warnings while reading"
for ((w = 0; w < writers; w++)); do
  for ((i = 0; i < each; i++)); do
    [[ $out == *"\"w$w-$i\""* ]] || { fail "w$w-$i is missing"; continue 2; }
  done
  pass
done
notes=$(printf '%s' "$out" | grep -c '"note"')
[[ $notes == $((writers * each)) ]] && pass || fail "expected each note once, got $notes notes"

finish
