#include "players.hpp"

#include <fcntl.h>
#include <fmt/core.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <thread>

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

// A pipe whose ends close on exec; false when there is none to be had.
bool make_pipe(int (&ends)[2]) {
  return ::pipe2(ends, O_CLOEXEC) == 0;
}

void close_if_open(int fd) {
  if (fd >= 0) ::close(fd);
}

// In the child, between fork and exec: only async-signal-safe calls.
[[noreturn]] void become(const std::vector<char*>& argv, int input, int output, int errors) {
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
  ::execv(argv[0], argv.data());
  ::_exit(127);
}

}  // namespace

std::optional<Child> spawn(const std::vector<std::string>& arguments, bool with_input,
                           bool with_output) {
  std::vector<char*> argv;
  for (const auto& argument : arguments)
    argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);
  int input[2] = {-1, -1}, output[2] = {-1, -1}, errors[2] = {-1, -1};
  bool piped =
      make_pipe(errors) && (!with_input || make_pipe(input)) && (!with_output || make_pipe(output));
  auto close_all = [&] {
    for (int fd : {input[0], input[1], output[0], output[1], errors[0], errors[1]})
      close_if_open(fd);
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
  if (pid == 0) become(argv, input[0], output[1], errors[1]);
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

std::vector<Finished> run_together(const std::vector<std::vector<std::string>>& commands,
                                   std::chrono::milliseconds patience) {
  std::vector<Finished> results(commands.size());
  std::vector<Child> children(commands.size());
  std::size_t open = 0;
  for (std::size_t i = 0; i < commands.size(); ++i) {
    if (auto child = spawn(commands[i], false, true)) {
      children[i] = *child;
      ++open;
    } else {
      results[i].started = false;
    }
  }
  auto deadline = std::chrono::steady_clock::now() + patience;
  while (open > 0 && std::chrono::steady_clock::now() < deadline) {
    std::vector<pollfd> fds;
    for (const auto& child : children) {
      if (child.output >= 0) fds.push_back({child.output, POLLIN, 0});
    }
    ::poll(fds.data(), fds.size(), 100);
    for (std::size_t i = 0; i < children.size(); ++i) {
      Child& child = children[i];
      if (child.output < 0) continue;
      char buffer[65536];
      for (;;) {
        ssize_t got = ::read(child.output, buffer, sizeof buffer);
        if (got > 0) {
          results[i].output.append(buffer, static_cast<std::size_t>(got));
          continue;
        }
        if (got < 0 && errno == EINTR) continue;
        if (got == 0) {
          ::close(child.output);
          child.output = -1;
          --open;
        }
        break;
      }
      read_errors(child.errors, results[i].said);
    }
  }
  for (std::size_t i = 0; i < children.size(); ++i) {
    Child& child = children[i];
    if (child.pid < 0) continue;
    if (child.output >= 0) ::close(child.output);
    results[i].status = wait_or_end(child.pid, std::chrono::milliseconds(0));
    read_errors(child.errors, results[i].said);
    ::close(child.errors);
  }
  return results;
}

void spawn_detached(const std::vector<std::string>& arguments) {
  std::vector<char*> argv;
  for (const auto& argument : arguments)
    argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);
  pid_t middle = ::fork();
  if (middle < 0) return;
  if (middle == 0) {
    // The grandchild is adopted by init, which reaps it: no zombie, nothing to wait for.
    if (::fork() == 0) become(argv, -1, -1, -1);
    ::_exit(0);
  }
  int status = 0;
  while (::waitpid(middle, &status, 0) < 0 && errno == EINTR) {
  }
}

std::optional<int> reap(pid_t pid) {
  int status = 0;
  pid_t done = ::waitpid(pid, &status, WNOHANG);
  if (done == pid) return status;
  if (done < 0 && errno == ECHILD) return 0;  // reaped already
  return std::nullopt;
}

int wait_or_end(pid_t pid, std::chrono::milliseconds patience) {
  using Clock = std::chrono::steady_clock;
  auto wait_until = [&](Clock::time_point deadline) -> std::optional<int> {
    for (;;) {
      if (auto status = reap(pid)) return status;
      if (Clock::now() >= deadline) return std::nullopt;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  };
  if (auto status = wait_until(Clock::now() + patience)) return *status;
  ::kill(pid, SIGTERM);
  if (auto status = wait_until(Clock::now() + std::chrono::milliseconds(500))) return *status;
  ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

std::string describe_status(int status) {
  if (WIFEXITED(status)) {
    return WEXITSTATUS(status) == 127 ? "could not be started"
                                      : fmt::format("exit {}", WEXITSTATUS(status));
  }
  if (WIFSIGNALED(status)) return fmt::format("killed by signal {}", WTERMSIG(status));
  return "stopped";
}

void read_errors(int fd, std::string& said) {
  if (fd < 0) return;
  char buffer[4096];
  for (;;) {
    ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got > 0) {
      // Enough to quote the program, never a flood.
      if (said.size() < 16384) said.append(buffer, static_cast<std::size_t>(got));
      continue;
    }
    if (got < 0 && errno == EINTR) continue;
    return;
  }
}

std::string last_line(const std::string& said) {
  std::size_t end = said.find_last_not_of(" \t\r\n");
  if (end == std::string::npos) return "";
  std::size_t start = said.rfind('\n', end);
  return said.substr(start == std::string::npos ? 0 : start + 1,
                     end - (start == std::string::npos ? 0 : start + 1) + 1);
}

}  // namespace legsup
