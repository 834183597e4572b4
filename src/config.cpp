#include "legsup/config.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "legsup/duration.hpp"
#include "legsup/guide.hpp"
#include "legsup/sound.hpp"

namespace legsup {

const std::vector<std::string>& config_keys() {
  static const std::vector<std::string> keys = {"minutes", "duration", "settle",      "breath",
                                                "variant", "sound",    "breath-cues", "notify",
                                                "log",     "content"};
  return keys;
}

Parsed<Config> parse_config(std::string_view text, const std::string& path) {
  using nlohmann::json;
  json document;
  try {
    document = json::parse(text);
  } catch (const json::parse_error& error) {
    std::string what = error.what();
    auto reason = what.find(": ", what.find("parse error"));
    return Parsed<Config>::failure(
        fmt::format("{}: not valid JSON: {}", path,
                    reason == std::string::npos ? what : what.substr(reason + 2)));
  } catch (const json::exception&) {
    // A number too large for a double is an out_of_range, not a parse_error.
    return Parsed<Config>::failure(
        fmt::format("{}: not valid JSON: a number too large to read", path));
  }
  if (!document.is_object()) {
    return Parsed<Config>::failure(fmt::format("{}: expected a JSON object of settings", path));
  }
  Config config;
  config.path = path;
  auto fail = [&](const std::string& key, const std::string& why) {
    return Parsed<Config>::failure(fmt::format("{}: \"{}\": {}", path, key, why));
  };
  for (const auto& [key, value] : document.items()) {
    bool text_key = key == "duration" || key == "settle" || key == "breath" || key == "variant" ||
                    key == "sound" || key == "log" || key == "content";
    bool flag_key = key == "breath-cues" || key == "notify";
    if (key == "minutes") {
      if (!value.is_number()) return fail(key, "expected a number of minutes, such as 10");
      config.minutes = value.dump();
    } else if (text_key) {
      if (!value.is_string() || value.get<std::string>().empty()) {
        return fail(key, "expected a non-empty string");
      }
      std::string text_value = value.get<std::string>();
      if (key == "duration") config.duration = text_value;
      if (key == "settle") config.settle = text_value;
      if (key == "breath") config.breath = text_value;
      if (key == "variant") config.variant = text_value;
      if (key == "sound") config.sound = text_value;
      if (key == "log") config.log = text_value;
      if (key == "content") config.content = text_value;
    } else if (flag_key) {
      if (!value.is_boolean()) return fail(key, "expected true or false");
      (key == "notify" ? config.notify : config.breath_cues) = value.get<bool>();
    } else {
      return fail(key, fmt::format("unknown key (known keys: {})", list_choices(config_keys())));
    }
  }
  // Checked as the options are; breath and variant need the content, and are checked with it.
  if (config.minutes || config.duration) {
    if (config.minutes && config.duration) {
      return Parsed<Config>::failure(
          fmt::format("{}: give \"minutes\" or \"duration\", not both", path));
    }
    auto hold = hold_from_options(config.minutes, config.duration);
    if (!hold) return fail(config.minutes ? "minutes" : "duration", hold.error());
  }
  if (config.settle) {
    if (auto settle = parse_duration(*config.settle); !settle)
      return fail("settle", settle.error());
  }
  if (config.sound) {
    if (auto sound = parse_sound_kind(*config.sound); !sound) return fail("sound", sound.error());
  }
  return config;
}

}  // namespace legsup
