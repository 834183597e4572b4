#include <doctest/doctest.h>
#include <fmt/core.h>

#include <nlohmann/json.hpp>
#include <set>

#include "builtin_content.hpp"
#include "legsup/command/settings.hpp"
#include "legsup/content/content.hpp"

using namespace legsup;
using legsup::testing::builtin_content;

namespace {

std::string config_error(const std::string& text) {
  auto parsed = parse_config(text, "/home/me/.config/legsup/config.json");
  if (!parsed) return parsed.error();
  ConfigFile config = *parsed;
  if (auto why = read_config_with_content(config, builtin_content())) return *why;
  // A preset's problem is its own (the file is read); the first, for the checks of its words.
  if (!config.bad_presets.empty()) return config.bad_presets.begin()->second;
  return "";
}

// A config file read as legsup reads it: its text, then the values that need the content.
ConfigFile read_config(const std::string& text, const std::string& path = "c.json") {
  auto parsed = parse_config(text, path);
  REQUIRE_MESSAGE(parsed.ok(), parsed.error());
  ConfigFile config = *parsed;
  auto why = read_config_with_content(config, builtin_content());
  REQUIRE_MESSAGE(!why, *why);
  return config;
}

// A setting's example as the config file spells it: a number, true or false, or a string.
nlohmann::json json_of(const SettingSpec& spec) {
  std::string example(spec.example);
  switch (spec.type) {
    case SettingType::number:
      return nlohmann::json::parse(example);
    case SettingType::flag:
      return example == "true";
    case SettingType::text:
      return example;
  }
  return nullptr;
}

// The value of a setting's text, as the table reads it.
TypedValue typed_of(const SettingSpec& spec, std::string_view text) {
  auto parsed = spec.parse(text, &builtin_content());
  REQUIRE_MESSAGE(parsed.ok(), spec.key, ": ", parsed.error());
  return *parsed;
}

Settings resolve(SettingInputs inputs) {
  return resolve_settings(inputs, &builtin_content());
}

std::optional<std::string> text_of(const Settings& settings, std::string_view key) {
  const SettingValue* value = settings.find(key);
  if (!value) return std::nullopt;
  return value->text;
}

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("every setting of the table has a valid default and an example that differs from it") {
  SettingInputs inputs;
  inputs.env = Environment({{"HOME", "/home/me"}});
  Settings defaults = resolve(inputs);
  for (const auto& spec : setting_specs()) {
    CAPTURE(spec.key);
    REQUIRE_FALSE(spec.example.empty());
    TypedValue example = typed_of(spec, spec.example);
    if (const SettingValue* value = defaults.find(spec.key)) {
      CHECK(value->source == SettingSource::default_value);
      CHECK(value->typed == typed_of(spec, value->text));
      CHECK(example != value->typed);
    } else {
      CHECK(spec.default_value.empty());
      CHECK(!spec.computed_default);
    }
  }
}

TEST_CASE("the config file reads every setting of the table, as the options spell them") {
  for (const auto& spec : setting_specs()) {
    CAPTURE(spec.key);
    nlohmann::json file = {{std::string(spec.key), json_of(spec)}};
    ConfigFile config = read_config(file.dump(), "/home/me/.config/legsup/config.json");
    SettingInputs inputs;
    inputs.config = config;
    Settings settings = resolve(inputs);
    const SettingValue* value = settings.find(spec.key);
    REQUIRE(value);
    CHECK(value->text == spec.example);
    CHECK(value->typed == typed_of(spec, spec.example));
    CHECK(value->source == SettingSource::config_file);
    CHECK(value->origin == "/home/me/.config/legsup/config.json");
    if (spec.scope != SettingScope::start) continue;
    // A preset gives it too, over the file.
    nlohmann::json with_preset = {{"presets", {{"quick", file}}}};
    inputs.config = read_config(with_preset.dump());
    inputs.preset = "quick";
    settings = resolve(inputs);
    REQUIRE(settings.find(spec.key));
    CHECK(settings.find(spec.key)->typed == typed_of(spec, spec.example));
    CHECK(settings.find(spec.key)->origin == "preset quick in c.json");
  }
}

TEST_CASE("every setting of the command line and the environment is read in its type") {
  for (const auto& spec : setting_specs()) {
    CAPTURE(spec.key);
    SettingInputs inputs;
    if (!spec.environment.empty()) {
      inputs.env = Environment({{std::string(spec.environment), std::string(spec.example)}});
      Settings settings = resolve(inputs);
      REQUIRE(settings.find(spec.key));
      CHECK(settings.find(spec.key)->typed == typed_of(spec, spec.example));
      CHECK(settings.find(spec.key)->source == SettingSource::environment);
    }
    if (spec.scope == SettingScope::file) continue;
    inputs.options = {{std::string(spec.key), std::string(spec.example)}};
    Settings settings = resolve(inputs);
    REQUIRE(settings.find(spec.key));
    CHECK(settings.find(spec.key)->typed == typed_of(spec, spec.example));
    CHECK(settings.find(spec.key)->origin == "option --" + std::string(spec.key));
  }
}

TEST_CASE("config errors name the file and the key, and what would be valid") {
  std::string file = "/home/me/.config/legsup/config.json: ";
  CHECK(config_error(R"({"colour": true})")
            .rfind(file + "\"colour\": unknown key (known keys: ", 0) == 0);
  CHECK(config_error(R"({"minutes": "ten"})") ==
        file + "\"minutes\": expected a number, such as 12");
  CHECK(config_error(R"({"notify": "yes"})") == file + "\"notify\": expected true or false");
  CHECK(config_error(R"({"sound": ""})") == file + "\"sound\": expected a non-empty string");
  // Values the option would refuse, checked when the file is read.
  CHECK(config_error(R"({"settle": "11m"})") ==
        file + "\"settle\": 11m is out of range: from 0 (none) to 10m");
  CHECK(config_error(R"({"variant": "nope"})").rfind(file + "\"variant\": unknown variation", 0) ==
        0);
  CHECK(config_error(R"({"breath": "nope"})")
            .rfind(file + "\"breath\": invalid breathing pattern \"nope\"", 0) == 0);
  CHECK(config_error(R"({"sound": "gong"})").find("invalid sound \"gong\"") != std::string::npos);
  CHECK(config_error(R"({"minutes": 10, "duration": "5m"})") ==
        file + "give \"minutes\" or \"duration\", not both");
  CHECK(config_error(R"({"log": "a\u0000b"})") == file + "\"log\": a file name with a NUL byte");
  // A tiny number is shown as typed, not as 1e-05.
  CHECK(config_error(R"({"minutes": 1e-5})").find("0.00001 minutes is out of range") !=
        std::string::npos);
  CHECK(config_error("[1]") == file + "expected a JSON object of settings");
}

TEST_CASE("a syntax error in the config names its line and column") {
  CHECK(config_error("{\n  \"settle\": ,\n}")
            .rfind("/home/me/.config/legsup/config.json:2:13: not valid JSON:", 0) == 0);
  CHECK(config_error(R"({"minutes": 1e400})").find("a number too large to read") !=
        std::string::npos);
}

TEST_CASE("presets are named settings of start, checked like the rest") {
  auto config = parse_config(
      R"({"presets": {"bedtime": {"minutes": 12, "variant": "bed", "breath": "4-7-8"}}})",
      "c.json");
  REQUIRE(config.ok());
  CHECK(config->presets.at("bedtime").at("variant").text == "bed");
  CHECK(config_error(R"({"presets": {"Bed Time": {}}})").find("a preset's name is lower-case") !=
        std::string::npos);
  CHECK(config_error(R"({"presets": {"b": {"log": "x"}}})")
            .find("preset \"b\": \"log\": unknown key") != std::string::npos);
  CHECK(config_error(R"({"presets": {"b": {"variant": "nope"}}})")
            .find("preset \"b\": \"variant\": unknown variation") != std::string::npos);
}

TEST_CASE("a setting comes from the option, the environment, the preset, the file, the default") {
  SettingInputs inputs;
  inputs.config = read_config(
      R"({"settle": "45s", "sound": "chime", "log": "/file.jsonl",
          "presets": {"quick": {"settle": "10s", "minutes": 2}}})");
  inputs.env = Environment({{"LEGSUP_LOG", "/env.jsonl"}, {"HOME", "/home/me"}});
  Settings settings = resolve(inputs);
  CHECK(text_of(settings, "settle") == "45s");
  CHECK(settings.find("settle")->origin == "c.json");
  CHECK(text_of(settings, "log") == "/env.jsonl");
  CHECK(settings.find("log")->origin == "environment LEGSUP_LOG");
  CHECK(text_of(settings, "breath") == "long-exhale");
  CHECK(settings.find("breath")->origin == "content default");
  CHECK(text_of(settings, "minutes") == "10");
  CHECK(text_of(settings, "breath-cues") == "false");
  CHECK(settings.find("breath-cues")->source == SettingSource::default_value);

