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

// How far ahead of its moment a sound is written: the loop may wake this late and the cue still
// keeps its beat. The stream is fed every half of it.
constexpr Milliseconds kLead{300};
static_assert(PlayerStream::kFeedEvery == kLead / 2);
constexpr std::int64_t kLeadSamples = kLead.count() * kSampleRate / 1000;
// Between two spoken phrases that fall together (the steps of the way out): a breath.
constexpr std::int64_t kPhraseGap = kSampleRate / 2;
// A player that takes nothing for this long hangs.
constexpr std::int64_t kMostPendingSamples = 4 * kSampleRate;
// How long past the end of its sound a player may take to finish.
constexpr Milliseconds kPlayerGrace{3000};
// A player works when it has taken sound and still runs kCheckAtLeast after it started; one that
// has taken nothing after kCheckAtMost does not. Looked at every kCheckEvery meanwhile.
constexpr Milliseconds kCheckAtLeast{200};
constexpr Milliseconds kCheckAtMost{3000};
constexpr Milliseconds kCheckEvery{50};

std::int64_t samples_in(SteadyTime duration) {
  return duration_cast<std::chrono::microseconds>(duration).count() * kSampleRate / 1000000;
}

SteadyTime time_of(std::int64_t samples) {
  return duration_cast<SteadyTime>(std::chrono::microseconds(samples * 1000000 / kSampleRate));
}

}  // namespace

PlayerStream::PlayerStream(std::string name, std::vector<std::string> arguments,
                           std::vector<std::string> environment)
    : name_(std::move(name)),
      arguments_(std::move(arguments)),
      environment_(std::move(environment)) {}

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
  generated_ = heard_index(now);
  int lost = 0;
  std::erase_if(sounds_, [&](const Sound& sound) {
    if (sound.start >= generated_) return false;
    if (sound.end() > taken) ++lost;
    return true;
  });
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
    if (taken() > 0 && now >= started + kCheckAtLeast) return {};
    if (now >= started + kCheckAtMost) {
      return {fmt::format("{} takes no sound (it hangs)", name_), std::nullopt};
    }
    // Its end wakes the wait (SIGCHLD); what it takes is looked at every kCheckEvery.
    if (auto signal = waits.wait_for({}, std::min(now + kCheckEvery, started + kCheckAtMost))) {
      return {std::nullopt, signal};
    }
  }
}

void PlayerStream::add(Samples samples, SteadyTime at, bool phrase) {
  std::int64_t start = std::max(index_of(at), generated_);
  if (phrase) {
    start = std::max(start, phrases_free_from_);
    phrases_free_from_ = start + static_cast<std::int64_t>(samples.size()) + kPhraseGap;
  }
  sounds_.push_back({start, std::move(samples)});
  end_ = std::max(end_, sounds_.back().end());
}

std::optional<std::string> PlayerStream::pump(SteadyTime now) {
  if (auto why = check()) return why;
  // Fallen behind (the process was stopped, or a long stall): the player ran dry. Go on from
  // here rather than play the past.
  if (index_of(now) - kLeadSamples > generated_) {
    origin_ += time_of(index_of(now) - kLeadSamples - generated_);
  }
  // What the player has taken, and whose moment has passed, is let go of.
  std::int64_t heard = std::min(heard_index(now), taken_until());
  std::erase_if(sounds_, [&](const Sound& sound) { return sound.end() <= heard; });
  // Up to now, and no further: a cue due now (the loop plays before it pumps) still finds its
  // own place free.
  generate(index_of(now));
  if (auto why = write_pending()) return why;
  return check_taking();
}

std::pair<std::optional<std::string>, std::optional<int>> PlayerStream::play_out(Waits& waits) {
  generate(std::max(end_, generated_));
  SteadyTime deadline = origin_ + time_of(generated_) + kPlayerGrace;
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
  if (ended.status != 0) return {failure_text(ended.status), std::nullopt};
  return {};
}

int PlayerStream::not_taken() const {
  std::int64_t taken = taken_until();
  return static_cast<int>(std::count_if(sounds_.begin(), sounds_.end(),
                                        [&](const Sound& sound) { return sound.end() > taken; }));
}

int PlayerStream::overdue(SteadyTime now) const {
  std::int64_t late = heard_index(now) - kSampleRate;  // a second late
  std::int64_t taken = taken_until();
  return static_cast<int>(std::count_if(sounds_.begin(), sounds_.end(), [&](const Sound& sound) {
    return sound.end() <= late && sound.end() > taken;
  }));
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
  first_index_ = generated_;
  taken_until_ = generated_;
  written_ = 0;
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
  if (child_.pid <= 0) return fmt::format("{} is not running", name_);
  if (auto status = reap(child_.pid)) {
    child_.pid = -1;
    said_.read_from(child_.errors);
    if (*status == 0) return fmt::format("{} ended before the session did", name_);
    return failure_text(*status);
  }
  return std::nullopt;
}

void PlayerStream::generate(std::int64_t until) {
  if (until <= generated_) return;
  std::vector<std::int32_t> mix(static_cast<std::size_t>(until - generated_), 0);
  for (const auto& sound : sounds_) {
    std::int64_t from = std::max(sound.start, generated_);
    std::int64_t to = std::min(sound.end(), until);
    for (std::int64_t i = from; i < to; ++i) {
      mix[static_cast<std::size_t>(i - generated_)] +=
          sound.samples[static_cast<std::size_t>(i - sound.start)];
    }
  }
  pending_.reserve(pending_.size() + mix.size() * 2);
  for (std::int32_t value : mix) {
    auto sample =
        static_cast<std::uint16_t>(static_cast<std::int16_t>(std::clamp(value, -32767, 32767)));
    pending_ += static_cast<char>(sample & 0xFF);
    pending_ += static_cast<char>(sample >> 8);
  }
  generated_ = until;
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

std::optional<std::string> PlayerStream::check_taking() {
  if (static_cast<std::int64_t>(pending_.size()) / 2 > kMostPendingSamples) {
    return fmt::format("{} takes no sound (it hangs)", name_);
  }
  return std::nullopt;
}

}  // namespace legsup
