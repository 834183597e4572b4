#include "legsup/manual_entry.hpp"

#include <fmt/core.h>

#include "legsup/duration.hpp"
#include "legsup/error.hpp"

namespace legsup {

Record make_manual_record(const ManualEntry& entry, const Content& content, const LocalTime& now,
                          const TimeZone& zone, int day_starts_minutes, std::string id) {
  auto hold = hold_from_options(entry.minutes, entry.duration).take(ErrorKind::usage);
  if (!hold) throw usage_error("log add needs --minutes N or --duration SPEC");

  Record record;
  record.id = std::move(id);
  record.origin = Origin::manual;
  record.ending = Ending::completed;
  record.held = record.planned = *hold;
  // Whole seconds on the clock: the start and end are RFC 3339 times to the second.
  auto whole_seconds = static_cast<std::int64_t>((hold->count() + 500) / 1000);
  if (entry.at) {
    record.start = parse_when(*entry.at, now, zone, day_starts_minutes).take(ErrorKind::usage);
    if (record.start.epoch_seconds > now.epoch_seconds) {
      throw usage_error(
          fmt::format("--at {}: that is in the future ({})", *entry.at, record.start.rfc3339()));
    }
  } else {
    // Without --at, the session is taken to have just ended.
    record.start = zone.local(now.epoch_seconds - whole_seconds);
  }
  // The end keeps the start's offset: the clock the session was given on.
  record.end = LocalTime{record.start.epoch_seconds + whole_seconds, record.start.offset_minutes};
  if (!is_writable_time(record.start) || !is_writable_time(record.end)) {
    throw usage_error(fmt::format("--at {}: the log holds times from the year 0000 to 9999 only",
                                  entry.at.value_or("now")));
  }
  apply_record_options(entry.record, content, record);
  return record;
}

}  // namespace legsup
