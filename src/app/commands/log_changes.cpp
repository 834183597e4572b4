// legsup log add | edit | rm | undo | merge: every change is an append; nothing is rewritten.
#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string_view>
#include <utility>

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

const OptionSpec kAt = {"--at", "TIME",
                        "When it started: 22:15 or 10pm (the last time the clock showed it), "
                        "yesterday 22:15, last night 23:30, 2026-11-1 22:30, 1 Nov 2026 22:30 "
                        "or RFC 3339"};

// "the session of 2026-11-24 at 22:15 (10m, id 3f2a9c1e0b7d)"
std::string session_words(const Record& record) {
  return fmt::format("the session of {} at {} ({}, id {})", format_date(record.start.date()),
                     format_hhmm(record.start), format_duration(record.held),
                     record.id.substr(0, kShownIdDigits));
}

// "note, held, planned, end": the fields a correction sets, as people name them.
std::string field_words(const Correction& correction) {
  std::string fields;
  for (std::string key : correction.fields) {
    if (key.size() > 8 && key.compare(key.size() - 8, 8, "_seconds") == 0)
      key.resize(key.size() - 8);
    fields += (fields.empty() ? "" : ", ") + key;
  }
  return fields;
}

std::string correction_line(const Correction& correction) {
  if (auto reason = unwritable_reason(correction)) {
    throw runtime_error(fmt::format("cannot write this correction to the log: {}", *reason));
  }
  return format_correction_line(correction) + "\n";
}

