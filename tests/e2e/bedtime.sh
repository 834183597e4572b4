# The README's bedtime routine, run where it will run: from cron's environment (env -i with
# PATH=/usr/bin:/bin, no terminal), with legsup installed under a prefix that stands for
# /usr/local. It finds legsup and the user's sound server and prints a human line; it fails
# loudly when nothing could be heard, and when legsup is not there. The README's config
# examples are read by legsup config too.
source "$(dirname "$0")/lib.sh"

readme=$LEGSUP_SOURCE_DIR/README.md
# The first code block of a language after a heading of the README.
block_after() {
  awk -v heading="$1" -v fence="\`\`\`$2" '
    $0 == heading { found = 1; next }
    found && !inside && $0 == fence { inside = 1; next }
    inside && $0 == "```" { exit }
    inside { print }' "$readme"
}

current="the README's examples of a config file"
home=$scratch/home
mkdir -p "$home/.config/legsup"
for heading in "## A bedtime routine" "## Configuration"; do
  block_after "$heading" json >"$home/.config/legsup/config.json"
  [[ -s $home/.config/legsup/config.json ]] && pass || fail "no JSON block under $heading"
  out=$(env -i PATH=/usr/bin:/bin HOME="$home" "$LEGSUP_BIN" config 2>&1)
  rc=$?
  check_rc 0
  check_out "preset bedtime"
done

# The script as the README gives it, legsup installed under a prefix in place of /usr/local.
prefix=$scratch/usr/local
block_after "## A bedtime routine" sh | sed "s|/usr/local|$prefix|g" >"$scratch/wind-down"
current="the bedtime script"
grep -q "legsup start bedtime" "$scratch/wind-down" && pass || fail "no script found in the README"
mkdir -p "$prefix/bin"
cp "$LEGSUP_BIN" "$prefix/bin/legsup"
# A short bedtime with chimes, that counts towards the streak, played by a fake pacat beside
# legsup that, as the real one, reaches the server only through XDG_RUNTIME_DIR (cron sets none).
cat >"$home/.config/legsup/config.json" <<'EOF'
{
  "streak-minimum": "1s",
  "presets": {"bedtime": {"duration": "2s", "exact": true, "settle": "0", "sound": "chime", "variant": "bed"}}
}
EOF
cat >"$prefix/bin/pacat" <<'PLAYER'
#!/bin/sh
if [ -z "$XDG_RUNTIME_DIR" ]; then echo "Connection failure: Connection refused" >&2; exit 1; fi
echo "$XDG_RUNTIME_DIR" >>"$HOME/runtime"
exec /bin/cat >/dev/null
PLAYER
chmod +x "$prefix/bin/pacat"

# as_cron [MODE]: the script as cron runs it (env -i, no terminal); with a MODE, where
# /run/user/UID is a folder of MODE of its own, or none, in a private mount namespace. $out, $err,
# $rc.
as_cron() {
  rm -f "$home/runtime"
  local namespace=()
  [[ -n ${1:-} ]] && namespace=(unshare -Urm sh -c 'mount -t tmpfs tmpfs /run || exit 99
    [ "$1" = none ] || { mkdir -p "/run/user/$(id -u)" && chmod "$1" "/run/user/$(id -u)"; }
    shift; exec "$@"' sh "$1")
  out=$("${namespace[@]}" setsid -w env -i PATH=/usr/bin:/bin HOME="$home" LOGNAME=nobody \
    DBUS_SYSTEM_BUS_ADDRESS="$DBUS_SYSTEM_BUS_ADDRESS" \
    SHELL=/bin/sh sh "$scratch/wind-down" 2>"$scratch/stderr" </dev/null)
  rc=$? err=$(<"$scratch/stderr")
}
logged() { wc -l <"$home/.local/share/legsup/sessions.jsonl" 2>/dev/null || echo 0; }

if ! unshare -Urm true 2>/dev/null; then
  echo "e2e: bedtime: no private mount namespace here: the machine's own /run/user/UID is tried" >&2
  folder=/run/user/$(id -u)
  current="the bedtime script from cron's environment, $folder as the machine has it"
  as_cron
  if [[ -d $folder && ! -L $folder && -O $folder && $(($(stat -c 0%a "$folder") & 077)) == 0 ]]; then
    check_rc 0
    [[ $(<"$home/runtime") == "$folder" ]] && pass || fail "the player was given: $(cat "$home/runtime")"
  else
    check_rc 4
    check_err "nothing would be heard: pacat failed (exit 1: Connection failure: Connection refused)"
  fi
else
  current="the bedtime script from cron's environment, the desktop session's folder there"
  as_cron 700
  check_rc 0
  [[ $(tail -1 <<<"$out") == "Done. 1 night in a row." ]] && pass || fail "last line: $(tail -1 <<<"$out")"
  check_no_out "{"
  check_no_out "current_streak"
  check_err "legsup cautions" # pointed to, not asked: nothing waits
  [[ $(<"$home/runtime") == /run/user/0 ]] && pass || fail "the player was given: $(cat "$home/runtime")"
  [[ $(logged) == 1 ]] && pass || fail "not logged"

  for mode in none 755; do
    current="the bedtime script from cron's environment, /run/user/UID: $mode"
    as_cron "$mode"
    check_rc 4
    check_err "legsup: not started: nothing would be heard: pacat failed (exit 1: Connection failure: Connection refused), and there is no terminal"
    [[ $(tail -1 <<<"$err") == "Not started: nothing could be heard (legsup said why). Try: legsup sound" ]] &&
      pass || fail "the script's last line: $(tail -1 <<<"$err")"
    check_empty_out
    [[ ! -e $home/runtime ]] && pass || fail "the player was given: $(cat "$home/runtime")"
    [[ $(logged) == 1 ]] && pass || fail "a session nobody heard was logged"
  done
fi

current="the bedtime script where legsup is not installed"
if [[ -e /usr/bin/legsup || -e /bin/legsup ]]; then
  echo "e2e: bedtime: legsup is installed in /usr/bin here: the missing case is not tried" >&2
else
  rm "$prefix/bin/legsup"
  out=$(env -i PATH=/usr/bin:/bin HOME="$home" DBUS_SYSTEM_BUS_ADDRESS="$DBUS_SYSTEM_BUS_ADDRESS" sh "$scratch/wind-down" 2>"$scratch/stderr" </dev/null)
  rc=$? err=$(<"$scratch/stderr")
  check_rc 127
  check_err "wind-down: legsup is not installed in $prefix/bin"
  [[ -z $out ]] && pass || fail "printed: $out"
fi

finish
