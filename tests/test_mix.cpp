#include <doctest/doctest.h>

#include <algorithm>
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
