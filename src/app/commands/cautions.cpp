// legsup cautions [--json]
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "legsup/command/context.hpp"
#include "legsup/content/guide.hpp"

namespace legsup {

CommandSpec cautions_command() {
  return {.name = "cautions",
          .summary = "Who should avoid or modify the pose, and what to do instead",
          .options = {{"--json", "", "Print the cautions as JSON"}},
          .footer = "Example:\n  legsup cautions",
          .uses_settings = false,
          .run = [](const Arguments& arguments, Context& context) {
            const Content& content = context.content();
            if (arguments.flag("--json")) {
              context.print_json(cautions_json(content));
            } else {
              context.print_document(cautions_document(content));
            }
            return kExitOk;
          }};
}

}  // namespace legsup
