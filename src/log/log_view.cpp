#include "legsup/log/log_view.hpp"

#include <algorithm>

#include "legsup/base/text.hpp"

namespace legsup {
namespace {

// RFC 4180: fields with a comma, a quote or a line break are quoted, quotes doubled.
void append_csv_field(std::string& line, std::string_view text) {
  bool plain = std::none_of(text.begin(), text.end(),
                            [](char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; });
  if (plain) {
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
std::string value_cell(const RecordField& field, const Record& record) {
  std::string text = field.text(record);
  return text.empty() ? "-" : text;
}

}  // namespace

Table records_table(const std::vector<Record>& records, const RecordView& view, bool ids) {
  Table table;
  struct Column {
    const RecordField* field;
    const TableColumn* column;
  };
  std::vector<Column> columns;
  for (const auto& field : record_fields()) {
    if (field.key == "id" && !ids) continue;
    for (const auto& column : field.table) {
      if (!column.header.empty()) columns.push_back({&field, &column});
    }
  }
  for (const auto& [field, column] : columns) {
    table.headers.emplace_back(column->header);
    table.condense.push_back(column->condense);
    table.drop.push_back(column->drop);
  }
  for (const auto& record : records) {
    std::vector<std::string> row, short_row;
    for (const auto& [field, column] : columns) {
      row.push_back(column->cell ? column->cell(record, view) : value_cell(*field, record));
      short_row.push_back(column->short_cell ? column->short_cell(record, view) : std::string());
    }
    table.rows.push_back(std::move(row));
    table.short_rows.push_back(std::move(short_row));
  }
  return table;
}

std::string csv_header(const RecordView& view) {
  return csv_line(csv_headers(view), false);
}

std::string csv_row(const Record& record, const RecordView& view, bool escape) {
  return csv_line(csv_cells(record, view), escape);
}

std::string json_array_item(const Record& record, bool first) {
  return (first ? "[\n" : ",\n") + format_record_line(record);
}

std::string json_array_end(bool empty) {
  return empty ? "[]\n" : "\n]\n";
}

}  // namespace legsup
