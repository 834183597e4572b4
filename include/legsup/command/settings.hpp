// Settings: the one table of everything that can be set, with its key, how it is typed, its
// check, its default and its help. A setting's value comes from the first of: the command line,
// the environment, a preset chosen with `legsup start PRESET`, the config file, the default.
// The config file reader, `legsup start`'s options and precedence, `legsup config` and the
// completions all read this table; no key or default is written anywhere else.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "legsup/base/error.hpp"
#include "legsup/base/paths.hpp"
#include "legsup/command/command_line.hpp"

namespace legsup {

struct Content;

// How the config file spells a value.
enum class SettingType {
  number,  // a JSON number (minutes)
  text,    // a JSON string
  flag,    // true or false
};

// Where a setting can be given besides the config file.
enum class SettingScope {
  start,   // an option of `legsup start` (and of the presets)
  global,  // an option of every command (--log, --content)
  file,    // the config file only
};

struct SettingSpec {
  std::string_view key = {};  // the config file's key, and the long option's name
  SettingType type = SettingType::text;
  SettingScope scope = SettingScope::file;
  std::string_view value_name = {};  // in --help: N, SPEC, ID
  std::string_view help = {};
  // The default as typed; empty when there is none.
  std::string_view default_value = {};
  // A default worked out when settings are resolved (the content's hold and breathing pattern,
  // the log's place under XDG_DATA_HOME), and how `legsup config` names where it came from.
  std::optional<std::string> (*computed_default)(const Environment&, const Content*) = nullptr;
  std::string_view computed_default_source = {};
  std::string_view environment = {};  // a variable that gives it, or empty
  Completion completion = Completion::none;
  // Settings of one group give the same thing (minutes and duration give the hold): the first
  // source to give any of them wins, and one source may not give two.
  std::string_view group = {};
  // Why a value is not valid, or nothing. `content` is null for checks that need none.
  std::optional<std::string> (*check)(std::string_view value, const Content* content) = nullptr;
  bool needs_content = false;
};

const std::vector<SettingSpec>& setting_specs();
const SettingSpec* find_setting(std::string_view key);

// The options a scope's settings give: `legsup start`'s, or every command's.
std::vector<OptionSpec> setting_options(SettingScope scope);
// The option of one setting, for a command that takes it too (`legsup sound --volume`).
OptionSpec setting_option(std::string_view key);

// Where a setting's value came from, for `legsup config`.
enum class SettingSource { option, environment, preset, config_file, default_value };

struct SettingValue {
  std::string value;  // as typed: "30s", "true", "bed"
  SettingSource source = SettingSource::default_value;
  std::string origin;  // "option --settle", "environment LEGSUP_LOG", "FILE", "preset NAME in
                       // FILE", "default", "content default"
};

// A config file as read: every value checked by its setting's check (those that need the
// content: once the content is known, by check_config_with_content).
struct ConfigFile {
  std::optional<std::string> path;  // none: there is no config file
  std::map<std::string, std::string, std::less<>> values;
  std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> presets;
};

// Reads a config file's text. A syntax error names the file, line and column; an unknown key,
// a wrongly typed value, or a value the option would refuse names the file and the key.
Parsed<ConfigFile> parse_config(std::string_view text, const std::string& path);

// The checks that need the content (a variation or breathing pattern id), for the file's
// values and its presets'.
std::optional<std::string> check_config_with_content(const ConfigFile& config,
                                                     const Content& content);

class Settings {
 public:
  const SettingValue* find(std::string_view key) const;
  std::optional<std::string> value(std::string_view key) const;
  bool flag(std::string_view key) const;  // a flag that is set and true
  void set(std::string_view key, SettingValue value);
  // In the table's order, those that have a value.
  std::vector<std::pair<std::string, SettingValue>> all() const;

 private:
  std::map<std::string, SettingValue, std::less<>> values_;
};

struct SettingInputs {
  std::map<std::string, std::string, std::less<>> options;  // by key, from the command line
  Environment env;
  ConfigFile config;
  std::optional<std::string> preset;
};

// Every setting's value and source: the command line, the environment, the preset, the file,
// the default. A bad value on the command line is a usage error ("--settle: ..."); one in the
// environment a runtime error naming the variable; an unknown preset a usage error listing the
// presets. The content gives the defaults of the hold and the breathing pattern (without it,
// those have none).
Settings resolve_settings(const SettingInputs& inputs, const Content* content);

}  // namespace legsup
