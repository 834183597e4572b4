# fish completion for legsup. Every word comes from legsup itself (`legsup complete`), so this
# script names no option and a new one needs no change here.

function __legsup_complete
    set -l words (commandline -opc) (commandline -ct)
    set -l index (math (count $words) - 1)
    set -l reply ($words[1] complete -- $index $words 2>/dev/null)
    if test "$reply[1]" = @files
        __fish_complete_path (commandline -ct)
    else
        printf '%s\n' $reply
    end
end

complete -c legsup -f -a '(__legsup_complete)'