  inputs.preset = "quick";
  settings = resolve(inputs);
  CHECK(text_of(settings, "settle") == "10s");
  CHECK(settings.find("settle")->origin == "preset quick in c.json");
  CHECK(text_of(settings, "sound") == "chime");  // the preset does not say: the file does

  inputs.options = {{"settle", "0"}, {"log", "/option.jsonl"}};
  settings = resolve(inputs);
  CHECK(text_of(settings, "settle") == "0");
  CHECK(settings.find("settle")->origin == "option --settle");
  CHECK(text_of(settings, "log") == "/option.jsonl");
}

TEST_CASE("minutes and duration are one setting: the first source to give either wins") {
  SettingInputs inputs;
  inputs.config = read_config(R"({"minutes": 12})");
  inputs.options = {{"duration", "90s"}};
  Settings settings = resolve(inputs);
  CHECK(text_of(settings, "duration") == "90s");
  CHECK_FALSE(settings.find("minutes"));
  inputs.options.clear();
  settings = resolve(inputs);
  CHECK(text_of(settings, "minutes") == "12");
  CHECK_FALSE(settings.find("duration"));
  CHECK(settings.get<Milliseconds>("hold") == Milliseconds(12 * 60000));
  inputs.options = {{"duration", "90s"}, {"minutes", "3"}};
  CHECK(error_of([&] { resolve(inputs); }) == "give --minutes or --duration, not both");
}

