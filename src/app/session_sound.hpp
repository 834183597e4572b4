// The sounds of a session as they reach the ear. A chime or voice session runs one player for
// its whole length (pacat, pw-cat or aplay) and writes every cue into that one stream of
// samples at the cue's own moment, a little ahead of time: no cue waits for a player to start,
// none is dropped for coming close to another, and each keeps its place on the beat. Speech is
// made before the session starts. When the player fails, legsup says so once and rings the
// terminal bell for the rest of the session.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "legsup/session/session_loop.hpp"
#include "legsup/session/sound.hpp"

namespace legsup {

struct SoundPlan {
  SoundKind kind = SoundKind::none;
  int volume = 0;                      // the settings give it
  std::optional<std::string> player;   // the stream player found on PATH (chime, voice)
  std::optional<std::string> speaker;  // espeak-ng (voice)
  std::vector<std::string> phrases;    // every phrase the session may say (voice)
};

// The program that plays `kind`'s sounds, or a usage error naming the packages to install.
// Fills plan.player and plan.speaker.
void find_sound_programs(SoundPlan& plan, const std::string& path_variable);

class SessionSound : public CuePlayer {
 public:
  explicit SessionSound(SoundPlan plan);
  ~SessionSound() override;
  SessionSound(const SessionSound&) = delete;
  SessionSound& operator=(const SessionSound&) = delete;

  // Starts the player and makes the speech, so that the first cue plays at once.
  void start(SteadyTime now);
  void play(const Cue& cue, SteadyTime at) override;
  std::optional<SteadyTime> next_service() const override;
  void service(SteadyTime now) override;
  std::optional<std::string> take_failure() override;

  // Why the sound chosen did not play, for the closing line; none when all went well.
  const std::optional<std::string>& failure() const { return failure_; }
  // The moment the last sound written ends (its last tone), on the session's clock.
  std::optional<SteadyTime> last_sound_ends() const;
  // Plays out what was written (the end chime's last tone) and lets the player go; a player
  // that hangs is ended a few seconds past the end of its sound.
  void finish(SteadyTime now);

 private:
  class Stream;
  void fail(const std::string& why);
  void ring_bell(const Cue& cue);

  SoundPlan plan_;
  std::unique_ptr<Stream> stream_;
  std::vector<std::pair<std::string, Samples>> speech_;
  int tty_ = -1;  // for the bell
  SteadyTime last_service_{};
  bool bell_only_ = false;
  std::optional<std::string> failure_;
  bool failure_told_ = false;
};

}  // namespace legsup
