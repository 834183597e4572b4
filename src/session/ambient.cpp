#include "legsup/session/ambient.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "legsup/base/text.hpp"
#include "legsup/session/mix.hpp"

namespace legsup {
namespace {

// Brown: the leak of the integrator puts its corner near 20 Hz; the gain follows from the power
// of white noise even from -1 to 1 (1/3) through it.
constexpr double kBrownLeak = 0.9943;
const double kBrownGain = kAmbientRms * std::sqrt(3 * (1 - kBrownLeak * kBrownLeak));
// Pink and rain: their gains measured over minutes of their samples (test_ambient holds them).
constexpr double kPinkGain = 0.1422;
constexpr double kRainGain = 0.434;
// Rain: the hiss keeps what is above about 450 Hz of pink noise; a drop fades in about 6 ms.
constexpr double kHissCorner = 0.13;
const double kDropFade = std::exp(-1.0 / (0.008 * kSampleRate));
constexpr double kDropShare = 4.0;
constexpr double kHissShare = 0.4;

}  // namespace

Parsed<AmbientKind> parse_ambient_kind(std::string_view text) {
  if (auto kind = value_in(kAmbientKinds, text)) return *kind;
  return Parsed<AmbientKind>::failure(
      fmt::format("invalid ambient sound \"{}\" (ambient sounds: {})", text,
                  list_choices(names_in(kAmbientKinds))));
}

std::string_view to_string(AmbientKind kind) {
  return name_in(kAmbientKinds, kind);
}

std::string_view ambient_words(AmbientKind kind) {
  switch (kind) {
    case AmbientKind::none:
      return "no ambient sound";
    case AmbientKind::brown:
      return "brown noise";
    case AmbientKind::pink:
      return "pink noise";
    case AmbientKind::rain:
      return "rain";
  }
  return {};
}

AmbientNoise::AmbientNoise(AmbientKind kind, std::uint64_t seed)
    : kind_(kind), state_(seed ^ 0x9E3779B97F4A7C15ULL) {
  if (state_ == 0) state_ = 1;
}

float AmbientNoise::white() {
  // xorshift64*: fast, and the same numbers from the same seed everywhere.
  state_ ^= state_ >> 12;
  state_ ^= state_ << 25;
  state_ ^= state_ >> 27;
  std::uint64_t bits = state_ * 0x2545F4914F6CDD1DULL;
  return static_cast<float>(static_cast<double>(bits >> 40) / static_cast<double>(1 << 23) - 1.0);
}

float AmbientNoise::brown() {
  brown_ = brown_ * kBrownLeak + white();
  return static_cast<float>(brown_ * kBrownGain);
}

float AmbientNoise::pink() {
  double w = white();
  double* b = pink_;
  b[0] = 0.99886 * b[0] + w * 0.0555179;
  b[1] = 0.99332 * b[1] + w * 0.0750759;
  b[2] = 0.96900 * b[2] + w * 0.1538520;
  b[3] = 0.86650 * b[3] + w * 0.3104856;
  b[4] = 0.55000 * b[4] + w * 0.5329522;
  b[5] = -0.7616 * b[5] - w * 0.0168980;
  double pink = b[0] + b[1] + b[2] + b[3] + b[4] + b[5] + b[6] + w * 0.5362;
  b[6] = w * 0.115926;
  return static_cast<float>(pink);
}

float AmbientNoise::rain() {
  double pinked = pink();
  hiss_low_ += kHissCorner * (pinked - hiss_low_);
  double hiss = pinked - hiss_low_;
  if ((white() + 1.0) / 2.0 < kRainDrops / kSampleRate) {
    drop_ = std::max(drop_, 0.4 + 0.3 * (white() + 1.0));
  }
  drop_ *= kDropFade;
  float w = white();
  double drop = drop_ * (w - last_white_);
  last_white_ = w;
  return static_cast<float>(kHissShare * hiss + kDropShare * drop);
}

void AmbientNoise::fill(std::span<float> out) {
  for (float& sample : out) {
    double value = 0;
    switch (kind_) {
      case AmbientKind::none:
        break;
      case AmbientKind::brown:
        value = brown();
        break;
      case AmbientKind::pink:
        value = pink() * kPinkGain;
        break;
      case AmbientKind::rain:
        value = rain() * kRainGain;
        break;
    }
    sample = static_cast<float>(std::clamp(value, -1.0, 1.0));
  }
}

double ambient_level(double ceiling, int volume) {
  return ceiling * kAmbientLoudest * std::clamp(volume, 0, 100) / 100.0;
}

Milliseconds ambient_fade_length(Milliseconds plays) {
  return std::min(kAmbientFade, std::max(Milliseconds(0), plays / 3));
}

AmbientEnd ambient_end(Milliseconds session_ends, Milliseconds after) {
  Milliseconds end = std::max(Milliseconds(0), session_ends) + std::max(Milliseconds(0), after);
  return {end, ambient_fade_length(end)};
}

double ambient_fade(double left, double fade) {
  if (left <= 0) return 0.0;
  if (left >= fade) return 1.0;
  return 0.5 - 0.5 * std::cos(std::numbers::pi * left / fade);
}

}  // namespace legsup
