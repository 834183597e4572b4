// A paced breathing pattern: how long the inhale, the hold, the exhale and the hold last,
// repeated. People measure a pattern in seconds to the tenth ("5.5-0-5.5"), or by its rate
// (breaths a minute) and the ratio of its parts ("4:6"); each form is read here, once.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "legsup/base/duration.hpp"
#include "legsup/base/error.hpp"

namespace legsup {

struct BreathPattern {
  std::string id;
  std::string name;
  Milliseconds inhale{0};
  Milliseconds hold_in{0};  // after the inhale
  Milliseconds exhale{0};
  Milliseconds hold_out{0};  // after the exhale
  std::string note;

  Milliseconds cycle() const { return inhale + hold_in + exhale + hold_out; }
  bool operator==(const BreathPattern&) const = default;
};

// Each part lasts 0 to 30 seconds, to the tenth of a second; inhale and exhale at least 1.
inline constexpr Milliseconds kLongestBreathPart{30000};
inline constexpr Milliseconds kShortestBreath{1000};
inline constexpr Milliseconds kBreathPrecision{100};

// Seconds as a pattern spells them: "4", "5.5".
std::string breath_seconds(Milliseconds part);

// The pattern's timing as words: "in 4, hold 7, out 8", "in 5.5, out 5.5" (zero holds left out).
std::string breath_timing(const BreathPattern& pattern);

// Its rate: "6 breaths a minute", "5.5 breaths a minute" (to the tenth).
std::string breath_rate(const BreathPattern& pattern);

// What --breath asks for: a pattern id from the content, custom seconds "IN-HOLD-OUT[-HOLD]"
// such as "4-0-6" or "5.5-0-5.5", or "none". Returns no pattern for "none".
Parsed<std::optional<BreathPattern>> parse_breath_choice(
    std::string_view text, const std::vector<BreathPattern>& patterns);

// Breaths a minute, to the tenth: "6", "5.5" (from 1 to 30).
struct BreathRate {
  int tenths_per_minute = 0;
  bool operator==(const BreathRate&) const = default;
};
Parsed<BreathRate> parse_breath_rate(std::string_view text);

// How a breath is shared between its parts: "4:6" (in and out) or "4:7:8", "1:1:1:1" (in,
// hold, out, hold), each part to the tenth.
struct BreathRatio {
  std::array<int, 4> tenths{};  // in, hold, out, hold
  std::string text;             // as typed
  bool operator==(const BreathRatio&) const = default;
};
Parsed<BreathRatio> parse_breath_ratio(std::string_view text);

// The pattern paced at a rate (its shape kept) and shared by a ratio (its rate kept), each part
// rounded to the tenth of a second. Without either, the pattern as it is; a pattern that comes
// out changed is a custom one, its id its seconds ("4.4-0-6.5"). Fails when a part would fall
// outside what a pattern may hold.
Parsed<BreathPattern> paced_pattern(const BreathPattern& pattern,
                                    const std::optional<BreathRate>& rate,
                                    const std::optional<BreathRatio>& ratio);

}  // namespace legsup
