#include "legsup/log/record_fields.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>

#include "legsup/base/json_reader.hpp"
#include "legsup/base/json_text.hpp"

namespace legsup {
namespace {

// Readers of the value kinds a record holds.

bool read_text(JsonReader& reader, std::string& out) {
  return reader.string(out);
}

bool read_optional_text(JsonReader& reader, std::optional<std::string>& out) {
  if (reader.peek_is('n')) {
    out.reset();
    return reader.literal("null");
  }
  std::string text;
  if (!reader.string(text)) return false;
  out = std::move(text);
  return true;
}

bool read_whole_number(JsonReader& reader, int& out, int min, int max, std::string_view field,
                       std::string_view within = {}) {
  double value = 0;
  if (!reader.number(value)) return false;
  if (!(value >= min && value <= max) || value != std::floor(value)) {
    return reader.fail(fmt::format("{}\"{}\" is not a whole number from {} to {}",
                                   within.empty() ? "" : "a rating in ",
                                   within.empty() ? field : within, min, max));
  }
  out = static_cast<int>(value);
  return true;
}

// Seconds with any number of decimals, kept to the millisecond: up to a day (a session is at
// most three hours, a manual entry no longer).
bool read_seconds(JsonReader& reader, Milliseconds& out, std::string_view field) {
  double seconds = 0;
  if (!reader.number(seconds)) return false;
  if (!(seconds >= 0 && seconds <= 86400)) {
    return reader.fail(fmt::format("\"{}\" is out of range", field));
  }
  out = Milliseconds(std::llround(seconds * 1000.0));
  return true;
}

bool read_time(JsonReader& reader, LocalTime& out, std::string_view field) {
  std::string text;
  if (!reader.string(text)) return false;
  auto parsed = parse_rfc3339(text);
  if (!parsed) {
    return reader.fail(fmt::format("\"{}\" is not an RFC 3339 time in {}", field, kWritableYears));
  }
  out = *parsed;
  return true;
}

bool read_ratings(JsonReader& reader, Ratings& ratings, std::string_view field) {
  if (!reader.peek_is('{')) return reader.fail(fmt::format("\"{}\" is not an object", field));
  ratings.clear();
  return reader.object([&](std::string_view id) {
    int value = 0;
    if (!read_whole_number(reader, value, 0, 10, id, field)) return false;
    ratings[std::string(id)] = value;
    return true;
  });
}

template <class Enum, std::size_t N>
bool read_enum(JsonReader& reader, Enum& out, const EnumName<Enum> (&names)[N],
               std::string_view field) {
  std::string text;
  if (!reader.string(text)) return false;
  auto value = value_in(names, text);
  if (!value) return reader.fail(fmt::format("\"{}\" has an unknown value", field));
  out = *value;
  return true;
}

// Cells.

std::string seconds_text(Milliseconds duration) {
  std::string text;
  append_json_seconds(text, duration);
  return text;
}

std::string ending_text(const Record& record) {
  if (record.ending == Ending::signal) {
    return record.signal ? fmt::format("signal {}", *record.signal) : "signal";
  }
  return record.ending == Ending::completed ? "completed" : "ended early";
}

std::string ending_short(const Record& record) {
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

void one_header(std::vector<std::string>& headers, std::string_view header) {
  headers.emplace_back(header);
}

// The CSV's rating columns: one per content scale, then any other scale in one cell.
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

std::vector<RecordField> make_fields() {
  std::vector<RecordField> fields;

  fields.push_back(
      {"id",
       false,
       [](JsonReader& r, Record& record) {
         // As the writer writes it, so that every reader and merge name the entry alike.
         return read_text(r, record.id) &&
                (is_record_id(record.id) || r.fail("\"id\" is not 32 lower-case hex digits"));
       },
       [](JsonObjectWriter& w, const Record& record) {
         if (!record.id.empty()) w.string("id", record.id);
       },
       [](const RecordView&, std::vector<std::string>& h) { one_header(h, "id"); },
       [](const Record& record, const RecordView&, std::vector<std::string>& c) {
         c.push_back(record.id);
       },
       // Shown only when asked for (log --ids).
       {{"id", [](const Record& record, const RecordView&) { return record.id.substr(0, 12); },
         nullptr, 0, 0}}});

  fields.push_back(
      {"version",
       true,
       [](JsonReader& r, Record& record) {
         return read_whole_number(r, record.version, 1, 1000, "version");
       },
       [](JsonObjectWriter& w, const Record& record) { w.integer("version", record.version); },
       nullptr,
       nullptr,
       {}});

  fields.push_back(
      {"start",
       true,
       [](JsonReader& r, Record& record) { return read_time(r, record.start, "start"); },
       [](JsonObjectWriter& w, const Record& record) { w.string("start", record.start.rfc3339()); },
       [](const RecordView&, std::vector<std::string>& h) { one_header(h, "start"); },
       [](const Record& record, const RecordView&, std::vector<std::string>& c) {
         c.push_back(record.start.rfc3339());
       },
       {{"date",
         [](const Record& record, const RecordView& view) {
           return format_date(night_of(record.start, view.day_starts_minutes));
         },
         [](const Record& record, const RecordView& view) {
           return format_date(night_of(record.start, view.day_starts_minutes)).substr(5);
         },
         3, 0},
        {"start", [](const Record& record, const RecordView&) { return format_hhmm(record.start); },
         nullptr, 0, 0}}});

  fields.push_back(
      {"end",
       true,
       [](JsonReader& r, Record& record) { return read_time(r, record.end, "end"); },
       [](JsonObjectWriter& w, const Record& record) { w.string("end", record.end.rfc3339()); },
       [](const RecordView&, std::vector<std::string>& h) { one_header(h, "end"); },
       [](const Record& record, const RecordView&, std::vector<std::string>& c) {
         c.push_back(record.end.rfc3339());
       },
       {}});

  fields.push_back(
      {"held_seconds",
       true,
       [](JsonReader& r, Record& record) { return read_seconds(r, record.held, "held_seconds"); },
       [](JsonObjectWriter& w, const Record& record) { w.seconds("held_seconds", record.held); },
       [](const RecordView&, std::vector<std::string>& h) { one_header(h, "held_seconds"); },
       [](const Record& record, const RecordView&, std::vector<std::string>& c) {
         c.push_back(seconds_text(record.held));
       },
       {{"held",
         [](const Record& record, const RecordView&) { return format_duration(record.held); },
         nullptr, 0, 0}}});

  fields.push_back(
      {"planned_seconds",
       false,
       [](JsonReader& r, Record& record) {
         return read_seconds(r, record.planned, "planned_seconds");
       },
       [](JsonObjectWriter& w, const Record& record) {
         w.seconds("planned_seconds", record.planned);
       },
       [](const RecordView&, std::vector<std::string>& h) { one_header(h, "planned_seconds"); },
       [](const Record& record, const RecordView&, std::vector<std::string>& c) {
         c.push_back(seconds_text(record.planned));
       },
       {{"planned",
         [](const Record& record, const RecordView&) { return format_duration(record.planned); },
         nullptr, 0, 2}}});

  fields.push_back(
      {"ended",
       true,
       [](JsonReader& r, Record& record) {
         return read_enum(r, record.ending, kEndingNames, "ended");
       },
       [](JsonObjectWriter& w, const Record& record) {
         w.string("ended", to_string(record.ending));
       },
       [](const RecordView&, std::vector<std::string>& h) { one_header(h, "ended"); },
       [](const Record& record, const RecordView&, std::vector<std::string>& c) {
         c.emplace_back(to_string(record.ending));
       },
       {{"ended", [](const Record& record, const RecordView&) { return ending_text(record); },
         [](const Record& record, const RecordView&) { return ending_short(record); }, 2, 0}}});

  fields.push_back({"signal",
                    false,
                    [](JsonReader& r, Record& record) {
                      int signal = 0;
                      if (!read_whole_number(r, signal, 1, 64, "signal")) return false;
                      record.signal = signal;
                      return true;
                    },
                    [](JsonObjectWriter& w, const Record& record) {
                      if (record.signal) w.integer("signal", *record.signal);
                    },
                    [](const RecordView&, std::vector<std::string>& h) { one_header(h, "signal"); },
                    [](const Record& record, const RecordView&, std::vector<std::string>& c) {
                      c.push_back(record.signal ? std::to_string(*record.signal) : "");
                    },
                    {}});

  fields.push_back({"origin",
                    false,
                    [](JsonReader& r, Record& record) {
                      return read_enum(r, record.origin, kOriginNames, "origin");
                    },
                    [](JsonObjectWriter& w, const Record& record) {
                      w.string("origin", to_string(record.origin));
                    },
                    [](const RecordView&, std::vector<std::string>& h) { one_header(h, "origin"); },
                    [](const Record& record, const RecordView&, std::vector<std::string>& c) {
                      c.emplace_back(to_string(record.origin));
                    },
                    {{"how",
                      [](const Record& record, const RecordView&) {
                        return std::string(record.origin == Origin::timer ? "timer" : "by hand");
                      },
                      nullptr, 0, 1}}});

  fields.push_back(
      {"settle_seconds",
       false,
       [](JsonReader& r, Record& record) {
         return read_seconds(r, record.settle, "settle_seconds");
       },
       [](JsonObjectWriter& w, const Record& record) {
         w.seconds("settle_seconds", record.settle);
       },
       [](const RecordView&, std::vector<std::string>& h) { one_header(h, "settle_seconds"); },
       [](const Record& record, const RecordView&, std::vector<std::string>& c) {
         c.push_back(seconds_text(record.settle));
       },
       {}});

  fields.push_back(
      {"come_out_seconds",
       false,
       [](JsonReader& r, Record& record) {
         return read_seconds(r, record.come_out, "come_out_seconds");
       },
       [](JsonObjectWriter& w, const Record& record) {
         // Only sessions that had a guided way out say how long it was.
         if (record.come_out.count() > 0) w.seconds("come_out_seconds", record.come_out);
       },
       [](const RecordView&, std::vector<std::string>& h) { one_header(h, "come_out_seconds"); },
       [](const Record& record, const RecordView&, std::vector<std::string>& c) {
         c.push_back(seconds_text(record.come_out));
       },
       {}});

  fields.push_back(
      {"variant",
       false,
       [](JsonReader& r, Record& record) { return read_optional_text(r, record.variant); },
       [](JsonObjectWriter& w, const Record& record) {
         w.string_or_null("variant", record.variant);
       },
       [](const RecordView&, std::vector<std::string>& h) { one_header(h, "variant"); },
       [](const Record& record, const RecordView&, std::vector<std::string>& c) {
         c.push_back(record.variant.value_or(""));
       },
       {{"variant",
         [](const Record& record, const RecordView&) { return record.variant.value_or("-"); },
         nullptr, 0, 4}}});

  fields.push_back(
      {"breath",
       false,
       [](JsonReader& r, Record& record) { return read_optional_text(r, record.breath); },
       [](JsonObjectWriter& w, const Record& record) { w.string_or_null("breath", record.breath); },
       [](const RecordView&, std::vector<std::string>& h) { one_header(h, "breath"); },
       [](const Record& record, const RecordView&, std::vector<std::string>& c) {
         c.push_back(record.breath.value_or(""));
       },
       {{"breath",
         [](const Record& record, const RecordView&) { return record.breath.value_or("-"); },
         nullptr, 0, 3}}});

  fields.push_back(
      {"before",
       false,
       [](JsonReader& r, Record& record) { return read_ratings(r, record.before, "before"); },
       [](JsonObjectWriter& w, const Record& record) { w.integers("before", record.before); },
       [](const RecordView& view, std::vector<std::string>& h) {
         for (const auto& scale : view.scales)
           h.push_back("before_" + scale);
       },
       [](const Record& record, const RecordView& view, std::vector<std::string>& c) {
         rating_cells(record.before, view, c);
       },
       {}});

  fields.push_back(
      {"after",
       false,
       [](JsonReader& r, Record& record) { return read_ratings(r, record.after, "after"); },
       [](JsonObjectWriter& w, const Record& record) { w.integers("after", record.after); },
       [](const RecordView& view, std::vector<std::string>& h) {
         for (const auto& scale : view.scales)
           h.push_back("after_" + scale);
         h.emplace_back("other_ratings");
       },
       [](const Record& record, const RecordView& view, std::vector<std::string>& c) {
         rating_cells(record.after, view, c);
         c.push_back(other_ratings(record, view));
       },
       {{"ratings",
         [](const Record& record, const RecordView&) { return ratings_text(record, true); },
         [](const Record& record, const RecordView&) { return ratings_text(record, false); }, 1,
         5}}});

  fields.push_back(
      {"note",
       false,
       [](JsonReader& r, Record& record) { return read_text(r, record.note); },
       [](JsonObjectWriter& w, const Record& record) { w.string("note", record.note); },
       [](const RecordView&, std::vector<std::string>& h) { one_header(h, "note"); },
       [](const Record& record, const RecordView&, std::vector<std::string>& c) {
         c.push_back(record.note);
       },
       // The last column: the table cuts it to the width that is left.
       {{"note", [](const Record& record, const RecordView&) { return record.note; }, nullptr, 0,
         0}}});
  return fields;
}

}  // namespace

const std::vector<RecordField>& record_fields() {
  static const std::vector<RecordField> fields = make_fields();
  return fields;
}

}  // namespace legsup
