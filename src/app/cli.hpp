// The command line, parsed by CLI11 against the description in command_line.hpp. This is the
// only file of legsup that includes CLI11 (a heavy header: keeping it here keeps builds fast).
#pragma once

#include "legsup/command/command_line.hpp"

namespace legsup {

// The command chosen and its options. --help and --version are flags like any other. Anything
// CLI11 refuses, an unknown command or option (with the nearest one that exists), a repeated
// option or an extra argument is a usage Error with one clear line.
Arguments parse_command_line(const CommandSpec& root, int argc, char** argv);

}  // namespace legsup
