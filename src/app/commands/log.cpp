// legsup log [--last N] [--since DATE] [--until DATE] [--ids] [--json | --csv | --ics]
// legsup log --history ID
#include <fmt/core.h>

#include <algorithm>
#include <charconv>
#include <limits>

#include "commands.hpp"
#include "legsup/base/duration.hpp"
#include "legsup/base/text.hpp"
#include "legsup/command/context.hpp"
#include "legsup/log/ics.hpp"
#include "legsup/log/log_reader.hpp"
#include "legsup/log/log_view.hpp"
#include "log_commands.hpp"

namespace legsup {
namespace {

// A count as a person types it: digits only, from 1.
std::size_t count_option(const std::string& text, std::string_view option) {
  std::size_t count = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), count);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || count < 1 ||
      count > 1000000000) {
    throw usage_error(
        fmt::format("{}: invalid number {}: expected a whole number from 1, such as 10", option,
                    quoted_value(text)));
  }
  return count;
}

enum class Format { table, json, csv, ics };

// Output is printed a large piece at a time, so that memory does not grow with the log.
constexpr std::size_t kPrintPiece = 1 << 20;

Format format_option(const Arguments& arguments) {
  std::vector<std::pair<std::string, Format>> given;
  for (auto [option, format] :
       {std::pair{"--json", Format::json}, {"--csv", Format::csv}, {"--ics", Format::ics}}) {
    if (arguments.flag(option)) given.emplace_back(option, format);
  }
  if (given.size() > 1) {
    throw usage_error(fmt::format("give one of --json, --csv and --ics, not {} and {}",
                                  given[0].first, given[1].first));
  }
  return given.empty() ? Format::table : given[0].second;
}

// Writes an export record by record, a large piece of text at a time, so that memory does not
// grow with the log.
class Exporter {
 public:
  Exporter(Format format, const RecordView& view, const Content& content, bool terminal,
           Context& context)
      : format_(format), view_(view), content_(content), terminal_(terminal), context_(context) {}

  void add(const Record& record) {
    switch (format_) {
      case Format::json:
        buffer_ += json_array_item(record, view_, first_);
        break;
      case Format::csv:
        if (first_) buffer_ += csv_header(view_);
        buffer_ += csv_row(record, view_, terminal_);
        break;
      case Format::ics:
        if (first_) buffer_ += ics_begin();
        buffer_ += ics_event(record, content_);
        break;
      case Format::table:
        break;
    }
    first_ = false;
    if (buffer_.size() >= kPrintPiece) flush();
  }

  void finish() {
    if (format_ == Format::json) buffer_ += json_array_end(first_);
    if (format_ == Format::csv && first_) buffer_ += csv_header(view_);
    if (format_ == Format::ics) buffer_ += (first_ ? ics_begin() : std::string()) + ics_end();
    flush();
  }

 private:
  // JSON and iCalendar escape every control character; CSV escapes them on a terminal and
  // keeps a file's data as it is.
  void flush() {
    context_.print(ShownText::already_escaped(std::move(buffer_)));
    buffer_.clear();
  }

  Format format_;
  const RecordView& view_;
  const Content& content_;
  bool terminal_;
  Context& context_;
  std::string buffer_;
  bool first_ = true;
};

int run_history(const std::string& prefix, Context& context) {
  LogReader reader(context.log(), log_warnings(context));
  NamedEntry named = reader.find(prefix).take(ErrorKind::usage);
  ShownText out;
  for (const auto& [entry, line] : reader.history(named.id)) {
    if (entry.record) {
      const Record& record = *entry.record;
      out += ShownText::line(fmt::format(
          "session {}  {} {}  held {}, {}", record.id.substr(0, 12),
          format_date(record.start.date()), format_hhmm(record.start), format_duration(record.held),
          record.origin == Origin::manual ? "logged by hand" : "timed"));
    } else {
      const Correction& correction = *entry.correction;
      std::string what = correction.remove ? "removes" : "sets";
      std::string fields;
      for (const auto& key : correction.fields)
        fields += (fields.empty() ? " " : ", ") + key;
      out += ShownText::line(fmt::format("  {} {}  correction {} {} {}{}",
                                         format_date(correction.at.date()),
                                         format_hhmm(correction.at), correction.id.substr(0, 12),
                                         what, correction.corrects.substr(0, 12), fields));
    }
    out += ShownText::line("    " + line);
  }
  context.print(out);
  return kExitOk;
}

