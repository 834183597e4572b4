// How sessions from the log are shown: an aligned table for people, and CSV and JSON for other
// programs, written record by record so that a table or an export of any size streams. The
// columns come from the one list of record fields (record_fields.hpp).
#pragma once

#include <string>
#include <vector>

#include "legsup/base/table.hpp"
#include "legsup/log/record.hpp"
#include "legsup/log/record_fields.hpp"

namespace legsup {

// Night, start, held, planned, ended, how, variant, breath, ratings ("stress 6→3"), note; with
// `ids`, the id first. Each column knows its short form and when it drops out (table.hpp).
// Written in two passes, as TableWriter is: every record measured, then each one's line.
class RecordsTable {
 public:
  RecordsTable(RecordView view, bool ids);
  void measure(const Record& record);
  void lay_out(int width, bool fit) { writer_.lay_out(width, fit); }
  std::string header(const Style& style) const { return writer_.header(style); }
  std::string line(const Record& record) const;

  // A column of the table, and the field it shows.
  struct Column {
    const RecordField* field;
    const TableColumn* column;
  };
  const std::vector<Column>& columns() const { return columns_; }
  // A record's row before it is laid out: its cells in full, or in their short form.
  std::vector<std::string> cells(const Record& record, bool short_form) const;

 private:
  RecordsTable(RecordView view, std::vector<Column> columns);

  RecordView view_;
  std::vector<Column> columns_;
  TableWriter writer_;
};

// RFC 4180 CSV with CRLF line ends: the header row, and one row a record. With `escape` (for a
// terminal), control characters in every field are shown escaped rather than sent.
std::string csv_header(const RecordView& view);
std::string csv_row(const Record& record, const RecordView& view, bool escape);

// A JSON array of records, one object a line (as the log writes them, with the values computed
// for the view: the night), so that an export of a million sessions stays quick to write and to
// read: "[" + items + "]".
std::string json_array_item(const Record& record, const RecordView& view, bool first);
std::string json_array_end(bool empty);

}  // namespace legsup
