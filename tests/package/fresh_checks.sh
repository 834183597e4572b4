# What tests/package/fresh_install.sh checks, run as root inside the fresh Debian 12 root it made:
# the package installed with apt, used by a user as a person would (a session, the sound check,
# the man page, TAB in bash, zsh and fish), then removed, installed again and purged, leaving
# nothing of itself behind and the user's own data where it was.
#   usage: bash fresh_checks.sh PACKAGE.deb
set -u
deb=$1
user=sam home=/home/sam
passed=0 failed=0 current=""
pass() { passed=$((passed + 1)); }
fail() {
  failed=$((failed + 1))
  printf 'FAIL: %s\n  %s\n' "$current" "$1" >&2
}
say() { printf 'fresh_install: %s\n' "$*"; }
# took START: the seconds since START (a reading of $EPOCHREALTIME), to a tenth.
took() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f s", b - a }'; }
# as_user COMMAND...: COMMAND as the user, in a login's environment: no terminal, no sound server.
as_user() {
  runuser -u "$user" -- env -i HOME=$home USER=$user LOGNAME=$user SHELL=/bin/bash LANG=C.UTF-8 \
    PATH=/usr/local/bin:/usr/bin:/bin "$@"
}
# files: every path of the system, but what changes whatever apt does (its lists and caches,
# dpkg's database files, whose contents say what is installed, logs, man-db's index) and what is
# not on the disk. What dpkg keeps of each package (/var/lib/dpkg/info) is compared.
files() {
  find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -path /run -o -path /tmp \
    -o -path /var/lib/apt -o -path /var/cache/apt -o -path /var/cache/debconf -o -path /var/log \
    -o -path /var/cache/man -o -path /var/cache/ldconfig -o -path /var/lib/dpkg/updates \
    -o -path /var/lib/dpkg/triggers \) -prune -o -print | grep -v -x '/var/lib/dpkg/[^/]*' | sort
}
packages() { dpkg-query -W -f '${Package}\n' | sort; }
user_data() { (cd "$home" && find .local/share/legsup .local/state/legsup -type f -exec sha256sum {} + 2>/dev/null | sort); }

# A user of the machine, as a fresh install has one: bash with the skeleton's .bashrc (which
# turns on bash-completion), zsh with the .zshrc zsh's set-up for new users writes (Debian's own
# zshrc starts the completion system on Ubuntu only), fish as it comes.
useradd --create-home --shell /bin/bash "$user"
echo 'autoload -Uz compinit && compinit' >"$home/.zshrc"
chown "$user:" "$home/.zshrc"
apt-get update -qq
files >/tmp/files.before
packages >/tmp/packages.before

current="apt install ./$(basename "$deb")"
start=$EPOCHREALTIME
apt install -y "$deb" >/tmp/install.log 2>&1 && pass || fail "$(tail -5 /tmp/install.log)"
comm -13 /tmp/packages.before <(packages) >/tmp/pulled
say "apt install ./$(basename "$deb"): $(took "$start"), $(grep -o 'Need to get [^.]*' /tmp/install.log | head -1)"
say "  pulled in $(($(wc -l </tmp/pulled) - 1)) packages beside legsup: $(grep -v -x legsup /tmp/pulled | xargs)"
say "  Depends: $(dpkg-query -W -f '${Depends}' legsup)"
say "  Recommends: $(dpkg-query -W -f '${Recommends}' legsup); Suggests: $(dpkg-query -W -f '${Suggests}' legsup)"
# What dpkg-shlibdeps found (fmt's library, not in a minimal system), a player recommended and
# installed with it, and what is only suggested left out.
for package in legsup libfmt9 pulseaudio-utils; do
  grep -q -x "$package" /tmp/pulled && pass || fail "$package not installed"
done
for package in espeak-ng libnotify-bin; do
  grep -q -x "$package" /tmp/pulled && fail "$package (suggested) installed" || pass
done
dpkg -L legsup | sort >/tmp/package.files

# run_user COMMAND...: as the user, standard input closed; sets out, err and rc.
run_user() {
  current="$*"
  out=$(as_user "$@" 2>/tmp/stderr </dev/null)
  rc=$?
  err=$(</tmp/stderr)
}
check_rc() { [[ $rc == "$1" ]] && pass || fail "exit $rc, expected $1; stdout: ${out:0:300}; stderr: ${err:0:300}"; }

run_user legsup --version
check_rc 0
say "$out, at $(command -v legsup)"

start=$EPOCHREALTIME
run_user legsup start --minutes 1 --yes --sound none
check_rc 0
log=$home/.local/share/legsup/sessions.jsonl
[[ -f $log && $(wc -l <"$log") == 1 ]] && pass || fail "no session in $log"
say "legsup start --minutes 1 --yes --sound none: exit $rc after $(took "$start") (a settle-in of 30 s, then the minute)"

# No terminal to ring the bell on, no player that works: not started, nothing logged (status 4).
run_user setsid -w legsup start --minutes 1 --yes --sound bell
check_rc 4
[[ $(wc -l <"$log") == 1 ]] && pass || fail "a session nobody could hear was logged"
[[ $err == legsup:* && $err != *$'\n'* ]] && pass || fail "not one line: $err"
say "legsup start --sound bell, no terminal: exit $rc: $err"

