#include "legsup/log/record_fields.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <array>

namespace legsup {
namespace {

// Cells the table shows otherwise than as the value's text.

// The night a session counts for: its start's date, or the day before when it started before
// the day starts (day-starts-at).
Date night(const Record& record, const RecordView& view) {
  return night_of(record.start, view.day_starts_minutes);
}

std::string night_short_cell(const Record& record, const RecordView& view) {
  return format_date(night(record, view)).substr(5);
}

std::string ending_cell(const Record& record, const RecordView&) {
  if (record.ending == Ending::signal) {
    return record.signal ? fmt::format("signal {}", *record.signal) : "signal";
  }
  return record.ending == Ending::completed ? "completed" : "ended early";
}

std::string ending_short_cell(const Record& record, const RecordView&) {
  if (record.ending == Ending::signal) {
    return record.signal ? fmt::format("sig {}", *record.signal) : "sig";
  }
  return record.ending == Ending::completed ? "done" : "early";
}

// "stress 6→3, legs 4→-": every scale rated before or after.
std::string ratings_text(const Record& record, bool with_names) {
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
    if (!cell.empty()) cell += with_names ? ", " : " ";
    cell += with_names ? fmt::format("{} {}\u2192{}", id, from, to)
                       : fmt::format("{}\u2192{}", from, to);
  }
  return cell;
}

std::string ratings_cell(const Record& record, const RecordView&) {
  return ratings_text(record, true);
}

std::string ratings_short_cell(const Record& record, const RecordView&) {
  return ratings_text(record, false);
}

// The CSV's rating columns: one per content scale for each of before and after, then any other
// scale in one cell.
void rating_cells(const Ratings& ratings, const RecordView& view, std::vector<std::string>& cells) {
  for (const auto& scale : view.scales) {
    auto found = ratings.find(scale);
    cells.push_back(found == ratings.end() ? "" : std::to_string(found->second));
  }
}

std::string other_ratings(const Record& record, const RecordView& view) {
  auto known = [&](const std::string& id) {
    return std::find(view.scales.begin(), view.scales.end(), id) != view.scales.end();
  };
  std::string text;
  for (const auto& [label, ratings] :
       {std::pair{"before", &record.before}, {"after", &record.after}}) {
    for (const auto& [id, value] : *ratings) {
      if (known(id)) continue;
      text += fmt::format("{}{}.{}={}", text.empty() ? "" : ",", label, id, value);
    }
  }
  return text;
}

void scale_headers(std::string_view prefix, const RecordView& view,
                   std::vector<std::string>& headers) {
  for (const auto& scale : view.scales)
    headers.push_back(fmt::format("{}_{}", prefix, scale));
}

// The rows. Designated members only: a row says what its type does not.
constexpr RecordField kFields[] = {
    {.key = "id",
     .member = &Record::id,
     .settable = false,
     .when_empty = false,
     .problem = [](const Record& record) -> std::string_view {
       // As the writer writes it, so that every reader and merge name the entry alike (a line
       // without an id has none to check).
       return is_record_id(record.id) ? "" : "\"id\" is not 32 lower-case hex digits";
     },
     // Shown only when asked for (log --ids).
     .table = {{{"id", [](const Record& record,
                          const RecordView&) { return record.id.substr(0, kShownIdDigits); }}}}},
    {.key = "version",
     .member = &Record::version,
     .required = true,
     .settable = false,
     .least = 1,
     .most = 1000,
     .in_csv = false},
    // Computed, not held: the exports group by it, and the table shows it first.
    {.key = "night",
     .member = ComputedDate{night},
     .settable = false,
     .table = {{{"night", nullptr, night_short_cell, 3}}}},
    {.key = "start",
     .member = &Record::start,
     .required = true,
     .table = {{{"start", [](const Record& record,
                             const RecordView&) { return format_hhmm(record.start); }}}}},
    {.key = "end", .member = &Record::end, .required = true},
    {.key = "held_seconds",
     .member = &Record::held,
     .required = true,
     .table = {{{"held", [](const Record& record,
                            const RecordView&) { return format_duration(record.held); }}}}},
    {.key = "planned_seconds",
     .member = &Record::planned,
     .table = {{{"planned",
                 [](const Record& record, const RecordView&) {
                   return format_duration(record.planned);
                 },
                 nullptr, 0, 2}}}},
    {.key = "ended",
     .member = &Record::ending,
     .required = true,
     .table = {{{"ended", ending_cell, ending_short_cell, 2}}}},
    {.key = "signal", .member = &Record::signal, .least = 1, .most = 64},
    {.key = "origin",
     .member = &Record::origin,
     .table = {{{"how",
                 [](const Record& record, const RecordView&) {
                   return std::string(record.origin == Origin::timer ? "timer" : "by hand");
                 },
                 nullptr, 0, 1}}}},
    {.key = "settle_seconds", .member = &Record::settle},
    // Only sessions that had a guided way out say how long it was.
    {.key = "come_out_seconds", .member = &Record::come_out, .when_empty = false},
    // Only sessions where a cue went unheard (a player that failed) say so.
    {.key = "unheard_cues",
     .member = &Record::unheard_cues,
     .settable = false,
     .when_empty = false,
     .least = 0,
     .most = 1000000},
    // Only sessions during which the machine slept say how long.
    {.key = "slept_seconds", .member = &Record::slept, .settable = false, .when_empty = false},
    {.key = "variant",
     .member = &Record::variant,
     .table = {{{"variant", nullptr, nullptr, 0, 4}}},
     .option = {.name = "--variant",
                .value_name = "ID",
                .help = "The variation done",
                .values = Completion::variants,
                .start_setting = true}},
    {.key = "breath",
     .member = &Record::breath,
     .table = {{{"breath", nullptr, nullptr, 0, 3}}},
     .calendar_label = "Breathing",
     .option = {.name = "--breath",
                .value_name = "ID",
                .help = "The breathing pattern used",
                .values = Completion::breaths,
                .start_setting = true}},
    {.key = "before",
     .member = &Record::before,
     .csv_headers =
         [](const RecordView& view, std::vector<std::string>& headers) {
           scale_headers("before", view, headers);
         },
     .csv_cells = [](const Record& record, const RecordView& view,
                     std::vector<std::string>& cells) { rating_cells(record.before, view, cells); },
     .calendar_label = "Before",
     .option = {.name = "--before",
                .value_name = "RATINGS",
                .help = "The ratings before the session, such as stress=6,legs=4"}},
    {.key = "after",
     .member = &Record::after,
     .csv_headers =
         [](const RecordView& view, std::vector<std::string>& headers) {
           scale_headers("after", view, headers);
           headers.emplace_back("other_ratings");
         },
     .csv_cells =
         [](const Record& record, const RecordView& view, std::vector<std::string>& cells) {
           rating_cells(record.after, view, cells);
           cells.push_back(other_ratings(record, view));
         },
     .table = {{{"ratings", ratings_cell, ratings_short_cell, 1, 5}}},
     .calendar_label = "After",
     .option = {.name = "--after",
                .value_name = "RATINGS",
                .help = "The ratings after the session, such as stress=3,legs=2"}},
    {.key = "note",
     .member = &Record::note,
     // The last column: the table cuts it to the width that is left.
     .table = {{{"note", [](const Record& record, const RecordView&) { return record.note; }}}},
     .calendar_label = "Note",
     .option = {.name = "--note",
                .value_name = "TEXT",
                .help = "A note to keep with the session",
                .max_bytes = kMaxNoteBytes}},
};

constexpr std::size_t longest_key() {
  std::size_t longest = 0;
  for (const auto& field : kFields)
    longest = std::max(longest, field.key.size());
  return longest;
}

static_assert(std::size(kFields) <= kMaxRecordFields, "a FieldSet has a bit for every field");

}  // namespace

std::span<const RecordField> record_fields() {
  return kFields;
}

// Looked up among the fields of the key's length only, which is the reader's inner loop over
// a million lines. The table is as wide as the longest key.
const RecordField* find_field(std::string_view key) {
  static const auto by_length = [] {
    std::array<std::vector<const RecordField*>, longest_key() + 1> table;
    for (const auto& field : kFields)
      table[field.key.size()].push_back(&field);
    return table;
  }();
  if (key.empty() || key.size() >= by_length.size()) return nullptr;
  for (const RecordField* field : by_length[key.size()]) {
    if (field->key[0] == key[0] && field->key == key) return field;
  }
  return nullptr;
}

std::size_t index_of(const RecordField* field) {
  return static_cast<std::size_t>(field - kFields);
}

}  // namespace legsup
