// A paced breathing pattern: seconds of inhale, hold, exhale and hold, repeated.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "legsup/base/error.hpp"

namespace legsup {

struct BreathPattern {
  std::string id;
  std::string name;
  int inhale = 0;
  int hold_in = 0;  // after the inhale
  int exhale = 0;
  int hold_out = 0;  // after the exhale
  std::string note;

  int cycle_seconds() const { return inhale + hold_in + exhale + hold_out; }
  bool operator==(const BreathPattern&) const = default;
};

// Each phase may last 0 to 30 seconds; inhale and exhale at least 1.
inline constexpr int kMaxBreathPhaseSeconds = 30;

// The pattern's timing as words: "in 4, hold 7, out 8" (zero holds left out).
std::string breath_timing(const BreathPattern& pattern);

// What --breath asks for: a pattern id from the content, custom seconds "IN-HOLD-OUT[-HOLD]"
// such as "4-0-6", or "none". Returns no pattern for "none".
Parsed<std::optional<BreathPattern>> parse_breath_choice(
    std::string_view text, const std::vector<BreathPattern>& patterns);

}  // namespace legsup
