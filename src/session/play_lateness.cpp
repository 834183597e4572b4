#include "legsup/session/play_lateness.hpp"

#include <algorithm>

namespace legsup {

void PlayLateness::anchored(SteadyTime now) {
  part_start_ = now;
  part_least_.reset();
  part_told_all_ = true;
  parts_.clear();
  first_least_.reset();
}

std::optional<std::int64_t> PlayLateness::seen(SteadyTime now, std::optional<std::int64_t> late,
                                               int sample_rate) {
  if (!part_start_) anchored(now);
  if (!late) {
    part_told_all_ = false;
  } else {
    part_least_ = part_least_ ? std::min(*part_least_, *late) : *late;
  }
  if (now - *part_start_ < std::chrono::duration_cast<SteadyTime>(kPart)) return std::nullopt;
  // A part ends: measured whole, it joins the window; else the window starts again after it.
  if (part_told_all_ && part_least_) {
    parts_.push_back(*part_least_);
    if (parts_.size() > kParts) parts_.pop_front();
  } else {
    parts_.clear();
  }
  part_start_ = now;
  part_least_.reset();
  part_told_all_ = true;
  if (parts_.size() < kParts) return std::nullopt;
  std::int64_t least = *std::min_element(parts_.begin(), parts_.end());
  if (!first_least_) {
    first_least_ = least;
    return std::nullopt;
  }
  std::int64_t lag = least - *first_least_;
  if (lag * 1000 <= kSteadyLateness.count() * sample_rate) return std::nullopt;
  // The clock moves by the lag: what was seen is measured again from here.
  parts_.clear();
  return lag;
}

}  // namespace legsup
