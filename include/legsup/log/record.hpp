// One session in the log, and its form as one line of JSON. The fields are listed once, in
// record_fields.hpp; the line reader, the writer, the table and the CSV all follow that list.
// Fields this version does not know are kept as they were written.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "legsup/base/duration.hpp"
#include "legsup/base/error.hpp"
#include "legsup/base/local_time.hpp"
#include "legsup/log/ratings.hpp"
#include "legsup/log/record_id.hpp"
#include "legsup/session/ending.hpp"

namespace legsup {

inline constexpr int kRecordVersion = 1;

// A line longer than this is not a record: readers skip it without holding it in memory, and
// the writer refuses to write one.
inline constexpr std::size_t kMaxRecordLineBytes = 64 * 1024;

// The longest note a session may carry. Escaped in the worst case (\u0001 for each byte) it
// still leaves the line far below kMaxRecordLineBytes.
inline constexpr std::size_t kMaxNoteBytes = 4096;

enum class Origin { timer, manual };

inline constexpr EnumName<Origin> kOriginNames[] = {{Origin::timer, "timer"},
                                                    {Origin::manual, "manual"}};
inline constexpr const auto& names_of(Origin) {
  return kOriginNames;
}

// A member this version does not know: its name and its JSON text as written.
using UnknownMember = std::pair<std::string, std::string>;

struct Record {
  // 32 lower-case hex digits. Empty in a line written before records had ids; readers that
  // name records give such a line the id derived from its text (derived_record_id).
  std::string id;
  int version = kRecordVersion;
  LocalTime start;
  LocalTime end;
  Milliseconds planned{0};
  Milliseconds held{0};  // pauses excluded
  Ending ending = Ending::completed;
  std::optional<int> signal;  // which signal stopped it, when ending is signal
  Milliseconds settle{0};
  Milliseconds come_out{0};  // the guided way out, when there was one
  int unheard_cues = 0;      // cues played that did not reach the ear (a player that failed)
  Milliseconds slept{0};     // the machine slept this long during the session
  std::optional<std::string> variant;
  std::optional<std::string> breath;  // a pattern id, or custom seconds such as "4-0-6"
  std::string note;
  Ratings before;
  Ratings after;
  Origin origin = Origin::timer;
  std::vector<UnknownMember> unknown;

  bool operator==(const Record&) const = default;
};

// A line that corrects an earlier one without rewriting the file: it names the id it corrects,
// and either removes that entry or sets some of its fields. A correction has an id of its own,
// so that it can be removed in turn. Its line has no "start": a legsup that does not know
// corrections skips it with a warning.
struct Correction {
  std::string id;
  std::string corrects;
  LocalTime at;  // when it was made
  bool remove = false;
  Record changes;                   // the fields it sets...
  std::vector<std::string> fields;  // ...named by their keys, in the order of record_fields()
  std::vector<UnknownMember> unknown;

  bool operator==(const Correction&) const = default;
};

// Copies the fields a correction sets into a record.
void apply_correction(Record& record, const Correction& correction);

// The correction a line holds, from the members read as a record's (parse_log_line's), once
// "corrects" has shown that the line is one.
Parsed<Correction> read_correction(Record& record, std::string corrects);

std::string_view to_string(Origin origin);

// Why the record cannot be written so that every reader reads it back as it is (a time outside
// the years RFC 3339 spells, a note that is not UTF-8, a line too long...), or nothing.
std::optional<std::string> unwritable_reason(const Record& record);

// The record as one line of JSON, without the trailing newline. Only for a writable record.
std::string format_record_line(const Record& record);

// A line of the log that holds a record; fails with a short reason when it is not valid JSON or
// not a record.
Parsed<Record> parse_record_line(std::string_view line);

std::optional<std::string> unwritable_reason(const Correction& correction);
std::string format_correction_line(const Correction& correction);

// A line of the log: a record or a correction (one with "corrects").
struct LogEntry {
  std::optional<Record> record;
  std::optional<Correction> correction;
};
Parsed<LogEntry> parse_log_line(std::string_view line);

// The start of the record on a line, found without reading the rest of it: for a first pass
// over a large log that only needs the order of the sessions. None when it is not there.
std::optional<LocalTime> quick_record_start(std::string_view line);

// The id of the record on a line as legsup writes it (its first member), found without reading
// the rest; none for a line written otherwise, which a full parse must name.
std::optional<std::string_view> quick_record_id(std::string_view line);

// True when the line may hold a correction: a cheap test that lets a reader skip parsing the
// lines of records when it only looks for corrections.
bool may_be_correction(std::string_view line);

}  // namespace legsup
