#include "terminal.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>

namespace legsup {

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

void write_fd(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t written = ::write(fd, text.data(), text.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return;
    }
    text.remove_prefix(static_cast<std::size_t>(written));
  }
}

void SystemConsole::out(const ShownText& text) {
  write_fd(STDOUT_FILENO, text.str());
}

void SystemConsole::err(const ShownText& text) {
  write_fd(STDERR_FILENO, text.str());
}

TerminalProbe SystemConsole::probe_out() {
  return probe_terminal(STDOUT_FILENO);
}

}  // namespace legsup
