// legsup cautions [--json]
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "legsup/guide.hpp"

namespace legsup {

Command add_cautions_command(CLI::App& app) {
  auto json = std::make_shared<bool>(false);
  CLI::App* command =
      app.add_subcommand("cautions", "Who should avoid or modify the pose, and what to do instead");
  command->add_flag("--json", *json, "Print the cautions as JSON");
  command->footer("Example:\n  legsup cautions");

  return {command, [json](Context& context) {
            const Content& content = context.content();
            if (*json) {
              print_json(cautions_json(content));
            } else {
              print_document(context, cautions_document(content));
            }
            return kExitOk;
          }};
}

}  // namespace legsup
