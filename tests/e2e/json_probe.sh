# The tests' JSON probe (tests/tools/json_probe.py), on which every "stdout is valid JSON" check
# rests: it reads what a JSON Pointer names, and refuses what RFC 8259 refuses, so that a check
# can fail.
source "$(dirname "$0")/lib.sh"
require_programs json_probe python3

document='{"text":"x\u00e9","list":[1,2,{"none":null}],"half":598.5,"whole":600.0,"yes":true,
  "keys":{"a/b":1,"c~d":2}}'
probe() { printf '%s' "$document" | "$JSON_PROBE" "$@"; }
current="json_probe: values"
[[ $(probe /text) == "xé" ]] && pass || fail "a string is printed as it is"
[[ $(probe /list /keys "") == $'3\n2\n6' ]] && pass || fail "an array or object is its size"
[[ $(probe /list/2/none /half /whole /yes) == $'null\n598.5\n600.0\ntrue' ]] && pass ||
  fail "anything else is printed as JSON"
[[ $(probe /keys/a~1b /keys/c~0d) == $'1\n2' ]] && pass || fail "~1 and ~0 are / and ~"
[[ $(probe /nothing /list/3 /list/01 /list/-) == $'(missing)\n(missing)\n(missing)\n(missing)' ]] &&
  pass || fail "a pointer that leads nowhere is (missing)"

# What is not JSON: exit 1, whatever the pointer.
for input in '' '{' '[1,]' '{"a":1}x' '[NaN]' '[Infinity]' '1e400' '"\ud800"' $'"\xff"' \
  $'"a\x01"' "{'a':1}"; do
  current="json_probe on $(printf '%q' "$input")"
  printf '%s' "$input" | "$JSON_PROBE" /a >/dev/null 2>&1
  [[ $? == 1 ]] && pass || fail "not JSON, yet read"
done

finish
