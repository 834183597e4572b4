#include "players.hpp"

#include <fcntl.h>
#include <fmt/core.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <tuple>

extern char** environ;

namespace legsup {

std::optional<std::string> find_program(const std::vector<std::string>& programs,
                                        std::string_view path_variable) {
  for (const auto& program : programs) {
    std::size_t start = 0;
    while (start <= path_variable.size()) {
      std::size_t colon = path_variable.find(':', start);
      std::string_view folder = path_variable.substr(
          start, colon == std::string_view::npos ? std::string_view::npos : colon - start);
      // An empty entry means the current folder, which is no place to look for a player.
      if (!folder.empty()) {
        std::string candidate = fmt::format("{}/{}", folder, program);
        struct stat info {};
        if (::stat(candidate.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
            ::access(candidate.c_str(), X_OK) == 0) {
          return candidate;
        }
      }
      if (colon == std::string_view::npos) break;
      start = colon + 1;
    }
  }
  return std::nullopt;
}

namespace {

using std::chrono::milliseconds;

// How long a process group asked to stop (SIGTERM) has before it is made to (SIGKILL).
constexpr milliseconds kStopPatience{500};

// A pipe whose ends close on exec; false when there is none to be had.
bool make_pipe(int (&ends)[2]) {
  return ::pipe2(ends, O_CLOEXEC) == 0;
}

void close_if_open(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

// The argument vector and the environment, made before fork: the child may only make
// async-signal-safe calls.
struct ExecImage {
  std::vector<std::string> environment;
  std::vector<char*> argv;
  std::vector<char*> envp;

  ExecImage(const std::vector<std::string>& arguments, const std::vector<std::string>& added)
      : environment(added) {
    for (const auto& argument : arguments)
      argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    auto replaced = [&](std::string_view entry) {
      std::string_view name = entry.substr(0, entry.find('=') + 1);
      return std::any_of(added.begin(), added.end(),
                         [&](const std::string& mine) { return mine.starts_with(name); });
    };
    for (char** entry = environ; entry && *entry; ++entry) {
      if (!replaced(*entry)) envp.push_back(*entry);
    }
    for (auto& entry : environment)
      envp.push_back(entry.data());
    envp.push_back(nullptr);
  }
};

// In the child, between fork and exec: only async-signal-safe calls.
[[noreturn]] void become(const ExecImage& image, int input, int output, int errors) {
  // Signals legsup catches or ignores are the program's own again; none is blocked.
  for (int signal = 1; signal < NSIG; ++signal)
    ::signal(signal, SIG_DFL);
  sigset_t none;
  ::sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  ::setpgid(0, 0);
  int null = ::open("/dev/null", O_RDWR);
  ::dup2(input >= 0 ? input : null, 0);
  ::dup2(output >= 0 ? output : null, 1);
  ::dup2(errors >= 0 ? errors : null, 2);
  ::execve(image.argv[0], image.argv.data(), image.envp.data());
  ::_exit(127);
}

// Reads what a descriptor holds now into `into`, at most `limit` bytes in all; true when the
// writer has closed it (or it failed), false while more may come.
bool read_bounded(int fd, std::string& into, std::size_t limit, bool& too_much) {
  char buffer[65536];
  for (;;) {
    ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got > 0) {
      std::size_t room = limit - std::min(limit, into.size());
      into.append(buffer, std::min(room, static_cast<std::size_t>(got)));
      if (static_cast<std::size_t>(got) > room) {
        too_much = true;
        return true;
      }
      continue;
    }
    if (got < 0 && errno == EINTR) continue;
    return got == 0 || errno != EAGAIN;
  }
}

}  // namespace

std::optional<Child> spawn(const std::vector<std::string>& arguments, bool with_input,
                           bool with_output, const std::vector<std::string>& environment) {
  ExecImage image(arguments, environment);
  int input[2] = {-1, -1}, output[2] = {-1, -1}, errors[2] = {-1, -1};
  bool piped =
      make_pipe(errors) && (!with_input || make_pipe(input)) && (!with_output || make_pipe(output));
  auto close_all = [&] {
    for (int* fd : {&input[0], &input[1], &output[0], &output[1], &errors[0], &errors[1]})
      close_if_open(*fd);
  };
  if (!piped) {
    close_all();
    return std::nullopt;
  }
  pid_t pid = ::fork();
  if (pid < 0) {
    close_all();
    return std::nullopt;
  }
  if (pid == 0) become(image, input[0], output[1], errors[1]);
  ::setpgid(pid, pid);  // as the child does: whichever runs first
  close_if_open(input[0]);
  close_if_open(output[1]);
  close_if_open(errors[1]);
  Child child{pid, input[1], output[0], errors[0]};
  for (int fd : {child.input, child.output, child.errors}) {
    if (fd >= 0) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  }
  return child;
}

RunTogether run_together(const std::vector<std::vector<std::string>>& commands,
                         milliseconds patience, std::size_t output_limit, Waits& waits,
                         const std::vector<std::string>& environment) {
  RunTogether run;
  run.finished.resize(commands.size());
  std::vector<Child> children(commands.size());
  std::vector<ErrorTail> said(commands.size());
  for (std::size_t i = 0; i < commands.size(); ++i) {
    if (auto child = spawn(commands[i], false, true, environment)) {
      children[i] = *child;
    } else {
      run.finished[i].started = false;
    }
  }
  SteadyTime deadline = waits.now() + patience;
  for (;;) {
    // Standard error is read as it comes too: a program that says much before it prints must
    // not stop, its pipe full, until the patience runs out.
    std::vector<pollfd> fds;
    bool printing = false;
    for (std::size_t i = 0; i < children.size(); ++i) {
      Child& child = children[i];
      if (child.output >= 0 && read_bounded(child.output, run.finished[i].output, output_limit,
                                            run.finished[i].too_much)) {
        close_if_open(child.output);
      }
      if (child.errors >= 0 && said[i].read_from(child.errors)) close_if_open(child.errors);
      if (child.output >= 0) fds.push_back({child.output, POLLIN, 0});
      if (child.errors >= 0) fds.push_back({child.errors, POLLIN, 0});
      printing = printing || child.output >= 0;
    }
    if (!printing || waits.now() >= deadline) break;
    if ((run.signal = waits.wait_for(fds, deadline))) break;
  }
  // Those that closed their output end now, within what is left of the patience (a signal, or
  // one that wrote too much, ends them at once). Those still running when it ran out are asked to
  // stop all together, and made to half a second later: one by one, each would add its own.
  bool asked = !run.signal && waits.now() >= deadline;
  if (asked) {
    for (const Child& child : children) {
      if (child.pid >= 0) ::kill(-child.pid, SIGTERM);
    }
    deadline = waits.now() + kStopPatience;
  }
  for (std::size_t i = 0; i < children.size(); ++i) {
    Child& child = children[i];
    if (child.pid < 0) continue;
    close_if_open(child.output);
    if (run.signal || run.finished[i].too_much) {
      run.finished[i].status = kill_child(child.pid);
    } else {
      Ended ended = end_child(child.pid, deadline, waits, asked);
      run.finished[i].status = ended.status;
      if (ended.signal) run.signal = ended.signal;
    }
    said[i].read_from(child.errors);
    run.finished[i].said = said[i].text();
    close_if_open(child.errors);
  }
  return run;
}

void spawn_detached(const std::vector<std::string>& arguments,
                    const std::vector<std::string>& environment) {
  ExecImage image(arguments, environment);
  pid_t middle = ::fork();
  if (middle < 0) return;
  if (middle == 0) {
    // The grandchild is adopted by init, which reaps it: no zombie, nothing to wait for.
    if (::fork() == 0) become(image, -1, -1, -1);
    ::_exit(0);
  }
  int status = 0;
  while (::waitpid(middle, &status, 0) < 0 && errno == EINTR) {
  }
}

std::optional<int> reap(pid_t pid) {
  // Looked at without reaping first: while the child is a zombie its process id (and group) is
  // not given to another process, so the group can be ended without ending a stranger.
  siginfo_t info{};
  if (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) < 0) {
    return errno == ECHILD ? std::optional<int>(0) : std::nullopt;  // reaped already
  }
  if (info.si_pid != pid) return std::nullopt;
  ::kill(-pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

int kill_child(pid_t pid) {
  ::kill(-pid, SIGKILL);
  ::kill(pid, SIGKILL);  // in case it had not yet made its own group
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

Ended end_child(pid_t pid, SteadyTime deadline, Waits& waits, bool asked) {
  auto wait_until = [&](SteadyTime until) -> std::pair<std::optional<int>, std::optional<int>> {
    for (;;) {
      if (auto status = reap(pid)) return {status, std::nullopt};
      if (waits.now() >= until) return {};
      if (auto signal = waits.wait_for({}, until)) {
        return {std::nullopt, signal};
      }
    }
  };
  auto [status, signal] = wait_until(deadline);
  if (status) return {*status, std::nullopt};
  if (!signal && !asked) {
    ::kill(-pid, SIGTERM);
    std::tie(status, signal) = wait_until(waits.now() + kStopPatience);
    if (status) return {*status, std::nullopt, true};
  }
  return {kill_child(pid), signal, !signal};
}

std::string describe_status(int status) {
  if (WIFEXITED(status)) {
    return WEXITSTATUS(status) == 127 ? "could not be started"
                                      : fmt::format("exit {}", WEXITSTATUS(status));
  }
  if (WIFSIGNALED(status)) return fmt::format("killed by signal {}", WTERMSIG(status));
  return "stopped";
}

bool ErrorTail::read_from(int fd) {
  if (fd < 0) return true;
  // Enough for the last line worth quoting, never a flood.
  constexpr std::size_t kKept = 4096;
  char buffer[4096];
  for (;;) {
    ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got > 0) {
      text_.append(buffer, static_cast<std::size_t>(got));
      if (text_.size() > kKept) text_.erase(0, text_.size() - kKept);
      continue;
    }
    if (got < 0 && errno == EINTR) continue;
    return got == 0 || errno != EAGAIN;
  }
}

}  // namespace legsup
