#include "legsup/command/manual_entry.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "legsup/base/duration.hpp"
#include "legsup/base/error.hpp"
#include "legsup/base/text.hpp"
#include "legsup/log/record_fields.hpp"

namespace legsup {

std::optional<std::string> end_after_now(const LocalTime& start, const LocalTime& end,
                                         const LocalTime& now) {
  if (end.epoch_seconds <= now.epoch_seconds + kEndGraceSeconds) return std::nullopt;
  std::int64_t span = end.epoch_seconds - start.epoch_seconds;
  LocalTime latest_start{now.epoch_seconds - span, start.offset_minutes};
  std::string longest =
      now.epoch_seconds > start.epoch_seconds
          ? fmt::format(
                ", or at most {} from its start",
                format_duration(std::chrono::seconds(now.epoch_seconds - start.epoch_seconds)))
          : std::string();
  return fmt::format(
      "the session would end at {}, after now ({}): a session ends by now; start it at {} or "
      "earlier{}",
      end.rfc3339(), LocalTime{now.epoch_seconds, end.offset_minutes}.rfc3339(),
      latest_start.rfc3339(), longest);
}

Record make_manual_record(const ManualEntry& entry, const Content& content, const LocalTime& now,
                          const TimeZone& zone, int day_starts_minutes, std::string id) {
  auto hold = hold_from_options(entry.minutes, entry.duration).take(ErrorKind::usage);
  if (!hold) throw usage_error("log add needs --minutes N or --duration SPEC");

  Record record;
  record.id = std::move(id);
  record.origin = Origin::manual;
  record.ending = Ending::completed;
  record.held = record.planned = *hold;
  // Whole seconds on the clock: the start and end are RFC 3339 times to the second.
  auto whole_seconds = static_cast<std::int64_t>((hold->count() + 500) / 1000);
  if (entry.at) {
    record.start = parse_when(*entry.at, now, zone, day_starts_minutes).take(ErrorKind::usage);
    if (record.start.epoch_seconds > now.epoch_seconds) {
      throw usage_error(fmt::format("--at {}: that is in the future ({})", quoted_value(*entry.at),
                                    record.start.rfc3339()));
    }
  } else {
    // Without --at, the session is taken to have just ended.
    record.start = zone.local(now.epoch_seconds - whole_seconds);
  }
  // The end keeps the start's offset: the clock the session was given on.
  record.end = LocalTime{record.start.epoch_seconds + whole_seconds, record.start.offset_minutes};
  if (!is_writable_time(record.start) || !is_writable_time(record.end)) {
    throw usage_error(fmt::format("--at {}: the log holds times in {} only",
                                  entry.at.value_or("now"), kWritableYears));
  }
  if (auto why = end_after_now(record.start, record.end, now)) {
    throw usage_error(fmt::format("--at {}: {}", quoted_value(entry.at.value_or("now")), *why));
  }
  apply_record_options(entry.record, content, record);
  return record;
}

Correction make_edit(const Record& current, const EditOptions& options, const Content& content,
                     const LocalTime& now, const TimeZone& zone, int day_starts_minutes,
                     std::string id) {
  Correction correction;
  correction.id = std::move(id);
  correction.corrects = current.id;
  correction.at = now;
  Record& changed = correction.changes;
  changed = current;
  std::vector<std::string_view> named;
  auto set = [&](std::string_view key) { named.push_back(key); };
  apply_record_options(options.record, content, changed);
  for (const auto& [key, text] : options.record)
    set(key);

  if (auto hold = hold_from_options(options.minutes, options.duration).take(ErrorKind::usage)) {
    changed.held = changed.planned = *hold;
    set("held_seconds");
    set("planned_seconds");
  }
  if (options.at) {
    LocalTime start = parse_when(*options.at, now, zone, day_starts_minutes).take(ErrorKind::usage);
    if (start.epoch_seconds > now.epoch_seconds) {
      throw usage_error(fmt::format("--at {}: that is in the future ({})",
                                    quoted_value(*options.at), start.rfc3339()));
    }
    changed.start = start;
    set("start");
  }
  if (options.at || options.minutes || options.duration) {
    // The end follows: the start plus what was held and any pause (the span as it was).
    auto span = current.end.epoch_seconds - current.start.epoch_seconds;
    auto whole_seconds = static_cast<std::int64_t>((changed.held.count() + 500) / 1000);
    if (options.minutes || options.duration) span = whole_seconds;
    changed.end = LocalTime{changed.start.epoch_seconds + span, changed.start.offset_minutes};
    set("end");
    if (!is_writable_time(changed.start) || !is_writable_time(changed.end)) {
      throw usage_error(fmt::format("the log holds times in {} only", kWritableYears));
    }
    if (auto why = end_after_now(changed.start, changed.end, now)) throw usage_error(*why);
  }
  // Named in the order of the record's fields, as the correction's line lists them.
  for (const auto& field : record_fields()) {
    if (std::find(named.begin(), named.end(), field.key) != named.end())
      correction.fields.emplace_back(field.key);
  }
  if (correction.fields.empty()) {
    std::vector<std::string> changes = {"--at", "--minutes", "--duration"};
    for (const auto& option : record_options(EntryCommand::log))
      changes.push_back(option.name);
    throw usage_error("log edit needs a change: " + list_choices(changes));
  }
  return correction;
}

LocalTime edit_time(const LocalTime& now, std::optional<std::int64_t> last_edit_at,
                    std::string_view last_edit_id, const TimeZone& zone) {
  if (!last_edit_at || *last_edit_at < now.epoch_seconds) return now;
  LocalTime after = zone.local(*last_edit_at + 1);
  if (!is_writable_time(after)) {
    std::string id(last_edit_id.substr(0, kShownIdDigits));
    throw runtime_error(fmt::format(
        "the session's last edit, correction {}, is dated {}, the end of what the log holds: no "
        "edit can come after it; take it back first (legsup log rm {})",
        id, LocalTime{*last_edit_at, 0}.rfc3339(), id));
  }
  return after;
}

Correction make_removal(const std::string& target, const LocalTime& now, std::string id) {
  Correction correction;
  correction.id = std::move(id);
  correction.corrects = target;
  correction.at = now;
  correction.remove = true;
  return correction;
}

}  // namespace legsup
