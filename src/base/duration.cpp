#include "legsup/base/duration.hpp"

#include <fmt/core.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>

#include "legsup/base/text.hpp"

namespace legsup {
namespace {

// Longer than anyone will type; keeps the arithmetic far from overflow.
constexpr double kMaxSeconds = 1000.0 * 3600.0;

// A plain decimal number: digits with at most one '.', no sign, no exponent.
bool read_decimal(std::string_view text, std::size_t& at, double& value) {
  std::size_t start = at;
  bool digits = false;
  bool point = false;
  while (at < text.size()) {
    char c = text[at];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits = true;
    } else if (c == '.' && !point) {
      point = true;
    } else {
      break;
    }
    ++at;
  }
  if (!digits) return false;
  auto [end, error] = std::from_chars(text.data() + start, text.data() + at, value);
  if (error == std::errc::result_out_of_range) {
    // Too large is infinite (no range check accepts it); too small is zero, not "far too long".
    std::string number(text.substr(start, at - start));
    value = std::strtod(number.c_str(), nullptr);
    return true;
  }
  return end == text.data() + at;
}

Parsed<Milliseconds> to_milliseconds(double seconds) {
  return Milliseconds(static_cast<long long>(std::llround(seconds * 1000.0)));
}

}  // namespace

Parsed<Milliseconds> parse_duration(std::string_view text) {
  auto invalid = [&](std::string_view why) {
    return Parsed<Milliseconds>::failure(fmt::format(
        "invalid duration {}: {} (examples: 90s, 10m, 1m30s, 1h5m)", quoted_value(text), why));
  };
  if (text.empty()) return invalid("it is empty");
  if (text == "0") return Milliseconds(0);

  constexpr std::string_view kUnits = "hms";
  constexpr double kUnitSeconds[] = {3600.0, 60.0, 1.0};
  std::size_t next_unit = 0;  // units must come in the order h, m, s
  double seconds = 0;
  std::size_t at = 0;
  while (at < text.size()) {
    double amount = 0;
    if (!read_decimal(text, at, amount)) {
      return invalid("expected a number followed by h, m or s");
    }
    if (at == text.size()) return invalid("the number has no unit; add h, m or s");
    std::size_t unit = kUnits.find(static_cast<char>(std::tolower(text[at])));
    if (unit == std::string_view::npos) return invalid("units are h, m and s");
    if (unit < next_unit) return invalid("give hours, minutes and seconds once each, in order");
    next_unit = unit + 1;
    seconds += amount * kUnitSeconds[unit];
    if (seconds > kMaxSeconds) return invalid("far too long");
    ++at;
  }
  return to_milliseconds(seconds);
}

Parsed<Milliseconds> parse_minutes(std::string_view text) {
  std::size_t at = 0;
  double minutes = 0;
  if (!read_decimal(text, at, minutes) || at != text.size()) {
    return Parsed<Milliseconds>::failure(fmt::format(
        "invalid number of minutes {}: expected a number such as 10 or 2.5", quoted_value(text)));
  }
  if (minutes * 60.0 > kMaxSeconds) {
    return Parsed<Milliseconds>::failure(
        fmt::format("invalid number of minutes {}: far too long", quoted_value(text)));
  }
  return to_milliseconds(minutes * 60.0);
}

Parsed<std::optional<Milliseconds>> hold_from_options(const std::optional<std::string>& minutes,
                                                      const std::optional<std::string>& duration) {
  using Result = Parsed<std::optional<Milliseconds>>;
  if (minutes && duration) return Result::failure("give --minutes or --duration, not both");
  if (!minutes && !duration) return std::optional<Milliseconds>();
  auto hold = minutes ? parse_minutes(*minutes) : parse_duration(*duration);
  if (!hold) return Result::failure(hold.error());
  if (*hold < kShortestHold || *hold > kLongestHold) {
    return Result::failure(fmt::format("a session of {} is out of range: from 1 second to 3 hours",
                                       minutes ? *minutes + " minutes" : *duration));
  }
  return std::optional<Milliseconds>(*hold);
}

long long whole_seconds(Milliseconds duration) {
  return duration.count() <= 0 ? 0 : duration.count() / 1000;
}

std::string format_duration(Milliseconds duration) {
  long long total = whole_seconds(duration);
  if (total <= 0) return "0s";
  long long hours = total / 3600;
  long long minutes = total % 3600 / 60;
  long long seconds = total % 60;
  std::string text;
  if (hours > 0) text += fmt::format("{}h", hours);
  if (minutes > 0) text += fmt::format("{}m", minutes);
  if (seconds > 0) text += fmt::format("{}s", seconds);
  return text;
}

namespace {

std::string clock_of(long long total) {
  long long hours = total / 3600;
  long long minutes = total % 3600 / 60;
  long long seconds = total % 60;
  if (hours > 0) return fmt::format("{}:{:02}:{:02}", hours, minutes, seconds);
  return fmt::format("{}:{:02}", minutes, seconds);
}

}  // namespace

std::string format_clock(Milliseconds duration) {
  return clock_of(duration.count() <= 0 ? 0 : (duration.count() + 999) / 1000);
}

std::string format_elapsed(Milliseconds duration) {
  return clock_of(whole_seconds(duration));
}

}  // namespace legsup