run_user legsup sound --sound none
check_rc 0
[[ $out == *"--sound none: nothing to hear"* ]] && pass || fail "stdout: $out"

run_user env MANPAGER=cat MANWIDTH=80 man legsup
check_rc 0
[[ $out == *NAME*"legsup - "*SYNOPSIS* && -z $err ]] && pass || fail "not the page, or warnings: ${err:0:300}"
run_user man -w legsup
[[ $out == /usr/share/man/man1/legsup.1.gz ]] && pass || fail "man finds: $out"
say "man legsup: $(as_user env MANPAGER=cat MANWIDTH=80 man legsup 2>/dev/null | wc -l) lines, from $out"

# TAB in each shell, as typed on a terminal (tmux): `legsup st` offers start and stats,
# `legsup start --so` becomes --sound.
tm() { as_user tmux -L fresh "$@"; }
screen() { tm capture-pane -p -t "$1"; }
# wait_screen SHELL TEXT...: until the screen shows each TEXT (30 s at most).
wait_screen() {
  local shell=$1 deadline=$((SECONDS + 30)) shown text found
  shift
  while ((SECONDS < deadline)); do
    shown=$(screen "$shell") found=1
    for text in "$@"; do [[ $shown == *"$text"* ]] || found=0; done
    ((found)) && return 0
    sleep 0.1
  done
  return 1
}
for shell in bash zsh fish; do
  current="TAB in $shell"
  tm new-session -d -s "$shell" -x 120 -y 30 "$shell"
  tm send-keys -t "$shell" -l 'echo READY' && tm send-keys -t "$shell" Enter
  wait_screen "$shell" $'\nREADY' || fail "the shell never answered: $(screen "$shell")"
  # TAB completes what the two have in common; two more list them (bash lists only when a TAB
  # added nothing).
  tm send-keys -t "$shell" -l 'legsup st' && tm send-keys -t "$shell" Tab
  wait_screen "$shell" 'legsup sta' && tm send-keys -t "$shell" Tab Tab
  wait_screen "$shell" start stats && pass || fail "legsup st<TAB> offers: $(screen "$shell")"
  offered=$(screen "$shell" | grep -o -w -e start -e stats | sort -u | xargs)
  tm send-keys -t "$shell" C-c
  tm send-keys -t "$shell" -l 'legsup start --so' && tm send-keys -t "$shell" Tab
  wait_screen "$shell" 'legsup start --sound' && pass || fail "legsup start --so<TAB> gives: $(screen "$shell")"
  say "TAB in $shell: legsup st -> $offered; legsup start --so -> $(screen "$shell" | grep -o 'legsup start --sound' | tail -1)"
  tm kill-session -t "$shell"
done
tm kill-server 2>/dev/null
user_data >/tmp/user_data.before

# apt remove: nothing of the package is left but what was there before it or another package
# holds (a folder it shares with what it pulled in); the user's data stays.
current="apt remove legsup"
start=$EPOCHREALTIME
apt remove -y legsup >/tmp/remove.log 2>&1 && pass || fail "$(tail -5 /tmp/remove.log)"
say "apt remove legsup: $(took "$start")"
files >/tmp/files.removed
left=$(comm -12 /tmp/package.files /tmp/files.removed | comm -23 - /tmp/files.before |
  while read -r path; do dpkg-query -S "$path" >/dev/null 2>&1 || echo "$path"; done)
[[ -z $left ]] && pass || fail "left behind: $left"
dpkg-query -W -f '${db:Status-Abbrev}' legsup 2>/dev/null | grep -q '^.i' && fail "still installed" || pass
[[ $(user_data) == "$(</tmp/user_data.before)" && -s /tmp/user_data.before ]] && pass ||
  fail "the user's data changed"

# Installed again, then purged with what it pulled in: the system's files are the ones it had
# before, but the user's own.
current="apt purge --autoremove legsup"
apt install -y "$deb" >/tmp/install2.log 2>&1 && pass || fail "install again: $(tail -5 /tmp/install2.log)"
start=$EPOCHREALTIME
apt purge -y --autoremove legsup >/tmp/purge.log 2>&1 && pass || fail "$(tail -5 /tmp/purge.log)"
say "apt purge --autoremove legsup: $(took "$start"), $(grep -o '[0-9][0-9]* to remove' /tmp/purge.log | head -1)"
files >/tmp/files.purged
[[ $(packages) == "$(</tmp/packages.before)" ]] && pass ||
  fail "packages differ: $(diff /tmp/packages.before <(packages) | grep '^[<>]' | xargs)"
changed=$(diff /tmp/files.before /tmp/files.purged | grep '^[<>]' | grep -v "^> $home/")
[[ -z $changed ]] && pass || fail "the system's files differ from before: $changed"
[[ $(user_data) == "$(</tmp/user_data.before)" ]] && pass || fail "the user's data changed"
say "after purge, beside the system as it was: the user's own $(comm -13 /tmp/files.before /tmp/files.purged |
  grep -c "^$home/") paths in $home, among them $(user_data | awk '{ print $2 }' | xargs)"

echo "fresh_install: $passed passed, $failed failed"
((failed == 0))
