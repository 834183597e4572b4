#include "legsup/log/log.hpp"

#include <fcntl.h>
#include <fmt/core.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace legsup {
namespace {

constexpr std::size_t kReadBlock = kLogReadBlockBytes;
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

[[noreturn]] void fail_write(const std::string& path, const std::string& reason) {
  throw runtime_error(fmt::format("cannot write to the log {}: {}", path, reason));
}

[[noreturn]] void fail_read(const std::string& path, const std::string& reason) {
  throw runtime_error(fmt::format("cannot read the log {}: {}", path, reason));
}

// Opens a log that exists; an invalid descriptor when it does not. What is not a regular file
// (a FIFO would swallow records or block a reader forever, a device would take writes and hold
// nothing) is refused through `fail`.
FileDescriptor open_existing(const std::string& path, int flags,
                             void (*fail)(const std::string& path, const std::string& reason)) {
  OpenedFile file = open_regular_file(path, flags);
  if (!file && !file.missing()) fail(path, file.reason);
  return std::move(file.fd);
}

// What an append created, removed again when the append fails, so that a failure leaves no
// trace: mkdir -p's folders, and the file.
class CreatedPaths {
 public:
  ~CreatedPaths() {
    if (kept_) return;
    if (!file_.empty()) ::unlink(file_.c_str());
    for (auto folder = folders_.rbegin(); folder != folders_.rend(); ++folder)
      ::rmdir(folder->c_str());
  }
  void folder(std::string path) { folders_.push_back(std::move(path)); }
  void file(std::string path) { file_ = std::move(path); }
  void keep() { kept_ = true; }

