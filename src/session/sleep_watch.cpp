#include "legsup/session/sleep_watch.hpp"

namespace legsup {

Milliseconds SleepWatch::look(SteadyTime boot, SteadyTime awake) {
  SteadyTime gap = boot - awake;
  auto grown = std::chrono::duration_cast<Milliseconds>(gap - gap_);
  if (grown < kNoticedSleep) return Milliseconds(0);
  gap_ = gap;
  slept_ += grown;
  return grown;
}

}  // namespace legsup
