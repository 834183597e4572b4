# Where content comes from, and how broken content is reported.
source "$(dirname "$0")/lib.sh"

shipped=$LEGSUP_SOURCE_DIR/data/legsup.json

# A copy with a different summary proves which source was read.
sed 's/"name": "Legs Up the Wall"/"name": "Legs Up the Door"/' "$shipped" >"$scratch/door.json"
sed 's/"name": "Legs Up the Wall"/"name": "Legs Up the Bed"/' "$shipped" >"$scratch/bed.json"

run guide
check_out "Legs Up the Wall"
LEGSUP_CONTENT=$scratch/door.json run guide
check_out "Legs Up the Door"
LEGSUP_CONTENT=$scratch/door.json run guide --content "$scratch/bed.json"
check_out "Legs Up the Bed"

# A syntax error names the file, the line and the column.
printf '{\n  "schema": 1,\n  "pose": }\n' >"$scratch/broken.json"
run --content "$scratch/broken.json" guide
check_rc 1
check_one_error_line
check_err "$scratch/broken.json:3:11: not valid JSON"

# A schema error names the JSON path, what was expected and what was found.
sed '0,/"action": "avoid"/s//"action": "maybe"/' "$shipped" >"$scratch/maybe.json"
run cautions --content "$scratch/maybe.json"
check_rc 1
check_one_error_line
check_err "$scratch/maybe.json: /cautions/0/action: expected \"avoid\" or \"modify\", got \"maybe\""

# A caution naming a missing variation.
sed 's/"variation": "knees-bent"/"variation": "headstand"/' "$shipped" >"$scratch/ref.json"
run cautions --content "$scratch/ref.json"
check_rc 1
check_err "/cautions/2/variation: names the variation \"headstand\", which does not exist"

# Files that are not content at all.
run guide --content "$scratch/absent.json"
check_rc 1
check_one_error_line
check_err "cannot read $scratch/absent.json: No such file or directory"

run guide --content "$scratch"
check_rc 1
check_err "it is a folder"

: >"$scratch/empty.json"
run guide --content "$scratch/empty.json"
check_rc 1
check_one_error_line
check_err "empty.json:1:1: not valid JSON"

head -c 4096 /dev/urandom >"$scratch/random.json"
run guide --content "$scratch/random.json"
check_rc 1
check_one_error_line

echo '{"schema": 1}' >"$scratch/bare.json"
run guide --content "$scratch/bare.json"
check_rc 1
check_one_error_line
check_err "/source: expected an object, but it is missing"

finish
