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

}  // namespace legsup
