#include "console.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>

namespace legsup {

TerminalProbe probe_terminal(int fd) {
  TerminalProbe probe;
  probe.is_terminal = ::isatty(fd) == 1;
  if (probe.is_terminal) {
    winsize size{};
    if (::ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) probe.columns = size.ws_col;
  }
  return probe;
}

namespace {

void write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t written = ::write(fd, text.data(), text.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return;  // a closed pipe or a full disk: nothing useful can be said on the same stream
    }
    text.remove_prefix(static_cast<std::size_t>(written));
  }
}

}  // namespace

void write_stdout(std::string_view text) {
  write_all(STDOUT_FILENO, text);
}
void write_stderr(std::string_view text) {
  write_all(STDERR_FILENO, text);
}

}  // namespace legsup
