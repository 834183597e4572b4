# The Debian package that `cpack -G DEB` makes from this build passes lintian with no error and
# no warning, made under a umask of 077; it holds what Debian asks for (a DEP-5 copyright read
# from LICENSE, a changelog for its version, the man page compressed without a name or a time, a
# stripped program) and nothing else; the libraries it links are its Depends, the players and the
# voice only recommended or suggested; a packager's maintainer and homepage are one option each.
source "$(dirname "$0")/../e2e/lib.sh"
: "${LEGSUP_BUILD_DIR:?set LEGSUP_BUILD_DIR}" "${LEGSUP_CPACK:?set LEGSUP_CPACK to cpack}"
: "${LEGSUP_CMAKE:?set LEGSUP_CMAKE to cmake}"

# lintian and dpkg-dev (dpkg-shlibdeps, with file) are what this needs beyond the build.
missing=""
for tool in lintian dpkg-deb dpkg-shlibdeps file; do
  command -v "$tool" >/dev/null || missing+=" $tool"
done
if [[ -n $missing ]]; then
  echo "package: lintian: not installed:$missing (sh cmake/dev.sh test installs lintian, dpkg-dev and file)" >&2
  # In CI the test command installs them: there, a missing tool is a failure. Elsewhere the test
  # is skipped, in CTest's terms (SKIP_RETURN_CODE), not passed with nothing checked.
  [[ -z ${CI:-} ]] && exit 77
  current="the packaging tools" && fail "not installed:$missing"
  finish
  exit $?
fi

