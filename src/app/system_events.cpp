#include "system_events.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <vector>

#include "terminal.hpp"

namespace legsup {
namespace {

// Written only by signal handlers, read by the loop: the self-pipe and what a crash restores.
int g_signal_pipe[2] = {-1, -1};
volatile sig_atomic_t g_raw_mode_active = 0;
termios g_saved_mode{};
// How many SIGCONTs have been handled, in memory a helper process can read too (see
// stop_process).
std::atomic<long>* g_continued = nullptr;
// How many had been handled when the last SIGTSTP came: a SIGCONT after it means "go on", however
// soon it comes (fg typed while legsup was still giving the terminal back).
std::atomic<long> g_continued_at_stop{0};
static_assert(std::atomic<long>::is_always_lock_free);

// Signals that, left to their default, end the process: each ends the session instead.
const std::vector<int>& ending_signals() {
  static const std::vector<int> signals = [] {
    std::vector<int> list = {SIGHUP,    SIGINT,  SIGQUIT, SIGTERM, SIGUSR1,   SIGUSR2, SIGALRM,
                             SIGVTALRM, SIGPROF, SIGIO,   SIGPWR,  SIGSTKFLT, SIGXCPU};
    for (int signal = SIGRTMIN; signal <= SIGRTMAX; ++signal)
      list.push_back(signal);
    return list;
  }();
  return signals;
}
// Signals of a fault: a crash when the program caused them, an ending when another sent them.
constexpr int kFaultSignals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS};
// Signals the loop follows without ending: job control, the terminal's size, children.
constexpr int kFollowedSignals[] = {SIGTSTP, SIGCONT, SIGWINCH, SIGCHLD};

void to_pipe(int signal) {
  unsigned char byte = static_cast<unsigned char>(signal);
  [[maybe_unused]] ssize_t ignored = ::write(g_signal_pipe[1], &byte, 1);
}

extern "C" void on_signal(int signal) {
  int saved_errno = errno;
  if (signal == SIGCONT && g_continued) g_continued->fetch_add(1);
  if (signal == SIGTSTP && g_continued) g_continued_at_stop.store(g_continued->load());
  to_pipe(signal);
  errno = saved_errno;
}

void restore_terminal_now() {
  if (g_raw_mode_active) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &g_saved_mode);
  if (::isatty(STDOUT_FILENO)) {
    [[maybe_unused]] ssize_t ignored =
        ::write(STDOUT_FILENO, kShowCursor.data(), kShowCursor.size());
  }
}

