#include "session_sound.hpp"

#include <fcntl.h>
#include <fmt/core.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <system_error>

#include "legsup/base/error.hpp"
#include "legsup/base/paths.hpp"

namespace legsup {
namespace {

using std::chrono::duration_cast;

// How long the speech may take to make (before the settle-in, with the person lying down and
// waiting: espeak-ng makes every phrase together in well under a second), and a player to say
// what it can do; how much either may write (2 MiB is 47 s of speech at espeak-ng's 22050 Hz).
constexpr Milliseconds kSpeechPatience{6000};
constexpr Milliseconds kProbePatience{2000};
constexpr std::size_t kMostSpeechBytes = std::size_t{2} << 20;
constexpr std::size_t kMostProbeBytes = std::size_t{64} << 10;
// A breath cue given this long after its moment is not played; another is played at once (the
// stream's own bound for a sound whose moment passed as it is set to the clock is the same).
constexpr Milliseconds kLatestPlayed{250};
// Why cues were not heard when legsup could not play them in time.
constexpr const char* kHeldUp = "legsup was stopped or held up past their moments";
// A player that fails mid-session (its server went away) is started again at once, then after a
// pause each time, at most kTries times in a session.
constexpr int kTries = 8;
constexpr Milliseconds kPauseBetweenTries{1000};

}  // namespace

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
Speech synthesize(const std::string& speaker, const std::vector<std::string>& phrases,
                  const Speaking& speaking, Waits& waits,
                  const std::vector<std::string>& environment) {
  std::vector<std::string> distinct;
  for (const auto& phrase : phrases) {
    if (!phrase.empty() && std::find(distinct.begin(), distinct.end(), phrase) == distinct.end()) {
      distinct.push_back(phrase);
    }
  }
  std::vector<std::vector<std::string>> commands;
  for (const auto& phrase : distinct)
    commands.push_back(speech_arguments(speaker, phrase, speaking));
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
  for (const auto& spec : kCueKinds)
    chime_lengths_[spec.kind] = audible_length(chime_samples(cue_of(spec.kind), 100));
}

SessionSound::~SessionSound() {
  stop_feeding();
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
    Speech speech =
        synthesize(*plan_.speaker, plan_.phrases, plan_.speaking, waits_, plan_.environment);
    if (speech.signal) return speech.signal;
    speech_ = std::move(speech.phrases);
    for (const auto& [phrase, samples] : speech_)
      spoken_lengths_[phrase] = audible_length(fit_speech(samples, {CueKind::begin, phrase}, 100));
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
  // Nothing louder than the first cue: the settle-in's, or the hold's, which are as loud.
  double ceiling = cue_peak(cue_of(CueKind::settle), plan_.volume);
  stream_ = std::make_unique<PlayerStream>(program_name(*plan_.player),
                                           stream_player_arguments(*plan_.player, probe_output_),
                                           plan_.environment, ceiling);
  if (plan_.ambient.kind != AmbientKind::none) {
    stream_->lay_ambient(AmbientNoise(plan_.ambient.kind, kAmbientSeed),
                         ambient_level(ceiling, plan_.ambient.volume));
  }
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

void SessionSound::ring_bell(const Cue&) {
  ++heard_.cues;
  if (tty_ < 0 || ::write(tty_, "\a", 1) != 1) ++heard_.unheard;
}

void SessionSound::play(const Cue& cue, SteadyTime at) {
  if (plan_.kind == SoundKind::none) return;
  if (bell_only_ || !stream_) {
    ring_bell(cue);
    return;
  }
  SteadyTime now = waits_.now();
  if (now - at > duration_cast<SteadyTime>(kLatestPlayed)) {
    // Its moment passed long ago: legsup was stopped, or kept from running (a busy machine).
    // A breath cue played now would fall on another beat (an inhale's tick on the exhale,
    // "Breathe out" over "Breathe in"): it is not, and it is counted as not heard. Any other
    // (the end, a milestone, a bell) has no beat to fall on: it is played now, late rather than
    // lost (the end chime was lost so: legsup held up 0.45 s across the end, a session ended in
    // silence).
    if (cue_spec(cue.kind).group == CueGroup::breath) {
      passed_unplayed(1);
      return;
    }
    at = now;
  }
  ++heard_.cues;
  // After a stop, the stream goes on from the clock before the cue is placed on it.
  stream_->catch_up(now);
  Give give = cue_spec(cue.kind).give;
  if (plan_.kind == SoundKind::voice && !cue.words.empty()) {
    for (const auto& [phrase, samples] : speech_) {
      if (phrase == cue.words) {
        stream_->add(fit_speech(samples, cue, plan_.volume), at, give);
        return;
      }
    }
  }
  stream_->add(chime_samples(cue, plan_.volume), at, give);
}

void SessionSound::passed_unplayed(int count) {
  if (plan_.kind == SoundKind::none) return;
  heard_.cues += count;
  heard_.unheard += count;
  if (!heard_.failure) heard_.failure = kHeldUp;
}

Milliseconds SessionSound::length_of(const Cue& cue) const {
  if (plan_.kind == SoundKind::none) return Milliseconds(0);
  // Two rings of the bell are two when this far apart.
  if (bell_only_ || !stream_) return Milliseconds(500);
  if (plan_.kind == SoundKind::voice) {
    if (auto spoken = spoken_lengths_.find(cue.words); spoken != spoken_lengths_.end()) {
      return spoken->second;
    }
  }
  return chime_lengths_.at(cue.kind);
}

std::optional<SteadyTime> SessionSound::next_service() const {
  std::lock_guard lock(feeding_);
  return next_service_locked();
}

std::optional<SteadyTime> SessionSound::next_service_locked() const {
  if (!stream_) return std::nullopt;
  if (next_try_) return next_try_;
  // Fed twice per lead: what is written stays ahead of what is heard.
  return last_service_ + duration_cast<SteadyTime>(PlayerStream::kFeedEvery);
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
  stop_feeding();
  serve(now);
}

void SessionSound::serve(SteadyTime now) {
  if (!stream_) return;
  if (next_try_) {
    if (now < *next_try_) return;
    try_again(now);
    if (!stream_ || next_try_) return;
  }
  last_service_ = now;
  auto why = stream_->pump(now);
  heard_.unheard += stream_->take_lost();
  if (why) {
    stream_failed(*why, now);
    return;
  }
  if (recovering_ && stream_->taken() > 0) {
    recovering_ = false;
    heard_.restarted = true;
    tell(fmt::format("{} was started again and is heard", stream_->name()));
  }
}

void SessionSound::session_ends(SteadyTime at) {
  if (!stream_ || plan_.ambient.kind == AmbientKind::none) return;
  if (!ambient_from_) ambient_from_ = waits_.now();
  AmbientEnd end =
      legsup::ambient_end(duration_cast<Milliseconds>(at - *ambient_from_), plan_.ambient.after);
  ambient_end_ = *ambient_from_ + duration_cast<SteadyTime>(end.end);
  stream_->ambient_ends(*ambient_end_, end.fade);
}

std::optional<SteadyTime> SessionSound::ambient_end() const {
  std::lock_guard lock(feeding_);
  if (!stream_) return std::nullopt;
  return ambient_end_;
}

void SessionSound::end_ambient(SteadyTime now) {
  stop_feeding();
  if (!stream_ || !ambient_end_ || *ambient_end_ <= now) return;
  ambient_end_ = now;
  stream_->ambient_ends(now, Milliseconds(0));
}

void SessionSound::play_ambient(SteadyTime from, Milliseconds length) {
  if (!stream_ || plan_.ambient.kind == AmbientKind::none) return;
  ambient_from_ = from;
  ambient_end_ = from + duration_cast<SteadyTime>(length);
  stream_->ambient_ends(*ambient_end_, length / 3);
}

HeardCues SessionSound::heard() const {
  std::lock_guard lock(feeding_);
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
  std::lock_guard lock(feeding_);
  if (notices_.empty()) return std::nullopt;
  std::string notice = std::move(notices_.front());
  notices_.pop_front();
  return notice;
}

void SessionSound::feed_meanwhile() {
  if (!stream_ || feeder_.joinable()) return;
  feeder_stops_ = false;
  // The feeder takes no signal: each comes to this thread, whose waits watch for it, as before.
  // (A fault is the faulting thread's own, and stays its own.)
  sigset_t all, before;
  ::sigfillset(&all);
  for (int fault : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS})
    ::sigdelset(&all, fault);
  ::pthread_sigmask(SIG_BLOCK, &all, &before);
  try {
    feeder_ = std::thread([this] { feed(); });
  } catch (const std::system_error&) {
    // No thread to be had (a limit on processes, or on memory for its stack): the stream is fed
    // from this thread as before, between what this thread does.
  }
  ::pthread_sigmask(SIG_SETMASK, &before, nullptr);
}

void SessionSound::feed() {
  std::unique_lock lock(feeding_);
  while (!feeder_stops_) {
    if (auto wake = next_service_locked()) {
      SteadyTime wait = *wake - waits_.now();
      if (wait > SteadyTime::zero() &&
          feeder_wakes_.wait_for(lock, wait, [this] { return feeder_stops_; })) {
        break;
      }
      serve(waits_.now());
    } else {
      // No stream any more (the player failed for good): nothing to feed.
      feeder_wakes_.wait(lock, [this] { return feeder_stops_; });
    }
  }
}

void SessionSound::stop_feeding() {
  if (!feeder_.joinable()) return;
  {
    std::lock_guard lock(feeding_);
    feeder_stops_ = true;
  }
  feeder_wakes_.notify_one();
  feeder_.join();
}

std::optional<int> SessionSound::finish() {
  stop_feeding();
  if (!stream_) return std::nullopt;
  if (next_try_) {
    // No player at the end: what was still to play is not heard.
    heard_.unheard += stream_->not_taken();
    stream_.reset();
    return std::nullopt;
  }
  // Whatever of the ambient is still to come ends now: what is written at the end is written at
  // once.
  end_ambient(waits_.now());
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
