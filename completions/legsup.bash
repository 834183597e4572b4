# bash completion for legsup. Every word comes from legsup itself (`legsup complete`): commands,
# options, and their values (ids from the content in use, presets from the config file), so this
# script names no option and a new one needs no change here.
_legsup() {
  local cur words cword
  if declare -F _init_completion >/dev/null; then
    _init_completion -n = || return
  else
    # Without bash-completion, join "--option = value" back into one word, as typed.
    local -a raw=("${COMP_WORDS[@]}")
    local i
    words=() cword=0
    for ((i = 0; i < ${#raw[@]}; i++)); do
      if [[ ${raw[i]} == = && ${#words[@]} -gt 0 ]]; then
        words[${#words[@]} - 1]+="="
        ((i + 1 < ${#raw[@]} && i + 1 <= COMP_CWORD)) && words[${#words[@]} - 1]+=${raw[++i]}
      else
        words+=("${raw[i]}")
      fi
      ((i <= COMP_CWORD)) && cword=$((${#words[@]} - 1))
    done
    cur=${words[cword]}
  fi
  local -a reply
  mapfile -t reply < <("${words[0]}" complete -- "$cword" "${words[@]}" 2>/dev/null)
  if [[ ${reply[0]-} == @files ]]; then
    compopt -o filenames 2>/dev/null
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
  else
    COMPREPLY=("${reply[@]}")
  fi
}
complete -F _legsup legsup
