#include "legsup/base/files.hpp"

#include <fcntl.h>
#include <fmt/core.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace legsup {

Parsed<std::string> read_small_file(const std::string& path, std::size_t max_bytes) {
  auto failure = [&](const char* reason) {
    return Parsed<std::string>::failure(fmt::format("cannot read {}: {}", path, reason));
  };
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return failure(std::strerror(errno));
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    int saved = errno;
    ::close(fd);
    return failure(std::strerror(saved));
  }
  if (S_ISDIR(info.st_mode)) {
    ::close(fd);
    return failure("it is a folder, not a file");
  }
  std::string data;
  char buffer[65536];
  for (;;) {
    ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR) continue;
      int saved = errno;
      ::close(fd);
      return failure(std::strerror(saved));
    }
    if (got == 0) break;
    data.append(buffer, static_cast<std::size_t>(got));
    if (data.size() > max_bytes) {
      ::close(fd);
      return Parsed<std::string>::failure(
          fmt::format("cannot read {}: larger than {} MiB, too large for this kind of file", path,
                      max_bytes / (1024 * 1024)));
    }
  }
  ::close(fd);
  return data;
}

}  // namespace legsup
