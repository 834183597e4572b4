// legsup completion bash|zsh|fish: prints a shell's completion script.
// legsup complete WHAT: the words those scripts offer (hidden; ids from the content in use).
#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "console.hpp"
#include "legsup/guide.hpp"

namespace legsup {

// The scripts in completions/, built into the binary.
std::string_view bash_completion_script();
std::string_view zsh_completion_script();
std::string_view fish_completion_script();

namespace {

void print_lines(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& word : words)
    out += word + "\n";
  write_stdout(out);
}

// Long options of a command, as "--name", with the global ones and --help.
std::vector<std::string> long_options(const CLI::App& root, const CLI::App* command) {
  std::vector<std::string> names;
  auto add_from = [&](const CLI::App& app) {
    for (const CLI::Option* option : app.get_options()) {
      for (const auto& name : option->get_lnames())
        names.push_back("--" + name);
    }
  };
  if (command) add_from(*command);
  add_from(root);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

}  // namespace

Command add_completion_command(CLI::App& app) {
  auto shell = std::make_shared<std::string>();
  CLI::App* command = app.add_subcommand("completion", "Print the completion script for a shell");
  command->add_option("shell", *shell, "bash, zsh or fish")->required();
  command->footer(
      "Examples:\n  source <(legsup completion bash)\n"
      "  legsup completion fish > ~/.config/fish/completions/legsup.fish");
  return {command, [shell](Context&) {
            if (*shell == "bash") {
              write_stdout(bash_completion_script());
            } else if (*shell == "zsh") {
              write_stdout(zsh_completion_script());
            } else if (*shell == "fish") {
              write_stdout(fish_completion_script());
            } else {
              throw usage_error(
                  fmt::format("unknown shell \"{}\" (shells: bash, zsh or fish)", *shell));
            }
            return kExitOk;
          }};
}

Command add_complete_command(CLI::App& app) {
  auto words = std::make_shared<std::vector<std::string>>();
  CLI::App* command = app.add_subcommand("complete", "Words for shell completion");
  command->group("");  // hidden: the completion scripts call it
  command->add_option("what", *words,
                      "commands, options [COMMAND [SUB]], variants, breaths, "
                      "sections, sounds or scales");
  CLI::App* root = &app;
  return {command, [words, root](Context& context) {
            std::string what = words->empty() ? "commands" : words->front();
            if (what == "commands") {
              std::vector<std::string> names;
              for (const CLI::App* sub : root->get_subcommands({})) {
                if (!sub->get_group().empty()) names.push_back(sub->get_name());
              }
              print_lines(names);
            } else if (what == "options") {
              const CLI::App* target = nullptr;
              if (words->size() > 1) {
                try {
                  target = root->get_subcommand((*words)[1]);
                  if (words->size() > 2) target = target->get_subcommand((*words)[2]);
                } catch (const CLI::OptionNotFound&) {
                  // an unknown command: offer the global options
                }
              }
              print_lines(long_options(*root, target));
            } else if (what == "variants") {
              print_lines(context.content().variation_ids());
            } else if (what == "breaths") {
              print_lines(context.content().breath_pattern_ids());
            } else if (what == "scales") {
              print_lines(context.content().rating_ids());
            } else if (what == "sections") {
              print_lines(guide_section_names());
            } else if (what == "sounds") {
              print_lines({"none", "bell", "chime", "voice"});
            } else {
              throw usage_error(fmt::format("cannot complete \"{}\"", what));
            }
            return kExitOk;
          }};
}

}  // namespace legsup
