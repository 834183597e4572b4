#include "legsup/log.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace legsup {
namespace {

constexpr std::size_t kReadBlock = 256 * 1024;

// Closes a file descriptor on every path out of a function.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

[[noreturn]] void fail_write(const std::string& path, int error) {
  throw runtime_error(fmt::format("cannot write to the log {}: {}", path, std::strerror(error)));
}

[[noreturn]] void fail_read(const std::string& path, int error) {
  throw runtime_error(fmt::format("cannot read the log {}: {}", path, std::strerror(error)));
}

// mkdir -p for the folders above `path`, each new one private to the user whatever the umask.
void create_parent_folders(const std::string& path) {
  for (std::size_t slash = path.find('/', 1); slash != std::string::npos;
       slash = path.find('/', slash + 1)) {
    std::string folder = path.substr(0, slash);
    if (::mkdir(folder.c_str(), 0700) == 0) {
      ::chmod(folder.c_str(), 0700);
    } else if (errno != EEXIST) {
      throw runtime_error(
          fmt::format("cannot create the folder {} for the log: {}", folder, std::strerror(errno)));
    }
  }
}

// Opens the log for appending (and reading its last byte), creating it private to the user.
int open_for_append(const std::string& path) {
  create_parent_folders(path);
  int fd = ::open(path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    ::fchmod(fd, 0600);  // the umask may have taken bits away; never added any
    return fd;
  }
  if (errno != EEXIST) fail_write(path, errno);
  fd = ::open(path.c_str(), O_RDWR | O_APPEND | O_CLOEXEC);
  if (fd < 0) fail_write(path, errno);
  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
    ::close(fd);
    fail_write(path, EISDIR);
  }
  return fd;
}

void lock_exclusive(int fd, const std::string& path) {
  while (::flock(fd, LOCK_EX) != 0) {
    if (errno != EINTR) fail_write(path, errno);
  }
}

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

std::string ordinal(std::size_t n) {
  const char* suffix = "th";
  if (n % 100 < 11 || n % 100 > 13) {
    if (n % 10 == 1) suffix = "st";
    if (n % 10 == 2) suffix = "nd";
    if (n % 10 == 3) suffix = "rd";
  }
  return fmt::format("{}{}", n, suffix);
}

void warn_skipped(const LogWarning& warn, const std::string& path, const std::string& where,
                  const std::string& reason) {
  if (warn) warn(fmt::format("{}: {}: skipped, not a valid record ({})", path, where, reason));
}

int open_for_reading(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return -1;
    fail_read(path, errno);
  }
  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
    ::close(fd);
    fail_read(path, EISDIR);
  }
  return fd;
}

}  // namespace

void SessionLog::ensure_writable() const {
  FileDescriptor fd(open_for_append(path_));
}

void SessionLog::append(const Record& record) const {
  std::string line = format_record_line(record) + "\n";
  FileDescriptor fd(open_for_append(path_));
  lock_exclusive(fd.get(), path_);

  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) fail_write(path_, errno);
  off_t size_before = info.st_size;
  if (S_ISREG(info.st_mode) && size_before > 0) {
    char last = '\n';
    if (::pread(fd.get(), &last, 1, size_before - 1) == 1 && last != '\n') {
      std::string ended_first(1, '\n');
      ended_first += line;
      line.swap(ended_first);
    }
  }

  // One write: with O_APPEND and the lock, no other record can land inside this one.
  ssize_t written;
  do {
    written = ::write(fd.get(), line.data(), line.size());
  } while (written < 0 && errno == EINTR);
  int error = written < 0 ? errno : ENOSPC;  // a short write means the disk filled up
  bool complete = written == static_cast<ssize_t>(line.size());
  if (complete && ::fsync(fd.get()) != 0 && errno != EINVAL) {
    complete = false;
    error = errno;
  }
  if (!complete) {
    // Take back the part that did land, so the log is exactly as it was before.
    if (written > 0 && S_ISREG(info.st_mode)) {
      if (::ftruncate(fd.get(), size_before) != 0) { /* the error below says it all */
      }
    }
    fail_write(path_, error);
  }
}

