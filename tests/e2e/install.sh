# cmake --install places every file where GNUInstallDirs says, and the installed program runs.
source "$(dirname "$0")/lib.sh"
: "${LEGSUP_BUILD_DIR:?set LEGSUP_BUILD_DIR}"

prefix=$scratch/prefix
current="cmake --install --prefix"
cmake --install "$LEGSUP_BUILD_DIR" --prefix "$prefix" >"$scratch/install.log" 2>&1 && pass ||
  fail "install failed: $(<"$scratch/install.log")"
for file in bin/legsup share/man/man1/legsup.1 share/legsup/legsup.json \
  share/bash-completion/completions/legsup share/zsh/site-functions/_legsup \
  share/fish/vendor_completions.d/legsup.fish; do
  [[ -s $prefix/$file ]] && pass || fail "missing $file"
done
# The Debian package's own files (packaging/deb.cmake) are not a plain install's.
for file in share/man/man1/legsup.1.gz share/zsh/vendor-completions share/doc/legsup; do
  [[ ! -e $prefix/$file ]] && pass || fail "a plain install holds the package's $file"
done
[[ -x $prefix/bin/legsup ]] && pass || fail "bin/legsup is not executable"
cmp -s "$prefix/share/legsup/legsup.json" "$LEGSUP_SOURCE_DIR/data/legsup.json" && pass ||
  fail "the installed content differs from data/legsup.json"
LEGSUP_BIN=$prefix/bin/legsup run --version
check_rc 0
check_out "legsup "
# The installed content file is a valid starting point for one's own.
LEGSUP_BIN=$prefix/bin/legsup run --content "$prefix/share/legsup/legsup.json" cautions
check_rc 0
# `legsup completion` prints exactly the installed scripts.
LEGSUP_BIN=$prefix/bin/legsup run completion bash
[[ $out == "$(<"$prefix/share/bash-completion/completions/legsup")" ]] && pass || fail "bash script differs"

finish
