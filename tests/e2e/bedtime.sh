# The README's bedtime routine, run where it will run: from cron's environment (env -i with
# PATH=/usr/bin:/bin), with legsup installed under a prefix that stands for /usr/local. It finds
# legsup and prints a human line, or fails loudly when legsup is not there. The README's config
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
# A short bedtime, silent, that counts towards the streak.
cat >"$home/.config/legsup/config.json" <<'EOF'
{
  "streak-minimum": "1s",
  "presets": {"bedtime": {"duration": "2s", "settle": "0", "sound": "none", "variant": "bed"}}
}
EOF

current="the bedtime script from cron's environment"
out=$(env -i PATH=/usr/bin:/bin HOME="$home" LOGNAME=nobody SHELL=/bin/sh sh "$scratch/wind-down" \
  2>"$scratch/stderr" </dev/null)
rc=$? err=$(<"$scratch/stderr")
check_rc 0
[[ $(tail -1 <<<"$out") == "Done. 1 night in a row." ]] && pass || fail "last line: $(tail -1 <<<"$out")"
check_no_out "{"
check_no_out "current_streak"
check_err "legsup cautions"  # pointed to, not asked: nothing waits
[[ $(wc -l <"$home/.local/share/legsup/sessions.jsonl") == 1 ]] && pass || fail "not logged"

current="the bedtime script where legsup is not installed"
if [[ -e /usr/bin/legsup || -e /bin/legsup ]]; then
  echo "e2e: bedtime: legsup is installed in /usr/bin here: the missing case is not tried" >&2
else
  rm "$prefix/bin/legsup"
  out=$(env -i PATH=/usr/bin:/bin HOME="$home" sh "$scratch/wind-down" 2>"$scratch/stderr" </dev/null)
  rc=$? err=$(<"$scratch/stderr")
  check_rc 127
  check_err "wind-down: legsup is not installed in $prefix/bin"
  [[ -z $out ]] && pass || fail "printed: $out"
fi

finish
