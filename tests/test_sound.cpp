#include <doctest/doctest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>
#include <tuple>

#include "legsup/session/sound.hpp"
#include "players.hpp"
#include "temp_folder.hpp"

using namespace legsup;

namespace {

int peak_of(const Samples& samples) {
  int peak = 0;
  for (std::int16_t sample : samples)
    peak = std::max(peak, std::abs(static_cast<int>(sample)));
  return peak;
}

// The pitch from zero crossings over the first 50 ms.
double pitch_of(const Samples& samples) {
  std::size_t window = std::min(samples.size(), static_cast<std::size_t>(kSampleRate / 20));
  int crossings = 0;
  for (std::size_t i = 1; i < window; ++i) {
    if ((samples[i - 1] < 0) != (samples[i] < 0)) ++crossings;
  }
  return crossings / (2.0 * static_cast<double>(window) / kSampleRate);
}

// How many processes of a process group are not yet dead (a zombie is dead: its parent, gone,
// left it to init).
int running_in_group(pid_t group) {
  int running = 0;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    std::string name = entry.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(entry.path() / "stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    auto close = text.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream fields(text.substr(close + 2));
    char state = 0;
    long parent = 0, process_group = 0;
    fields >> state >> parent >> process_group;
    if (process_group == group && state != 'Z' && state != 'X') ++running;
  }
  return running;
}

// Waits by poll alone: no signal handler here, so a wait for a child's end alone (no descriptors)
// looks again every few milliseconds; a test sets `signal` to play one arriving.
class PollWaits : public Waits {
 public:
  SteadyTime now() override { return std::chrono::steady_clock::now().time_since_epoch(); }
  std::optional<int> wait_for(std::span<pollfd> fds, SteadyTime deadline) override {
    if (signal) return signal;
    long long left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now()).count();
    if (fds.empty()) left = std::min(left, 10LL);
    ::poll(fds.data(), fds.size(), static_cast<int>(std::max(left, 0LL)));
    return std::nullopt;
  }
  std::optional<int> signal;
};

}  // namespace

TEST_CASE("a WAV file of samples reads back as the same samples") {
  Samples samples = render_notes({{528, 0.5, 0.03, 1.0}}, 0.3);
  std::string wav = make_wav(samples);
  CHECK(wav.substr(0, 4) == "RIFF");
  CHECK(wav.substr(8, 8) == "WAVEfmt ");
  CHECK(wav.size() == 44 + samples.size() * 2);
  CHECK(*parse_wav(wav) == samples);
  // As espeak-ng --stdout writes it: the data's length unknown (all ones).
  std::string streamed = wav;
  for (std::size_t at : {4, 40})
    for (std::size_t i = 0; i < 4; ++i)
      streamed[at + i] = '\xff';
  CHECK(*parse_wav(streamed) == samples);
  CHECK_FALSE(parse_wav("not a wav").ok());
}

TEST_CASE("another rate is brought to ours") {
  // 44100 Hz: twice as many samples for the same length.
  Samples fast;
  for (int i = 0; i < 44100; ++i)
    fast.push_back(static_cast<std::int16_t>(10000 * std::sin(2 * 3.14159265 * 440 * i / 44100.0)));
  std::string wav = make_wav(fast, 44100);
  auto samples = parse_wav(wav);
  REQUIRE(samples.ok());
  CHECK(std::abs(static_cast<long>(samples->size()) - kSampleRate) < 3);
  CHECK(pitch_of(*samples) == doctest::Approx(440).epsilon(0.05));
}

TEST_CASE("every kind of cue has a chime, none clips, none louder than the first") {
  double first = cue_peak({CueKind::settle, ""}, 100);
  CHECK(first == doctest::Approx(kLoudestCue));
  CHECK(cue_peak({CueKind::begin, ""}, 100) == doctest::Approx(first));
  for (const auto& spec : kCueKinds) {
    // A name of its own, not a structured binding: Clang 14 cannot capture one in a lambda, as
    // doctest's message macros do.
    std::string name(spec.name);
    Samples samples = chime_samples(cue_of(spec.kind), 100);
    REQUIRE_MESSAGE(!samples.empty(), name);
    CHECK_MESSAGE(peak_of(samples) <= static_cast<int>(first * 32767) + 1, name);
    CHECK_MESSAGE(peak_of(samples) < 32767, name);                           // below 0 dBFS
    CHECK_MESSAGE(std::abs(static_cast<int>(samples.front())) < 100, name);  // no click
  }
}

