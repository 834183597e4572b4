#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "legsup/session/mix.hpp"

using namespace legsup;
using namespace std::chrono_literals;

namespace {

// A sound of `samples` samples at `level` (of a sample's full scale), alternating in sign.
Samples tone(std::size_t samples, int level) {
  Samples sound(samples);
  for (std::size_t i = 0; i < samples; ++i)
    sound[i] = static_cast<std::int16_t>(i % 2 == 0 ? level : -level);
  return sound;
}

int loudest(const Samples& samples) {
  int peak = 0;
  for (auto sample : samples)
    peak = std::max(peak, std::abs(static_cast<int>(sample)));
  return peak;
}

}  // namespace

TEST_CASE("a sound that may move is heard at its moment where it is alone there") {
  CueTimeline timeline;
  timeline.take({0ms, 100ms});
  std::vector<Span> ahead = {{4000ms, 4100ms}};
  CHECK(timeline.fit(1000ms, 1500ms, ahead, 13000ms) == 1000ms);
  // Ending just before a beat, with the quiet before it: still its own moment.
  CueTimeline before;
  CHECK(before.fit(2000ms, 1750ms, ahead, 13000ms) == 2000ms);
}

TEST_CASE("a sound that may move goes just after what it would overlap, never on a beat") {
  // An interval bell due with an exhale (the "exhale tick vanishes inside the bell"):
  // after the tick and the quiet, before the next beat.
  CueTimeline timeline;
  timeline.take({30000ms, 30080ms});
  std::vector<Span> ahead = {{32000ms, 32080ms}, {34000ms, 34080ms}};
  CHECK(timeline.fit(30000ms, 880ms, ahead, 42000ms) == 30080ms + kQuietBetween);
  // Too long for that gap: after the next beat, where it fits.
  CueTimeline longer;
  longer.take({30000ms, 30080ms});
  std::vector<Span> beats = {{31000ms, 31080ms}, {32000ms, 33500ms}, {36000ms, 36080ms}};
  CHECK(longer.fit(30000ms, 1200ms, beats, 42000ms) == 33500ms + kQuietBetween);
  // What was fitted is taken: the next sound due there goes after it.
  CueTimeline steps;
  steps.take({60000ms, 61260ms});  // the end's two tones
  Milliseconds first = steps.fit(60000ms, 3000ms, {}, 70000ms);
  CHECK(first == 61260ms + kQuietBetween);
  CHECK(steps.fit(60000ms, 3000ms, {}, 70000ms) == first + 3000ms + kQuietBetween);
}

TEST_CASE("where no gap is long enough, the moment that overlaps the beats least, not a beat's") {
  CueTimeline timeline;
  timeline.take({0ms, 80ms});
  // Beats every second: a sound of 1.2 s overlaps one wherever it goes.
  std::vector<Span> ahead;
  for (auto at = 1000ms; at < 20000ms; at += 1000ms)
    ahead.push_back({at, at + 80ms});
  Milliseconds chosen = timeline.fit(0ms, 1200ms, ahead, 12000ms);
  CHECK(chosen == 80ms + kQuietBetween);  // overlaps one beat, not two, and not the first
  // Never later than allowed.
  CueTimeline late;
  std::vector<Span> wall = {{0ms, 20000ms}};
  CHECK(late.fit(5000ms, 1000ms, wall, 6000ms) == 5000ms);
}

TEST_CASE("the mixed stream is never louder than the ceiling, whatever falls together") {
  // The case: the end's tones and the first step of the way out at one instant, and
  // several sounds over one another, each as loud as the ceiling allows alone.
  SoundMix mix(0.5);
  int ceiling = 16384;
  for (int i = 0; i < 5; ++i) {
    double gain = mix.add(i * 100, tone(2000, ceiling - 100 * i), Give::beat);
    CHECK(gain <= 1.0);
  }
  Samples stream = mix.take(3000);
  CHECK(loudest(stream) <= ceiling);
  // Where nothing else sounds, a sound keeps its own loudness.
  SoundMix alone(0.5);
  CHECK(alone.add(0, tone(100, 12000), Give::beat) == 1.0);
  CHECK(alone.add(500, tone(100, 12000), Give::fits) == 1.0);
  Samples heard = alone.take(600);
  CHECK(loudest(heard) == 12000);
  CHECK(heard[550] == 12000);
}

