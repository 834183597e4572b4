// Sounds a person can hear with closed eyes: the terminal bell, a soft chime legsup makes itself
// (a WAV built in memory), or short spoken cues. Players are found on PATH and started with
// fork and exec, never through a shell, and never waited for.
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

// The full path of the first of `programs` found in the folders of `path_variable`.
std::optional<std::string> find_program(const std::vector<std::string>& programs,
                                        std::string_view path_variable);

inline const std::vector<std::string> kChimePlayers = {"pw-play", "paplay", "aplay"};
inline const std::vector<std::string> kVoicePlayers = {"espeak-ng", "spd-say"};

// The argument vector that plays `file` (chime) or says `text` (voice) with the program found.
std::vector<std::string> player_arguments(const std::string& program_path, std::string_view input);

// Starts a program with an argument vector: no shell, standard streams on /dev/null, `pass_fd`
// (when not -1) given to the child as file descriptor 3. Does not wait. False when it could not
// be started.
bool spawn_detached(const std::vector<std::string>& arguments, int pass_fd = -1);

}  // namespace legsup
