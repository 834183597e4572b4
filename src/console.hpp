// The program's side of output: what standard output is, and writing to it.
#pragma once

#include <string_view>

#include "legsup/output.hpp"

namespace legsup {

// Asks the operating system whether fd is a terminal and how wide it is.
TerminalProbe probe_terminal(int fd);

// Writes all of text to standard output (or standard error), retrying short writes.
void write_stdout(std::string_view text);
void write_stderr(std::string_view text);

}  // namespace legsup
