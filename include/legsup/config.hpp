// The configuration file: defaults for `start` and the log, with keys named like the long
// options. A setting's value comes from the first of: the command line, the environment, this
// file, the content's (or legsup's) default.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "legsup/error.hpp"

namespace legsup {

struct Config {
  std::optional<std::string> path;     // the file read, if there was one
  std::optional<std::string> minutes;  // kept as text so --minutes' parser checks it
  std::optional<std::string> duration;
  std::optional<std::string> settle;
  std::optional<std::string> breath;
  std::optional<std::string> variant;
  std::optional<std::string> sound;
  std::optional<bool> breath_cues;
  std::optional<bool> notify;
  std::optional<std::string> log;
  std::optional<std::string> content;
};

// The keys a config file may hold, in the order `legsup config` lists them.
const std::vector<std::string>& config_keys();

// Reads a config file's text. Unknown keys and wrongly typed values are errors naming the file
// and the key; values are then checked by the same parsers as the options.
Parsed<Config> parse_config(std::string_view text, const std::string& path);

}  // namespace legsup
