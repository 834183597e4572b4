#!/bin/bash
# Benchmarks of `legsup start` (our targets in brackets):
#   (a) timing error: wall time of a session with --settle 0 and no terminal, minus its planned
#       length, for 10 s and 60 s sessions [median at most 5 ms, not growing with length], and
#       for 1 s, which shows what starting and ending the program costs;
#   (b) CPU: user + system seconds of a 60 s session on a terminal (tmux) with the breathing
#       display [at most 0.1 s];
#   (c) peak memory of that session [at most 8 MiB];
#   (d) CPU of the ambient sound: user + system seconds of a 60 s chime session with breath cues
#       and --ambient rain (the dearest to make), played to a player that takes the stream and
#       throws it away, against the same session without it [under 1% of one core over a
#       20-minute session: 0.6 s a minute].
# usage: bench/start.sh [BUILD_DIR] [RUNS] [timing|terminal|ambient|all]
#   (default: build, 5 runs, all; all takes about 21 minutes)
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
runs=${2:-5}
parts=${3:-all}
legsup=$build/legsup
work=$(mktemp -d)
trap 'tmux -S "$work/tmux" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
command -v tmux >/dev/null || { echo "bench/start.sh needs tmux" >&2; exit 1; }

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# The session's wall time, measured by hyperfine without a shell in between when it is there
# (process start and exit included), else by date around the command.
[[ $parts == all || $parts == timing ]] && for seconds in 1 10 60; do
  command=("$legsup" start --duration "${seconds}s" --exact --settle 0 --sound none --no-log --yes)
  if command -v hyperfine >/dev/null; then
    hyperfine -N --runs "$runs" --style none --export-json "$work/$seconds.json" "${command[*]}" \
      >/dev/null
    # The "times" array: one wall time in seconds a line after its opening line.
    grep -A "$runs" '"times"' "$work/$seconds.json" | tail -n "$runs" | tr -d ' ,' |
      awk -v planned="$seconds" '{ printf "%d\n", ($1 - planned) * 1000000 }' >"$work/error-$seconds"
  else
    for ((run = 0; run < runs; run++)); do
      start=$(date +%s%N)
      "${command[@]}" >/dev/null </dev/null
      end=$(date +%s%N)
      echo $(((end - start) / 1000 - seconds * 1000000)) >>"$work/error-$seconds"
    done
  fi
  printf 'timing error, %2d s session: median %6.2f ms (runs: %s us)\n' "$seconds" \
    "$(awk "BEGIN { print $(median <"$work/error-$seconds") / 1000 }")" \
    "$(sort -n "$work/error-$seconds" | tr '\n' ' ')"
done

# On a terminal: a 60 s hold with the breathing display, measured by /usr/bin/time inside tmux
# (--yes: on a terminal, a first session would otherwise ask about the cautions and wait).
if [[ $parts == all || $parts == terminal ]]; then
  tmux -S "$work/tmux" -f /dev/null new-session -d -x 80 -y 24 "bash --norc --noprofile"
  for ((run = 0; run < runs; run++)); do
    rm -f "$work/done"
    tmux -S "$work/tmux" send-keys -l "/usr/bin/time -f '%U %S %M' -o $work/time.$run $legsup start --duration 60s --exact --settle 0 --breath 4-0-6 --sound none --no-log --yes; touch $work/done"
    tmux -S "$work/tmux" send-keys Enter
    while [[ ! -e $work/done ]]; do sleep 1; done
    read -r user system kib <"$work/time.$run"
    awk "BEGIN { print $user + $system }" >>"$work/cpu"
    echo "$kib" >>"$work/rss"
  done
  printf 'CPU, 60 s session on a terminal: median %.2f s user+sys (runs: %s)\n' \
    "$(median <"$work/cpu")" "$(sort -n "$work/cpu" | tr '\n' ' ')"
  printf 'peak memory, same session: median %.1f MiB\n' "$(awk "BEGIN { print $(median <"$work/rss") / 1024 }")"
fi

# The ambient: the stream written to a player that throws it away; --allow-sleep: no bus asked.
[[ $parts == all || $parts == ambient ]] || exit 0
mkdir -p "$work/player"
printf '#!/bin/sh\nexec /bin/cat >/dev/null\n' >"$work/player/pacat"
chmod +x "$work/player/pacat"
for ambient in none rain; do
  for ((run = 0; run < runs; run++)); do
    /usr/bin/time -f '%U %S' -o "$work/ambient-time" env PATH="$work/player" "$legsup" start \
      --duration 60s --exact --settle 0 --breath 4-0-6 --breath-cues --sound chime \
      --ambient "$ambient" --allow-sleep --yes --no-log --plain >/dev/null </dev/null
    read -r user system <"$work/ambient-time"
    awk "BEGIN { print $user + $system }" >>"$work/ambient-$ambient"
  done
  printf 'CPU, 60 s chime session, --ambient %-4s: median %.2f s user+sys, %.2f%% of a core (runs: %s)\n' \
    "$ambient" "$(median <"$work/ambient-$ambient")" \
    "$(awk "BEGIN { print $(median <"$work/ambient-$ambient") / 60 * 100 }")" \
    "$(sort -n "$work/ambient-$ambient" | tr '\n' ' ')"
done
