#!/bin/bash
# Benchmarks of the session log on 1,000,000 records (our targets in brackets):
#   append to a huge log vs an empty one [within 20%], `log --last 10` [<= 50 ms],
#   `stats` [<= 2.5 s, <= 16 MiB peak], and the exports `log --json`, `--csv`, `--ics`
#   [<= 3 s, <= 32 MiB peak each].
# usage: bench/log.sh [BUILD_DIR]   (default: build; needs a Release build)
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
legsup=$build/legsup
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
records=1000000
runs=7

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "generating a log of $records records..."
"$build/bench/bench_make_log" "$work/big.jsonl" "$records"
printf 'log size: %s MiB, %s bytes a line\n' "$(($(stat -c %s "$work/big.jsonl") / 1048576))" \
  "$(($(stat -c %s "$work/big.jsonl") / records))"

# Append: rounds alternate between the empty and the huge log so that both see the same disk.
for ((round = 0; round < runs; round++)); do
  rm -f "$work/empty.jsonl"
  "$build/bench/bench_append" "$work/empty.jsonl" 50 >>"$work/append-empty"
  "$build/bench/bench_append" "$work/big.jsonl" 50 >>"$work/append-big"
done
empty=$(median <"$work/append-empty")
big=$(median <"$work/append-big")
printf 'append, empty log:     %8.1f us (median of %d rounds of 50)\n' "$empty" "$runs"
printf 'append, 1M-record log: %8.1f us (%+.1f%%)\n' "$big" "$(awk "BEGIN { print ($big - $empty) * 100 / $empty }")"

export LEGSUP_LOG=$work/big.jsonl
for ((round = 0; round < runs; round++)); do
  start=$(date +%s%N)
  "$legsup" log --last 10 >/dev/null
  echo $((($(date +%s%N) - start) / 1000)) >>"$work/last"
done
printf 'log --last 10:         %8.1f ms (median of %d runs)\n' "$(awk "BEGIN { print $(median <"$work/last") / 1000 }")" "$runs"

for ((round = 0; round < runs; round++)); do
  /usr/bin/time -f '%e %M' -o "$work/time" "$legsup" stats >/dev/null
  read -r seconds kib <"$work/time"
  echo "$seconds" >>"$work/stats-seconds"
  echo "$kib" >>"$work/stats-kib"
done
printf 'stats:                 %8.2f s, %.1f MiB peak (medians of %d runs)\n' \
  "$(median <"$work/stats-seconds")" "$(awk "BEGIN { print $(median <"$work/stats-kib") / 1024 }")" "$runs"

for format in json csv ics; do
  for ((round = 0; round < runs; round++)); do
    /usr/bin/time -f '%e %M' -o "$work/time" "$legsup" log "--$format" >/dev/null
    read -r seconds kib <"$work/time"
    echo "$seconds" >>"$work/$format-seconds"
    echo "$kib" >>"$work/$format-kib"
  done
  printf 'log --%-4s               %6.2f s, %.1f MiB peak (medians of %d runs)\n' "$format" \
    "$(median <"$work/$format-seconds")" "$(awk "BEGIN { print $(median <"$work/$format-kib") / 1024 }")" "$runs"
done
