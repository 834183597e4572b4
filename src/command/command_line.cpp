#include "legsup/command/command_line.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "legsup/base/text.hpp"
#include "legsup/command/settings.hpp"

namespace legsup {

const CommandSpec* CommandSpec::find(std::string_view command) const {
  for (const auto& sub : subcommands) {
    if (sub.name == command) return &sub;
  }
  return nullptr;
}

std::optional<std::string> Arguments::value(std::string_view option) const {
  auto found = values_.find(option);
  if (found == values_.end() || found->second.empty()) return std::nullopt;
  return found->second.back();
}

const std::vector<std::string>& Arguments::values(std::string_view option) const {
  static const std::vector<std::string> kNone;
  auto found = values_.find(option);
  return found == values_.end() ? kNone : found->second;
}

std::optional<bool> Arguments::toggle(std::string_view option) const {
  auto found = value(option);
  if (!found) return std::nullopt;
  return *found != "false";
}

const std::vector<OptionSpec>& global_options() {
  static const std::vector<OptionSpec> options = [] {
    std::vector<OptionSpec> all = setting_options(SettingScope::global);
    all.push_back({"--no-color", "", "Never use colour or bold"});
    all.push_back({"--help", "", "Show this help (legsup help COMMAND shows a command's)"});
    all.push_back({"--version", "", "Print the version and exit"});
    return all;
  }();
  return options;
}

const CommandSpec* find_command(const CommandSpec& root, const std::vector<std::string>& path) {
  const CommandSpec* command = &root;
  for (const auto& name : path) {
    command = command->find(name);
    if (!command) return nullptr;
  }
  return command;
}

std::vector<std::string> command_names(const CommandSpec& command) {
  std::vector<std::string> names;
  for (const auto& sub : command.subcommands) {
    if (!sub.hidden) names.push_back(sub.name);
  }
  return names;
}

namespace {

std::string option_label(const OptionSpec& option) {
  std::string label = option.name;
  if (!option.value_name.empty() && !option.positional()) label += " " + option.value_name;
  if (option.negatable) label += ", --no-" + option.name.substr(2);
  if (option.repeatable) label += "...";
  return label;
}

// "  LABEL    text that wraps under itself", the label column as wide as the widest label
// (within a limit: a wider label gets a line of its own).
void append_entries(std::string& out, const std::vector<std::pair<std::string, std::string>>& rows,
                    int width) {
  int column = 0;
  for (const auto& [label, text] : rows)
    column = std::max(column, display_width(label));
  column = std::min(column, std::max(12, width / 3)) + 4;
  std::string hang(static_cast<std::size_t>(column), ' ');
  for (const auto& [label, text] : rows) {
    std::string first = "  " + label;
    if (display_width(first) + 2 > column) {
      out += first + "\n";
      first = hang;
    } else {
      first = pad_right(first, column);
    }
    for (const auto& line : wrap(text, width, first, hang))
      out += line + "\n";
  }
}

std::string usage_of(const CommandSpec& command, const std::vector<std::string>& path) {
  std::string words = "legsup";
  for (const auto& name : path)
    words += " " + name;
  if (!command.usage.empty()) return words + " " + command.usage;
  std::string usage = words;
  bool has_options = std::any_of(command.options.begin(), command.options.end(),
                                 [](const OptionSpec& option) { return !option.positional(); });
  if (has_options) usage += " [OPTIONS]";
  for (const auto& option : command.options) {
    if (option.positional())
      usage += fmt::format(" [{}{}]", option.name, option.repeatable ? "..." : "");
  }
  if (!command_names(command).empty()) usage += path.empty() ? " COMMAND" : " [COMMAND]";
  return usage;
}

}  // namespace

std::string render_help(const CommandSpec& root, const std::vector<std::string>& path, int width) {
  const CommandSpec* command = find_command(root, path);
  if (!command) return {};
  std::string out = "Usage: " + usage_of(*command, path) + "\n\n";
  for (const auto& line : wrap(command->summary, width, "", ""))
    out += line + "\n";

  std::vector<std::pair<std::string, std::string>> commands;
  for (const auto& sub : command->subcommands) {
    if (!sub.hidden) commands.emplace_back(sub.name, sub.summary);
  }
  if (!commands.empty()) {
    out += "\nCommands:\n";
    append_entries(out, commands, width);
  }
  std::vector<std::pair<std::string, std::string>> arguments, options, globals;
  for (const auto& option : command->options) {
    (option.positional() ? arguments : options).emplace_back(option_label(option), option.help);
  }
  for (const auto& option : global_options())
    globals.emplace_back(option_label(option), option.help);
  if (!arguments.empty()) {
    out += "\nArguments:\n";
    append_entries(out, arguments, width);
  }
  if (!options.empty()) {
    out += "\nOptions:\n";
    append_entries(out, options, width);
  }
  out += path.empty() ? "\nOptions:\n" : "\nGlobal options:\n";
  append_entries(out, globals, width);
  if (!command->footer.empty()) {
    // Prose is wrapped to the width; indented lines (examples) are kept as they are.
    out += "\n";
    std::string_view footer = command->footer;
    while (!footer.empty()) {
      std::string_view line = footer.substr(0, footer.find('\n'));
      footer.remove_prefix(std::min(footer.size(), line.size() + 1));
      if (line.substr(0, 2) == "  ") {
        out += std::string(line) + "\n";
        continue;
      }
      for (const auto& wrapped : wrap(line, width, "", ""))
        out += wrapped + "\n";
    }
  }
  return out;
}

namespace {

struct Walk {
  const CommandSpec* command;
  std::size_t positionals = 0;  // positional words given so far to this command
};

const OptionSpec* find_option(const CommandSpec& command, std::string_view name) {
  for (const auto* list : {&command.options, &global_options()}) {
    for (const auto& option : *list) {
      if (option.positional()) continue;
      if (option.name == name) return &option;
      if (option.negatable && name == "--no-" + option.name.substr(2)) return &option;
    }
  }
  return nullptr;
}

const OptionSpec* nth_positional(const CommandSpec& command, std::size_t n) {
  std::size_t seen = 0;
  for (const auto& option : command.options) {
    if (!option.positional()) continue;
    if (seen == n || option.repeatable) return &option;
    ++seen;
  }
  return nullptr;
}

std::vector<std::string> starting_with(std::vector<std::string> words, std::string_view typed,
                                       std::string_view prefix = {}) {
  std::vector<std::string> kept;
  for (auto& word : words) {
    std::string full = std::string(prefix) + word;
    if (full.compare(0, typed.size(), typed) == 0) kept.push_back(std::move(full));
  }
  return kept;
}

}  // namespace

std::vector<std::string> complete_words(
    const CommandSpec& root, const std::vector<std::string>& words, std::size_t index,
    const std::function<std::vector<std::string>(Completion)>& values) {
  Walk walk{&root};
  const OptionSpec* wants_value = nullptr;  // the option the previous word was, if it takes one
  bool only_positionals = false;
  for (std::size_t i = 1; i < index && i < words.size(); ++i) {
    const std::string& word = words[i];
    if (wants_value) {
      wants_value = nullptr;
      continue;
    }
    if (!only_positionals && word == "--") {
      only_positionals = true;
    } else if (!only_positionals && word.rfind("-", 0) == 0) {
      std::string name = word.substr(0, word.find('='));
      const OptionSpec* option = find_option(*walk.command, name);
      if (option && !option->flag() && word.find('=') == std::string::npos) wants_value = option;
    } else if (const CommandSpec* sub = walk.command->find(word); sub && walk.positionals == 0) {
      walk = Walk{sub};
    } else {
      ++walk.positionals;
    }
  }
  auto value_words = [&](const OptionSpec& option) {
    if (option.completion == Completion::files) return std::vector<std::string>{"@files"};
    return values(option.completion);
  };
  std::string typed = index < words.size() ? words[index] : std::string();
  if (wants_value) {
    auto offered = value_words(*wants_value);
    return offered == std::vector<std::string>{"@files"} ? offered : starting_with(offered, typed);
  }
  if (!only_positionals && typed.rfind("--", 0) == 0 && typed.find('=') != std::string::npos) {
    std::string name = typed.substr(0, typed.find('='));
    const OptionSpec* option = find_option(*walk.command, name);
    if (!option || option->flag()) return {};
    auto offered = value_words(*option);
    if (offered == std::vector<std::string>{"@files"}) return offered;
    return starting_with(offered, typed, name + "=");
  }
  if (!only_positionals && typed.rfind("-", 0) == 0) {
    std::vector<std::string> names;
    for (const auto* list : {&walk.command->options, &global_options()}) {
      for (const auto& option : *list) {
        if (option.positional()) continue;
        names.push_back(option.name);
        if (option.negatable) names.push_back("--no-" + option.name.substr(2));
      }
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return starting_with(names, typed);
  }
  std::vector<std::string> offered;
  if (walk.positionals == 0) offered = command_names(*walk.command);
  if (const OptionSpec* positional = nth_positional(*walk.command, walk.positionals)) {
    auto more = value_words(*positional);
    if (more == std::vector<std::string>{"@files"}) return offered.empty() ? more : offered;
    offered.insert(offered.end(), more.begin(), more.end());
  }
  return starting_with(offered, typed);
}

}  // namespace legsup
