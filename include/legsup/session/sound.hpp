// Sounds a person can hear with closed eyes, as samples: a soft synthesised chime for each kind
// of cue, spoken words made by a speech synthesiser and brought to the same loudness, and the
// argument vectors of the programs that play and speak them (the program finds and starts
// them). Every sound of a session goes into one stream of 16-bit mono samples.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "legsup/base/enum_names.hpp"
#include "legsup/base/error.hpp"
#include "legsup/session/cues.hpp"

namespace legsup {

enum class SoundKind { none, bell, chime, voice };

inline constexpr EnumName<SoundKind> kSoundKinds[] = {{SoundKind::none, "none"},
                                                      {SoundKind::bell, "bell"},
                                                      {SoundKind::chime, "chime"},
                                                      {SoundKind::voice, "voice"}};

Parsed<SoundKind> parse_sound_kind(std::string_view text);
std::string_view to_string(SoundKind kind);

// --volume: 0 to 100 (its default is in the settings table).
Parsed<int> parse_volume(std::string_view text);

// The loudest a cue gets at full volume (of full scale): the settle-in's and the hold's chimes,
// which are what a session plays first. Every other cue, spoken ones included, stays at or
// below it, and breath ticks well below: nothing is louder than the first sound heard.
inline constexpr double kLoudestCue = 0.5;

// The notes one after another (cues.hpp: Note), their peaks at `peak` of full scale.
Samples render_notes(const std::vector<Note>& notes, double peak);

// The chime of a cue at a volume from 0 to 100.
Samples chime_samples(const Cue& cue, int volume);

// How long a sound is heard: to its last sample above kAudible of its peak (a chime's tail below
// that is masked by whatever begins then; a phrase's silence after its last word is not heard).
inline constexpr double kAudible = 0.02;
Milliseconds audible_length(const Samples& samples);

// How loud a cue may be at a volume: its share of kLoudestCue.
double cue_peak(const Cue& cue, int volume);

// Speech as the synthesiser gave it, brought to its cue's loudness and with the silence before
// the first word trimmed, so that the word starts on the beat.
Samples fit_speech(Samples speech, const Cue& cue, int volume);

// A 16-bit mono PCM WAV file of samples.
std::string make_wav(const Samples& samples, int sample_rate = kSampleRate);

// The samples of a 16-bit PCM WAV file (as espeak-ng --stdout writes it: the data's length may
// be unknown), mixed to mono and brought to kSampleRate.
Parsed<Samples> parse_wav(std::string_view bytes);

// The programs that play a raw stream (16-bit little-endian mono samples at kSampleRate, on
// standard input), in the order they are preferred. Each keeps every cue on its beat, measured
// at real servers: pacat, paplay and aplay (by ALSA's PulseAudio plugin) at PulseAudio; pw-cat,
// pw-play and pacat (by PipeWire's PulseAudio service) at PipeWire.
inline const std::vector<std::string> kStreamPlayers = {"pacat", "paplay", "pw-cat", "pw-play",
                                                        "aplay"};

// The name a program goes by: the last part of its path ("pacat" for "/usr/bin/pacat").
std::string program_name(const std::string& program_path);

// What to ask a player before starting it, for the players whose arguments differ between
// their releases (pw-cat and pw-play: its --help); none for the others.
std::optional<std::vector<std::string>> stream_player_probe(const std::string& program_path);

// The arguments that make a player read the stream from standard input, given what its probe
// printed (nothing, when it has none or the probe failed).
std::vector<std::string> stream_player_arguments(const std::string& program_path,
                                                 std::string_view probe_output = {});

// The last line a program said (on its standard error) that is worth quoting when it fails:
// the last that is not blank, its control characters escaped, cut to kMostQuotedColumns.
inline constexpr int kMostQuotedColumns = 120;
std::string player_words(std::string_view said);

// How the cues of a session reach the ear, from what start found: the player that works, the
// terminal's bell where there is a terminal to ring, or nothing at all, which is refused before
// the session starts (unless no sound was asked for).
enum class Hearing { silence_asked, player, bell, nothing };
Hearing how_heard(SoundKind kind, bool player_works, bool terminal);

// Why nothing at all would be heard (Hearing::nothing), in one line: the player's failure, if
// any, and the missing terminal.
std::string not_heard_message(SoundKind kind, const std::optional<std::string>& failure);

// What reached the ear of a session's cues: how many were played, how many of those were not
// heard (a player that failed, a server gone), and why.
struct HeardCues {
  int cues = 0;
  int unheard = 0;
  std::optional<std::string> failure;        // the first failure, in a player's words
  bool restarted = false;                    // the player was started again and took sound
  bool bell_instead = false;                 // the terminal bell rang in the player's place
  std::optional<std::string> voice_failure;  // the words could not be made: chimes instead
};

// The closing line's words on it ("2 of 14 cues were not heard: pacat failed (exit 1: ...);
// it was started again."); empty when every cue was heard as asked.
std::string heard_summary(SoundKind kind, const HeardCues& heard);

// The speech synthesiser, and the arguments that write `words` to standard output as a WAV:
// spoken at `rate` words a minute, in `voice` (espeak-ng's name for it; empty: its own default).
inline const std::vector<std::string> kSpeechSynthesizers = {"espeak-ng"};
struct Speaking {
  int rate = 0;       // words a minute (--voice-rate: its default is in the settings table)
  std::string voice;  // --voice
  bool operator==(const Speaking&) const = default;
};
std::vector<std::string> speech_arguments(const std::string& program_path, std::string_view words,
                                          const Speaking& speaking);

// --voice-rate: from kSlowestSpeech to kFastestSpeech words a minute; --voice: a name of letters,
// digits and "-+_/", as espeak-ng's voices are named (en, en-us, en+f3, mb-en1).
inline constexpr int kSlowestSpeech = 80;
inline constexpr int kFastestSpeech = 260;
Parsed<int> parse_voice_rate(std::string_view text);
Parsed<std::string> parse_voice(std::string_view text);

}  // namespace legsup
