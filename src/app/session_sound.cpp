#include "session_sound.hpp"

#include <fcntl.h>
#include <fmt/core.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>

#include "legsup/base/error.hpp"
#include "legsup/base/text.hpp"
#include "players.hpp"

namespace legsup {
namespace {

using std::chrono::duration_cast;

// How far ahead of its moment a sound is written: the loop may wake this late and the cue still
// keeps its beat. The stream is fed every half of it.
constexpr Milliseconds kLead{300};
constexpr std::int64_t kLeadSamples = kLead.count() * kSampleRate / 1000;
// Between two spoken phrases that fall together (the steps of the way out): a breath.
constexpr std::int64_t kPhraseGap = kSampleRate / 2;
// A player that takes nothing for this long hangs.
constexpr std::int64_t kMostPendingSamples = 4 * kSampleRate;
// How long past the end of its sound a player may take to finish.
constexpr Milliseconds kPlayerGrace{3000};
// How long the speech may take to make, and a player to say what it can do.
constexpr Milliseconds kSpeechPatience{20000};
constexpr Milliseconds kProbePatience{2000};

std::int64_t samples_in(SteadyTime duration) {
  return duration_cast<std::chrono::microseconds>(duration).count() * kSampleRate / 1000000;
}

SteadyTime time_of(std::int64_t samples) {
  return duration_cast<SteadyTime>(std::chrono::microseconds(samples * 1000000 / kSampleRate));
}

}  // namespace

// One player, fed raw samples through a pipe. Sample i of the stream is heard at the stream's
// origin plus i samples (plus the player's own latency, the same for every sound).
class SessionSound::Stream {
 public:
  // Starts the player; an error says why it could not be.
  std::optional<std::string> start(const std::string& program, SteadyTime now) {
    name_ = program_name(program);
    std::string probe_output;
    if (auto probe = stream_player_probe(program)) {
      probe_output = run_together({*probe}, kProbePatience).front().output;
    }
    auto child = spawn(stream_player_arguments(program, probe_output), true, false);
    if (!child) return fmt::format("{} could not be started", name_);
    child_ = *child;
    origin_ = now;
    return pump(now);  // the lead of silence, so that the first cue is not late
  }

  ~Stream() {
    if (child_.input >= 0) ::close(child_.input);
    if (child_.pid > 0) wait_or_end(child_.pid, Milliseconds(0));
    if (child_.errors >= 0) ::close(child_.errors);
  }

  // Mixes samples in at a moment; a phrase waits for the one before it to end.
  void add(Samples samples, SteadyTime at, bool phrase) {
    std::int64_t start = std::max(index_of(at), generated_);
    if (phrase) {
      start = std::max(start, phrases_free_from_);
      phrases_free_from_ = start + static_cast<std::int64_t>(samples.size()) + kPhraseGap;
    }
    sounds_.push_back({start, std::move(samples)});
    end_ = std::max(
        end_, sounds_.back().start + static_cast<std::int64_t>(sounds_.back().samples.size()));
  }

  // Writes the stream up to a little ahead of now. Returns why the player failed, if it did.
  std::optional<std::string> pump(SteadyTime now) {
    if (auto why = check()) return why;
    // Fallen behind (the process was stopped, or a long stall): the player ran dry. Go on from
    // here rather than play the past.
    if (index_of(now) - kLeadSamples > generated_) {
      origin_ += time_of(index_of(now) - kLeadSamples - generated_);
    }
    // Up to now, and no further: a cue due now (the loop plays before it pumps) still finds its
    // own place free.
    generate(index_of(now));
    if (auto why = write_pending()) return why;
    return check_taking();
  }

  // Everything mixed in so far, written; then the end of the stream.
  std::optional<std::string> play_out() {
    generate(std::max(end_, generated_));
    while (!pending_.empty()) {
      if (auto why = write_pending()) return why;
      if (pending_.empty()) break;
      pollfd fd{child_.input, POLLOUT, 0};
      ::poll(&fd, 1, 100);
      if (auto why = check()) return why;
    }
    ::close(child_.input);
    child_.input = -1;
    return std::nullopt;
  }

