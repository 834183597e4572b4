# bash completion for legsup. Ids (variations, breathing patterns) come from the content the
# binary uses, through `legsup complete`, so a content file of your own completes too.
_legsup() {
  local cur prev words cword
  if declare -F _init_completion >/dev/null; then
    _init_completion || return
  else
    words=("${COMP_WORDS[@]}") cword=$COMP_CWORD
    cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
  fi
  local command="" subcommand="" i
  local -a global=()
  for ((i = 1; i < cword; i++)); do
    case ${words[i]} in
      --content | --log)
        global+=("${words[i]}" "${words[i + 1]}")
        ((i++))
        ;;
      --minutes | --duration | --settle | --breath | --variant | --note | --before | --after | \
        --sound | --at | --last | --since | --until)
        ((i++))
        ;;
      -*) ;;
      *)
        if [[ -z $command ]]; then
          command=${words[i]}
        elif [[ $command == log && -z $subcommand ]]; then
          subcommand=${words[i]}
        fi
        ;;
    esac
  done
  local -a reply
  case $prev in
    --variant) reply=($(legsup "${global[@]}" complete variants 2>/dev/null)) ;;
    --breath)
      if [[ $command == start ]]; then
        reply=($(legsup "${global[@]}" complete breaths 2>/dev/null) none)
      else
        reply=($(legsup "${global[@]}" complete breaths 2>/dev/null))
      fi
      ;;
    --sound) reply=($(legsup complete sounds 2>/dev/null)) ;;
    --content | --log)
      COMPREPLY=($(compgen -f -- "$cur"))
      return
      ;;
    --minutes | --duration | --settle | --note | --before | --after | --at | --last | --since | \
      --until)
      COMPREPLY=()
      return
      ;;
    *)
      if [[ $cur == -* ]]; then
        reply=($(legsup complete options "$command" $subcommand 2>/dev/null))
      elif [[ -z $command ]]; then
        reply=($(legsup complete commands 2>/dev/null))
      elif [[ $command == guide ]]; then
        reply=($(legsup complete sections 2>/dev/null))
      elif [[ $command == log && -z $subcommand ]]; then
        reply=(add)
      elif [[ $command == completion ]]; then
        reply=(bash zsh fish)
      fi
      ;;
  esac
  COMPREPLY=($(compgen -W "${reply[*]}" -- "$cur"))
}
complete -F _legsup legsup
