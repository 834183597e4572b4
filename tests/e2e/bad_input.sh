# A table of bad invocations across every command. Each row gives the exit status it expects;
# every run gives at most one short error line, no crash, no exception text, and writes nothing
# to the log.
source "$(dirname "$0")/lib.sh"

export LEGSUP_LOG=$scratch/sessions.jsonl
"$LEGSUP_BIN" log add --minutes 10 --note "a session before the storm" >/dev/null
shipped=$LEGSUP_SOURCE_DIR/data/legsup.json

# Content files that are not content.
: >"$scratch/empty.json"
echo 'schema: 1' >"$scratch/yaml.json"
head -c 2048 /dev/urandom >"$scratch/random.json"
mkdir "$scratch/folder.json"
sed 's/"when_in_doubt"/"when_in_dout"/' "$shipped" >"$scratch/missing-key.json"
sed 's/"default_minutes": 10/"default_minutes": "ten"/' "$shipped" >"$scratch/wrong-type.json"
sed 's/"inhale": 4,/"inhale": 4.55,/' "$shipped" >"$scratch/fraction.json"
# Logs that are partly broken: they still read, with warnings.
cp "$LEGSUP_LOG" "$scratch/garbage.jsonl"
printf 'garbage\n{"half":\n' >>"$scratch/garbage.jsonl"
cp "$LEGSUP_LOG" "$scratch/long.jsonl"
head -c 10485760 /dev/zero | tr '\0' 'x' >>"$scratch/long.jsonl"
echo >>"$scratch/long.jsonl"
cp "$LEGSUP_LOG" "$scratch/utf8.jsonl"
printf '{"version":1,"start":"2026-11-20T22:15:00Z","end":"2026-11-20T22:25:00Z","held_seconds":600,"ended":"completed","note":"\xff\xfe"}\n' >>"$scratch/utf8.jsonl"

rows=0
commands_seen=" "
# row STATUS ARGS...: one bad invocation and the status it must end with.
row() {
  local expected=$1
  shift
  rows=$((rows + 1))
  # The command the row runs ("log add", "stats"...), for the coverage check at the end.
  local words=("$@") i command=""
  for ((i = 0; i < ${#words[@]}; i++)); do
    case ${words[i]} in
      --content | --log) ((i++)) ;;
      -*) ;;
      *)
        command=${words[i]}
        [[ $command == log && ${words[i + 1]:-} != -* && -n ${words[i + 1]:-} ]] && command+=" ${words[i + 1]}"
        break
        ;;
    esac
  done
  commands_seen+="$command,"
  local before after
  before=$(cksum <"$LEGSUP_LOG")
  run "$@"
  after=$(cksum <"$LEGSUP_LOG")
  check_rc "$expected"
  if ((expected != 0)); then
    check_one_error_line
  else
    # Status 0 rows read broken logs: warnings only, one line each.
    [[ -z $err || $err == "legsup: warning: "* ]] && pass || fail "unexpected stderr"
  fi
  [[ $err != *Sanitizer* && $err != *"runtime error"* && $err != *Assertion* ]] && pass ||
    fail "a sanitizer or assertion spoke"
  ((rc < 128 || rc == 130)) && pass || fail "crashed"
  [[ $before == "$after" ]] && pass || fail "the log changed"
}

# Flags given a value, options without one.
row 2 start --yes=maybe
row 2 start --notify=1
row 2 log --csv=yes
row 2 start --settle