  // Waits for the player to end after play_out: it plays what is in its buffer first.
  std::optional<std::string> wait(SteadyTime now) {
    SteadyTime sound_ends = origin_ + time_of(generated_);
    auto patience =
        duration_cast<Milliseconds>(std::max(sound_ends - now, SteadyTime{})) + kPlayerGrace;
    int status = wait_or_end(child_.pid, patience);
    child_.pid = -1;
    read_errors(child_.errors, said_);
    if (status != 0) return failure_text(status);
    return std::nullopt;
  }

  SteadyTime time_at(std::int64_t index) const { return origin_ + time_of(index - kLeadSamples); }
  std::int64_t end() const { return end_; }

 private:
  struct Sound {
    std::int64_t start;
    Samples samples;
  };

  std::int64_t index_of(SteadyTime at) const { return samples_in(at - origin_) + kLeadSamples; }

  std::string failure_text(int status) {
    std::string said = last_line(said_);
    return fmt::format("{} failed ({}{})", name_, describe_status(status),
                       said.empty() ? "" : ": " + said);
  }

  // A player that ended before its stream did has failed.
  std::optional<std::string> check() {
    read_errors(child_.errors, said_);
    if (child_.pid <= 0) return std::nullopt;
    if (auto status = reap(child_.pid)) {
      child_.pid = -1;
      if (*status == 0) return fmt::format("{} ended before the session did", name_);
      return failure_text(*status);
    }
    return std::nullopt;
  }

