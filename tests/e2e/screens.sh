# The whole screen a person sees, at 80x24, 40x12 and 30x8 (tmux): during the hold, while coming
# out, after a resize, and at the end once the prompt is back, each compared row by row with what
# should be there and nothing else. Nothing of an earlier frame survives a redraw, and every line
# of text is wrapped at spaces to the width the terminal has then.
source "$(dirname "$0")/lib.sh"
require_programs screens tmux
export LEGSUP_LOG=$scratch/l
command -v tmux >/dev/null || { echo "tmux is needed for this test" >&2; exit 1; }
trap 'tmux -S "$scratch/tmux.sock" kill-server 2>/dev/null; rm -rf "$scratch"' EXIT
source "$(dirname "$0")/tmux_lib.sh"
start_terminal 80 24

# s ARGS...: a session of 3 s, breathing 1-0-1, no sound; its exit status to $scratch/rc.
type_line "PS1='$ '; s() { $LEGSUP_BIN start --yes --duration 3s --exact --settle 0 --breath 1-0-1 --sound none \"\$@\"; echo rc=\$? >$scratch/rc; }"
wait_for "s()" 5

title="Legs Up the Wall: 3s hold, Custom (in 1, out 1; 30 breaths a minute)"
steps=("Bend your knees and draw them toward your chest."
  "Roll onto one side and stay there for a few breaths."
  "Use your hands to push yourself up to sitting, slowly."
  "Sit for a moment before you stand, so you do not get light-headed.")
block='(█|░)'

# size COLUMNS ROWS: the terminal's size now.
size() {
  tm resize-window -t e2e -x "$1" -y "$2" 2>/dev/null || tm resize-pane -t e2e -x "$1" -y "$2"
  columns=$1 rows=$2
}

