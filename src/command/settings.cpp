#include "legsup/command/settings.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "legsup/base/duration.hpp"
#include "legsup/base/json_text.hpp"
#include "legsup/base/local_time.hpp"
#include "legsup/base/text.hpp"
#include "legsup/content/breathing.hpp"
#include "legsup/content/content.hpp"
#include "legsup/session/screen_mode.hpp"
#include "legsup/session/sound.hpp"

namespace legsup {
namespace {

constexpr Milliseconds kLongestSettle{10 * 60 * 1000};

using Check = std::optional<std::string>;

template <class T>
Check failure_of(const Parsed<T>& parsed) {
  if (parsed) return std::nullopt;
  return parsed.error();
}

Check check_minutes(std::string_view value, const Content*) {
  return failure_of(hold_from_options(std::string(value), std::nullopt));
}

Check check_duration(std::string_view value, const Content*) {
  return failure_of(hold_from_options(std::nullopt, std::string(value)));
}

Check check_settle(std::string_view value, const Content*) {
  auto settle = parse_duration(value);
  if (!settle) return settle.error();
  if (*settle > kLongestSettle)
    return fmt::format("{} is out of range: from 0 (none) to 10m", value);
  return std::nullopt;
}

Check check_breath(std::string_view value, const Content* content) {
  return failure_of(parse_breath_choice(value, content->breath_patterns));
}

Check check_variant(std::string_view value, const Content* content) {
  return failure_of(lookup_variation(*content, value));
}

Check check_sound(std::string_view value, const Content*) {
  return failure_of(parse_sound_kind(value));
}

Check check_time_of_day(std::string_view value, const Content*) {
  return failure_of(parse_time_of_day(value));
}

Check check_streak_minimum(std::string_view value, const Content*) {
  auto minimum = parse_duration(value);
  if (!minimum) return minimum.error();
  if (*minimum > kLongestHold) return fmt::format("{} is out of range: from 0 to 3h", value);
  return std::nullopt;
}

Check check_volume(std::string_view value, const Content*) {
  return failure_of(parse_volume(value));
}

// An interval bell: every so much of the hold, from 10 seconds to an hour.
Check check_interval(std::string_view value, const Content*) {
  auto interval = parse_duration(value);
  if (!interval) return interval.error();
  if (*interval < Milliseconds(10000) || *interval > Milliseconds(3600000)) {
    return fmt::format("{} is out of range: from 10s to 1h", value);
  }
  return std::nullopt;
}

Check check_come_out(std::string_view value, const Content*) {
  auto come_out = parse_duration(value);
  if (!come_out) return come_out.error();
  if (*come_out > kLongestSettle)
    return fmt::format("{} is out of range: from 0 (none) to 10m", value);
  return std::nullopt;
}

Check check_screen(std::string_view value, const Content*) {
  if (value_in(kScreenModes, value)) return std::nullopt;
  return fmt::format("invalid screen \"{}\" (screens: {})", value,
                     list_choices(names_in(kScreenModes)));
}

Check check_flag(std::string_view value, const Content*) {
  if (value == "true" || value == "false") return std::nullopt;
  return fmt::format("\"{}\" is not true or false", value);
}

Check check_path(std::string_view value, const Content*) {
  if (value.empty()) return std::string("an empty file name");
  if (value.find('\0') != std::string_view::npos) return std::string("a file name with a NUL byte");
  return std::nullopt;
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

std::vector<SettingSpec> make_specs() {
  return {
      {.key = "minutes",
       .type = SettingType::number,
       .scope = SettingScope::start,
       .value_name = "N",
       .help = "How long to hold, in minutes (decimals allowed; default from the content: 10)",
       .computed_default = content_hold,
       .computed_default_source = "content default",
       .group = "hold",
       .check = check_minutes},
      {.key = "duration",
       .type = SettingType::text,
       .scope = SettingScope::start,
       .value_name = "SPEC",
       .help = "How long to hold, such as 90s, 10m, 1m30s or 1h",
       .group = "hold",
       .check = check_duration},
      {.key = "settle",
       .type = SettingType::text,
       .scope = SettingScope::start,
       .value_name = "SPEC",
       .help = "Time to get into position first (default 30s; 0 skips it; at most 10m)",
       .default_value = "30s",
       .check = check_settle},
      {.key = "breath",
       .type = SettingType::text,
       .scope = SettingScope::start,
       .value_name = "PATTERN",
       .help = "Paced breathing: a pattern id, seconds IN-HOLD-OUT[-HOLD] such as 4-0-6, or none "
               "(default from the content)",
       .computed_default = content_breath,
       .computed_default_source = "content default",
       .completion = Completion::breaths,
       .check = check_breath,
       .needs_content = true},
      {.key = "variant",
       .type = SettingType::text,
       .scope = SettingScope::start,
       .value_name = "ID",
       .help = "The variation: its setup is shown while settling in, and recorded",
       .completion = Completion::variants,
       .check = check_variant,
       .needs_content = true},
      {.key = "sound",
       .type = SettingType::text,
       .scope = SettingScope::start,
       .value_name = "KIND",
       .help = "Cues: none, bell, chime or voice (default bell)",
       .default_value = "bell",
       .completion = Completion::sounds,
       .check = check_sound},
      {.key = "volume",
       .type = SettingType::number,
       .scope = SettingScope::start,
       .value_name = "0-100",
       .help = "How loud the chime and the voice are (default 40: soft)",
       .default_value = "40",
       .check = check_volume},
      {.key = "interval",
       .type = SettingType::text,
       .scope = SettingScope::start,
       .value_name = "SPEC",
       .help = "A soft bell every SPEC of the hold, such as 2m (from 10s to 1h)",
       .check = check_interval},
      {.key = "announce",
       .type = SettingType::flag,
       .scope = SettingScope::start,
       .help = "Say the time left at halfway, 5 and 1 minute left (voice), or ring a milestone "
               "tone (chime, bell), or not",
       .default_value = "false",
       .check = check_flag},
      {.key = "come-out",
       .type = SettingType::text,
       .scope = SettingScope::start,
       .value_name = "SPEC",
       .help = "After the hold, pace the steps for coming out over SPEC, such as 60s (default "
               "0: print them; at most 10m)",
       .default_value = "0",
       .check = check_come_out},
      {.key = "screen",
       .type = SettingType::text,
       .scope = SettingScope::start,
       .value_name = "MODE",
       .help = "On a terminal: normal, dim (one dim line, redrawn at most once a minute) or blank "
               "(nothing until a key is pressed)",
       .default_value = "normal",
       .completion = Completion::screens,
       .check = check_screen},
      {.key = "yes",
       .type = SettingType::flag,
       .scope = SettingScope::start,
       .help = "The cautions were read: do not ask about them before a first session",
       .default_value = "false",
       .check = check_flag},
      {.key = "breath-cues",
       .type = SettingType::flag,
       .scope = SettingScope::start,
       .help = "Also sound each inhale and exhale (a soft tick), or not",
       .default_value = "false",
       .check = check_flag},
      {.key = "notify",
       .type = SettingType::flag,
       .scope = SettingScope::start,
       .help = "Send a desktop notification when the session ends (notify-send), or not",
       .default_value = "false",
       .check = check_flag},
      {.key = "day-starts-at",
       .type = SettingType::text,
       .scope = SettingScope::file,
       .value_name = "HH:MM",
       .help = "When a night ends: a session before this time of day counts for the night before "
               "(default 04:00; 00:00 counts by the calendar date)",
       .default_value = "04:00",
       .check = check_time_of_day},
      {.key = "streak-minimum",
       .type = SettingType::text,
       .scope = SettingScope::file,
       .value_name = "SPEC",
       .help = "What a session must hold for its night to count toward a streak and the calendar "
               "(default 1m)",
       .default_value = "1m",
       .check = check_streak_minimum},
      {.key = "log",
       .type = SettingType::text,
       .scope = SettingScope::global,
       .value_name = "FILE",
       .help = "Use FILE as the session log",
       .computed_default = log_place,
       .computed_default_source = "default",
       .environment = "LEGSUP_LOG",
       .completion = Completion::files,
       .check = check_path},
      {.key = "content",
       .type = SettingType::text,
       .scope = SettingScope::global,
       .value_name = "FILE",
       .help = "Read the pose content from FILE instead of the built-in copy",
       .environment = "LEGSUP_CONTENT",
       .completion = Completion::files,
       .check = check_path},
  };
}

std::vector<std::string> known_keys(bool in_preset) {
  std::vector<std::string> keys;
  for (const auto& spec : setting_specs()) {
    if (!in_preset || spec.scope == SettingScope::start) keys.emplace_back(spec.key);
  }
  if (!in_preset) keys.emplace_back("presets");
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
        return Parsed<std::string>::failure("expected a number of minutes, such as 10");
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

// Reads an object of settings (the file's top level, or one preset) into `values`.
std::optional<std::string> read_values(const nlohmann::json& object, bool in_preset,
                                       const std::string& where,
                                       std::map<std::string, std::string, std::less<>>& values) {
  for (const auto& [key, value] : object.items()) {
    if (!in_preset && key == "presets") continue;
    const SettingSpec* spec = find_setting(key);
    if (!spec || (in_preset && spec->scope != SettingScope::start)) {
      return fmt::format("{}\"{}\": unknown key (known keys: {})", where, key,
                         list_choices(known_keys(in_preset)));
    }
    auto text = value_text(*spec, value);
    if (!text) return fmt::format("{}\"{}\": {}", where, key, text.error());
    if (!spec->needs_content && spec->check) {
      if (auto why = spec->check(*text, nullptr))
        return fmt::format("{}\"{}\": {}", where, key, *why);
    }
    values[key] = *text;
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

bool is_preset_name(const std::string& name) {
  return !name.empty() && name.size() <= 40 && name.front() != '-' &&
         std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
         });
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
  if (auto why = read_values(*document, false, path + ": ", config.values)) {
    return Parsed<ConfigFile>::failure(*why);
  }
  if (auto presets = document->find("presets"); presets != document->end()) {
    if (!presets->is_object()) {
      return Parsed<ConfigFile>::failure(
          fmt::format("{}: \"presets\": expected an object of named presets", path));
    }
    for (const auto& [name, preset] : presets->items()) {
      std::string where = fmt::format("{}: preset \"{}\": ", path, name);
      if (!is_preset_name(name)) {
        return Parsed<ConfigFile>::failure(
            where + "a preset's name is lower-case letters, digits and '-', such as bedtime");
      }
      if (!preset.is_object()) {
        return Parsed<ConfigFile>::failure(where + "expected an object of settings");
      }
      if (auto why = read_values(preset, true, where, config.presets[name])) {
        return Parsed<ConfigFile>::failure(*why);
      }
    }
  }
  return config;
}

std::optional<std::string> check_config_with_content(const ConfigFile& config,
                                                     const Content& content) {
  auto check = [&](const std::map<std::string, std::string, std::less<>>& values,
                   const std::string& where) -> std::optional<std::string> {
    for (const auto& [key, value] : values) {
      const SettingSpec* spec = find_setting(key);
      if (!spec || !spec->needs_content || !spec->check) continue;
      if (auto why = spec->check(value, &content)) {
        return fmt::format("{}\"{}\": {}", where, key, *why);
      }
    }
    return std::nullopt;
  };
  std::string path = config.path.value_or("config");
  if (auto why = check(config.values, path + ": ")) return why;
  for (const auto& [name, values] : config.presets) {
    if (auto why = check(values, fmt::format("{}: preset \"{}\": ", path, name))) return why;
  }
  return std::nullopt;
}

const SettingValue* Settings::find(std::string_view key) const {
  auto found = values_.find(key);
  return found == values_.end() ? nullptr : &found->second;
}

std::optional<std::string> Settings::value(std::string_view key) const {
  const SettingValue* found = find(key);
  if (!found) return std::nullopt;
  return found->value;
}

bool Settings::flag(std::string_view key) const {
  return value(key) == "true";
}

void Settings::set(std::string_view key, SettingValue value) {
  values_[std::string(key)] = std::move(value);
}

std::vector<std::pair<std::string, SettingValue>> Settings::all() const {
  std::vector<std::pair<std::string, SettingValue>> all;
  for (const auto& spec : setting_specs()) {
    if (const SettingValue* value = find(spec.key)) all.emplace_back(spec.key, *value);
  }
  return all;
}

Settings resolve_settings(const SettingInputs& inputs, const Content* content) {
  const ConfigFile& config = inputs.config;
  const std::map<std::string, std::string, std::less<>>* preset = nullptr;
  if (inputs.preset) {
    auto found = config.presets.find(*inputs.preset);
    if (found == config.presets.end()) {
      auto names = preset_names(config);
      throw usage_error(fmt::format("unknown preset \"{}\" ({})", *inputs.preset,
                                    names.empty() ? fmt::format("the config file {} has no presets",
                                                                config.path.value_or("(none)"))
                                                  : "presets: " + list_choices(names)));
    }
    preset = &found->second;
  }

  // Each source in turn, as a list of (key, value, source, origin).
  struct Level {
    SettingSource source;
    std::function<std::optional<SettingValue>(const SettingSpec&)> lookup;
  };
  auto in_map = [](const std::map<std::string, std::string, std::less<>>* values,
                   const SettingSpec& spec, SettingSource source,
                   std::string origin) -> std::optional<SettingValue> {
    if (!values) return std::nullopt;
    auto found = values->find(spec.key);
    if (found == values->end()) return std::nullopt;
    return SettingValue{found->second, source, std::move(origin)};
  };
  std::string file = config.path.value_or("");
  const std::vector<Level> levels = {
      {SettingSource::option,
       [&](const SettingSpec& spec) -> std::optional<SettingValue> {
         auto value = in_map(&inputs.options, spec, SettingSource::option,
                             fmt::format("option --{}", spec.key));
         if (value && spec.check && (!spec.needs_content || content)) {
           if (auto why = spec.check(value->value, content)) {
             throw usage_error(fmt::format("--{}: {}", spec.key, *why));
           }
         }
         return value;
       }},
      {SettingSource::environment,
       [&](const SettingSpec& spec) -> std::optional<SettingValue> {
         if (spec.environment.empty()) return std::nullopt;
         std::string variable(spec.environment);
         auto value = inputs.env.get(variable);
         if (!value) return std::nullopt;
         if (spec.check && (!spec.needs_content || content)) {
           if (auto why = spec.check(*value, content)) {
             throw runtime_error(fmt::format("{}: {}", variable, *why));
           }
         }
         return SettingValue{*value, SettingSource::environment, "environment " + variable};
       }},
      {SettingSource::preset,
       [&](const SettingSpec& spec) {
         return in_map(preset, spec, SettingSource::preset,
                       fmt::format("preset {} in {}", inputs.preset.value_or(""), file));
       }},
      {SettingSource::config_file,
       [&](const SettingSpec& spec) {
         return in_map(&config.values, spec, SettingSource::config_file, file);
       }},
  };

  auto default_of = [&](const SettingSpec& spec) -> std::optional<SettingValue> {
    if (!spec.default_value.empty()) {
      return SettingValue{std::string(spec.default_value), SettingSource::default_value, "default"};
    }
    if (spec.computed_default) {
      if (auto value = spec.computed_default(inputs.env, content)) {
        return SettingValue{*value, SettingSource::default_value,
                            std::string(spec.computed_default_source)};
      }
    }
    return std::nullopt;
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
        if (auto value = level.lookup(*member)) given.emplace_back(member, std::move(*value));
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
