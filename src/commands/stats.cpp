// legsup stats [--since DATE] [--json]
#include "legsup/stats.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "console.hpp"

namespace legsup {

Command add_stats_command(CLI::App& app) {
  struct Options {
    std::optional<std::string> since;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command =
      app.add_subcommand("stats", "Totals, streaks, how you felt, and a calendar of 12 weeks");
  command
      ->add_option("--since", options->since,
                   "Only sessions on or after DATE (YYYY-MM-DD, today, yesterday)")
      ->type_name("DATE");
  command->add_flag("--json", options->json, "Print the figures as JSON");
  command->footer("Examples:\n  legsup stats\n  legsup stats --since 2026-01-01 --json");

  return {command, [options](Context& context) {
            LocalTime now = context.now();
            std::optional<Date> since;
            if (options->since) since = parse_day(*options->since, now).take(ErrorKind::usage);
            const Content& content = context.content();
            StatsBuilder builder(now.date(), since);
            context.log().for_each([&](Record&& record) { builder.add(record); }, print_warning);
            Stats stats = builder.finish(content.rating_ids());
            if (options->json) {
              write_stdout(stats_json(stats).dump(2) + "\n");
              return kExitOk;
            }
            print_document(context, stats_document(stats));
            if (context.output().terminal) {
              std::string calendar =
                  "\n" + context.style().paint("Last 12 weeks", Tone::heading) + "\n";
              for (const auto& line : render_calendar(stats, context.style()))
                calendar += line + "\n";
              write_stdout(calendar);
            }
            return kExitOk;
          }};
}

}  // namespace legsup
