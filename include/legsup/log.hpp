// The session log file: JSON Lines, appended under a lock in one write and synced, read as a
// stream in constant memory. It is never truncated or rewritten: a line that is not a valid
// record is skipped with a warning and left as it is.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "legsup/record.hpp"

namespace legsup {

// A line longer than this is not a record; it is skipped without being held in memory.
inline constexpr std::size_t kMaxRecordLineBytes = 64 * 1024;

// Says that a line was skipped: "FILE: line 12: skipped, not a valid record (no \"end\")".
using LogWarning = std::function<void(const std::string& message)>;

class SessionLog {
 public:
  explicit SessionLog(std::string path) : path_(std::move(path)) {}
  const std::string& path() const { return path_; }

  // Creates missing folders (mode 0700) and the file (mode 0600), and checks that the file can
  // be appended to. Throws a runtime Error naming the path and the reason.
  void ensure_writable() const;

  // Appends one record: O_APPEND, an exclusive flock, one write, fsync. A file that does not end
  // in a newline (a crash mid-write) first gets one, so the torn line stays as it was and the
  // new record is whole. On any failure the file is left as it was and a runtime Error is thrown.
  void append(const Record& record) const;

  // Every valid record in file order. A missing file is an empty log.
  void for_each(const std::function<void(Record&&)>& visit, const LogWarning& warn) const;

  // The last `count` records for which `keep` is true, oldest first, read from the end of the
  // file so that the cost does not grow with the log. Warnings count lines from the end.
  std::vector<Record> last(std::size_t count, const std::function<bool(const Record&)>& keep,
                           const LogWarning& warn) const;

 private:
  std::string path_;
};

}  // namespace legsup