# Durations and minutes.
row 2 start --minutes 0
row 2 start --minutes -3
row 2 start --minutes 100000000
row 2 start --minutes nan
row 2 start --minutes inf
row 2 start --minutes ""
row 2 start --minutes 1e3
row 2 start --duration 0s
row 2 start --duration -5m
row 2 start --duration 4h
row 2 start --duration ""
row 2 start --duration 10
row 2 start --duration 5m5m
row 2 start --duration 99999999999999999999999999h
row 2 start --settle -1s
row 2 start --settle 2h
row 2 log add --minutes 0
row 2 log add --duration 1h1s1m
row 2 log add
# Breathing patterns.
row 2 start --breath 0-0-6
row 2 start --breath 4-0-0
row 2 start --breath 4-0-6-31
row 2 start --breath 4--6
row 2 start --breath 4-0-6-0-0
row 2 start --breath ""
row 2 start --breath panting
row 2 log add --minutes 5 --breath nope
# Ratings.
row 2 start --before stress=11
row 2 start --before stress=-1
row 2 start --before stress
row 2 start --before stress=5,stress=6
row 2 start --after mood=5
row 2 log add --minutes 5 --after stress=5.5
# Dates and times.
row 2 log add --minutes 5 --at 24:00
row 2 log add --minutes 5 --at "2026-02-30 22:00"
row 2 log add --minutes 5 --at "3026-01-01 22:00"
row 2 log add --minutes 5 --at "last tuesday"
row 2 log add --minutes 5 --at 2026-11-20T22:15:00+1:00
row 2 log add --minutes 5 --at "11/20/2026 22:15"
row 2 log add --minutes 5 --at "2026-11-20"
row 2 log --since 11/20/2026
row 2 log --since 2026-13-01
row 2 log --until yesterday --since today
row 2 stats --since tomorrow
# Corrections and merging: ids that name nothing, changes that are not changes, files that are
# not there.
row 2 log edit 0123abcd --note x
row 2 log edit --note x
row 2 log rm 12
row 2 log rm 0123456789abcdef0123456789abcdefff
row 2 log rm nothex!
row 1 --log "$scratch/absent.jsonl" log undo
row 2 log undo extra
row 1 log merge "$scratch/absent.jsonl"
row 1 log merge "$scratch/folder.json"
row 2 log merge
# Every command, whatever it reads.
row 2 help stat
row 2 config --log ""
row 2 cautions --json extra
# Unknown ids, commands, options, values.
row 2 start --variant handstand
row 2 log add --minutes 5 --variant handstand
row 2 guide --variant handstand
row 2 guide appendix
row 2 start --sound gong
row 2 start --volume 101
row 2 start --interval 5s
row 2 start --come-out 11m
row 2 start --screen dark
row 2 sound --sound gong
row 2 sound --volume loud
row 2 completion tcsh
row 2 headstand
row 2 start --frobnicate
# Repeated or conflicting options.
row 2 start --minutes 5 --duration 5m
row 2 start --minutes 5 --minutes 6
row 2 log --json --csv
row 2 log --last 0
row 2 log --last -1
row 2 guide benefits --variant bed
# Content files that are not content: runtime errors.
row 1 --content "$scratch/empty.json" guide
row 1 --content "$scratch/yaml.json" cautions
row 1 --content "$scratch/random.json" guide
row 1 --content "$scratch/folder.json" guide
row 1 --content "$scratch/absent.json" guide
row 1 --content "$scratch/missing-key.json" guide
row 1 --content "$scratch/wrong-type.json" start --duration 1s
row 1 --content "$scratch/fraction.json" stats
# Logs that are partly broken: read with warnings, never changed.
row 0 --log "$scratch/garbage.jsonl" log
row 0 --log "$scratch/long.jsonl" stats
row 0 --log "$scratch/long.jsonl" log --last 5
row 0 --log "$scratch/utf8.jsonl" log --csv
# Logs that cannot be written.
row 1 --log "$scratch/folder.json" log add --minutes 5
row 1 --log /proc/legsup-nowhere/sessions.jsonl log add --minutes 5

# A value of 100 KB, given to any option or read from the config file, gives one short line: a
# message quotes the first columns of a value, never the whole of it (and never twice).
huge=$(head -c 102400 /dev/zero | tr '\0' '7')
while read -r -a words; do
  [[ ${#words[@]} -eq 0 ]] && continue
  run "${words[@]}" "$huge"
  current="legsup ${words[*]} (a value of 100 KB)"
  check_rc 2
  check_one_error_line
  ((${#err} < 600)) && pass || fail "an error line of ${#err} bytes"
done <<'EOF2'
start --breath
start --ratio
start --bpm
start --duration
start --minutes
start --settle
start --interval
start --come-out
start --variant
start --volume
start --sound
start --screen
start
start --before
log --since
log --until
log --last
log --history
log add --minutes 5 --at
log add --duration
log add --minutes 5 --after
log edit
stats --get
completion
EOF2
run start "--$huge"
current="legsup start --(an option name of 100 KB)"
check_rc 2
((${#err} < 600)) && pass || fail "an error line of ${#err} bytes"
mkdir -p "$scratch/xdg/legsup"
printf '{"%s": 1}\n' "$huge" >"$scratch/xdg/legsup/config.json"
XDG_CONFIG_HOME=$scratch/xdg run start --duration 1s
current="legsup start with a config file whose key is 100 KB"
check_one_error_line
((${#err} < 600)) && pass || fail "an error line of ${#err} bytes"

# Every row of this file ran (none was skipped by a mistake in the table)...
current="the bad-input table"
listed=$(grep -c '^row ' "$0")
echo "$rows bad invocations of $listed rows"
((rows == listed)) && pass || fail "$rows of the $listed rows ran"
# ...and every command a person can type has rows: a new command without any fails here.
while IFS= read -r command; do
  [[ $commands_seen == *" $command,"* || $commands_seen == *",$command,"* ]] && pass ||
    fail "no bad-input row for '$command'"
done < <("$LEGSUP_BIN" complete -- 1 legsup ""; "$LEGSUP_BIN" complete -- 2 legsup log "" | sed 's/^/log /')
finish