int run_list(const Arguments& arguments, Context& context) {
  if (auto history = arguments.value("--history")) return run_history(*history, context);
  int day_starts = context.day_starts_minutes();
  LocalTime now = context.now();
  std::optional<Date> since, until;
  if (auto text = arguments.value("--since")) {
    since = parse_day(*text, now, day_starts).take(ErrorKind::usage);
  }
  if (auto text = arguments.value("--until")) {
    until = parse_day(*text, now, day_starts).take(ErrorKind::usage);
  }
  if (since && until && *until < *since) {
    throw usage_error(fmt::format("--until {} is before --since {}", *arguments.value("--until"),
                                  *arguments.value("--since")));
  }
  Format format = format_option(arguments);
  std::optional<std::size_t> last;
  if (auto text = arguments.value("--last")) last = count_option(*text, "--last");

  const Content& content = context.content();
  RecordView view{day_starts, content.rating_ids()};
  auto in_range = [&](const Record& record) {
    Date night = night_of(record.start, day_starts);
    return (!since || night >= *since) && (!until || night <= *until);
  };
  SessionLog log = context.log();
  LogReader reader(log, log_warnings(context));
  // The sessions to show: those of the whole log, or of the end that holds the last N.
  LogSpan span = last ? reader.last(*last, in_range) : reader.whole();
  bool terminal = context.output().terminal;

  if (format == Format::table) {
    // Two passes, so that a table of any length is never held: measured, then written.
    bool ids = arguments.flag("--ids");
    RecordsTable table(view, ids);
    bool any = false;
    reader.sessions(
        span,
        [&](Record&& record, const LogLine&) {
          if (!in_range(record)) return;
          table.measure(record);
          any = true;
        },
        ids);
    if (!any) {
      context.console().err(ShownText::line(fmt::format("legsup: no sessions in {}", log.path())));
      return kExitOk;
    }
    table.lay_out(context.output().width, terminal);
    // The table escapes every cell.
    std::string out = table.header(context.style());
    reader.sessions_by_start(span, in_range, [&](Record&& record) {
      out += table.line(record);
      if (out.size() >= kPrintPiece) {
        context.print(ShownText::already_escaped(std::move(out)));
        out.clear();
      }
    });
    context.print(ShownText::already_escaped(std::move(out)));
    return kExitOk;
  }
  // An export streams, in the order the sessions started.
  Exporter exporter(format, view, content, terminal, context);
  reader.sessions_by_start(span, in_range, [&](Record&& record) { exporter.add(record); });
  exporter.finish();
  return kExitOk;
}

}  // namespace

LogWarning log_warnings(Context& context) {
  return [&context](const std::string& warning) { context.warn(warning); };
}

// The subcommands, each in its file (log_changes.cpp).
CommandSpec log_add_command();
CommandSpec log_edit_command();
CommandSpec log_rm_command();
CommandSpec log_undo_command();
CommandSpec log_merge_command();

CommandSpec log_command() {
  return {.name = "log",
          .summary = "Show the session log, add to it, correct it, or merge another into it",
          .options = {{"--last", "N", "Only the last N sessions (read from the end of the log)"},
                      {"--since", "DATE",
                       "Only sessions of that night or later (2026-11-1, Nov 1, today, "
                       "yesterday)"},
                      {"--until", "DATE", "Only sessions of that night or earlier"},
                      {"--ids", "", "Show each session's id (commands take a unique prefix)"},
                      {"--json", "", "Print the sessions as a JSON array"},
                      {"--csv", "", "Print the sessions as CSV (RFC 4180)"},
                      {"--ics", "", "Print the sessions as an iCalendar file (RFC 5545)"},
                      {"--history", "ID", "Show a session and every correction made to it"}},
          .subcommands = {log_add_command(), log_edit_command(), log_rm_command(),
                          log_undo_command(), log_merge_command()},
          .footer =
              "Examples:\n  legsup log --last 7\n"
              "  legsup log --since 2026-11-01 --csv > sessions.csv\n"
              "  legsup log --ics > legsup.ics\n  legsup log --ids --last 3",
          .run = run_list};
}

}  // namespace legsup
