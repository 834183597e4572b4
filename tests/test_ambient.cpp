#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "legsup/session/ambient.hpp"
#include "legsup/session/mix.hpp"

using namespace legsup;
using namespace std::chrono_literals;

namespace {

std::vector<float> noise_of(AmbientKind kind, std::size_t samples, std::uint64_t seed = 7) {
  AmbientNoise noise(kind, seed);
  std::vector<float> out(samples);
  // Block by block, as the stream asks for it.
  for (std::size_t from = 0; from < samples; from += 441)
    noise.fill(std::span(out).subspan(from, std::min<std::size_t>(441, samples - from)));
  return out;
}

double dbfs(double power) {
  return 10 * std::log10(power);
}

double mean_power(const std::vector<float>& samples) {
  double sum = 0;
  for (float sample : samples)
    sum += static_cast<double>(sample) * sample;
  return sum / static_cast<double>(samples.size());
}

// The power between `low` and `high` Hz, from the spectra of windowed blocks.
double band_power(const std::vector<float>& samples, double low, double high) {
  constexpr std::size_t kBlock = 2048;
  double total = 0;
  int blocks = 0;
  for (std::size_t from = 0; from + kBlock <= samples.size() && blocks < 24; from += kBlock) {
    auto first = static_cast<std::size_t>(low * kBlock / kSampleRate);
    auto last = static_cast<std::size_t>(high * kBlock / kSampleRate);
    for (std::size_t bin = first; bin < last; ++bin) {
      double re = 0, im = 0;
      for (std::size_t i = 0; i < kBlock; ++i) {
        double window = 0.5 - 0.5 * std::cos(2 * std::numbers::pi * i / kBlock);
        double angle = 2 * std::numbers::pi * static_cast<double>(bin * i) / kBlock;
        re += samples[from + i] * window * std::cos(angle);
        im -= samples[from + i] * window * std::sin(angle);
      }
      total += re * re + im * im;
    }
    ++blocks;
  }
  return total / blocks;
}

// How uneven it is from moment to moment: the level of its loudest 10 ms windows (the 95th
// percentile) over that of a middling one.
double unevenness(const std::vector<float>& samples) {
  constexpr std::size_t kWindow = kSampleRate / 100;
  std::vector<double> levels;
  for (std::size_t from = 0; from + kWindow <= samples.size(); from += kWindow) {
    double sum = 0;
    for (std::size_t i = from; i < from + kWindow; ++i)
      sum += static_cast<double>(samples[i]) * samples[i];
    levels.push_back(std::sqrt(sum / kWindow));
  }
  std::sort(levels.begin(), levels.end());
  return levels[levels.size() * 95 / 100] / levels[levels.size() / 2];
}

}  // namespace

TEST_CASE("every ambient sound is at -12 dBFS, within full scale") {
  for (AmbientKind kind : {AmbientKind::brown, AmbientKind::pink, AmbientKind::rain}) {
    auto samples = noise_of(kind, 120 * kSampleRate);
    double level = dbfs(mean_power(samples));
    INFO(to_string(kind), " at ", level, " dBFS");
    CHECK(std::abs(level - dbfs(kAmbientRms * kAmbientRms)) < 1.0);
    auto [least, most] = std::minmax_element(samples.begin(), samples.end());
    CHECK(*least >= -1.0F);
    CHECK(*most <= 1.0F);
    CHECK(*most > 0.3F);
  }
}

TEST_CASE("brown noise falls faster than pink, and pink keeps as much in every two octaves") {
  auto brown = noise_of(AmbientKind::brown, 24 * 2048);
  auto pink = noise_of(AmbientKind::pink, 24 * 2048);
  // From 100-400 Hz to 400-1600 Hz, and on to 1600-6400 Hz, in dB (no structured binding:
  // Clang 14 cannot capture one in INFO).
  auto fall = [](const std::vector<float>& samples, double from, double to) {
    return dbfs(band_power(samples, from, to) / band_power(samples, to, to * 4));
  };
  double brown_low = fall(brown, 100, 400);
  double brown_high = fall(brown, 400, 1600);
  double pink_low = fall(pink, 100, 400);
  double pink_high = fall(pink, 400, 1600);
  INFO("brown falls ", brown_low, " and ", brown_high, " dB; pink ", pink_low, " and ", pink_high);
  CHECK(brown_low > 4.5);
  CHECK(brown_high > 4.5);
  CHECK(std::abs(pink_low) < 2.0);
  CHECK(std::abs(pink_high) < 2.0);
  CHECK(brown_low > pink_low + 4.0);
  CHECK(brown_high > pink_high + 4.0);
}

