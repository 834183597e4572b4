// The one list of a record's fields. Each row names its member of Record, and says what is not
// already said by the member's type: its limits, whether it is written when empty, its columns
// in the table of `legsup log`, its line in a calendar event, and the option that sets it in
// `start`, `log add` and `log edit`. The line reader and writer, the checks, the CSV, the JSON,
// the calendar, the options, the fuzzers and the tests follow the list. Adding a field is: a
// member of Record, one row in record_fields.cpp, and the documentation.
#pragma once

#include <array>
#include <bitset>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "legsup/base/completion.hpp"
#include "legsup/log/record.hpp"

namespace legsup {

class JsonReader;
class JsonObjectWriter;

// What a view of records needs besides the records.
struct RecordView {
  int day_starts_minutes = 0;       // sessions before this time count for the night before
  std::vector<std::string> scales;  // the content's rating scales: one CSV column each
};

// A date the log does not hold but a view computes from the record: the night a session counts
// for. The log's lines never hold it (a reader passes over it, and a correction cannot set it);
// the exports and the table show it.
struct ComputedDate {
  Date (*of)(const Record&, const RecordView&);
};

// The member of Record a field holds. Its type says how the value is read, written, checked and
// shown: free text, an id or nothing (null), a time, a duration (seconds, up to a day), a whole
// number, a whole number or nothing, an enum, ratings; or a date computed, held by no member.
using FieldMember =
    std::variant<std::string Record::*, std::optional<std::string> Record::*, LocalTime Record::*,
                 Milliseconds Record::*, int Record::*, std::optional<int> Record::*,
                 Ending Record::*, Origin Record::*, Ratings Record::*, ComputedDate>;

// A column of the table. When the table is wider than the terminal, columns first take their
// short form (lowest `condense` first), then drop out (lowest `drop` first); 0 never does.
struct TableColumn {
  std::string_view header;  // empty: no column
  // The cell; none: the field's value as text, "-" when it has none.
  std::string (*cell)(const Record&, const RecordView&) = nullptr;
  std::string (*short_cell)(const Record&, const RecordView&) = nullptr;
  int condense = 0;
  int drop = 0;
};

// The option that sets a field from the command line: `start`, `log add` and `log edit` take
// it. Its value is checked by the member's type (text: valid UTF-8 of at most `max_bytes`;
// ratings: against the content's scales) and against where its values come from (a variation,
// a breathing pattern).
struct FieldOption {
  std::string_view name;  // "--note"; empty: no option
  std::string_view value_name;
  std::string_view help;
  Completion values = Completion::none;
  std::size_t max_bytes = 0;
  bool start_setting = false;  // `start` takes it as a setting (settings.hpp), not as this option
};

struct RecordField {
  std::string_view key;  // the JSON member
  FieldMember member;
  bool required = false;    // a record's line must have it
  bool settable = true;     // a correction may set it
  bool when_empty = true;   // written when it is empty ("", 0): false leaves it out
  int least = 0, most = 0;  // whole numbers: the range
  // CSV: one column named by its key, unless the field gives its own (or none: in_csv false).
  bool in_csv = true;
  void (*csv_headers)(const RecordView&, std::vector<std::string>&) = nullptr;
  void (*csv_cells)(const Record&, const RecordView&, std::vector<std::string>&) = nullptr;
  // A check beyond the type's, such as the id's form, for the reader and the writer alike (a
  // value the writer leaves out is not checked): the reason, or empty.
  std::string_view (*problem)(const Record&) = nullptr;
  std::array<TableColumn, 2> table = {};
  std::string_view calendar_label = {};  // its line in a calendar event's description
  FieldOption option = {};

  // Reads the member's value into the record; false with reader.error set.
  bool read(JsonReader& reader, Record& record) const;
  // Writes the member (key and value), or nothing when the record has none to write. A computed
  // value is written only in a view (an export): a line of the log never holds one.
  void write(JsonObjectWriter& writer, const Record& record,
             const RecordView* view = nullptr) const;
  // Why the value cannot be written so that a reader reads it back, or none.
  std::optional<std::string> unwritable(const Record& record) const;
  // The value as one CSV cell, and in a table ("-" when there is none).
  std::string text(const Record& record, const RecordView& view) const;
  bool computed() const { return std::holds_alternative<ComputedDate>(member); }
};

// A set of fields, by their place in the list.
inline constexpr std::size_t kMaxRecordFields = 64;
using FieldSet = std::bitset<kMaxRecordFields>;

// In the order records are written.
std::span<const RecordField> record_fields();

// The field of a member's key, or none.
const RecordField* find_field(std::string_view key);
// Where a field is in record_fields().
std::size_t index_of(const RecordField* field);

// A record as an export writes it: its line in the log, with the values computed for the view.
std::string format_record_export(const Record& record, const RecordView& view);

// The CSV's headers, and a record's cells, in the same order.
std::vector<std::string> csv_headers(const RecordView& view);
std::vector<std::string> csv_cells(const Record& record, const RecordView& view);

// The lines a calendar event's description gives the fields that have one: "\nNote: ...".
void append_calendar_lines(std::string& text, const Record& record);

}  // namespace legsup
