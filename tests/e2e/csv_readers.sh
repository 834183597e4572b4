# The CSV export as programs nobody here wrote read it, with their defaults: Python's csv.Sniffer
# guesses its dialect (from the first 1024 bytes, as csvkit gives it, and from all of it), csvkit
# (csvlook, csvstat, csvjson, csvsql) reads it, and sqlite3 groups it by night with the README's
# own commands; every session arrives with its note, whatever the note holds.
source "$(dirname "$0")/lib.sh"

require_programs csv_readers python3 csvlook csvstat csvjson csvsql sqlite3

export LEGSUP_LOG=$scratch/sessions.jsonl
# Notes that lead a dialect guesser astray when only the notes are quoted (the first: "Row 0 has
# 6 values, but Table only has 1 columns"), a session under a minute, one after midnight (the
# night before's), one over midnight.
add() { "$LEGSUP_BIN" log add "$@" >/dev/null || fail "log add $*"; }
add --minutes 10 --at "2026-11-10 22:00" --note 'legs tired…, "hotel" wall'
add --duration 20s --at "2026-11-11 00:40" --note 'a; "b"; "c"; "d"'
add --minutes 10 --at "2026-11-11 23:55" --note $'two\nlines, "quoted"\r\nand a tab\there'
add --minutes 5 --at "2026-11-12 22:00" --note "time: \"22:30\" | \"23:00\" | it's 'late'"
add --minutes 12 --at "2026-11-13 22:00" --note 'café — “curly” ‘quotes’, ünï'
add --minutes 7 --at "2026-11-14 22:00" --variant bed --before stress=6 --after stress=3
add --minutes 3 --at "2026-11-15 22:00" --note '42'
sessions=7
run log --csv
check_rc 0
printf '%s' "$out" >"$scratch/sessions.csv"
run log --json
printf '%s' "$out" >"$scratch/sessions.json"

# Python: the dialect guessed from the start and from the whole file, and every row read with it.
current="python3 csv.Sniffer"
verdict=$(python3 - "$scratch/sessions.csv" "$scratch/sessions.json" <<'PY' 2>&1
import csv, io, json, sys
text = open(sys.argv[1], newline="", encoding="utf-8").read()
sessions = json.load(open(sys.argv[2], encoding="utf-8"))
for sample in (text[:1024], text):
    dialect = csv.Sniffer().sniff(sample)
    assert (dialect.delimiter, dialect.quotechar) == (",", '"'), (dialect.delimiter, dialect.quotechar)
    rows = list(csv.DictReader(io.StringIO(text, newline=""), dialect=dialect))
    assert len(rows) == len(sessions), (len(rows), len(sessions))
    for row, session in zip(rows, sessions):
        for key in ("id", "night", "start", "end", "note"):
            assert row[key] == str(session.get(key, "")), (key, row[key], session.get(key))
print(len(sessions))
PY
)
[[ $verdict == "$sessions" ]] && pass || fail "$verdict"

# csvkit, with its defaults: it guesses the dialect from the first 1024 bytes and the types.
current="csvlook"
csvlook "$scratch/sessions.csv" >"$scratch/look" 2>"$scratch/look-err" && pass ||
  fail "csvlook: $(tail -1 "$scratch/look-err")"
for id in $(python3 -c 'import json, sys; print(" ".join(s["id"] for s in json.load(open(sys.argv[1]))))' "$scratch/sessions.json"); do
  grep -q "| $id |" "$scratch/look" && pass || fail "csvlook lacks the session $id"
done
current="csvstat"
csvstat "$scratch/sessions.csv" >"$scratch/stat" 2>"$scratch/stat-err" && pass ||
  fail "csvstat: $(tail -1 "$scratch/stat-err")"
grep -q "^Row count: $sessions$" "$scratch/stat" && pass || fail "csvstat: $(grep 'Row count' "$scratch/stat")"
current="csvjson"
verdict=$(csvjson "$scratch/sessions.csv" 2>"$scratch/json-err" | python3 -c '
import json, sys
rows = json.load(sys.stdin)
sessions = json.load(open(sys.argv[1], encoding="utf-8"))
assert len(rows) == len(sessions), (len(rows), len(sessions))
for row, session in zip(rows, sessions):
    assert row["id"] == session["id"], (row["id"], session["id"])
    assert row["night"] == session["night"], (row["night"], session["night"])
    # csvkit reads a CR LF inside a field as a line feed, as it reads the file.
    note = session.get("note", "").replace("\r\n", "\n")
    assert str(row["note"] or "") == note, (row["note"], note)
print(len(rows))' "$scratch/sessions.json" 2>&1)
[[ $verdict == "$sessions" ]] && pass || fail "csvjson: $verdict $(tail -1 "$scratch/json-err")"
current="csvsql"
grouped=$(csvsql --query 'SELECT night, count(*) AS sessions FROM sessions GROUP BY night' \
  "$scratch/sessions.csv" 2>/dev/null | tr -d '\r')
[[ $grouped == *"2026-11-10,2"* && $grouped == *"2026-11-11,1"* && $grouped == *"2026-11-15,1"* ]] &&
  pass || fail "csvsql grouped by night: $grouped"

# sqlite3, with the README's commands as written: the session at 00:40 is the evening's.
readme=$LEGSUP_SOURCE_DIR/README.md
block=$(awk '$0 == "### Exporting" { found = 1; next }
  found && !inside && $0 == "```sh" { inside = 1; next }
  inside && $0 == "```" { exit }
  inside { print }' "$readme")
current="the README's sqlite3 commands"
[[ $block == *"sqlite3"* ]] && pass || fail "no sqlite3 block under ### Exporting"
mkdir -p "$scratch/bin" "$scratch/work"
ln -s "$LEGSUP_BIN" "$scratch/bin/legsup"
grouped=$(cd "$scratch/work" && PATH=$scratch/bin:$PATH bash -e -c "$block" 2>&1)
rc=$?
check_rc 0
expected="night       sessions  minutes
----------  --------  -------
2026-11-10  2         10.0
2026-11-11  1         10.0
2026-11-12  1         5.0
2026-11-13  1         12.0
2026-11-14  1         7.0
2026-11-15  1         3.0"
[[ $(sed 's/ *$//' <<<"$grouped") == "$expected" ]] && pass || fail "grouped by night: $grouped"

finish
