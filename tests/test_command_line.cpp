#include <doctest/doctest.h>

#include <algorithm>

#include "commands/commands.hpp"
#include "legsup/base/text.hpp"
#include "legsup/command/command_line.hpp"
#include "legsup/command/settings.hpp"

using namespace legsup;

namespace {

// What legsup offers for the last word of `words`, with ids as a content would give them.
std::vector<std::string> offered(std::vector<std::string> words) {
  auto values = [](Completion kind) -> std::vector<std::string> {
    switch (kind) {
      case Completion::variants:
        return {"wall", "bed", "knees-bent"};
      case Completion::breaths:
        return {"box", "none"};
      case Completion::sections:
        return {"setup", "exit"};
      case Completion::presets:
        return {"bedtime"};
      case Completion::shells:
        return {"bash", "zsh", "fish"};
      default:
        return {};
    }
  };
  return complete_words(legsup_command_line(), words, words.size() - 1, values);
}

bool has(const std::vector<std::string>& words, const std::string& word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

}  // namespace

TEST_CASE("completion offers commands, and hides the helper the scripts call") {
  auto words = offered({"legsup", ""});
  CHECK(has(words, "start"));
  CHECK(has(words, "stats"));
  CHECK(has(words, "help"));
  CHECK_FALSE(has(words, "complete"));
  CHECK(offered({"legsup", "st"}) == std::vector<std::string>{"start", "stats"});
  CHECK(offered({"legsup", "log", ""}) ==
        std::vector<std::string>{"add", "edit", "rm", "undo", "merge"});
}

TEST_CASE(
    "completion offers every option of the command and the global ones, from the description") {
  auto words = offered({"legsup", "start", "--"});
  for (const auto& spec : setting_specs()) {
    if (spec.scope == SettingScope::file) continue;
    CHECK_MESSAGE(has(words, "--" + std::string(spec.key)), spec.key);
  }
  CHECK(has(words, "--no-breath-cues"));
  CHECK(has(words, "--help"));
  CHECK_FALSE(has(words, "--last"));
  CHECK(has(offered({"legsup", "log", "--"}), "--last"));
  CHECK_FALSE(has(offered({"legsup", "log", "add", "--"}), "--last"));
  CHECK(has(offered({"legsup", "log", "add", "--"}), "--at"));
}

TEST_CASE("completion offers an option's values, typed apart or after '='") {
  CHECK(offered({"legsup", "start", "--variant", ""}) ==
        std::vector<std::string>{"wall", "bed", "knees-bent"});
  CHECK(offered({"legsup", "start", "--variant", "k"}) == std::vector<std::string>{"knees-bent"});
  CHECK(offered({"legsup", "start", "--variant=b"}) == std::vector<std::string>{"--variant=bed"});
  CHECK(offered({"legsup", "log", "add", "--breath", ""}) ==
        std::vector<std::string>{"box", "none"});
  CHECK(offered({"legsup", "--log", ""}) == std::vector<std::string>{"@files"});
  CHECK(offered({"legsup", "start", "--minutes", ""}).empty());  // a number: nothing to offer
  // An option's value is not taken for a command.
  CHECK(offered({"legsup", "--log", "start", "guide", ""}) ==
        std::vector<std::string>{"setup", "exit"});
}

TEST_CASE("completion offers positional values: sections, shells, presets") {
  CHECK(offered({"legsup", "guide", ""}) == std::vector<std::string>{"setup", "exit"});
  CHECK(offered({"legsup", "completion", "f"}) == std::vector<std::string>{"fish"});
  CHECK(offered({"legsup", "start", ""}) == std::vector<std::string>{"bedtime"});
  CHECK(offered({"legsup", "guide", "setup", ""}).empty());  // one section only
}

TEST_CASE(
    "help shows every option of the command and the global options, with no parser leftovers") {
  const CommandSpec& root = legsup_command_line();
  std::string help = render_help(root, {"start"}, 100);
  CHECK(help.rfind("Usage: legsup start", 0) == 0);
  for (const auto& option : find_command(root, {"start"})->options)
    CHECK_MESSAGE(help.find(option.name) != std::string::npos, option.name);
  for (const auto& option : global_options())
    CHECK_MESSAGE(help.find(option.name) != std::string::npos, option.name);
  CHECK(help.find("--breath-cues, --no-breath-cues") != std::string::npos);
  CHECK(help.find("Excludes") == std::string::npos);
  CHECK(help.find("{false}") == std::string::npos);
  CHECK(help.find("TEXT:") == std::string::npos);
  for (int width : {40, 80}) {
    std::string narrow = render_help(root, {"log", "add"}, width);
    std::size_t start = 0;
    while (start < narrow.size()) {
      std::size_t end = narrow.find('\n', start);
      std::string line = narrow.substr(start, end - start);
      // Only the usage line, labels wider than the room and example commands may overflow.
      if (line.rfind("Usage:", 0) != 0 && line.rfind("  --", 0) != 0 &&
          line.rfind("  legsup ", 0) != 0) {
        CHECK_MESSAGE(display_width(line) <= width, line);
      }
      start = end + 1;
    }
  }
}

TEST_CASE("the root help lists the commands, and not the hidden one") {
  std::string help = render_help(legsup_command_line(), {}, 80);
  CHECK(help.find("Commands:\n  start") != std::string::npos);
  CHECK(help.find("complete ") == std::string::npos);
}

TEST_CASE("a mistyped word finds its likely meaning, and a far one none") {
  std::vector<std::string> commands = {"start", "stats", "guide", "config", "log"};
  CHECK(nearest_choice("stat", commands) == "stats");
  CHECK(nearest_choice("gudie", commands) == "guide");
  CHECK(nearest_choice("conf", commands) == "config");
  CHECK(nearest_choice("lgo", commands) == "log");
  CHECK_FALSE(nearest_choice("dance", commands).has_value());
  CHECK_FALSE(nearest_choice("x", commands).has_value());
}

TEST_CASE("arguments keep each option's values, and a negated flag says false") {
  Arguments arguments;
  arguments.add("--breath-cues", "false");
  arguments.add("--minutes", "5");
  CHECK(arguments.toggle("--breath-cues") == false);
  CHECK_FALSE(arguments.toggle("--notify").has_value());
  CHECK(arguments.value("--minutes") == "5");
  CHECK_FALSE(arguments.flag("--breath-cues"));
}
