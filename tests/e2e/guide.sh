# legsup guide: the overview, each section, --variant and --json.
source "$(dirname "$0")/lib.sh"
require_programs guide python3

run guide
check_rc 0
check_no_escapes
for part in SETUP "DURING THE HOLD" "COMING OUT" VARIATIONS "legsup cautions"; do
  check_out "$part"
done

for section in setup during exit variants benefits breathing all; do
  run guide "$section"
  check_rc 0
  check_no_escapes
  [[ -n $out ]] && pass || fail "section $section is empty"
done

run guide breathing
check_out "4-7-8"
check_out "box"
run guide all
check_out "Nicole Longwell"

run guide setup --variant pregnancy-upright
check_rc 0
check_out "SETUP: HIPS RAISED, TORSO UPRIGHT"

run guide --variant nope
check_rc 2
check_one_error_line
check_err "unknown variation \"nope\""
check_err "pregnancy-upright"

run guide benefits --variant bed
check_rc 2
check_one_error_line

run guide nowhere
check_rc 2
check_one_error_line
check_err "unknown guide section \"nowhere\""

# JSON output is valid and holds the selected content.
run guide --json
check_rc 0
check_json /pose/name "Legs Up the Wall"
check_json /variations 7
run guide benefits --json
check_json /benefits 7
check_json /benefits/0/id swelling
run guide setup --variant bed --json
check_json /variant/id bed
check_json /setup "(missing)"
run guide all --json
check_json /schema 1
check_json /source/author "Nicole Longwell"

# Wrapping follows COLUMNS when output is not a terminal.
COLUMNS=40 run guide all
longest=$(printf '%s\n' "$out" | awk '{ if (length($0) > max) max = length($0) } END { print max }')
((longest <= 40)) && pass || fail "a line is $longest columns wide at COLUMNS=40"
run guide all
longest=$(printf '%s\n' "$out" | awk '{ if (length($0) > max) max = length($0) } END { print max }')
((longest <= 80 && longest > 60)) && pass || fail "lines should fill up to 80 columns, got $longest"

finish