TEST_CASE("rain is brighter than pink noise, and uneven: its drops come and go") {
  auto rain = noise_of(AmbientKind::rain, 24 * 2048);
  auto pink = noise_of(AmbientKind::pink, 24 * 2048);
  auto brightness = [](const std::vector<float>& samples) {
    return dbfs(band_power(samples, 2500, 10000) / band_power(samples, 100, 400));
  };
  double rain_bright = brightness(rain);
  double pink_bright = brightness(pink);
  double rain_uneven = unevenness(rain);
  double pink_uneven = unevenness(pink);
  INFO("rain ", rain_bright, " dB high over low, pink ", pink_bright, "; unevenness ", rain_uneven,
       " against ", pink_uneven);
  CHECK(rain_bright > pink_bright + 10.0);
  CHECK(rain_uneven > 2.2);
  CHECK(rain_uneven > pink_uneven + 0.8);
}

TEST_CASE("an ambient sound is the same from the same seed, and another from another") {
  for (AmbientKind kind : {AmbientKind::brown, AmbientKind::pink, AmbientKind::rain}) {
    CHECK(noise_of(kind, 5000, 3) == noise_of(kind, 5000, 3));
    CHECK(noise_of(kind, 5000, 3) != noise_of(kind, 5000, 4));
  }
  CHECK(noise_of(AmbientKind::none, 100) == std::vector<float>(100, 0.0F));
}

TEST_CASE("the ambient fades over its last minute, or the last third of a short time") {
  CHECK(ambient_fade_length(20min) == 60s);
  CHECK(ambient_fade_length(3min) == 60s);
  CHECK(ambient_fade_length(12s) == 4s);
  CHECK(ambient_fade(61, 60) == 1.0);
  CHECK(ambient_fade(60, 60) == 1.0);
  CHECK(ambient_fade(30, 60) == doctest::Approx(0.5));
  CHECK(ambient_fade(0, 60) == 0.0);
  CHECK(ambient_fade(-5, 60) == 0.0);
  CHECK(ambient_fade(1, 0) == 1.0);  // no fade: at full level to its end
  // Smooth: no step anywhere, and always falling.
  double before = 1.0;
  for (int ms = 60000; ms >= 0; ms -= 100) {
    double now = ambient_fade(ms, 60000);
    CHECK(now <= before);
    CHECK(before - now < 0.003);
    before = now;
  }
}

TEST_CASE("the ambient ends with the session, or goes on after it, fading over its last minute") {
  CHECK(ambient_end(20min, 0s) == AmbientEnd{20min, 60s});
  CHECK(ambient_end(20min, 10min) == AmbientEnd{30min, 60s});
  CHECK(ambient_end(12s, 0s) == AmbientEnd{12s, 4s});
  CHECK(ambient_end(12s, 6s) == AmbientEnd{18s, 6s});
  CHECK(ambient_end(0s, 0s) == AmbientEnd{0s, 0s});  // ended at once
}

TEST_CASE("an ambient's level is under the first cue's peak, set by its own volume") {
  CHECK(ambient_level(0.2, 100) == doctest::Approx(0.2 * kAmbientLoudest));
  CHECK(ambient_level(0.2, 30) == doctest::Approx(0.2 * kAmbientLoudest * 0.3));
  CHECK(ambient_level(0.2, 0) == 0.0);
  CHECK(ambient_level(0.2, 100) * kAmbientRms < 0.2 / 5.6);  // 15 dB under the peak
  CHECK(parse_ambient_kind("rain").value() == AmbientKind::rain);
  CHECK(parse_ambient_kind("Rain").error() ==
        "invalid ambient sound \"Rain\" (ambient sounds: none, brown, pink or rain)");
}