 private:
  std::vector<std::string> folders_;
  std::string file_;
  bool kept_ = false;
};

// mkdir -p for the folders above `path`.
void create_parent_folders(const std::string& path, CreatedPaths& created) {
  std::size_t slash = path.rfind('/');
  if (slash == std::string::npos || slash == 0) return;
  std::vector<std::string> made;
  auto failure = make_private_folders(path.substr(0, slash), made);
  for (auto& folder : made)
    created.folder(std::move(folder));
  if (failure) {
    throw runtime_error(fmt::format("cannot create the folder {} for the log: {}", failure->folder,
                                    failure->reason));
  }
}

// Opens the log for appending (and reading its last byte), creating it private to the user.
FileDescriptor open_for_append(const std::string& path, CreatedPaths& created) {
  create_parent_folders(path, created);
  OpenedFile file = create_private_file(path, O_RDWR | O_APPEND);
  if (file) {
    created.file(path);
    return std::move(file.fd);
  }
  if (file.error != EEXIST) fail_write(path, file.reason);
  FileDescriptor fd = open_existing(path, O_RDWR | O_APPEND, fail_write);
  if (!fd.valid()) fail_write(path, std::strerror(ENOENT));  // removed since the first open
  return fd;
}

void lock_exclusive(int fd, const std::string& path, const SessionLog::LockPatience& patience) {
  for (;;) {
    if (::flock(fd, patience ? LOCK_EX | LOCK_NB : LOCK_EX) == 0) return;
    if (errno == EINTR) continue;
    if (!patience || errno != EWOULDBLOCK) fail_write(path, std::strerror(errno));
    if (!patience()) {
      fail_write(path,
                 "another process holds it (another legsup writing it), and it was not "
                 "waited for any longer");
    }
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

// Opens the log for reading; an invalid descriptor when it does not exist.
FileDescriptor open_for_reading(const std::string& path) {
  return open_existing(path, O_RDONLY, fail_read);
}

// One line gathered from the pieces a block boundary cut it into, read forward or backward. A
// line longer than kMaxRecordLineBytes is only counted, never held in memory.
class LineAssembler {
 public:
  void add(std::string_view piece, bool backward) {
    if (too_long_) return;
    if (line_.size() + piece.size() > kMaxRecordLineBytes) {
      too_long_ = true;
      line_.clear();
      line_.shrink_to_fit();
    } else if (backward) {
      line_.insert(0, piece);
    } else {
      line_.append(piece);
    }
  }
  bool too_long() const { return too_long_; }
  bool empty() const { return line_.empty() && !too_long_; }
  std::string& text() { return line_; }
  void reset() {
    line_.clear();
    too_long_ = false;
  }

 private:
  std::string line_;
  bool too_long_ = false;
};

}  // namespace

std::string LogLine::where() const {
  return from_end ? fmt::format("{} line from the end", ordinal(number))
                  : fmt::format("line {}", number);
}

void SessionLog::warn_skipped(const LogWarning& warn, const LogLine& line,
                              const std::string& reason) const {
  if (warn)
    warn(fmt::format("{}: {}: skipped, not a valid record ({})", path_, line.where(), reason));
}

void SessionLog::warn_too_long(const LogWarning& warn, const LogLine& line) const {
  warn_skipped(warn, line, fmt::format("longer than {} KiB", kMaxRecordLineBytes / 1024));
}

void SessionLog::ensure_writable() const {
  CreatedPaths created;
  FileDescriptor fd(open_for_append(path_, created));
  created.keep();
}

void SessionLog::append(const Record& record, const LockPatience& patience) const {
  if (auto reason = unwritable_reason(record)) {
    throw runtime_error(fmt::format("cannot write this record to the log: {}", *reason));
  }
  std::string line = format_record_line(record) + "\n";
  append_stream([&](const AppendLines& write) { write(line); }, patience);
}

void SessionLog::append_locked(const std::function<std::string()>& make_lines) const {
  append_stream([&](const AppendLines& write) { write(make_lines()); });
}

void SessionLog::append_stream(const std::function<void(const AppendLines&)>& produce,
                               const LockPatience& patience) const {
  CreatedPaths created;
  FileDescriptor fd(open_for_append(path_, created));
  lock_exclusive(fd.get(), path_, patience);
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) fail_write(path_, std::strerror(errno));
  const off_t size_before = info.st_size;
  char last = '\n';
  if (size_before > 0 && ::pread(fd.get(), &last, 1, size_before - 1) != 1) last = '\n';

  // With O_APPEND and the lock, no other record can land among these lines. They go out a large
  // piece at a time (a record is one write); should a write fall short (a file size limit, a
  // full disk), the next one says why.
  std::string pending;
  std::size_t landed = 0;
  bool any = false;
  auto flush = [&] {
    std::size_t piece = 0;
    int error = write_all(fd.get(), pending, &piece);
    landed += piece;
    if (error != 0) fail_write(path_, std::strerror(error));
    pending.clear();
  };
  try {
    produce([&](std::string_view lines) {
      if (lines.empty()) return;
      if (!any && last != '\n') pending += '\n';  // ends a torn line, which stays as it was
      any = true;
      pending += lines;
      if (pending.size() >= kReadBlock * 4) flush();
    });
    if (!any) return;  // nothing to write: a log made just now goes again
    flush();
    if (::fsync(fd.get()) != 0 && errno != EINVAL) fail_write(path_, std::strerror(errno));
  } catch (...) {
    // Take back what did land, so the log is exactly as it was before.
    if (landed > 0 && ::ftruncate(fd.get(), size_before) != 0) {
      // what is thrown says what went wrong in the first place
    }
    throw;
  }
  created.keep();
}

void SessionLog::for_each_line(const std::function<void(const LogLine&)>& visit,
                               const LogWarning& warn, std::uint64_t from) const {
  FileDescriptor fd = open_for_reading(path_);
  if (!fd.valid()) return;
  if (from > 0 && ::lseek(fd.get(), static_cast<off_t>(from), SEEK_SET) < 0) {
    fail_read(path_, std::strerror(errno));
  }

  std::vector<char> block(kReadBlock);
  LineAssembler partial;  // the start of a line that continues in the next block
  std::size_t number = 0;
  std::uint64_t read_so_far = from;  // bytes of the file before the current block
  std::uint64_t line_start = from;   // where the line being finished starts

  auto finish_line = [&](std::string_view text) {
    LogLine line{text, ++number, false, line_start};
    if (line_start == 0 && text.substr(0, kByteOrderMark.size()) == kByteOrderMark) {
      line.text.remove_prefix(kByteOrderMark.size());  // a byte order mark from an editor
    }
    // One limit for every line, whether it came in one block or in pieces.
    if (partial.too_long() || text.size() > kMaxRecordLineBytes) {
      warn_too_long(warn, line);
    } else if (!is_blank(line.text)) {
      visit(line);
    }
    partial.reset();
  };

  for (;;) {
    ssize_t got = ::read(fd.get(), block.data(), block.size());
    if (got < 0) {
      if (errno == EINTR) continue;
      fail_read(path_, std::strerror(errno));
    }
    if (got == 0) break;
    std::string_view data(block.data(), static_cast<std::size_t>(got));
    auto position = [&] { return read_so_far + (static_cast<std::size_t>(got) - data.size()); };
    while (!data.empty()) {
      std::size_t newline = data.find('\n');
      if (newline != std::string_view::npos && partial.empty()) {
        line_start = position();
        finish_line(data.substr(0, newline));  // the common case: no copy
        data.remove_prefix(newline + 1);
        continue;
      }
      if (partial.empty()) line_start = position();
      partial.add(data.substr(0, newline), false);
      if (newline == std::string_view::npos) break;
      finish_line(partial.text());
      data.remove_prefix(newline + 1);
    }
    read_so_far += static_cast<std::uint64_t>(got);
  }
  // A last line without a newline: written by a process that crashed, or by another tool.
  if (!partial.empty()) finish_line(partial.text());
}

void SessionLog::for_each_line_from_end(const std::function<bool(const LogLine&)>& visit,
                                        const LogWarning& warn) const {
  FileDescriptor fd = open_for_reading(path_);
  if (!fd.valid()) return;
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) fail_read(path_, std::strerror(errno));

  off_t position = info.st_size;
  LineAssembler carry;  // the end of a line whose start lies before `position`
  std::size_t from_end = 0;
  bool more = true;
  std::vector<char> block(kReadBlock);

