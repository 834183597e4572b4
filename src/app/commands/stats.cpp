// legsup stats [--since DATE] [--json | --get NAME]
#include "legsup/log/stats.hpp"

#include <fmt/core.h>

#include "commands.hpp"
#include "legsup/base/text.hpp"
#include "legsup/command/context.hpp"
#include "legsup/log/log_reader.hpp"

namespace legsup {
namespace {

int run_stats(const Arguments& arguments, Context& context) {
  int day_starts = context.day_starts_minutes();
  LocalTime now = context.now();
  StatsOptions options{night_of(now, day_starts), std::nullopt, day_starts,
                       context.streak_minimum()};
  if (auto text = arguments.value("--since")) {
    options.since = parse_day(*text, now, day_starts).take(ErrorKind::usage);
  }
  auto get = arguments.value("--get");
  if (get && arguments.flag("--json")) throw usage_error("give --json or --get, not both");
  // A name that is not a figure fails before the log is read.
  std::vector<std::string> names;
  for (const auto& figure : stats_figures(Stats{}))
    names.push_back(figure.name);
  if (get && std::find(names.begin(), names.end(), *get) == names.end()) {
    throw usage_error(fmt::format("--get: unknown figure {} (figures: {})", quoted_value(*get),
                                  list_choices(names)));
  }

  const Content& content = context.content();
  StatsBuilder builder(options);
  SessionLog log = context.log();
  LogReader reader(log, [&](const std::string& warning) { context.warn(warning); });
  reader.sessions([&](Record&& record) { builder.add(record); }, false);
  Stats stats = builder.finish(content.rating_ids());
  if (get) {
    for (const auto& figure : stats_figures(stats)) {
      if (figure.name == *get) context.print(ShownText::line(figure.value));
    }
    return kExitOk;
  }
  if (arguments.flag("--json")) {
    context.print(ShownText::already_escaped(stats_json(stats)));  // JSON writers escape
    return kExitOk;
  }
  bool terminal = context.output().terminal;
  context.print_document(stats_document(stats, terminal));
  if (terminal) {
    // The calendar is legsup's own marks, shaded.
    std::string calendar = "\n" + context.style().paint("Last 12 weeks", Tone::heading) + "\n";
    for (const auto& line : render_calendar(stats, context.style(), context.output().width))
      calendar += line + "\n";
    context.print(ShownText::already_escaped(calendar));
  }
  return kExitOk;
}

}  // namespace

CommandSpec stats_command() {
  std::vector<std::string> names;
  for (const auto& figure : stats_figures(Stats{}))
    names.push_back(figure.name);
  return {.name = "stats",
          .summary = "Totals, streaks, how you felt, and a calendar of 12 weeks",
          .options = {{"--since", "DATE",
                       "Only sessions of that night or later (YYYY-MM-DD, today, yesterday)"},
                      {"--json", "", "Print the figures as JSON"},
                      {"--get", "NAME", "Print one figure alone: " + list_choices(names)}},
          .footer =
              "Examples:\n  legsup stats\n  legsup stats --since 2026-01-01 --json\n"
              "  legsup stats --get streak",
          .run = run_stats};
}

}  // namespace legsup