extern "C" void on_fault(int signal, siginfo_t* info, void*) {
  int saved_errno = errno;
  // Sent by another process (kill): an ending like any other, logged.
  if (info && info->si_code <= 0 && info->si_pid != ::getpid()) {
    to_pipe(signal);
    errno = saved_errno;
    return;
  }
  // legsup's own fault: give the terminal back, then die of it as the signal says.
  restore_terminal_now();
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

void install_fault(int signal) {
  struct sigaction action {};
  action.sa_sigaction = on_fault;
  ::sigemptyset(&action.sa_mask);
  action.sa_flags = SA_SIGINFO;
  ::sigaction(signal, &action, nullptr);
}

std::chrono::nanoseconds clock_now(clockid_t clock) {
  timespec now{};
  ::clock_gettime(clock, &now);
  return std::chrono::seconds(now.tv_sec) + std::chrono::nanoseconds(now.tv_nsec);
}

// The state letter of a process in /proc (R, S, T...), or 0.
char process_state(pid_t pid) {
  char path[64];
  std::snprintf(path, sizeof path, "/proc/%d/stat", static_cast<int>(pid));
  FileDescriptor fd(::open(path, O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) return 0;
  char text[512];
  ssize_t got = ::read(fd.get(), text, sizeof text - 1);
  if (got <= 0) return 0;
  text[got] = 0;
  // "pid (name) S ...": the name may hold spaces and parentheses; the state follows the last ')'.
  char* close = nullptr;
  for (char* at = text; *at; ++at) {
    if (*at == ')') close = at;
  }
  return close && close[1] == ' ' ? close[2] : 0;
}

}  // namespace

bool can_read_keys() {
  return ::isatty(STDIN_FILENO) == 1 && ::isatty(STDOUT_FILENO) == 1 &&
         ::tcgetpgrp(STDIN_FILENO) == ::getpgrp();
}

SystemEvents::SystemEvents(bool catch_stops) : catch_stops_(catch_stops) {
  if (g_signal_pipe[0] < 0 && ::pipe2(g_signal_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
    throw runtime_error("cannot set up signal handling");
  }
  if (!g_continued) {
    void* shared = ::mmap(nullptr, sizeof(std::atomic<long>), PROT_READ | PROT_WRITE,
                          MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED) throw runtime_error("cannot set up signal handling");
    g_continued = new (shared) std::atomic<long>(0);
  }
  // The boot clock keeps counting while the machine sleeps, so a suspend cannot make a session
  // run long; the timer fires at an absolute time on it.
  timer_fd_.reset(::timerfd_create(CLOCK_BOOTTIME, TFD_CLOEXEC | TFD_NONBLOCK));
  if (!timer_fd_.valid()) throw runtime_error("cannot create a timer");
  for (int signal : ending_signals())
    install(signal, on_signal);
  for (int signal : kFollowedSignals) {
    // Without a terminal to give back, a stop is left to the kernel, which keeps a burst of
    // stops and continues in order; the time stopped then counts as held.
    if (signal == SIGTSTP && !catch_stops_) continue;
    install(signal, on_signal);
  }
  for (int signal : kFaultSignals)
    install_fault(signal);
  // A closed pipe on standard output must not end a session before it is logged, and a file
  // size limit is a write error to report.
  ::signal(SIGPIPE, SIG_IGN);
  ::signal(SIGXFSZ, SIG_IGN);
}

SystemEvents::~SystemEvents() {
  leave_raw_mode();
  for (int signal : ending_signals())
    ::signal(signal, SIG_DFL);
  for (int signal : kFollowedSignals)
    ::signal(signal, SIG_DFL);
}

void SystemEvents::start_keys() {
  keys_ = true;
  enter_raw_mode();
}

void SystemEvents::stop_keys() {
  leave_raw_mode();
  keys_ = false;
}

void SystemEvents::enter_raw_mode() {
  termios mode{};
  if (::tcgetattr(STDIN_FILENO, &mode) != 0) {
    keys_ = false;
    return;
  }
  // The mode the terminal had when legsup first took it is the one given back, every time. After
  // a stop the shell may hand back legsup's own raw mode: with a script around legsup, the script
  // stops at Ctrl-Z before legsup has given the terminal back, the shell keeps the mode it finds
  // then as the job's, and restores it at fg. Taken as found, that raw mode was left behind.
  if (!found_mode_) found_mode_ = mode;
  mode = *found_mode_;
  saved_mode_ = mode;
  g_saved_mode = mode;
  mode.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO);
  // No flow control: Ctrl-S would stop the terminal's output, and the next redraw would hold the
  // session (its countdown and its sound) until Ctrl-Q. Here it is a key like any other.
  mode.c_iflag &= ~static_cast<tcflag_t>(IXON);
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
  return std::chrono::duration_cast<SteadyTime>(clock_now(CLOCK_BOOTTIME));
}

SteadyTime SystemEvents::awake_now() {
  // The monotonic clock stops while the machine sleeps; the boot clock does not.
  return std::chrono::duration_cast<SteadyTime>(clock_now(CLOCK_MONOTONIC));
}

std::optional<Event> SystemEvents::next_signal() {
  // Every signal waiting is read at once. One that ends the session wins; of stops and
  // continues, only the last counts (a burst of both must not leave the session stopped).
  std::optional<Event> job_control, other, ending;
  unsigned char bytes[256];
  for (;;) {
    ssize_t got = ::read(g_signal_pipe[0], bytes, sizeof bytes);
    if (got <= 0) break;
    for (ssize_t i = 0; i < got; ++i) {
      int signal = bytes[i];
      if (signal == SIGTSTP || signal == SIGCONT) {
        job_control =
            Event{signal == SIGTSTP ? Event::Kind::signal : Event::Kind::resize, 0, signal};
      } else if (signal == SIGWINCH) {
        other = Event{Event::Kind::resize, 0, signal};
      } else if (signal == SIGCHLD) {
        if (!other) other = Event{Event::Kind::child, 0, signal};
      } else if (!ending) {
        ending = Event{Event::Kind::signal, 0, signal};
      }
    }
  }
  if (ending) return ending;
  if (job_control) return job_control;
  return other;
}

void SystemEvents::arm_timer(std::optional<SteadyTime> deadline) {
  itimerspec timer{};
  if (deadline) {
    auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(*deadline).count();
    // A deadline of exactly zero would disarm the timer; one nanosecond later fires at once.
    if (nanos <= 0) nanos = 1;
    timer.it_value.tv_sec = static_cast<time_t>(nanos / 1000000000);
    timer.it_value.tv_nsec = static_cast<long>(nanos % 1000000000);
  }
  ::timerfd_settime(timer_fd_.get(), TFD_TIMER_ABSTIME, &timer, nullptr);
}

Event SystemEvents::wait(std::optional<SteadyTime> deadline) {
  if (!keys_waiting_.empty()) {
    char key = keys_waiting_.front();
    keys_waiting_.pop_front();
    return Event{Event::Kind::key, key, 0};
  }
  if (resize_waiting_) {
    resize_waiting_ = false;
    return Event{Event::Kind::resize, 0, SIGWINCH};
  }
  arm_timer(deadline);

  for (;;) {
    pollfd fds[3] = {
        {timer_fd_.get(), POLLIN, 0}, {g_signal_pipe[0], POLLIN, 0}, {STDIN_FILENO, POLLIN, 0}};
    int count = ::poll(fds, keys_ ? 3 : 2, -1);
    if (count < 0) {
      if (errno == EINTR) continue;
      return Event{};
    }
    if (fds[1].revents & POLLIN) {
      if (auto event = next_signal()) return *event;
    }
    if (keys_ && (fds[2].revents & (POLLIN | POLLHUP | POLLERR))) {
      char buffer[64];
      ssize_t got = ::read(STDIN_FILENO, buffer, sizeof buffer);
      if (got <= 0) {
        keys_ = false;  // the terminal went away: no more keys, the timer goes on
        continue;
      }
      // Every key counts, however many came at once; an escape sequence (an arrow key and the
      // like) counts as none.
      for (ssize_t i = 0; i < got; ++i) {
        if (buffer[i] != '\x1b') {
          keys_waiting_.push_back(buffer[i]);
          continue;
        }
        if (i + 1 < got && (buffer[i + 1] == '[' || buffer[i + 1] == 'O')) {
          i += 2;
          while (i < got && !(buffer[i] >= '@' && buffer[i] <= '~'))
            ++i;
        }
      }
      if (!keys_waiting_.empty()) return wait(deadline);
      continue;
    }
    if (fds[0].revents & POLLIN) {
      std::uint64_t expirations = 0;
      [[maybe_unused]] ssize_t ignored = ::read(timer_fd_.get(), &expirations, sizeof expirations);
      return Event{};
    }
  }
}

std::optional<int> SystemEvents::wait_for(std::span<pollfd> fds, SteadyTime deadline) {
  if (ending_signal_) return ending_signal_;
  arm_timer(deadline);
  std::vector<pollfd> all(fds.begin(), fds.end());
  all.push_back({timer_fd_.get(), POLLIN, 0});
  all.push_back({g_signal_pipe[0], POLLIN, 0});
  for (;;) {
    if (::poll(all.data(), all.size(), -1) < 0) {
      if (errno == EINTR) continue;
      return std::nullopt;
    }
    for (std::size_t i = 0; i < fds.size(); ++i)
      fds[i].revents = all[i].revents;
    if (all.back().revents & POLLIN) {
      auto event = next_signal();
      if (event && event->kind == Event::Kind::signal && event->signal != SIGTSTP) {
        ending_signal_ = event->signal;
        return ending_signal_;
      }
      if (event && event->kind == Event::Kind::signal) stop_process();
      if (event && event->kind == Event::Kind::resize) resize_waiting_ = true;
      return std::nullopt;  // a child may have changed: the caller looks
    }
    if (all[all.size() - 2].revents & POLLIN) {
      std::uint64_t expirations = 0;
      [[maybe_unused]] ssize_t ignored = ::read(timer_fd_.get(), &expirations, sizeof expirations);
      return std::nullopt;
    }
    for (const auto& fd : fds) {
      if (fd.revents) return std::nullopt;
    }
  }
}

void SystemEvents::stop_process() {
  // A SIGCONT that comes after the SIGTSTP but before the stop takes effect would be lost (a
  // stop discards it), leaving the session stopped for good: then legsup does not stop. It is
  // counted from the SIGTSTP itself: giving the terminal back below may stop legsup already
  // (SIGTTOU, when a wrapper script stopped first and the shell took the terminal), and the fg
  // that continues it is such a SIGCONT (counted from here, it was lost: stopped for good, two
  // runs in three). A helper watches too: if legsup is stopped while a SIGCONT came after the
  // SIGTSTP, it sends one more.
  long seen = g_continued_at_stop.load();
  bool had_keys = keys_;
  leave_raw_mode();
  pid_t self = ::getpid();
  pid_t watcher = ::fork();
  if (watcher == 0) {
    for (int signal = 1; signal < NSIG; ++signal)
      ::signal(signal, SIG_DFL);
    ::setpgid(0, 0);
    // Until legsup has stopped (or given up stopping): at most a second.
    for (int i = 0; i < 1000; ++i) {
      char state = process_state(self);
      if (state == 'T' || state == 't') {
        if (g_continued->load() != seen) ::kill(self, SIGCONT);
        ::_exit(0);
      }
      if (state == 0) ::_exit(0);
      ::usleep(1000);
    }
    ::_exit(0);
  }
  // Stop the way the shell expects (SIGTSTP's default action), then pick up where we were.
  ::signal(SIGTSTP, SIG_DFL);
  sigset_t tstp;
  ::sigemptyset(&tstp);
  ::sigaddset(&tstp, SIGTSTP);
  ::sigprocmask(SIG_UNBLOCK, &tstp, nullptr);
  if (g_continued->load() == seen) ::raise(SIGTSTP);
  install(SIGTSTP, on_signal);
  if (watcher > 0) {
    ::kill(watcher, SIGKILL);  // its work is done, whichever way it went
    int status = 0;
    while (::waitpid(watcher, &status, 0) < 0 && errno == EINTR) {
    }
  }
  if (had_keys) start_keys();
}

SystemEvents::Answer SystemEvents::read_line(const std::function<void()>& ask_again) {
  std::string line;
  for (;;) {
    pollfd fds[2] = {{STDIN_FILENO, POLLIN, 0}, {g_signal_pipe[0], POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return {};
    }
    if (fds[1].revents & POLLIN) {
      if (auto event = next_signal(); event && event->kind == Event::Kind::signal) {
        if (event->signal == SIGTSTP) {
          stop_process();
          ask_again();
          continue;
        }
        return {std::nullopt, event->signal};
      }
    }
    if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
      char buffer[256];
      ssize_t got = ::read(STDIN_FILENO, buffer, sizeof buffer);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) return line.empty() ? Answer{} : Answer{line, std::nullopt};
      for (ssize_t i = 0; i < got; ++i) {
        if (buffer[i] == '\n') return {line, std::nullopt};
        // However long the answer, all of it is read, and it stays one answer.
        if (line.size() < 256) line += buffer[i];
      }
    }
  }
}

void StdoutSink::write(std::string_view text) {
  write_screen(text);
}

int StdoutSink::width() {
  return probe_terminal(STDOUT_FILENO).columns.value_or(kDefaultWidth);
}

int StdoutSink::rows() {
  return probe_terminal(STDOUT_FILENO).rows.value_or(24);
}

}  // namespace legsup
