// legsup log [--last N] [--since DATE] [--until DATE] [--json | --csv]
// legsup log add (--minutes N | --duration SPEC) [--at TIME] [--variant ID] [--breath ID] ...
#include <fmt/core.h>

#include <algorithm>
#include <charconv>

#include "commands.hpp"
#include "legsup/context.hpp"
#include "legsup/duration.hpp"
#include "legsup/log_reader.hpp"
#include "legsup/log_view.hpp"
#include "legsup/manual_entry.hpp"
#include "legsup/text.hpp"

namespace legsup {
namespace {

// A count as a person types it: digits only, from 1.
std::size_t count_option(const std::string& text, std::string_view option) {
  std::size_t count = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), count);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || count < 1 ||
      count > 1000000000) {
    throw usage_error(fmt::format(
        "{}: invalid number \"{}\": expected a whole number from 1, such as 10", option, text));
  }
  return count;
}

LogWarning warnings_to(Context& context) {
  return [&context](const std::string& warning) { context.warn(warning); };
}

RecordOptions record_options(const Arguments& arguments) {
  return {arguments.value("--note"), arguments.value("--before"), arguments.value("--after"),
          arguments.value("--variant"), arguments.value("--breath")};
}

int run_add(const Arguments& arguments, Context& context) {
  ManualEntry entry{arguments.value("--minutes"), arguments.value("--duration"),
                    arguments.value("--at"), record_options(arguments)};
  Record record = make_manual_record(entry, context.content(), context.now(), context.zone(), 0,
                                     context.new_id());
  context.log().append(record);
  context.print(fmt::format("Logged {} on {} at {}.\n", format_duration(record.held),
                            format_date(record.start.date()), format_hhmm(record.start)));
  return kExitOk;
}

int run_list(const Arguments& arguments, Context& context) {
  LocalTime now = context.now();
  std::optional<Date> since, until;
  if (auto text = arguments.value("--since")) since = parse_day(*text, now).take(ErrorKind::usage);
  if (auto text = arguments.value("--until")) until = parse_day(*text, now).take(ErrorKind::usage);
  if (since && until && *until < *since) {
    throw usage_error(fmt::format("--until {} is before --since {}", *arguments.value("--until"),
                                  *arguments.value("--since")));
  }
  bool json = arguments.flag("--json");
  bool csv = arguments.flag("--csv");
  if (json && csv) throw usage_error("give --json or --csv, not both");
  std::optional<std::size_t> last;
  if (auto text = arguments.value("--last")) last = count_option(*text, "--last");

  RecordView view{0, context.content().rating_ids()};
  auto in_range = [&](const Record& record) {
    Date night = night_of(record.start, view.day_starts_minutes);
    return (!since || night >= *since) && (!until || night <= *until);
  };
  SessionLog log = context.log();
  LogReader reader(log, warnings_to(context));
  std::vector<Record> records;
  if (last) {
    records = reader.last_sessions(*last, in_range, json || csv);
  } else {
    reader.sessions(
        [&](Record&& record) {
          if (in_range(record)) records.push_back(std::move(record));
        },
        json || csv);
  }
  // Newest last, by when each session started (a session logged by hand may come late).
  std::stable_sort(records.begin(), records.end(), [](const Record& a, const Record& b) {
    return a.start.epoch_seconds < b.start.epoch_seconds;
  });

  bool terminal = context.output().terminal;
  if (json) {
    std::string out;
    for (std::size_t i = 0; i < records.size(); ++i)
      out += json_array_item(records[i], i == 0);
    context.print(out + json_array_end(records.empty()));
  } else if (csv) {
    std::string out = csv_header(view);
    for (const auto& record : records)
      out += csv_row(record, view, terminal);
    context.print(out);
  } else if (records.empty()) {
    context.console().err(fmt::format("legsup: no sessions in {}\n", escape_controls(log.path())));
  } else {
    context.print(render_table(records_table(records, view, false), context.output().width,
                               terminal, context.style()));
  }
  return kExitOk;
}

std::vector<OptionSpec> entry_options() {
  return {{"--variant", "ID", "The variation done", Completion::variants},
          {"--breath", "ID", "The breathing pattern used", Completion::breaths},
          {"--note", "TEXT", "A note to keep with the session (at most 4096 bytes)"},
          {"--before", "RATINGS", "How you felt before, such as stress=6,legs=4"},
          {"--after", "RATINGS", "How you felt after, such as stress=3,legs=2"}};
}

CommandSpec add_command() {
  std::vector<OptionSpec> options = {
      {"--minutes", "N", "How long, in minutes (decimals allowed)"},
      {"--duration", "SPEC", "How long, such as 90s, 10m or 1h5m"},
      {"--at", "TIME",
       "When it started: 22:15, 10pm, yesterday 22:15, 2026-11-20 22:15 or RFC 3339 "
       "(default: it just ended)"}};
  for (auto& option : entry_options())
    options.push_back(std::move(option));
  return {.name = "add",
          .summary = "Record a session done without the timer",
          .usage = "(--minutes N | --duration SPEC) [OPTIONS]",
          .options = std::move(options),
          .footer =
              "Examples:\n  legsup log add --minutes 10\n"
              "  legsup log add --duration 15m --at 'yesterday 22:15' --variant bed "
              "--after stress=2",
          .run = run_add};
}

}  // namespace

CommandSpec log_command() {
  return {.name = "log",
          .summary = "Show the session log, or add a session to it",
          .options = {{"--last", "N", "Only the last N sessions (read from the end of the log)"},
                      {"--since", "DATE",
                       "Only sessions on or after DATE (YYYY-MM-DD, today, yesterday)"},
                      {"--until", "DATE", "Only sessions on or before DATE"},
                      {"--json", "", "Print the sessions as a JSON array"},
                      {"--csv", "", "Print the sessions as CSV (RFC 4180)"}},
          .subcommands = {add_command()},
          .footer =
              "Examples:\n  legsup log --last 7\n"
              "  legsup log --since 2026-11-01 --csv > sessions.csv",
          .run = run_list};
}

}  // namespace legsup
