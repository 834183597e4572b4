#!/bin/bash
# Benchmarks of the session log on 1,000,000 records (our targets in brackets): append to a huge
# log vs an empty one [within 20%], `log --last 10` [<= 50 ms], `stats` [<= 2.5 s, <= 16 MiB
# peak], the exports `log --json`, `--csv`, `--ics` [<= 3 s, <= 32 MiB peak each], and the
# memory of every other command that reads the whole log [<= 64 MiB peak]: the table, `--last`
# of more than the log holds, `--history`, `edit`, `rm`, and `merge` of one such log into an
# empty log, into a copy of itself, and into another such log.
# usage: bench/log.sh [BUILD_DIR]   (default: build; needs a Release build)
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
legsup=$build/legsup
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
records=1000000
runs=7

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "generating two logs of $records records..."
big=$work/big.jsonl other=$work/other.jsonl
"$build/bench/bench_make_log" "$big" "$records"
"$build/bench/bench_make_log" "$other" "$records" other
printf 'log size: %s MiB, %s lines, %s bytes a line\n' "$(($(stat -c %s "$big") / 1048576))" \
  "$(wc -l <"$big")" "$(($(stat -c %s "$big") / $(wc -l <"$big")))"

# Append: rounds alternate between the empty and the huge log so that both see the same disk.
for ((round = 0; round < runs; round++)); do
  rm -f "$work/empty.jsonl"
  "$build/bench/bench_append" "$work/empty.jsonl" 50 >>"$work/append-empty"
  "$build/bench/bench_append" "$big" 50 >>"$work/append-big"
done
empty=$(median <"$work/append-empty")
huge=$(median <"$work/append-big")
printf 'append, empty log:     %8.1f us (median of %d rounds of 50)\n' "$empty" "$runs"
printf 'append, 1M-record log: %8.1f us (%+.1f%%)\n' "$huge" "$(awk "BEGIN { print ($huge - $empty) * 100 / $empty }")"

export LEGSUP_LOG=$big HOME=$work XDG_CONFIG_HOME=$work/config
for ((round = 0; round < runs; round++)); do
  start=$(date +%s%N)
  "$legsup" log --last 10 >/dev/null
  echo $((($(date +%s%N) - start) / 1000)) >>"$work/last"
done
printf 'log --last 10:         %8.1f ms (median of %d runs)\n' "$(awk "BEGIN { print $(median <"$work/last") / 1000 }")" "$runs"

# measure LABEL RUNS BEFORE COMMAND: the medians of the wall time and the peak memory of
# COMMAND (run by the shell, as is BEFORE before each run, with $round set).
measure() {
  local label=$1 count=$2 before=$3 command=$4
  rm -f "$work/seconds" "$work/kib"
  for ((round = 0; round < count; round++)); do
    eval "$before"
    if ! /usr/bin/time -f '%e %M' -o "$work/time" bash -c "$command" >/dev/null 2>"$work/stderr"; then
      echo "$label failed: $(tail -2 "$work/stderr")" >&2
      exit 1
    fi
    read -r seconds kib < <(tail -1 "$work/time")
    echo "$seconds" >>"$work/seconds"
    echo "$kib" >>"$work/kib"
  done
  printf '%-36s %6.2f s, %5.1f MiB peak (medians of %d runs)\n' "$label" \
    "$(median <"$work/seconds")" "$(awk "BEGIN { print $(median <"$work/kib") / 1024 }")" "$count"
}

measure "stats:" "$runs" "" "exec '$legsup' stats"
for format in json csv ics; do
  measure "log --$format:" "$runs" "" "exec '$legsup' log --$format"
done
measure "log (the table):" 5 "" "exec '$legsup' log"
measure "log --last 2000000 --csv:" 5 "" "exec '$legsup' log --last 2000000 --csv"
first=$(head -1 "$big" | cut -c8-39)
measure "log --history ID:" 5 "" "exec '$legsup' log --history $first"
# Each run edits and removes a session of its own, so that no run finds it removed already.
measure "log edit ID --note:" 5 'export id=$(sed -n "$((round * 10 + 2))p" "$big" | cut -c8-39)' \
  "exec '$legsup' log edit \$id --note edited"
measure "log rm ID:" 5 'export id=$(sed -n "$((round * 10 + 3))p" "$big" | cut -c8-39)' \
  "exec '$legsup' log rm \$id"
target=$work/target.jsonl
export target
measure "log merge, into an empty log:" 3 'rm -f "$target"' \
  "LEGSUP_LOG=\$target exec '$legsup' log merge '$big'"
measure "log merge, into a copy of itself:" 3 'cp "$big" "$target"' \
  "LEGSUP_LOG=\$target exec '$legsup' log merge '$big'"
measure "log merge, into another 1M log:" 3 'cp "$other" "$target"' \
  "LEGSUP_LOG=\$target exec '$legsup' log merge '$big'"
