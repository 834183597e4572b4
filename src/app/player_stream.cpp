#include "player_stream.hpp"

#include <fmt/core.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>

namespace legsup {
namespace {

using std::chrono::duration_cast;

// How far ahead of its moment a sound is written: the loop may wake this late, and the player's
// own buffer later still, and the cue keeps its beat; a key is answered this and the player's own
// latency after it is pressed. The stream is fed every half of it.
constexpr Milliseconds kLead{60};
static_assert(PlayerStream::kFeedEvery == kLead / 2);
constexpr std::int64_t kLeadSamples = kLead.count() * kSampleRate / 1000;
// A player that has this much beyond the lead still to take has fallen far behind the clock (its
// server is slow) and starts again; one that lags less is set to the clock once it plays steadily
// late (PlayLateness). One that ran dry by kSlackSamples was fed late (the process was stopped, or
// starved by a busy machine). A sound whose moment passed by no more than kBehindSamples as the
// stream is set to the clock is still heard, that little late.
constexpr std::int64_t kBehindSamples = kSampleRate / 4;
constexpr std::int64_t kSlackSamples = kSampleRate * 3 / 50;
// Until a player plays (it is starting), it is given this much ahead of what it took, no more:
// what waits in the pipe would be heard that much late for the rest of the session. It plays once
// it has taken kPlays, more than a player reads before it plays.
constexpr std::int64_t kStartingFill = kSampleRate * 2 / 25;
constexpr std::int64_t kPlays = kSampleRate / 5;
// A player that takes nothing for this long, with sound to take, hangs.
constexpr Milliseconds kStill{4000};
// A player whose input is closed has exited, or says so, within this.
constexpr Milliseconds kExitsAfterClosing{500};
// How long past the end of its sound a player may take to finish.
constexpr Milliseconds kPlayerGrace{3000};
// A player works once it plays and has taken kCheckTaken; one that has not after kCheckAtMost
// does not. Looked at every kCheckEvery meanwhile.
constexpr std::int64_t kCheckTaken = kPlays + kSampleRate / 5;
constexpr Milliseconds kCheckAtMost{5000};
constexpr Milliseconds kCheckEvery{20};

std::int64_t samples_in(SteadyTime duration) {
  return duration_cast<std::chrono::microseconds>(duration).count() * kSampleRate / 1000000;
}

SteadyTime time_of(std::int64_t samples) {
  return duration_cast<SteadyTime>(std::chrono::microseconds(samples * 1000000 / kSampleRate));
}

}  // namespace

PlayerStream::PlayerStream(std::string name, std::vector<std::string> arguments,
                           std::vector<std::string> environment, double ceiling)
    : name_(std::move(name)),
      arguments_(std::move(arguments)),
      environment_(std::move(environment)),
      mix_(ceiling) {}

PlayerStream::~PlayerStream() {
  stop();
}

bool PlayerStream::launch(SteadyTime now) {
  origin_ = now;
  return spawn_player();
}

std::optional<int> PlayerStream::relaunch(SteadyTime now) {
  stop();
  std::int64_t taken = taken_until();
  std::int64_t from = heard_index(now);
  int lost = static_cast<int>(
      std::count_if(mix_.sounds().begin(), mix_.sounds().end(),
                    [&](const auto& sound) { return sound.start < from && sound.end() > taken; }));
  mix_.skip_to(from);
  if (!spawn_player()) return std::nullopt;
  return lost;
}

void PlayerStream::stop() {
  if (child_.input >= 0) {
    taken_until_ = taken_until();
    ::close(child_.input);
  }
  if (child_.pid > 0) kill_child(child_.pid);
  said_.read_from(child_.errors);
  if (child_.errors >= 0) ::close(child_.errors);
  child_ = Child{};
  pending_.clear();
}

std::pair<std::optional<std::string>, std::optional<int>> PlayerStream::check_working(
    Waits& waits) {
  SteadyTime started = waits.now();
  for (;;) {
    SteadyTime now = waits.now();
    if (auto why = pump(now)) return {why, std::nullopt};
    if (!starting_ && taken_until() - first_index_ >= kCheckTaken) return {};
    if (now >= started + kCheckAtMost) {
      return {fmt::format("{} takes no sound (it hangs)", name_), std::nullopt};
    }
    // Its end wakes the wait (SIGCHLD); what it takes is looked at every kCheckEvery.
    if (auto signal = waits.wait_for({}, std::min(now + kCheckEvery, started + kCheckAtMost))) {
      return {std::nullopt, signal};
    }
  }
}

void PlayerStream::add(Samples samples, SteadyTime at, Give give) {
  mix_.add(index_of(at), std::move(samples), give);
}

void PlayerStream::lay_ambient(AmbientNoise noise, double level) {
  mix_.lay_bed(std::move(noise), level);
}

void PlayerStream::ambient_ends(SteadyTime end, Milliseconds fade) {
  mix_.bed_ends_at(index_of(end), fade.count() * kSampleRate / 1000);
}

std::optional<std::string> PlayerStream::pump(SteadyTime now) {
  if (auto why = check()) return why;
  std::int64_t taken = taken_until();
  if (taken != taken_seen_) {
    taken_seen_ = taken;
    taking_since_ = now;
  }
  catch_up(now);
  if (!starting_) {
    if (mix_.mixed() - taken > kLeadSamples + kBehindSamples) {
      // It has fallen far behind the clock (its server is slow): as at its start, it is given no
      // more than it needs until it plays again.
      start_again(taken);
    } else if (auto lag = lateness_.seen(
                   now,
                   taken < mix_.mixed() ? std::optional(heard_index(now) - taken) : std::nullopt,
                   kSampleRate)) {
      // It plays steadily late (its server or itself stalled for a moment, or the sound card's
      // clock drifts): the sounds to come keep their moments. (Measured, the player stopped
      // 0.15 s: every later cue 65 to 76 ms late by pacat, 128 ms by pw-cat; after, within 4.)
      origin_ += time_of(*lag);
      lost_ += mix_.move_unbegun(-*lag, kBehindSamples);
    }
  }
  if (starting_ && taken - starting_from_ >= kPlays) {
    // It plays: the sample it takes now is the one heard now, the stream goes on from the clock,
    // and every sound not yet begun keeps its moment.
    std::int64_t late = heard_index(now) - taken;
    origin_ += time_of(late);
    lost_ += mix_.move_unbegun(-late, kBehindSamples);
    starting_ = false;
    lateness_.anchored(now);
  }
  if (starting_) {
    generate(std::max(mix_.mixed(), taken + kStartingFill));
  } else {
    // What the player has taken, and whose moment has passed, is let go of.
    mix_.let_go(std::min(heard_index(now), taken));
    // Up to now, and no further: a cue due now (the loop plays before it pumps) still finds its
    // own place free.
    generate(index_of(now));
  }
  if (auto why = write_pending()) {
    // A player that closed its input as it exited may not be reaped yet: its own words, which
    // say why, are waited for a moment before the broken pipe is told. One reaped has said them.
    if (child_.pid <= 0) return why;
    if (!closed_since_) closed_since_ = now;
    if (now - *closed_since_ < duration_cast<SteadyTime>(kExitsAfterClosing)) return std::nullopt;
    return why;
  }
  return check_taking(now);
}

void PlayerStream::catch_up(SteadyTime now) {
  if (starting_ || child_.input < 0) return;
  if (std::int64_t behind = heard_index(now) - mix_.mixed(); behind > kSlackSamples) {
    // Fed late (the process was stopped, or a long stall): the player ran dry, and its server
    // with it. The stream goes on from here rather than play the past, and starts again: a
    // server that ran dry plays what comes at once, without the sound it held ahead before, and
    // is given that back as at the start (measured at PulseAudio, legsup stopped 0.15 s: moved
    // on alone, every later cue came 74 ms early; started again, on its beat).
    origin_ += time_of(behind);
    start_again(taken_until());
  }
}

void PlayerStream::start_again(std::int64_t taken) {
  starting_ = true;
  starting_from_ = taken;
}

std::pair<std::optional<std::string>, std::optional<int>> PlayerStream::play_out(Waits& waits) {
  generate(std::max(mix_.end(), mix_.mixed()));
  SteadyTime deadline = origin_ + time_of(mix_.mixed()) + kPlayerGrace;
  while (!pending_.empty()) {
    if (auto why = write_pending()) return {why, std::nullopt};
    if (pending_.empty()) break;
    if (waits.now() >= deadline) {
      return {fmt::format("{} takes no sound (it hangs)", name_), std::nullopt};
    }
    pollfd fd{child_.input, POLLOUT, 0};
    if (auto signal = waits.wait_for({&fd, 1}, deadline)) return {std::nullopt, signal};
    if (auto why = check()) return {why, std::nullopt};
  }
  taken_until_ = taken_until();
  ::close(child_.input);
  child_.input = -1;
  Ended ended = end_child(child_.pid, deadline, waits);
  child_.pid = -1;
  if (ended.signal) return {std::nullopt, ended.signal};
  said_.read_from(child_.errors);
  // Ended by legsup's own signal, it did not fail: it never finished.
  if (ended.ended_here) {
    return {fmt::format("{} did not finish playing (it hangs)", name_), std::nullopt};
  }
  if (ended.status != 0) return {failure_text(ended.status), std::nullopt};
  return {};
}

int PlayerStream::not_taken() const {
  std::int64_t taken = taken_until();
  return static_cast<int>(std::count_if(mix_.sounds().begin(), mix_.sounds().end(),
                                        [&](const auto& sound) { return sound.end() > taken; }));
}

int PlayerStream::overdue(SteadyTime now) const {
  std::int64_t late = heard_index(now) - kSampleRate;  // a second late
  std::int64_t taken = taken_until();
  return static_cast<int>(
      std::count_if(mix_.sounds().begin(), mix_.sounds().end(),
                    [&](const auto& sound) { return sound.end() <= late && sound.end() > taken; }));
}

std::int64_t PlayerStream::taken() const {
  int in_pipe = 0;
  if (child_.input < 0 || ::ioctl(child_.input, FIONREAD, &in_pipe) != 0) return 0;
  return written_ - in_pipe;
}

bool PlayerStream::spawn_player() {
  auto child = spawn(arguments_, true, false, environment_);
  if (!child) return false;
  child_ = *child;
  ended_why_.reset();
  first_index_ = mix_.mixed();
  taken_until_ = mix_.mixed();
  written_ = 0;
  taken_seen_ = -1;
  starting_ = true;
  starting_from_ = mix_.mixed();
  closed_since_.reset();
  return true;
}

std::int64_t PlayerStream::taken_until() const {
  if (child_.input < 0) return taken_until_;
  return first_index_ + taken() / 2;
}

std::int64_t PlayerStream::index_of(SteadyTime at) const {
  return samples_in(at - origin_) + kLeadSamples;
}

std::int64_t PlayerStream::heard_index(SteadyTime at) const {
  return index_of(at) - kLeadSamples;
}

std::string PlayerStream::failure_text(int status) const {
  std::string said = player_words(said_.text());
  return fmt::format("{} failed ({}{})", name_, describe_status(status),
                     said.empty() ? "" : ": " + said);
}

std::optional<std::string> PlayerStream::check() {
  said_.read_from(child_.errors);
  // Once reaped, why it ended is told again whenever asked (a write that failed as it exited
  // reaps it too), never as a player that was not there.
  if (child_.pid <= 0) return ended_why_ ? *ended_why_ : fmt::format("{} is not running", name_);
  if (auto status = reap(child_.pid)) {
    child_.pid = -1;
    said_.read_from(child_.errors);
    ended_why_ = *status == 0 ? fmt::format("{} ended before the session did", name_)
                              : failure_text(*status);
    return ended_why_;
  }
  return std::nullopt;
}

void PlayerStream::generate(std::int64_t until) {
  Samples mixed = mix_.take(until);
  pending_.reserve(pending_.size() + mixed.size() * 2);
  for (std::int16_t value : mixed) {
    auto sample = static_cast<std::uint16_t>(value);
    pending_ += static_cast<char>(sample & 0xFF);
    pending_ += static_cast<char>(sample >> 8);
  }
}

std::optional<std::string> PlayerStream::write_pending() {
  while (!pending_.empty()) {
    ssize_t written = ::write(child_.input, pending_.data(), pending_.size());
    if (written > 0) {
      pending_.erase(0, static_cast<std::size_t>(written));
      written_ += written;
      continue;
    }
    if (written < 0 && errno == EINTR) continue;
    if (written < 0 && errno == EAGAIN) break;
    if (auto why = check()) return why;
    return fmt::format("{} stopped taking sound ({})", name_, std::strerror(errno));
  }
  return std::nullopt;
}

std::optional<std::string> PlayerStream::check_taking(SteadyTime now) const {
  bool has_to_take = mix_.mixed() > taken_until();
  if (has_to_take && taken_seen_ >= 0 && now - taking_since_ > duration_cast<SteadyTime>(kStill)) {
    return fmt::format("{} takes no sound (it hangs)", name_);
  }
  return std::nullopt;
}

}  // namespace legsup
