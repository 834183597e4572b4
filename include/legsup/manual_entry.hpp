// What `legsup log add` decides: the record of a session done without the timer, from its
// options, as a pure function of them, the content and the time now.
#pragma once

#include <optional>
#include <string>

#include "legsup/content.hpp"
#include "legsup/local_time.hpp"
#include "legsup/record.hpp"
#include "legsup/record_options.hpp"

namespace legsup {

struct ManualEntry {
  std::optional<std::string> minutes;
  std::optional<std::string> duration;
  std::optional<std::string> at;  // when it started; none: it just ended
  RecordOptions record;
};

// Throws a usage Error naming the option: no length, a length out of range, a time in the
// future or one the log cannot hold, an unknown variation...
Record make_manual_record(const ManualEntry& entry, const Content& content, const LocalTime& now,
                          const TimeZone& zone, int day_starts_minutes, std::string id);

}  // namespace legsup
