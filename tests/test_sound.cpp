#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>

#include "legsup/sound.hpp"
#include "players.hpp"
#include "temp_folder.hpp"

using namespace legsup;

namespace {

std::uint32_t u32(const std::string& data, std::size_t at) {
  std::uint32_t value = 0;
  for (int i = 3; i >= 0; --i)
    value = (value << 8) | static_cast<unsigned char>(data[at + i]);
  return value;
}

std::uint16_t u16(const std::string& data, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(data[at]) |
                                    (static_cast<unsigned char>(data[at + 1]) << 8));
}

std::int16_t sample(const std::string& wav, std::size_t index) {
  return static_cast<std::int16_t>(u16(wav, 44 + 2 * index));
}

}  // namespace

TEST_CASE("the chime is a valid 16-bit mono WAV of the notes' length") {
  std::string wav = make_wav({{528, 0.5, 0.03, 0.3}, {440, 0.25, 0.03, 0.3}});
  REQUIRE(wav.size() > 44);
  CHECK(wav.substr(0, 4) == "RIFF");
  CHECK(u32(wav, 4) == wav.size() - 8);
  CHECK(wav.substr(8, 8) == "WAVEfmt ");
  CHECK(u16(wav, 20) == 1);  // PCM
  CHECK(u16(wav, 22) == 1);  // mono
  CHECK(u32(wav, 24) == kWavSampleRate);
  CHECK(u16(wav, 34) == 16);
  CHECK(wav.substr(36, 4) == "data");
  std::size_t samples = static_cast<std::size_t>(0.75 * kWavSampleRate);
  CHECK(u32(wav, 40) == samples * 2);
  CHECK(wav.size() == 44 + samples * 2);
}

TEST_CASE("the chime never clips, starts softly and dies away") {
  std::string wav = make_wav({{528, 0.9, 0.04, 0.3}});
  std::size_t count = (wav.size() - 44) / 2;
  int peak = 0;
  for (std::size_t i = 0; i < count; ++i)
    peak = std::max(peak, std::abs(int{sample(wav, i)}));
  CHECK(peak <= static_cast<int>(0.3 * 32767) + 1);
  CHECK(peak > static_cast<int>(0.2 * 32767));  // loud enough to hear
  CHECK(std::abs(int{sample(wav, 0)}) < 100);   // no click at the start
  int tail = 0;
  for (std::size_t i = count - 200; i < count; ++i)
    tail = std::max(tail, std::abs(int{sample(wav, i)}));
  CHECK(tail < 200);  // nor at the end
}

TEST_CASE("each cue has its chime and its words") {
  CHECK_FALSE(chime_for(Cue::settle).has_value());
  CHECK(chime_for(Cue::end)->size() > chime_for(Cue::begin)->size());
  CHECK(chime_for(Cue::inhale)->size() < chime_for(Cue::begin)->size());
  CHECK(spoken_text(Cue::inhale) == "Breathe in");
  CHECK(spoken_text(Cue::end) == "Time to come out slowly");
}

TEST_CASE("players are found on PATH in order of preference") {
  TempFolder temp;
  const std::string& folder = temp.path();
  auto make = [&](const std::string& name, mode_t mode) {
    std::ofstream(folder + "/" + name) << "#!/bin/sh\n";
    ::chmod((folder + "/" + name).c_str(), mode);
  };
  std::string path = "/nonexistent:" + folder;
  CHECK_FALSE(find_program(kChimePlayers, path).has_value());
  make("aplay", 0755);
  CHECK(find_program(kChimePlayers, path) == folder + "/aplay");
  make("pw-play", 0644);  // not executable: passed over
  CHECK(find_program(kChimePlayers, path) == folder + "/aplay");
  make("paplay", 0755);
  CHECK(find_program(kChimePlayers, path) == folder + "/paplay");
  CHECK(player_arguments(folder + "/aplay", "/dev/fd/3") ==
        std::vector<std::string>{folder + "/aplay", "-q", "/dev/fd/3"});
  CHECK(player_arguments("/usr/bin/espeak-ng", "Begin").back() == "Begin");
}

TEST_CASE("sound kinds parse, and a wrong one lists the valid ones") {
  CHECK(*parse_sound_kind("chime") == SoundKind::chime);
  CHECK(parse_sound_kind("gong").error() ==
        "invalid sound \"gong\" (sounds: none, bell, chime or voice)");
}
