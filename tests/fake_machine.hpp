// A machine for running commands in a unit test: a clock that stands still until moved, a zone
// with a fixed offset, captured output, counted "random" bytes, and files in a fresh folder.
#pragma once

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli.hpp"
#include "commands/commands.hpp"
#include "legsup/command/context.hpp"
#include "temp_folder.hpp"

namespace legsup::testing {

class FakeConsole : public Console {
 public:
  std::string out_text;
  std::string err_text;
  TerminalProbe probe;  // a pipe unless a test says otherwise
  void out(const ShownText& text) override { out_text += text.str(); }
  void err(const ShownText& text) override { err_text += text.str(); }
  TerminalProbe probe_out() override { return probe; }
};

class FakeClock : public WallClock {
 public:
  std::int64_t seconds = 0;
  std::int64_t now_seconds() override { return seconds; }
};

// A zone that is always `offset_minutes` from UTC.
class FixedZone : public TimeZone {
 public:
  explicit FixedZone(int offset_minutes) : offset_(offset_minutes) {}
  int offset_minutes_at(std::int64_t) const override { return offset_; }

 private:
  int offset_;
};

class CountingRandom : public RandomSource {
 public:
  unsigned char next = 0;
  void fill(unsigned char* bytes, std::size_t count) override {
    for (std::size_t i = 0; i < count; ++i)
      bytes[i] = next;
    ++next;
  }
};

// Runs `legsup ARGS...` on the fake machine, the way main does, and says how it ended.
class FakeMachine {
 public:
  TempFolder folder;
  FakeConsole console;
  FakeClock clock;
  FixedZone zone{60};
  CountingRandom random;
  std::vector<std::pair<std::string, std::string>> env = {{"HOME", ""}};

  FakeMachine() {
    env = {{"HOME", folder.path()},
           {"XDG_CONFIG_HOME", folder.file("config")},
           {"XDG_DATA_HOME", folder.file("data")}};
  }

  std::string log_path() const { return folder.file("data") + "/legsup/sessions.jsonl"; }
  std::string config_path() const { return folder.file("config") + "/legsup/config.json"; }
  void write_config(const std::string& text) {
    std::filesystem::create_directories(folder.file("config") + "/legsup");
    std::ofstream(config_path()) << text;
  }

  int status = -1;
  std::string error;  // the message of an Error, as main would print it

  // Clears the output, runs the command, and keeps its status and output.
  int run(std::vector<std::string> words) {
    console.out_text.clear();
    console.err_text.clear();
    error.clear();
    words.insert(words.begin(), "legsup");
    std::vector<char*> argv;
    for (auto& word : words)
      argv.push_back(word.data());
    try {
      const CommandSpec& root = legsup_command_line();
      Arguments arguments = parse_command_line(root, static_cast<int>(argv.size()), argv.data());
      const CommandSpec* command = find_command(root, arguments.path);
      std::map<std::string, std::string> variables(env.begin(), env.end());
      Context context(arguments, *command,
                      {console, clock, zone, random, Environment(std::move(variables))});
      if (arguments.flag("--help") || !command->run) {
        console.out(
            ShownText::already_escaped(render_help(root, arguments.path, context.output().width)));
        return status = kExitOk;
      }
      return status = command->run(arguments, context);
    } catch (const Error& failure) {
      error = failure.what();
      return status = failure.exit_code();
    }
  }

  std::vector<std::string> log_lines() const {
    std::ifstream in(log_path());
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
      lines.push_back(line);
    return lines;
  }
};

}  // namespace legsup::testing
