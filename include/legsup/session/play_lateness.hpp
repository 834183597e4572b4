// How late a player plays against the session's clock, once it plays steadily. What a player has
// taken runs ahead and behind of the clock in steps (it reads when its server asks: 10 ms at a
// time for pacat, and pw-cat's swings by 27 ms over a second as PipeWire matches its rate), so
// its lateness is the least seen over a window of 1.2 s (measured: that least held within 9 ms
// for both, every window of 0.3 s did not). A server or player that stalls for a moment (a busy
// machine) runs dry and then plays everything after that much later, and a sound card's clock
// drifts from the system's: measured at a real PulseAudio server, pacat stopped for 0.15 s left
// every later cue 65 to 76 ms late for the rest of the session, the taken samples lagging the
// clock by as much. Once a window lags the first one after the player began to play by more
// than kSteadyLateness, the stream's clock moves by that much and the sounds still to come keep
// their beats. A lag far past any step (kPromptLateness) is moved once the last kPromptParts
// parts have all seen it, not the whole window: pw-cat stopped 0.15 s at PipeWire read
// everything it was given as it came back, and a whole window after that came 1.35 to 1.65 s
// after the stall, the next cue but one still 90 ms late (median of 3). A player that has taken
// all it was given tells nothing of how late it plays (one with a buffer of its own takes all
// at once): a window in which it did is not measured.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>

#include "legsup/base/duration.hpp"
#include "legsup/session/session.hpp"

namespace legsup {

class PlayLateness {
 public:
  // The window is kParts parts of kPart, each measured whole, one after another; a later window
  // moves the clock when it lags the first by more than kSteadyLateness (a cue off by less is
  // not heard as off the beat).
  static constexpr Milliseconds kPart{300};
  static constexpr std::size_t kParts = 4;
  static constexpr Milliseconds kSteadyLateness{20};
  // A lag over kPromptLateness, in each of the last kPromptParts parts, moves the clock at once:
  // three times the most a player's least swings between parts (pw-cat's, 18 ms), so no step is
  // taken for it.
  static constexpr std::size_t kPromptParts = 2;
  static constexpr Milliseconds kPromptLateness{60};

  // The player began to play again (first, after starting again, or after catching up): what is
  // seen from here sets the lateness others are measured against.
  void anchored(SteadyTime now);
  // How late the player is now: the samples the clock says were heard, less those taken; none
  // when it has taken all it was given. When a window has ended lagging the first by more than
  // kSteadyLateness, that lag (in samples): the stream's clock moves by it, and later windows are
  // measured as if it had always.
  std::optional<std::int64_t> seen(SteadyTime now, std::optional<std::int64_t> late,
                                   int sample_rate);

 private:
  std::optional<SteadyTime> part_start_;
  std::optional<std::int64_t> part_least_;
  bool part_told_all_ = true;                // each look in the part had something left to take
  std::deque<std::int64_t> parts_;           // the least of each part of the window, oldest first
  std::optional<std::int64_t> first_least_;  // the first window's, after anchored()
};

}  // namespace legsup
