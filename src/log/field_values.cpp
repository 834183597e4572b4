// What a field does with its value, by the type of its member: read from a line, written to
// one, checked before it is written (with the reader's own limits and words), and shown. The
// rows of record_fields.cpp add only what the type does not say.
#include <fmt/core.h>

#include <cmath>
#include <type_traits>

#include "legsup/base/json_reader.hpp"
#include "legsup/base/json_text.hpp"
#include "legsup/base/text.hpp"
#include "legsup/log/record_fields.hpp"

namespace legsup {
namespace {

// A duration is seconds with any number of decimals, kept to the millisecond: up to a day (a
// session is at most three hours, a manual entry no longer).
constexpr long long kMostSeconds = 86400;

template <class T>
using Value = std::remove_cvref_t<T>;

template <class T>
constexpr bool kIsEnum = std::is_enum_v<T>;

template <class T>
constexpr bool kIsComputed = std::is_same_v<Value<T>, ComputedDate>;

// The words the reader and the writer both use for a value out of its range.
std::string not_whole(std::string_view key, int least, int most, bool rating) {
  return fmt::format("{}\"{}\" is not a whole number from {} to {}", rating ? "a rating in " : "",
                     key, least, most);
}

std::string out_of_range(std::string_view key) {
  return fmt::format("\"{}\" is out of range (0 to 24 hours)", key);
}

bool read_whole_number(JsonReader& reader, int& out, int least, int most, std::string_view key,
                       bool rating = false) {
  double value = 0;
  if (!reader.number(value)) return false;
  if (!(value >= least && value <= most) || value != std::floor(value)) {
    return reader.fail(not_whole(key, least, most, rating));
  }
  out = static_cast<int>(value);
  return true;
}

bool read_value(JsonReader& reader, std::string& out, const RecordField&) {
  return reader.string(out);
}

bool read_value(JsonReader& reader, std::optional<std::string>& out, const RecordField&) {
  if (reader.peek_is('n')) {
    out.reset();
    return reader.literal("null");
  }
  std::string text;
  if (!reader.string(text)) return false;
  out = std::move(text);
  return true;
}

bool read_value(JsonReader& reader, LocalTime& out, const RecordField& field) {
  std::string text;
  if (!reader.string(text)) return false;
  auto parsed = parse_rfc3339(text);
  if (!parsed) {
    return reader.fail(
        fmt::format("\"{}\" is not an RFC 3339 time in {}", field.key, kWritableYears));
  }
  out = *parsed;
  return true;
}

bool read_value(JsonReader& reader, Milliseconds& out, const RecordField& field) {
  double seconds = 0;
  if (!reader.number(seconds)) return false;
  if (!(seconds >= 0 && seconds <= kMostSeconds)) return reader.fail(out_of_range(field.key));
  out = Milliseconds(std::llround(seconds * 1000.0));
  return true;
}

bool read_value(JsonReader& reader, int& out, const RecordField& field) {
  return read_whole_number(reader, out, field.least, field.most, field.key);
}

bool read_value(JsonReader& reader, std::optional<int>& out, const RecordField& field) {
  int value = 0;
  if (!read_whole_number(reader, value, field.least, field.most, field.key)) return false;
  out = value;
  return true;
}

bool read_value(JsonReader& reader, Ratings& ratings, const RecordField& field) {
  if (!reader.peek_is('{')) return reader.fail(fmt::format("\"{}\" is not an object", field.key));
  ratings.clear();
  return reader.object([&](std::string_view id) {
    int value = 0;
    if (!read_whole_number(reader, value, kLeastRating, kMostRating, field.key, true)) return false;
    ratings[std::string(id)] = value;
    return true;
  });
}

template <class Enum>
requires kIsEnum<Enum>
bool read_value(JsonReader& reader, Enum& out, const RecordField& field) {
  std::string text;
  if (!reader.string(text)) return false;
  auto value = value_in(names_of(out), text);
  if (!value) return reader.fail(fmt::format("\"{}\" has an unknown value", field.key));
  out = *value;
  return true;
}

// Empty values are left out of a line when the field says so (a session without a guided way
// out says nothing of it).
template <class T>
bool is_empty(const T& value) {
  if constexpr (std::is_same_v<T, Milliseconds>) {
    return value.count() == 0;
  } else if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, Ratings>) {
    return value.empty();
  } else if constexpr (std::is_same_v<T, std::optional<std::string>> ||
                       std::is_same_v<T, std::optional<int>>) {
    return !value.has_value();
  } else {
    return false;
  }
}

void write_value(JsonObjectWriter& writer, std::string_view key, const std::string& value) {
  writer.string(key, value);
}
void write_value(JsonObjectWriter& writer, std::string_view key,
                 const std::optional<std::string>& value) {
  writer.string_or_null(key, value);
}
void write_value(JsonObjectWriter& writer, std::string_view key, const LocalTime& value) {
  writer.string(key, value.rfc3339());
}
void write_value(JsonObjectWriter& writer, std::string_view key, Milliseconds value) {
  writer.seconds(key, value);
}
void write_value(JsonObjectWriter& writer, std::string_view key, int value) {
  writer.integer(key, value);
}
void write_value(JsonObjectWriter& writer, std::string_view key, const std::optional<int>& value) {
  // A number or nothing: no member at all when there is none.
  if (value) writer.integer(key, *value);
}
void write_value(JsonObjectWriter& writer, std::string_view key, const Ratings& value) {
  writer.integers(key, value);
}
template <class Enum>
requires kIsEnum<Enum>
void write_value(JsonObjectWriter& writer, std::string_view key, Enum value) {
  writer.string(key, name_in(names_of(value), value));
}

using Problem = std::optional<std::string>;

Problem problem_of(const std::string& value, const RecordField& field) {
  if (is_valid_utf8(value)) return std::nullopt;
  return fmt::format("\"{}\" is not valid UTF-8", field.key);
}
Problem problem_of(const std::optional<std::string>& value, const RecordField& field) {
  return value ? problem_of(*value, field) : std::nullopt;
}
Problem problem_of(const LocalTime& value, const RecordField& field) {
  if (is_writable_time(value)) return std::nullopt;
  return fmt::format("\"{}\" lies outside {}", field.key, kWritableYears);
}
Problem problem_of(Milliseconds value, const RecordField& field) {
  if (value.count() >= 0 && value.count() <= kMostSeconds * 1000) return std::nullopt;
  return out_of_range(field.key);
}
Problem problem_of(int value, const RecordField& field) {
  if (value >= field.least && value <= field.most) return std::nullopt;
  return not_whole(field.key, field.least, field.most, false);
}
Problem problem_of(const std::optional<int>& value, const RecordField& field) {
  return value ? problem_of(*value, field) : std::nullopt;
}
Problem problem_of(const Ratings& ratings, const RecordField& field) {
  for (const auto& [id, value] : ratings) {
    if (!is_valid_utf8(id)) return fmt::format("a scale in \"{}\" is not valid UTF-8", field.key);
    if (value < kLeastRating || value > kMostRating) {
      return not_whole(field.key, kLeastRating, kMostRating, true);
    }
  }
  return std::nullopt;
}
template <class Enum>
requires kIsEnum<Enum> Problem problem_of(Enum value, const RecordField& field) {
  if (!name_in(names_of(value), value).empty()) return std::nullopt;
  return fmt::format("\"{}\" has an unknown value", field.key);
}

std::string text_of(const std::string& value) {
  return value;
}
std::string text_of(const std::optional<std::string>& value) {
  return value.value_or("");
}
std::string text_of(const LocalTime& value) {
  return value.rfc3339();
}
std::string text_of(Milliseconds value) {
  std::string text;
  append_json_seconds(text, value);
  return text;
}
std::string text_of(int value) {
  return std::to_string(value);
}
std::string text_of(const std::optional<int>& value) {
  return value ? std::to_string(*value) : "";
}
std::string text_of(const Ratings& ratings) {
  return format_ratings(ratings);
}
template <class Enum>
requires kIsEnum<Enum> std::string text_of(Enum value) {
  return std::string(name_in(names_of(value), value));
}

// "stress 6, legs 4", as a calendar's description says it.
void append_calendar_ratings(std::string& text, const Ratings& ratings) {
  bool first = true;
  for (const auto& [id, value] : ratings) {
    if (!first) text += ", ";
    first = false;
    text += id;
    text += ' ';
    append_decimal(text, value);
  }
}

}  // namespace

