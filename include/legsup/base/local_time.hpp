// Instants with the UTC offset they were recorded in, calendar dates, RFC 3339, and the forms a
// person types for a time ("22:15", "yesterday 22:15") or a date ("2026-11-20", "today").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

// The years a time may lie in, on its own clock and in UTC: those RFC 3339 writes with four
// digits and calendars hold (iCalendar readers refuse the year 0, and one that UTC puts before
// it). Nothing outside them is read, written or exported.
inline constexpr std::string_view kWritableYears = "the years 0001 to 9999";
bool is_writable_time(const LocalTime& time);

// An RFC 3339 time; a time outside kWritableYears is refused, naming them.
Parsed<LocalTime> parse_rfc3339(std::string_view text);
std::string format_hhmm(const LocalTime& time);  // "22:15"

// The rules of a time zone: its offset from UTC at each instant.
class TimeZone {
 public:
  virtual ~TimeZone() = default;
  // The local offset at an instant.
  virtual int offset_minutes_at(std::int64_t epoch_seconds) const = 0;

  LocalTime local(std::int64_t epoch_seconds) const {
    return {epoch_seconds, offset_minutes_at(epoch_seconds)};
  }
  // The instants at which the local clock showed a date and time of day, the earliest first:
  // none when the clocks skipped it (spring forward), two when they went back over it.
  std::vector<std::int64_t> instants_of(Date date, int seconds_of_day) const;
};

// The rules of the machine (TZ), asked through the C library.
class SystemTimeZone : public TimeZone {
 public:
  int offset_minutes_at(std::int64_t epoch_seconds) const override;
};

// A time as `log add --at` takes it, read on the local clock:
// - "now", or RFC 3339 ("2026-11-20T22:15:00+01:00");
// - a time of day, "22:15", "9:05", "10pm", "10:30pm" (seconds optional): the last time the
//   clock showed it, so at 15:54 "10pm" is yesterday's;
// - "today 22:15" and "yesterday 10pm" (calendar days); "tonight 23:30" and "last night 1am"
//   (nights, which run from `day_starts_minutes` to the same time the next day);
// - a date and a time: "2026-11-1 22:30" (the month and the day of one or two digits; a T in
//   place of the space too), "2026/11/1 10pm", "20261101 22:30", "1 Nov 2026 22:30",
//   "Nov 1, 2026 22:30", "1-Nov-2026 22:30" (the month by its name or its first three letters,
//   in English), or "Nov 1 22:30" without the year: the last such day.
// Where the clocks went back over a time it is the later of the two that is not to come. Refused,
// with a message that lists these forms: anything else; a time the clocks skipped; a date with
// slashes and no year first (11/1/2026: the month first in some countries, the day in others);
// a time outside kWritableYears.
Parsed<LocalTime> parse_when(std::string_view text, const LocalTime& now, const TimeZone& zone,
                             int day_starts_minutes = 0);

// "HH:MM" or "H:MM" (as --at reads a time of day) from 0:00 to 23:59, as minutes after
// midnight (the day-starts-at setting, a preset's hours).
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

// "HH:MM-HH:MM" (either end H:MM too); the two ends differ.
Parsed<TimeWindow> parse_time_window(std::string_view text);

// A night as --since and --until take it: a date as parse_when takes one ("2026-11-20",
// "2026-11-1", "1 Nov 2026", "Nov 1": the night that starts that evening), "today" (the current
// night) or "yesterday" (the one before).
Parsed<Date> parse_day(std::string_view text, const LocalTime& now, int day_starts_minutes = 0);

}  // namespace legsup
