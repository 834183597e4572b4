# The bash completion function offers commands, options and ids from the content in use; the
# zsh and fish scripts are at least syntax-checked when those shells are installed.
source "$(dirname "$0")/lib.sh"

mkdir -p "$scratch/bin"
ln -s "$LEGSUP_BIN" "$scratch/bin/legsup"
export PATH=$scratch/bin:$PATH
source <("$LEGSUP_BIN" completion bash)

# complete_words WORDS...: what _legsup offers for the last word.
complete_words() {
  COMP_WORDS=("$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMP_LINE="$*"
  COMPREPLY=()
  _legsup
  current="completing: $*"
  out="${COMPREPLY[*]}" err="" rc=0
}
has() { [[ " $out " == *" $1 "* ]] && pass || fail "offers no $1"; }
lacks() { [[ " $out " != *" $1 "* ]] && pass || fail "offers $1"; }

complete_words legsup ""
for command in start guide cautions log stats config completion; do has "$command"; done
lacks complete                                   # the hidden helper
complete_words legsup st
has start; has stats; lacks guide
complete_words legsup start --
for option in --minutes --duration --settle --breath --variant --note --rate --before --after \
  --sound --breath-cues --no-breath-cues --notify --no-log --quiet --plain --content --log \
  --no-color --help; do
  has "$option"
done
complete_words legsup start --variant ""
for id in wall bed hips-raised blanket-head away-from-wall knees-bent pregnancy-upright; do has "$id"; done
complete_words legsup start --variant k
[[ $out == knees-bent ]] && pass || fail "prefix: $out"
complete_words legsup start --breath ""
for id in long-exhale coherent resonance box 4-7-8 none; do has "$id"; done
complete_words legsup start --sound ""
for kind in none bell chime voice; do has "$kind"; done
complete_words legsup guide ""
for section in setup during exit variants benefits breathing all; do has "$section"; done
complete_words legsup log ""
has add
complete_words legsup log add --
has --at; has --minutes; lacks --last
complete_words legsup log --
has --last; has --csv
complete_words legsup completion ""
has bash; has zsh; has fish

# A content file of one's own completes its own ids.
sed 's/"id": "bed"/"id": "hammock"/' "$LEGSUP_SOURCE_DIR/data/legsup.json" >"$scratch/mine.json"
complete_words legsup --content "$scratch/mine.json" start --variant ""
has hammock; lacks bed
LEGSUP_CONTENT=$scratch/mine.json complete_words legsup start --variant h
has hammock

if command -v zsh >/dev/null; then
  current="zsh -n _legsup"
  "$LEGSUP_BIN" completion zsh >"$scratch/_legsup"
  zsh -n "$scratch/_legsup" 2>"$scratch/zsh.err" && pass || fail "$(<"$scratch/zsh.err")"
fi
if command -v fish >/dev/null; then
  current="fish -n legsup.fish"
  "$LEGSUP_BIN" completion fish >"$scratch/legsup.fish"
  fish -n "$scratch/legsup.fish" 2>"$scratch/fish.err" && pass || fail "$(<"$scratch/fish.err")"
  # And fish offers the ids through the script.
  current="fish complete"
  out=$(HOME=$scratch fish -c "source $scratch/legsup.fish; complete -C 'legsup start --variant '" 2>&1)
  [[ $out == *knees-bent* ]] && pass || fail "fish offers: $out"
fi

finish