TEST_CASE("a bad option is a usage error naming it; a bad variable, a runtime error naming it") {
  SettingInputs inputs;
  inputs.options = {{"settle", "soon"}};
  try {
    resolve(inputs);
    FAIL("no error");
  } catch (const Error& error) {
    CHECK(error.kind() == ErrorKind::usage);
    CHECK(std::string(error.what()).rfind("--settle: invalid duration \"soon\"", 0) == 0);
  }
  inputs.options.clear();
  inputs.env = Environment({{"LEGSUP_LOG", std::string("x\0y", 3)}});
  try {
    resolve(inputs);
  } catch (const Error& error) {
    CHECK(error.kind() == ErrorKind::runtime);
    CHECK(std::string(error.what()) == "LEGSUP_LOG: a file name with a NUL byte");
  }
  inputs.env = Environment();
  inputs.preset = "sleepy";
  CHECK(error_of([&] { resolve(inputs); }).rfind("unknown preset \"sleepy\"", 0) == 0);
}

TEST_CASE(
    "an unknown preset says why there is none: the file has none, or there is no file, and "
    "where it would be") {
  SettingInputs inputs;
  inputs.preset = "sleepy";
  inputs.env = Environment({{"HOME", "/home/me"}});
  CHECK(error_of([&] { resolve(inputs); }) ==
        "unknown preset \"sleepy\" (there is no config file: presets are set in "
        "/home/me/.config/legsup/config.json)");
  inputs.env = Environment();
  CHECK(error_of([&] { resolve(inputs); }) ==
        "unknown preset \"sleepy\" (there is no config file, and no place for one: neither "
        "XDG_CONFIG_HOME nor HOME is set)");
  inputs.config.path = "/home/me/.config/legsup/config.json";
  CHECK(error_of([&] { resolve(inputs); }) ==
        "unknown preset \"sleepy\" (the config file /home/me/.config/legsup/config.json has no "
        "presets)");
}

