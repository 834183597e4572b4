// How sessions from the log are shown: an aligned table for people, and CSV and JSON for other
// programs, written record by record so that an export of any size streams. The columns come
// from the one list of record fields (record_fields.hpp).
#pragma once

#include <string>
#include <vector>

#include "legsup/base/table.hpp"
#include "legsup/log/record.hpp"
#include "legsup/log/record_fields.hpp"

namespace legsup {

// Night, start, held, planned, ended, how, variant, breath, ratings ("stress 6→3"), note; with
// `ids`, the id first. Each column knows its short form and when it drops out (table.hpp).
Table records_table(const std::vector<Record>& records, const RecordView& view, bool ids);

// RFC 4180 CSV with CRLF line ends: the header row, and one row a record. With `escape` (for a
// terminal), control characters in every field are shown escaped rather than sent.
std::string csv_header(const RecordView& view);
std::string csv_row(const Record& record, const RecordView& view, bool escape);

// A JSON array of records, one object a line (as the log writes them), so that an export of a
// million sessions stays quick to write and to read: "[" + items + "]".
std::string json_array_item(const Record& record, bool first);
std::string json_array_end(bool empty);

}  // namespace legsup
