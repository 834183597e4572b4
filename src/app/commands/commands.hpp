// The commands, one file each (as timewarrior's CmdStart.cpp, CmdSummary.cpp): each describes
// its options and runs with exactly what it needs, a Context, returning its exit status.
#pragma once

#include "legsup/command/command_line.hpp"

namespace legsup {

CommandSpec start_command();
CommandSpec sound_command();
CommandSpec guide_command();
CommandSpec cautions_command();
CommandSpec log_command();
CommandSpec stats_command();
CommandSpec config_command();
CommandSpec help_command();
CommandSpec completion_command();
CommandSpec complete_command();

// legsup itself: every command, in the order --help lists them.
const CommandSpec& legsup_command_line();

}  // namespace legsup
