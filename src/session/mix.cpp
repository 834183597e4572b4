#include "legsup/session/mix.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace legsup {
namespace {

// How long a sound silenced by a key's answer takes to fade: short, and without a click.
constexpr std::int64_t kFadeSamples = kSampleRate / 100;
// How fast the bed's gain may move a sample: down within kAmbientStepDown, up within
// kAmbientStepUp (of its whole range).
constexpr std::int64_t kBedStepDown = kAmbientStepDown.count() * kSampleRate / 1000;
constexpr double kBedDown = 1.0 / kBedStepDown;
constexpr double kBedUp = 1000.0 / static_cast<double>(kAmbientStepUp.count() * kSampleRate);

Milliseconds overlap(Span a, Span b) {
  return std::max(Milliseconds(0), std::min(a.end, b.end) - std::max(a.start, b.start));
}

}  // namespace

void CueTimeline::take(Span span) {
  taken_.push_back(span);
}

Milliseconds CueTimeline::fit(Milliseconds due, Milliseconds length, std::span<const Span> ahead,
                              Milliseconds latest, Milliseconds quiet) {
  std::vector<Span> around = taken_;
  around.insert(around.end(), ahead.begin(), ahead.end());
  latest = std::max(latest, due);
  // The moments worth trying: its own, and just after each sound (and its quiet) that ends later.
  std::vector<Milliseconds> candidates = {due};
  for (const Span& other : around) {
    Milliseconds after = other.end + quiet;
    if (after > due && after <= latest) candidates.push_back(after);
  }
  std::sort(candidates.begin(), candidates.end());
  auto heard_alone = [&](Milliseconds start) {
    return std::all_of(around.begin(), around.end(), [&](const Span& other) {
      return start + length + quiet <= other.start || start >= other.end + quiet;
    });
  };
  auto overlapping = [&](Milliseconds start) {
    Milliseconds total{0};
    for (const Span& other : around)
      total += overlap({start, start + length}, other);
    return total;
  };
  Milliseconds chosen = due;
  auto alone = std::find_if(candidates.begin(), candidates.end(), heard_alone);
  if (alone != candidates.end()) {
    chosen = *alone;
  } else {
    Milliseconds least = overlapping(due);
    for (Milliseconds start : candidates) {
      if (Milliseconds overlaps = overlapping(start); overlaps < least) {
        least = overlaps;
        chosen = start;
      }
    }
  }
  take({chosen, chosen + length});
  return chosen;
}

void CueTimeline::forget_before(Milliseconds now) {
  std::erase_if(taken_, [&](const Span& span) { return span.end < now; });
}

SoundMix::SoundMix(double ceiling)
    : ceiling_(static_cast<int>(std::lround(std::clamp(ceiling, 0.0, 1.0) * 32767))) {}

double SoundMix::add(std::int64_t start, Samples samples, Give give) {
  Placed sound{std::max(start, mixed_), std::move(samples)};
  if (give == Give::at_once) {
    // What sounds when a key is answered stops for it, in a short fade.
    for (Placed& other : sounds_) {
      if (other.start >= sound.start || other.end() <= sound.start) continue;
      auto from = static_cast<std::size_t>(sound.start - other.start);
      auto fade = std::min<std::size_t>(static_cast<std::size_t>(kFadeSamples),
                                        other.samples.size() - from);
      for (std::size_t i = 0; i < fade; ++i) {
        double left = 1.0 - static_cast<double>(i + 1) / static_cast<double>(fade + 1);
        other.samples[from + i] =
            static_cast<std::int16_t>(std::lround(other.samples[from + i] * left));
      }
      other.samples.resize(from + fade);
    }
  }
  // What already sounds where it does, and the gain that keeps the sum within the ceiling: at
  // every sample, what is there and this sound's share of the room left.
  std::vector<int> there(sound.samples.size(), 0);
  for (const Placed& other : sounds_) {
    std::int64_t from = std::max(other.start, sound.start);
    std::int64_t to = std::min(other.end(), sound.end());
    for (std::int64_t i = from; i < to; ++i) {
      there[static_cast<std::size_t>(i - sound.start)] +=
          other.samples[static_cast<std::size_t>(i - other.start)];
    }
  }
  double gain = 1.0;
  for (std::size_t i = 0; i < sound.samples.size(); ++i) {
    int level = std::abs(static_cast<int>(sound.samples[i]));
    if (level == 0) continue;
    int room = std::max(0, ceiling_ - std::abs(there[i]));
    if (level > room) gain = std::min(gain, static_cast<double>(room) / level);
  }
  if (gain < 1.0) {
    for (auto& sample : sound.samples)
      sample = static_cast<std::int16_t>(std::trunc(sample * gain));
  }
  end_ = std::max(end_, sound.end());
  sounds_.push_back(std::move(sound));
  return gain;
}

