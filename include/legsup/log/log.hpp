// The session log file: JSON Lines, appended under a lock in one write and synced, read as a
// stream in constant memory. It is never truncated or rewritten: a line that is not a valid
// entry is skipped with a warning and left as it is.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "legsup/base/files.hpp"
#include "legsup/log/record.hpp"

namespace legsup {

// Readers read the file in blocks of this size; a line may lie across the edge of two.
inline constexpr std::size_t kLogReadBlockBytes = 256 * 1024;

// Says that a line was skipped: "FILE: line 12: skipped, not a valid record (no \"end\")".
using LogWarning = std::function<void(const std::string& message)>;

// A line as read: its text (without the newline) and where it is, for warnings: "line 12" or
// "3rd line from the end".
struct LogLine {
  std::string_view text;
  std::size_t number = 0;
  bool from_end = false;
  std::uint64_t offset = 0;  // where the line starts in the file
  std::string where() const;
};

class SessionLog {
 public:
  explicit SessionLog(std::string path) : path_(std::move(path)) {}
  const std::string& path() const { return path_; }

  // Creates missing folders (mode 0700) and the file (mode 0600), and checks that the file can
  // be appended to. Throws a runtime Error naming the path and the reason, and then leaves no
  // folder or file it made. A log that is not a regular file (a FIFO, a socket, a device) is
  // refused, as is one that is a folder.
  void ensure_writable() const;

  // How a writer waits while another process holds the log's lock: asked between tries, it waits
  // a moment and says whether to go on waiting (a session's end stops for a signal). Without it, a
  // writer waits as long as the lock is held.
  using LockPatience = std::function<bool()>;

  // Appends one record: O_APPEND, an exclusive flock, one write, fsync. A file that does not end
  // in a newline (a crash mid-write) first gets one, so the torn line stays as it was and the
  // new record is whole. On any failure the file is left as it was and a runtime Error is thrown
  // (also when `patience` stops waiting for the lock).
  void append(const Record& record, const LockPatience& patience = {}) const;

  // Like append, for lines that `make_lines` writes while the lock is held (each ending in a
  // newline), so that what it decides from the log's contents cannot race another writer.
  void append_locked(const std::function<std::string()>& make_lines) const;

  // Like append_locked, for lines of any number given in pieces through `write` (whole lines,
  // each ending in a newline), which go out a large piece at a time: a merge of any size. When
  // anything fails or throws, what landed is taken back and the log is as it was.
  using AppendLines = std::function<void(std::string_view lines)>;
  void append_stream(const std::function<void(const AppendLines& write)>& produce,
                     const LockPatience& patience = {}) const;

  // Every line in file order. A line longer than kMaxRecordLineBytes (without its newline) is
  // skipped with a warning and never held, wherever it lies in the file and by every reader;
  // blank lines are passed over. A missing file has no lines. From `from` on, a line's start:
  // its number is then counted from there.
  void for_each_line(const std::function<void(const LogLine&)>& visit, const LogWarning& warn,
                     std::uint64_t from = 0) const;

  // The lines from the last to the first, until `visit` returns false. The cost does not grow
  // with the log when only the last few are wanted.
  void for_each_line_from_end(const std::function<bool(const LogLine&)>& visit,
                              const LogWarning& warn) const;

  // True when the bytes of the file hold `text` anywhere: a fast look (no line is parsed) that
  // lets a reader skip a pass that could find nothing.
  bool contains(std::string_view text) const;

  // Every valid record in file order (other lines are skipped with a warning).
  void for_each(const std::function<void(Record&&)>& visit, const LogWarning& warn) const;

  // Says that a line was skipped, and why; or that it was too long to read.
  void warn_skipped(const LogWarning& warn, const LogLine& line, const std::string& reason) const;
  void warn_too_long(const LogWarning& warn, const LogLine& line) const;

 private:
  std::string path_;
};

// Reads the lines that start at chosen offsets (as LogLine gives them) through one open file and
// a window of its bytes: lines read in about the order of the file cost few reads, whatever
// their number.
class LineCursor {
 public:
  explicit LineCursor(const SessionLog& log);
  LineCursor(const LineCursor&) = delete;
  LineCursor& operator=(const LineCursor&) = delete;

  // The line at `offset`, without its newline; valid until the next call. None when it is longer
  // than kMaxRecordLineBytes, as for every reader.
  std::optional<std::string_view> line_at(std::uint64_t offset);

 private:
  std::string path_;
  FileDescriptor fd_;
  std::string window_;  // the file's bytes from window_start_ on
  std::uint64_t window_start_ = 0;
  bool window_ends_file_ = false;  // the window holds the file's last byte
};

}  // namespace legsup
