// legsup stats [--since DATE] [--json]
#include "legsup/stats.hpp"

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "legsup/context.hpp"
#include "legsup/log_reader.hpp"

namespace legsup {
namespace {

int run_stats(const Arguments& arguments, Context& context) {
  LocalTime now = context.now();
  std::optional<Date> since;
  if (auto text = arguments.value("--since")) {
    since = parse_day(*text, now).take(ErrorKind::usage);
  }
  const Content& content = context.content();
  StatsBuilder builder(now.date(), since);
  SessionLog log = context.log();
  LogReader reader(log, [&](const std::string& warning) { context.warn(warning); });
  reader.sessions([&](Record&& record) { builder.add(record); }, false);
  Stats stats = builder.finish(content.rating_ids());
  if (arguments.flag("--json")) {
    context.print_json(stats_json(stats));
    return kExitOk;
  }
  context.print_document(stats_document(stats));
  if (context.output().terminal) {
    std::string calendar = "\n" + context.style().paint("Last 12 weeks", Tone::heading) + "\n";
    for (const auto& line : render_calendar(stats, context.style()))
      calendar += line + "\n";
    context.print(calendar);
  }
  return kExitOk;
}

}  // namespace

CommandSpec stats_command() {
  return {.name = "stats",
          .summary = "Totals, streaks, how you felt, and a calendar of 12 weeks",
          .options = {{"--since", "DATE",
                       "Only sessions on or after DATE (YYYY-MM-DD, today, yesterday)"},
                      {"--json", "", "Print the figures as JSON"}},
          .footer = "Examples:\n  legsup stats\n  legsup stats --since 2026-01-01 --json",
          .run = run_stats};
}

}  // namespace legsup