Samples SoundMix::take(std::int64_t until) {
  if (until <= mixed_) return {};
  std::vector<std::int32_t> sum(static_cast<std::size_t>(until - mixed_), 0);
  std::vector<std::uint8_t> sounding(bed_ ? sum.size() : 0, 0);
  for (const Placed& sound : sounds_) {
    std::int64_t from = std::max(sound.start, mixed_);
    std::int64_t to = std::min(sound.end(), until);
    for (std::int64_t i = from; i < to; ++i) {
      sum[static_cast<std::size_t>(i - mixed_)] +=
          sound.samples[static_cast<std::size_t>(i - sound.start)];
    }
    if (bed_ && to > from) {
      std::fill(sounding.begin() + (from - mixed_), sounding.begin() + (to - mixed_), 1);
    }
  }
  if (bed_) mix_bed(sum, sounding);
  Samples mixed(sum.size());
  for (std::size_t i = 0; i < sum.size(); ++i)
    mixed[i] = static_cast<std::int16_t>(std::clamp(sum[i], -32767, 32767));
  mixed_ = until;
  return mixed;
}

void SoundMix::lay_bed(AmbientNoise noise, double level) {
  bed_ = Bed{std::move(noise), std::clamp(level, 0.0, 1.0) * 32767, 0, 0, 0, {}};
}

void SoundMix::bed_ends_at(std::int64_t end, std::int64_t fade) {
  if (!bed_) return;
  bed_->end = end;
  bed_->fade = fade;
}

std::int64_t SoundMix::end() const {
  if (!bed_) return end_;
  return std::max(end_, bed_->end + kBedStepDown);
}

void SoundMix::mix_bed(std::vector<std::int32_t>& sum, const std::vector<std::uint8_t>& sounding) {
  Bed& bed = *bed_;
  // Silent from its end on: nothing to make.
  if (bed.gain == 0 && mixed_ >= bed.end) return;
  bed.block.resize(sum.size());
  bed.noise.fill(bed.block);
  for (std::size_t i = 0; i < sum.size(); ++i) {
    auto index = mixed_ + static_cast<std::int64_t>(i);
    double target =
        ambient_fade(static_cast<double>(bed.end - index), static_cast<double>(bed.fade));
    if (sounding[i] != 0) target *= kAmbientDucked;
    // Toward its target no faster than a step: it never clicks, whatever moved its end.
    bed.gain = target < bed.gain ? std::max(target, bed.gain - kBedDown)
                                 : std::min(target, bed.gain + kBedUp);
    auto value = static_cast<std::int32_t>(std::lround(bed.block[i] * bed.level * bed.gain));
    std::int32_t cue = sum[i];
    std::int32_t total = cue + value;
    // The room the cues leave under the ceiling, and no more.
    if (std::abs(total) > ceiling_ && std::abs(total) > std::abs(cue)) {
      total = (total > 0 ? 1 : -1) * std::max(ceiling_, std::abs(cue));
    }
    sum[i] = total;
  }
}

void SoundMix::skip_to(std::int64_t index) {
  std::erase_if(sounds_, [&](const Placed& sound) { return sound.start < index; });
  mixed_ = index;
}

int SoundMix::move_unbegun(std::int64_t by, std::int64_t late_at_most) {
  int dropped = 0;
  std::erase_if(sounds_, [&](Placed& sound) {
    if (sound.start < mixed_) return false;
    sound.start += by;
    if (sound.start >= mixed_) return false;
    if (mixed_ - sound.start <= late_at_most) {
      sound.start = mixed_;
      return false;
    }
    ++dropped;
    return true;
  });
  // The bed's end keeps its moment too (measured at PulseAudio: a lag moved the cues but not it,
  // and the ambient was heard after the session's end, at -72 dBFS).
  if (bed_ && bed_->end > mixed_) bed_->end = std::max(mixed_, bed_->end + by);
  end_ = mixed_;
  for (const Placed& sound : sounds_)
    end_ = std::max(end_, sound.end());
  return dropped;
}

void SoundMix::let_go(std::int64_t index) {
  std::erase_if(sounds_, [&](const Placed& sound) { return sound.end() <= index; });
}

}  // namespace legsup
