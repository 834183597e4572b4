#include "terminal.hpp"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "legsup/base/files.hpp"

namespace legsup {
namespace {

// Standard output is one per process: its first failed write, kept for main to report.
int g_output_error = 0;

// After a failure nothing more is written: a later write that fits would leave a gap.
void write_output(std::string_view text) {
  if (g_output_error == 0) g_output_error = write_all(STDOUT_FILENO, text);
}

}  // namespace

TerminalProbe probe_terminal(int fd) {
  TerminalProbe probe;
  probe.is_terminal = ::isatty(fd) == 1;
  if (probe.is_terminal) {
    winsize size{};
    if (::ioctl(fd, TIOCGWINSZ, &size) == 0) {
      if (size.ws_col > 0) probe.columns = size.ws_col;
      if (size.ws_row > 0) probe.rows = size.ws_row;
    }
  }
  return probe;
}

bool make_standard_descriptors_safe() {
  for (int fd = 0; fd <= 2; ++fd) {
    if (::fcntl(fd, F_GETFD) >= 0 || errno != EBADF) continue;
    // The lowest free descriptor: this one, since those below it are open.
    int null = ::open("/dev/null", O_RDWR | O_NOCTTY);
    if (null != fd) {
      if (null >= 0) ::close(null);
      return false;
    }
  }
  return true;
}

void SystemConsole::out(const ShownText& text) {
  write_output(text.str());
}

void SystemConsole::err(const ShownText& text) {
  // Standard error that cannot be written has nowhere to say so.
  write_all(STDERR_FILENO, text.str());
}

TerminalProbe SystemConsole::probe_out() {
  return probe_terminal(STDOUT_FILENO);
}

std::optional<std::string> SystemConsole::output_failure() {
  if (g_output_error == 0 || g_output_error == EPIPE) return std::nullopt;
  return std::string("cannot write to standard output: ") + std::strerror(g_output_error);
}

void write_screen(std::string_view text) {
  write_output(text);
}

}  // namespace legsup
