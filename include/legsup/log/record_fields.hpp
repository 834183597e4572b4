// The one list of a record's fields. Each row says how the field is read from a log line,
// written to one, shown in the table of `legsup log` and exported as CSV columns. Adding a field
// is: a member of Record, one row here, and the documentation.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "legsup/log/record.hpp"

namespace legsup {

class JsonReader;
class JsonObjectWriter;

// What a view of records needs besides the records.
struct RecordView {
  int day_starts_minutes = 0;       // sessions before this time count for the night before
  std::vector<std::string> scales;  // the content's rating scales: one CSV column each
};

// A column of the table. When the table is wider than the terminal, columns first take their
// short form (lowest `condense` first), then drop out (lowest `drop` first); 0 never does.
struct TableColumn {
  std::string_view header;
  std::string (*cell)(const Record&, const RecordView&);
  std::string (*short_cell)(const Record&, const RecordView&) = nullptr;
  int condense = 0;
  int drop = 0;
};

struct RecordField {
  std::string_view key;  // the JSON member
  bool required = false;
  // Reads the member's value into the record; false with reader.error set.
  bool (*read)(JsonReader&, Record&) = nullptr;
  // Writes the member (key and value), or nothing when the record has no such value.
  void (*write)(JsonObjectWriter&, const Record&) = nullptr;
  // CSV: the headers of this field's columns, and a record's cells, in the same order.
  void (*csv_headers)(const RecordView&, std::vector<std::string>&) = nullptr;
  void (*csv_cells)(const Record&, const RecordView&, std::vector<std::string>&) = nullptr;
  std::vector<TableColumn> table;
};

// In the order records are written.
const std::vector<RecordField>& record_fields();

// The field of a member's key, or none.
const RecordField* find_field(std::string_view key);
// Where a field is in record_fields().
std::size_t index_of(const RecordField* field);

}  // namespace legsup
