#include "players.hpp"

#include <fcntl.h>
#include <fmt/core.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>

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

bool spawn_detached(const std::vector<std::string>& arguments, int pass_fd) {
  std::vector<char*> argv;
  for (const auto& argument : arguments)
    argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);
  pid_t child = ::fork();
  if (child < 0) return false;
  if (child == 0) {
    // In the child only async-signal-safe calls until exec.
    ::signal(SIGCHLD, SIG_DFL);
    int null = ::open("/dev/null", O_RDWR);
    if (null >= 0) {
      ::dup2(null, 0);
      ::dup2(null, 1);
      ::dup2(null, 2);
    }
    if (pass_fd == 3) {
      ::fcntl(3, F_SETFD, 0);  // keep it open across exec
    } else if (pass_fd >= 0) {
      ::dup2(pass_fd, 3);  // the copy does not close on exec
    }
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return true;
}

}  // namespace legsup
