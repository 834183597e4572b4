#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "field_samples.hpp"
#include "legsup/base/json_text.hpp"
#include "legsup/log/record.hpp"
#include "legsup/log/record_fields.hpp"

using namespace legsup;
using legsup::testing::every_field_set;
using legsup::testing::member_text;

namespace {

Record sample() {
  Record record;
  record.start = *parse_rfc3339("2026-11-20T22:15:00+01:00");
  record.end = *parse_rfc3339("2026-11-20T22:26:30+01:00");
  record.id = "0123456789abcdef0123456789abcdef";
  record.planned = Milliseconds(600000);
  record.held = Milliseconds(598500);
  record.ending = Ending::signal;
  record.signal = 15;
  record.settle = Milliseconds(30000);
  record.variant = "bed";
  record.breath = "4-0-6";
  record.note = "a \"quoted\" note\nwith a line break, \x1b[2J and caf\xc3\xa9";
  record.before = {{"stress", 6}, {"legs", 4}};
  record.after = {{"stress", 3}};
  record.origin = Origin::timer;
  return record;
}

}  // namespace

TEST_CASE("a record survives the round trip through its line") {
  Record record = sample();
  std::string line = format_record_line(record);
  CHECK(line.find('\n') == std::string::npos);
  auto parsed = parse_record_line(line);
  REQUIRE_MESSAGE(parsed.ok(), (parsed.ok() ? "" : parsed.error()));
  CHECK(*parsed == record);
}

TEST_CASE("every field of the list is written and read back") {
  Record record = every_field_set();
  record.unknown = {{"mood", R"({"sky":"blue"})"}};
  REQUIRE_FALSE(unwritable_reason(record).has_value());
  std::string line = format_record_line(record);
  auto json = nlohmann::json::parse(line);
  for (const auto& field : record_fields()) {
    // A computed value is the view's, never the log's.
    if (field.computed()) {
      CHECK_MESSAGE(!json.contains(std::string(field.key)), field.key);
      continue;
    }
    CHECK_MESSAGE(json.contains(std::string(field.key)), field.key);
    // The sample differs from a default record's value: == and the line compare them all.
    CHECK_MESSAGE(member_text(field, record) != member_text(field, Record{}), field.key);
  }
  auto read = parse_record_line(line);
  REQUIRE_MESSAGE(read.ok(), (read.ok() ? "" : read.error()));
  CHECK(*read == record);
}

TEST_CASE("a correction sets each field a correction may set, and no other") {
  Record values = every_field_set();
  values.id.clear();
  for (const auto& field : record_fields()) {
    Correction correction;
    correction.id = "11111111111111111111111111111111";
    correction.corrects = "22222222222222222222222222222222";
    correction.at = *parse_rfc3339("2026-11-21T08:00:00+01:00");
    correction.changes = values;
    correction.fields = {std::string(field.key)};
    if (!field.settable) {
      CHECK_MESSAGE(unwritable_reason(correction).has_value(), field.key);
      continue;
    }
    REQUIRE_MESSAGE(!unwritable_reason(correction).has_value(), field.key);
    auto read = parse_log_line(format_correction_line(correction));
    REQUIRE_MESSAGE(read.ok(), field.key);
    REQUIRE(read->correction.has_value());
    Record target;
    apply_correction(target, *read->correction);
    CHECK_MESSAGE(member_text(field, target) == member_text(field, values), field.key);
    // Only that field: every other one is as it was.
    for (const auto& other : record_fields()) {
      if (&other == &field) continue;
      CHECK_MESSAGE(member_text(other, target) == member_text(other, Record{}), other.key);
    }
  }
}

