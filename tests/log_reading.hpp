// Readings of a log that several tests compare: the last sessions as `log --last` reads them.
#pragma once

#include <vector>

#include "legsup/log/log_reader.hpp"

namespace legsup::testing {

// The last `count` sessions in effect that `keep` accepts, in file order, read from the end.
inline std::vector<Record> last_sessions(const SessionLog& log, std::size_t count,
                                         const KeepSession& keep = {},
                                         const LogWarning& warn = nullptr) {
  LogReader reader(log, warn);
  LogSpan span = reader.last(count, keep);
  std::vector<Record> records;
  reader.sessions(
      span,
      [&](Record&& record, const LogLine&) {
        if (!keep || keep(record)) records.push_back(std::move(record));
      },
      true);
  return records;
}

}  // namespace legsup::testing
