#include "legsup/log_view.hpp"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "legsup/duration.hpp"
#include "legsup/text.hpp"

namespace legsup {

namespace {

std::string ratings_cell(const Record& record) {
  std::vector<std::string> ids;
  for (const auto& [id, value] : record.before)
    ids.push_back(id);
  for (const auto& [id, value] : record.after) {
    if (!record.before.count(id)) ids.push_back(id);
  }
  std::string cell;
  for (const auto& id : ids) {
    auto before = record.before.find(id);
    auto after = record.after.find(id);
    std::string from = before == record.before.end() ? "-" : std::to_string(before->second);
    std::string to = after == record.after.end() ? "-" : std::to_string(after->second);
    cell += fmt::format("{}{} {}\u2192{}", cell.empty() ? "" : ", ", id, from, to);
  }
  return cell;
}

std::string ending_cell(const Record& record) {
  if (record.origin == Origin::manual) return "by hand";
  if (record.ending == Ending::signal) {
    return record.signal ? fmt::format("signal {}", *record.signal) : "signal";
  }
  return record.ending == Ending::completed ? "completed" : "ended early";
}

std::string seconds_cell(double seconds) {
  return format_duration(Milliseconds(static_cast<long long>(std::llround(seconds * 1000.0))));
}

// RFC 4180: fields with a comma, a quote or a line break are quoted, quotes doubled; CRLF.
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    quoted += c;
    if (c == '"') quoted += '"';
  }
  return quoted + "\"";
}

}  // namespace

Table records_table(const std::vector<Record>& records) {
  Table table;
  table.headers = {"date",    "start",  "held",    "planned", "ended",
                   "variant", "breath", "ratings", "note"};
  for (const auto& record : records) {
    table.rows.push_back({format_date(record.start.date()), format_hhmm(record.start),
                          seconds_cell(record.held_seconds), seconds_cell(record.planned_seconds),
                          ending_cell(record), record.variant.value_or("-"),
                          record.breath.value_or("-"), ratings_cell(record), record.note});
  }
  return table;
}

std::string records_csv(const std::vector<Record>& records, bool escape_notes) {
  std::string out =
      "start,end,held_seconds,planned_seconds,ended,signal,settle_seconds,variant,breath,before,"
      "after,origin,note\r\n";
  for (const auto& record : records) {
    nlohmann::ordered_json json = record_to_json(record);
    std::vector<std::string> fields = {
        record.start.rfc3339(), record.end.rfc3339(), json["held_seconds"].dump(),
        json["planned_seconds"].dump(), std::string(to_string(record.ending)),
        record.signal ? std::to_string(*record.signal) : "", json["settle_seconds"].dump(),
        record.variant.value_or(""), record.breath.value_or(""), format_ratings(record.before),
        format_ratings(record.after), std::string(to_string(record.origin)),
        // On a terminal, the note's control characters are shown, not sent.
        escape_notes ? escape_controls(record.note) : record.note};
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) out += ',';
      out += csv_field(fields[i]);
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace legsup
