// Where legsup's files come from: the one place that reads environment variables and turns
// options, environment and defaults into paths (first match wins).
#pragma once

#include <initializer_list>
#include <map>
#include <optional>
#include <string>

namespace legsup {

// A snapshot of environment variables. Tests build one by hand; the program takes the process's.
class Environment {
 public:
  Environment() = default;
  explicit Environment(std::map<std::string, std::string> variables)
      : variables_(std::move(variables)) {}
  Environment(std::initializer_list<std::pair<const std::string, std::string>> variables)
      : variables_(variables) {}
  static Environment from_process();

  // The variable's value; an empty value counts as unset, as the XDG and NO_COLOR conventions say.
  std::optional<std::string> get(const std::string& name) const;

 private:
  std::map<std::string, std::string> variables_;
};

// Where the content comes from: a file, or (no path) the copy built into the binary.
struct ContentSource {
  std::optional<std::string> path;
  std::string label;  // how messages name it: the path, or "built-in content"
};

// Where a setting's value came from, for `legsup config`.
enum class SettingSource { option, environment, config_file, default_value };

// --content FILE, then LEGSUP_CONTENT, then the config file's "content", then the built-in copy.
ContentSource choose_content_source(const std::optional<std::string>& option,
                                    const Environment& env,
                                    const std::optional<std::string>& from_config = {},
                                    SettingSource* source = nullptr);

// --log FILE, then LEGSUP_LOG, then the config file's "log", then
// $XDG_DATA_HOME/legsup/sessions.jsonl (~/.local/share when XDG_DATA_HOME is unset). Empty when
// no rule gives a path (no HOME either).
std::optional<std::string> choose_log_path(const std::optional<std::string>& option,
                                           const Environment& env,
                                           const std::optional<std::string>& from_config = {},
                                           SettingSource* source = nullptr);

// $XDG_CONFIG_HOME/legsup/config.json (~/.config when XDG_CONFIG_HOME is unset).
std::optional<std::string> default_config_path(const Environment& env);

}  // namespace legsup
