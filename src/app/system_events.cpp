#include "system_events.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <ctime>

#include "terminal.hpp"

namespace legsup {
namespace {

// Written only by signal handlers, read by the loop: the self-pipe and what a crash restores.
int g_signal_pipe[2] = {-1, -1};
volatile sig_atomic_t g_raw_mode_active = 0;
termios g_saved_mode{};

constexpr int kSessionSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT, SIGWINCH};
constexpr int kCrashSignals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};

extern "C" void on_session_signal(int signal) {
  int saved_errno = errno;
  unsigned char byte = static_cast<unsigned char>(signal);
  [[maybe_unused]] ssize_t ignored = ::write(g_signal_pipe[1], &byte, 1);
  errno = saved_errno;
}

extern "C" void on_crash(int signal) {
  if (g_raw_mode_active) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &g_saved_mode);
  if (::isatty(STDOUT_FILENO)) {
    [[maybe_unused]] ssize_t ignored =
        ::write(STDOUT_FILENO, kShowCursor.data(), kShowCursor.size());
  }
  ::signal(signal, SIG_DFL);
  ::raise(signal);
}

void install(int signal, void (*handler)(int)) {
  struct sigaction action {};
  action.sa_handler = handler;
  ::sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a signal wakes the loop's poll
  ::sigaction(signal, &action, nullptr);
}

std::chrono::nanoseconds boot_clock_now() {
  timespec now{};
  ::clock_gettime(CLOCK_BOOTTIME, &now);
  return std::chrono::seconds(now.tv_sec) + std::chrono::nanoseconds(now.tv_nsec);
}

}  // namespace

void restore_terminal_on_crash() {
  for (int signal : kCrashSignals)
    install(signal, on_crash);
}

SystemEvents::SystemEvents(bool read_keys) : read_keys_(read_keys) {
  if (g_signal_pipe[0] < 0 && ::pipe2(g_signal_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
    throw runtime_error("cannot set up signal handling");
  }
  // The boot clock keeps counting while the machine sleeps, so a suspend cannot make a session
  // run long; the timer fires at an absolute time on it.
  timer_fd_ = ::timerfd_create(CLOCK_BOOTTIME, TFD_CLOEXEC | TFD_NONBLOCK);
  if (timer_fd_ < 0) throw runtime_error("cannot create a timer");
  for (int signal : kSessionSignals)
    install(signal, on_session_signal);
  restore_terminal_on_crash();
  if (read_keys_) enter_raw_mode();
}

SystemEvents::~SystemEvents() {
  leave_raw_mode();
  for (int signal : kSessionSignals)
    ::signal(signal, SIG_DFL);
  if (timer_fd_ >= 0) ::close(timer_fd_);
}

void SystemEvents::enter_raw_mode() {
  termios mode{};
  if (::tcgetattr(STDIN_FILENO, &mode) != 0) {
    read_keys_ = false;
    return;
  }
  saved_mode_ = mode;
  g_saved_mode = mode;
  mode.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO);
  mode.c_cc[VMIN] = 1;
  mode.c_cc[VTIME] = 0;
  if (::tcsetattr(STDIN_FILENO, TCSAFLUSH, &mode) == 0) g_raw_mode_active = 1;
}

void SystemEvents::leave_raw_mode() {
  if (saved_mode_) {
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &*saved_mode_);
    g_raw_mode_active = 0;
    saved_mode_.reset();
  }
}

SteadyTime SystemEvents::now() {
  return std::chrono::duration_cast<SteadyTime>(boot_clock_now());
}

Event SystemEvents::wait(std::optional<SteadyTime> deadline) {
  itimerspec timer{};
  if (deadline) {
    auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(*deadline).count();
    // A deadline of exactly zero would disarm the timer; one nanosecond later fires at once.
    if (nanos <= 0) nanos = 1;
    timer.it_value.tv_sec = static_cast<time_t>(nanos / 1000000000);
    timer.it_value.tv_nsec = static_cast<long>(nanos % 1000000000);
  }
  ::timerfd_settime(timer_fd_, TFD_TIMER_ABSTIME, &timer, nullptr);

  for (;;) {
    pollfd fds[3] = {
        {timer_fd_, POLLIN, 0}, {g_signal_pipe[0], POLLIN, 0}, {STDIN_FILENO, POLLIN, 0}};
    int count = ::poll(fds, read_keys_ ? 3 : 2, -1);
    if (count < 0) {
      if (errno == EINTR) continue;
      return Event{};
    }
    if (fds[1].revents & POLLIN) {
      unsigned char signal = 0;
      if (::read(g_signal_pipe[0], &signal, 1) == 1) {
        if (signal == SIGWINCH || signal == SIGCONT) return Event{Event::Kind::resize, 0, signal};
        return Event{Event::Kind::signal, 0, signal};
      }
    }
    if (read_keys_ && (fds[2].revents & (POLLIN | POLLHUP | POLLERR))) {
      char buffer[16];
      ssize_t got = ::read(STDIN_FILENO, buffer, sizeof buffer);
      if (got <= 0) {
        read_keys_ = false;  // the terminal went away: no more keys, the timer goes on
        continue;
      }
      // An escape sequence (arrow keys and the like) is not a command.
      if (buffer[0] != '\x1b') return Event{Event::Kind::key, buffer[0], 0};
      continue;
    }
    if (fds[0].revents & POLLIN) {
      std::uint64_t expirations = 0;
      [[maybe_unused]] ssize_t ignored = ::read(timer_fd_, &expirations, sizeof expirations);
      return Event{};
    }
  }
}

void SystemEvents::stop_process() {
  bool had_raw_mode = saved_mode_.has_value();
  leave_raw_mode();
  // Stop the way the shell expects (SIGTSTP's default action), then pick up where we were.
  ::signal(SIGTSTP, SIG_DFL);
  sigset_t tstp;
  ::sigemptyset(&tstp);
  ::sigaddset(&tstp, SIGTSTP);
  ::sigprocmask(SIG_UNBLOCK, &tstp, nullptr);
  ::raise(SIGTSTP);
  install(SIGTSTP, on_session_signal);
  if (had_raw_mode) enter_raw_mode();
}

void StdoutSink::write(std::string_view text) {
  write_fd(STDOUT_FILENO, text);
}

int StdoutSink::width() {
  return probe_terminal(STDOUT_FILENO).columns.value_or(kDefaultWidth);
}

}  // namespace legsup
