#include "legsup/sound.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>

namespace legsup {

Parsed<SoundKind> parse_sound_kind(std::string_view text) {
  if (text == "none") return SoundKind::none;
  if (text == "bell") return SoundKind::bell;
  if (text == "chime") return SoundKind::chime;
  if (text == "voice") return SoundKind::voice;
  return Parsed<SoundKind>::failure(
      fmt::format("invalid sound \"{}\" (sounds: none, bell, chime or voice)", text));
}

std::string_view to_string(SoundKind kind) {
  switch (kind) {
    case SoundKind::none:
      return "none";
    case SoundKind::bell:
      return "bell";
    case SoundKind::chime:
      return "chime";
    case SoundKind::voice:
      return "voice";
  }
  return "none";
}

namespace {

void put_u32(std::string& out, std::uint32_t value) {
  for (int i = 0; i < 4; ++i)
    out += static_cast<char>((value >> (8 * i)) & 0xFF);
}

void put_u16(std::string& out, std::uint16_t value) {
  out += static_cast<char>(value & 0xFF);
  out += static_cast<char>((value >> 8) & 0xFF);
}

}  // namespace

std::string make_wav(const std::vector<Note>& notes, int sample_rate) {
  std::string samples;
  for (const auto& note : notes) {
    auto count = static_cast<long>(note.seconds * sample_rate);
    double volume = std::clamp(note.volume, 0.0, 1.0);
    for (long i = 0; i < count; ++i) {
      double t = static_cast<double>(i) / sample_rate;
      // A smooth rise, then a decay that reaches about 1% at the note's end: no click either way.
      double attack = note.attack_seconds > 0 ? std::min(1.0, t / note.attack_seconds) : 1.0;
      double envelope = std::sin(attack * std::numbers::pi / 2) *
                        std::exp(-4.6 * t / note.seconds) * (1.0 - static_cast<double>(i) / count);
      double value = volume * envelope * std::sin(2 * std::numbers::pi * note.frequency * t);
      put_u16(samples, static_cast<std::uint16_t>(static_cast<std::int16_t>(
                           std::lround(std::clamp(value, -1.0, 1.0) * 32767.0))));
    }
  }
  std::string wav = "RIFF";
  put_u32(wav, static_cast<std::uint32_t>(36 + samples.size()));
  wav += "WAVEfmt ";
  put_u32(wav, 16);  // the format chunk's size
  put_u16(wav, 1);   // PCM
  put_u16(wav, 1);   // mono
  put_u32(wav, static_cast<std::uint32_t>(sample_rate));
  put_u32(wav, static_cast<std::uint32_t>(sample_rate * 2));  // bytes a second
  put_u16(wav, 2);                                            // bytes a frame
  put_u16(wav, 16);                                           // bits a sample
  wav += "data";
  put_u32(wav, static_cast<std::uint32_t>(samples.size()));
  return wav + samples;
}

std::optional<std::string> chime_for(Cue cue) {
  switch (cue) {
    case Cue::settle:
      return std::nullopt;
    case Cue::begin:
      return make_wav({{528, 0.9, 0.04, 0.3}});
    case Cue::end:
      return make_wav({{660, 0.6, 0.04, 0.28}, {440, 1.2, 0.04, 0.28}});
    case Cue::inhale:
      return make_wav({{880, 0.08, 0.01, 0.12}});
    case Cue::exhale:
      return make_wav({{660, 0.08, 0.01, 0.12}});
  }
  return std::nullopt;
}

std::string_view spoken_text(Cue cue) {
  switch (cue) {
    case Cue::settle:
      return "Settle in";
    case Cue::begin:
      return "Begin";
    case Cue::inhale:
      return "Breathe in";
    case Cue::exhale:
      return "Breathe out";
    case Cue::end:
      return "Time to come out slowly";
  }
  return "";
}

std::vector<std::string> player_arguments(const std::string& program_path, std::string_view input) {
  std::string name = program_path.substr(program_path.rfind('/') + 1);
  std::string text(input);
  if (name == "aplay") return {program_path, "-q", text};
  if (name == "espeak-ng") return {program_path, "-a", "70", "-s", "135", "--", text};
  if (name == "spd-say") return {program_path, "-r", "-30", "-i", "-30", "--", text};
  return {program_path, text};  // pw-play, paplay
}

}  // namespace legsup
