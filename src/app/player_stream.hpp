// One player, fed raw samples through a pipe for a whole session: every sound is mixed into the
// stream at its own moment (mix.hpp: SoundMix, the rule of loudness), a little ahead of time, so
// that each keeps its place on the beat and a key is answered at once. Sample i of the stream is
// heard at the stream's origin plus i samples (plus the player's own latency, the same for every
// sound). Until the player plays (it is starting, or its server was slow), it is given no more
// than it needs: what waited in the pipe would be heard late for the rest of the session; when it
// plays, the stream is set to the clock again, each sound keeping its moment. A player started
// again mid-session goes on from the sample due at that moment. Whether it works, and what it
// took, are looked at without ever blocking; the waits at its start and end are bounded and go
// through Waits.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "legsup/base/duration.hpp"
#include "legsup/session/mix.hpp"
#include "legsup/session/play_lateness.hpp"
#include "legsup/session/sound.hpp"
#include "players.hpp"

namespace legsup {

class PlayerStream {
 public:
  // How often the stream is fed: twice per lead, so that what is written stays ahead of what is
  // heard.
  static constexpr Milliseconds kFeedEvery{30};

  // `ceiling`: the loudest the stream may be, of full scale (the first cue's peak).
  PlayerStream(std::string name, std::vector<std::string> arguments,
               std::vector<std::string> environment, double ceiling);
  ~PlayerStream();
  PlayerStream(const PlayerStream&) = delete;
  PlayerStream& operator=(const PlayerStream&) = delete;

  // Starts the player the first time: what is written from here is heard from `now`.
  bool launch(SteadyTime now);
  // Starts it again after a failure: its first sample is the one due now, and what falls later
  // keeps its moment. Returns how many cues will not be heard (the one the player had not
  // finished taking, those that fell while there was none); none when it could not be started.
  std::optional<int> relaunch(SteadyTime now);
  // Ends the player's process group, if it runs.
  void stop();

  // Whether the player works: started, and taking sound as it plays it, for a moment (fed all the
  // while). Returns why not, or the signal that came meanwhile.
  std::pair<std::optional<std::string>, std::optional<int>> check_working(Waits& waits);
  // Mixes samples in at a moment (at once, for a key's answer).
  void add(Samples samples, SteadyTime at, Give give);
  // The stream set to the clock before a sound is added after a stop (legsup stopped, or kept
  // from running): one that ran dry goes on from now, and the sound falls where it should. The
  // same is done by pump.
  void catch_up(SteadyTime now);
  // A sound under the cues (an ambient: mix.hpp, SoundMix::lay_bed), `level` of full scale,
  // silent until ambient_ends says how long it plays.
  void lay_ambient(AmbientNoise noise, double level);
  // It plays until `end`, fading out over the `fade` before it.
  void ambient_ends(SteadyTime end, Milliseconds fade);
  // Writes the stream up to a little ahead of now. Returns why the player failed, if it did.
  std::optional<std::string> pump(SteadyTime now);
  // Everything mixed in so far, written; then the end of the stream; then the player's end,
  // waited for until a few seconds past the end of its sound. Returns why it failed, or the
  // signal that came meanwhile.
  std::pair<std::optional<std::string>, std::optional<int>> play_out(Waits& waits);

  // The cues the player did not take whole: when it fails for good, those are not heard.
  int not_taken() const;
  // The cues whose moment passed a while ago and that the player has not taken: it fell behind
  // (it hangs), and they were not heard in time.
  int overdue(SteadyTime now) const;
  // How many bytes of what was written this player has taken.
  std::int64_t taken() const;
  // The cues not heard since last asked because their moment passed while the player was not
  // playing (starting again, or fallen behind).
  int take_lost() { return std::exchange(lost_, 0); }
  const std::string& name() const { return name_; }

 private:
  bool spawn_player();
  // Given no more than it needs until it plays again, from `taken`; then set to the clock.
  void start_again(std::int64_t taken);
  // The sample up to which the player took the stream.
  std::int64_t taken_until() const;
  std::int64_t index_of(SteadyTime at) const;
  // The sample heard at `at`.
  std::int64_t heard_index(SteadyTime at) const;
  std::string failure_text(int status) const;
  // A player that ended before its stream did has failed.
  std::optional<std::string> check();
  void generate(std::int64_t until);
  std::optional<std::string> write_pending();
  // A player that has taken nothing for seconds while it had sound to take hangs.
  std::optional<std::string> check_taking(SteadyTime now) const;

  std::string name_;
  std::vector<std::string> arguments_;
  std::vector<std::string> environment_;
  Child child_;
  SteadyTime origin_{};
  SoundMix mix_;                  // the sounds not yet heard, mixed as the stream is written
  std::int64_t first_index_ = 0;  // the sample this player was given first
  std::int64_t written_ = 0;      // bytes written to this player
  std::int64_t taken_until_ = 0;  // taken_until() when its input was closed
  std::int64_t taken_seen_ = -1;  // taken_until() when last looked at, and when it last moved
  SteadyTime taking_since_{};
  // Starting (or fallen behind): given no more than it needs until it plays, from this sample.
  bool starting_ = true;
  std::int64_t starting_from_ = 0;
  int lost_ = 0;
  PlayLateness lateness_;                   // how late it plays, once it plays
  std::optional<SteadyTime> closed_since_;  // when writing to the player first failed
  std::string pending_;                     // bytes mixed but not yet taken by the pipe
  ErrorTail said_;                          // what the player said on its standard error
  std::optional<std::string> ended_why_;    // why it ended, once it was reaped: told every time
};

}  // namespace legsup
