#include "legsup/session/sound.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numbers>

#include "legsup/base/text.hpp"

namespace legsup {

Parsed<SoundKind> parse_sound_kind(std::string_view text) {
  if (auto kind = value_in(kSoundKinds, text)) return *kind;
  return Parsed<SoundKind>::failure(fmt::format("invalid sound {} (sounds: {})", quoted_value(text),
                                                list_choices(names_in(kSoundKinds))));
}

std::string_view to_string(SoundKind kind) {
  return name_in(kSoundKinds, kind);
}

Parsed<int> parse_volume(std::string_view text) {
  int volume = -1;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), volume);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || volume < 0 ||
      volume > 100) {
    return Parsed<int>::failure(fmt::format(
        "invalid volume {}: expected a whole number from 0 to 100", quoted_value(text)));
  }
  return volume;
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

std::uint32_t get_u32(std::string_view bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (int i = 3; i >= 0; --i)
    value = (value << 8) | static_cast<unsigned char>(bytes[at + static_cast<std::size_t>(i)]);
  return value;
}

std::uint16_t get_u16(std::string_view bytes, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(bytes[at]) |
                                    (static_cast<unsigned char>(bytes[at + 1]) << 8));
}

// The notes of a cue's chime, as its row in the table of cue kinds gives them.
std::vector<Note> notes_of(const Chime& chime) {
  std::vector<Note> notes = {chime.first};
  if (chime.second) notes.push_back(*chime.second);
  return notes;
}

}  // namespace

Samples render_notes(const std::vector<Note>& notes, double peak) {
  Samples samples;
  for (const auto& note : notes) {
    auto count = static_cast<long>(note.seconds * kSampleRate);
    std::vector<double> wave(static_cast<std::size_t>(count));
    double loudest = 0;
    for (long i = 0; i < count; ++i) {
      double t = static_cast<double>(i) / kSampleRate;
      // A smooth rise, then a decay that reaches about 1% at the note's end: no click either way.
      double attack = note.attack_seconds > 0 ? std::min(1.0, t / note.attack_seconds) : 1.0;
      double envelope = std::sin(attack * std::numbers::pi / 2) *
                        std::exp(-4.6 * t / note.seconds) * (1.0 - static_cast<double>(i) / count);
      wave[static_cast<std::size_t>(i)] =
          envelope * std::sin(2 * std::numbers::pi * note.frequency * t);
      loudest = std::max(loudest, std::fabs(wave[static_cast<std::size_t>(i)]));
    }
    // Each note's own peak is exactly its share of the cue's: the envelopes differ, the
    // loudness does not.
    double gain = loudest > 0 ? std::clamp(peak * note.level, 0.0, 0.99) / loudest : 0.0;
    for (double value : wave)
      samples.push_back(static_cast<std::int16_t>(std::lround(value * gain * 32767.0)));
  }
  return samples;
}

double cue_peak(const Cue& cue, int volume) {
  return kLoudestCue * cue_spec(cue.kind).chime.level * std::clamp(volume, 0, 100) / 100.0;
}

Samples chime_samples(const Cue& cue, int volume) {
  return render_notes(notes_of(cue_spec(cue.kind).chime), cue_peak(cue, volume));
}

Milliseconds audible_length(const Samples& samples) {
  int peak = 0;
  for (std::int16_t sample : samples)
    peak = std::max(peak, std::abs(static_cast<int>(sample)));
  std::size_t end = samples.size();
  while (end > 0 && std::abs(static_cast<int>(samples[end - 1])) <= peak * kAudible)
    --end;
  return Milliseconds(static_cast<long>(end) * 1000 / kSampleRate);
}

Samples fit_speech(Samples speech, const Cue& cue, int volume) {
  int loudest = 0;
  for (std::int16_t sample : speech)
    loudest = std::max(loudest, std::abs(static_cast<int>(sample)));
  if (loudest == 0) return {};
  // Trim the synthesiser's lead-in: the first sample above 2% of the speech's peak.
  std::size_t first = 0;
  while (first < speech.size() && std::abs(static_cast<int>(speech[first])) < loudest / 50)
    ++first;
  // Words are spoken as loud as the cue's chime would be.
  double gain = cue_peak(cue, volume) * 32767.0 / loudest;
  Samples fitted;
  fitted.reserve(speech.size() - first);
  for (std::size_t i = first; i < speech.size(); ++i) {
    fitted.push_back(static_cast<std::int16_t>(std::lround(speech[i] * gain)));
  }
  return fitted;
}