void SessionLog::for_each(const std::function<void(Record&&)>& visit,
                          const LogWarning& warn) const {
  int raw_fd = open_for_reading(path_);
  if (raw_fd < 0) return;
  FileDescriptor fd(raw_fd);

  std::vector<char> block(kReadBlock);
  std::string partial;    // the start of a line that continues in the next block
  bool too_long = false;  // the current line passed kMaxRecordLineBytes and is being skipped
  std::size_t line_number = 0;

  auto finish_line = [&](std::string_view line) {
    ++line_number;
    if (too_long) {
      warn_skipped(warn, path_, fmt::format("line {}", line_number),
                   fmt::format("longer than {} KiB", kMaxRecordLineBytes / 1024));
      too_long = false;
      return;
    }
    if (is_blank(line)) return;
    auto record = parse_record_line(line);
    if (record) {
      visit(std::move(record).value());
    } else {
      warn_skipped(warn, path_, fmt::format("line {}", line_number), record.error());
    }
  };

  for (;;) {
    ssize_t got = ::read(fd.get(), block.data(), block.size());
    if (got < 0) {
      if (errno == EINTR) continue;
      fail_read(path_, errno);
    }
    if (got == 0) break;
    std::string_view data(block.data(), static_cast<std::size_t>(got));
    while (!data.empty()) {
      std::size_t newline = data.find('\n');
      std::string_view piece = data.substr(0, newline);
      if (!too_long) {
        if (partial.size() + piece.size() > kMaxRecordLineBytes) {
          too_long = true;
          partial.clear();
          partial.shrink_to_fit();
        } else if (newline != std::string_view::npos && partial.empty()) {
          finish_line(piece);  // the common case: a whole line inside the block, no copy
          data.remove_prefix(newline + 1);
          continue;
        } else {
          partial.append(piece);
        }
      }
      if (newline == std::string_view::npos) break;
      finish_line(partial);
      partial.clear();
      data.remove_prefix(newline + 1);
    }
  }
  // A last line without a newline: written by a process that crashed, or by another tool.
  if (too_long || !partial.empty()) finish_line(partial);
}

std::vector<Record> SessionLog::last(std::size_t count,
                                     const std::function<bool(const Record&)>& keep,
                                     const LogWarning& warn) const {
  std::vector<Record> newest_first;
  if (count == 0) return newest_first;
  int raw_fd = open_for_reading(path_);
  if (raw_fd < 0) return newest_first;
  FileDescriptor fd(raw_fd);
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) fail_read(path_, errno);

  off_t position = info.st_size;
  std::string carry;  // the end of a line whose start lies before `position`
  bool too_long = false;
  std::size_t from_end = 0;
  std::vector<char> block(kReadBlock);

  auto finish_line = [&](std::string_view line) {
    ++from_end;
    std::string where = fmt::format("{} line from the end", ordinal(from_end));
    if (too_long) {
      warn_skipped(warn, path_, where,
                   fmt::format("longer than {} KiB", kMaxRecordLineBytes / 1024));
      too_long = false;
      return;
    }
    if (is_blank(line)) return;
    auto record = parse_record_line(line);
    if (!record) {
      warn_skipped(warn, path_, where, record.error());
    } else if (!keep || keep(*record)) {
      newest_first.push_back(std::move(record).value());
    }
  };

  bool skipped_final_newline = false;
  while (position > 0 && newest_first.size() < count) {
    std::size_t size = static_cast<std::size_t>(std::min<off_t>(position, kReadBlock));
    position -= static_cast<off_t>(size);
    ssize_t got = ::pread(fd.get(), block.data(), size, position);
    if (got != static_cast<ssize_t>(size)) fail_read(path_, got < 0 ? errno : EIO);
    std::string_view data(block.data(), size);
    if (!skipped_final_newline) {
      // The newline that ends the file ends the last line; it does not start an empty one.
      if (!data.empty() && data.back() == '\n') data.remove_suffix(1);
      skipped_final_newline = true;
    }
    // Lines are taken from the end of the block backwards; `carry` holds a line's tail.
    while (newest_first.size() < count) {
      std::size_t newline = data.rfind('\n');
      std::string_view piece = newline == std::string_view::npos ? data : data.substr(newline + 1);
      if (!too_long) {
        if (carry.size() + piece.size() > kMaxRecordLineBytes) {
          too_long = true;
          carry.clear();
          carry.shrink_to_fit();
        } else {
          std::string joined(piece);
          joined += carry;
          carry.swap(joined);
        }
      }
      if (newline == std::string_view::npos) break;
      finish_line(carry);
      carry.clear();
      data = data.substr(0, newline);
    }
  }
  if (position == 0 && newest_first.size() < count && (too_long || !carry.empty())) {
    finish_line(carry);
  }
  std::reverse(newest_first.begin(), newest_first.end());
  return newest_first;
}

}  // namespace legsup
