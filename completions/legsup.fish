# fish completion for legsup. Ids come from the content the binary uses (`legsup complete`).

function __legsup_command
    set -l words (commandline -opc)
    set -e words[1]
    set -l skip 0
    for word in $words
        if test $skip -eq 1
            set skip 0
            continue
        end
        switch $word
            case --content --log --minutes --duration --settle --breath --variant --note --before --after --sound --at --last --since --until
                set skip 1
            case '-*'
            case '*'
                echo $word
        end
    end
end

function __legsup_needs_command
    test (count (__legsup_command)) -eq 0
end

function __legsup_in
    set -l found (__legsup_command)
    test (count $found) -ge 1; and test "$found[1]" = $argv[1]
end

function __legsup_options
    set -l found (__legsup_command)
    legsup complete options $found[1..2] 2>/dev/null
end

complete -c legsup -f
complete -c legsup -n __legsup_needs_command -a "(legsup complete commands 2>/dev/null)"
complete -c legsup -n 'string match -q -- "-*" (commandline -ct)' -a "(__legsup_options)"
complete -c legsup -n '__legsup_in guide' -a "(legsup complete sections 2>/dev/null)"
complete -c legsup -n '__legsup_in log; and test (count (__legsup_command)) -eq 1' -a add
complete -c legsup -n '__legsup_in completion' -a 'bash zsh fish'
complete -c legsup -l variant -x -a "(legsup complete variants 2>/dev/null)"
complete -c legsup -l breath -x -a "(legsup complete breaths 2>/dev/null) none"
complete -c legsup -l sound -x -a "(legsup complete sounds 2>/dev/null)"
complete -c legsup -l content -r -F
complete -c legsup -l log -r -F
complete -c legsup -l minutes -x
complete -c legsup -l duration -x
complete -c legsup -l settle -x
complete -c legsup -l note -x
complete -c legsup -l before -x
complete -c legsup -l after -x
complete -c legsup -l at -x
complete -c legsup -l last -x
complete -c legsup -l since -x
complete -c legsup -l until -x
