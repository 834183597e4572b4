#include <doctest/doctest.h>

#include <optional>
#include <vector>

#include "legsup/session/play_lateness.hpp"

using namespace legsup;

namespace {

constexpr int kRate = 22050;
constexpr std::int64_t kMs = kRate / 1000;  // samples in a millisecond, near enough here
constexpr SteadyTime kPump = std::chrono::milliseconds(30);

// A player seen every 30 ms from `from` for `length`, taking in steps: how late it is swings by
// 10 ms from one look to the next around `late_ms`. Every lag told, with when.
struct Told {
  SteadyTime at;
  std::int64_t lag;
};
std::vector<Told> watch(PlayLateness& lateness, SteadyTime& now, SteadyTime length,
                        std::int64_t& late_ms) {
  std::vector<Told> told;
  SteadyTime end = now + length;
  for (int i = 0; now < end; ++i, now += kPump) {
    std::int64_t swing = i % 2 == 0 ? 0 : 10;
    if (auto lag = lateness.seen(now, (late_ms + swing) * kMs, kRate)) {
      told.push_back({now, *lag});
      late_ms -= *lag / kMs;  // the clock moved: the player is that much less late
    }
  }
  return told;
}

}  // namespace

TEST_CASE("a player that plays as steadily as when it began is never set again") {
  PlayLateness lateness;
  SteadyTime now = std::chrono::seconds(5);
  lateness.anchored(now);
  std::int64_t late_ms = 3;
  CHECK(watch(lateness, now, std::chrono::minutes(2), late_ms).empty());
}

TEST_CASE("a player that stalled plays that much late: the clock moves by it, once") {
  PlayLateness lateness;
  SteadyTime now{};
  lateness.anchored(now);
  std::int64_t late_ms = 0;
  CHECK(watch(lateness, now, std::chrono::seconds(2), late_ms).empty());
  SteadyTime part = std::chrono::duration_cast<SteadyTime>(PlayLateness::kPart);
  // Far past any step (65 ms, as measured at PulseAudio): once two parts have seen it. A smaller
  // lag (40 ms): once a whole window has. Not at once: one look, or one part, is not a lag.
  struct Stall {
    std::int64_t late_ms;
    std::size_t parts;
  };
  for (Stall stall : {Stall{65, PlayLateness::kPromptParts}, Stall{40, PlayLateness::kParts}}) {
    CAPTURE(stall.late_ms);
    late_ms = stall.late_ms;
    SteadyTime stalled = now;
    auto told = watch(lateness, now, std::chrono::seconds(5), late_ms);
    REQUIRE(told.size() == 1);
    CHECK(told[0].lag == stall.late_ms * kMs);
    CHECK(told[0].at >= stalled + static_cast<int>(stall.parts) * part);
    CHECK(told[0].at <= stalled + static_cast<int>(stall.parts + 1) * part);
    CHECK(late_ms == 0);
  }
}

TEST_CASE(
    "a player late for less than two parts, then caught up (its server's stall), is not set") {
  PlayLateness lateness;
  SteadyTime now{};
  lateness.anchored(now);
  std::int64_t late_ms = 0;
  CHECK(watch(lateness, now, std::chrono::seconds(2), late_ms).empty());
  // 100 ms late for 450 ms (one part whole at most), then on its start again: nothing moves.
  late_ms = 100;
  CHECK(watch(lateness, now, std::chrono::milliseconds(450), late_ms).empty());
  late_ms = 0;
  CHECK(watch(lateness, now, std::chrono::seconds(5), late_ms).empty());
}

TEST_CASE("the lag is the least seen over a window: a player's steps are not a lag") {
  PlayLateness lateness;
  SteadyTime now{};
  lateness.anchored(now);
  // Steps of 10 ms around 15 ms late from the start, then around 30: 15 ms more, under the
  // 20 that moves the clock; around 40, 25 more: moved by 25 (the least against the least).
  std::int64_t late_ms = 15;
  CHECK(watch(lateness, now, std::chrono::seconds(3), late_ms).empty());
  late_ms = 30;
  CHECK(watch(lateness, now, std::chrono::seconds(3), late_ms).empty());
  late_ms = 40;
  auto told = watch(lateness, now, std::chrono::seconds(3), late_ms);
  REQUIRE(told.size() == 1);
  CHECK(told[0].lag == 25 * kMs);
}

TEST_CASE("a look that finds the player late now and then is not a lag") {
  PlayLateness lateness;
  SteadyTime now{};
  lateness.anchored(now);
  // Steady on its start for two seconds, then a read comes 40 ms late at every fifth look (the
  // player waited for a core): each window's least is still its steady lateness.
  for (int i = 0; now < std::chrono::seconds(8); ++i, now += kPump) {
    std::int64_t late_ms = now > std::chrono::seconds(2) && i % 5 == 0 ? 40 : 0;
    CHECK_FALSE(lateness.seen(now, late_ms * kMs, kRate));
  }
}

TEST_CASE("a clock that drifts is followed, a step each time the lag grows past the bound") {
  PlayLateness lateness;
  SteadyTime now{};
  lateness.anchored(now);
  // A sound card 200 ppm slower than the system's clock (far more than any drifts): 12 ms a
  // minute, 240 ms over twenty minutes, followed in steps of just over 20 ms.
  std::vector<Told> told;
  double late = 0;
  for (int i = 0; now < std::chrono::minutes(20); ++i, now += kPump) {
    late += 0.030 * 0.2;  // ms a look
    auto late_samples = static_cast<std::int64_t>(late * static_cast<double>(kMs));
    if (auto lag = lateness.seen(now, late_samples, kRate)) {
      told.push_back({now, *lag});
      late -= static_cast<double>(*lag) / static_cast<double>(kMs);
    }
  }
  CHECK(told.size() >= 10);
  CHECK(told.size() <= 12);
  for (const Told& step : told) {
    CHECK(step.lag > 20 * kMs);
    CHECK(step.lag <= 22 * kMs);
  }
  CHECK(late < 22);
}

TEST_CASE("a player that takes all it is given tells nothing of how late it plays") {
  PlayLateness lateness;
  SteadyTime now{};
  lateness.anchored(now);
  // It took all it was given at every other look (a player with a buffer of its own, or a
  // recorder): however late the looks between say it is, nothing moves; nor once it plays
  // steadily, until a window measures it whole.
  for (int i = 0; now < std::chrono::seconds(5); ++i, now += kPump) {
    std::optional<std::int64_t> late;
    if (i % 2 == 1) late = (i < 50 ? 0 : 80) * kMs;
    CHECK_FALSE(lateness.seen(now, late, kRate));
  }
  // Measured whole from here: the first window whole sets the start, none lags it.
  std::int64_t late_ms = 80;
  CHECK(watch(lateness, now, std::chrono::seconds(3), late_ms).empty());
}

TEST_CASE("set to the clock again, a player is measured against its new start") {
  PlayLateness lateness;
  SteadyTime now{};
  lateness.anchored(now);
  std::int64_t late_ms = 0;
  CHECK(watch(lateness, now, std::chrono::seconds(1), late_ms).empty());
  // Started again (anchored): it now plays steadily 50 ms "late" by the old measure, which is
  // its new start, not a lag.
  lateness.anchored(now);
  late_ms = 50;
  CHECK(watch(lateness, now, std::chrono::seconds(3), late_ms).empty());
  // An earlier player than at its start (its server drank what it held) is not set: legsup
  // gives a player no more than the clock allows, so it cannot play early for long.
  late_ms = -40;
  CHECK(watch(lateness, now, std::chrono::seconds(3), late_ms).empty());
}
