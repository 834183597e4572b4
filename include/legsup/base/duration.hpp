// Durations as people type them ("90s", "10m", "1m30s", "1h5m", "2.5m") and as legsup prints
// them. One parser serves `start`, `log add` and the config file.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "legsup/base/error.hpp"

namespace legsup {

using Milliseconds = std::chrono::milliseconds;

// Hours, minutes and seconds, each at most once and in that order, each a decimal number with
// its unit: "1h5m", "90s", "1.5m". "0" alone is zero. Refuses signs, spaces and missing units.
Parsed<Milliseconds> parse_duration(std::string_view text);

// A decimal number of minutes, as `--minutes` takes it: "10", "2.5".
Parsed<Milliseconds> parse_minutes(std::string_view text);

// The length of a session, timed or logged by hand: 1 second to 3 hours.
inline constexpr Milliseconds kShortestHold{1000};
inline constexpr Milliseconds kLongestHold{3 * 3600 * 1000};

// The hold from --minutes or --duration (at most one may be given), checked against the range.
// Empty when neither is given.
Parsed<std::optional<Milliseconds>> hold_from_options(const std::optional<std::string>& minutes,
                                                      const std::optional<std::string>& duration);

// The one rounding of a time held or planned, for people: whole seconds, never rounded up
// (13.543 s is 13, 59.999 s is 59). Every view of a duration (the end screen, the title, the log
// table, stats, the calendar file) goes through it, so each shows the same figure; the JSON's
// and the CSV's held_seconds keep the exact time.
long long whole_seconds(Milliseconds duration);

// A duration for people, in the shortest spelling parse_duration reads back: "1h5m", "1m30s",
// "45s", "0s" (whole_seconds: never rounded up).
std::string format_duration(Milliseconds duration);

// A countdown clock: "9:05", "1:02:03" (whole seconds, rounded up so 0:00 means done).
std::string format_clock(Milliseconds duration);

// Time spent, on the same clock, in whole_seconds: 5.9 seconds held is "0:05", never "0:06".
std::string format_elapsed(Milliseconds duration);

}  // namespace legsup
