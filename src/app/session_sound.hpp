// The sounds of a session as they reach the ear. A chime or voice session runs one player for
// its whole length (pacat, pw-cat or aplay) and writes every cue into that one stream of
// samples at the cue's own moment, a little ahead of time: no cue waits for a player to start,
// none is dropped for coming close to another, and each keeps its place on the beat. Speech is
// made before the session starts, and the player is checked to take sound before it does. When
// the player fails (its server went away), it is started again a few times, a pause between;
// then the terminal's bell takes over where there is a terminal. Every wait is bounded and
// honours signals (Waits); no player outlives its session. From the session's end until its
// last sound has played, the stream is fed from a thread of its own (feed_meanwhile), whatever
// the program does meanwhile.
#pragma once

#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "legsup/base/environment.hpp"
#include "legsup/session/ambient.hpp"
#include "legsup/session/session_loop.hpp"
#include "legsup/session/sound.hpp"
#include "player_stream.hpp"
#include "players.hpp"

namespace legsup {

struct SoundPlan {
  SoundKind kind = SoundKind::none;
  int volume = 0;                        // the settings give it
  Speaking speaking;                     // the voice's rate and name (voice)
  std::optional<std::string> player;     // the stream player found on PATH (chime, voice)
  std::optional<std::string> speaker;    // espeak-ng (voice)
  std::vector<std::string> phrases;      // every phrase the session may say (voice)
  std::vector<std::string> environment;  // added to the players' own: where the server listens
  AmbientPlan ambient;                   // a sound under the cues (chime, voice)
};

// The program that plays `kind`'s sounds, or a usage error naming the packages to install.
// Fills plan.player and plan.speaker.
void find_sound_programs(SoundPlan& plan, const std::string& path_variable);

// The environment the players are given: XDG_RUNTIME_DIR when the process has none and the
// user's own runtime folder is there (runtime_folder_to_give).
std::vector<std::string> player_environment(const Environment& env);

class SessionSound : public CuePlayer {
 public:
  SessionSound(SoundPlan plan, Waits& waits);
  ~SessionSound() override;
  SessionSound(const SessionSound&) = delete;
  SessionSound& operator=(const SessionSound&) = delete;

  // Makes the speech, starts the player and checks for a moment that it takes sound, so that the
  // first cue plays at once. A signal that ends the process meanwhile ends it all: returned.
  std::optional<int> start();
  // How the cues will reach the ear, as start found the machine.
  Hearing hearing() const;
  // Why the player chosen does not work, when it does not (after start).
  const std::optional<std::string>& failure() const { return heard_.failure; }

  void play(const Cue& cue, SteadyTime at) override;
  Milliseconds length_of(const Cue& cue) const override;
  std::optional<SteadyTime> next_service() const override;
  void service(SteadyTime now) override;
  std::optional<std::string> take_failure() override;
  void passed_unplayed(int count) override;
  // The ambient plays from the session's start to its end, or --ambient-after past it, fading
  // out over its last minute (ambient.hpp: ambient_end).
  void session_ends(SteadyTime at) override;

  // When the ambient falls silent, while a stream plays one.
  std::optional<SteadyTime> ambient_end() const;
  // The ambient ends now (a key after the session), without a click.
  void end_ambient(SteadyTime now);
  // The ambient alone, from `from` for `length`, fading out over its last third (the sound check).
  void play_ambient(SteadyTime from, Milliseconds length);

  // From the session's end: the stream goes on being fed, every kFeedEvery, from a thread of its
  // own, until finish() or service() takes it back. What this thread does meanwhile may block:
  // the log's fsync on a busy disk (143 ms measured), its lock held by another legsup, the
  // questions after the session, a page of code read from a slow disk. Fed from here, the end
  // chime's last tone came that much late (1.4 s with the lock held); fed from there, on its
  // beat. Meanwhile only heard(), take_failure(), next_service() and ambient_end() are used, and
  // they wait for a feed under way; every other use takes the feeding back first.
  void feed_meanwhile();

  // What was heard so far, for the closing line and the record: a player that has not taken
  // cues whose moment passed did not play them.
  HeardCues heard() const;
  // Plays out what was written (the end chime's last tone, the spoken steps) and lets the player
  // go; a player that hangs is ended a few seconds past the end of its sound. A signal meanwhile
  // ends it at once: returned.
  std::optional<int> finish();

 private:
  void tell(const std::string& what);
  void give_up(const std::string& why);
  void stream_failed(const std::string& why, SteadyTime now);
  void try_again(SteadyTime now);
  void ring_bell(const Cue& cue);
  void serve(SteadyTime now);
  std::optional<SteadyTime> next_service_locked() const;
  void feed();
  // Takes the feeding back from its thread (joined): from here only this thread uses the sound.
  void stop_feeding();

  SoundPlan plan_;
  Waits& waits_;
  std::unique_ptr<PlayerStream> stream_;
  std::string probe_output_;  // what the player said it can do, asked once
  std::vector<std::pair<std::string, Samples>> speech_;
  std::map<std::string, Milliseconds, std::less<>> spoken_lengths_;
  std::map<CueKind, Milliseconds> chime_lengths_;
  int tty_ = -1;  // for the bell
  SteadyTime last_service_{};
  bool bell_only_ = false;
  // A player that failed mid-session: when to try again, and how many tries are left.
  std::optional<SteadyTime> next_try_;
  bool recovering_ = false;  // started again, not yet heard to take sound
  int tries_left_;
  HeardCues heard_;
  std::deque<std::string> notices_;
  std::optional<SteadyTime> ambient_from_;  // the session's start, for its ambient
  std::optional<SteadyTime> ambient_end_;
  // The feeding after the session: the thread, what it holds while it feeds, and its stop.
  std::thread feeder_;
  mutable std::mutex feeding_;
  std::condition_variable feeder_wakes_;
  bool feeder_stops_ = false;
};

}  // namespace legsup
