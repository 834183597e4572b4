// legsup guide [SECTION] [--variant ID] [--json]
#include "legsup/guide.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "commands.hpp"

namespace legsup {

Command add_guide_command(CLI::App& app) {
  struct Options {
    std::string section;
    std::optional<std::string> variant;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("guide", "How to set up, hold and come out of the pose");
  command->add_option("section", options->section,
                      "One part of the guide: " + list_choices(guide_section_names()) +
                          " (default: a short overview)");
  command
      ->add_option("--variant", options->variant,
                   "Show this variation's steps in place of the plain setup")
      ->type_name("ID");
  command->add_flag("--json", options->json, "Print the selected content as JSON");
  command->footer(
      "Examples:\n  legsup guide\n  legsup guide setup --variant bed\n"
      "  legsup guide breathing --json");

  return {command, [options](Context& context) {
            GuideSection section = GuideSection::overview;
            if (!options->section.empty()) {
              section = parse_guide_section(options->section).take(ErrorKind::usage);
            }
            const Content& content = context.content();
            GuideRequest request =
                make_guide_request(content, section, options->variant).take(ErrorKind::usage);
            if (options->json) {
              print_json(guide_json(content, request));
            } else {
              print_document(context, guide_document(content, request));
            }
            return kExitOk;
          }};
}

}  // namespace legsup
