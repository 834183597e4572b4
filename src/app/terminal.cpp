#include "terminal.hpp"

#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

#include "legsup/base/files.hpp"

namespace legsup {
namespace {

// Standard output is one per process: its first failed write, kept for main to report.
int g_output_error = 0;
// What was not yet taken by standard output, in order: a reader that does not read (a full pipe,
// a terminal stopped by Ctrl-S) never stops the program. A write that would wait is put off, so
// that a session goes on, heard, logged and honouring every signal, whoever reads its lines;
// they all reach the reader, in order, before legsup ends (finish_output).
std::string g_unwritten;
// Past this much unwritten, standard output is waited for (a command printing far more than a
// session does, to a reader slower than it): memory stays bounded.
constexpr std::size_t kMostUnwritten = std::size_t{4} << 20;

// Writes what standard output takes without waiting: a pipe that polls writable takes PIPE_BUF
// bytes whole, a terminal or a file what it is given.
void write_what_is_taken() {
  while (!g_unwritten.empty() && g_output_error == 0) {
    pollfd fd{STDOUT_FILENO, POLLOUT, 0};
    int ready = ::poll(&fd, 1, 0);
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0 || (fd.revents & (POLLOUT | POLLERR | POLLHUP | POLLNVAL)) == 0) return;
    std::size_t size = std::min<std::size_t>(g_unwritten.size(), PIPE_BUF);
    ssize_t written = ::write(STDOUT_FILENO, g_unwritten.data(), size);
    if (written < 0 && (errno == EINTR || errno == EAGAIN)) return;
    if (written <= 0) {
      g_output_error = written < 0 ? errno : EIO;
      g_unwritten.clear();
      return;
    }
    g_unwritten.erase(0, static_cast<std::size_t>(written));
  }
}

// After a failure nothing more is written: a later write that fits would leave a gap.
void write_output(std::string_view text) {
  if (g_output_error != 0) return;
  g_unwritten += text;
  write_what_is_taken();
  if (g_unwritten.size() > kMostUnwritten) SystemConsole::finish_output();
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

void SystemConsole::finish_output() {
  if (g_unwritten.empty() || g_output_error != 0) return;
  // Waited for as any program waits for its reader; a signal's default action still ends it.
  g_output_error = write_all(STDOUT_FILENO, g_unwritten);
  g_unwritten.clear();
}

std::optional<int> SystemConsole::finish_output(Waits& waits) {
  for (;;) {
    write_what_is_taken();
    if (g_unwritten.empty() || g_output_error != 0) return std::nullopt;
    pollfd fd{STDOUT_FILENO, POLLOUT, 0};
    if (auto signal = waits.wait_for({&fd, 1}, waits.now() + std::chrono::hours(1))) {
      // legsup ends at once: what its reader did not take is not waited for again.
      g_unwritten.clear();
      return signal;
    }
  }
}

std::optional<std::string> SystemConsole::output_failure() {
  if (g_output_error == 0 || g_output_error == EPIPE) return std::nullopt;
  return std::string("cannot write to standard output: ") + std::strerror(g_output_error);
}

void write_screen(std::string_view text) {
  write_output(text);
}

}  // namespace legsup