TEST_CASE("each kind of cue has a chime of its own, and each key says what it did") {
  // Told apart by the pitch the sound starts on, where it ends, and how long it lasts.
  std::set<std::tuple<int, int, long>> distinct;
  for (const auto& spec : kCueKinds) {
    Samples samples = chime_samples(cue_of(spec.kind), 100);
    int starts = static_cast<int>(std::lround(pitch_of(samples) / 20));
    Samples tail(samples.end() - std::min<std::ptrdiff_t>(2205, std::ssize(samples)),
                 samples.end());
    int ends = static_cast<int>(std::lround(pitch_of(tail) / 20));
    std::string name(spec.name);
    CHECK_MESSAGE(distinct.insert({starts, ends, static_cast<long>(samples.size())}).second, name);
  }
  // Falling for pause, less and quit; rising for resume and more; one pitch for a key that can do
  // no more.
  auto rise = [](CueKind kind) {
    const Chime& chime = cue_spec(kind).chime;
    REQUIRE(chime.second.has_value());
    return chime.second->frequency - chime.first.frequency;
  };
  CHECK(rise(CueKind::paused) < 0);
  CHECK(rise(CueKind::resumed) > 0);
  CHECK(rise(CueKind::more) > 0);
  CHECK(rise(CueKind::less) < 0);
  // Quit: down an octave.
  CHECK(cue_spec(CueKind::quit).chime.second->frequency ==
        doctest::Approx(cue_spec(CueKind::quit).chime.first.frequency / 2).epsilon(0.01));
  CHECK(rise(CueKind::floor) == 0);
  CHECK(rise(CueKind::ceiling) == 0);
  CHECK(rise(CueKind::still_paused) == rise(CueKind::paused));  // paused, said softly again
  CHECK(cue_spec(CueKind::still_paused).chime.level < cue_spec(CueKind::paused).chime.level);
}

TEST_CASE("breath ticks are quieter than the phase cues, and the volume scales everything") {
  double tick = cue_peak({CueKind::inhale, ""}, 100);
  CHECK(tick < cue_peak({CueKind::begin, ""}, 100) / 2);
  CHECK(tick < cue_peak({CueKind::end, ""}, 100) / 2);
  CHECK(peak_of(chime_samples({CueKind::begin, ""}, 40)) <
        peak_of(chime_samples({CueKind::begin, ""}, 100)) / 2);
  CHECK(peak_of(chime_samples({CueKind::begin, ""}, 0)) == 0);
  CHECK(parse_volume("40").value() == 40);
  for (const char* bad : {"", "-1", "101", "4.5", "loud", " 40"}) {
    CHECK_MESSAGE(!parse_volume(bad).ok(), bad);
  }
}

TEST_CASE("speech is brought to its cue's loudness and starts on the beat") {
  Samples speech(2205, 0);  // 0.1 s of lead-in
  Samples word = render_notes({{200, 0.3, 0.001, 1.0}}, 0.9);
  speech.insert(speech.end(), word.begin(), word.end());
  Cue cue{CueKind::inhale, "Breathe in"};
  Samples fitted = fit_speech(speech, cue, 100);
  CHECK(peak_of(fitted) == doctest::Approx(cue_peak(cue, 100) * 32767).epsilon(0.01));
  CHECK(fitted.size() < speech.size() - 2000);  // the lead-in trimmed
  CHECK(fit_speech(Samples(100, 0), cue, 100).empty());
}