# wrapped WIDTH FIRST REST TEXT: the rows the text should take, at spaces and never inside a word
# (the test's own reading of the rule; its words are plain ASCII).
wrapped() {
  local width=$1 first=$2 rest=$3 line="" word
  line=$first
  local fresh=1
  for word in $4; do
    if ((!fresh && ${#line} + 1 + ${#word} > width)); then
      printf '%s\n' "$line"
      line=$rest fresh=1
    fi
    if ((fresh)); then line+=$word; else line+=" $word"; fi
    fresh=0
  done
  printf '%s\n' "$line"
}

# cut WIDTH TEXT: the text cut to WIDTH - 1 columns as the block cuts its title.
cut() {
  local room=$(($1 - 1))
  if ((${#2} <= room)); then echo "$2"; else echo "${2:0:room-3}..."; fi
}

# expect_screen WHAT PATTERN...: the whole screen now is, row by row, each extended regular
# expression given (anchored) and then empty rows to the bottom, and nothing else.
expect_screen() {
  local what=$1 i shown
  shift
  current="$what at ${columns}x$rows"
  mapfile -t shown < <(tm capture-pane -p -t e2e)
  local ok=1
  for ((i = 0; i < rows; i++)); do
    if ((i < $#)); then
      local pattern=${*:i+1:1}
      [[ ${shown[i]-} =~ ^${pattern}$ ]] || { ok=0; break; }
    else
      [[ -z ${shown[i]-} ]] || { ok=0; break; }
    fi
  done
  if ((ok)); then
    pass
  else
    fail "row $i is '${shown[i]-}'; the screen:
$(printf '|%s|\n' "${shown[@]}")"
  fi
}

# literal TEXT: TEXT as a regular expression that matches only itself.
literal() { sed 's/[][\.*^$(){}?+|/]/\\&/g' <<<"$1"; }

# The end once the prompt is back: the last ROWS rows of what was printed since `clear`.
expect_end() {
  local what=$1 printed=() tail=()
  shift
  mapfile -t printed < <(for line in "$@"; do literal "$line"; done)
  if ((${#printed[@]} > rows)); then
    tail=("${printed[@]: -rows}")
  else
    tail=("${printed[@]}")
  fi
  expect_screen "$what" "${tail[@]}"
}

# The closing rows and the prompt, at the width now.
closing() {
  wrapped "$columns" "" "" "Held 0:03 (completed). Logged to $LEGSUP_LOG."
  echo '$'
}
come_out_rows() {
  local n
  echo "Coming out"
  for n in 1 2 3 4; do wrapped "$columns" "  $n. " "     " "${steps[n - 1]}"; done
}
# The block's rows while the hold is paused (a moment that stands still), at a width of 40 or
# more.
paused_block() {
  local cells=$(($1 < 54 ? $1 - 6 : 48))
  literal "$(cut "$1" "$2")"
  echo "Paused \\(Hold\\) +[0-9]:[0-9]{2} left"
  echo "$block{$cells} +[0-9]+%"
  echo "(Inhale|Exhale) $block{10} [0-9]"
  echo "space resume  q end  \\+/- minute"
}
# pause, resume: the space key, and the screen that says so.
pause() { tm send-keys -t e2e " " && wait_for "Paused" 5 || fail "no pause: $(screen)"; }
resume() {
  local deadline=$((SECONDS + 5))
  tm send-keys -t e2e " "
  while ((SECONDS < deadline)); do
    [[ $(screen) != *Paused* ]] && return 0
    sleep 0.05
  done
  fail "no resume: $(screen)"
}
end_block() {
  local cells=$(($1 < 54 ? $1 - 6 : 48))
  cut "$1" "$title"
  echo "Done, held 0:03"
  printf '█%.0s' $(seq "$cells")
  echo " 100%"
}
when_back() { wait_rc && wait_for '$' 5 && [[ $(tm capture-pane -p -t e2e | grep -c '^\$$') == 1 ]]; }

# At each size: the hold, paused, then the end (the steps printed at once), compared whole.
for dimensions in "80 24" "40 12" "30 8"; do
  size $dimensions
  rm -f "$scratch/rc"
  fresh_line "s"
  wait_for "Exhale" 5 || fail "no Exhale at ${columns}x$rows: $(screen)"
  pause
  if ((columns >= 40)); then
    mapfile -t expected < <(paused_block "$columns" "$title")
    expect_screen "the hold, paused" "${expected[@]}"
  else
    expect_screen "the hold, paused" "Paused Hold [0-9]:[0-9]{2} · (Inhale|Exhale) [0-9]"
  fi
  resume
  when_back || fail "the prompt did not come back at ${columns}x$rows"
  [[ $(<"$scratch/rc") == rc=0 ]] && pass || fail "rc $(<"$scratch/rc") at ${columns}x$rows"
  mapfile -t printed < <(
    if ((columns >= 40)); then end_block "$columns"; else echo "Done, held 0:03"; fi
    come_out_rows
    closing
  )
  expect_end "the end" "${printed[@]}"
done

# A paced way out (--come-out, 10 s a step): the first step shown in the block; q ends the way
# out; then the closing block alone.
for dimensions in "80 24" "40 12" "30 8"; do
  size $dimensions
  rm -f "$scratch/rc"
  fresh_line "s --come-out 40s"
  wait_for "Coming out" 10 || fail "no way out: $(screen)"
  if ((columns >= 40)); then
    expect_screen "coming out" "$(literal "$(cut "$columns" "$title")")" \
      "Coming out +[0-9]:[0-9]{2} left" "$block{$((columns < 54 ? columns - 6 : 48))} +[0-9]+%" \
      "$(literal "$(cut "$columns" "1 of 4: ${steps[0]}")")" "space pause  q done"
  else
    expect_screen "coming out" "Coming out [0-9]:[0-9]{2}"
  fi
  tm send-keys -t e2e q
  when_back || fail "the prompt did not come back at ${columns}x$rows"
  [[ $(<"$scratch/rc") == rc=0 ]] && pass || fail "rc $(<"$scratch/rc") at ${columns}x$rows"
  mapfile -t printed < <(
    if ((columns >= 40)); then end_block "$columns"; else echo "Done, held 0:03"; fi
    closing
  )
  expect_end "the end of a paced way out" "${printed[@]}"
done

# A --rate question at 40 columns: wrapped at spaces, the answer typed after it. Ctrl-C there
# ends legsup before the session (128 + 2).
size 40 12
rm -f "$scratch/rc"
fresh_line "s --rate --before stress=5,sleepy=5"
wait_for "skip:" 5 || fail "no question: $(screen)"
mapfile -t printed < <(wrapped 40 "" "" "How heavy or swollen do your legs feel? (before) 0 = light, no swelling, 10 = very heavy or swollen; Enter to skip:")
mapfile -t expected < <(for line in "${printed[@]}"; do literal "$line"; done)
expect_screen "a --rate question" "${expected[@]}"
tm send-keys -t e2e C-c
wait_rc
[[ $(<"$scratch/rc") == rc=130 ]] && pass || fail "Ctrl-C at the question gave $(<"$scratch/rc")"

# Resized while the hold is paused, from 80x24 down to 40x12 and 30x8: each time the block is
# laid out again, alone on the screen; what is printed after it wraps at the width the terminal
# has now, not the one it had when legsup started.
size 80 24
rm -f "$scratch/rc"
fresh_line "s"
wait_for "Exhale" 5
pause
size 40 12
wait_for "Custom (i..." 5
mapfile -t expected < <(paused_block 40 "$title")
expect_screen "the hold, resized" "${expected[@]}"
size 30 8
wait_for "Paused Hold" 5
expect_screen "the hold, resized again" "Paused Hold [0-9]:[0-9]{2} · (Inhale|Exhale) [0-9]"
resume
when_back || fail "the prompt did not come back after resizing"
mapfile -t printed < <(
  echo "Done, held 0:03"
  come_out_rows
  closing
)
expect_end "the end, after resizing" "${printed[@]}"

finish