TEST_CASE("every setting of start is an option of start, and flags can be turned off") {
  auto options = setting_options(SettingScope::start);
  for (const auto& spec : setting_specs()) {
    if (spec.scope != SettingScope::start) continue;
    auto found = std::find_if(options.begin(), options.end(), [&](const OptionSpec& option) {
      return option.name == "--" + std::string(spec.key);
    });
    REQUIRE_MESSAGE(found != options.end(), spec.key);
    CHECK(found->negatable == (spec.type == SettingType::flag));
    // Its help, and the table's default, said once: a default is never written in the help.
    std::string with_default = fmt::format("{} (default {})", spec.help, spec.default_value);
    bool off_flag = spec.type == SettingType::flag && spec.default_value == "false";
    CHECK(found->help ==
          (spec.default_value.empty() || off_flag ? std::string(spec.help) : with_default));
    if (!spec.default_value.empty()) {
      CHECK(spec.help.find(fmt::format("default {}", spec.default_value)) ==
            std::string_view::npos);
    }
  }
  // And no key or default is spelled twice: each key once in the table.
  std::set<std::string_view> keys;
  for (const auto& spec : setting_specs())
    CHECK_MESSAGE(keys.insert(spec.key).second, spec.key);
}

TEST_CASE("a preset may say its hours; none overlap; the hour chooses among them") {
  ConfigFile config = read_config(R"({"presets": {
      "bedtime": {"minutes": 12, "when": "21:00-04:00"},
      "morning": {"minutes": 5, "when": "06:00-09:30"},
      "quick": {"minutes": 3}}})");
  CHECK(config.preset_hours.size() == 2);
  CHECK(config.preset_hours.at("bedtime").text() == "21:00-04:00");
  CHECK(config.presets.at("bedtime").count("when") == 0);  // hours, not a setting
  auto at = [](int hours, int minutes, int offset = 60) {
    // The local time of day is what counts, whatever the offset.
    return LocalTime{1795564800 + (hours * 60 + minutes - offset) * 60LL, offset};
  };
  CHECK(format_hhmm(at(22, 15)) == "22:15");
  CHECK(preset_of_the_hour(config, at(22, 15)) == "bedtime");
  CHECK(preset_of_the_hour(config, at(0, 30)) == "bedtime");
  CHECK(preset_of_the_hour(config, at(3, 59, 120)) == "bedtime");
  CHECK(preset_of_the_hour(config, at(4, 0)) == std::nullopt);
  CHECK(preset_of_the_hour(config, at(7, 0, -300)) == "morning");
  CHECK(preset_of_the_hour(config, at(9, 30)) == std::nullopt);
  CHECK(preset_of_the_hour(config, at(15, 0)) == std::nullopt);

  std::string file = "/home/me/.config/legsup/config.json: ";
  CHECK(config_error(R"({"presets": {"a": {"when": "21:00"}}})") ==
        file +
            "preset \"a\": \"when\": invalid hours \"21:00\": no '-' between the two times "
            "(expected HH:MM-HH:MM, such as 21:00-04:00)");
  CHECK(config_error(R"({"presets": {"a": {"when": 21}}})") ==
        file + "preset \"a\": \"when\": expected hours such as \"21:00-04:00\"");
  CHECK(config_error(
            R"({"presets": {"a": {"when": "21:00-04:00"}, "b": {"when": "03:00-05:00"}}})") ==
        "/home/me/.config/legsup/config.json: the hours of presets \"a\" (21:00-04:00) and \"b\" "
        "(03:00-05:00) overlap");
  CHECK(config_error(R"({"presets": {"a": {"when": "21:00-04:00"}, "b": {"when": "04:00-21:00"}}})")
            .empty());
  // Hours belong to a preset: at the top level "when" is an unknown key; a preset's keys name it.
  CHECK(config_error(R"({"when": "21:00-04:00"})").rfind(file + "\"when\": unknown key", 0) == 0);
  CHECK(config_error(R"({"presets": {"a": {"wehn": "21:00-04:00"}}})") ==
        file + "preset \"a\": \"wehn\": unknown key (did you mean 'when'?)");
  CHECK(config_error(R"({"presets": {"a": {"xyzzy": 1}}})").find(" or when)") != std::string::npos);
}

