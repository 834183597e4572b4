#include <doctest/doctest.h>

#include "legsup/paths.hpp"

using legsup::choose_content_source;
using legsup::choose_log_path;
using legsup::default_config_path;
using legsup::Environment;

TEST_CASE("content: --content, then LEGSUP_CONTENT, then the built-in copy") {
  Environment with_env({{"LEGSUP_CONTENT", "/env/content.json"}});
  CHECK(choose_content_source(std::string("mine.json"), with_env).path == "mine.json");
  CHECK(choose_content_source(std::nullopt, with_env).path == "/env/content.json");
  auto built_in = choose_content_source(std::nullopt, Environment());
  CHECK_FALSE(built_in.path.has_value());
  CHECK(built_in.label == "built-in content");
}

TEST_CASE("log: --log, then LEGSUP_LOG, then XDG_DATA_HOME, then ~/.local/share") {
  Environment all({{"LEGSUP_LOG", "/env.jsonl"}, {"XDG_DATA_HOME", "/xdg"}, {"HOME", "/home/a"}});
  CHECK(choose_log_path(std::string("flag.jsonl"), all) == "flag.jsonl");
  CHECK(choose_log_path(std::nullopt, all) == "/env.jsonl");
  Environment xdg({{"XDG_DATA_HOME", "/xdg"}, {"HOME", "/home/a"}});
  CHECK(choose_log_path(std::nullopt, xdg) == "/xdg/legsup/sessions.jsonl");
  Environment home({{"HOME", "/home/a"}});
  CHECK(choose_log_path(std::nullopt, home) == "/home/a/.local/share/legsup/sessions.jsonl");
  CHECK_FALSE(choose_log_path(std::nullopt, Environment()).has_value());
}

TEST_CASE("a relative or empty XDG folder is ignored, as the XDG spec says") {
  Environment relative({{"XDG_DATA_HOME", "data"}, {"HOME", "/h"}});
  CHECK(choose_log_path(std::nullopt, relative) == "/h/.local/share/legsup/sessions.jsonl");
  Environment empty({{"XDG_CONFIG_HOME", ""}, {"HOME", "/h"}});
  CHECK(default_config_path(empty) == "/h/.config/legsup/config.json");
}
