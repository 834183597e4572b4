// What a person can type, as data: every command, its options and their values, described once.
// The parser (CLI11, in the program), --help, `legsup help`, the completions (`legsup complete`,
// which the shell scripts ask) and the man page's test all read this one description, so a new
// option or command needs no change anywhere else (ripgrep defines its flags the same way).
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "legsup/base/completion.hpp"

namespace legsup {

class Context;
class Arguments;

struct OptionSpec {
  std::string name = {};        // "--minutes"; a positional argument has no dashes: "SECTION"
  std::string value_name = {};  // "N"; empty for a flag
  std::string help = {};
  Completion completion = Completion::none;
  bool negatable = false;   // a flag that --no-NAME turns off again (after the config file)
  bool repeatable = false;  // a positional that takes every word left (FILE...)

  bool positional() const { return name.rfind("--", 0) != 0; }
  bool flag() const { return !positional() && value_name.empty(); }
};

struct CommandSpec {
  std::string name = {};
  std::string summary = {};  // one line, in the parent's list of commands
  std::string usage = {};    // after the command's words in "Usage: legsup log add ..."
  std::vector<OptionSpec> options = {};
  std::vector<CommandSpec> subcommands = {};
  std::string footer = {};  // keys, exit statuses, examples
  bool hidden = false;      // not listed, not completed (the helper the completion scripts call)
  // False for commands that read no setting (guide, cautions, completion, help): they still
  // work when the config file is broken, and say so in one line.
  bool uses_settings = true;
  std::function<int(const Arguments&, Context&)> run = {};

  const CommandSpec* find(std::string_view command) const;
};

// What the command line said: the command chosen, and each option's values as typed.
class Arguments {
 public:
  std::vector<std::string> path;  // {"log", "add"}; empty for legsup itself

  void add(const std::string& option, std::string value) {
    values_[option].push_back(std::move(value));
  }
  bool given(std::string_view option) const { return values_.find(option) != values_.end(); }
  // The value of an option given at most once (the parser refuses a second one).
  std::optional<std::string> value(std::string_view option) const;
  const std::vector<std::string>& values(std::string_view option) const;
  // A flag: given (true), not given (false). A negatable flag's --no- form gives false.
  bool flag(std::string_view option) const { return toggle(option).value_or(false); }
  std::optional<bool> toggle(std::string_view option) const;

 private:
  std::map<std::string, std::vector<std::string>, std::less<>> values_;
};

// The options every command takes, before or after its name.
const std::vector<OptionSpec>& global_options();

// The command at `path` under `root` (the root itself for an empty path), or none.
const CommandSpec* find_command(const CommandSpec& root, const std::vector<std::string>& path);

// The help of the command at `path`: usage, summary, its commands, its options, the global
// options, and its footer; wrapped to `width`.
std::string render_help(const CommandSpec& root, const std::vector<std::string>& path, int width);

// The words to offer for words[index] of a command line (words[0] is the program): commands,
// options, or an option's values, those starting with what was typed. `values` gives the
// values of a kind. A single "@files" asks the shell to complete file names.
std::vector<std::string> complete_words(
    const CommandSpec& root, const std::vector<std::string>& words, std::size_t index,
    const std::function<std::vector<std::string>(Completion)>& values);

// The names of the commands under `command` that a person can type (hidden ones left out).
std::vector<std::string> command_names(const CommandSpec& command);

}  // namespace legsup
