#include "legsup/log/log_view.hpp"

#include <algorithm>

#include "legsup/base/text.hpp"

namespace legsup {
namespace {

// A number as the CSV writes one: digits, with a decimal point between them.
bool is_number(std::string_view text) {
  auto digits = [](std::string_view part) {
    return !part.empty() && part.find_first_not_of("0123456789") == std::string_view::npos;
  };
  std::size_t point = text.find('.');
  if (point == std::string_view::npos) return digits(text);
  return digits(text.substr(0, point)) && digits(text.substr(point + 1));
}

// RFC 4180, every field quoted but a number (quotes doubled). A program that guesses the
// dialect from a sample (Python's csv.Sniffer, csvkit) then finds the commas between quoted
// fields in every row, and a note's own quotes, commas or spaces do not lead it astray.
void append_csv_field(std::string& line, std::string_view text) {
  if (is_number(text)) {
    line += text;
    return;
  }
  line += '"';
  for (char c : text) {
    line += c;
    if (c == '"') line += '"';
  }
  line += '"';
}

std::string csv_line(const std::vector<std::string>& fields, bool escape) {
  std::string line;
  line.reserve(256);
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line += ',';
    append_csv_field(line, escape ? escape_controls(fields[i]) : fields[i]);
  }
  line += "\r\n";
  return line;
}

// A column that shows the field's value as it is: "-" when there is none.
std::string value_cell(const RecordField& field, const Record& record, const RecordView& view) {
  std::string text = field.text(record, view);
  return text.empty() ? "-" : text;
}

}  // namespace

namespace {

std::vector<RecordsTable::Column> table_columns(bool ids) {
  std::vector<RecordsTable::Column> columns;
  for (const auto& field : record_fields()) {
    if (field.key == "id" && !ids) continue;
    for (const auto& column : field.table) {
      if (!column.header.empty()) columns.push_back({&field, &column});
    }
  }
  return columns;
}

// The headers, and how each column condenses and drops, for TableWriter.
Table headers_of(const std::vector<RecordsTable::Column>& columns) {
  Table table;
  for (const auto& [field, column] : columns) {
    table.headers.emplace_back(column->header);
    table.condense.push_back(column->condense);
    table.drop.push_back(column->drop);
  }
  return table;
}

}  // namespace

RecordsTable::RecordsTable(RecordView view, bool ids)
    : RecordsTable(std::move(view), table_columns(ids)) {}

RecordsTable::RecordsTable(RecordView view, std::vector<Column> columns)
    : view_(std::move(view)), columns_(std::move(columns)), writer_(headers_of(columns_)) {}

std::vector<std::string> RecordsTable::cells(const Record& record, bool short_form) const {
  std::vector<std::string> cells;
  cells.reserve(columns_.size());
  for (const auto& [field, column] : columns_) {
    if (!short_form) {
      cells.push_back(column->cell ? column->cell(record, view_)
                                   : value_cell(*field, record, view_));
    } else {
      cells.push_back(column->short_cell ? column->short_cell(record, view_) : std::string());
    }
  }
  return cells;
}

void RecordsTable::measure(const Record& record) {
  writer_.measure(cells(record, false), cells(record, true));
}

std::string RecordsTable::line(const Record& record) const {
  return writer_.line(cells(record, false), cells(record, true));
}

std::string csv_header(const RecordView& view) {
  return csv_line(csv_headers(view), false);
}

std::string csv_row(const Record& record, const RecordView& view, bool escape) {
  return csv_line(csv_cells(record, view), escape);
}

std::string json_array_item(const Record& record, const RecordView& view, bool first) {
  return (first ? "[\n" : ",\n") + format_record_export(record, view);
}

std::string json_array_end(bool empty) {
  return empty ? "[]\n" : "\n]\n";
}

}  // namespace legsup