TEST_CASE("players and the speech synthesiser are found on PATH in order of preference") {
  TempFolder temp;
  const std::string& folder = temp.path();
  auto make = [&](const std::string& name, mode_t mode) {
    std::ofstream(folder + "/" + name) << "#!/bin/sh\n";
    ::chmod((folder + "/" + name).c_str(), mode);
  };
  std::string path = "/nonexistent:" + folder;
  CHECK_FALSE(find_program(kStreamPlayers, path).has_value());
  make("aplay", 0755);
  CHECK(find_program(kStreamPlayers, path) == folder + "/aplay");
  make("pw-cat", 0644);  // not executable: passed over
  CHECK(find_program(kStreamPlayers, path) == folder + "/aplay");
  ::chmod((folder + "/pw-cat").c_str(), 0755);
  CHECK(find_program(kStreamPlayers, path) == folder + "/pw-cat");
  make("pacat", 0755);  // keeps the beat through PulseAudio and PipeWire alike: first
  CHECK(find_program(kStreamPlayers, path) == folder + "/pacat");
  // legsup's preference, not the order of PATH: pacat in a later folder beats aplay in an
  // earlier one.
  TempFolder earlier;
  std::ofstream(earlier.path() + "/aplay") << "#!/bin/sh\n";
  ::chmod((earlier.path() + "/aplay").c_str(), 0755);
  CHECK(find_program(kStreamPlayers, earlier.path() + ":" + folder) == folder + "/pacat");
  CHECK(find_program(kStreamPlayers, earlier.path()) == earlier.path() + "/aplay");
  // aplay with a buffer of 80 ms (its own is half a second: a key would be answered that late).
  CHECK(stream_player_arguments(folder + "/aplay") ==
        std::vector<std::string>{folder + "/aplay", "-q", "-t", "raw", "-f", "S16_LE", "-r",
                                 "22050", "-c", "1", "--buffer-time=80000", "--period-time=10000",
                                 "-"});
  auto pacat = stream_player_arguments("/usr/bin/pacat");
  CHECK(std::find(pacat.begin(), pacat.end(), "--raw") != pacat.end());
  CHECK(std::find(pacat.begin(), pacat.end(), "--latency-msec=100") != pacat.end());
  CHECK_FALSE(stream_player_probe("/usr/bin/pacat").has_value());
  CHECK_FALSE(stream_player_probe("/usr/bin/aplay").has_value());
  Speaking speaking{135, ""};
  CHECK(speech_arguments("/usr/bin/espeak-ng", "Begin", speaking) ==
        std::vector<std::string>{"/usr/bin/espeak-ng", "--stdout", "-s", "135", "--", "Begin"});
  CHECK(speech_arguments("/usr/bin/espeak-ng", "-x", speaking)[4] == "--");  // never options
  CHECK(speech_arguments("/usr/bin/espeak-ng", "Begin", {110, "en+f3"}) ==
        std::vector<std::string>{"/usr/bin/espeak-ng", "--stdout", "-s", "110", "-v", "en+f3", "--",
                                 "Begin"});
}

TEST_CASE(
    "the voice's rate is words a minute within its limits; its name is a name, never an option") {
  CHECK(parse_voice_rate("80").value() == 80);
  CHECK(parse_voice_rate("260").value() == 260);
  for (const char* bad : {"79", "261", "", "120wpm", "-120", "1e2", " 120"})
    CHECK_FALSE(parse_voice_rate(bad).ok());
  CHECK(parse_voice_rate("fast").error() ==
        "invalid voice rate \"fast\": expected words a minute, a whole number from 80 to 260");
  for (const char* good : {"en", "en-us", "en+f3", "mb-en1", "other/en_GB"})
    CHECK(parse_voice(good).value() == good);
  for (const char* bad : {"", "-v", "--stdout", "en us", "en;rm", "$(x)", "en\n"})
    CHECK_FALSE(parse_voice(bad).ok());
  CHECK_FALSE(parse_voice(std::string(41, 'e')).ok());
}

TEST_CASE("pw-cat and pw-play are told the stream's format, and --raw where they have it") {
  // Measured with pw-cat 0.3.65: "-" is raw samples at 48000 Hz in stereo unless told
  // otherwise, so the format is always named; releases with --raw read a file from "-" without it.
  for (std::string player : {"/usr/bin/pw-cat", "/usr/bin/pw-play"}) {
    CAPTURE(player);
    CHECK(stream_player_probe(player) == std::vector<std::string>{player, "--help"});
    std::vector<std::string> old_release{player,     "--playback", "--latency",  "40ms",
                                         "--rate",   "22050",      "--channels", "1",
                                         "--format", "s16",        "-"};
    CHECK(stream_player_arguments(player, "  -q  --quality   Resampler quality\n") == old_release);
    CHECK(stream_player_arguments(player) == old_release);  // the probe failed: no --raw
    auto later = stream_player_arguments(player, "  -a, --raw       RAW mode\n");
    CHECK(later.size() == old_release.size() + 1);
    CHECK(later[2] == "--raw");
    CHECK(later.back() == "-");
  }
}

