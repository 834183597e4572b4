// legsup guide [SECTION] [--variant ID] [--json]
#include "legsup/content/guide.hpp"

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "legsup/base/text.hpp"
#include "legsup/command/context.hpp"

namespace legsup {
namespace {

int run_guide(const Arguments& arguments, Context& context) {
  GuideSection section = GuideSection::overview;
  if (auto name = arguments.value("SECTION")) {
    section = parse_guide_section(*name).take(ErrorKind::usage);
  }
  const Content& content = context.content();
  GuideRequest request =
      make_guide_request(content, section, arguments.value("--variant")).take(ErrorKind::usage);
  if (arguments.flag("--json")) {
    context.print_json(guide_json(content, request));
  } else {
    context.print_document(guide_document(content, request));
  }
  return kExitOk;
}

}  // namespace

CommandSpec guide_command() {
  return {.name = "guide",
          .summary = "How to set up, hold and come out of the pose",
          .options = {{"SECTION", "SECTION",
                       "One part of the guide: " + list_choices(guide_section_names()) +
                           " (default: a short overview)",
                       Completion::sections},
                      {"--variant", "ID", "Show this variation's steps in place of the plain setup",
                       Completion::variants},
                      {"--json", "", "Print the selected content as JSON"}},
          .footer =
              "Examples:\n  legsup guide\n  legsup guide setup --variant bed\n"
              "  legsup guide breathing --json",
          .uses_settings = false,
          .run = run_guide};
}

}  // namespace legsup
