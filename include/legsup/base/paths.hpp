// Where legsup's files live by default, from the environment (the XDG base directories): the
// one place that reads environment variables for paths.
#pragma once

#include <optional>
#include <string>

#include "legsup/base/environment.hpp"

namespace legsup {

// $XDG_DATA_HOME/legsup/sessions.jsonl (~/.local/share when XDG_DATA_HOME is unset); none
// without HOME either.
std::optional<std::string> default_log_path(const Environment& env);

// $XDG_CONFIG_HOME/legsup/config.json (~/.config when XDG_CONFIG_HOME is unset).
std::optional<std::string> default_config_path(const Environment& env);

// $XDG_STATE_HOME/legsup (~/.local/state when XDG_STATE_HOME is unset): what legsup remembers
// between runs, such as that the cautions were read.
std::optional<std::string> state_folder(const Environment& env);

// What the program found at a path (lstat): a folder or not, its owner and permission bits.
struct FolderFacts {
  bool folder = false;  // a folder itself, not a link to one
  unsigned owner = 0;
  unsigned mode = 0;
};

// The folder a desktop session gives a user for its sockets (the sound server's among them):
// /run/user/UID.
std::string user_runtime_folder(unsigned uid);

// The XDG_RUNTIME_DIR to give the sound players when the environment has none (cron, a script
// started outside the desktop session), so that they find the user's sound server as a desktop
// session would: user_runtime_folder(uid), given what is there (none: nothing), when it is a
// folder of the user's own that no one else may enter. None when the environment names an
// absolute folder already, or the folder will not do.
std::optional<std::string> runtime_folder_to_give(const Environment& env, unsigned uid,
                                                  const std::optional<FolderFacts>& found);

}  // namespace legsup