version=$("$LEGSUP_BIN" --version) version=${version#legsup }
maintainer=$(sed -n 's/^LEGSUP_MAINTAINER:[A-Z]*=//p' "$LEGSUP_BUILD_DIR/CMakeCache.txt")

# The package, made as a packager with a tight umask would make it, apart from the build's own.
current="cpack -G DEB (umask 077)"
(umask 077 && cd "$scratch" && "$LEGSUP_CPACK" -G DEB --config "$LEGSUP_BUILD_DIR/CPackConfig.cmake" \
  -B "$scratch/out") >"$scratch/cpack.log" 2>&1 && pass || fail "$(tail -5 "$scratch/cpack.log")"
deb=$scratch/out/legsup_${version}_$(dpkg --print-architecture).deb
[[ -f $deb ]] && pass || { fail "no $deb: $(ls "$scratch/out")"; finish; exit 1; }

current="lintian $(basename "$deb")"
lintian --fail-on error,warning "$deb" >"$scratch/lintian.out" 2>"$scratch/lintian.err"
rc=$? out=$(<"$scratch/lintian.out") err=$(grep -v 'running with root privileges' "$scratch/lintian.err")
[[ $rc == 0 && -z $out && -z $err ]] && pass || fail "lintian reports errors or warnings"

field() { dpkg-deb --field "$deb" "$1"; }
current="the package's fields"
out=$(dpkg-deb --field "$deb") rc=0 err=""
[[ $(field Package) == legsup && $(field Version) == "$version" ]] && pass || fail "name or version"
[[ -n $maintainer && $(field Maintainer) == "$maintainer" ]] && pass || fail "Maintainer is not LEGSUP_MAINTAINER ($maintainer)"
[[ $(field Section) == utils && $(field Priority) == optional ]] && pass || fail "section or priority"
# Depends: what the program links, found by dpkg-shlibdeps; never a player, the voice or a notifier.
depends=$(field Depends)
[[ $depends == *"libc6 (>= "* && $depends == *"libfmt"* && $depends == *"libstdc++6 (>= "* ]] && pass ||
  fail "Depends lacks the linked libraries"
for package in pulseaudio-utils pipewire-bin alsa-utils espeak-ng libnotify-bin; do
  [[ $depends != *"$package"* ]] && pass || fail "Depends names $package"
done
[[ $(field Recommends) == "pulseaudio-utils | pipewire-bin | alsa-utils" ]] && pass || fail "Recommends"
[[ $(field Suggests) == "espeak-ng, libnotify-bin" ]] && pass || fail "Suggests"
# Debian's limits on a description: a summary of at most 80 characters, lines of at most 80.
(($(field Description | awk '{ if (length > n) n = length } END { print n }') <= 80)) && pass ||
  fail "a description line is longer than 80 characters"

# What the package holds, exactly.
current="the package's files"
dpkg-deb --extract "$deb" "$scratch/root"
out=$(cd "$scratch/root" && find . -type f -o -type l | sort)
expected="./usr/bin/legsup
./usr/share/bash-completion/completions/legsup
./usr/share/doc/legsup/changelog.gz
./usr/share/doc/legsup/copyright
./usr/share/fish/vendor_completions.d/legsup.fish
./usr/share/legsup/legsup.json
./usr/share/man/man1/legsup.1.gz
./usr/share/zsh/vendor-completions/_legsup"
[[ $out == "$expected" ]] && pass || fail "expected exactly: $expected"
out=$(cd "$scratch/root" && find . -type d ! -perm 0755) && [[ -z $out ]] && pass || fail "folders not 0755"
cmp -s "$scratch/root/usr/share/zsh/vendor-completions/_legsup" "$LEGSUP_SOURCE_DIR/completions/_legsup" &&
  pass || fail "the zsh completion differs from completions/_legsup"
out=$(file -b "$scratch/root/usr/bin/legsup")
[[ $out == *", stripped"* ]] && pass || fail "the program is not stripped"

# gzip -9n: the original's bytes, and no name or time in the header (the same sources, the same
# bytes).
check_gzip() {
  current="$2"
  local header
  header=$(od -An -tu1 -N8 "$1" | xargs)
  read -r -a bytes <<<"$header"
  ((bytes[0] == 31 && bytes[1] == 139 && (bytes[3] & 8) == 0 && bytes[4] + bytes[5] + bytes[6] + bytes[7] == 0)) &&
    pass || fail "not gzip, or a name or a time in its header: $header"
}
check_gzip "$scratch/root/usr/share/man/man1/legsup.1.gz" "legsup.1.gz"
gzip -dc "$scratch/root/usr/share/man/man1/legsup.1.gz" | cmp -s - "$LEGSUP_SOURCE_DIR/man/legsup.1" && pass ||
  fail "the man page differs from man/legsup.1"
check_gzip "$scratch/root/usr/share/doc/legsup/changelog.gz" "changelog.gz"
out=$(gzip -dc "$scratch/root/usr/share/doc/legsup/changelog.gz")
[[ ${out%%$'\n'*} == "legsup ($version) "* ]] && pass || fail "the changelog's latest entry is not $version"
[[ $out == *" -- $maintainer  "* ]] && pass || fail "the changelog's entry is not signed by the maintainer"

# The copyright: machine-readable, its licence the text of LICENSE.
current="copyright"
out=$(<"$scratch/root/usr/share/doc/legsup/copyright")
[[ ${out%%$'\n'*} == "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/" ]] && pass ||
  fail "not DEP-5"
holder=$(sed -n 's/^Copyright (c) //p' "$LEGSUP_SOURCE_DIR/LICENSE")
[[ $out == *$'\nFiles: *\nCopyright: '"$holder"$'\nLicense: Expat\n'* ]] && pass || fail "Files: * lacks $holder"
licence=$(awk 'prev == "" && /^License: Expat$/ { on = 1; next } { prev = $0 } on && /^$/ { exit } on { sub(/^ /, ""); print ($0 == "." ? "" : $0) }' \
  "$scratch/root/usr/share/doc/legsup/copyright")
[[ -n $licence && $licence == "$(sed -n '/^Permission is hereby granted/,$p' "$LEGSUP_SOURCE_DIR/LICENSE")" ]] && pass ||
  fail "the Expat licence's text is not LICENSE's"
[[ $out != *Source:* ]] && pass || fail "a Source with no homepage"

# A packager's maintainer and homepage, one option each: in the control fields, the copyright and
# the changelog. A maintainer lintian would refuse is refused when configuring.
configure() {
  rm -rf "$scratch/conf"
  "$LEGSUP_CMAKE" -S "$LEGSUP_SOURCE_DIR" -B "$scratch/conf" -DLEGSUP_TESTS=OFF "$@" >"$scratch/conf.out" 2>&1
}
current="cmake -DLEGSUP_MAINTAINER -DLEGSUP_HOMEPAGE"
configure "-DLEGSUP_MAINTAINER=Pat Packager <pat@packagers.example>" -DLEGSUP_HOMEPAGE=https://legsup.example/ &&
  pass || fail "$(<"$scratch/conf.out")"
grep -qx 'set(CPACK_DEBIAN_PACKAGE_MAINTAINER "Pat Packager <pat@packagers.example>")' "$scratch/conf/CPackConfig.cmake" &&
  grep -qx 'set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://legsup.example/")' "$scratch/conf/CPackConfig.cmake" &&
  pass || fail "not in CPackConfig.cmake"
grep -qx 'Upstream-Contact: Pat Packager <pat@packagers.example>' "$scratch/conf/packaging/copyright" &&
  grep -qx 'Source: https://legsup.example/' "$scratch/conf/packaging/copyright" && pass ||
  fail "not in the copyright"
grep -qx ' -- Pat Packager <pat@packagers.example>  .*' "$scratch/conf/packaging/changelog" && pass ||
  fail "not in the changelog"
# refused_option OPTION MESSAGE: configuring with OPTION fails, saying MESSAGE.
refused_option() {
  current="cmake $1"
  if configure "$1"; then
    fail "accepted"
  else
    # CMake wraps its messages: compared with every run of spaces and line ends as one space.
    [[ $(tr -s ' \n' '  ' <"$scratch/conf.out") == *"$2"* ]] && pass || fail "$(<"$scratch/conf.out")"
  fi
}
for bad in "legsup <legsup@localhost>" "pat@packagers.example" "Pat <pat>"; do
  refused_option "-DLEGSUP_MAINTAINER=$bad" "LEGSUP_MAINTAINER is '$bad': expected Name <user@host.domain>"
done
refused_option -DLEGSUP_HOMEPAGE=legsup.example "LEGSUP_HOMEPAGE is 'legsup.example': expected https://"

finish
