# Nothing from the content, the log or the command line reaches a terminal as a raw control
# character or escape sequence: a title-setting OSC and a screen-clearing CSI are shown escaped.
source "$(dirname "$0")/lib.sh"
require_programs safe_terminal tmux
command -v tmux >/dev/null || { echo "tmux is needed for this test" >&2; exit 1; }

export LEGSUP_LOG=$scratch/sessions.jsonl
osc=$'\e]0;pwned\a' clear=$'\e[2J'
# A content file and a log carrying both sequences, everywhere text can be.
sed -e "s/\"name\": \"In bed\"/\"name\": \"In bed ${osc//\\/\\\\}\"/" \
  -e "s/\"Choose your spot: /\"${clear}Choose your spot: /" \
  -e "s/\"condition\": \"Glaucoma/\"condition\": \"${osc//\\/\\\\}Glaucoma/" \
  "$LEGSUP_SOURCE_DIR/data/legsup.json" | sed -e 's/\x1b/\\u001b/g' -e 's/\x07/\\u0007/g' >"$scratch/evil.json"
"$LEGSUP_BIN" --content "$scratch/evil.json" guide >/dev/null || { echo "evil.json is invalid" >&2; exit 1; }
"$LEGSUP_BIN" log add --minutes 5 --note "note ${osc} and ${clear} end" >/dev/null

# Piped: no escape at all, the sequences shown as text. (CSV and JSON to a pipe are data and
# keep the note as it was written; on a terminal they are escaped too, as tested below.)
for command in "guide all" "guide variants" cautions "log" "stats"; do
  # shellcheck disable=SC2086
  run --content "$scratch/evil.json" $command
  check_rc 0
  check_no_escapes
  [[ $out != *$'\a'* ]] && pass || fail "a BEL in the output"
done
run --content "$scratch/evil.json" guide all
check_out '\x1b]0;pwned\x07'
check_out '\x1b[2J'
# A player's messages too: in plain lines (--plain, a pipe) a failing player's words are shown
# escaped, never sent raw.
mkdir -p "$scratch/fakes"
printf '#!/bin/sh\nprintf "no server \\033]0;pwned\\007\\033[?1049h\\n" >&2\nexit 1\n' >"$scratch/fakes/pacat"
chmod +x "$scratch/fakes/pacat"
PATH=$scratch/fakes run start --duration 1s --exact --settle 0 --sound chime --yes --no-log --plain
check_no_escapes
[[ $out$err != *$'\a'* ]] && pass || fail "a BEL in the output"
[[ $out$err == *'no server \x1b]0;pwned\x07\x1b[?1049h'* ]] && pass || fail "the player's words not shown"
run guide "$osc"
check_rc 2
check_no_escapes
check_err 'unknown guide section "\x1b]0;pwned\x07"'

# On a real terminal: the title stays, the screen is not cleared.
socket=$scratch/tmux.sock
tm() { tmux -S "$socket" "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$scratch"' EXIT
tm -f /dev/null new-session -d -s safe -x 100 -y 50 "env -i HOME=$HOME TERM=xterm-256color LANG=C.UTF-8 LEGSUP_LOG=$LEGSUP_LOG DBUS_SYSTEM_BUS_ADDRESS=$DBUS_SYSTEM_BUS_ADDRESS PATH=/usr/bin:/bin bash --norc --noprofile"
tm set-option -g status off >/dev/null
tm set-option -g allow-rename on >/dev/null 2>&1 || true
title_before=$(tm display -p -t safe '#{pane_title}')
tm send-keys -t safe -l "clear; echo MARKER-LINE; for c in 'guide setup --variant bed' 'guide variants' cautions log stats; do $LEGSUP_BIN --content $scratch/evil.json \$c | tail -3; done; $LEGSUP_BIN --content $scratch/evil.json start --duration 1s --exact --settle 1s --variant bed --sound none | head -3; $LEGSUP_BIN log --json | tail -4; $LEGSUP_BIN log --csv; $LEGSUP_BIN log --json; echo DONE-\$((6 * 7))"
tm send-keys -t safe Enter
# The line typed holds "DONE-$((6 * 7))", not what it prints: only the end of the commands shows
# DONE-42.
for ((i = 0; i < 600; i++)); do [[ $(tm capture-pane -p -t safe) == *DONE-42* ]] && break; sleep 0.1; done
out=$(tm capture-pane -p -t safe -S -200) err="" current="on a terminal"
check_out "MARKER-LINE"   # still there: the screen was never cleared
check_out "DONE-42"
[[ $(tm display -p -t safe '#{pane_title}') == "$title_before" ]] && pass || fail "the pane title changed"

# The bytes themselves, as a terminal receives them: each command runs on a pseudo-terminal
# (script(1)) and what it wrote is searched for the hostile sequences, raw. Escaped, they are
# harmless text; raw, the terminal obeys them.
raw_check() {
  current="raw bytes on a terminal: legsup $*"
  script -qec "$(printf '%q ' "$LEGSUP_BIN" "$@")" "$scratch/typescript" >/dev/null 2>&1 </dev/null
  # ESC ] (OSC), ESC [ 2 J (clear), BEL, and U+009B (a one-byte CSI) must not be there.
  local sequence found=""
  for sequence in $'\e]' $'\e[2J' $'\a' $'\xc2\x9b'; do
    grep -qaF -- "$sequence" "$scratch/typescript" && found+=" $(printf '%q' "$sequence")"
  done
  [[ -z $found ]] && pass || fail "raw on the terminal:$found"
  [[ $(<"$scratch/typescript") == *pwned* ]] && pass || fail "the text itself is missing"
}
printf -v c1 '\u009b'
"$LEGSUP_BIN" log add --minutes 5 --note "c1 ${c1}2J pwned" >/dev/null
# A line written by some other program, with the sequences where legsup never puts them itself:
# the variation (shown by log and stats) and the breathing pattern.
printf '%s\n' '{"version":1,"start":"2026-11-20T22:15:00Z","end":"2026-11-20T22:25:00Z","held_seconds":600,"ended":"completed","variant":"\u001b]0;pwned\u0007\u009b2J","breath":"\u009b2J\u007f"}' >>"$LEGSUP_LOG"
for command in "guide all" "guide variants" cautions "guide all --json" "cautions --json"; do
  # shellcheck disable=SC2086
  raw_check --content "$scratch/evil.json" $command
done
for command in log "log --csv" "log --json" "stats --json" stats; do
  # shellcheck disable=SC2086
  raw_check $command
done

finish