bool RecordField::read(JsonReader& reader, Record& record) const {
  bool read = std::visit(
      [&](auto part) {
        // A computed value in a line (an export read as a log) is computed again: passed over.
        if constexpr (kIsComputed<decltype(part)>) {
          return reader.skip_value();
        } else {
          return read_value(reader, record.*part, *this);
        }
      },
      member);
  if (!read) return false;
  // A row's own check holds for the reader as for the writer.
  if (problem) {
    std::string_view reason = problem(record);
    if (!reason.empty()) return reader.fail(std::string(reason));
  }
  return true;
}

void RecordField::write(JsonObjectWriter& writer, const Record& record,
                        const RecordView* view) const {
  std::visit(
      [&](auto part) {
        if constexpr (kIsComputed<decltype(part)>) {
          if (view) writer.string(key, format_date(part.of(record, *view)));
        } else {
          const auto& value = record.*part;
          if (!when_empty && is_empty(value)) return;
          write_value(writer, key, value);
        }
      },
      member);
}

std::optional<std::string> RecordField::unwritable(const Record& record) const {
  // What is not written has nothing to check: a computed value, an empty one left out.
  bool written = std::visit(
      [&](auto part) {
        if constexpr (kIsComputed<decltype(part)>) {
          return false;
        } else {
          return when_empty || !is_empty(record.*part);
        }
      },
      member);
  if (!written) return std::nullopt;
  auto by_type = std::visit(
      [&](auto part) -> Problem {
        if constexpr (kIsComputed<decltype(part)>) {
          return std::nullopt;
        } else {
          return problem_of(record.*part, *this);
        }
      },
      member);
  if (by_type) return by_type;
  if (problem) {
    std::string_view reason = problem(record);
    if (!reason.empty()) return std::string(reason);
  }
  return std::nullopt;
}

