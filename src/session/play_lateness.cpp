#include "legsup/session/play_lateness.hpp"

#include <algorithm>
#include <cstddef>

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
  auto least_of_last = [this](std::size_t parts) {
    return *std::min_element(parts_.end() - static_cast<std::ptrdiff_t>(parts), parts_.end());
  };
  auto over = [sample_rate](std::int64_t lag, Milliseconds bound) {
    return lag * 1000 > bound.count() * sample_rate;
  };
  std::optional<std::int64_t> lag;
  std::optional<std::int64_t> recent;
  if (first_least_ && parts_.size() >= kPromptParts) {
    recent = least_of_last(kPromptParts) - *first_least_;
  }
  if (recent && over(*recent, kPromptLateness)) {
    lag = recent;
  } else if (parts_.size() >= kParts) {
    std::int64_t least = least_of_last(kParts);
    if (!first_least_) first_least_ = least;
    if (over(least - *first_least_, kSteadyLateness)) lag = least - *first_least_;
  }
  // The clock moves by the lag: what was seen is measured again from here.
  if (lag) parts_.clear();
  return lag;
}

}  // namespace legsup
