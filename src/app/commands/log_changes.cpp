// legsup log add | edit | rm | undo | merge: every change is an append; nothing is rewritten.
#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "commands.hpp"
#include "legsup/base/duration.hpp"
#include "legsup/base/text.hpp"
#include "legsup/command/context.hpp"
#include "legsup/command/manual_entry.hpp"
#include "legsup/log/log_merge.hpp"
#include "legsup/log/log_reader.hpp"
#include "log_commands.hpp"

namespace legsup {
namespace {

constexpr std::size_t kShownIdDigits = 12;

const OptionSpec kAt = {"--at", "TIME",
                        "When it started: 22:15, 10pm, 10:30pm, tonight 23:30, last night 23:30, "
                        "yesterday 22:15, 2026-11-20 22:15 or RFC 3339"};

// "the session of 2026-11-24 at 22:15 (10m, id 3f2a9c1e0b7d)"
std::string session_words(const Record& record) {
  return fmt::format("the session of {} at {} ({}, id {})", format_date(record.start.date()),
                     format_hhmm(record.start), format_duration(record.held),
                     record.id.substr(0, kShownIdDigits));
}

// Every entry of the log by id: the sessions as they are now, and the ids of corrections.
struct Entries {
  std::vector<std::string> ids;
  std::vector<Record> sessions;  // in effect, corrections applied
  std::vector<std::string> correction_ids;
};

Entries read_entries(const SessionLog& log, Context& context) {
  Entries entries;
  LogReader reader(log, log_warnings(context));
  reader.entries([&](const LogEntry& entry, const LogLine&) {
    entries.ids.push_back(entry.record ? entry.record->id : entry.correction->id);
    if (entry.correction) entries.correction_ids.push_back(entry.correction->id);
  });
  reader.sessions([&](Record&& record) { entries.sessions.push_back(std::move(record)); }, true);
  return entries;
}

// The log's entries and the one that the ID argument (a unique prefix) names.
struct Named {
  Entries entries;
  std::string id;
  const Record* session = nullptr;  // the session in effect with that id, when it is one
};

Named read_named(const Arguments& arguments, const SessionLog& log, Context& context) {
  Named named{read_entries(log, context), {}, nullptr};
  named.id = resolve_id_prefix(arguments.value("ID").value_or(""), named.entries.ids)
                 .take(ErrorKind::usage);
  for (const auto& session : named.entries.sessions) {
    if (session.id == named.id) named.session = &session;
  }
  return named;
}

std::string correction_line(const Correction& correction) {
  if (auto reason = unwritable_reason(correction)) {
    throw runtime_error(fmt::format("cannot write this correction to the log: {}", *reason));
  }
  return format_correction_line(correction) + "\n";
}

void append_correction(const SessionLog& log, const Correction& correction) {
  std::string line = correction_line(correction);
  log.append_locked([&] { return line; });
}

int run_add(const Arguments& arguments, Context& context) {
  ManualEntry entry{arguments.value("--minutes"), arguments.value("--duration"),
                    arguments.value("--at"), record_option_values(arguments, EntryCommand::log)};
  Record record = make_manual_record(entry, context.content(), context.now(), context.zone(),
                                     context.day_starts_minutes(), context.new_id());
  context.log().append(record);
  context.print(
      ShownText::line(fmt::format("Logged {} on {} at {} (id {}).", format_duration(record.held),
                                  format_date(record.start.date()), format_hhmm(record.start),
                                  record.id.substr(0, kShownIdDigits))));
  return kExitOk;
}

int run_edit(const Arguments& arguments, Context& context) {
  SessionLog log = context.log();
  Named named = read_named(arguments, log, context);
  const Record* current = named.session;
  if (!current) {
    throw usage_error(fmt::format("{} is not a session in effect: log edit changes sessions",
                                  named.id.substr(0, kShownIdDigits)));
  }
  EditOptions options{record_option_values(arguments, EntryCommand::log), arguments.value("--at"),
                      arguments.value("--minutes"), arguments.value("--duration")};
  Correction correction = make_edit(*current, options, context.content(), context.now(),
                                    context.zone(), context.day_starts_minutes(), context.new_id());
  append_correction(log, correction);
  std::string fields;
  for (std::string key : correction.fields) {
    if (key.size() > 8 && key.compare(key.size() - 8, 8, "_seconds") == 0)
      key.resize(key.size() - 8);
    fields += (fields.empty() ? "" : ", ") + key;
  }
  context.print(ShownText::line(fmt::format("Changed {}: {}.", session_words(*current), fields)));
  return kExitOk;
}

int run_rm(const Arguments& arguments, Context& context) {
  SessionLog log = context.log();
  Named named = read_named(arguments, log, context);
  const Record* session = named.session;
  const std::string& id = named.id;
  const auto& corrections = named.entries.correction_ids;
  bool is_correction = std::find(corrections.begin(), corrections.end(), id) != corrections.end();
  if (!session && !is_correction) {
    throw usage_error(
        fmt::format("the session {} is removed already", id.substr(0, kShownIdDigits)));
  }
  Correction removal = make_removal(id, context.now(), context.new_id());
  append_correction(log, removal);
  std::string undo = removal.id.substr(0, kShownIdDigits);
  if (session) {
    context.print(ShownText::line(fmt::format("Removed {}. To bring it back: legsup log rm {}",
                                              session_words(*session), undo)));
  } else {
    context.print(ShownText::line(
        fmt::format("Took back the correction {}. To make it again: legsup log rm {}",
                    id.substr(0, kShownIdDigits), undo)));
  }
  return kExitOk;
}

int run_undo(const Arguments&, Context& context) {
  SessionLog log = context.log();
  LogReader reader(log, log_warnings(context));
  std::optional<Record> taken;
  std::optional<Correction> removal;
  // Decided under the log's lock, so that the session taken back is the last one added.
  log.append_locked([&] {
    auto last = reader.last_sessions(1, nullptr, true);
    if (last.empty()) return std::string();
    taken = last.front();
    removal = make_removal(taken->id, context.now(), context.new_id());
    return correction_line(*removal);
  });
  if (!taken) throw runtime_error("nothing to take back: the log holds no session");
  context.print(
      ShownText::line(fmt::format("Took back {}. To bring it back: legsup log rm {}",
                                  session_words(*taken), removal->id.substr(0, kShownIdDigits))));
  return kExitOk;
}

int run_merge(const Arguments& arguments, Context& context) {
  const auto& paths = arguments.values("FILE");
  if (paths.empty()) throw usage_error("log merge needs at least one FILE");
  std::vector<MergeSource> sources;
  for (const auto& path : paths) {
    // A file to merge that is missing is a mistake, not an empty log.
    if (::access(path.c_str(), F_OK) != 0) {
      throw runtime_error(fmt::format("cannot read {}: {}", path, std::strerror(errno)));
    }
    sources.push_back(read_merge_source(path, log_warnings(context)));
  }
  SessionLog log = context.log();
  MergePlan plan;
  log.append_locked([&] {
    plan = plan_merge(log_ids(log, log_warnings(context)), sources);
    return plan.lines;
  });
  ShownText out;
  for (const auto& count : plan.counts) {
    out += ShownText::line(fmt::format(
        "{}: {} added, {} already in the log{}", count.path, count.added, count.already,
        count.skipped
            ? fmt::format(", {} {} skipped", count.skipped, count.skipped == 1 ? "line" : "lines")
            : ""));
  }
  context.print(out);
  return kExitOk;
}

}  // namespace

CommandSpec log_add_command() {
  std::vector<OptionSpec> options = {
      {"--minutes", "N", "How long, in minutes (decimals allowed)"},
      {"--duration", "SPEC", "How long, such as 90s, 10m or 1h5m"},
      {kAt.name, kAt.value_name, kAt.help + " (default: it just ended)"}};
  for (auto& option : record_options(EntryCommand::log))
    options.push_back(std::move(option));
  return {.name = "add",
          .summary = "Record a session done without the timer",
          .usage = "(--minutes N | --duration SPEC) [OPTIONS]",
          .options = std::move(options),
          .footer =
              "Examples:\n  legsup log add --minutes 10\n"
              "  legsup log add --duration 15m --at 'last night 23:30' --variant bed "
              "--after stress=2",
          .run = run_add};
}

CommandSpec log_edit_command() {
  std::vector<OptionSpec> options = {
      {"ID", "ID", "The session's id, or a unique prefix of it (legsup log --ids)"},
      kAt,
      {"--minutes", "N", "How long it was, in minutes"},
      {"--duration", "SPEC", "How long it was, such as 15m"}};
  for (auto& option : record_options(EntryCommand::log))
    options.push_back(std::move(option));
  return {.name = "edit",
          .summary = "Correct a session: appends a correction, the log keeps its history",
          .usage = "ID [OPTIONS]",
          .options = std::move(options),
          .footer =
              "Examples:\n  legsup log edit 3f2a --note 'fell asleep'\n"
              "  legsup log edit 3f2a --at 'last night 23:30' --minutes 12",
          .run = run_edit};
}

CommandSpec log_rm_command() {
  return {.name = "rm",
          .summary = "Remove a session (or take back a correction): appends a correction",
          .usage = "ID",
          .options = {{"ID", "ID", "The id of a session or a correction, or a unique prefix"}},
          .footer = "Example:\n  legsup log rm 3f2a",
          .run = run_rm};
}

CommandSpec log_undo_command() {
  return {.name = "undo",
          .summary = "Take back the last session added",
          .footer = "Example:\n  legsup log undo",
          .run = run_undo};
}

CommandSpec log_merge_command() {
  return {.name = "merge",
          .summary = "Add every session and correction of other logs that this one lacks",
          .usage = "FILE...",
          .options = {{"FILE", "FILE", "A log to merge, such as a synced folder's conflict copy",
                       Completion::files, false, true}},
          .footer = "Example:\n  legsup log merge ~/Sync/legsup/sessions.sync-conflict-*.jsonl",
          .run = run_merge};
}

}  // namespace legsup
