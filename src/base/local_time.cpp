#include "legsup/base/local_time.hpp"

#include <fmt/core.h>

#include <cctype>
#include <charconv>
#include <cstdlib>
#include <ctime>

#include "legsup/base/text.hpp"

namespace legsup {
namespace {

constexpr std::int64_t kSecondsPerDay = 86400;

// Floor division, so that instants before 1970 land on the right day.
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

bool is_leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

// Reads exactly `digits` decimal digits at `at`.
bool read_fixed(std::string_view text, std::size_t& at, int digits, int& value) {
  if (at + static_cast<std::size_t>(digits) > text.size()) return false;
  value = 0;
  for (int i = 0; i < digits; ++i) {
    char c = text[at++];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  return true;
}

bool expect(std::string_view text, std::size_t& at, char c) {
  if (at >= text.size() || text[at] != c) return false;
  ++at;
  return true;
}

// "YYYY-MM-DD" at `at`, checked against the calendar.
bool read_date(std::string_view text, std::size_t& at, CivilDate& civil) {
  return read_fixed(text, at, 4, civil.year) && expect(text, at, '-') &&
         read_fixed(text, at, 2, civil.month) && expect(text, at, '-') &&
         read_fixed(text, at, 2, civil.day) && civil.month >= 1 && civil.month <= 12 &&
         civil.day >= 1 && civil.day <= days_in_month(civil.year, civil.month);
}

// "HH:MM" or "HH:MM:SS" at `at`.
bool read_time_of_day(std::string_view text, std::size_t& at, int& seconds_of_day) {
  int hours = 0, minutes = 0, seconds = 0;
  if (!read_fixed(text, at, 2, hours) || !expect(text, at, ':') ||
      !read_fixed(text, at, 2, minutes)) {
    return false;
  }
  if (at < text.size() && text[at] == ':' && !(++at, read_fixed(text, at, 2, seconds))) {
    return false;
  }
  if (hours > 23 || minutes > 59 || seconds > 59) return false;
  seconds_of_day = hours * 3600 + minutes * 60 + seconds;
  return true;
}

// "H:MM" with one or two digits of hours, as people type it.
bool read_loose_time_of_day(std::string_view text, int& seconds_of_day) {
  std::string padded;
  if (text.size() >= 4 && text[1] == ':') padded.push_back('0');
  padded.append(text);
  std::size_t at = 0;
  return read_time_of_day(padded, at, seconds_of_day) && at == padded.size();
}

}  // namespace

// Days from civil, after Howard Hinnant's public-domain algorithm.
Date to_date(const CivilDate& civil) {
  std::int64_t year = civil.month <= 2 ? civil.year - 1 : civil.year;
  std::int64_t era = floor_div(year, 400);
  std::int64_t year_of_era = year - era * 400;
  std::int64_t month = civil.month;
  std::int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + civil.day - 1;
  std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return {era * 146097 + day_of_era - 719468};
}

CivilDate to_civil(Date date) {
  std::int64_t z = date.days + 719468;
  std::int64_t era = floor_div(z, 146097);
  std::int64_t day_of_era = z - era * 146097;
  std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  std::int64_t mp = (5 * day_of_year + 2) / 153;
  int day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
  int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  int year = static_cast<int>(year_of_era + era * 400 + (month <= 2 ? 1 : 0));
  return {year, month, day};
}

int weekday_monday_first(Date date) {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  return static_cast<int>(((date.days % 7) + 7 + 3) % 7);
}

std::string format_date(Date date) {
  CivilDate civil = to_civil(date);
  std::string text;
  append_decimal(text, civil.year, 4);
  text += '-';
  append_decimal(text, civil.month, 2);
  text += '-';
  append_decimal(text, civil.day, 2);
  return text;
}

Parsed<Date> parse_iso_date(std::string_view text) {
  CivilDate civil{};
  std::size_t at = 0;
  if (!read_date(text, at, civil) || at != text.size()) {
    return Parsed<Date>::failure(
        fmt::format("invalid date \"{}\": expected YYYY-MM-DD, such as 2026-11-20", text));
  }
  return to_date(civil);
}

Date LocalTime::date() const {
  return {floor_div(epoch_seconds + offset_minutes * 60LL, kSecondsPerDay)};
}

int LocalTime::seconds_of_day() const {
  std::int64_t local = epoch_seconds + offset_minutes * 60LL;
  return static_cast<int>(local - floor_div(local, kSecondsPerDay) * kSecondsPerDay);
}

std::string LocalTime::rfc3339() const {
  int seconds = seconds_of_day();
  int offset = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  std::string text = format_date(date());
  text += 'T';
  append_decimal(text, seconds / 3600, 2);
  text += ':';
  append_decimal(text, seconds / 60 % 60, 2);
  text += ':';
  append_decimal(text, seconds % 60, 2);
  text += offset_minutes < 0 ? '-' : '+';
  append_decimal(text, offset / 60, 2);
  text += ':';
  append_decimal(text, offset % 60, 2);
  return text;
}

Date night_of(const LocalTime& time, int day_starts_minutes) {
  return {floor_div(time.epoch_seconds + (time.offset_minutes - day_starts_minutes) * 60LL,
                    kSecondsPerDay)};
}

bool is_writable_time(const LocalTime& time) {
  int year = to_civil(time.date()).year;
  return year >= 0 && year <= 9999;
}

std::string format_hhmm(const LocalTime& time) {
  int seconds = time.seconds_of_day();
  return fmt::format("{:02}:{:02}", seconds / 3600, seconds / 60 % 60);
}

Parsed<LocalTime> parse_rfc3339(std::string_view text) {
  auto invalid = [&] {
    return Parsed<LocalTime>::failure(fmt::format(
        "invalid time \"{}\": expected RFC 3339, such as 2026-11-20T22:15:00+01:00", text));
  };
  CivilDate civil{};
  int seconds_of_day = 0;
  std::size_t at = 0;
  if (!read_date(text, at, civil) || at >= text.size()) return invalid();
  char separator = text[at++];
  if (separator != 'T' && separator != 't' && separator != ' ') return invalid();
  if (!read_time_of_day(text, at, seconds_of_day)) return invalid();
  if (at < text.size() && text[at] == '.') {  // fractions of a second are dropped
    ++at;
    std::size_t digits = at;
    while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at])))
      ++at;
    if (at == digits) return invalid();
  }
  int offset_minutes = 0;
  if (at < text.size() && (text[at] == 'Z' || text[at] == 'z')) {
    ++at;
  } else if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
    int sign = text[at++] == '-' ? -1 : 1;
    int hours = 0, minutes = 0;
    if (!read_fixed(text, at, 2, hours) || !expect(text, at, ':') ||
        !read_fixed(text, at, 2, minutes) || hours > 23 || minutes > 59) {
      return invalid();
    }
    offset_minutes = sign * (hours * 60 + minutes);
  } else {
    return invalid();
  }
  if (at != text.size()) return invalid();
  std::int64_t local = to_date(civil).days * kSecondsPerDay + seconds_of_day;
  return LocalTime{local - offset_minutes * 60LL, offset_minutes};
}

