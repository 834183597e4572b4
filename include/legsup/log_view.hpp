// How sessions from the log are shown: an aligned table for people, CSV for spreadsheets.
#pragma once

#include <string>
#include <vector>

#include "legsup/record.hpp"
#include "legsup/table.hpp"

namespace legsup {

// date, start, held, planned, ended, variant, breath, ratings ("stress 6→3"), note.
Table records_table(const std::vector<Record>& records);

// RFC 4180 CSV with a header row and CRLF line ends. With `escape_notes`, control characters in
// notes are shown escaped (for a terminal); otherwise notes are written as they are.
std::string records_csv(const std::vector<Record>& records, bool escape_notes);

}  // namespace legsup
