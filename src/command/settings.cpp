#include "legsup/command/settings.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>

#include "legsup/base/duration.hpp"
#include "legsup/base/json_document.hpp"
#include "legsup/base/local_time.hpp"
#include "legsup/base/paths.hpp"
#include "legsup/base/text.hpp"
#include "legsup/content/breathing.hpp"
#include "legsup/content/content.hpp"
#include "legsup/session/ambient.hpp"
#include "legsup/session/screen_mode.hpp"
#include "legsup/session/sound.hpp"

namespace legsup {
namespace {

using Result = Parsed<TypedValue>;

template <class T>
Result typed(Parsed<T> parsed) {
  if (!parsed) return Result::failure(parsed.error());
  return TypedValue(std::move(parsed).value());
}

// A duration from `least` to `most`; `range` says so in the message.
Result duration_within(std::string_view text, Milliseconds least, Milliseconds most,
                       std::string_view range) {
  auto duration = parse_duration(text);
  if (!duration) return Result::failure(duration.error());
  if (*duration < least || *duration > most) {
    return Result::failure(fmt::format("{} is out of range: {}", text, range));
  }
  return TypedValue(*duration);
}

// The hold, from a number of minutes or a duration: 1 second to 3 hours.
Result hold_of(const std::optional<std::string>& minutes,
               const std::optional<std::string>& duration) {
  auto hold = hold_from_options(minutes, duration);
  if (!hold) return Result::failure(hold.error());
  return TypedValue(**hold);
}

Result parse_flag(std::string_view text, const Content*) {
  if (text == "true" || text == "false") return TypedValue(text == "true");
  return Result::failure(fmt::format("{} is not true or false", quoted_value(text)));
}

Result parse_path(std::string_view text, const Content*) {
  if (text.empty()) return Result::failure("an empty file name");
  if (text.find('\0') != std::string_view::npos)
    return Result::failure("a file name with a NUL byte");
  return TypedValue(std::string(text));
}

std::optional<std::string> content_hold(const Environment&, const Content* content) {
  if (!content) return std::nullopt;
  return fmt::format("{}", content->hold.default_minutes);
}

std::optional<std::string> content_breath(const Environment&, const Content* content) {
  if (!content) return std::nullopt;
  return content->default_breath;
}

std::optional<std::string> log_place(const Environment& env, const Content*) {
  return default_log_path(env);
}

constexpr Milliseconds kLongestSettle{10 * 60 * 1000};
constexpr Milliseconds kLongestAmbientAfter{2 * 60 * 60 * 1000};

std::vector<SettingSpec> make_specs() {
  return {
      {.key = "minutes",
       .type = SettingType::number,
       .scope = SettingScope::start,
       .value_name = "N",
       .help = "How long to hold, in minutes (decimals allowed; default from the content)",
       .computed_default = content_hold,
       .computed_default_source = "content default",
       .group = "hold",
       .parse = [](std::string_view text,
                   const Content*) { return hold_of(std::string(text), std::nullopt); },
       .example = "12"},
      {.key = "duration",
       .type = SettingType::text,
       .scope = SettingScope::start,
       .value_name = "SPEC",
       .help = "How long to hold, such as 90s, 10m, 1m30s or 1h",
       .group = "hold",
       .parse = [](std::string_view text,
                   const Content*) { return hold_of(std::nullopt, std::string(text)); },
       .example = "90s"},
      {.key = "settle",
       .type = SettingType::text,
       .scope = SettingScope::start,
       .value_name = "SPEC",
       .help = "Time to get into position first; 0 skips it, at most 10m",
       .default_value = "30s",
       .parse =
           [](std::string_view text, const Content*) {
             return duration_within(text, Milliseconds(0), kLongestSettle, "from 0 (none) to 10m");
           },
       .example = "45s"},
      {.key = "breath",
       .type = SettingType::text,
       .scope = SettingScope::start,
       .value_name = "PATTERN",
       .help = "Paced breathing: a pattern id, seconds IN-HOLD-OUT[-HOLD] such as 4-0-6, or none "
               "(default from the content)",
       .computed_default = content_breath,
       .computed_default_source = "content default",
       .completion = Completion::breaths,
       .parse =
           [](std::string_view text, const Content* content) {
             return typed(parse_breath_choice(text, content->breath_patterns));
           },
       .needs_content = true,
       .example = "4-7-8"},
      {.key = "bpm",
       .type = SettingType::number,
       .scope = SettingScope::start,
       .value_name = "N",
       .help = "Breaths a minute: the breathing pattern paced at this rate, its shape kept (1 to "
               "30, to the tenth)",
       .parse = [](std::string_view text,
                   const Content*) { return typed(parse_breath_rate(text)); },
       .example = "5.5"},
      {.key = "ratio",
       .type = SettingType::text,
       .scope = SettingScope::start,
       .value_name = "IN:OUT",
       .help = "How a breath is shared: IN:OUT such as 4:6, or IN:HOLD:OUT[:HOLD] such as 4:7:8; "
               "the pattern's rate (or --bpm's) is kept",
       .parse = [](std::string_view text,
                   const Content*) { return typed(parse_breath_ratio(text)); },
       .example = "1:1"},
      {.key = "exact",
       .type = SettingType::flag,
       .scope = SettingScope::start,
       .help = "End the hold at the time asked, even mid-breath (without it, the hold ends with a "
               "whole breath: at most one breath longer)",
       .default_value = "false",
       .parse = parse_flag,
       .example = "true"},
      {.key = "variant",
       .type = SettingType::text,
       .scope = SettingScope::start,
       .value_name = "ID",
       .help = "The variation: its setup is shown while settling in, and recorded",
       .completion = Completion::variants,
       .parse = [](std::string_view text,
                   const Content* content) { return typed(lookup_variation(*content, text)); },
       .needs_content = true,
       .example = "bed"},
      {.key = "sound",
       .type = SettingType::text,
       .scope = SettingScope::start,
       .value_name = "KIND",
       .help = "Cues: none, bell, chime or voice",
       .default_value = "bell",
       .completion = Completion::sounds,
       .parse = [](std::string_view text, const Content*) { return typed(parse_sound_kind(text)); },
       .example = "chime"},
      {.key = "volume",
       .type = SettingType::number,
       .scope = SettingScope::start,
       .value_name = "0-100",
       .help = "How loud the chime and the voice are, from 0 to 100",
       .default_value = "40",
       .parse = [](std::string_view text, const Content*) { return typed(parse_volume(text)); },
       .example = "60"},
      {.key = "voice",
       .type = SettingType::text,
       .scope = SettingScope::start,
       .value_name = "NAME",
       .help = "The espeak-ng voice the words are spoken in, such as en-us or en+f3 (default: "
               "espeak-ng's own)",
       .parse = [](std::string_view text, const Content*) { return typed(parse_voice(text)); },
       .example = "en+f3"},
      {.key = "voice-rate",
       .type = SettingType::number,
       .scope = SettingScope::start,
       .value_name = "WPM",
       .help = "How fast the voice speaks, in words a minute, from 80 to 260",
       .default_value = "135",
       .parse = [](std::string_view text, const Content*) { return typed(parse_voice_rate(text)); },
       .example = "110"},
      {.key = "ambient",
       .type = SettingType::text,
       .scope = SettingScope::start,
       .value_name = "KIND",
       .help = "A sound to fall asleep to, quietly under the cues and stepping down while one "
               "plays: none, brown, pink or rain (with --sound chime or voice)",
       .default_value = "none",
       .completion = Completion::ambients,
       .parse = [](std::string_view text,
                   const Content*) { return typed(parse_ambient_kind(text)); },
       .example = "rain"},
      {.key = "ambient-volume",
       .type = SettingType::number,
       .scope = SettingScope::start,
       .value_name = "0-100",
       .help = "How loud the ambient sound is under the cues, from 0 to 100",
       .default_value = "30",
       .parse = [](std::string_view text, const Content*) { return typed(parse_volume(text)); },
       .example = "50"},
      {.key = "ambient-after",
       .type = SettingType::text,
       .scope = SettingScope::start,
       .value_name = "SPEC",
       .help = "Let the ambient sound go on after the session for SPEC, such as 10m, fading to "
               "silence over its last minute; 0 fades it out over the session's last minute (at "
               "most 2h)",
       .default_value = "0",
       .parse =
           [](std::string_view text, const Content*) {
             return duration_within(text, Milliseconds(0), kLongestAmbientAfter,
                                    "from 0 (none) to 2h");
           },
       .example = "10m"},
      {.key = "interval",
       .type = SettingType::text,
       .scope = SettingScope::start,
       .value_name = "SPEC",
       .help = "A soft bell every SPEC of the hold, such as 2m (from 10s to 1h)",
       .parse =
           [](std::string_view text, const Content*) {
             return duration_within(text, Milliseconds(10000), Milliseconds(3600000),
                                    "from 10s to 1h");
           },
       .example = "2m"},
      {.key = "announce",
       .type = SettingType::flag,
       .scope = SettingScope::start,
       .help = "Milestones: \"Halfway\" (holds of 2m or more), \"Five minutes left\" (over 6m) "
               "and \"One minute left\" (2m or more), spoken (voice) or rung, or not",
       .default_value = "false",
       .parse = parse_flag,
       .example = "true"},
      {.key = "pause-reminder",
       .type = SettingType::text,
       .scope = SettingScope::start,
       .value_name = "SPEC",
       .help = "While paused, a soft reminder every SPEC that the session is paused; 0 turns it "
               "off (from 10s to 1h)",
       .default_value = "3m",
       .parse = [](std::string_view text, const Content*) -> Result {
         if (auto off = parse_duration(text); off && off->count() == 0) {
           return TypedValue(Milliseconds(0));
         }
         return duration_within(text, Milliseconds(10000), Milliseconds(3600000),
                                "0 (none), or from 10s to 1h");
       },
       .example = "5m"},
      {.key = "come-out",
       .type = SettingType::text,
       .scope = SettingScope::start,
       .value_name = "SPEC",
       .help = "After the hold, pace the steps for coming out over SPEC, such as 60s; 0 prints "
               "them, at most 10m",
       .default_value = "0",
       .parse =
           [](std::string_view text, const Content*) {
             return duration_within(text, Milliseconds(0), kLongestSettle, "from 0 (none) to 10m");
           },
       .example = "60s"},
      {.key = "screen",
       .type = SettingType::text,
       .scope = SettingScope::start,
       .value_name = "MODE",
       .help = "On a terminal: normal, dim (one dim line, redrawn at most once a minute) or blank "
               "(nothing until a key is pressed)",
       .default_value = "normal",
       .completion = Completion::screens,
       .parse = [](std::string_view text, const Content*) -> Result {
         if (auto mode = value_in(kScreenModes, text)) return TypedValue(*mode);
         return Result::failure(fmt::format("invalid screen {} (screens: {})", quoted_value(text),
                                            list_choices(names_in(kScreenModes))));
       },
       .example = "dim"},
      {.key = "yes",
       .type = SettingType::flag,
       .scope = SettingScope::start,
       .help = "The cautions were read: do not ask about them before a first session",
       .default_value = "false",
       .parse = parse_flag,
       .example = "true"},
      {.key = "breath-cues",
       .type = SettingType::flag,
       .scope = SettingScope::start,
       .help = "Also sound each phase of the breath, the holds included (a soft tick, or the "
               "words with the voice), or not",
       .default_value = "false",
       .parse = parse_flag,
       .example = "true"},
      {.key = "notify",
       .type = SettingType::flag,
       .scope = SettingScope::start,
       .help = "Send a desktop notification when the session ends (notify-send), or not",
       .default_value = "false",
       .parse = parse_flag,
       .example = "true"},
      {.key = "allow-sleep",
       .type = SettingType::flag,
       .scope = SettingScope::start,
       .help = "Let the machine sleep during a session (without it, logind is asked to keep it "
               "awake until the last cue)",
       .default_value = "false",
       .parse = parse_flag,
       .example = "true"},
      {.key = "day-starts-at",
       .type = SettingType::text,
       .scope = SettingScope::file,
       .value_name = "HH:MM",
       .help = "When a night ends: a session before this time of day counts for the night "
               "before; 00:00 counts by the calendar date",
       .default_value = "04:00",
       .parse = [](std::string_view text,
                   const Content*) { return typed(parse_time_of_day(text)); },
       .example = "05:30"},
      {.key = "streak-minimum",
       .type = SettingType::text,
       .scope = SettingScope::file,
       .value_name = "SPEC",
       .help = "What a session must hold for its night to count toward a streak and the calendar",
       .default_value = "1m",
       .parse =
           [](std::string_view text, const Content*) {
             return duration_within(text, Milliseconds(0), kLongestHold, "from 0 to 3h");
           },
       .example = "5m"},
      {.key = "log",
       .type = SettingType::text,
       .scope = SettingScope::global,
       .value_name = "FILE",
       .help = "Use FILE as the session log",
       .computed_default = log_place,
       .computed_default_source = "default",
       .environment = "LEGSUP_LOG",
       .completion = Completion::files,
       .parse = parse_path,
       .example = "/home/me/notes/legsup.jsonl"},
      {.key = "content",
       .type = SettingType::text,
       .scope = SettingScope::global,
       .value_name = "FILE",
       .help = "Read the pose content from FILE instead of the built-in copy",
       .unset_text = "built-in content",
       .environment = "LEGSUP_CONTENT",
       .completion = Completion::files,
       .parse = parse_path,
       .example = "/home/me/legsup.json"},
  };
}

std::vector<std::string> known_keys(bool in_preset) {
  std::vector<std::string> keys;
  for (const auto& spec : setting_specs()) {
    if (!in_preset || spec.scope == SettingScope::start) keys.emplace_back(spec.key);
  }
  keys.emplace_back(in_preset ? "when" : "presets");
  return keys;
}

// A number as a person would type it: "10", "2.5", "0.00001" (never "1e-05").
std::string decimal_text(const nlohmann::json& number) {
  if (number.is_number_integer()) return number.dump();
  double value = number.get<double>();
  std::string text = fmt::format("{}", value);
  if (text.find_first_of("eE") == std::string::npos) return text;
  text = fmt::format("{:.20f}", value);
  while (text.back() == '0')
    text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

// The value of one key as typed, or why the file's JSON value cannot be one.
Parsed<std::string> value_text(const SettingSpec& spec, const nlohmann::json& value) {
  switch (spec.type) {
    case SettingType::number:
      if (!value.is_number()) {
        return Parsed<std::string>::failure(
            fmt::format("expected a number, such as {}", spec.example));
      }
      return decimal_text(value);
    case SettingType::flag:
      if (!value.is_boolean()) return Parsed<std::string>::failure("expected true or false");
      return std::string(value.get<bool>() ? "true" : "false");
    case SettingType::text:
      if (!value.is_string() || value.get<std::string>().empty()) {
        return Parsed<std::string>::failure("expected a non-empty string");
      }
      return value.get<std::string>();
  }
  return Parsed<std::string>::failure("unreadable");
}

// Reads an object of settings (the file's top level, or one preset) into `values`, each in its
// type but those that need the content.
std::optional<std::string> read_values(const nlohmann::json& object, bool in_preset,
                                       const std::string& where, const SettingValue& from,
                                       SettingValues& values) {
  for (const auto& [key, value] : object.items()) {
    if (key == (in_preset ? "when" : "presets")) continue;  // read by parse_config
    const SettingSpec* spec = find_setting(key);
    if (!spec || (in_preset && spec->scope != SettingScope::start)) {
      std::string nearest = did_you_mean(key, known_keys(in_preset));
      if (!nearest.empty())
        return fmt::format("{}{}: unknown key{}", where, quoted_value(key), nearest);
      return fmt::format("{}{}: unknown key (known keys: {})", where, quoted_value(key),
                         list_choices(known_keys(in_preset)));
    }
    auto text = value_text(*spec, value);
    if (!text) return fmt::format("{}\"{}\": {}", where, key, text.error());
    SettingValue read = from;
    read.text = *text;
    if (!spec->needs_content) {
      auto parsed = spec->parse(read.text, nullptr);
      if (!parsed) return fmt::format("{}\"{}\": {}", where, key, parsed.error());
      read.typed = std::move(parsed).value();
    }
    values[key] = std::move(read);
  }
  // One source may not give two settings of a group ("minutes" and "duration").
  for (const auto& spec : setting_specs()) {
    if (spec.group.empty() || !values.count(spec.key)) continue;
    for (const auto& other : setting_specs()) {
      if (&other != &spec && other.group == spec.group && values.count(other.key)) {
        return fmt::format("{}give \"{}\" or \"{}\", not both", where, spec.key, other.key);
      }
    }
  }
  return std::nullopt;
}

// Reads one preset into `config`: its settings, and its hours, which stand for it even when
// something else of it is wrong (so that the hour that would run it, and a preset whose hours
// overlap, are still known). The first problem, naming the file, the preset and the key.
std::optional<std::string> read_preset(const nlohmann::json& preset, const std::string& name,
                                       const std::string& path, ConfigFile& config) {
  std::string where = fmt::format("{}: preset {}: ", path, quoted_value(name));
  if (!is_valid_id(name)) {
    return where + "a preset's name is lower-case letters, digits and '-', such as bedtime";
  }
  if (!preset.is_object()) return where + "expected an object of settings";
  std::optional<std::string> problem;
  if (auto when = preset.find("when"); when != preset.end()) {
    auto hours = when->is_string()
                     ? parse_time_window(when->get<std::string>())
                     : Parsed<TimeWindow>::failure("expected hours such as \"21:00-04:00\"");
    if (hours) {
      config.preset_hours[name] = *hours;
    } else {
      problem = where + "\"when\": " + hours.error();
    }
  }
  SettingValue from_preset{
      "", {}, SettingSource::preset, fmt::format("preset {} in {}", name, path)};
  if (auto why = read_values(preset, true, where, from_preset, config.presets[name])) return why;
  return problem;
}

std::vector<std::string> preset_names(const ConfigFile& config) {
  std::vector<std::string> names;
  for (const auto& [name, values] : config.presets)
    names.push_back(name);
  return names;
}

}  // namespace

const std::vector<SettingSpec>& setting_specs() {
  static const std::vector<SettingSpec> specs = make_specs();
  return specs;
}

const SettingSpec* find_setting(std::string_view key) {
  for (const auto& spec : setting_specs()) {
    if (spec.key == key) return &spec;
  }
  return nullptr;
}

namespace {

OptionSpec option_of(const SettingSpec& spec) {
  OptionSpec option;
  option.name = fmt::format("--{}", spec.key);
  option.value_name = std::string(spec.value_name);
  option.help = std::string(spec.help);
  // The default, from the table: a flag is said to be on only when it is.
  bool off_flag = spec.type == SettingType::flag && spec.default_value == "false";
  if (!spec.default_value.empty() && !off_flag) {
    option.help += fmt::format(" (default {})", spec.default_value);
  }
  option.completion = spec.completion;
  option.negatable = spec.type == SettingType::flag;
  return option;
}

}  // namespace

std::vector<OptionSpec> setting_options(SettingScope scope) {
  std::vector<OptionSpec> options;
  for (const auto& spec : setting_specs()) {
    if (spec.scope == scope) options.push_back(option_of(spec));
  }
  return options;
}

OptionSpec setting_option(std::string_view key) {
  return option_of(*find_setting(key));
}

Parsed<ConfigFile> parse_config(std::string_view text, const std::string& path) {
  auto document = parse_json_document(text, path);
  if (!document) return Parsed<ConfigFile>::failure(document.error());
  if (!document->is_object()) {
    return Parsed<ConfigFile>::failure(fmt::format("{}: expected a JSON object of settings", path));
  }
  ConfigFile config;
  config.path = path;
  SettingValue from_file{"", {}, SettingSource::config_file, path};
  if (auto why = read_values(*document, false, path + ": ", from_file, config.values)) {
    return Parsed<ConfigFile>::failure(*why);
  }
  if (auto presets = document->find("presets"); presets != document->end()) {
    if (!presets->is_object()) {
      return Parsed<ConfigFile>::failure(
          fmt::format("{}: \"presets\": expected an object of named presets", path));
    }
    for (const auto& [name, preset] : presets->items()) {
      if (auto why = read_preset(preset, name, path, config)) {
        // Only what uses this preset stops: it is kept aside with its problem.
        config.presets.erase(name);
        config.bad_presets[name] = *why;
      }
    }
  }
  // At any hour, at most one preset is the one to run.
  for (const auto& [name, hours] : config.preset_hours) {
    for (const auto& [other, other_hours] : config.preset_hours) {
      if (name < other && hours.overlaps(other_hours)) {
        return Parsed<ConfigFile>::failure(
            fmt::format("{}: the hours of presets \"{}\" ({}) and \"{}\" ({}) overlap", path, name,
                        hours.text(), other, other_hours.text()));
      }
    }
  }
  return config;
}

namespace {

// Why there is no preset to name: the file has none, or there is no file, and where it would be.
std::string no_presets(const ConfigFile& config, const Environment& env) {
  if (config.path) return fmt::format("the config file {} has no presets", *config.path);
  if (auto path = default_config_path(env)) {
    return fmt::format("there is no config file: presets are set in {}", *path);
  }
  return "there is no config file, and no place for one: neither XDG_CONFIG_HOME nor HOME is set";
}

}  // namespace

std::optional<std::string> preset_of_the_hour(const ConfigFile& config, const LocalTime& now) {
  for (const auto& [name, hours] : config.preset_hours) {
    if (hours.contains(now)) return name;
  }
  return std::nullopt;
}

std::optional<std::string> read_config_with_content(ConfigFile& config, const Content& content) {
  auto read = [&](SettingValues& values, const std::string& where) -> std::optional<std::string> {
    for (auto& [key, value] : values) {
      const SettingSpec* spec = find_setting(key);
      if (!spec || !spec->needs_content) continue;
      auto parsed = spec->parse(value.text, &content);
      if (!parsed) return fmt::format("{}\"{}\": {}", where, key, parsed.error());
      value.typed = std::move(parsed).value();
    }
    return std::nullopt;
  };
  std::string path = config.path.value_or("config");
  if (auto why = read(config.values, path + ": ")) return why;
  for (auto preset = config.presets.begin(); preset != config.presets.end();) {
    if (auto why = read(preset->second, fmt::format("{}: preset \"{}\": ", path, preset->first))) {
      config.bad_presets[preset->first] = *why;
      preset = config.presets.erase(preset);
    } else {
      ++preset;
    }
  }
  return std::nullopt;
}

const SettingValue* Settings::find(std::string_view key) const {
  if (auto found = values_.find(key); found != values_.end()) return &found->second;
  for (const auto& spec : setting_specs()) {
    if (spec.group != key) continue;
    if (auto found = values_.find(spec.key); found != values_.end()) return &found->second;
  }
  return nullptr;
}

void Settings::set(std::string_view key, SettingValue value) {
  values_[std::string(key)] = std::move(value);
}

Settings resolve_settings(const SettingInputs& inputs, const Content* content) {
  const ConfigFile& config = inputs.config;
  const SettingValues* preset = nullptr;
  if (inputs.preset) {
    // A preset with a problem stops what uses it, as a bad config file stops everything.
    if (auto bad = config.bad_presets.find(*inputs.preset); bad != config.bad_presets.end()) {
      throw runtime_error(bad->second);
    }
    auto found = config.presets.find(*inputs.preset);
    if (found == config.presets.end()) {
      auto names = preset_names(config);
      throw usage_error(fmt::format(
          "unknown preset {} ({})", quoted_value(*inputs.preset),
          names.empty() ? no_presets(config, inputs.env) : "presets: " + list_choices(names)));
    }
    preset = &found->second;
  }

  // Text from the command line, the environment or the table becomes its type here; a value
  // that needs the content is left out while there is none.
  auto typed_value = [&](const SettingSpec& spec, std::string text, SettingSource source,
                         std::string origin, ErrorKind kind,
                         const std::string& name) -> std::optional<SettingValue> {
    if (spec.needs_content && !content) return std::nullopt;
    auto parsed = spec.parse(text, content);
    if (!parsed) throw Error(kind, fmt::format("{}: {}", name, parsed.error()));
    return SettingValue{std::move(text), std::move(parsed).value(), source, std::move(origin)};
  };
  auto from_file = [&](const SettingValues* values,
                       const SettingSpec& spec) -> std::optional<SettingValue> {
    if (!values || (spec.needs_content && !content)) return std::nullopt;
    auto found = values->find(spec.key);
    if (found == values->end()) return std::nullopt;
    if (std::holds_alternative<std::monostate>(found->second.typed)) {
      throw std::logic_error("the config file was not read with the content");
    }
    return found->second;
  };
  using Level = std::function<std::optional<SettingValue>(const SettingSpec&)>;
  const Level levels[] = {
      [&](const SettingSpec& spec) -> std::optional<SettingValue> {
        auto found = inputs.options.find(spec.key);
        if (found == inputs.options.end()) return std::nullopt;
        std::string option = fmt::format("--{}", spec.key);
        return typed_value(spec, found->second, SettingSource::option, "option " + option,
                           ErrorKind::usage, option);
      },
      [&](const SettingSpec& spec) -> std::optional<SettingValue> {
        if (spec.environment.empty()) return std::nullopt;
        std::string variable(spec.environment);
        auto value = inputs.env.get(variable);
        if (!value) return std::nullopt;
        return typed_value(spec, *value, SettingSource::environment, "environment " + variable,
                           ErrorKind::runtime, variable);
      },
      [&](const SettingSpec& spec) { return from_file(preset, spec); },
      [&](const SettingSpec& spec) { return from_file(&config.values, spec); },
  };

  // The table's default, or one worked out from the content or the environment.
  auto default_of = [&](const SettingSpec& spec) -> std::optional<SettingValue> {
    std::string name = fmt::format("the default of {}", spec.key);
    if (!spec.default_value.empty()) {
      return typed_value(spec, std::string(spec.default_value), SettingSource::default_value,
                         "default", ErrorKind::runtime, name);
    }
    if (!spec.computed_default) return std::nullopt;
    auto text = spec.computed_default(inputs.env, content);
    if (!text) return std::nullopt;
    return typed_value(spec, *text, SettingSource::default_value,
                       std::string(spec.computed_default_source), ErrorKind::runtime, name);
  };

  Settings settings;
  std::vector<std::string_view> groups_done;
  for (const auto& spec : setting_specs()) {
    std::vector<const SettingSpec*> members = {&spec};
    if (!spec.group.empty()) {
      if (std::find(groups_done.begin(), groups_done.end(), spec.group) != groups_done.end()) {
        continue;
      }
      groups_done.push_back(spec.group);
      members.clear();
      for (const auto& member : setting_specs()) {
        if (member.group == spec.group) members.push_back(&member);
      }
    }
    // The first level that gives any member decides (for a group: the whole group).
    bool decided = false;
    for (const auto& level : levels) {
      std::vector<std::pair<const SettingSpec*, SettingValue>> given;
      for (const SettingSpec* member : members) {
        if (auto value = level(*member)) given.emplace_back(member, std::move(*value));
      }
      if (given.size() > 1) {
        throw usage_error(
            fmt::format("give --{} or --{}, not both", given[0].first->key, given[1].first->key));
      }
      if (!given.empty()) {
        settings.set(given.front().first->key, std::move(given.front().second));
        decided = true;
        break;
      }
    }
    if (!decided) {
      if (auto value = default_of(spec)) settings.set(spec.key, std::move(*value));
    }
  }
  return settings;
}

}  // namespace legsup
