// legsup completion bash|zsh|fish: prints a shell's completion script.
// legsup complete -- INDEX WORD...: the words those scripts offer (hidden).
// legsup help [COMMAND...]: a command's help, as --help prints it.
#include <fmt/core.h>

#include <charconv>

#include "commands.hpp"
#include "legsup/base/files.hpp"
#include "legsup/base/text.hpp"
#include "legsup/command/context.hpp"
#include "legsup/content/guide.hpp"
#include "legsup/session/ambient.hpp"
#include "legsup/session/screen_mode.hpp"
#include "legsup/session/sound.hpp"

namespace legsup {

// The scripts in completions/, built into the binary.
std::string_view bash_completion_script();
std::string_view zsh_completion_script();
std::string_view fish_completion_script();

namespace {

const std::vector<std::string> kShells = {"bash", "zsh", "fish"};

// The value of `--name VALUE` or `--name=VALUE` among the words typed so far.
std::optional<std::string> typed_option(const std::vector<std::string>& words,
                                        std::string_view name) {
  std::optional<std::string> found;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i] == name && i + 1 < words.size()) found = words[i + 1];
    if (words[i].rfind(std::string(name) + "=", 0) == 0) found = words[i].substr(name.size() + 1);
  }
  return found;
}

int run_complete(const Arguments& arguments, Context& context) {
  const auto& given = arguments.values("WORD");
  if (given.empty()) return kExitOk;
  std::size_t index = 0;
  auto [end, error] = std::from_chars(given[0].data(), given[0].data() + given[0].size(), index);
  if (error != std::errc() || end != given[0].data() + given[0].size()) {
    throw usage_error("complete: expected the index of the word to complete, then the words");
  }
  std::vector<std::string> words(given.begin() + 1, given.end());
  // The word completed is one of those given, or the empty one after them: nothing else (an
  // index taken as a size would allocate whatever number was given).
  if (index > words.size()) {
    throw usage_error(
        fmt::format("complete: the index {} is past the words given ({})", index, words.size()));
  }

  // The content the completed command would use: its --content, else the usual one. A content
  // file that cannot be read offers nothing rather than an error in the middle of typing.
  auto content = [&]() -> std::optional<Content> {
    try {
      if (auto path = typed_option(words, "--content")) {
        auto text = read_small_file(*path);
        if (!text) return std::nullopt;
        auto parsed = parse_content(*text, *path);
        return parsed ? std::optional<Content>(*parsed) : std::nullopt;
      }
      return context.content();
    } catch (const Error&) {
      return std::nullopt;
    }
  };
  auto values = [&](Completion kind) -> std::vector<std::string> {
    switch (kind) {
      case Completion::variants:
        if (auto loaded = content()) return loaded->variation_ids();
        return {};
      case Completion::breaths:
        if (auto loaded = content()) {
          auto ids = loaded->breath_pattern_ids();
          ids.emplace_back("none");
          return ids;
        }
        return {};
      case Completion::sounds:
        return names_in(kSoundKinds);
      case Completion::ambients:
        return names_in(kAmbientKinds);
      case Completion::sections:
        return guide_section_names();
      case Completion::shells:
        return kShells;
      case Completion::screens:
        return names_in(kScreenModes);
      case Completion::commands:
        return command_names(legsup_command_line());
      case Completion::presets: {
        std::vector<std::string> names;
        try {
          for (const auto& [name, preset] : context.config().presets)
            names.push_back(name);
        } catch (const Error&) {
        }
        return names;
      }
      case Completion::none:
      case Completion::files:
        return {};
    }
    return {};
  };
  ShownText out;
  for (const auto& word : complete_words(legsup_command_line(), words, index, values))
    out += ShownText::line(word);
  context.print(out);
  return kExitOk;
}

}  // namespace

CommandSpec completion_command() {
  return {.name = "completion",
          .summary = "Print the completion script for a shell",
          .options = {{"SHELL", "SHELL", "bash, zsh or fish", Completion::shells}},
          .footer =
              "Examples:\n  source <(legsup completion bash)\n"
              "  legsup completion fish > ~/.config/fish/completions/legsup.fish",
          .uses_settings = false,
          .run = [](const Arguments& arguments, Context& context) {
            auto shell = arguments.value("SHELL");
            if (!shell) throw usage_error("completion needs a shell: bash, zsh or fish");
            // The scripts are legsup's own, built in (they hold tabs and escapes of their own).
            if (*shell == "bash") {
              context.print(ShownText::already_escaped(std::string(bash_completion_script())));
            } else if (*shell == "zsh") {
              context.print(ShownText::already_escaped(std::string(zsh_completion_script())));
            } else if (*shell == "fish") {
              context.print(ShownText::already_escaped(std::string(fish_completion_script())));
            } else {
              throw usage_error(fmt::format("unknown shell {} (shells: {})", quoted_value(*shell),
                                            list_choices(kShells)));
            }
            return kExitOk;
          }};
}

CommandSpec complete_command() {
  return {.name = "complete",
          .summary = "Words for shell completion",
          .options = {{"WORD", "WORD", "The index of the word to complete, then the words",
                       Completion::none, false, true}},
          .hidden = true,
          .uses_settings = false,
          .run = run_complete};
}

CommandSpec help_command() {
  return {.name = "help",
          .summary = "Show the help of legsup or of a command",
          .options = {{"COMMAND", "COMMAND", "The command, such as start or log add",
                       Completion::commands, false, true}},
          .footer = "Examples:\n  legsup help start\n  legsup help log add",
          .uses_settings = false,
          .run = [](const Arguments& arguments, Context& context) {
            const CommandSpec& root = legsup_command_line();
            std::vector<std::string> path;
            const CommandSpec* command = &root;
            for (const auto& name : arguments.values("COMMAND")) {
              const CommandSpec* sub = command->find(name);
              if (!sub || sub->hidden) {
                throw usage_error(fmt::format("no help for '{}': there is no such command{}", name,
                                              did_you_mean(name, command_names(*command))));
              }
              path.push_back(name);
              command = sub;
            }
            context.print(  // legsup's own words
                ShownText::already_escaped(render_help(root, path, context.output().width)));
            return kExitOk;
          }};
}

}  // namespace legsup
