# What the terminal tests share (source it after lib.sh; each test ends tmux itself): tmux on the
# test's own socket (tm), a session named e2e whose command lines write their exit status to
# $scratch/rc.
# A test that needs a server (and socket) of its own for each terminal defines tm first.
declare -F tm >/dev/null || tm() { tmux -S "$scratch/tmux.sock" "$@"; }
# start_terminal COLUMNS ROWS: the session, a bash with a clean environment (LEGSUP_LOG kept).
start_terminal() {
  tm -f /dev/null new-session -d -s e2e -x "$1" -y "$2" "env -i HOME=$HOME TERM=xterm-256color LANG=C.UTF-8 LEGSUP_LOG=$LEGSUP_LOG DBUS_SYSTEM_BUS_ADDRESS=$DBUS_SYSTEM_BUS_ADDRESS PATH=/usr/bin:/bin bash --norc --noprofile"
  tm set-option -g status off >/dev/null
}
screen() { tm capture-pane -p -t e2e; }
type_line() { tm send-keys -t e2e -l "$1"; tm send-keys -t e2e Enter; }
# fresh_line COMMAND: "clear; COMMAND" typed once the last command's text is gone from the screen:
# what it showed must not be taken for what the next one shows (a loaded machine may run the
# clear late).
fresh_line() {
  local tries
  for ((tries = 0; tries < 6; tries++)); do
    # (Typed again after a while: once, under load after a resize, the screen stayed as it was.)
    type_line "clear"
    local deadline=$((SECONDS + 4))
    while ((SECONDS < deadline)); do
      [[ $(screen | grep -c .) -le 1 ]] && break 2
      sleep 0.05
    done
  done
  type_line "clear; $1"
}
# wait_for TEXT [SECONDS]: until the screen shows TEXT.
wait_for() {
  local deadline=$((SECONDS + ${2:-10}))
  while ((SECONDS < deadline)); do
    [[ $(screen) == *"$1"* ]] && return 0
    sleep 0.05
  done
  return 1
}
# wait_rc: until the command line in the pane has written its exit status (rc_patience seconds,
# 10 unless set).
wait_rc() {
  local i
  for ((i = 0; i < ${rc_patience:-10} * 10; i++)); do [[ -s $scratch/rc ]] && return 0; sleep 0.1; done
  return 1
}