  std::uint64_t line_start = 0;
  auto finish_line = [&](bool first_of_file) {
    LogLine line{carry.text(), ++from_end, true, line_start};
    if (first_of_file && line.text.substr(0, kByteOrderMark.size()) == kByteOrderMark) {
      line.text.remove_prefix(kByteOrderMark.size());
    }
    if (carry.too_long()) {
      warn_too_long(warn, line);
    } else if (!is_blank(line.text)) {
      more = visit(line);
    }
    carry.reset();
  };

  bool skipped_final_newline = false;
  while (position > 0 && more) {
    std::size_t size = static_cast<std::size_t>(std::min<off_t>(position, kReadBlock));
    position -= static_cast<off_t>(size);
    ssize_t got = ::pread(fd.get(), block.data(), size, position);
    if (got != static_cast<ssize_t>(size)) {
      fail_read(path_, got < 0 ? std::strerror(errno) : "the file shrank while being read");
    }
    std::string_view data(block.data(), size);
    if (!skipped_final_newline) {
      // The newline that ends the file ends the last line; it does not start an empty one.
      if (!data.empty() && data.back() == '\n') data.remove_suffix(1);
      skipped_final_newline = true;
    }
    // Lines are taken from the end of the block backwards; `carry` holds a line's tail.
    while (more) {
      // memrchr, not rfind: a loop of one byte at a time over a whole log, for corrections.
      const void* found = ::memrchr(data.data(), '\n', data.size());
      std::size_t newline =
          found ? static_cast<std::size_t>(static_cast<const char*>(found) - data.data())
                : std::string_view::npos;
      carry.add(newline == std::string_view::npos ? data : data.substr(newline + 1), true);
      if (newline == std::string_view::npos) break;
      line_start = static_cast<std::uint64_t>(position) + newline + 1;
      finish_line(false);
      data = data.substr(0, newline);
    }
  }
  if (position == 0 && more && !carry.empty()) {
    line_start = 0;
    finish_line(true);
  }
}

bool SessionLog::contains(std::string_view text) const {
  FileDescriptor fd = open_for_reading(path_);
  if (!fd.valid()) return false;
  std::vector<char> block(kReadBlock + text.size());
  std::size_t kept = 0;  // the end of the previous block, where a match may begin
  for (;;) {
    ssize_t got = ::read(fd.get(), block.data() + kept, kReadBlock);
    if (got < 0) {
      if (errno == EINTR) continue;
      fail_read(path_, std::strerror(errno));
    }
    std::string_view data(block.data(), kept + static_cast<std::size_t>(got));
    // memmem, not find: the text starts with a quote, which JSON has everywhere.
    if (::memmem(data.data(), data.size(), text.data(), text.size()) != nullptr) return true;
    if (got == 0) return false;
    kept = std::min(data.size(), text.size() - 1);
    std::memmove(block.data(), data.data() + data.size() - kept, kept);
  }
}

LineCursor::LineCursor(const SessionLog& log) : path_(log.path()) {
  fd_ = open_for_reading(path_);
  if (!fd_.valid()) fail_read(path_, std::strerror(ENOENT));
}

std::optional<std::string_view> LineCursor::line_at(std::uint64_t offset) {
  // The line from the window, when the window holds all of it or enough to say it is too long.
  auto in_window = [&]() -> std::optional<std::optional<std::string_view>> {
    if (offset < window_start_ || offset - window_start_ > window_.size()) return std::nullopt;
    std::string_view rest = std::string_view(window_).substr(offset - window_start_);
    std::size_t newline = rest.find('\n');
    std::string_view line = rest.substr(0, newline);
    if (line.size() > kMaxRecordLineBytes) return std::optional<std::string_view>();
    if (newline != std::string_view::npos || window_ends_file_) return line;
    return std::nullopt;
  };
  auto found = in_window();
  if (!found) {
    // A new window from the line on, large enough for the longest line a reader takes.
    constexpr std::size_t kWindow = 4 * (kMaxRecordLineBytes + 1);
    window_.resize(kWindow);
    std::size_t filled = 0;
    while (filled < kWindow) {
      ssize_t got = ::pread(fd_.get(), window_.data() + filled, kWindow - filled,
                            static_cast<off_t>(offset + filled));
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) fail_read(path_, std::strerror(errno));
      if (got == 0) break;
      filled += static_cast<std::size_t>(got);
    }
    window_.resize(filled);
    window_start_ = offset;
    window_ends_file_ = filled < kWindow;
    found = in_window();
  }
  std::optional<std::string_view> line = found.value_or(std::nullopt);
  if (line && offset == 0 && line->substr(0, kByteOrderMark.size()) == kByteOrderMark) {
    line->remove_prefix(kByteOrderMark.size());
  }
  return line;
}

void SessionLog::for_each(const std::function<void(Record&&)>& visit,
                          const LogWarning& warn) const {
  for_each_line(
      [&](const LogLine& line) {
        auto record = parse_record_line(line.text);
        if (record) {
          visit(std::move(record).value());
        } else {
          warn_skipped(warn, line, record.error());
        }
      },
      warn);
}

}  // namespace legsup
