#include "legsup/base/local_time.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <array>
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
    return Parsed<Date>::failure(fmt::format(
        "invalid date {}: expected YYYY-MM-DD, such as 2026-11-20", quoted_value(text)));
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
  for (Date date : {time.date(), LocalTime{time.epoch_seconds, 0}.date()}) {
    int year = to_civil(date).year;
    if (year < 1 || year > 9999) return false;
  }
  return true;
}

std::string format_hhmm(const LocalTime& time) {
  int seconds = time.seconds_of_day();
  return fmt::format("{:02}:{:02}", seconds / 3600, seconds / 60 % 60);
}

namespace {

// An RFC 3339 time as written, whatever its year; none when it is not one.
std::optional<LocalTime> read_rfc3339(std::string_view text) {
  auto invalid = [] { return std::nullopt; };
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

// The time, or why the log cannot hold it.
Parsed<LocalTime> within_writable_years(const LocalTime& time, std::string_view text) {
  if (is_writable_time(time)) return time;
  return Parsed<LocalTime>::failure(fmt::format("invalid time {}: the log holds times in {} only",
                                                quoted_value(text), kWritableYears));
}

}  // namespace

Parsed<LocalTime> parse_rfc3339(std::string_view text) {
  auto time = read_rfc3339(text);
  if (!time) {
    return Parsed<LocalTime>::failure(
        fmt::format("invalid time {}: expected RFC 3339, such as 2026-11-20T22:15:00+01:00",
                    quoted_value(text)));
  }
  return within_writable_years(*time, text);
}

int SystemTimeZone::offset_minutes_at(std::int64_t epoch_seconds) const {
  std::time_t time = static_cast<std::time_t>(epoch_seconds);
  std::tm local{};
  if (::localtime_r(&time, &local) == nullptr) return 0;
  // POSIX TZ rules allow offsets up to 24:59, RFC 3339 and every reader of the log 23:59: a zone
  // beyond them is read as UTC, so that what is written is read back, at the same instant.
  if (local.tm_gmtoff <= -kSecondsPerDay || local.tm_gmtoff >= kSecondsPerDay) {
    return 0;
  }
  return static_cast<int>(local.tm_gmtoff / 60);
}

std::vector<std::int64_t> TimeZone::instants_of(Date date, int seconds_of_day) const {
  // The clock read as if it were UTC, less each offset in force within a day of it: a change
  // of the clocks (at most one a day) gives one offset before it and one after.
  std::int64_t wall = date.days * kSecondsPerDay + seconds_of_day;
  std::vector<std::int64_t> instants;
  for (std::int64_t near : {wall - kSecondsPerDay, wall, wall + kSecondsPerDay}) {
    int offset = offset_minutes_at(near);
    std::int64_t instant = wall - offset * 60LL;
    if (offset_minutes_at(instant) != offset) continue;  // that offset is not in force then
    if (std::find(instants.begin(), instants.end(), instant) == instants.end()) {
      instants.push_back(instant);
    }
  }
  std::sort(instants.begin(), instants.end());
  return instants;
}

namespace {

std::string lower_case(std::string_view text) {
  std::string lower;
  for (char c : text)
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

// "22:15", "9:05", "10pm", "10:30pm", "10 pm", "12am": seconds after midnight.
std::optional<int> read_clock_time(std::string_view text) {
  std::string lower = lower_case(text);
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

// The words of what was typed, split at spaces; a comma ends a word ("Nov 1, 2026").
std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (c == ' ' || c == ',') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

// One to `most` decimal digits, the whole of `text`.
std::optional<int> small_number(std::string_view text, std::size_t most) {
  if (text.empty() || text.size() > most) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// "nov", "November", "Sept": 1 to 12.
std::optional<int> month_named(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  std::string lower = lower_case(word);
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (lower == kMonths[i] || lower == kMonths[i].substr(0, 3) || (i == 8 && lower == "sept")) {
      return static_cast<int>(i) + 1;
    }
  }
  return std::nullopt;
}

// A day of a month, in a year when it has one.
struct MonthDay {
  std::optional<int> year;
  int month = 0;
  int day = 0;
};

std::optional<Date> in_calendar(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return std::nullopt;
  return to_date({year, month, day});
}

// What a person types for a date, by the forms listed in local_time.hpp; none when it is none of
// them. A date with slashes and the month first or the day first is refused by the caller.
std::optional<MonthDay> read_typed_date(const std::vector<std::string>& words) {
  if (words.size() == 1) {
    const std::string& word = words[0];
    // 2026-11-1, 2026/11/1: the year first, then the month and the day, each of one or two digits.
    for (char separator : {'-', '/'}) {
      std::size_t first = word.find(separator);
      std::size_t second = first == std::string::npos ? first : word.find(separator, first + 1);
      if (first != 4 || second == std::string::npos) continue;
      auto year = small_number(std::string_view(word).substr(0, 4), 4);
      auto month = small_number(std::string_view(word).substr(5, second - 5), 2);
      auto day = small_number(std::string_view(word).substr(second + 1), 2);
      if (year && month && day) return MonthDay{year, *month, *day};
      return std::nullopt;
    }
    // 20261101
    if (word.size() == 8 && small_number(word.substr(0, 4), 4) &&
        small_number(word.substr(4, 2), 2) && small_number(word.substr(6), 2)) {
      return MonthDay{*small_number(word.substr(0, 4), 4), *small_number(word.substr(4, 2), 2),
                      *small_number(word.substr(6), 2)};
    }
    // 1-Nov-2026
    std::size_t first = word.find('-');
    std::size_t second = first == std::string::npos ? first : word.find('-', first + 1);
    if (second != std::string::npos) {
      auto day = small_number(std::string_view(word).substr(0, first), 2);
      auto month = month_named(std::string_view(word).substr(first + 1, second - first - 1));
      auto year = small_number(std::string_view(word).substr(second + 1), 4);
      if (day && month && year && word.size() - second - 1 == 4) {
        return MonthDay{year, *month, *day};
      }
    }
    return std::nullopt;
  }
  if (words.size() != 2 && words.size() != 3) return std::nullopt;
  // 1 Nov [2026], Nov 1[,] [2026]
  std::optional<int> year;
  if (words.size() == 3) {
    if (words[2].size() != 4 || !(year = small_number(words[2], 4))) return std::nullopt;
  }
  if (auto month = month_named(words[1]); month && small_number(words[0], 2)) {
    return MonthDay{year, *month, *small_number(words[0], 2)};
  }
  if (auto month = month_named(words[0]); month && small_number(words[1], 2)) {
    return MonthDay{year, *month, *small_number(words[1], 2)};
  }
  return std::nullopt;
}

// 11/1/2026 or 1/11/2026: the month first in one country, the day first in another.
bool day_and_month_in_either_order(const std::vector<std::string>& words) {
  if (words.size() != 1) return false;
  std::size_t slash = words[0].find('/');
  return slash != std::string::npos && slash <= 2 && small_number(words[0].substr(0, slash), 2);
}

// Of the instants a local clock showed a date and time (two where the clocks went back), the
// latest not after now; else the first (which the caller refuses as being in the future). None
// when the clocks skipped that time.
std::optional<std::int64_t> latest_by(const TimeZone& zone, Date date, int seconds_of_day,
                                      const LocalTime& now) {
  auto instants = zone.instants_of(date, seconds_of_day);
  if (instants.empty()) return std::nullopt;
  for (auto instant = instants.rbegin(); instant != instants.rend(); ++instant) {
    if (*instant <= now.epoch_seconds) return *instant;
  }
  return instants.front();
}

constexpr std::string_view kTypedTimes =
    "now; 22:15, 10pm or 10:30pm (the last time the clock showed it); today 22:15, yesterday "
    "10pm, tonight 23:30 or last night 23:30; a date and a time, such as 2026-11-1 22:30, "
    "2026/11/01 10pm, 1 Nov 2026 22:30, Nov 1, 2026 22:30 or Nov 1 22:30 (the last Nov 1); or "
    "RFC 3339, such as 2026-11-20T22:15:00+01:00";

constexpr std::string_view kTypedDates =
    "2026-11-1, 2026/11/01, 20261101, 1 Nov 2026, Nov 1, 2026, 1-Nov-2026 or Nov 1 (the last "
    "Nov 1)";

std::string ambiguous_date(std::string_view text) {
  return fmt::format(
      "invalid date {}: with slashes, the month comes first in some countries and the day in "
      "others; give the year first (2026/11/01, 2026-11-1) or the month's name (1 Nov 2026)",
      quoted_value(text));
}

}  // namespace

namespace {
constexpr std::string_view kTimeOfDayExpected =
    "expected H:MM or HH:MM from 0:00 to 23:59, such as 4:00 or 21:30";
}  // namespace

Parsed<int> parse_time_of_day(std::string_view text) {
  int seconds_of_day = 0;
  // H:MM or HH:MM, as --at reads a time of day: "4:00" is 04:00. No seconds: minutes count.
  bool minutes_only = text.size() == 5 || (text.size() == 4 && text[1] == ':');
  if (!minutes_only || !read_loose_time_of_day(text, seconds_of_day)) {
    return Parsed<int>::failure(
        fmt::format("invalid time of day {}: {}", quoted_value(text), kTimeOfDayExpected));
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
    return Parsed<TimeWindow>::failure(
        fmt::format("invalid hours {}: {} (expected HH:MM-HH:MM, such as 21:00-04:00)",
                    quoted_value(text), why));
  };
  std::size_t dash = text.find('-');
  if (dash == std::string_view::npos) return invalid("no '-' between the two times");
  auto from = parse_time_of_day(text.substr(0, dash));
  auto to = parse_time_of_day(text.substr(dash + 1));
  // The end that is wrong, named: the other may be right.
  for (auto [end, typed] : {std::pair{&from, text.substr(0, dash)}, {&to, text.substr(dash + 1)}}) {
    if (!*end) {
      return invalid(fmt::format("{} is not a time of day: H:MM or HH:MM from 0:00 to 23:59",
                                 quoted_value(typed)));
    }
  }
  if (*from == *to) return invalid("the window is empty");
  return TimeWindow{*from, *to};
}

Parsed<LocalTime> parse_when(std::string_view text, const LocalTime& now, const TimeZone& zone,
                             int day_starts_minutes) {
  auto invalid = [&] {
    return Parsed<LocalTime>::failure(
        fmt::format("invalid time {}: expected {}", quoted_value(text), kTypedTimes));
  };
  if (text == "now") return now;
  if (auto exact = read_rfc3339(text)) return within_writable_years(*exact, text);
  // A date whose year is past 9999 is a year the log cannot hold, not a form not understood.
  std::size_t digits = text.find_first_not_of("0123456789");
  if (digits >= 5 && digits != std::string_view::npos && text[digits] == '-' && text[0] != '0') {
    return Parsed<LocalTime>::failure(fmt::format("invalid time {}: the log holds times in {} only",
                                                  quoted_value(text), kWritableYears));
  }

  std::vector<std::string> words = words_of(text);
  if (words.empty()) return invalid();
  // The time of day: the last word, or the last two ("10 pm"); a date and a time joined by T.
  std::vector<std::string> day_words(words.begin(), words.end() - 1);
  std::string time_words = words.back();
  std::string last = lower_case(time_words);
  if ((last == "am" || last == "pm") && !day_words.empty()) {
    time_words = day_words.back() + " " + time_words;
    day_words.pop_back();
  } else if (std::size_t t = time_words.find_first_of("Tt");
             day_words.empty() && t != std::string::npos && t > 0 &&
             std::isdigit(static_cast<unsigned char>(time_words[t - 1]))) {
    day_words = {time_words.substr(0, t)};
    time_words = time_words.substr(t + 1);
  }
  auto seconds_of_day = read_clock_time(time_words);
  if (!seconds_of_day) return invalid();

  std::optional<std::int64_t> instant;
  auto skipped = [&] {
    return Parsed<LocalTime>::failure(
        fmt::format("invalid time {}: that time does not exist here (the clocks skipped it)",
                    quoted_value(text)));
  };
  auto on = [&](Date date) {
    instant = latest_by(zone, date, *seconds_of_day, now);
    return instant.has_value();
  };
  // A night: the date it starts on. A time before the day starts belongs to its morning.
  auto in_night = [&](Date night) {
    return *seconds_of_day >= day_starts_minutes * 60 ? night : Date{night.days + 1};
  };
  Date today = now.date();
  Date current_night = night_of(now, day_starts_minutes);
  std::string day;
  for (const auto& word : day_words)
    day += (day.empty() ? "" : " ") + lower_case(word);
  if (day_words.empty()) {
    // The last time the clock showed it: today's, unless that is still to come.
    if (!on(today)) {
      if (*seconds_of_day <= now.seconds_of_day()) return skipped();
    } else if (*instant <= now.epoch_seconds) {
      return within_writable_years(zone.local(*instant), text);
    }
    if (!on(Date{today.days - 1})) return skipped();
  } else if (day == "today" || day == "yesterday") {
    if (!on(day == "today" ? today : Date{today.days - 1})) return skipped();
  } else if (day == "tonight" || day == "last night") {
    Date night = day == "tonight" ? current_night : Date{current_night.days - 1};
    if (!on(in_night(night))) return skipped();
  } else if (auto typed = read_typed_date(day_words)) {
    if (typed->year) {
      auto date = in_calendar(*typed->year, typed->month, typed->day);
      if (!date) return invalid();
      if (!on(*date)) return skipped();
    } else {
      // The last such day whose time is not still to come: this year's, or an earlier one's
      // (the 29th of February, four years back at most).
      int year = to_civil(today).year;
      bool found = false;
      for (int back = 0; back <= 8 && !found; ++back) {
        auto date = in_calendar(year - back, typed->month, typed->day);
        if (!date) continue;
        if (!on(*date)) return skipped();
        found = *instant <= now.epoch_seconds;
      }
      if (!found) return invalid();
    }
  } else if (day_and_month_in_either_order(day_words)) {
    return Parsed<LocalTime>::failure(ambiguous_date(day));
  } else {
    return invalid();
  }
  return within_writable_years(zone.local(*instant), text);
}

Parsed<Date> parse_day(std::string_view text, const LocalTime& now, int day_starts_minutes) {
  Date current_night = night_of(now, day_starts_minutes);
  if (text == "today") return current_night;
  if (text == "yesterday") return Date{current_night.days - 1};
  std::vector<std::string> words = words_of(text);
  if (auto typed = read_typed_date(words)) {
    if (typed->year) {
      if (auto date = in_calendar(*typed->year, typed->month, typed->day)) return *date;
    } else {
      // The last such night, the current one included.
      int year = to_civil(current_night).year;
      for (int back = 0; back <= 8; ++back) {
        auto date = in_calendar(year - back, typed->month, typed->day);
        if (date && *date <= current_night) return *date;
      }
    }
  } else if (day_and_month_in_either_order(words)) {
    return Parsed<Date>::failure(ambiguous_date(text));
  }
  return Parsed<Date>::failure(fmt::format(
      "invalid date {}: expected today, yesterday or a date: {}", quoted_value(text), kTypedDates));
}

}  // namespace legsup
