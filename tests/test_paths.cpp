#include <doctest/doctest.h>

#include "legsup/base/paths.hpp"

using legsup::default_config_path;
using legsup::default_log_path;
using legsup::Environment;
using legsup::state_folder;

TEST_CASE("the log: XDG_DATA_HOME, then ~/.local/share, then nowhere") {
  Environment xdg({{"XDG_DATA_HOME", "/xdg"}, {"HOME", "/home/a"}});
  CHECK(default_log_path(xdg) == "/xdg/legsup/sessions.jsonl");
  Environment home({{"HOME", "/home/a"}});
  CHECK(default_log_path(home) == "/home/a/.local/share/legsup/sessions.jsonl");
  CHECK_FALSE(default_log_path(Environment()).has_value());
}

TEST_CASE("a relative or empty XDG folder is ignored, as the XDG spec says") {
  Environment relative({{"XDG_DATA_HOME", "data"}, {"HOME", "/h"}});
  CHECK(default_log_path(relative) == "/h/.local/share/legsup/sessions.jsonl");
  Environment empty({{"XDG_CONFIG_HOME", ""}, {"HOME", "/h"}});
  CHECK(default_config_path(empty) == "/h/.config/legsup/config.json");
}

TEST_CASE("what legsup remembers lives under XDG_STATE_HOME") {
  CHECK(state_folder(Environment({{"XDG_STATE_HOME", "/s"}, {"HOME", "/h"}})) == "/s/legsup");
  CHECK(state_folder(Environment({{"HOME", "/h"}})) == "/h/.local/state/legsup");
}
