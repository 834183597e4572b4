#include "cli.hpp"

#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <algorithm>

#include "legsup/base/error.hpp"
#include "legsup/base/text.hpp"

namespace legsup {
namespace {

std::string command_words(const std::vector<std::string>& path) {
  std::string words = "legsup";
  for (const auto& name : path)
    words += " " + name;
  return words;
}

std::string see_help(const std::vector<std::string>& path) {
  return fmt::format("see '{} --help'", command_words(path));
}

// Every option takes its values one by one; the check for a repeated one comes after parsing,
// so that its message can name the option.
void add_option(CLI::App& app, const OptionSpec& option, Arguments& arguments) {
  if (option.flag()) {
    std::string names = option.name;
    if (option.negatable) names += ",!--no-" + option.name.substr(2);
    // A value given to a flag (--yes=maybe) is a parse error, not a conversion that throws.
    app.add_flag_function(names,
                          [&arguments, name = option.name](std::int64_t count) {
                            arguments.add(name, count > 0 ? "true" : "false");
                          })
        ->disable_flag_override();
    return;
  }
  auto* added = app.add_option_function<std::vector<std::string>>(
      option.name, [&arguments, name = option.name](const std::vector<std::string>& values) {
        for (const auto& value : values)
          arguments.add(name, value);
      });
  added->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  added->expected(option.positional() ? -1 : 1);
  // A vector takes every word that follows unless told not to: "--note x ID" would give the note
  // two values and the ID none. An option takes its one word; the next is the command's.
  added->allow_extra_args(option.positional());
}

void add_command(CLI::App& app, const CommandSpec& spec, Arguments& arguments) {
  app.set_help_flag();
  app.allow_extras(true);
  for (const auto& option : spec.options)
    add_option(app, option, arguments);
  if (!spec.subcommands.empty()) app.require_subcommand(0, 1);
  for (const auto& sub : spec.subcommands) {
    CLI::App* child = app.add_subcommand(sub.name, sub.summary);
    child->fallthrough(true);
    add_command(*child, sub, arguments);
  }
}

std::vector<std::string> option_names(const CommandSpec& command) {
  std::vector<std::string> names;
  for (const auto* list : {&command.options, &global_options()}) {
    for (const auto& option : *list) {
      if (option.positional()) continue;
      names.push_back(option.name);
      if (option.negatable) names.push_back("--no-" + option.name.substr(2));
    }
  }
  return names;
}

// Turns what CLI11 says into one line that names the option and what it needs. CLI11 2.1.2's
// errors carry the option only in their text: the type says what went wrong (a value missing,
// or given to a flag), the first word, matched to the command's own options, says where.
std::string parse_error_text(const CLI::ParseError& error, const CommandSpec& command,
                             const std::vector<std::string>& path) {
  std::string_view what = error.what();
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&error)) {
    std::string_view word = what.substr(0, what.find_first_of(": "));
    std::string typed = word.rfind("--", 0) == 0 ? std::string(word) : "--" + std::string(word);
    for (const auto* list : {&command.options, &global_options()}) {
      for (const auto& option : *list) {
        bool named =
            typed == option.name || (option.negatable && typed == "--no-" + option.name.substr(2));
        if (!named || option.positional()) continue;
        return fmt::format("{} {} ({})", typed, option.flag() ? "takes no value" : "needs a value",
                           see_help(path));
      }
    }
  }
  return fmt::format("{} ({})", what, see_help(path));
}

}  // namespace

Arguments parse_command_line(const CommandSpec& root, int argc, char** argv) {
  Arguments arguments;
  CLI::App app(root.summary, "legsup");
  add_command(app, root, arguments);
  for (const auto& option : global_options())
    add_option(app, option, arguments);

  std::vector<std::string> path;
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    for (const CLI::App* at = &app; !at->get_subcommands().empty();) {
      at = at->get_subcommands().front();
      path.push_back(at->get_name());
    }
    throw usage_error(parse_error_text(error, *find_command(root, path), path));
  }
  const CLI::App* chosen = &app;
  while (!chosen->get_subcommands().empty()) {
    chosen = chosen->get_subcommands().front();
    path.push_back(chosen->get_name());
  }
  arguments.path = path;
  const CommandSpec* command = find_command(root, path);

  // Extras: an unknown option, an unknown command, or an argument too many.
  std::vector<std::string> extras = app.remaining(true);
  // CLI11 keeps the "--" that ends the options among the extras.
  extras.erase(std::remove(extras.begin(), extras.end(), "--"), extras.end());
  if (!extras.empty() && !arguments.flag("--help")) {
    const std::string& extra = extras.front();
    if (extra.rfind("-", 0) == 0 && extra != "-") {
      std::string name = extra.substr(0, extra.find('='));
      auto names = option_names(*command);
      if (std::find(names.begin(), names.end(), name) != names.end()) {
        // Known to the command, typed before its name: where only the global options go.
        throw usage_error(fmt::format("{} is an option of '{}': give it after '{}' ({})", name,
                                      command_words(path), command_words(path), see_help(path)));
      }
      throw usage_error(fmt::format("unknown option {} for '{}'{} ({})", quoted_value(name),
                                    command_words(path), did_you_mean(name, option_names(*command)),
                                    see_help(path)));
    }
    if (!command->subcommands.empty()) {
      std::string words;
      for (const auto& name : path)
        words += name + " ";
      throw usage_error(fmt::format("unknown command {}{} ({})", quoted_value(words + extra),
                                    did_you_mean(extra, command_names(*command)), see_help(path)));
    }
    throw usage_error(fmt::format("unexpected argument {} for '{}' ({})", quoted_value(extra),
                                  command_words(path), see_help(path)));
  }

  // An option of a command above the one chosen (`log --json` given to `log add`) would be
  // dropped without a word: say whose it is.
  const CommandSpec* above = &root;
  for (std::size_t depth = 0; depth < path.size(); ++depth) {
    for (const auto& option : above->options) {
      if (option.positional() || arguments.values(option.name).empty()) continue;
      bool own = std::any_of(command->options.begin(), command->options.end(),
                             [&](const OptionSpec& mine) { return mine.name == option.name; });
      if (own) continue;
      std::vector<std::string> owner(path.begin(), path.begin() + static_cast<long>(depth));
      throw usage_error(fmt::format("{} is an option of '{}', not of '{}' ({})", option.name,
                                    command_words(owner), command_words(path), see_help(path)));
    }
    above = above->find(path[depth]);
  }

  // An option given twice is a mistake rather than a choice: say so.
  for (const auto* list : {&command->options, &global_options()}) {
    for (const auto& option : *list) {
      std::size_t count = arguments.values(option.name).size();
      std::size_t allowed = option.positional() ? (option.repeatable ? SIZE_MAX : 1) : 1;
      if (option.flag() || count <= allowed) continue;
      if (option.positional()) {
        throw usage_error(fmt::format("unexpected argument {} for '{}' ({})",
                                      quoted_value(arguments.values(option.name)[1]),
                                      command_words(path), see_help(path)));
      }
      throw usage_error(fmt::format("{} is given {} times; give it once ({})", option.name, count,
                                    see_help(path)));
    }
  }
  return arguments;
}

}  // namespace legsup