  void generate(std::int64_t until) {
    if (until <= generated_) return;
    std::vector<std::int32_t> mix(static_cast<std::size_t>(until - generated_), 0);
    for (auto sound = sounds_.begin(); sound != sounds_.end();) {
      std::int64_t sound_end = sound->start + static_cast<std::int64_t>(sound->samples.size());
      std::int64_t from = std::max(sound->start, generated_);
      std::int64_t to = std::min(sound_end, until);
      for (std::int64_t i = from; i < to; ++i) {
        mix[static_cast<std::size_t>(i - generated_)] +=
            sound->samples[static_cast<std::size_t>(i - sound->start)];
      }
      sound = sound_end <= until ? sounds_.erase(sound) : std::next(sound);
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

  std::optional<std::string> write_pending() {
    while (!pending_.empty()) {
      ssize_t written = ::write(child_.input, pending_.data(), pending_.size());
      if (written > 0) {
        pending_.erase(0, static_cast<std::size_t>(written));
        continue;
      }
      if (written < 0 && errno == EINTR) continue;
      if (written < 0 && errno == EAGAIN) break;
      if (auto why = check()) return why;
      return fmt::format("{} stopped taking sound ({})", name_, std::strerror(errno));
    }
    return std::nullopt;
  }

  // A player that has taken nothing for seconds while the session went on hangs.
  std::optional<std::string> check_taking() {
    if (static_cast<std::int64_t>(pending_.size()) / 2 > kMostPendingSamples) {
      return fmt::format("{} takes no sound (it hangs)", name_);
    }
    return std::nullopt;
  }

  std::string name_;
  Child child_;
  SteadyTime origin_{};
  std::int64_t generated_ = 0;  // samples mixed so far
  std::int64_t end_ = 0;        // where the last sound added ends
  std::int64_t phrases_free_from_ = 0;
  std::vector<Sound> sounds_;
  std::string pending_;  // bytes mixed but not yet taken by the pipe
  std::string said_;     // what the player said on its standard error
};

void find_sound_programs(SoundPlan& plan, const std::string& path_variable) {
  if (plan.kind != SoundKind::chime && plan.kind != SoundKind::voice) return;
  plan.player = find_program(kStreamPlayers, path_variable);
  if (!plan.player) {
    throw usage_error(fmt::format(
        "--sound {} needs pacat, pw-cat or aplay on PATH: install pulseaudio-utils, pipewire-bin "
        "or alsa-utils (or use --sound bell)",
        to_string(plan.kind)));
  }
  if (plan.kind == SoundKind::voice) {
    plan.speaker = find_program(kSpeechSynthesizers, path_variable);
    if (!plan.speaker) {
      throw usage_error(
          "--sound voice needs espeak-ng on PATH: install espeak-ng (or use --sound chime)");
    }
  }
}

namespace {

// Every phrase spoken, made at once by one synthesiser each, all running together.
std::pair<std::vector<std::pair<std::string, Samples>>, std::optional<std::string>> synthesize(
    const std::string& speaker, const std::vector<std::string>& phrases) {
  std::vector<std::string> distinct;
  for (const auto& phrase : phrases) {
    if (!phrase.empty() && std::find(distinct.begin(), distinct.end(), phrase) == distinct.end()) {
      distinct.push_back(phrase);
    }
  }
  std::vector<std::vector<std::string>> commands;
  for (const auto& phrase : distinct)
    commands.push_back(speech_arguments(speaker, phrase));
  auto finished = run_together(commands, kSpeechPatience);
  std::vector<std::pair<std::string, Samples>> speech;
  std::optional<std::string> failure;
  for (std::size_t i = 0; i < distinct.size(); ++i) {
    if (!finished[i].started) return {{}, "espeak-ng could not be started"};
    auto samples = parse_wav(finished[i].output);
    if (finished[i].status != 0 || !samples) {
      std::string said = last_line(finished[i].said);
      if (!failure) {
        failure = fmt::format(
            "espeak-ng failed ({}{})",
            finished[i].status != 0 ? describe_status(finished[i].status) : "it gave no sound",
            said.empty() ? "" : ": " + said);
      }
      continue;
    }
    speech.emplace_back(distinct[i], std::move(samples).value());
  }
  return {std::move(speech), failure};
}

}  // namespace

SessionSound::SessionSound(SoundPlan plan) : plan_(std::move(plan)) {
  // The bell goes to the controlling terminal, not to standard output: piped output stays plain
  // text, and a session started from a script with no terminal stays silent.
  if (plan_.kind == SoundKind::bell || plan_.kind == SoundKind::chime ||
      plan_.kind == SoundKind::voice) {
    tty_ = ::open("/dev/tty", O_WRONLY | O_NOCTTY | O_CLOEXEC);
  }
  bell_only_ = plan_.kind == SoundKind::bell;
}

SessionSound::~SessionSound() {
  stream_.reset();
  if (tty_ >= 0) ::close(tty_);
}

void SessionSound::fail(const std::string& why) {
  if (failure_) return;
  failure_ = fmt::format("{}: {}; using the terminal bell", to_string(plan_.kind), why);
  bell_only_ = true;
  stream_.reset();
}

void SessionSound::start(SteadyTime now) {
  if (plan_.kind != SoundKind::chime && plan_.kind != SoundKind::voice) return;
  if (plan_.kind == SoundKind::voice) {
    auto [speech, failure] = synthesize(*plan_.speaker, plan_.phrases);
    speech_ = std::move(speech);
    if (failure) {
      fail(*failure);
      return;
    }
  }
  stream_ = std::make_unique<Stream>();
  last_service_ = now;
  if (auto why = stream_->start(*plan_.player, now)) fail(*why);
}

void SessionSound::ring_bell(const Cue& cue) {
  if (tty_ < 0 || cue.kind == CueKind::settle) return;
  [[maybe_unused]] ssize_t ignored = ::write(tty_, "\a", 1);
}

void SessionSound::play(const Cue& cue, SteadyTime at) {
  if (plan_.kind == SoundKind::none) return;
  if (bell_only_ || !stream_) {
    ring_bell(cue);
    return;
  }
  if (plan_.kind == SoundKind::voice && !cue.words.empty()) {
    for (const auto& [phrase, samples] : speech_) {
      if (phrase == cue.words) {
        stream_->add(fit_speech(samples, cue, plan_.volume), at, true);
        return;
      }
    }
  }
  stream_->add(chime_samples(cue, plan_.volume), at, false);
}

std::optional<SteadyTime> SessionSound::next_service() const {
  if (!stream_) return std::nullopt;
  // Fed twice per lead: what is written stays ahead of what is heard.
  return last_service_ + duration_cast<SteadyTime>(kLead / 2);
}

void SessionSound::service(SteadyTime now) {
  if (!stream_) return;
  last_service_ = now;
  if (auto why = stream_->pump(now)) fail(*why);
}

std::optional<std::string> SessionSound::take_failure() {
  if (!failure_ || failure_told_) return std::nullopt;
  failure_told_ = true;
  return failure_;
}

std::optional<SteadyTime> SessionSound::last_sound_ends() const {
  if (!stream_) return std::nullopt;
  return stream_->time_at(stream_->end());
}

void SessionSound::finish(SteadyTime now) {
  if (!stream_) return;
  if (auto why = stream_->play_out()) {
    fail(*why);
    return;
  }
  if (auto why = stream_->wait(now)) fail(*why);
  stream_.reset();
}

}  // namespace legsup
