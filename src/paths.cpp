#include "legsup/paths.hpp"

#include <cstring>

extern char** environ;  // NOLINT: POSIX

namespace legsup {

Environment Environment::from_process() {
  std::map<std::string, std::string> variables;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const char* equals = std::strchr(*entry, '=');
    if (equals == nullptr) continue;
    const char* name = *entry;
    variables.emplace(std::string(name, equals), std::string(equals + 1));
  }
  return Environment(std::move(variables));
}

std::optional<std::string> Environment::get(const std::string& name) const {
  auto found = variables_.find(name);
  if (found == variables_.end() || found->second.empty()) return std::nullopt;
  return found->second;
}

namespace {

template <class T>
T from(SettingSource* source, SettingSource which, T value) {
  if (source) *source = which;
  return value;
}

}  // namespace

ContentSource choose_content_source(const std::optional<std::string>& option,
                                    const Environment& env,
                                    const std::optional<std::string>& from_config,
                                    SettingSource* source) {
  if (option) return from(source, SettingSource::option, ContentSource{option, *option});
  if (auto from_env = env.get("LEGSUP_CONTENT")) {
    return from(source, SettingSource::environment, ContentSource{from_env, *from_env});
  }
  if (from_config) {
    return from(source, SettingSource::config_file, ContentSource{from_config, *from_config});
  }
  return from(source, SettingSource::default_value,
              ContentSource{std::nullopt, "built-in content"});
}

namespace {

// An XDG base folder: the variable when it holds an absolute path (the spec says to ignore a
// relative one), else the fallback under HOME.
std::optional<std::string> xdg_home(const Environment& env, const char* variable,
                                    const char* fallback_under_home) {
  if (auto value = env.get(variable); value && value->front() == '/') return value;
  if (auto home = env.get("HOME")) return *home + "/" + fallback_under_home;
  return std::nullopt;
}

}  // namespace

std::optional<std::string> choose_log_path(const std::optional<std::string>& option,
                                           const Environment& env,
                                           const std::optional<std::string>& from_config,
                                           SettingSource* source) {
  if (option) return from(source, SettingSource::option, option);
  if (auto from_env = env.get("LEGSUP_LOG")) {
    return from(source, SettingSource::environment, from_env);
  }
  if (from_config) return from(source, SettingSource::config_file, from_config);
  if (auto data_home = xdg_home(env, "XDG_DATA_HOME", ".local/share")) {
    return from(source, SettingSource::default_value,
                std::optional<std::string>(*data_home + "/legsup/sessions.jsonl"));
  }
  return std::nullopt;
}

std::optional<std::string> default_config_path(const Environment& env) {
  if (auto config_home = xdg_home(env, "XDG_CONFIG_HOME", ".config")) {
    return *config_home + "/legsup/config.json";
  }
  return std::nullopt;
}

}  // namespace legsup
