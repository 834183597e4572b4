// legsup log [--last N] [--since DATE] [--until DATE] [--json | --csv]
// legsup log add (--minutes N | --duration SPEC) [--at TIME] [--variant ID] [--breath ID] ...
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "console.hpp"
#include "legsup/breathing.hpp"
#include "legsup/duration.hpp"
#include "legsup/guide.hpp"
#include "legsup/log_view.hpp"
#include "legsup/text.hpp"

namespace legsup {
namespace {

struct AddOptions {
  std::optional<std::string> minutes;
  std::optional<std::string> duration;
  std::optional<std::string> at;
  std::optional<std::string> variant;
  std::optional<std::string> breath;
  std::optional<std::string> note;
  std::optional<std::string> before;
  std::optional<std::string> after;
};

struct ListOptions {
  std::optional<std::size_t> last;
  std::optional<std::string> since;
  std::optional<std::string> until;
  bool json = false;
  bool csv = false;
};

int run_add(const AddOptions& options, Context& context) {
  auto hold = hold_from_options(options.minutes, options.duration).take(ErrorKind::usage);
  if (!hold) throw usage_error("log add needs --minutes N or --duration SPEC");
  const Content& content = context.content();

  Record record;
  record.origin = Origin::manual;
  record.ending = Ending::completed;
  record.held_seconds = record.planned_seconds = std::chrono::duration<double>(*hold).count();
  LocalTime now = context.now();
  auto held_whole_seconds = static_cast<std::int64_t>(std::llround(record.held_seconds));
  if (options.at) {
    record.start = parse_when(*options.at, now, context.zone()).take(ErrorKind::usage);
    if (record.start.epoch_seconds > now.epoch_seconds) {
      throw usage_error(
          fmt::format("--at {}: that is in the future ({})", *options.at, record.start.rfc3339()));
    }
  } else {
    // Without --at, the session is taken to have just ended.
    record.start = context.zone().local(now.epoch_seconds - held_whole_seconds);
  }
  record.end = context.zone().local(record.start.epoch_seconds + held_whole_seconds);

  if (options.variant) {
    auto variant = lookup_variation(content, *options.variant);
    if (!variant) throw usage_error("--variant: " + variant.error());
    record.variant = options.variant;
  }
  if (options.breath) {
    auto pattern =
        parse_breath_choice(*options.breath, content.breath_patterns).take(ErrorKind::usage);
    if (pattern) record.breath = pattern->id;
  }
  if (options.note) {
    if (!is_valid_utf8(*options.note)) throw usage_error("--note is not valid UTF-8 text");
    record.note = *options.note;
  }
  record.before = ratings_option(options.before, content, "--before");
  record.after = ratings_option(options.after, content, "--after");

  SessionLog log = context.log();
  log.append(record);
  write_stdout(fmt::format("Logged {} on {} at {}.\n", format_duration(*hold),
                           format_date(record.start.date()), format_hhmm(record.start)));
  return kExitOk;
}

int run_list(const ListOptions& options, Context& context) {
  LocalTime now = context.now();
  std::optional<Date> since, until;
  if (options.since) since = parse_day(*options.since, now).take(ErrorKind::usage);
  if (options.until) until = parse_day(*options.until, now).take(ErrorKind::usage);
  if (since && until && *until < *since) {
    throw usage_error(
        fmt::format("--until {} is before --since {}", *options.until, *options.since));
  }
  auto in_range = [&](const Record& record) {
    Date date = record.start.date();
    return (!since || date >= *since) && (!until || date <= *until);
  };

  SessionLog log = context.log();
  std::vector<Record> records;
  if (options.last) {
    records = log.last(*options.last, in_range, print_warning);
  } else {
    log.for_each(
        [&](Record&& record) {
          if (in_range(record)) records.push_back(std::move(record));
        },
        print_warning);
  }
  // Newest last, by when each session started (a session logged by hand may come late).
  std::stable_sort(records.begin(), records.end(), [](const Record& a, const Record& b) {
    return a.start.epoch_seconds < b.start.epoch_seconds;
  });

  bool terminal = context.output().terminal;
  if (options.json) {
    nlohmann::ordered_json array = nlohmann::ordered_json::array();
    for (const auto& record : records)
      array.push_back(record_to_json(record));
    // On a terminal, escape everything outside ASCII so no C1 control can slip through.
    write_stdout(array.dump(2, ' ', terminal, nlohmann::json::error_handler_t::replace) + "\n");
  } else if (options.csv) {
    write_stdout(records_csv(records, terminal));
  } else if (records.empty()) {
    write_stderr(fmt::format("legsup: no sessions in {}\n", escape_controls(log.path())));
  } else {
    write_stdout(
        render_table(records_table(records), context.output().width, terminal, context.style()));
  }
  return kExitOk;
}

}  // namespace

Command add_log_command(CLI::App& app) {
  auto list = std::make_shared<ListOptions>();
  auto add = std::make_shared<AddOptions>();

  CLI::App* log = app.add_subcommand("log", "Show the session log, or add a session to it");
  log->require_subcommand(0, 1);
  log->add_option("--last", list->last, "Only the last N sessions (read from the end of the log)")
      ->type_name("N")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000000000}));
  log->add_option("--since", list->since,
                  "Only sessions on or after DATE (YYYY-MM-DD, today, yesterday)")
      ->type_name("DATE");
  log->add_option("--until", list->until, "Only sessions on or before DATE")->type_name("DATE");
  auto* json = log->add_flag("--json", list->json, "Print the sessions as a JSON array");
  auto* csv = log->add_flag("--csv", list->csv, "Print the sessions as CSV (RFC 4180)");
  json->excludes(csv);
  log->footer(
      "Examples:\n  legsup log --last 7\n  legsup log --since 2026-11-01 --csv > sessions.csv");

  CLI::App* add_command = log->add_subcommand("add", "Record a session done without the timer");
  auto* minutes =
      add_command->add_option("--minutes", add->minutes, "How long, in minutes (decimals allowed)")
          ->type_name("N");
  auto* duration =
      add_command->add_option("--duration", add->duration, "How long, such as 90s, 10m or 1h5m")
          ->type_name("SPEC");
  minutes->excludes(duration);
  add_command
      ->add_option("--at", add->at,
                   "When it started: 22:15, yesterday 22:15, 2026-11-20 22:15 or RFC 3339 "
                   "(default: it just ended)")
      ->type_name("TIME");
  add_command->add_option("--variant", add->variant, "The variation done")->type_name("ID");
  add_command->add_option("--breath", add->breath, "The breathing pattern used")->type_name("ID");
  add_command->add_option("--note", add->note, "A note to keep with the session")
      ->type_name("TEXT");
  add_command->add_option("--before", add->before, "How you felt before, such as stress=6,legs=4")
      ->type_name("RATINGS");
  add_command->add_option("--after", add->after, "How you felt after, such as stress=3,legs=2")
      ->type_name("RATINGS");
  add_command->footer(
      "Examples:\n  legsup log add --minutes 10\n"
      "  legsup log add --duration 15m --at 'yesterday 22:15' --variant bed --after stress=2");

  return {log, [list, add, add_command](Context& context) {
            if (add_command->parsed()) return run_add(*add, context);
            return run_list(*list, context);
          }};
}

}  // namespace legsup
