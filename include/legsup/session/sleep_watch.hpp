// Noticing that the machine slept during a session. The boot clock counts the time the machine
// spends suspended and the monotonic clock does not, so the gap between them grows by exactly
// the time asleep: a session that reads both after each wait knows when it slept, and for how
// long, without asking anyone.
#pragma once

#include "legsup/base/duration.hpp"
#include "legsup/session/session.hpp"

namespace legsup {

// A gap that grew by less than this is the cost of reading two clocks one after the other, not
// a sleep.
inline constexpr Milliseconds kNoticedSleep{1000};

class SleepWatch {
 public:
  // `boot` and `awake`: the two clocks, read now.
  SleepWatch(SteadyTime boot, SteadyTime awake) : gap_(boot - awake) {}

  // How long the machine slept since the last sleep noticed (zero when it did not), given both
  // clocks now.
  Milliseconds look(SteadyTime boot, SteadyTime awake);
  // All the sleep noticed.
  Milliseconds slept() const { return slept_; }

 private:
  SteadyTime gap_;
  Milliseconds slept_{0};
};

}  // namespace legsup
