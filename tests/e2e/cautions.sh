# legsup cautions: every caution, avoid or modify, what to do instead.
source "$(dirname "$0")/lib.sh"
require_programs cautions python3

run cautions
check_rc 0
check_no_escapes
check_out "WHEN IN DOUBT"
check_out "healthcare provider"

# Every caution id in the content appears, with its action.
run cautions --json
check_rc 0
count=$(printf '%s' "$out" | "$JSON_PROBE" /cautions)
((count == 5)) && pass || fail "expected 5 cautions in JSON, got $count"
ids=()
for ((i = 0; i < count; i++)); do
  ids+=("$(printf '%s' "$out" | "$JSON_PROBE" "/cautions/$i/id")")
done
check_json /cautions/4/variation pregnancy-upright
run cautions
for id in "${ids[@]}"; do check_out "[$id]"; done
check_out "avoid "
check_out "modify "

# Colour never reaches a pipe, even when asked for by the environment.
NO_COLOR= TERM=xterm-256color run cautions
check_no_escapes

finish