int SystemTimeZone::offset_minutes_at(std::int64_t epoch_seconds) const {
  std::time_t time = static_cast<std::time_t>(epoch_seconds);
  std::tm local{};
  if (::localtime_r(&time, &local) == nullptr) return 0;
  return static_cast<int>(local.tm_gmtoff / 60);
}

std::optional<std::int64_t> SystemTimeZone::instant_of(Date date, int seconds_of_day) const {
  CivilDate civil = to_civil(date);
  std::tm wanted{};
  wanted.tm_year = civil.year - 1900;
  wanted.tm_mon = civil.month - 1;
  wanted.tm_mday = civil.day;
  wanted.tm_hour = seconds_of_day / 3600;
  wanted.tm_min = seconds_of_day / 60 % 60;
  wanted.tm_sec = seconds_of_day % 60;
  wanted.tm_isdst = -1;
  std::tm normalised = wanted;
  std::time_t instant = std::mktime(&normalised);
  if (instant == static_cast<std::time_t>(-1)) return std::nullopt;
  // mktime moves a time that the clocks skip (spring forward); such a time does not exist.
  if (normalised.tm_hour != wanted.tm_hour || normalised.tm_min != wanted.tm_min ||
      normalised.tm_mday != wanted.tm_mday) {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(instant);
}

namespace {

// "22:15", "9:05", "10pm", "10:30pm", "10 pm", "12am": seconds after midnight.
std::optional<int> read_clock_time(std::string_view text) {
  std::string lower;
  for (char c : text)
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::optional<bool> afternoon;
  for (auto [suffix, pm] : {std::pair{"pm", true}, {"am", false}}) {
    std::string_view end(suffix);
    if (lower.size() > end.size() &&
        lower.compare(lower.size() - end.size(), end.size(), end) == 0) {
      afternoon = pm;
      lower.resize(lower.size() - end.size());
      while (!lower.empty() && lower.back() == ' ')
        lower.pop_back();
    }
  }
  int seconds_of_day = 0;
  if (!afternoon) {
    if (!read_loose_time_of_day(lower, seconds_of_day)) return std::nullopt;
    return seconds_of_day;
  }
  // "10", "10:30" on a twelve-hour clock.
  int hours = 0, minutes = 0;
  std::size_t at = 0;
  if (lower.size() == 1 || (lower.size() >= 2 && lower[1] == ':')) lower.insert(0, "0");
  if (!read_fixed(lower, at, 2, hours)) return std::nullopt;
  if (at < lower.size() && !(expect(lower, at, ':') && read_fixed(lower, at, 2, minutes))) {
    return std::nullopt;
  }
  if (at != lower.size() || hours < 1 || hours > 12 || minutes > 59) return std::nullopt;
  hours %= 12;
  if (*afternoon) hours += 12;
  return hours * 3600 + minutes * 60;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

Parsed<int> parse_time_of_day(std::string_view text) {
  int seconds_of_day = 0;
  std::size_t at = 0;
  if (text.size() != 5 || !read_time_of_day(text, at, seconds_of_day) || at != text.size()) {
    return Parsed<int>::failure(fmt::format(
        "invalid time of day \"{}\": expected HH:MM from 00:00 to 23:59, such as 04:00", text));
  }
  return seconds_of_day / 60;
}

namespace {

bool window_holds(const TimeWindow& window, int minute) {
  if (window.from < window.to) return minute >= window.from && minute < window.to;
  return minute >= window.from || minute < window.to;  // across midnight
}

}  // namespace

bool TimeWindow::contains(const LocalTime& time) const {
  return window_holds(*this, time.seconds_of_day() / 60);
}

bool TimeWindow::overlaps(const TimeWindow& other) const {
  return window_holds(*this, other.from) || window_holds(other, from);
}

std::string TimeWindow::text() const {
  return fmt::format("{:02}:{:02}-{:02}:{:02}", from / 60, from % 60, to / 60, to % 60);
}

Parsed<TimeWindow> parse_time_window(std::string_view text) {
  auto invalid = [&](std::string_view why) {
    return Parsed<TimeWindow>::failure(fmt::format(
        "invalid hours \"{}\": {} (expected HH:MM-HH:MM, such as 21:00-04:00)", text, why));
  };
  std::size_t dash = text.find('-');
  if (dash == std::string_view::npos) return invalid("no '-' between the two times");
  auto from = parse_time_of_day(text.substr(0, dash));
  auto to = parse_time_of_day(text.substr(dash + 1));
  if (!from || !to) return invalid("each end is a time of day from 00:00 to 23:59");
  if (*from == *to) return invalid("the window is empty");
  return TimeWindow{*from, *to};
}

Parsed<LocalTime> parse_when(std::string_view text, const LocalTime& now, const TimeZone& zone,
                             int day_starts_minutes) {
  auto invalid = [&] {
    return Parsed<LocalTime>::failure(fmt::format(
        "invalid time \"{}\": expected now, 22:15, 10pm, 10:30pm, tonight 23:30, "
        "last night 23:30, today 22:15, yesterday 10pm, 2026-11-20 22:15 or RFC 3339 such as "
        "2026-11-20T22:15:00+01:00",
        text));
  };
  if (text == "now") return now;
  if (auto exact = parse_rfc3339(text)) return exact;

  // A night: the date it starts on. A time before the day starts belongs to its morning.
  auto in_night = [&](Date night, int seconds_of_day) {
    return seconds_of_day >= day_starts_minutes * 60 ? night : Date{night.days + 1};
  };
  Date current_night = night_of(now, day_starts_minutes);
  std::optional<Date> date;
  std::optional<Date> night;
  std::string_view time_part = text;
  if (starts_with(text, "today ")) {
    date = now.date();
    time_part = text.substr(6);
  } else if (starts_with(text, "yesterday ")) {
    date = Date{now.date().days - 1};
    time_part = text.substr(10);
  } else if (starts_with(text, "tonight ")) {
    night = current_night;
    time_part = text.substr(8);
  } else if (starts_with(text, "last night ")) {
    night = Date{current_night.days - 1};
    time_part = text.substr(11);
  } else if (text.size() > 11 && text[10] == ' ') {
    auto day = parse_iso_date(text.substr(0, 10));
    if (!day) return invalid();
    date = *day;
    time_part = text.substr(11);
  } else {
    night = current_night;
  }
  auto seconds_of_day = read_clock_time(time_part);
  if (!seconds_of_day) return invalid();
  if (!date) date = in_night(*night, *seconds_of_day);
  auto instant = zone.instant_of(*date, *seconds_of_day);
  if (!instant) {
    return Parsed<LocalTime>::failure(fmt::format(
        "invalid time \"{}\": that time does not exist here (the clocks skipped it)", text));
  }
  return zone.local(*instant);
}

Parsed<Date> parse_day(std::string_view text, const LocalTime& now, int day_starts_minutes) {
  if (text == "today") return night_of(now, day_starts_minutes);
  if (text == "yesterday") return Date{night_of(now, day_starts_minutes).days - 1};
  auto date = parse_iso_date(text);
  if (!date) {
    return Parsed<Date>::failure(
        fmt::format("invalid date \"{}\": expected YYYY-MM-DD, today or yesterday", text));
  }
  return date;
}

}  // namespace legsup