TEST_CASE("short programs run side by side, each with what it printed and how it ended") {
  PollWaits waits;
  auto run = run_together({{"/bin/sh", "-c", "printf 'out put'; printf said >&2"},
                           {"/bin/sh", "-c", "exit 3"},
                           {"/bin/sh", "-c", "exec sleep 30"},
                           {"/nonexistent/player"}},
                          std::chrono::milliseconds(300), 1024, waits);
  REQUIRE(run.finished.size() == 4);
  CHECK_FALSE(run.signal.has_value());
  CHECK(run.finished[0].output == "out put");
  CHECK(run.finished[0].said == "said");
  CHECK(run.finished[0].status == 0);
  CHECK(describe_status(run.finished[1].status) == "exit 3");
  CHECK(run.finished[1].output.empty());
  // Still running when its time was up: ended, not waited for.
  CHECK(WIFSIGNALED(run.finished[2].status));
  CHECK(describe_status(run.finished[3].status) == "could not be started");
  CHECK(run_together({}, std::chrono::milliseconds(300), 1024, waits).finished.empty());
}

TEST_CASE("a program that never stops writing is ended at the limit, its words kept short") {
  PollWaits waits;
  auto started = std::chrono::steady_clock::now();
  // 256 KiB said before anything is printed (more than a pipe holds: it must be read as it
  // comes), then a last line, then output without end.
  auto run = run_together({{"/bin/sh", "-c",
                            "head -c 262144 /dev/zero | tr '\\0' x >&2; echo >&2; "
                            "echo 'line of noise' >&2; exec cat /dev/zero"}},
                          std::chrono::seconds(60), 1 << 20, waits);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(30));
  REQUIRE(run.finished.size() == 1);
  CHECK(run.finished[0].too_much);
  CHECK(run.finished[0].output.size() == 1 << 20);
  CHECK(WIFSIGNALED(run.finished[0].status));
  CHECK(run.finished[0].said.size() <= 4096);
  CHECK(player_words(run.finished[0].said) == "line of noise");
}

TEST_CASE("a signal while waiting ends every program at once, and is told") {
  PollWaits waits;
  waits.signal = SIGTERM;
  auto started = std::chrono::steady_clock::now();
  auto run = run_together({{"/bin/sh", "-c", "exec sleep 30"}, {"/bin/sh", "-c", "exec sleep 31"}},
                          std::chrono::seconds(60), 1024, waits);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(10));
  CHECK(run.signal == SIGTERM);
  for (const auto& finished : run.finished)
    CHECK(WTERMSIG(finished.status) == SIGKILL);
}

TEST_CASE("a child that will not end is ended with its whole process group") {
  PollWaits waits;
  // A shell that ignores SIGTERM, and a child of its own that would outlive it.
  auto child = spawn({"/bin/sh", "-c", "trap '' TERM; sleep 600 & wait"}, false, false);
  REQUIRE(child.has_value());
  auto started = std::chrono::steady_clock::now();
  Ended ended = end_child(child->pid, waits.now() + std::chrono::milliseconds(100), waits);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(10));
  CHECK(WTERMSIG(ended.status) == SIGKILL);
  CHECK_FALSE(ended.signal.has_value());
  // Nothing of its group is left running (a SIGKILL takes effect a moment after it is sent: on
  // a loaded machine the grandchild was once still seen, so its end is waited for).
  auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (running_in_group(child->pid) != 0 && std::chrono::steady_clock::now() < give_up)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  CHECK(running_in_group(child->pid) == 0);
  ::close(child->errors);
  // A signal while waiting: ended at once.
  child = spawn({"/bin/sh", "-c", "exec sleep 600"}, false, false);
  REQUIRE(child.has_value());
  waits.signal = SIGINT;
  started = std::chrono::steady_clock::now();
  ended = end_child(child->pid, waits.now() + std::chrono::seconds(60), waits);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(10));
  CHECK(ended.signal == SIGINT);
  CHECK(running_in_group(child->pid) == 0);
  ::close(child->errors);
}

