// Instants with the UTC offset they were recorded in, calendar dates, RFC 3339, and the forms a
// person types for a time ("22:15", "yesterday 22:15") or a date ("2026-11-20", "today").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "legsup/base/error.hpp"

namespace legsup {

// A calendar date as a count of days since 1970-01-01 (negative before).
struct Date {
  std::int64_t days = 0;
  auto operator<=>(const Date&) const = default;
};

struct CivilDate {
  int year;
  int month;  // 1..12
  int day;    // 1..31
};

Date to_date(const CivilDate& civil);
CivilDate to_civil(Date date);
int weekday_monday_first(Date date);  // 0 = Monday .. 6 = Sunday
std::string format_date(Date date);   // "2026-11-20"
Parsed<Date> parse_iso_date(std::string_view text);

// An instant and the offset from UTC of the clock it was read on.
struct LocalTime {
  std::int64_t epoch_seconds = 0;
  int offset_minutes = 0;

  Date date() const;            // the date on that local clock
  int seconds_of_day() const;   // 0..86399 on that local clock
  std::string rfc3339() const;  // "2026-11-20T22:15:00+01:00"
  bool operator==(const LocalTime&) const = default;
};

// The night a moment belongs to: its date on its own clock, or the day before when it comes
// earlier than `day_starts_minutes` past midnight (a session at 00:30 is the evening's).
Date night_of(const LocalTime& time, int day_starts_minutes);

// The years RFC 3339 can write (0000 to 9999): a time outside them on its own clock cannot be
// written to the log, so nothing may produce one.
bool is_writable_time(const LocalTime& time);

Parsed<LocalTime> parse_rfc3339(std::string_view text);
std::string format_hhmm(const LocalTime& time);  // "22:15"

// The time zone rules of the machine (TZ), asked through the C library.
class TimeZone {
 public:
  virtual ~TimeZone() = default;
  // The local offset at an instant.
  virtual int offset_minutes_at(std::int64_t epoch_seconds) const = 0;
  // The instant a local date and time of day names; none when the clocks skip it.
  virtual std::optional<std::int64_t> instant_of(Date date, int seconds_of_day) const = 0;

  LocalTime local(std::int64_t epoch_seconds) const {
    return {epoch_seconds, offset_minutes_at(epoch_seconds)};
  }
};

class SystemTimeZone : public TimeZone {
 public:
  int offset_minutes_at(std::int64_t epoch_seconds) const override;
  std::optional<std::int64_t> instant_of(Date date, int seconds_of_day) const override;
};

// A time as `log add --at` takes it: "now"; a time of day ("22:15", "10pm", "10:30pm"), which
// means that time in the current night (the night runs from `day_starts_minutes` to the same time
// the next day, so at 00:30 "23:30" is an hour ago); "tonight 23:30"; "last night 23:30" (the
// night before the current one); "today 22:15" and "yesterday 10pm" (calendar days);
// "2026-11-20 22:15" (seconds optional); or RFC 3339.
Parsed<LocalTime> parse_when(std::string_view text, const LocalTime& now, const TimeZone& zone,
                             int day_starts_minutes = 0);

// "HH:MM" from 00:00 to 23:59, as minutes after midnight (the day-starts-at setting).
Parsed<int> parse_time_of_day(std::string_view text);

// Hours of the day on the local clock, from `from` up to `to` (minutes after midnight), across
// midnight when `to` comes first: "21:00-04:00". What the clock reads decides, so on a night the
// clocks change, a window holds whatever local times that night has.
struct TimeWindow {
  int from = 0;
  int to = 0;

  bool contains(const LocalTime& time) const;
  // Whether some minute of the day is in both.
  bool overlaps(const TimeWindow& other) const;
  std::string text() const;  // "21:00-04:00"
  bool operator==(const TimeWindow&) const = default;
};

// "HH:MM-HH:MM"; the two ends differ.
Parsed<TimeWindow> parse_time_window(std::string_view text);

// A night as --since and --until take it: "2026-11-20" (the night that starts that evening),
// "today" (the current night) or "yesterday" (the one before).
Parsed<Date> parse_day(std::string_view text, const LocalTime& now, int day_starts_minutes = 0);

}  // namespace legsup
