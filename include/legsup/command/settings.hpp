// Settings: the one table of everything that can be set, with its key, how it is typed, how
// its text becomes its value, its default and its help. A setting's value comes from the first
// of: the command line, the environment, a preset chosen with `legsup start PRESET`, the config
// file, the default. The config file reader, `legsup start`'s options and precedence,
// `legsup config` and the completions all read this table; no key or default is written anywhere
// else. Text becomes its type once, here: what reads a setting takes its typed value.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "legsup/base/duration.hpp"
#include "legsup/base/error.hpp"
#include "legsup/base/local_time.hpp"
#include "legsup/base/paths.hpp"
#include "legsup/command/command_line.hpp"
#include "legsup/content/breathing.hpp"

namespace legsup {

struct Content;
struct Variation;
// Declared here only (sound.hpp, ambient.hpp, screen_mode.hpp): the settings' header stays light
// for the commands that include it.
enum class SoundKind;
enum class AmbientKind;
enum class ScreenMode;

// A setting's value in its type: a flag, a whole number (a volume; a time of day in minutes
// after midnight), a duration, a sound kind, an ambient sound, a screen mode, a breathing choice
// (none or a pattern), a breathing rate or ratio, a variation of the content, a file name. Empty
// (monostate) until it is read: a value that needs the content, in a config file read before
// the content was.
using TypedValue = std::variant<std::monostate, bool, int, Milliseconds, SoundKind, AmbientKind,
                                ScreenMode, std::optional<BreathPattern>, BreathRate, BreathRatio,
                                const Variation*, std::string>;

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
  std::string_view help = {};        // --help adds "(default X)" from default_value
  // The default as typed; empty when there is none.
  std::string_view default_value = {};
  // What `legsup config` shows when nothing gives a value (empty: "-", not set).
  std::string_view unset_text = {};
  // A default worked out when settings are resolved (the content's hold and breathing pattern,
  // the log's place under XDG_DATA_HOME), and how `legsup config` names where it came from.
  std::optional<std::string> (*computed_default)(const Environment&, const Content*) = nullptr;
  std::string_view computed_default_source = {};
  std::string_view environment = {};  // a variable that gives it, or empty
  Completion completion = Completion::none;
  // Settings of one group give the same thing (minutes and duration give the hold): the first
  // source to give any of them wins, and one source may not give two.
  std::string_view group = {};
  // The value of the text, or why it is not valid. `content` is null for settings that need
  // none; a variation points into the content it was given.
  Parsed<TypedValue> (*parse)(std::string_view text, const Content* content) = nullptr;
  bool needs_content = false;
  // A valid value other than the default, as the config file spells it: the tests walk the
  // table with it.
  std::string_view example = {};
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
  std::string text;  // as typed: "30s", "true", "bed"
  TypedValue typed;  // what the text says: 30 seconds, true, the variation "bed"
  SettingSource source = SettingSource::default_value;
  std::string origin;  // "option --settle", "environment LEGSUP_LOG", "FILE", "preset NAME in
                       // FILE", "default", "content default"
};

using SettingValues = std::map<std::string, SettingValue, std::less<>>;

// A config file as read, each value in its type (those that need the content: once the content
// is known, by read_config_with_content).
struct ConfigFile {
  std::optional<std::string> path;  // none: there is no config file
  SettingValues values;
  std::map<std::string, SettingValues, std::less<>> presets;
  // A preset's hours ("when": "21:00-04:00"): `legsup start` with no preset and no hold runs the
  // preset whose hours hold the time. No two presets' hours overlap.
  std::map<std::string, TimeWindow, std::less<>> preset_hours;
  // Presets with a problem (an unknown key, a value refused, bad hours), kept out of `presets`
  // with the first problem of each (naming the file, the preset and the key): only what uses
  // one stops (legsup start NAME, or the hour it would run at); every other command warns.
  std::map<std::string, std::string, std::less<>> bad_presets;
};

// The preset whose hours hold the time, or none.
std::optional<std::string> preset_of_the_hour(const ConfigFile& config, const LocalTime& now);

// Reads a config file's text. A syntax error names the file, line and column; an unknown key
// (with the nearest known one), a wrongly typed value, or a value the option would refuse names
// the file and the key. A problem inside a preset is that preset's alone (bad_presets).
Parsed<ConfigFile> parse_config(std::string_view text, const std::string& path);

// Reads the values that need the content (a variation or breathing pattern id), the file's and
// its presets'; the first of the file's own that is not valid names the file and the key (a
// preset's goes to bad_presets).
std::optional<std::string> read_config_with_content(ConfigFile& config, const Content& content);

class Settings {
 public:
  // The value of a key, or of a group (the one of its settings that has a value); null when
  // none has.
  const SettingValue* find(std::string_view key) const;
  // The value of a key or group in its type. A setting without a value, or of another type, is
  // a mistake in the program (std::logic_error): every setting read this way has a default.
  template <class T>
  const T& get(std::string_view key) const {
    if (const T* value = get_if<T>(key)) return *value;
    throw std::logic_error("the setting " + std::string(key) + " has no value of this type");
  }
  // The same, or null when the setting has no value (those without a default).
  template <class T>
  const T* get_if(std::string_view key) const {
    const SettingValue* value = find(key);
    if (!value) return nullptr;
    const T* typed = std::get_if<T>(&value->typed);
    if (!typed) {
      throw std::logic_error("the setting " + std::string(key) + " is read as another type");
    }
    return typed;
  }
  void set(std::string_view key, SettingValue value);

 private:
  SettingValues values_;
};

struct SettingInputs {
  std::map<std::string, std::string, std::less<>> options;  // by key, as typed on the command line
  Environment env;
  ConfigFile config;
  std::optional<std::string> preset;
};

// Every setting's value, in its type, and its source: the command line, the environment, the
// preset, the file, the default. A bad value on the command line is a usage error
// ("--settle: ..."); one in the environment a runtime error naming the variable; an unknown
// preset a usage error listing the presets. The content gives the defaults of the hold and the
// breathing pattern; without it, those have none and the settings that need it are left out
// (the config file, when the content is given, has been read with it).
Settings resolve_settings(const SettingInputs& inputs, const Content* content);

}  // namespace legsup
