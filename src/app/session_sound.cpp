#include "session_sound.hpp"

#include <fcntl.h>
#include <fmt/core.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>

#include "legsup/base/error.hpp"
#include "legsup/base/paths.hpp"

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
// How long the speech may take to make, and a player to say what it can do; how much either may
// write (2 MiB is 47 s of speech at espeak-ng's 22050 Hz).
constexpr Milliseconds kSpeechPatience{20000};
constexpr Milliseconds kProbePatience{2000};
constexpr std::size_t kMostSpeechBytes = std::size_t{2} << 20;
constexpr std::size_t kMostProbeBytes = std::size_t{64} << 10;
// A player works when it has taken sound and still runs kCheckAtLeast after it started; one that
// has taken nothing after kCheckAtMost does not. Looked at every kCheckEvery meanwhile.
constexpr Milliseconds kCheckAtLeast{200};
constexpr Milliseconds kCheckAtMost{3000};
constexpr Milliseconds kCheckEvery{50};
// A player that fails mid-session (its server went away) is started again at once, then after a
// pause each time, at most kTries times in a session.
constexpr int kTries = 8;
constexpr Milliseconds kPauseBetweenTries{1000};

std::int64_t samples_in(SteadyTime duration) {
  return duration_cast<std::chrono::microseconds>(duration).count() * kSampleRate / 1000000;
}

SteadyTime time_of(std::int64_t samples) {
  return duration_cast<SteadyTime>(std::chrono::microseconds(samples * 1000000 / kSampleRate));
}

}  // namespace

// One player, fed raw samples through a pipe. Sample i of the stream is heard at the stream's
// origin plus i samples (plus the player's own latency, the same for every sound). A player
// started again mid-session goes on from the sample due at that moment.
class SessionSound::Stream {
 public:
  Stream(std::string name, std::vector<std::string> arguments, std::vector<std::string> environment)
      : name_(std::move(name)),
        arguments_(std::move(arguments)),
        environment_(std::move(environment)) {}
  ~Stream() { stop(); }
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;

  // Starts the player the first time: what is written from here is heard from `now`.
  bool launch(SteadyTime now) {
    origin_ = now;
    return spawn_player();
  }

