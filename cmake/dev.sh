#!/bin/sh
# Sets up a Debian 12 machine for legsup and builds it, then runs legsup or its tests.
#   sh cmake/dev.sh run [LEGSUP-ARGS...]   install what is missing, build, run legsup
#   sh cmake/dev.sh test                   install what is missing, build with GCC, and again
#                                          with Clang, ASan and UBSan, then run every test of
#                                          both builds (the two suites at once)
# Idempotent: packages already installed and an up-to-date build are left as they are.
set -eu
cd "$(dirname "$0")/.."

build_packages="cmake make g++ pkg-config libcli11-dev libfmt-dev nlohmann-json3-dev doctest-dev libsystemd-dev"
# What the tests use beyond the build: the second compiler and its sanitizers, man page and terminal checks, other shells' completions,
# process tools, real sound servers with their recorders (and ALSA's way to PulseAudio), a
# voice, an iCalendar reader, the programs that read the exports (csvkit and sqlite3 for the
# CSV, khal and calcurse for calendars), a stand-in for logind on a bus of the test's own
# (python3-dbus, python3-gi), python3 for the probe that reads JSON, and what makes the Debian
# package (dpkg-shlibdeps, which reads with file) and checks it.
test_packages="clang libclang-rt-14-dev groff-base tmux tzdata zsh fish valgrind procps pulseaudio pulseaudio-utils
  alsa-utils libasound2-plugins pipewire wireplumber dbus-daemon espeak-ng python3-icalendar
  python3 python3-dbus python3-gi csvkit sqlite3 khal calcurse dpkg-dev file lintian"

say() { printf 'legsup-dev: %s\n' "$*" >&2; }

missing_packages() {
  for package in "$@"; do
    dpkg-query -W -f='${Status}\n' "$package" 2>/dev/null | grep -q '^install ok installed$' ||
      printf '%s ' "$package"
  done
}

install_missing() {
  missing=$(missing_packages "$@")
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" != 0 ]; then
    say "missing packages: $missing"
    say "install them as root: apt-get install $missing"
    exit 1
  fi
  say "installing $missing"
  apt-get update -qq
  dpkg_options=""
  if [ -n "${CI:-}" ]; then
    # A machine that lives for one run: dpkg need not wait for each file to reach the disk, and
    # man-db need not index the manual pages of every package (measured: 187 s to install, 107 s
    # without the waits).
    dpkg_options="-o Dpkg::Options::=--force-unsafe-io"
    echo 'man-db man-db/auto-update boolean false' | debconf-set-selections
  fi
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $dpkg_options \
    $missing >/dev/null
}

# build DIR TARGET [CMAKE-OPTIONS...]: configure once, then build what changed.
build() {
  dir=$1 target=$2
  shift 2
  if [ ! -f "$dir/CMakeCache.txt" ]; then
    cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release -DLEGSUP_WERROR=ON "$@" >/dev/null
  fi
  cmake --build "$dir" --parallel "$(nproc)" --target "$target"
}

command=${1:-}
[ $# -gt 0 ] && shift
case $command in
  run)
    install_missing $build_packages
    build build legsup
    # Without a terminal (a container, CI), nothing here can ring the bell or reach a sound
    # server, and legsup rightly refuses a session no one would hear (exit status 4): the
    # session this command runs to show the build works is then a silent one, and says so.
    if [ "${1:-}" = start ] && ! (: </dev/tty) 2>/dev/null; then
      case " $* " in
        *" --sound"*) ;;
        *)
          say "no terminal here: the session runs with --sound none"
          set -- "$@" --sound none
          ;;
      esac
    fi
    exec build/legsup "$@"
    ;;
  test)
    install_missing $build_packages $test_packages
    # The same tests are run twice: built by GCC, and by Clang under AddressSanitizer and
    # UndefinedBehaviorSanitizer (each compiler finds what the other misses). Both builds first,
    # then both suites at once: every test holds with another suite running beside it (that is
    # the project's standard), and most of each suite waits on sessions in real time (110 s of
    # CPU in 407 s), so two share the cores well.
    # A folder configured for another compiler by an earlier version of this script starts over.
    if [ -f build-sanitize/CMakeCache.txt ] &&
      ! grep -q '^CMAKE_CXX_COMPILER:.*clang++' build-sanitize/CMakeCache.txt; then
      rm -rf build-sanitize
    fi
    build build all
    build build-sanitize all -DCMAKE_CXX_COMPILER=clang++ -DLEGSUP_SANITIZE=ON \
      -DCMAKE_BUILD_TYPE=Debug
    # Two tests for each core in each suite. The sanitizer suite's output is shown after the
    # other's, whole.
    jobs=$(($(nproc) * 2))
    sanitize_log=$(mktemp)
    trap 'rm -f "$sanitize_log"' EXIT
    ctest --test-dir build-sanitize --output-on-failure --parallel "$jobs" >"$sanitize_log" 2>&1 &
    sanitize_suite=$!
    status=0
    ctest --test-dir build --output-on-failure --parallel "$jobs" || status=$?
    sanitized=0
    wait "$sanitize_suite" || sanitized=$?
    say "the same tests, built by Clang with AddressSanitizer and UndefinedBehaviorSanitizer:"
    cat "$sanitize_log"
    [ "$status" = 0 ] || exit "$status"
    exit "$sanitized"
    ;;
  *)
    sed -n '2,6p' "$0" >&2
    exit 2
    ;;
esac
