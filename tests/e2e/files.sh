# Files: the log and its folder are private whatever the umask; players run without a shell;
# no temporary file is left behind by any ending.
source "$(dirname "$0")/lib.sh"

export TMPDIR=$scratch/tmp
mkdir -p "$TMPDIR"
for mask in 000 022 077; do
  log=$scratch/umask-$mask/deep/sessions.jsonl
  (umask "$mask" && "$LEGSUP_BIN" log add --minutes 5 --log "$log" >/dev/null)
  current="umask $mask"
  [[ $(stat -c %a "$log") == 600 ]] && pass || fail "log mode $(stat -c %a "$log")"
  [[ $(stat -c %a "$scratch/umask-$mask") == 700 && $(stat -c %a "$scratch/umask-$mask/deep") == 700 ]] &&
    pass || fail "folder modes"
done

# A player in a folder whose name a shell would run: started with exec, the name stays a name.
weird="$scratch/bin with spaces;\$(touch $scratch/pwned)"
mkdir -p "$weird"
printf '#!/bin/sh\necho "$0 $*" >>"%s/played"\nexec /bin/cat >/dev/null\n' "$scratch" >"$weird/aplay"
chmod +x "$weird/aplay"
PATH="$weird" run start --duration 1s --exact --settle 0 --sound chime --no-log --yes
check_rc 0
[[ ! -e $scratch/pwned ]] && pass || fail "a shell ran the player's path"
[[ $(<"$scratch/played") == *"bin with spaces;"*"/aplay -q -t raw"* ]] && pass || fail "played: $(cat "$scratch/played")"

# No temporary files: after sessions that complete, are killed, or fail to log.
export LEGSUP_LOG=$scratch/sessions.jsonl
"$LEGSUP_BIN" start --duration 1s --exact --settle 0 --sound none >/dev/null
"$LEGSUP_BIN" start --duration 30s --exact --settle 0 --sound none >/dev/null &
sleep 0.5
kill -TERM $!
wait $! 2>/dev/null
"$LEGSUP_BIN" start --duration 30s --exact --settle 0 --sound none >/dev/null &
sleep 0.5
kill -KILL $!
wait $! 2>/dev/null
(ulimit -f 0; "$LEGSUP_BIN" start --duration 1s --exact --settle 0 --sound none --log "$scratch/full.jsonl" >/dev/null 2>&1)
current="temporary files"
[[ -z $(ls -A "$TMPDIR") ]] && pass || fail "left in TMPDIR: $(ls -A "$TMPDIR")"
[[ $(ls -A "$scratch" | grep -v -e '^tmp$' -e '^umask-' -e '^bin with' -e '^played$' -e '^sessions.jsonl$' -e '^home$' -e '^stderr$' -e '^full' | wc -l) == 0 ]] &&
  pass || fail "stray files: $(ls -A "$scratch")"

# A disk that fills up: a small tmpfs, where the test may mount one.
if unshare --mount true 2>/dev/null; then
  current="a full tmpfs"
  mkdir -p "$scratch/full"
  unshare --mount bash -c '
    set -u
    dir=$1 bin=$2
    mount -t tmpfs -o size=64k legsup-full "$dir" || exit 3
    "$bin" log add --minutes 5 --log "$dir/sessions.jsonl" >/dev/null || exit 4
    head -c 60000 /dev/zero >"$dir/filler" 2>/dev/null
    # Fill what is left, to the last block.
    head -c 1000000 /dev/zero >>"$dir/filler" 2>/dev/null
    before=$(cksum <"$dir/sessions.jsonl")
    note=$(head -c 4000 /dev/zero | tr "\0" n)
    "$bin" log add --minutes 5 --note "$note" --log "$dir/sessions.jsonl" 2>"$dir/../full.err"
    status=$?
    after=$(cksum <"$dir/sessions.jsonl")
    files=$(ls "$dir" | tr "\n" " ")
    echo "$status|$before|$after|$files" >"$dir/../full.result"
  ' _ "$scratch/full" "$LEGSUP_BIN" 2>/dev/null
  if [[ -f $scratch/full.result ]]; then
    IFS='|' read -r status before after files <"$scratch/full.result"
    [[ $status == 1 ]] && pass || fail "exit $status on a full disk"
    [[ $(<"$scratch/full.err") == "legsup: cannot write to the log "*"No space left on device" ]] && pass ||
      fail "message: $(<"$scratch/full.err")"
    [[ $before == "$after" ]] && pass || fail "the log changed on a full disk"
    [[ $files == "filler sessions.jsonl " ]] && pass || fail "files left: $files"
  else
    echo "tmpfs could not be mounted here; the disk-full case is covered by /dev/full" >&2
  fi
fi

finish