  // Starts it again after a failure: its first sample is the one due now, and what falls later
  // keeps its moment. Returns how many cues will not be heard (the one the player had not
  // finished taking, those that fell while there was none); none when it could not be started.
  std::optional<int> relaunch(SteadyTime now) {
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

  // Ends the player's process group, if it runs.
  void stop() {
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

  // Whether the player works: started, taking sound, still running a moment later (fed all the
  // while). Returns why not, or the signal that came meanwhile.
  std::pair<std::optional<std::string>, std::optional<int>> check_working(Waits& waits) {
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

  // Mixes samples in at a moment; a phrase waits for the one before it to end.
  void add(Samples samples, SteadyTime at, bool phrase) {
    std::int64_t start = std::max(index_of(at), generated_);
    if (phrase) {
      start = std::max(start, phrases_free_from_);
      phrases_free_from_ = start + static_cast<std::int64_t>(samples.size()) + kPhraseGap;
    }
    sounds_.push_back({start, std::move(samples)});
    end_ = std::max(end_, sounds_.back().end());
  }

  // Writes the stream up to a little ahead of now. Returns why the player failed, if it did.
  std::optional<std::string> pump(SteadyTime now) {
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

  // Everything mixed in so far, written; then the end of the stream; then the player's end,
  // waited for until a few seconds past the end of its sound. Returns why it failed, or the
  // signal that came meanwhile.
  std::pair<std::optional<std::string>, std::optional<int>> play_out(Waits& waits) {
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

  // The cues the player did not take whole: when it fails for good, those are not heard.
  int not_taken() const {
    std::int64_t taken = taken_until();
    return static_cast<int>(std::count_if(sounds_.begin(), sounds_.end(),
                                          [&](const Sound& sound) { return sound.end() > taken; }));
  }

  // The cues whose moment passed a while ago and that the player has not taken: it fell behind
  // (it hangs), and they were not heard in time.
  int overdue(SteadyTime now) const {
    std::int64_t late = heard_index(now) - kSampleRate;  // a second late
    std::int64_t taken = taken_until();
    return static_cast<int>(std::count_if(sounds_.begin(), sounds_.end(), [&](const Sound& sound) {
      return sound.end() <= late && sound.end() > taken;
    }));
  }

  // How many bytes of what was written this player has taken.
  std::int64_t taken() const {
    int in_pipe = 0;
    if (child_.input < 0 || ::ioctl(child_.input, FIONREAD, &in_pipe) != 0) return 0;
    return written_ - in_pipe;
  }

  const std::string& name() const { return name_; }

 private:
  struct Sound {
    std::int64_t start;
    Samples samples;
    std::int64_t end() const { return start + static_cast<std::int64_t>(samples.size()); }
  };

  bool spawn_player() {
    auto child = spawn(arguments_, true, false, environment_);
    if (!child) return false;
    child_ = *child;
    first_index_ = generated_;
    taken_until_ = generated_;
    written_ = 0;
    return true;
  }

  // The sample up to which the player took the stream.
  std::int64_t taken_until() const {
    if (child_.input < 0) return taken_until_;
    return first_index_ + taken() / 2;
  }

  std::int64_t index_of(SteadyTime at) const { return samples_in(at - origin_) + kLeadSamples; }
  // The sample heard at `at`.
  std::int64_t heard_index(SteadyTime at) const { return index_of(at) - kLeadSamples; }

  std::string failure_text(int status) const {
    std::string said = player_words(said_.text());
    return fmt::format("{} failed ({}{})", name_, describe_status(status),
                       said.empty() ? "" : ": " + said);
  }

  // A player that ended before its stream did has failed.
  std::optional<std::string> check() {
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

  void generate(std::int64_t until) {
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

  std::optional<std::string> write_pending() {
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

  // A player that has taken nothing for seconds while the session went on hangs.
  std::optional<std::string> check_taking() {
    if (static_cast<std::int64_t>(pending_.size()) / 2 > kMostPendingSamples) {
      return fmt::format("{} takes no sound (it hangs)", name_);
    }
    return std::nullopt;
  }

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

std::vector<std::string> player_environment(const Environment& env) {
  unsigned uid = ::getuid();
  std::string folder = user_runtime_folder(uid);
  std::optional<FolderFacts> found;
  struct stat info {};
  if (::lstat(folder.c_str(), &info) == 0) {
    found = FolderFacts{S_ISDIR(info.st_mode), info.st_uid, info.st_mode & 07777U};
  }
  if (auto given = runtime_folder_to_give(env, uid, found)) return {"XDG_RUNTIME_DIR=" + *given};
  return {};
}

namespace {

struct Speech {
  std::vector<std::pair<std::string, Samples>> phrases;
  std::optional<std::string> failure;
  std::optional<int> signal;
};

// Every phrase spoken, made at once by one synthesiser each, all running together.
Speech synthesize(const std::string& speaker, const std::vector<std::string>& phrases, Waits& waits,
                  const std::vector<std::string>& environment) {
  std::vector<std::string> distinct;
  for (const auto& phrase : phrases) {
    if (!phrase.empty() && std::find(distinct.begin(), distinct.end(), phrase) == distinct.end()) {
      distinct.push_back(phrase);
    }
  }
  std::vector<std::vector<std::string>> commands;
  for (const auto& phrase : distinct)
    commands.push_back(speech_arguments(speaker, phrase));
  auto run = run_together(commands, kSpeechPatience, kMostSpeechBytes, waits, environment);
  Speech speech;
  if (run.signal) {
    speech.signal = run.signal;
    return speech;
  }
  std::string name = program_name(speaker);
  for (std::size_t i = 0; i < distinct.size(); ++i) {
    const Finished& finished = run.finished[i];
    if (!finished.started) return {{}, name + " could not be started", std::nullopt};
    if (finished.too_much) {
      speech.failure = fmt::format("{} wrote more than {} MiB for one phrase, and was stopped",
                                   name, kMostSpeechBytes >> 20);
      return speech;
    }
    auto samples = parse_wav(finished.output);
    if (finished.status != 0 || !samples) {
      std::string said = player_words(finished.said);
      if (!speech.failure) {
        speech.failure = fmt::format(
            "{} failed ({}{})", name,
            finished.status != 0 ? describe_status(finished.status) : "it gave no sound",
            said.empty() ? "" : ": " + said);
      }
      continue;
    }
    speech.phrases.emplace_back(distinct[i], std::move(samples).value());
  }
  return speech;
}

}  // namespace

SessionSound::SessionSound(SoundPlan plan, Waits& waits)
    : plan_(std::move(plan)), waits_(waits), tries_left_(kTries) {
  // The bell goes to the controlling terminal, not to standard output: piped output stays plain
  // text. Without one (cron, setsid) there is no bell to ring.
  if (plan_.kind != SoundKind::none) tty_ = ::open("/dev/tty", O_WRONLY | O_NOCTTY | O_CLOEXEC);
  bell_only_ = plan_.kind == SoundKind::bell;
}

SessionSound::~SessionSound() {
  stream_.reset();
  if (tty_ >= 0) ::close(tty_);
}

void SessionSound::tell(const std::string& what) {
  notices_.push_back(fmt::format("{}: {}", to_string(plan_.kind), what));
}

void SessionSound::give_up(const std::string& why) {
  if (!heard_.failure) heard_.failure = why;
  if (stream_) heard_.unheard += stream_->not_taken();
  stream_.reset();
  next_try_.reset();
  recovering_ = false;
  bell_only_ = true;
  heard_.bell_instead = tty_ >= 0;
  tell(fmt::format("{}; {}", why,
                   tty_ >= 0 ? "using the terminal bell" : "nothing more can be heard"));
}

std::optional<int> SessionSound::start() {
  if (plan_.kind != SoundKind::chime && plan_.kind != SoundKind::voice) return std::nullopt;
  if (plan_.kind == SoundKind::voice) {
    Speech speech = synthesize(*plan_.speaker, plan_.phrases, waits_, plan_.environment);
    if (speech.signal) return speech.signal;
    speech_ = std::move(speech.phrases);
    // The player can still be heard: the words that could not be made are chimes instead.
    if (speech.failure) {
      heard_.voice_failure = speech.failure;
      tell(*speech.failure + "; chimes in place of the words");
    }
  }
  if (auto probe = stream_player_probe(*plan_.player)) {
    auto run = run_together({*probe}, kProbePatience, kMostProbeBytes, waits_, plan_.environment);
    if (run.signal) return run.signal;
    probe_output_ = run.finished.front().output;
  }
  stream_ = std::make_unique<Stream>(program_name(*plan_.player),
                                     stream_player_arguments(*plan_.player, probe_output_),
                                     plan_.environment);
  last_service_ = waits_.now();
  if (!stream_->launch(last_service_)) {
    give_up(fmt::format("{} could not be started", stream_->name()));
    return std::nullopt;
  }
  auto [why, signal] = stream_->check_working(waits_);
  if (signal) return signal;
  if (why) give_up(*why);
  return std::nullopt;
}

Hearing SessionSound::hearing() const {
  return how_heard(plan_.kind, stream_ != nullptr, tty_ >= 0);
}

void SessionSound::ring_bell(const Cue& cue) {
  if (cue.kind == CueKind::settle) return;
  ++heard_.cues;
  if (tty_ < 0 || ::write(tty_, "\a", 1) != 1) ++heard_.unheard;
}

void SessionSound::play(const Cue& cue, SteadyTime at) {
  if (plan_.kind == SoundKind::none) return;
  if (bell_only_ || !stream_) {
    ring_bell(cue);
    return;
  }
  ++heard_.cues;
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
  if (next_try_) return next_try_;
  // Fed twice per lead: what is written stays ahead of what is heard.
  return last_service_ + duration_cast<SteadyTime>(kLead / 2);
}

void SessionSound::stream_failed(const std::string& why, SteadyTime now) {
  if (!heard_.failure) heard_.failure = why;
  if (tries_left_ == 0) {
    give_up(why);
    return;
  }
  stream_->stop();
  // The first try at once (the player may have failed alone); the next after a pause (its
  // server is starting again).
  if (!recovering_) tell(fmt::format("{}; starting it again", why));
  next_try_ = recovering_ ? now + duration_cast<SteadyTime>(kPauseBetweenTries) : now;
}

void SessionSound::try_again(SteadyTime now) {
  --tries_left_;
  next_try_.reset();
  recovering_ = true;
  if (auto lost = stream_->relaunch(now)) {
    heard_.unheard += *lost;
  } else {
    stream_failed(fmt::format("{} could not be started", stream_->name()), now);
  }
}

void SessionSound::service(SteadyTime now) {
  if (!stream_) return;
  if (next_try_) {
    if (now < *next_try_) return;
    try_again(now);
    if (!stream_ || next_try_) return;
  }
  last_service_ = now;
  if (auto why = stream_->pump(now)) {
    stream_failed(*why, now);
    return;
  }
  if (recovering_ && stream_->taken() > 0) {
    recovering_ = false;
    heard_.restarted = true;
    tell(fmt::format("{} was started again and is heard", stream_->name()));
  }
}

HeardCues SessionSound::heard() const {
  HeardCues heard = heard_;
  if (stream_ && !next_try_) {
    if (int overdue = stream_->overdue(waits_.now()); overdue > 0) {
      heard.unheard += overdue;
      if (!heard.failure) heard.failure = fmt::format("{} has not taken them", stream_->name());
    }
  }
  return heard;
}

std::optional<std::string> SessionSound::take_failure() {
  if (notices_.empty()) return std::nullopt;
  std::string notice = std::move(notices_.front());
  notices_.pop_front();
  return notice;
}

std::optional<int> SessionSound::finish() {
  if (!stream_) return std::nullopt;
  if (next_try_) {
    // No player at the end: what was still to play is not heard.
    heard_.unheard += stream_->not_taken();
    stream_.reset();
    return std::nullopt;
  }
  auto [why, signal] = stream_->play_out(waits_);
  if (signal) {
    stream_.reset();  // its process group ended now
    return signal;
  }
  if (why) {
    if (!heard_.failure) heard_.failure = *why;
    stream_->stop();
    heard_.unheard += stream_->not_taken();
    tell(*why);
  }
  stream_.reset();
  return std::nullopt;
}

}  // namespace legsup