TEST_CASE("a child is given the environment legsup adds, over the process's own") {
  PollWaits waits;
  ::setenv("LEGSUP_TEST_OVERRIDDEN", "old", 1);
  auto run = run_together(
      {{"/bin/sh", "-c", "printf '%s %s' \"$XDG_RUNTIME_DIR\" \"$LEGSUP_TEST_OVERRIDDEN\""}},
      std::chrono::seconds(20), 1024, waits,
      {"XDG_RUNTIME_DIR=/run/user/4242", "LEGSUP_TEST_OVERRIDDEN=new"});
  ::unsetenv("LEGSUP_TEST_OVERRIDDEN");
  CHECK(run.finished.at(0).output == "/run/user/4242 new");
}

TEST_CASE("a player's words: its last line, escaped and short") {
  CHECK(player_words("") == "");
  CHECK(player_words("first\nConnection failure: Connection refused\n\n") ==
        "Connection failure: Connection refused");
  CHECK(player_words("a\r\nlast\r\n") == "last");
  // A title-setting sequence and an alternate-screen switch reach no terminal raw.
  std::string hostile = player_words("\x1b]0;pwned\x07\x1b[?1049h gone");
  CHECK(hostile.find('\x1b') == std::string::npos);
  CHECK(hostile.find('\x07') == std::string::npos);
  CHECK(hostile.find("\\x1b") != std::string::npos);
  // 16 KiB on one line: a line's worth is quoted.
  std::string flood = player_words(std::string(16384, 'x'));
  CHECK(flood.size() == static_cast<std::size_t>(kMostQuotedColumns));
  CHECK(flood.ends_with("..."));
}

TEST_CASE("a session is heard through its player, else the bell, else not at all") {
  CHECK(how_heard(SoundKind::none, false, false) == Hearing::silence_asked);
  CHECK(how_heard(SoundKind::bell, false, true) == Hearing::bell);
  CHECK(how_heard(SoundKind::bell, false, false) == Hearing::nothing);
  for (SoundKind kind : {SoundKind::chime, SoundKind::voice}) {
    CHECK(how_heard(kind, true, false) == Hearing::player);
    CHECK(how_heard(kind, true, true) == Hearing::player);
    CHECK(how_heard(kind, false, true) == Hearing::bell);
    CHECK(how_heard(kind, false, false) == Hearing::nothing);
  }
  CHECK(not_heard_message(SoundKind::chime, "pacat failed (exit 1: Connection refused)")
            .starts_with("nothing would be heard: pacat failed (exit 1: Connection refused), and "
                         "there is no terminal"));
  CHECK(not_heard_message(SoundKind::bell, std::nullopt).find("--sound none") != std::string::npos);
}

TEST_CASE("the closing words say what was not heard, and why") {
  HeardCues all{12, 0, std::nullopt, false, false, std::nullopt};
  CHECK(heard_summary(SoundKind::chime, all).empty());
  HeardCues lost{14, 3, "pacat failed (exit 1: Connection terminated)", true, false, std::nullopt};
  CHECK(heard_summary(SoundKind::chime, lost) ==
        "3 of 14 cues were not heard: pacat failed (exit 1: Connection terminated); it was "
        "started again.");
  lost.unheard = 1;
  lost.restarted = false;
  CHECK(heard_summary(SoundKind::chime, lost) ==
        "1 of 14 cues was not heard: pacat failed (exit 1: Connection terminated).");
  HeardCues bell{5, 0, "pacat failed (exit 1)", false, true, std::nullopt};
  CHECK(heard_summary(SoundKind::chime, bell) ==
        "No chime was heard: pacat failed (exit 1); the terminal bell rang in its place.");
  HeardCues words{5, 0, std::nullopt, false, false, "espeak-ng failed (exit 1)"};
  CHECK(heard_summary(SoundKind::voice, words) ==
        "The words were not spoken (espeak-ng failed (exit 1)): chimes played in their place.");
}

TEST_CASE("sound kinds parse, and a wrong one lists the valid ones") {
  CHECK(*parse_sound_kind("chime") == SoundKind::chime);
  CHECK(parse_sound_kind("gong").error() ==
        "invalid sound \"gong\" (sounds: none, bell, chime or voice)");
}