// The lines that take back each of `ids`, one removal each, the first of them in `first`: that
// one taken back makes again what they all take back.
std::string removal_lines(const std::vector<std::string>& ids, Context& context,
                          Correction& first) {
  std::string lines;
  for (const auto& id : ids) {
    Correction removal = make_removal(id, context.now(), context.new_id());
    lines += correction_line(removal);
    if (&id == &ids.front()) first = std::move(removal);
  }
  return lines;
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

// What the ID argument (a unique prefix) names, read under the log's lock by `append_locked`:
// what is decided from it cannot race another writer.
NamedEntry find_named(const Arguments& arguments, const SessionLog& log, Context& context) {
  auto id = arguments.value("ID");
  if (!id) {
    bool edit = arguments.path.back() == "edit";
    throw usage_error(
        fmt::format("log {} needs the ID of a session{} (legsup log --ids shows them)",
                    arguments.path.back(), edit ? "" : " or a correction"));
  }
  return LogReader(log, log_warnings(context)).find(*id).take(ErrorKind::usage);
}

int run_edit(const Arguments& arguments, Context& context) {
  SessionLog log = context.log();
  EditOptions options{record_option_values(arguments, EntryCommand::log), arguments.value("--at"),
                      arguments.value("--minutes"), arguments.value("--duration")};
  std::optional<Record> current;
  Correction correction;
  log.append_locked([&] {
    NamedEntry named = find_named(arguments, log, context);
    if (!named.session) {
      throw usage_error(fmt::format("{} is not a session in effect: log edit changes sessions",
                                    named.id.substr(0, kShownIdDigits)));
    }
    current = std::move(named.session);
    correction = make_edit(*current, options, context.content(), context.now(), context.zone(),
                           context.day_starts_minutes(), context.new_id());
    correction.at =
        edit_time(context.now(), named.last_edit_at, named.last_edit_id, context.zone());
    return correction_line(correction);
  });
  std::string shown = correction.id.substr(0, kShownIdDigits);
  context.print(ShownText::line(
      fmt::format("Changed {}: {} (correction {}). To take it back: legsup log rm {}",
                  session_words(*current), field_words(correction), shown, shown)));
  return kExitOk;
}

int run_rm(const Arguments& arguments, Context& context) {
  SessionLog log = context.log();
  NamedEntry named;
  Correction removal;
  log.append_locked([&] {
    named = find_named(arguments, log, context);
    std::string shown = named.id.substr(0, kShownIdDigits);
    if (named.correction && !named.in_effect) {
      throw usage_error(fmt::format("the correction {} is taken back already", shown));
    }
    if (!named.correction && !named.session) {
      throw usage_error(fmt::format("the session {} is removed already", shown));
    }
    // A correction taken back by two removals (two machines, merged) is back only without both.
    std::vector<std::string> ids = {named.id};
    if (named.correction) ids = LogReader(log, nullptr).removals_alike(named.id);
    return removal_lines(ids, context, removal);
  });
  std::string undo = removal.id.substr(0, kShownIdDigits);
  if (named.session) {
    context.print(ShownText::line(fmt::format("Removed {}. To bring it back: legsup log rm {}",
                                              session_words(*named.session), undo)));
  } else {
    context.print(ShownText::line(
        fmt::format("Took back the correction {}. To make it again: legsup log rm {}",
                    named.id.substr(0, kShownIdDigits), undo)));
  }
  return kExitOk;
}

// What an entry taken back was, in words ("the session of ...", "the edit 9c41ab12cd34 (note)
// of the session of ...", "the removal of the session of ..."), and what taking back the undo
// does. What a correction names is described as the log reads it now, the correction taken back.
std::pair<std::string, std::string_view> taken_back_words(const LogEntry& taken,
                                                          const LogReader& reader) {
  if (taken.record) return {session_words(*taken.record), "bring it back"};
  const Correction& correction = *taken.correction;
  auto named = reader.find(correction.corrects);
  std::string target = fmt::format("the entry {}", correction.corrects.substr(0, kShownIdDigits));
  if (named && named->session) {
    target = session_words(*named->session);
  } else if (named && named->correction) {
    target = fmt::format("the correction {}", named->id.substr(0, kShownIdDigits));
  }
  if (correction.remove) {
    return {fmt::format("the removal of {}, which is in effect again", target), "remove it again"};
  }
  return {fmt::format("the edit {} ({}) of {}", correction.id.substr(0, kShownIdDigits),
                      field_words(correction), target),
          "make it again"};
}

int run_undo(const Arguments&, Context& context) {
  SessionLog log = context.log();
  LogReader reader(log, log_warnings(context));
  std::optional<LogEntry> taken;
  std::optional<Correction> removal;
  // Decided under the log's lock, so that what is taken back is the last change in effect.
  log.append_locked([&] {
    taken = reader.last_in_effect();
    if (!taken) return std::string();
    std::vector<std::string> ids = {taken->record ? taken->record->id : taken->correction->id};
    if (taken->correction) ids = reader.removals_alike(ids.front());
    removal.emplace();
    return removal_lines(ids, context, *removal);
  });
  if (!taken) throw runtime_error("nothing to take back: the log holds no change in effect");
  auto [words, way_back] = taken_back_words(*taken, reader);
  context.print(ShownText::line(fmt::format("Took back {}. To {}: legsup log rm {}", words,
                                            way_back, removal->id.substr(0, kShownIdDigits))));
  return kExitOk;
}

int run_merge(const Arguments& arguments, Context& context) {
  const auto& paths = arguments.values("FILE");
  if (paths.empty()) throw usage_error("log merge needs at least one FILE");
  for (const auto& path : paths) {
    // A file to merge that is missing is a mistake, not an empty log.
    if (::access(path.c_str(), F_OK) != 0) {
      throw runtime_error(fmt::format("cannot read {}: {}", path, std::strerror(errno)));
    }
  }
  ShownText out;
  for (const auto& count : merge_into(context.log(), paths, log_warnings(context))) {
    std::string differing, skipped;
    if (count.differing) {
      differing = fmt::format(", {} with an id the log holds with other contents (not added)",
                              count.differing);
    }
    if (count.skipped) {
      skipped =
          fmt::format(", {} {} skipped", count.skipped, count.skipped == 1 ? "line" : "lines");
    }
    out += ShownText::line(fmt::format("{}: {} added, {} already in the log{}{}", count.path,
                                       count.added, count.already, differing, skipped));
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
          .summary = "Take back the last change: a session added, an edit or a removal",
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
