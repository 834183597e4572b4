#include "legsup/base/paths.hpp"

namespace legsup {

namespace {

// An XDG base folder: the variable when it holds an absolute path (the spec says to ignore a
// relative one), else the fallback under HOME, which is no home either when relative (a log
// would land wherever the command was run from).
std::optional<std::string> xdg_home(const Environment& env, const char* variable,
                                    const char* fallback_under_home) {
  if (auto value = env.get(variable); value && value->front() == '/') return value;
  if (auto home = env.get("HOME"); home && home->front() == '/') {
    return *home + "/" + fallback_under_home;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> default_log_path(const Environment& env) {
  if (auto data_home = xdg_home(env, "XDG_DATA_HOME", ".local/share")) {
    return *data_home + "/legsup/sessions.jsonl";
  }
  return std::nullopt;
}

std::optional<std::string> default_config_path(const Environment& env) {
  if (auto config_home = xdg_home(env, "XDG_CONFIG_HOME", ".config")) {
    return *config_home + "/legsup/config.json";
  }
  return std::nullopt;
}

std::optional<std::string> state_folder(const Environment& env) {
  if (auto state_home = xdg_home(env, "XDG_STATE_HOME", ".local/state")) {
    return *state_home + "/legsup";
  }
  return std::nullopt;
}

std::string user_runtime_folder(unsigned uid) {
  return "/run/user/" + std::to_string(uid);
}

std::optional<std::string> runtime_folder_to_give(const Environment& env, unsigned uid,
                                                  const std::optional<FolderFacts>& found) {
  if (auto value = env.get("XDG_RUNTIME_DIR"); value && value->front() == '/') return std::nullopt;
  // Another user's folder, or one open to others, is not where this user's server listens (and
  // a socket there could be anyone's).
  if (!found || !found->folder || found->owner != uid || (found->mode & 077) != 0) {
    return std::nullopt;
  }
  return user_runtime_folder(uid);
}

}  // namespace legsup