TEST_CASE("the writer refuses a value out of its field's range with the reader's own words") {
  for (const auto& field : record_fields()) {
    Record record = every_field_set();
    // Past the end of the range of each type that has one.
    bool ranged = std::visit(
        [&](auto member) {
          if constexpr (std::is_same_v<decltype(member), ComputedDate>) {
            return false;  // nothing held, nothing out of range
          } else {
            auto& value = record.*member;
            using T = std::remove_cvref_t<decltype(value)>;
            if constexpr (std::is_same_v<T, int> || std::is_same_v<T, std::optional<int>>) {
              value = field.most + 1;
            } else if constexpr (std::is_same_v<T, Milliseconds>) {
              value = Milliseconds(86400001);
            } else if constexpr (std::is_same_v<T, Ratings>) {
              value = {{"stress", kMostRating + 1}};
            } else {
              return false;
            }
            return true;
          }
        },
        field.member);
    if (!ranged) continue;
    auto refused = unwritable_reason(record);
    REQUIRE_MESSAGE(refused.has_value(), field.key);
    auto read = parse_record_line(format_record_line(record));
    REQUIRE_MESSAGE(!read.ok(), field.key);
    CHECK_MESSAGE(read.error().find(*refused) != std::string::npos, read.error(), " / ", *refused);
  }
}

TEST_CASE("the writer refuses what no reader would read back") {
  Record record = sample();
  CHECK_FALSE(unwritable_reason(record).has_value());
  Record far = record;
  far.end = LocalTime{to_date({9999, 12, 31}).days * 86400 + 86400, 0};
  CHECK(unwritable_reason(far) == "\"end\" lies outside the years 0001 to 9999");
  // The year 0 on no clock, and in UTC neither: an iCalendar reader refuses both.
  Record early = record;
  early.start = *parse_rfc3339("0001-01-01T00:30:00+00:00");
  CHECK_FALSE(unwritable_reason(early).has_value());
  early.start.offset_minutes = 60;  // 0001-01-01T01:30:00+01:00, the same instant
  CHECK_FALSE(unwritable_reason(early).has_value());
  early.start.epoch_seconds -= 3600;  // 0000-12-31T23:30:00Z
  CHECK(unwritable_reason(early) == "\"start\" lies outside the years 0001 to 9999");
  Record invalid = record;
  invalid.note = "\xff";
  CHECK(unwritable_reason(invalid) == "\"note\" is not valid UTF-8");
  Record huge = record;
  huge.note = std::string(20000, '\x01');  // each byte is written as \u0001
  CHECK(unwritable_reason(huge)->find("more than the 64 KiB a line may hold") != std::string::npos);
  Record bad_id = record;
  bad_id.id = "XYZ";
  CHECK(unwritable_reason(bad_id) == "\"id\" is not 32 lower-case hex digits");
}

TEST_CASE("the line is the JSON that nlohmann reads, with the documented names") {
  auto json = nlohmann::json::parse(format_record_line(sample()));
  CHECK(json["version"] == 1);
  CHECK(json["start"] == "2026-11-20T22:15:00+01:00");
  CHECK(json["held_seconds"] == 598.5);
  CHECK(json["ended"] == "signal");
  CHECK(json["signal"] == 15);
  CHECK(json["before"]["stress"] == 6);
  CHECK(json["origin"] == "timer");
}

TEST_CASE("unknown fields are kept, so a newer legsup's log still reads") {
  std::string line = format_record_line(sample());
  line.insert(line.size() - 1, R"(,"mood":{"sky":["blue",1.5e3,null]},"version2":true)");
  auto parsed = parse_record_line(line);
  REQUIRE(parsed.ok());
  REQUIRE(parsed->unknown.size() == 2);
  CHECK(parsed->unknown[0].first == "mood");
  CHECK(parsed->unknown[0].second == R"({"sky":["blue",1.5e3,null]})");
  auto json = nlohmann::json::parse(format_record_line(*parsed));
  CHECK(json["mood"]["sky"][1] == 1500.0);
  CHECK(json["version2"] == true);
  // Written again, the unknown fields are still there.
  CHECK(parse_record_line(format_record_line(*parsed))->unknown.size() == 2);
}

