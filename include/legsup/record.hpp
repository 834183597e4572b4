// One session in the log, and its form as one line of JSON. Reading a line does not build a JSON
// document: a small strict parser fills the record directly, which keeps `stats` on a log of a
// million sessions fast. Fields this version does not know are kept as they were written.
#pragma once

#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "legsup/error.hpp"
#include "legsup/local_time.hpp"

namespace legsup {

inline constexpr int kRecordVersion = 1;

enum class Ending { completed, ended_early, signal };
enum class Origin { timer, manual };

// Scale id to a value from 0 to 10, such as {"stress": 6, "legs": 4}.
using Ratings = std::map<std::string, int>;

struct Record {
  int version = kRecordVersion;
  LocalTime start;
  LocalTime end;
  double planned_seconds = 0;
  double held_seconds = 0;  // pauses excluded
  Ending ending = Ending::completed;
  std::optional<int> signal;  // which signal stopped it, when ending is signal
  double settle_seconds = 0;
  std::optional<std::string> variant;
  std::optional<std::string> breath;  // a pattern id, or custom seconds such as "4-0-6"
  std::string note;
  Ratings before;
  Ratings after;
  Origin origin = Origin::timer;
  // Members this version does not know: name and the JSON text as written, in order.
  std::vector<std::pair<std::string, std::string>> unknown;
};

std::string_view to_string(Ending ending);
std::string_view to_string(Origin origin);

// The record as one line of JSON, without the trailing newline.
std::string format_record_line(const Record& record);

// A line of the log; fails with a short reason when it is not valid JSON or not a record.
Parsed<Record> parse_record_line(std::string_view line);

// The record as a JSON object (unknown members included), for `log --json`.
nlohmann::ordered_json record_to_json(const Record& record);

// Ratings as people type them: "stress=6,legs=4". Every id must be in `scale_ids`; values 0..10.
Parsed<Ratings> parse_ratings(std::string_view text, const std::vector<std::string>& scale_ids);
std::string format_ratings(const Ratings& ratings);  // "stress=6,legs=4"

}  // namespace legsup
