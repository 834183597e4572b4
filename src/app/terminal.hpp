// The program's side of output: what a file descriptor is (a terminal, and how large), and
// writing to standard output and standard error.
#pragma once

#include <string_view>

#include "legsup/base/output.hpp"
#include "legsup/command/context.hpp"

namespace legsup {

// Asks the operating system whether fd is a terminal and how large it is.
TerminalProbe probe_terminal(int fd);

// Writes all of text to a file descriptor, retrying short writes; a closed pipe or a full disk
// ends the attempt (nothing useful can be said on the same stream).
void write_fd(int fd, std::string_view text);

// Standard output and standard error as the commands' console.
class SystemConsole : public Console {
 public:
  void out(const ShownText& text) override;
  void err(const ShownText& text) override;
  TerminalProbe probe_out() override;
};

}  // namespace legsup