TEST_CASE("an unknown member is kept without its whitespace, and never written over two lines") {
  // Found by fuzz_record: whitespace between the tokens of an unknown member, a newline among it,
  // was written back as it came, and the line written held a newline.
  std::string line = format_record_line(sample());
  line.insert(line.size() - 1, ",\"mood\" : {\"sky\" :\n[ \"blue , \\\" x\",\r\t1 ] }");
  auto parsed = parse_record_line(line);
  REQUIRE(parsed.ok());
  REQUIRE(parsed->unknown.size() == 1);
  CHECK(parsed->unknown[0].second == R"({"sky":["blue , \" x",1]})");
  std::string written = format_record_line(*parsed);
  CHECK(written.find('\n') == std::string::npos);
  auto again = parse_record_line(written);
  REQUIRE(again.ok());
  CHECK(*again == *parsed);
}

TEST_CASE("strings decode escapes and surrogate pairs exactly as JSON says") {
  std::string line = format_record_line(sample());
  auto at = line.find("\"note\":");
  // The note is the line's last member.
  std::string with_escapes = line.substr(0, at) + R"("note":"\u00e9\ud83d\ude00\t\/\\"})";
  auto parsed = parse_record_line(with_escapes);
  REQUIRE(parsed.ok());
  CHECK(parsed->note == "\xc3\xa9\xf0\x9f\x98\x80\t/\\");
}

TEST_CASE("lines that are not records are refused with a reason") {
  std::string good = format_record_line(sample());
  struct Case {
    std::string line;
    std::string reason;
  };
  std::vector<Case> cases = {
      {"", "not a JSON object"},
      {"[1,2]", "not a JSON object"},
      {good.substr(0, good.size() / 2), ""},  // torn in the middle
      {good + "x", "text after the JSON object"},
      {R"({"version":1})", "no \"start\""},
      {R"({"version":1,"start":"yesterday","end":"x","held_seconds":1,"ended":"completed"})",
       "\"start\" is not an RFC 3339 time"},
      {"{\"note\":\"\xff\"}", "invalid UTF-8"},
      {R"({"note":"\ud800"})", "a lone high surrogate"},
      {"{\"note\":\"a\x01\"}", "a control character inside a string"},
      {R"({"held_seconds":-1})", "\"held_seconds\" is out of range"},
      {R"({"held_seconds":01})", ""},
      {R"({"before":{"stress":11}})", "not a whole number from 0 to 10"},
      {R"({"ended":"maybe"})", "\"ended\" has an unknown value"},
      {R"({"x":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}]})",
       "nested too deeply"},
      {R"({"version":1 "start":1})", "expected ',' or '}'"},
  };
  for (const auto& c : cases) {
    auto parsed = parse_record_line(c.line);
    CHECK_MESSAGE(!parsed.ok(), c.line);
    if (!parsed.ok() && !c.reason.empty()) {
      CHECK_MESSAGE(parsed.error().find(c.reason) != std::string::npos, parsed.error());
    }
  }
}

TEST_CASE("the line parser agrees with nlohmann/json on what is valid JSON") {
  // Members whose values only need to be valid JSON (unknown keys) decide by syntax alone.
  for (const char* value : {"0",    "-0",        "1.5e-3", "1E+2",       "\"\"",
                            "true", "null",      "[]",     "{}",         "[1,[2,{\"a\":[]}]]",
                            "01",   "1.",        ".5",     "+1",         "1e",
                            "tru",  "nul",       "[1,]",   "{\"a\":1,}", "\"\\x\"",
                            "NaN",  "\"\\u12\"", "[",      "{\"a\" 1}",  "1 2"}) {
    std::string line = R"({"version":1,"start":"2026-01-01T00:00:00Z",)";
    line += R"("end":"2026-01-01T00:00:00Z","held_seconds":1,"ended":"completed","extra":)";
    line += value;
    line += "}";
    bool nlohmann_ok = nlohmann::json::accept(line);
    CHECK_MESSAGE(parse_record_line(line).ok() == nlohmann_ok, value);
  }
}