TEST_CASE("a key's answer silences what was sounding, and is heard at once") {
  SoundMix mix(0.5);
  mix.add(0, tone(22050, 8000), Give::beat);  // a second-long phrase
  mix.take(1000);
  // The key, due before what was mixed: from the first sample not yet mixed.
  mix.add(500, tone(2000, 8000), Give::at_once);
  Samples after = mix.take(4000);
  // The key's answer, whole, from sample 1000; the phrase gone within a short fade.
  CHECK(after[300] == 8000);
  CHECK(std::abs(after[1000]) == 8000);
  CHECK(after[2500] == 0);
  CHECK(loudest(after) <= 16384);
}

TEST_CASE(
    "the stream goes on from where it is set: sounds begun before are dropped, the rest keep "
    "their moment") {
  SoundMix mix(0.5);
  mix.add(0, tone(100, 1000), Give::beat);
  mix.add(5000, tone(100, 1000), Give::beat);
  mix.add(9000, tone(100, 1000), Give::beat);
  mix.take(50);
  // Set again to the clock 2000 samples later than it was: the sound at 5000 is now at 3000,
  // the one begun is not moved, and none has passed.
  CHECK(mix.move_unbegun(-2000) == 0);
  REQUIRE(mix.sounds().size() == 3);
  CHECK(mix.sounds()[1].start == 3000);
  CHECK(mix.sounds()[0].start == 0);
  // Set 8000 later: the one at 3000 has passed (not heard); the one at 7000 keeps its moment.
  CHECK(mix.move_unbegun(-6000) == 1);
  CHECK(mix.sounds().back().start == 1000);
  mix.skip_to(500);
  CHECK(mix.sounds().size() == 1);
  CHECK(mix.mixed() == 500);
}

TEST_CASE("a sound whose moment passed a little as the stream was set again starts at once") {
  SoundMix mix(0.5);
  mix.add(1000, tone(100, 1000), Give::beat);
  mix.add(1200, tone(100, 1000), Give::beat);
  mix.take(800);
  // Set 600 samples later, a sound 400 past is kept within 500 (starting at once), one 600 past
  // is not; and none further past is kept when nothing is allowed.
  CHECK(mix.move_unbegun(-600, 500) == 0);
  REQUIRE(mix.sounds().size() == 2);
  CHECK(mix.sounds()[0].start == 800);
  CHECK(mix.sounds()[1].start == 800);
  CHECK(mix.move_unbegun(-1, 0) == 2);
  CHECK(mix.sounds().empty());
}

namespace {

constexpr std::int64_t kSecond = kSampleRate;

// What the bed added to the stream: the stream with it less the stream of the same cues alone.
struct Bedded {
  Samples with_bed;
  Samples bed;
};
Bedded mix_with_bed(double ceiling, double level, std::int64_t end, std::int64_t fade,
                    const std::vector<std::pair<std::int64_t, Samples>>& cues, std::int64_t until) {
  SoundMix with(ceiling);
  SoundMix without(ceiling);
  with.lay_bed(AmbientNoise(AmbientKind::brown, 5), level);
  with.bed_ends_at(end, fade);
  for (const auto& [start, samples] : cues) {
    with.add(start, samples, Give::beat);
    without.add(start, samples, Give::beat);
  }
  Bedded out;
  // In blocks, as the stream is fed.
  for (std::int64_t at = 0; at < until; at += 441) {
    auto a = with.take(std::min(until, at + 441));
    auto b = without.take(std::min(until, at + 441));
    out.with_bed.insert(out.with_bed.end(), a.begin(), a.end());
    for (std::size_t i = 0; i < a.size(); ++i)
      out.bed.push_back(static_cast<std::int16_t>(a[i] - b[i]));
  }
  return out;
}

double level_between(const Samples& samples, double from_seconds, double to_seconds) {
  auto from = static_cast<std::size_t>(from_seconds * kSampleRate);
  auto to = static_cast<std::size_t>(to_seconds * kSampleRate);
  double sum = 0;
  for (std::size_t i = from; i < to; ++i)
    sum += static_cast<double>(samples[i]) * samples[i];
  return std::sqrt(sum / static_cast<double>(to - from));
}

}  // namespace

