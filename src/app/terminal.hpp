// The program's side of output: what a file descriptor is (a terminal, and how large), the
// standard descriptors made safe at start, and standard output and standard error, where every
// write is checked.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "legsup/base/output.hpp"
#include "legsup/command/context.hpp"
#include "players.hpp"

namespace legsup {

// Asks the operating system whether fd is a terminal and how large it is.
TerminalProbe probe_terminal(int fd);

// Opens /dev/null on each of descriptors 0, 1 and 2 that is closed, so that no file legsup opens
// takes their place (the log as standard error would receive warnings). False when that failed.
bool make_standard_descriptors_safe();

// Standard output and standard error as the commands' console. Standard output is written in
// full or not at all from its first failure on, which output_failure() then reports.
class SystemConsole : public Console {
 public:
  void out(const ShownText& text) override;
  void err(const ShownText& text) override;
  TerminalProbe probe_out() override;

  // "cannot write to standard output: No space left on device" once a write to standard output
  // has failed (the session screens' included). A reader that went away (a closed pipe) is a
  // quiet end, not a failure: none then.
  static std::optional<std::string> output_failure();
  // Writes what standard output did not yet take (it is never waited for before: a reader that
  // does not read never stops a session), waiting for it now as any program does at its end.
  static void finish_output();
  // The same within a session, where signals are events: waits for standard output to take what
  // is left, and returns a signal that ends the process meanwhile, or one that came before.
  static std::optional<int> finish_output(Waits& waits);
};

// What the session screens write to standard output (text they escaped, with their own cursor
// movements), through the console's checks.
void write_screen(std::string_view text);

}  // namespace legsup
