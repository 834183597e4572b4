#!/bin/bash
# What a build costs on this machine (our targets in brackets):
#   a full Release build of everything (the program, the tests, the benchmark helpers): CPU time
#   (user + system, all compilers together) [at most 100 s] and wall time;
#   a rebuild after touching one core .cpp (src/log/record.cpp) [at most 15 s wall].
# The sources are copied to a temporary folder, so the work tree is not touched.
# usage: bench/build.sh [RUNS]   (default 3; the medians are printed)
set -euo pipefail
source_dir=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
jobs=$(nproc)

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

mkdir "$work/src"
(cd "$source_dir" && git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf -) |
  tar -xf - -C "$work/src"

for ((run = 0; run < runs; run++)); do
  rm -rf "$work/build"
  cmake -S "$work/src" -B "$work/build" -DCMAKE_BUILD_TYPE=Release -DLEGSUP_WERROR=ON >/dev/null
  /usr/bin/time -f '%e %U %S' -o "$work/full" cmake --build "$work/build" --parallel "$jobs" >/dev/null
  read -r wall user system <"$work/full"
  echo "$wall" >>"$work/full-wall"
  awk "BEGIN { print $user + $system }" >>"$work/full-cpu"
  sleep 1  # a new mtime, whatever the file system's resolution
  touch "$work/src/src/log/record.cpp"
  /usr/bin/time -f '%e' -o "$work/one" cmake --build "$work/build" --parallel "$jobs" >/dev/null
  cat "$work/one" >>"$work/one-wall"
done
printf 'full build:            %6.1f s CPU (user + system), %5.1f s wall, %d jobs (medians of %d)\n' \
  "$(median <"$work/full-cpu")" "$(median <"$work/full-wall")" "$jobs" "$runs"
printf 'rebuild, one core .cpp: %5.1f s wall (src/log/record.cpp touched)\n' "$(median <"$work/one-wall")"
