#include "cue_players.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <map>

#include "players.hpp"

namespace legsup {
namespace {

class SilentCues : public CuePlayer {
 public:
  void play(Cue) override {}
};

// The bell goes to the controlling terminal, not to standard output: piped output stays plain
// text, and a session started from a script with no terminal stays silent.
class BellCues : public CuePlayer {
 public:
  BellCues() : tty_(::open("/dev/tty", O_WRONLY | O_NOCTTY | O_CLOEXEC)) {}
  ~BellCues() override {
    if (tty_ >= 0) ::close(tty_);
  }
  void play(Cue cue) override {
    if (tty_ < 0 || cue == Cue::settle) return;
    [[maybe_unused]] ssize_t ignored = ::write(tty_, "\a", 1);
  }

 private:
  int tty_;
};

// Each chime is made once, kept in an anonymous in-memory file, and handed to the player as
// /dev/fd/3: nothing is written to disk, so nothing is left behind.
class ChimeCues : public CuePlayer {
 public:
  explicit ChimeCues(std::string program) : program_(std::move(program)) {
    for (Cue cue : {Cue::begin, Cue::end, Cue::inhale, Cue::exhale}) {
      auto wav = chime_for(cue);
      int fd = ::memfd_create("legsup-chime", MFD_CLOEXEC);
      if (!wav || fd < 0) continue;
      if (::write(fd, wav->data(), wav->size()) == static_cast<ssize_t>(wav->size())) {
        files_[cue] = fd;
      } else {
        ::close(fd);
      }
    }
  }
  ~ChimeCues() override {
    for (auto& [cue, fd] : files_)
      ::close(fd);
  }
  void play(Cue cue) override {
    auto found = files_.find(cue);
    if (found == files_.end()) return;
    spawn_detached(player_arguments(program_, "/dev/fd/3"), found->second);
  }

 private:
  std::string program_;
  std::map<Cue, int> files_;
};

class VoiceCues : public CuePlayer {
 public:
  explicit VoiceCues(std::string program) : program_(std::move(program)) {}
  void play(Cue cue) override { spawn_detached(player_arguments(program_, spoken_text(cue))); }

 private:
  std::string program_;
};

}  // namespace

std::optional<std::string> require_player(SoundKind kind, const std::string& path_variable) {
  if (kind == SoundKind::chime) {
    auto program = find_program(kChimePlayers, path_variable);
    if (!program) {
      throw usage_error(
          "--sound chime needs pw-play, paplay or aplay on PATH: install pipewire-bin, "
          "pulseaudio-utils or alsa-utils (or use --sound bell)");
    }
    return program;
  }
  if (kind == SoundKind::voice) {
    auto program = find_program(kVoicePlayers, path_variable);
    if (!program) {
      throw usage_error(
          "--sound voice needs espeak-ng or spd-say on PATH: install espeak-ng or "
          "speech-dispatcher (or use --sound bell)");
    }
    return program;
  }
  return std::nullopt;
}

std::unique_ptr<CuePlayer> make_cue_player(SoundKind kind,
                                           const std::optional<std::string>& program) {
  switch (kind) {
    case SoundKind::none:
      return std::make_unique<SilentCues>();
    case SoundKind::bell:
      return std::make_unique<BellCues>();
    case SoundKind::chime:
      return std::make_unique<ChimeCues>(*program);
    case SoundKind::voice:
      return std::make_unique<VoiceCues>(*program);
  }
  return std::make_unique<SilentCues>();
}

}  // namespace legsup
