#!/bin/bash
# The Debian package as a new user meets it: made from a build by cpack, installed with
# `apt install ./legsup_*.deb` in a fresh, minimal Debian 12 root (mmdebstrap), used, then removed
# and purged. What it checks there is fresh_checks.sh, beside this file.
#
# usage, as root: bash tests/package/fresh_install.sh [BUILD_DIR]
#   BUILD_DIR  a build of legsup (default: build): its program is the one packaged
# Environment:
#   LEGSUP_FRESH_CACHE    where the base system is kept (default: BUILD_DIR/fresh-debian)
#   LEGSUP_FRESH_SOURCES  an apt sources file for Debian 12 (default: the machine's own)
#
# The base is Debian's minbase with what a person who uses the shells has: man-db,
# bash-completion, zsh, fish, and tmux to press TAB in them. It is built once (a minute or two)
# and kept; every run starts from a fresh copy of it. Needs mmdebstrap (installed if missing),
# dpkg-dev and file (for cpack), and Debian's packages from the apt sources. Takes about three
# minutes, half of them the session of one minute and its settle-in.
set -euo pipefail

[[ $(id -u) == 0 ]] || { echo "fresh_install: needs root (mmdebstrap, chroot)" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd -P)
build=$(cd "${1:-$here/../../build}" 2>/dev/null && pwd -P) ||
  { echo "fresh_install: no build folder ${1:-build}" >&2; exit 2; }
[[ -f $build/CPackConfig.cmake && -x $build/legsup ]] ||
  { echo "fresh_install: $build is not a build of legsup (cmake --build it first)" >&2; exit 2; }
cache=${LEGSUP_FRESH_CACHE:-$build/fresh-debian}
say() { printf 'fresh_install: %s\n' "$*"; }
took() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f s", b - a }'; }

# The machine's own apt sources (what apt reads), unless a file is given: they must hold Debian 12.
sources=()
if [[ -n ${LEGSUP_FRESH_SOURCES:-} ]]; then
  sources=("$LEGSUP_FRESH_SOURCES")
else
  [[ -s /etc/apt/sources.list ]] && grep -q '^[[:space:]]*deb' /etc/apt/sources.list && sources+=(/etc/apt/sources.list)
  for file in /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [[ -f $file ]] && sources+=("$file")
  done
fi
((${#sources[@]})) && grep -q -w bookworm "${sources[@]}" ||
  { echo "fresh_install: no apt source for Debian 12 (bookworm): set LEGSUP_FRESH_SOURCES to one" >&2; exit 2; }

work=$(mktemp -d /tmp/legsup-fresh.XXXXXX)
trap 'rm -rf "$work"' EXIT

# The package, from the build's program (as the test `package: lintian` makes it).
start=$EPOCHREALTIME
cpack=$(sed -n "s/^CMAKE_CPACK_COMMAND:INTERNAL=//p" "$build/CMakeCache.txt")
(cd "$work" && "$cpack" -G DEB --config "$build/CPackConfig.cmake" -B "$work/out") >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log" >&2; exit 1; }
deb=$(echo "$work"/out/legsup_*.deb)
say "cpack -G DEB: $(took "$start"), $(basename "$deb"): $(stat -c %s "$deb") bytes, installed size $(dpkg-deb --field "$deb" Installed-Size) KiB"

# The base system, built once.
include=man-db,bash-completion,zsh,fish,tmux,ca-certificates
base=$cache/bookworm-minbase-$(printf '%s' "$include" | cksum | cut -d' ' -f1).tar
if [[ ! -s $base ]]; then
  command -v mmdebstrap >/dev/null ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mmdebstrap >/dev/null; }
  say "building a minimal Debian 12 with $include (once, kept in $cache)"
  start=$EPOCHREALTIME
  mkdir -p "$cache"
  mmdebstrap --quiet --format=tar --variant=minbase --include="$include" bookworm "$base.tmp" "${sources[@]}"
  mv "$base.tmp" "$base"
  say "base system: $(took "$start"), $(stat -c %s "$base") bytes"
fi

root=$work/root
mkdir "$root"
start=$EPOCHREALTIME
tar -xf "$base" -C "$root"
cp /etc/resolv.conf "$root/etc/resolv.conf"
install -m 0644 "$deb" "$here/fresh_checks.sh" "$root/tmp/"
say "a fresh root from the base: $(took "$start")"

# In a mount namespace of its own: what is mounted there goes with it.
start=$EPOCHREALTIME
set +e
unshare --mount --fork bash -c '
  mount -t proc proc "$1/proc" && mount --rbind /dev "$1/dev" &&
  exec chroot "$1" env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive bash /tmp/fresh_checks.sh "/tmp/$2" </dev/null' \
  _ "$root" "$(basename "$deb")"
rc=$?
say "the checks in the root: $(took "$start"), exit status $rc"
exit $rc
