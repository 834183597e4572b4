#include "legsup/local_time.hpp"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <cstdlib>
#include <ctime>

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
  return fmt::format("{:04}-{:02}-{:02}", civil.year, civil.month, civil.day);
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
  return fmt::format("{}T{:02}:{:02}:{:02}{}{:02}:{:02}", format_date(date()), seconds / 3600,
                     seconds / 60 % 60, seconds % 60, offset_minutes < 0 ? '-' : '+', offset / 60,
                     offset % 60);
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

Parsed<LocalTime> parse_when(std::string_view text, const LocalTime& now, const TimeZone& zone) {
  auto invalid = [&] {
    return Parsed<LocalTime>::failure(fmt::format(
        "invalid time \"{}\": expected now, 22:15, yesterday 22:15, 2026-11-20 22:15 or "
        "RFC 3339 such as 2026-11-20T22:15:00+01:00",
        text));
  };
  if (text == "now") return now;
  if (auto exact = parse_rfc3339(text)) return exact;

  Date date = now.date();
  std::string_view time_part = text;
  if (text.rfind("today ", 0) == 0) {
    time_part = text.substr(6);
  } else if (text.rfind("yesterday ", 0) == 0) {
    date.days -= 1;
    time_part = text.substr(10);
  } else if (text.size() > 11 && text[10] == ' ') {
    auto day = parse_iso_date(text.substr(0, 10));
    if (!day) return invalid();
    date = *day;
    time_part = text.substr(11);
  }
  int seconds_of_day = 0;
  if (!read_loose_time_of_day(time_part, seconds_of_day)) return invalid();
  auto instant = zone.instant_of(date, seconds_of_day);
  if (!instant) {
    return Parsed<LocalTime>::failure(fmt::format(
        "invalid time \"{}\": that time does not exist here (the clocks skipped it)", text));
  }
  return zone.local(*instant);
}

Parsed<Date> parse_day(std::string_view text, const LocalTime& now) {
  if (text == "today") return now.date();
  if (text == "yesterday") return Date{now.date().days - 1};
  auto date = parse_iso_date(text);
  if (!date) {
    return Parsed<Date>::failure(
        fmt::format("invalid date \"{}\": expected YYYY-MM-DD, today or yesterday", text));
  }
  return date;
}

}  // namespace legsup
