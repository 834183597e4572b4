#include <doctest/doctest.h>

#include "legsup/log_view.hpp"
#include "legsup/text.hpp"

using namespace legsup;

namespace {

// An RFC 4180 reader: quoted fields may hold commas, quotes (doubled) and line breaks.
std::vector<std::vector<std::string>> read_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(field);
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.back().push_back(field);
      field.clear();
      rows.emplace_back();
      ++i;
    } else {
      field += c;
    }
  }
  rows.pop_back();  // after the last CRLF
  return rows;
}

Record sample(const std::string& note) {
  Record record;
  record.start = *parse_rfc3339("2026-11-20T22:15:00+01:00");
  record.end = *parse_rfc3339("2026-11-20T22:25:00+01:00");
  record.held_seconds = 590.25;
  record.planned_seconds = 600;
  record.ending = Ending::ended_early;
  record.variant = "bed";
  record.before = {{"stress", 6}, {"legs", 4}};
  record.after = {{"stress", 3}};
  record.note = note;
  return record;
}

}  // namespace

TEST_CASE("CSV reads back field for field, whatever the note holds") {
  std::vector<Record> records = {sample("plain"), sample("comma, \"quotes\" and\r\na break"),
                                 sample("")};
  std::string csv = records_csv(records, false);
  auto rows = read_csv(csv);
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].front() == "start");
  CHECK(rows[0].back() == "note");
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto& row = rows[i + 1];
    REQUIRE(row.size() == rows[0].size());
    CHECK(row[0] == records[i].start.rfc3339());
    CHECK(row[1] == records[i].end.rfc3339());
    CHECK(std::stod(row[2]) == records[i].held_seconds);
    CHECK(row[4] == "ended-early");
    CHECK(row[7] == "bed");
    CHECK(*parse_ratings(row[9], {"stress", "legs"}) == records[i].before);
    CHECK(row[12] == records[i].note);
  }
}

TEST_CASE("for a terminal, CSV shows a note's control characters escaped") {
  std::string csv = records_csv({sample("\x1b]0;title\x07")}, true);
  CHECK(csv.find('\x1b') == std::string::npos);
  CHECK(csv.find("\\x1b]0;title\\x07") != std::string::npos);
}

TEST_CASE("the table shows ratings as before and after, and escapes notes") {
  std::string out =
      render_table(records_table({sample("\x1b[2J wiped")}), 200, false, Style(false));
  CHECK(out.find("legs 4\u2192-, stress 6\u21923") != std::string::npos);
  CHECK(out.find("ended early") != std::string::npos);
  CHECK(out.find("9m50s") != std::string::npos);
  CHECK(out.find("\\x1b[2J wiped") != std::string::npos);
  CHECK(out.find('\x1b') == std::string::npos);
}

TEST_CASE("a fitted table cuts the note to the width") {
  std::string out =
      render_table(records_table({sample(std::string(200, 'n'))}), 100, true, Style(false));
  std::size_t start = out.find('\n') + 1;
  std::string row = out.substr(start, out.find('\n', start) - start);
  CHECK(display_width(row) <= 100);
  CHECK(row.substr(row.size() - 3) == "...");
}
