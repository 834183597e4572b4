// What a person hears when sounds fall together, as the two rules every sound of a session goes
// through (and that a layer under the cues joins by adding its sounds the same way):
// - when (CueTimeline): a cue on the beat (the settle-in, the hold, each breath phase, the end) is
//   never moved; one that may move (an interval bell, a milestone, a step of the way out, the way
//   out's end) is heard at its moment when it is heard alone there, else a little later, between
//   the beats; a key's answer comes at once.
// - how loud (SoundMix): the stream is the sum of its sounds, each given the gain that keeps the
//   sum within the ceiling at every sample (the first cue's peak: nothing is louder than the first
//   sound heard); a key's answer silences what was sounding when it came. A bed under the cues
//   (an ambient, ambient.hpp) comes last: the cues keep their gain and it is given the room they
//   leave, stepping down while any of them sounds, so that it never masks one.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "legsup/base/duration.hpp"
#include "legsup/session/ambient.hpp"

namespace legsup {

inline constexpr int kSampleRate = 22050;
using Samples = std::vector<std::int16_t>;

// How a sound may be placed; each kind of cue says which (cues.hpp).
enum class Give {
  beat,     // on its moment, always: never moved
  fits,     // at its moment when it is heard alone there, else a little later
  at_once,  // a key's answer: at once, what was sounding stops for it
};

// When a sound is heard, on one clock: from its start to its end.
struct Span {
  Milliseconds start{0};
  Milliseconds end{0};
  bool operator==(const Span&) const = default;
};

// Quiet between two sounds, so that each is heard (and found in a recording) as itself.
inline constexpr Milliseconds kQuietBetween{250};
// Around a step of the way out, a breath: each sentence heard alone, and time to follow it.
inline constexpr Milliseconds kQuietAroundStep{500};
// How much later than its moment a sound that fits may be heard.
inline constexpr Milliseconds kLatestFit{12000};

// The sounds of a session on its own clock (pauses excluded), and where a sound that may move is
// heard alone.
class CueTimeline {
 public:
  // A sound heard where it falls: a beat, a key's answer, a sound once fitted.
  void take(Span span);
  // Where a sound of `length` due at `due` is heard alone: the first moment from `due`, and no
  // later than `latest`, at which it and the quiet around it overlap none of the sounds taken and
  // none of `ahead` (the beats still to come), `quiet` apart from each. Where there is none (beats
  // closer together than the sound is long), the moment among those that overlaps them the least.
  // Takes its span.
  Milliseconds fit(Milliseconds due, Milliseconds length, std::span<const Span> ahead,
                   Milliseconds latest, Milliseconds quiet = kQuietBetween);
  // The sounds that ended before `now` are let go.
  void forget_before(Milliseconds now);

 private:
  std::vector<Span> taken_;
};

// One stream of samples made of sounds, each from its own sample: mixed as the stream is written,
// each sound given the gain that keeps the sum within the ceiling wherever it sounds.
class SoundMix {
 public:
  struct Placed {
    std::int64_t start = 0;
    Samples samples;  // as they are mixed: the gain applied
    std::int64_t end() const { return start + static_cast<std::int64_t>(samples.size()); }
  };

  // `ceiling`: the loudest the stream may be, of full scale.
  explicit SoundMix(double ceiling);

  // Adds a sound from sample `start`, or from the first sample not yet mixed when that is later;
  // an answer at once first silences what is sounding there. Returns the gain the sound was given
  // (1: as it is; less where what already sounds there leaves it less room).
  double add(std::int64_t start, Samples samples, Give give);
  // The stream from the first sample not yet mixed to `until`.
  Samples take(std::int64_t until);
  // The stream goes on from `index` (a player started again goes on from the sample due then; one
  // that fell behind, from the sample the clock has reached): sounds that began before it are
  // dropped.
  void skip_to(std::int64_t index);
  // The sounds not yet begun move by `by` samples (the stream was set to the clock again: each
  // keeps its moment), and so does the bed's end when it has not come. One whose moment has passed
  // by then by no more than `late_at_most` starts at once, that little late (a cue due as the clock
  // moves is heard); those further past are dropped: returns how many.
  int move_unbegun(std::int64_t by, std::int64_t late_at_most = 0);
  // The sounds that ended by `index` are let go.
  void let_go(std::int64_t index);

  // A bed under the cues from here on, `level` of full scale at its loudest: silent until
  // bed_ends_at says how long it plays. While a cue sounds it steps down to kAmbientDucked of
  // its level (within kAmbientStepDown, back within kAmbientStepUp); at every sample it takes
  // only the room the cues leave under the ceiling.
  void lay_bed(AmbientNoise noise, double level);
  // The bed plays until sample `end`, fading out over the `fade` samples before it (none: at its
  // level until then, and silent within kAmbientStepDown).
  void bed_ends_at(std::int64_t end, std::int64_t fade);

  std::int64_t mixed() const { return mixed_; }
  // Where the last sound ends (the bed's silence included).
  std::int64_t end() const;
  const std::vector<Placed>& sounds() const { return sounds_; }

 private:
  struct Bed {
    AmbientNoise noise;
    double level = 0;  // of a sample
    std::int64_t end = 0;
    std::int64_t fade = 0;
    double gain = 0;           // as it was at the last sample mixed
    std::vector<float> block;  // the noise of the samples being mixed, kept between blocks
  };
  // The bed added to the sum of the cues from sample mixed_ on; `sounding`: where a cue does.
  void mix_bed(std::vector<std::int32_t>& sum, const std::vector<std::uint8_t>& sounding);

  int ceiling_;  // of a sample
  std::optional<Bed> bed_;
  std::int64_t mixed_ = 0;
  std::int64_t end_ = 0;
  std::vector<Placed> sounds_;
};

}  // namespace legsup
