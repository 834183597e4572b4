#include <doctest/doctest.h>

#include "legsup/base/paths.hpp"

using legsup::default_config_path;
using legsup::default_log_path;
using legsup::Environment;
using legsup::FolderFacts;
using legsup::runtime_folder_to_give;
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
  // A relative or empty HOME is no home: the log would land wherever the command ran.
  for (const char* home : {"relative/dir", ""}) {
    Environment relative_home({{"HOME", home}});
    CHECK_FALSE(default_log_path(relative_home).has_value());
    CHECK_FALSE(default_config_path(relative_home).has_value());
    CHECK_FALSE(state_folder(relative_home).has_value());
  }
}

TEST_CASE("what legsup remembers lives under XDG_STATE_HOME") {
  CHECK(state_folder(Environment({{"XDG_STATE_HOME", "/s"}, {"HOME", "/h"}})) == "/s/legsup");
  CHECK(state_folder(Environment({{"HOME", "/h"}})) == "/h/.local/state/legsup");
}

TEST_CASE("without XDG_RUNTIME_DIR, the players are given the user's own /run/user/UID") {
  // As cron runs a script: no XDG_RUNTIME_DIR, the desktop session's folder there.
  Environment cron({{"HOME", "/home/a"}, {"PATH", "/usr/bin:/bin"}});
  FolderFacts own{true, 1000, 0700};
  CHECK(runtime_folder_to_give(cron, 1000, own) == "/run/user/1000");
  CHECK(legsup::user_runtime_folder(0) == "/run/user/0");
  // The environment says where already: nothing is added.
  CHECK_FALSE(
      runtime_folder_to_give(Environment({{"XDG_RUNTIME_DIR", "/run/user/1000"}}), 1000, own)
          .has_value());
  // A relative or empty one says nothing, as for the other XDG folders.
  CHECK(runtime_folder_to_give(Environment({{"XDG_RUNTIME_DIR", "run"}}), 1000, own) ==
        "/run/user/1000");
  CHECK(runtime_folder_to_give(Environment({{"XDG_RUNTIME_DIR", ""}}), 1000, own) ==
        "/run/user/1000");
  // Not there, not a folder (a link to one, a file), another user's, or open to others: no.
  CHECK_FALSE(runtime_folder_to_give(cron, 1000, std::nullopt).has_value());
  CHECK_FALSE(runtime_folder_to_give(cron, 1000, FolderFacts{false, 1000, 0700}).has_value());
  CHECK_FALSE(runtime_folder_to_give(cron, 1000, FolderFacts{true, 0, 0700}).has_value());
  CHECK_FALSE(runtime_folder_to_give(cron, 1000, FolderFacts{true, 1000, 0750}).has_value());
  CHECK_FALSE(runtime_folder_to_give(cron, 1000, FolderFacts{true, 1000, 0701}).has_value());
  CHECK_FALSE(runtime_folder_to_give(cron, 1000, FolderFacts{true, 1000, 01777}).has_value());
  CHECK(runtime_folder_to_give(cron, 0, FolderFacts{true, 0, 0700}) == "/run/user/0");
}
