// The commands, one file each (as timewarrior's CmdStart.cpp, CmdSummary.cpp): each describes
// its options and runs with exactly what it needs, a Context, returning its exit status.
#pragma once

#include "legsup/command/command_line.hpp"

namespace legsup {

// legsup itself: every command, in the order --help lists them. commands.cpp is the one list:
// a new command is its own file, one line there, and one in CMakeLists.txt.
const CommandSpec& legsup_command_line();

}  // namespace legsup
