// A paced breathing pattern: seconds of inhale, hold, exhale and hold, repeated.
#pragma once

#include <string>

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
};

// Each phase may last 0 to 30 seconds; inhale and exhale at least 1.
inline constexpr int kMaxBreathPhaseSeconds = 30;

}  // namespace legsup
