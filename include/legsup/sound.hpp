// Sounds a person can hear with closed eyes: the terminal bell, a soft chime legsup makes itself
// (a WAV built in memory), or short spoken cues; and the argument vectors of the programs that
// play them (the program itself finds and starts them).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "legsup/error.hpp"
#include "legsup/session_loop.hpp"

namespace legsup {

enum class SoundKind { none, bell, chime, voice };

Parsed<SoundKind> parse_sound_kind(std::string_view text);
std::string_view to_string(SoundKind kind);

// A sine note with a gentle attack and an exponential decay.
struct Note {
  double frequency = 528;  // Hz
  double seconds = 0.8;
  double attack_seconds = 0.03;
  double volume = 0.3;  // of full scale
};

inline constexpr int kWavSampleRate = 22050;

// A 16-bit mono PCM WAV file holding the notes one after another.
std::string make_wav(const std::vector<Note>& notes, int sample_rate = kWavSampleRate);

// The WAV for each cue: a chime for the start of the hold, a lower two-note chime for the end,
// a short quiet tick for breaths; none for settling in.
std::optional<std::string> chime_for(Cue cue);

// What the voice says for each cue.
std::string_view spoken_text(Cue cue);

// The argument vector that plays `file` (chime) or says `text` (voice) with the program found.
std::vector<std::string> player_arguments(const std::string& program_path, std::string_view input);

}  // namespace legsup