std::string make_wav(const Samples& samples, int sample_rate) {
  std::string wav = "RIFF";
  auto data_bytes = static_cast<std::uint32_t>(samples.size() * 2);
  put_u32(wav, 36 + data_bytes);
  wav += "WAVEfmt ";
  put_u32(wav, 16);  // the format chunk's size
  put_u16(wav, 1);   // PCM
  put_u16(wav, 1);   // mono
  put_u32(wav, static_cast<std::uint32_t>(sample_rate));
  put_u32(wav, static_cast<std::uint32_t>(sample_rate * 2));  // bytes a second
  put_u16(wav, 2);                                            // bytes a frame
  put_u16(wav, 16);                                           // bits a sample
  wav += "data";
  put_u32(wav, data_bytes);
  for (std::int16_t sample : samples)
    put_u16(wav, static_cast<std::uint16_t>(sample));
  return wav;
}

Parsed<Samples> parse_wav(std::string_view bytes) {
  auto invalid = [](std::string_view why) {
    return Parsed<Samples>::failure(fmt::format("not a WAV file the chime can use: {}", why));
  };
  if (bytes.size() < 12 || bytes.substr(0, 4) != "RIFF" || bytes.substr(8, 4) != "WAVE") {
    return invalid("no RIFF WAVE header");
  }
  int channels = 0, rate = 0, bits = 0;
  std::size_t at = 12;
  while (at + 8 <= bytes.size()) {
    std::string_view id = bytes.substr(at, 4);
    std::uint32_t size = get_u32(bytes, at + 4);
    at += 8;
    if (id == "fmt ") {
      if (size < 16 || at + 16 > bytes.size()) return invalid("a short format chunk");
      if (get_u16(bytes, at) != 1) return invalid("not PCM");
      channels = get_u16(bytes, at + 2);
      rate = static_cast<int>(get_u32(bytes, at + 4));
      bits = get_u16(bytes, at + 14);
    } else if (id == "data") {
      if (channels < 1 || bits != 16 || rate < 1000) return invalid("not 16-bit PCM");
      // A stream's writer may not know the data's length: take what is there.
      std::size_t length = std::min<std::size_t>(size, bytes.size() - at);
      std::size_t frames = length / (2 * static_cast<std::size_t>(channels));
      Samples mono(frames);
      for (std::size_t frame = 0; frame < frames; ++frame) {
        int sum = 0;
        for (int channel = 0; channel < channels; ++channel) {
          sum += static_cast<std::int16_t>(
              get_u16(bytes, at + (frame * static_cast<std::size_t>(channels) +
                                   static_cast<std::size_t>(channel)) *
                                      2));
        }
        mono[frame] = static_cast<std::int16_t>(sum / channels);
      }
      if (rate == kSampleRate) return mono;
      // Another rate: linear interpolation to ours (speech needs nothing finer).
      Samples resampled;
      double step = static_cast<double>(rate) / kSampleRate;
      for (double position = 0; position + 1 < static_cast<double>(mono.size()); position += step) {
        auto index = static_cast<std::size_t>(position);
        double fraction = position - static_cast<double>(index);
        resampled.push_back(static_cast<std::int16_t>(
            std::lround(mono[index] * (1 - fraction) + mono[index + 1] * fraction)));
      }
      return resampled;
    }
    at += size + (size & 1);
  }
  return invalid("no data chunk");
}

std::string program_name(const std::string& program_path) {
  return program_path.substr(program_path.rfind('/') + 1);
}

namespace {

bool is_pipewire_player(const std::string& program_path) {
  std::string name = program_name(program_path);
  return name == "pw-cat" || name == "pw-play";
}

}  // namespace

std::optional<std::vector<std::string>> stream_player_probe(const std::string& program_path) {
  if (!is_pipewire_player(program_path)) return std::nullopt;
  return std::vector<std::string>{program_path, "--help"};
}

std::vector<std::string> stream_player_arguments(const std::string& program_path,
                                                 std::string_view probe_output) {
  std::string name = program_name(program_path);
  std::string rate = std::to_string(kSampleRate);
  if (name == "aplay") {
    // A short buffer, in short periods: its own (half a second) answers a key that late; 80 ms
    // answered one in 0.12 s at a real server, steadily (60 ms ran dry).
    return {program_path,
            "-q",
            "-t",
            "raw",
            "-f",
            "S16_LE",
            "-r",
            rate,
            "-c",
            "1",
            "--buffer-time=80000",
            "--period-time=10000",
            "-"};
  }
  if (name == "pacat" || name == "paplay") {
    // A short buffer: a cue written now is heard in a tenth of a second, not two (fed no more than
    // the stream's lead ahead, the server holds about that much).
    return {program_path,         "--playback",           "--raw",
            "--format=s16le",     "--rate=" + rate,       "--channels=1",
            "--latency-msec=100", "--client-name=legsup", "--stream-name=cues"};
  }
  // pw-cat and pw-play take "-" as raw samples of the rate, channels and format given (measured
  // with 0.3.65: without them a mono stream at 22050 Hz plays as stereo at 48000 Hz, over four
  // times too fast). Releases that have --raw read a sound file from "-" unless given it. A node
  // latency of 40 ms rather than their 100: a key is answered sooner. Not 20: the server's graph
  // runs in quanta of a power of two, 1024 frames at 48 kHz (21 ms) for 40 ms, 512 for 20, and a
  // key's sound comes about four quanta after the stream's lead (0.17 s against 0.13 at the
  // sink), but at 512 pw-cat stalled for 0.3 s at a time with two test suites running beside,
  // putting cues 0.04 to 1.5 s off their beats in four runs of four; at 1024, none in three.
  std::vector<std::string> arguments{program_path, "--playback"};
  if (probe_output.find("--raw") != std::string_view::npos) arguments.emplace_back("--raw");
  arguments.insert(arguments.end(), {"--latency", "40ms", "--rate", rate, "--channels", "1",
                                     "--format", "s16", "-"});
  return arguments;
}

