#include "legsup/base/files.hpp"

#include <fcntl.h>
#include <fmt/core.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

namespace legsup {
namespace {

std::string_view kind_of_file(mode_t mode) {
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  return "not a regular file";
}

std::string not_regular_reason(mode_t mode) {
  return fmt::format("it is {}, not a regular file", kind_of_file(mode));
}

OpenedFile failed(int error, std::string reason) {
  OpenedFile opened;
  opened.error = error;
  opened.reason = std::move(reason);
  return opened;
}

// Why opening failed: that the path is no regular file (a socket cannot even be opened, a
// folder not for writing) says more than the error number.
OpenedFile open_failed(const std::string& path, int error) {
  struct stat info {};
  if (error != ENOENT && ::stat(path.c_str(), &info) == 0 && !S_ISREG(info.st_mode)) {
    return failed(error, not_regular_reason(info.st_mode));
  }
  return failed(error, std::strerror(error));
}

// Refuses what is not a regular file, and gives back the waiting that O_NONBLOCK took away.
OpenedFile checked(FileDescriptor fd) {
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) return failed(errno, std::strerror(errno));
  if (!S_ISREG(info.st_mode)) return failed(EINVAL, not_regular_reason(info.st_mode));
  int flags = ::fcntl(fd.get(), F_GETFL);
  if (flags < 0 || ::fcntl(fd.get(), F_SETFL, flags & ~O_NONBLOCK) != 0) {
    return failed(errno, std::strerror(errno));
  }
  OpenedFile opened;
  opened.fd = std::move(fd);
  return opened;
}

}  // namespace

void FileDescriptor::reset(int fd) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
}

OpenedFile open_regular_file(const std::string& path, int flags) {
  FileDescriptor fd(::open(path.c_str(), flags | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  if (!fd.valid()) return open_failed(path, errno);
  return checked(std::move(fd));
}

OpenedFile create_private_file(const std::string& path, int flags) {
  FileDescriptor fd(
      ::open(path.c_str(), flags | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0600));
  if (!fd.valid()) return open_failed(path, errno);
  // The umask may have taken bits away, never added any; a mode set on the descriptor is sure.
  if (::fchmod(fd.get(), 0600) != 0) {
    int error = errno;
    ::unlink(path.c_str());
    return failed(error, std::strerror(error));
  }
  return checked(std::move(fd));
}

std::optional<FolderFailure> make_private_folders(const std::string& folder,
                                                  std::vector<std::string>& made) {
  for (std::size_t end = folder.find('/', 1);; end = folder.find('/', end + 1)) {
    std::string partial = folder.substr(0, end);
    if (!partial.empty() && partial.back() != '/') {
      if (::mkdir(partial.c_str(), 0700) == 0) {
        made.push_back(partial);
        if (::chmod(partial.c_str(), 0700) != 0) {
          return FolderFailure{partial, std::strerror(errno)};
        }
      } else if (errno != EEXIST) {
        return FolderFailure{partial, std::strerror(errno)};
      }
    }
    if (end == std::string::npos) return std::nullopt;
  }
}

int write_all(int fd, std::string_view text, std::size_t* landed) {
  std::size_t written_so_far = 0;
  int error = 0;
  while (written_so_far < text.size()) {
    ssize_t written = ::write(fd, text.data() + written_so_far, text.size() - written_so_far);
    if (written < 0 && errno == EINTR) continue;
    // A write that lands nothing without an error: the next one would say why.
    if (written <= 0) {
      error = written < 0 ? errno : EIO;
      break;
    }
    written_so_far += static_cast<std::size_t>(written);
  }
  if (landed) *landed = written_so_far;
  return error;
}

Parsed<std::string> read_small_file(const std::string& path, std::size_t max_bytes) {
  auto text = read_small_file_if_present(path, max_bytes);
  if (!text) return Parsed<std::string>::failure(text.error());
  if (!*text) {
    return Parsed<std::string>::failure(
        fmt::format("cannot read {}: {}", path, std::strerror(ENOENT)));
  }
  return std::move(text).value().value();
}

Parsed<std::optional<std::string>> read_small_file_if_present(const std::string& path,
                                                              std::size_t max_bytes) {
  using Result = Parsed<std::optional<std::string>>;
  auto failure = [&](const std::string& reason) {
    return Result::failure(fmt::format("cannot read {}: {}", path, reason));
  };
  OpenedFile file = open_regular_file(path, O_RDONLY);
  if (file.missing()) return std::optional<std::string>();
  if (!file) return failure(file.reason);
  std::string data;
  char buffer[65536];
  for (;;) {
    ssize_t got = ::read(file.fd.get(), buffer, sizeof buffer);
    if (got < 0) {
      if (errno == EINTR) continue;
      return failure(std::strerror(errno));
    }
    if (got == 0) break;
    data.append(buffer, static_cast<std::size_t>(got));
    if (data.size() > max_bytes) {
      return failure(fmt::format("larger than {} MiB, too large for this kind of file",
                                 max_bytes / (1024 * 1024)));
    }
  }
  return std::optional<std::string>(std::move(data));
}

}  // namespace legsup
