// Fuzzes what a person types: durations, minutes, times, dates, ratings, breathing patterns,
// and the text functions that show it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <string_view>

#include "legsup/base/duration.hpp"
#include "legsup/base/local_time.hpp"
#include "legsup/base/text.hpp"
#include "legsup/content/breathing.hpp"
#include "legsup/log/record.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  ::setenv("TZ", "Europe/Berlin", 1);
  ::tzset();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  using namespace legsup;

  if (auto duration = parse_duration(text)) {
    if (duration->count() < 0) __builtin_trap();
    if (*parse_duration(format_duration(*duration)) / 1000 * 1000 !=
        (*duration + Milliseconds(500)) / 1000 * 1000) {
      __builtin_trap();
    }
  }
  if (auto minutes = parse_minutes(text); minutes && minutes->count() < 0) __builtin_trap();
  (void)hold_from_options(std::string(text), std::nullopt);

  if (auto time = parse_rfc3339(text)) {
    auto again = parse_rfc3339(time->rfc3339());
    if (!again || again->epoch_seconds != time->epoch_seconds) __builtin_trap();
  }
  SystemTimeZone zone;
  LocalTime now = zone.local(1764000000);
  (void)parse_when(text, now, zone);
  (void)parse_day(text, now);

  (void)parse_ratings(text, {"stress", "legs", "sleepy"});
  std::vector<BreathPattern> patterns(1);
  patterns[0] = BreathPattern{"box",
                              "Box breathing",
                              Milliseconds(4000),
                              Milliseconds(4000),
                              Milliseconds(4000),
                              Milliseconds(4000),
                              ""};
  if (auto breath = parse_breath_choice(text, patterns); breath && *breath) {
    if ((*breath)->inhale < kShortestBreath || (*breath)->exhale < kShortestBreath ||
        (*breath)->cycle() > 4 * kLongestBreathPart) {
      __builtin_trap();
    }
  }

  // A rate or a ratio either paces the pattern within what a pattern may hold, or says why not.
  auto rate = parse_breath_rate(text);
  auto ratio = parse_breath_ratio(text);
  if (rate || ratio) {
    auto paced = paced_pattern(patterns[0], rate ? std::optional(*rate) : std::nullopt,
                               ratio ? std::optional(*ratio) : std::nullopt);
    if (paced && (paced->inhale < kShortestBreath || paced->exhale < kShortestBreath ||
                  paced->cycle() > 4 * kLongestBreathPart)) {
      __builtin_trap();
    }
  }

  std::string shown = escape_controls(text);
  for (unsigned char c : shown) {
    if (c < 0x20 || c == 0x7f) __builtin_trap();
  }
  if (!is_valid_utf8(shown)) __builtin_trap();
  for (const auto& line : wrap(shown, 12, "  ", "  ")) {
    if (display_width(line) > 12 && line.size() > 4) {
      // Only a single character wider than the room left may overflow.
      if (display_width(line) > 14) __builtin_trap();
    }
  }
  return 0;
}
