// A sound to fall asleep to (--ambient): brown noise, pink noise or rain, made here from a seed
// (nothing to ship, the same samples from the same seed), and how loud it is heard under the
// cues as the session goes and ends. It is mixed into the session's one stream by the rule of
// mix.hpp (SoundMix::lay_bed): quietly under the cues, stepping down while one sounds.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "legsup/base/duration.hpp"
#include "legsup/base/enum_names.hpp"
#include "legsup/base/error.hpp"

namespace legsup {

enum class AmbientKind { none, brown, pink, rain };

inline constexpr EnumName<AmbientKind> kAmbientKinds[] = {{AmbientKind::none, "none"},
                                                          {AmbientKind::brown, "brown"},
                                                          {AmbientKind::pink, "pink"},
                                                          {AmbientKind::rain, "rain"}};

Parsed<AmbientKind> parse_ambient_kind(std::string_view text);
std::string_view to_string(AmbientKind kind);
// What a person hears: "brown noise", "pink noise", "rain".
std::string_view ambient_words(AmbientKind kind);

// The ambient a session plays: its kind, its own volume (0 to 100) and how long it goes on after
// the session, fading to silence (0: it ends with the session).
struct AmbientPlan {
  AmbientKind kind = AmbientKind::none;
  int volume = 0;
  Milliseconds after{0};
  bool operator==(const AmbientPlan&) const = default;
};

// Every colour comes out at this level (of full scale, averaged as power: -12 dBFS), its
// samples within -1 to 1.
inline constexpr double kAmbientRms = 0.25;

// The samples of one ambient, block by block: cheap (a few operations a sample, no allocation)
// and the same from the same seed.
// - brown: white noise integrated (a leak below 20 Hz): its power falls 6 dB an octave, a low
//   rumble like distant surf.
// - pink: white noise through Paul Kellet's filter: 3 dB an octave, as much power in every
//   octave, a steady waterfall.
// - rain: a soft hiss (pink noise without its lows) and drops, short bright bursts that come
//   at random, about kRainDrops a second: brighter than pink, and uneven from moment to moment.
class AmbientNoise {
 public:
  static constexpr double kRainDrops = 15;

  AmbientNoise(AmbientKind kind, std::uint64_t seed);
  // The next samples, each within -1 to 1.
  void fill(std::span<float> out);
  AmbientKind kind() const { return kind_; }

 private:
  float white();
  float brown();
  float pink();
  float rain();

  AmbientKind kind_;
  std::uint64_t state_;
  double brown_ = 0;
  double pink_[7] = {};
  double hiss_low_ = 0;
  double drop_ = 0;
  float last_white_ = 0;
};

// The seed a session's ambient is made from: the same sound every night.
inline constexpr std::uint64_t kAmbientSeed = 20261129;

// How loud the ambient is at `volume` (0 to 100), of full scale, under cues whose loudest is
// `ceiling` (the first cue's peak): at 100 its peaks stay at kAmbientLoudest of the ceiling and
// its level is 15 dB under it; at the default of 30, 25 dB under it.
inline constexpr double kAmbientLoudest = 0.7;
double ambient_level(double ceiling, int volume);

// While a cue sounds the ambient steps down to kAmbientDucked of its level (12 dB under it),
// within kAmbientStepDown; it comes back over kAmbientStepUp after the cue's end.
inline constexpr double kAmbientDucked = 0.25;
inline constexpr Milliseconds kAmbientStepDown{40};
inline constexpr Milliseconds kAmbientStepUp{500};

// The ambient fades out over the last kAmbientFade of the time it plays (from the session's
// start to its end, or to --ambient-after past it), or over the last third of a time shorter
// than three minutes.
inline constexpr Milliseconds kAmbientFade{60000};
Milliseconds ambient_fade_length(Milliseconds plays);
// When the ambient of a session ends, from its start: with the session (its last cue: the hold's
// end, or the way out's when there is one), or `after` past it; and how long it fades before.
struct AmbientEnd {
  Milliseconds end{0};
  Milliseconds fade{0};
  bool operator==(const AmbientEnd&) const = default;
};
AmbientEnd ambient_end(Milliseconds session_ends, Milliseconds after);
// Its share of its level with `left` to go in a fade of `fade` (in one unit: samples, ms): 1
// before the fade, 0 at its end, between them a raised cosine (no corner where it starts or ends).
double ambient_fade(double left, double fade);

}  // namespace legsup
