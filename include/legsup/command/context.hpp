// What a command may need, each part made on first use: the config file, the content, the
// settings, the log, the time, and where output goes. The clock, the console and the source of
// random bytes are interfaces made in main, so that a command runs in a unit test with a fake
// clock and captured output (as ninja tests its build logic against a fake disk).
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "legsup/base/document.hpp"
#include "legsup/base/environment.hpp"
#include "legsup/base/local_time.hpp"
#include "legsup/base/output.hpp"
#include "legsup/base/text.hpp"
#include "legsup/command/command_line.hpp"
#include "legsup/command/settings.hpp"
#include "legsup/content/content.hpp"
#include "legsup/log/log.hpp"

namespace legsup {

// The machine's clock, in seconds since 1970.
class WallClock {
 public:
  virtual ~WallClock() = default;
  virtual std::int64_t now_seconds() = 0;
};

// Standard output and standard error. They take shown text only (text.hpp): whatever came from
// outside legsup has been escaped on its way here.
class Console {
 public:
  virtual ~Console() = default;
  virtual void out(const ShownText& text) = 0;
  virtual void err(const ShownText& text) = 0;
  // What standard output is: a terminal (and its size) or not.
  virtual TerminalProbe probe_out() = 0;
};

class RandomSource {
 public:
  virtual ~RandomSource() = default;
  virtual void fill(unsigned char* bytes, std::size_t count) = 0;
};

// What main hands every command.
struct Machine {
  Console& console;
  WallClock& clock;
  const TimeZone& zone;
  RandomSource& random;
  Environment env;
};

class Context {
 public:
  // `command` is the one being run: whether it uses settings decides what a broken config file
  // does (an error, or a warning for commands that read no setting).
  Context(const Arguments& arguments, const CommandSpec& command, Machine machine);

  const Arguments& arguments() const { return arguments_; }
  const Environment& env() const { return machine_.env; }
  Console& console() { return machine_.console; }

  // The config file, read on first use; empty when there is none. A broken one is a runtime
  // error, or for a command that reads no setting, a warning and no config.
  const ConfigFile& config();
  // The content, loaded and validated on first use; a runtime Error when it is invalid.
  const Content& content();
  // Every setting's value and source (settings.hpp), with a preset chosen by `legsup start`.
  const Settings& settings(const std::optional<std::string>& preset = std::nullopt);
  // The session log the settings name.
  SessionLog log();
  // When a night ends (day-starts-at), in minutes after midnight.
  int day_starts_minutes();
  // What a session must hold to count toward a streak (streak-minimum).
  Milliseconds streak_minimum();

  LocalTime now();
  const TimeZone& zone() const { return machine_.zone; }
  // A new record id: 128 random bits.
  std::string new_id();

  // Standard output's mode (terminal, colour, width), decided once.
  const OutputMode& output();
  // Standard output's mode decided again: a terminal may be resized while a session runs, and
  // what is printed after it is wrapped to the width it has then.
  void measure_output() { output_.reset(); }
  Style style() { return Style(output().color); }

  void print(const ShownText& text) { machine_.console.out(text); }
  void print(OwnWords words) { machine_.console.out(words); }
  // "legsup: warning: MESSAGE" on standard error, with control characters escaped.
  void warn(const std::string& message);
  void print_document(const Document& document);
  // Words a person reads, escaped: on a terminal wrapped at its width by the one rule (text.hpp:
  // at spaces, never inside a word or a path); elsewhere one line, as a program reads it. A
  // prompt leaves its last line open, ending in a space, for the answer.
  void print_wrapped(std::string_view text);
  void print_prompt(std::string_view text);
  // JSON, safe to show on a terminal (json_document.hpp).
  void print_json(const nlohmann::json& value);
  void print_json(const nlohmann::ordered_json& value);

 private:
  SettingInputs setting_inputs(const std::optional<std::string>& preset);

  const Arguments& arguments_;
  const CommandSpec& command_;
  Machine machine_;
  std::optional<ConfigFile> config_;
  std::optional<Content> content_;
  std::optional<Settings> settings_;
  std::optional<OutputMode> output_;
};

}  // namespace legsup