TEST_CASE("a number too large for a double is refused, as nlohmann/json refuses it") {
  // Found by fuzz_record: such a line was kept, and `log --json` could not write it back.
  std::string line = format_record_line(sample());
  line.insert(line.size() - 1, ",\"huge\":" + std::string(400, '7'));
  CHECK(parse_record_line(line).error().find("a number too large") != std::string::npos);
  CHECK_FALSE(nlohmann::json::accept(line));
  std::string tiny = format_record_line(sample());
  tiny.insert(tiny.size() - 1, ",\"tiny\":1e-400");
  CHECK(parse_record_line(tiny).ok() == nlohmann::json::accept(tiny));
}

TEST_CASE("ratings are read as people type them and checked against the scales") {
  std::vector<std::string> scales = {"stress", "legs"};
  auto ratings = parse_ratings("stress=6,legs=0", scales);
  REQUIRE(ratings.ok());
  CHECK(ratings->at("stress") == 6);
  CHECK(ratings->at("legs") == 0);
  CHECK(format_ratings(*ratings) == "legs=0,stress=6");
  for (const char* bad : {"", "stress", "stress=", "stress=11", "stress=-1", "stress=5.5",
                          "stress=6,stress=7", "mood=5", "stress=6,", "=5", "stress=6;legs=2"}) {
    CHECK_MESSAGE(!parse_ratings(bad, scales).ok(), bad);
  }
  CHECK(parse_ratings("mood=5", scales)
            .error()
            .find("unknown scale \"mood\" (scales: stress or "
                  "legs)") != std::string::npos);
}

// Found by fuzz_writer: corrections whose line a reader would read as a different correction.
TEST_CASE("the writer refuses a correction that no reader would read back the same") {
  Correction correction;
  correction.id = "11111111111111111111111111111111";
  correction.corrects = "22222222222222222222222222222222";
  correction.at = *parse_rfc3339("2026-11-21T08:00:00+01:00");
  correction.changes.note = "better";
  correction.fields = {"note"};
  REQUIRE_FALSE(unwritable_reason(correction).has_value());
  auto read = parse_log_line(format_correction_line(correction));
  REQUIRE(read.ok());
  REQUIRE(read->correction.has_value());
  CHECK(read->correction->fields == correction.fields);

  Correction sets_version = correction;
  sets_version.fields = {"version", "note"};
  CHECK(unwritable_reason(sets_version) == "it cannot set \"version\" there");
  Correction twice = correction;
  twice.fields = {"note", "note"};
  CHECK(unwritable_reason(twice) == "it cannot set \"note\" there");
  Correction to_nothing = correction;
  to_nothing.fields = {"signal"};  // changes.signal is empty: the line would not name it
  CHECK(unwritable_reason(to_nothing) == "it sets \"signal\" to nothing");
  Correction remove_and_set = correction;
  remove_and_set.remove = true;
  CHECK(unwritable_reason(remove_and_set) == "a removal cannot also set fields");
}

TEST_CASE("durations are written as seconds with at most three decimals and no float noise") {
  auto written = [](long long milliseconds) {
    std::string out;
    append_json_seconds(out, Milliseconds(milliseconds));
    return out;
  };
  CHECK(written(0) == "0");
  CHECK(written(598500) == "598.5");
  CHECK(written(1050) == "1.05");
  CHECK(written(1) == "0.001");
  CHECK(written(86400000) == "86400");
  CHECK(written(-500) == "-0.5");
  CHECK(written(-1500) == "-1.5");
}

TEST_CASE("a member's key of any length finds its field, or none") {
  for (const auto& field : record_fields())
    CHECK(find_field(field.key) == &field);
  CHECK(find_field("") == nullptr);
  CHECK(find_field("notes") == nullptr);
  CHECK(find_field(std::string(1000, 'n')) == nullptr);
}
