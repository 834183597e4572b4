# Every file legsup reads is opened one way: what is not a regular file (a FIFO, a folder, a
# socket, a device, a loop of symbolic links) is refused at once, in one line that names it, TAB
# completion included; a config folder that cannot be read is an error, never a config ignored.
source "$(dirname "$0")/lib.sh"
require_programs paths python3

export LEGSUP_LOG=$scratch/sessions.jsonl XDG_STATE_HOME=$scratch/state
kinds=$scratch/kinds
mkdir -p "$kinds/folder"
mkfifo "$kinds/fifo"
/usr/bin/python3 -c "import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])" "$kinds/socket"
ln -s loop-b "$kinds/loop-a"
ln -s loop-a "$kinds/loop-b"
config=$XDG_CONFIG_HOME/legsup/config.json
mark=$XDG_STATE_HOME/legsup/cautions-read

# limited COMMAND...: runs it for at most 10 s (a hang fails, it does not stop the suite), with
# standard input closed; sets $out, $err and $rc.
limited() {
  current="$*"
  out=$(timeout 10 "$@" 2>"$scratch/stderr" </dev/null)
  rc=$? err=$(<"$scratch/stderr")
}
check_not_hung() { [[ $rc != 124 ]] && pass || fail "hung"; }

for path in "$kinds/fifo" "$kinds/folder" "$kinds/socket" /dev/zero "$kinds/loop-a"; do
  # The content, from the option, the environment and the config.
  limited "$LEGSUP_BIN" --content "$path" guide
  check_not_hung
  check_rc 1
  check_one_error_line
  check_err "cannot read $path: "
  LEGSUP_CONTENT=$path limited "$LEGSUP_BIN" guide
  check_not_hung
  check_rc 1
  check_err "cannot read $path: "
  mkdir -p "${config%/*}"
  printf '{"content": "%s"}' "$path" >"$config"
  limited "$LEGSUP_BIN" stats
  check_not_hung
  check_rc 1
  check_err "cannot read $path: "
  # TAB completion of a value that needs the content typed: nothing offered, at once.
  limited "$LEGSUP_BIN" complete -- 5 legsup start --content "$path" --variant ""
  check_not_hung
  check_rc 0
  check_empty_out
  rm "$config"

  # The config file itself: an error for a command that reads settings, a warning for the others.
  ln -s "$path" "$config"
  limited "$LEGSUP_BIN" log add --minutes 5
  check_not_hung
  check_rc 1
  check_one_error_line
  check_err "cannot read $config: "
  [[ $(records) == 0 ]] && pass || fail "logged without its config"
  limited "$LEGSUP_BIN" guide
  check_not_hung
  check_rc 0
  [[ $err == "legsup: warning: the config file is ignored: cannot read $config: "* ]] && pass ||
    fail "no warning"
  limited "$LEGSUP_BIN" complete -- 2 legsup start --v
  check_not_hung
  check_out "--variant"
  [[ -z $err ]] && pass || fail "TAB completion spoke: $err"
  rm "$config"

  # The mark that the cautions were read: something there that is not a file is named.
  mkdir -p "${mark%/*}"
  ln -s "$path" "$mark"
  limited "$LEGSUP_BIN" start --duration 1s --exact --settle 0 --sound none
  check_not_hung
  check_rc 1
  check_one_error_line
  check_err "cannot read $mark: "
  [[ $(records) == 0 ]] && pass || fail "a session ran"
  rm "$mark"

  # The log: every command that reads it.
  for command in "log" "log --last 1" "stats" "log add --minutes 5"; do
    # shellcheck disable=SC2086
    limited "$LEGSUP_BIN" --log "$path" $command
    check_not_hung
    check_rc 1
    check_one_error_line
  done
done
# The issue's own case: a FIFO where the config file should be.
mkdir -p "${config%/*}"
mkfifo "$config"
limited "$LEGSUP_BIN" guide
check_not_hung
check_rc 0
check_err "it is a FIFO, not a regular file"
rm "$config"

# A config folder that cannot be read is an error naming the file, as an unreadable file is;
# nothing goes to the default log instead of the configured one. Root reads anything: it is run
# without its power to bypass permissions, where setpriv can take it away.
bound=()
[[ $(id -u) == 0 ]] &&
  bound=(setpriv --bounding-set=-dac_override,-dac_read_search --inh-caps=-dac_override,-dac_read_search)
printf '{"log": "%s"}' "$scratch/configured.jsonl" >"$config"
unset LEGSUP_LOG
for locked in "${config%/*}" "$config"; do
  chmod 000 "$locked"
  if "${bound[@]}" cat "$config" >/dev/null 2>&1; then
    echo "permissions cannot be checked here (they do not bind this user); skipped" >&2
  else
    limited "${bound[@]}" "$LEGSUP_BIN" log add --minutes 5
    check_rc 1
    check_one_error_line
    [[ $err == "legsup: cannot read $config: Permission denied" ]] && pass || fail "not named"
    [[ ! -e $XDG_DATA_HOME/legsup/sessions.jsonl && ! -e $scratch/configured.jsonl ]] && pass ||
      fail "logged without its config"
  fi
  chmod 700 "$locked"
done

finish
