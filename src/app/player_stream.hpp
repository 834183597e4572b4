// One player, fed raw samples through a pipe for a whole session: every sound is mixed into the
// stream at its own moment, a little ahead of time, so that each keeps its place on the beat.
// Sample i of the stream is heard at the stream's origin plus i samples (plus the player's own
// latency, the same for every sound). A player started again mid-session goes on from the sample
// due at that moment. Whether it works, and what it took, are looked at without ever blocking;
// the waits at its start and end are bounded and go through Waits.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "legsup/base/duration.hpp"
#include "legsup/session/sound.hpp"
#include "players.hpp"

namespace legsup {

class PlayerStream {
 public:
  // How often the stream is fed: twice per lead, so that what is written stays ahead of what is
  // heard.
  static constexpr Milliseconds kFeedEvery{150};

  PlayerStream(std::string name, std::vector<std::string> arguments,
               std::vector<std::string> environment);
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

  // Whether the player works: started, taking sound, still running a moment later (fed all the
  // while). Returns why not, or the signal that came meanwhile.
  std::pair<std::optional<std::string>, std::optional<int>> check_working(Waits& waits);
  // Mixes samples in at a moment; a phrase waits for the one before it to end.
  void add(Samples samples, SteadyTime at, bool phrase);
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
  const std::string& name() const { return name_; }

 private:
  struct Sound {
    std::int64_t start;
    Samples samples;
    std::int64_t end() const { return start + static_cast<std::int64_t>(samples.size()); }
  };

  bool spawn_player();
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
  // A player that has taken nothing for seconds while the session went on hangs.
  std::optional<std::string> check_taking();

  std::string name_;
  std::vector<std::string> arguments_;
  std::vector<std::string> environment_;
  Child child_;
  SteadyTime origin_{};
  std::int64_t generated_ = 0;  // samples mixed so far
  std::int64_t end_ = 0;        // where the last sound added ends
  std::int64_t phrases_free_from_ = 0;
  std::int64_t first_index_ = 0;  // the sample this player was given first
  std::int64_t written_ = 0;      // bytes written to this player
  std::int64_t taken_until_ = 0;  // taken_until() when its input was closed
  std::vector<Sound> sounds_;     // not yet heard
  std::string pending_;           // bytes mixed but not yet taken by the pipe
  ErrorTail said_;                // what the player said on its standard error
};

}  // namespace legsup
