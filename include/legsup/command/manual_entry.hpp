// What `legsup log add`, `log edit` and `log rm` decide, as pure functions of their options, the
// content and the time now: the record of a session done without the timer, and the corrections
// that change or remove one without rewriting the log.
#pragma once

#include <optional>
#include <string>

#include "legsup/base/local_time.hpp"
#include "legsup/command/record_options.hpp"
#include "legsup/content/content.hpp"
#include "legsup/log/record.hpp"

namespace legsup {

struct ManualEntry {
  std::optional<std::string> minutes;
  std::optional<std::string> duration;
  std::optional<std::string> at;  // when it started; none: it just ended
  RecordOptions record;
};

// A session may not end after now. A minute's grace, as typed times are to the minute: a
// session typed as started at 22:10 for 10 minutes, given at 22:19:30, ends at 22:20.
inline constexpr std::int64_t kEndGraceSeconds = 60;

// Why a session from `start` to `end` cannot be logged at `now` (it would end after now, past
// the grace), naming the end it would have and the latest start and the longest length that
// would do; nothing when it can.
std::optional<std::string> end_after_now(const LocalTime& start, const LocalTime& end,
                                         const LocalTime& now);

// Throws a usage Error naming the option: no length, a length out of range, a time in the
// future or one the log cannot hold, an unknown variation...
Record make_manual_record(const ManualEntry& entry, const Content& content, const LocalTime& now,
                          const TimeZone& zone, int day_starts_minutes, std::string id);

struct EditOptions {
  RecordOptions record;
  std::optional<std::string> at;
  std::optional<std::string> minutes;
  std::optional<std::string> duration;
};

// A correction that sets what the options give on `current` (the session as it is now): a new
// start keeps the length, a new length keeps the start. Throws a usage Error naming the option,
// or when no change is given.
Correction make_edit(const Record& current, const EditOptions& options, const Content& content,
                     const LocalTime& now, const TimeZone& zone, int day_starts_minutes,
                     std::string id);

// When an edit is made: now, or a second after the last edit in effect on the session when that
// one reads as made as late or later (in the same second, or on a machine whose clock is ahead).
// Edits apply in the order of their times, then their ids: the one made last must come last.
// When the last edit (`last_edit_id`, merged from a clock far ahead) is dated the last second
// the log holds, none can come after it: a runtime Error names it and the way to take it back.
LocalTime edit_time(const LocalTime& now, std::optional<std::int64_t> last_edit_at,
                    std::string_view last_edit_id, const TimeZone& zone);

// A correction that removes the entry `target` (a session, or a correction, which undoes it).
Correction make_removal(const std::string& target, const LocalTime& now, std::string id);

}  // namespace legsup