std::string RecordField::text(const Record& record, const RecordView& view) const {
  return std::visit(
      [&](auto part) {
        if constexpr (kIsComputed<decltype(part)>) {
          return format_date(part.of(record, view));
        } else {
          return text_of(record.*part);
        }
      },
      member);
}

std::vector<std::string> csv_headers(const RecordView& view) {
  std::vector<std::string> headers;
  for (const auto& field : record_fields()) {
    if (field.csv_headers) {
      field.csv_headers(view, headers);
    } else if (field.in_csv) {
      headers.emplace_back(field.key);
    }
  }
  return headers;
}

std::vector<std::string> csv_cells(const Record& record, const RecordView& view) {
  std::vector<std::string> cells;
  for (const auto& field : record_fields()) {
    if (field.csv_cells) {
      field.csv_cells(record, view, cells);
    } else if (field.in_csv) {
      cells.push_back(field.text(record, view));
    }
  }
  return cells;
}

void append_calendar_lines(std::string& text, const Record& record) {
  for (const auto& field : record_fields()) {
    if (field.calendar_label.empty()) continue;
    std::visit(
        [&](auto part) {
          if constexpr (kIsComputed<decltype(part)>) {
            return;  // the calendar shows the times themselves
          } else {
            const auto& value = record.*part;
            using T = Value<decltype(value)>;
            if (is_empty(value)) return;
            text += '\n';
            text += field.calendar_label;
            text += ": ";
            if constexpr (std::is_same_v<T, Ratings>) {
              append_calendar_ratings(text, value);
            } else {
              text += text_of(value);
            }
            // A person's own words are given as they were typed; anything else is a sentence.
            if constexpr (!std::is_same_v<T, std::string>) text += '.';
          }
        },
        field.member);
  }
}

}  // namespace legsup