std::vector<std::string> speech_arguments(const std::string& program_path, std::string_view words,
                                          const Speaking& speaking) {
  std::vector<std::string> arguments = {program_path, "--stdout", "-s",
                                        std::to_string(speaking.rate)};
  if (!speaking.voice.empty()) arguments.insert(arguments.end(), {"-v", speaking.voice});
  arguments.insert(arguments.end(), {"--", std::string(words)});
  return arguments;
}

Parsed<int> parse_voice_rate(std::string_view text) {
  int rate = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), rate);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() ||
      rate < kSlowestSpeech || rate > kFastestSpeech) {
    return Parsed<int>::failure(fmt::format(
        "invalid voice rate \"{}\": expected words a minute, a whole number from {} to {}", text,
        kSlowestSpeech, kFastestSpeech));
  }
  return rate;
}

Parsed<std::string> parse_voice(std::string_view text) {
  constexpr std::size_t kLongestVoice = 40;
  bool valid = !text.empty() && text.size() <= kLongestVoice && text.front() != '-' &&
               std::all_of(text.begin(), text.end(), [](char c) {
                 return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '_' || c == '/';
               });
  if (!valid) {
    return Parsed<std::string>::failure(fmt::format(
        "invalid voice \"{}\": expected the name of an espeak-ng voice, such as en, en-us or en+f3",
        text));
  }
  return std::string(text);
}

std::string player_words(std::string_view said) {
  std::size_t end = said.find_last_not_of(" \t\r\n");
  if (end == std::string_view::npos) return "";
  std::size_t start = said.find_last_of("\r\n", end);
  start = start == std::string_view::npos ? 0 : start + 1;
  return cut_to_width(escape_controls(said.substr(start, end - start + 1)), kMostQuotedColumns);
}

Hearing how_heard(SoundKind kind, bool player_works, bool terminal) {
  switch (kind) {
    case SoundKind::none:
      return Hearing::silence_asked;
    case SoundKind::bell:
      break;
    case SoundKind::chime:
    case SoundKind::voice:
      if (player_works) return Hearing::player;
      break;
  }
  return terminal ? Hearing::bell : Hearing::nothing;
}

std::string not_heard_message(SoundKind kind, const std::optional<std::string>& failure) {
  if (kind == SoundKind::bell || !failure) {
    return "nothing would be heard: the bell rings on a terminal, and there is none (--sound chime "
           "or voice plays through a sound server; --sound none runs without sound)";
  }
  return fmt::format(
      "nothing would be heard: {}, and there is no terminal to ring the bell on instead (--sound "
      "none runs without sound)",
      *failure);
}

namespace {

std::string player_summary(SoundKind kind, const HeardCues& heard) {
  std::string why = heard.failure.value_or("");
  if (heard.unheard > 0) {
    std::string text = fmt::format("{} of {} {} not heard", heard.unheard, heard.cues,
                                   heard.unheard > 1 ? "cues were"
                                   : heard.cues > 1  ? "cues was"
                                                     : "cue was");
    if (!why.empty()) text += ": " + why;
    if (heard.restarted) text += "; it was started again";
    if (heard.bell_instead) text += "; the terminal bell rang in its place";
    return text + ".";
  }
  if (why.empty()) return "";
  if (heard.bell_instead) {
    return fmt::format("No {} was heard: {}; the terminal bell rang in its place.", to_string(kind),
                       why);
  }
  return fmt::format("Every cue was heard, though {}{}.", why,
                     heard.restarted ? "; it was started again" : "");
}

}  // namespace

std::string heard_summary(SoundKind kind, const HeardCues& heard) {
  std::string text = player_summary(kind, heard);
  if (heard.voice_failure) {
    if (!text.empty()) text += ' ';
    text += fmt::format("The words were not spoken ({}): chimes played in their place.",
                        *heard.voice_failure);
  }
  return text;
}

}  // namespace legsup