TEST_CASE("the ambient steps down while a cue sounds, at once, and comes back after it") {
  auto mixed =
      mix_with_bed(0.5, 0.1, 60 * kSecond, 0, {{2 * kSecond, tone(kSecond, 3000)}}, 6 * kSecond);
  double before = level_between(mixed.bed, 1.0, 1.9);
  double under = level_between(mixed.bed, 2.05, 2.95);
  double after = level_between(mixed.bed, 3.6, 5.9);
  INFO("before ", before, ", under the cue ", under, ", after ", after);
  CHECK(before > 100);
  CHECK(under == doctest::Approx(before * kAmbientDucked).epsilon(0.25));
  CHECK(after == doctest::Approx(before).epsilon(0.2));
  // Within kAmbientStepDown of the cue's start it is down.
  CHECK(level_between(mixed.bed, 2.04, 2.1) < before * kAmbientDucked * 1.3);
}

TEST_CASE("the ambient fades out over its last minute and is silent from its end") {
  auto mixed = mix_with_bed(0.5, 0.1, 90 * kSecond, 60 * kSecond, {}, 95 * kSecond);
  double full = level_between(mixed.bed, 20, 29);
  INFO("full ", full);
  CHECK(level_between(mixed.bed, 59.5, 60.5) == doctest::Approx(full * 0.5).epsilon(0.2));
  CHECK(level_between(mixed.bed, 80, 81) < full * 0.2);
  CHECK(level_between(mixed.bed, 89.5, 90) < full * 0.01);
  CHECK(level_between(mixed.bed, 90, 95) == 0);
}

TEST_CASE("an ambient going on after the session fades to silence at its end") {
  // A 2-minute session and 3 minutes after: at full level past the session's end, then its last
  // minute's fade, then nothing.
  AmbientEnd end = ambient_end(std::chrono::minutes(2), std::chrono::minutes(3));
  auto mixed = mix_with_bed(0.5, 0.1, end.end.count() * kSampleRate / 1000,
                            end.fade.count() * kSampleRate / 1000, {}, 302 * kSecond);
  double full = level_between(mixed.bed, 100, 110);
  CHECK(level_between(mixed.bed, 200, 230) == doctest::Approx(full).epsilon(0.2));
  CHECK(level_between(mixed.bed, 299, 300) < full * 0.01);
  CHECK(level_between(mixed.bed, 300, 302) == 0);
}

TEST_CASE("an ambient ended at once falls silent within its step, without a click") {
  SoundMix mix(0.5);
  mix.lay_bed(AmbientNoise(AmbientKind::pink, 5), 0.1);
  mix.bed_ends_at(100 * kSecond, 60 * kSecond);
  Samples first = mix.take(10 * kSecond);
  mix.bed_ends_at(10 * kSecond, 0);  // q: it ends now
  CHECK(mix.end() >= 10 * kSecond + kSampleRate * kAmbientStepDown.count() / 1000);
  Samples rest = mix.take(11 * kSecond);
  double just_before = level_between(first, 9.9, 10.0);
  double fading = level_between(rest, 0.0, 0.02);
  CHECK(fading > just_before * 0.2);
  CHECK(fading < just_before);
  CHECK(level_between(rest, 0.05, 1.0) == 0);
}

TEST_CASE("set to the clock again, the ambient's end keeps its moment with the cues") {
  SoundMix mix(0.5);
  mix.lay_bed(AmbientNoise(AmbientKind::brown, 5), 0.1);
  mix.bed_ends_at(20 * kSecond, 5 * kSecond);
  Samples first = mix.take(10 * kSecond);
  // The player plays 0.5 s late: the stream's clock moves, the end 0.5 s earlier in the stream.
  mix.move_unbegun(-kSecond / 2);
  Samples rest = mix.take(25 * kSecond);
  // rest starts at sample 10 s: the bed is silent from 19.5 s on (19.5 - 10 = 9.5 s into rest).
  double step = static_cast<double>(kAmbientStepDown.count()) / 1000;
  CHECK(level_between(rest, 9.5 + step, 10.0) == 0);
  CHECK(level_between(rest, 8.0, 9.0) > 0);
}

TEST_CASE("with the ambient, the stream is still never louder than the first cue") {
  // A loud bed under cues at the ceiling: the cues keep their gain, the bed takes what is left.
  Samples cue = tone(kSecond, 16383);
  auto mixed =
      mix_with_bed(0.5, 0.5, 10 * kSecond, 0, {{kSecond, cue}, {3 * kSecond, cue}}, 5 * kSecond);
  CHECK(loudest(mixed.with_bed) <= 16384);
  SoundMix alone(0.5);
  CHECK(alone.add(kSecond, cue, Give::beat) == 1.0);
}