// Found when one misspelt key in a preset not in use ("varient") made start, log, stats, sound
// and config exit 1.
TEST_CASE("a preset with a problem stops only what uses it, and names the file, preset and key") {
  const std::string path = "/home/me/.config/legsup/config.json";
  const std::string problem =
      path + ": preset \"nap\": \"varient\": unknown key (did you mean 'variant'?)";
  auto config = read_config(R"({"settle": "45s", "presets": {
      "bedtime": {"minutes": 12, "variant": "bed"},
      "nap": {"minutes": 20, "varient": "bed", "when": "13:00-15:00"},
      "odd": {"variant": "nope"}}})",
                            path);
  CHECK(config.values.at("settle").text == "45s");  // the file's own values are read
  REQUIRE(config.presets.count("bedtime") == 1);
  CHECK(config.presets.count("nap") == 0);
  CHECK(config.bad_presets.at("nap") == problem);
  CHECK(config.bad_presets.at("odd").rfind(
            path + ": preset \"odd\": \"variant\": unknown variation", 0) == 0);
  // Its hours still stand for it: the hour that would run it, and hours that overlap them.
  CHECK(config.preset_hours.count("nap") == 1);

  SettingInputs inputs;
  inputs.config = config;
  Settings defaults = resolve_settings(inputs, &builtin_content());
  CHECK(defaults.get<Milliseconds>("settle") == Milliseconds(45000));
  inputs.preset = "bedtime";
  Settings bedtime = resolve_settings(inputs, &builtin_content());
  CHECK(bedtime.get<Milliseconds>("hold") == Milliseconds(12 * 60000));
  inputs.preset = "nap";
  std::string refused = error_of([&] { resolve_settings(inputs, &builtin_content()); });
  CHECK(refused == problem);
  try {
    resolve_settings(inputs, &builtin_content());
  } catch (const legsup::Error& error) {
    CHECK(error.kind() == legsup::ErrorKind::runtime);  // exit 1, as a bad config file
  }
  // The rest of a file stays as strict as it was: bad JSON, a bad top-level value, a top-level
  // unknown key (now with the nearest), presets that are not an object, overlapping hours.
  CHECK(!parse_config(R"({"settle": "45s",})", path).ok());
  CHECK(config_error(R"({"settle": "forever"})").rfind(path + ": \"settle\": ", 0) == 0);
  CHECK(config_error(R"({"sttle": "45s"})") ==
        path + ": \"sttle\": unknown key (did you mean 'settle'?)");
  CHECK(!parse_config(R"({"presets": []})", path).ok());
  CHECK(!parse_config(R"({"presets": {"a": {"x": 1, "when": "21:00-04:00"},
                                       "b": {"when": "03:00-05:00"}}})",
                      path)
             .ok());
}
