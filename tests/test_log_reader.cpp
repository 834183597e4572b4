#include <doctest/doctest.h>
#include <fmt/core.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "builtin_content.hpp"
#include "fake_machine.hpp"
#include "legsup/command/manual_entry.hpp"
#include "legsup/log/ics.hpp"
#include "legsup/log/log_merge.hpp"
#include "legsup/log/log_reader.hpp"
#include "legsup/log/log_view.hpp"
#include "legsup/log/stats.hpp"
#include "log_reading.hpp"
#include "temp_folder.hpp"

using namespace legsup;

namespace {

std::string id_of(int n) {
  return fmt::format("{:032x}", n);
}

Record session(int n, const std::string& note) {
  Record record;
  record.id = id_of(n);
  record.start = LocalTime{1795593600 + n * 3600, 60};
  record.end = LocalTime{record.start.epoch_seconds + 600, 60};
  record.held = record.planned = Milliseconds(600000);
  record.note = note;
  return record;
}

Correction edit_note(int n, int target, const std::string& note) {
  Correction correction;
  correction.id = id_of(n);
  correction.corrects = id_of(target);
  correction.at = LocalTime{1795700000, 60};
  correction.changes.note = note;
  correction.fields = {"note"};
  return correction;
}

Correction removal(int n, int target) {
  return make_removal(id_of(target), LocalTime{1795700000, 60}, id_of(n));
}

struct Log {
  TempFolder folder;
  SessionLog log{folder.file("sessions.jsonl")};
  std::vector<std::string> warnings;

  void add(const Record& record) { log.append(record); }
  void add(const Correction& correction) {
    std::string line = format_correction_line(correction) + "\n";
    log.append_locked([&] { return line; });
  }
  void raw(const std::string& line) { std::ofstream(log.path(), std::ios::app) << line << "\n"; }
  std::vector<std::string> notes() {
    std::vector<std::string> notes;
    LogReader(log, [&](const std::string& w) {
      warnings.push_back(w);
    }).sessions([&](Record&& record) { notes.push_back(record.note); }, false);
    return notes;
  }
  std::vector<std::string> last_notes(std::size_t count) {
    std::vector<std::string> notes;
    for (const auto& record : legsup::testing::last_sessions(log, count))
      notes.push_back(record.note);
    return notes;
  }
};

using Notes = std::vector<std::string>;

}  // namespace

TEST_CASE("a correction line is read as one, and a reader that does not know them skips it") {
  Correction correction = edit_note(9, 1, "changed");
  std::string line = format_correction_line(correction);
  auto entry = parse_log_line(line);
  REQUIRE(entry.ok());
  REQUIRE(entry->correction.has_value());
  CHECK(*entry->correction == correction);
  // What legsup 0.1 did with every line: read it as a record. It has no "start": skipped, with
  // a warning, and nothing else is disturbed.
  auto as_record = parse_record_line(line);
  REQUIRE_FALSE(as_record.ok());
  CHECK(as_record.error() == "a correction, not a record");
  // legsup 0.1 skips a line whose object has no "start" of its own: true of every correction,
  // an edit that moves a session's start included ("start" is then inside "set").
  Correction moved = correction;
  moved.changes.start = LocalTime{1795600000, 60};
  moved.fields = {"start"};
  for (const auto& written :
       {line, format_correction_line(moved), format_correction_line(removal(8, 1))}) {
    auto json = nlohmann::json::parse(written);
    CHECK_FALSE(json.contains("start"));
  }
  CHECK(nlohmann::json::parse(format_correction_line(moved))["set"].contains("start"));
}

TEST_CASE("edits and removals apply to every reader, and the file keeps every line") {
  Log log;
  log.add(session(1, "one"));
  log.add(session(2, "two"));
  log.add(session(3, "three"));
  log.add(edit_note(10, 1, "one, corrected"));
  log.add(removal(11, 2));
  CHECK(log.notes() == Notes{"one, corrected", "three"});
  CHECK(log.last_notes(5) == Notes{"one, corrected", "three"});
  CHECK(log.last_notes(1) == Notes{"three"});
  // Later edits win; a removed edit is as if it had never been made.
  log.add(edit_note(12, 1, "one, again"));
  CHECK(log.notes()[0] == "one, again");
  log.add(removal(13, 12));
  CHECK(log.notes()[0] == "one, corrected");
  CHECK(log.last_notes(1) == Notes{"three"});
  CHECK(log.last_notes(2) == Notes{"one, corrected", "three"});
  std::ifstream file(log.log.path());
  std::size_t lines = 0;
  for (std::string line; std::getline(file, line);)
    ++lines;
  CHECK(lines == 7);
}

TEST_CASE("corrections of corrections: removing a removal brings a session back") {
  Log log;
  log.add(session(1, "one"));
  log.add(removal(10, 1));
  CHECK(log.notes().empty());
  log.add(removal(11, 10));  // takes back the removal
  CHECK(log.notes() == Notes{"one"});
  CHECK(log.last_notes(1) == Notes{"one"});
  log.add(removal(12, 11));  // and takes back the taking back
  CHECK(log.notes().empty());
  CHECK(log.last_notes(1).empty());
}

TEST_CASE("a correction for an id the log does not hold changes nothing and is named once") {
  Log log;
  log.add(session(1, "one"));
  log.add(edit_note(10, 77, "nobody"));
  CHECK(log.notes() == Notes{"one"});
  REQUIRE(log.warnings.size() == 1);
  CHECK(log.warnings[0].find("a correction names " + id_of(77) + ", which is not in the log") !=
        std::string::npos);
}

TEST_CASE("a line written before ids is named by its derived id, and can be corrected") {
  Log log;
  std::string old_line =
      R"({"version":1,"start":"2026-11-20T22:00:00Z","end":"2026-11-20T22:10:00Z","held_seconds":600,"ended":"completed","note":"old"})";
  log.raw(old_line);
  std::string id = derived_record_id(old_line);
  CHECK(is_record_id(id));
  CHECK(id == derived_record_id(old_line));  // stable
  // The same line with CRLF, or spaced out between its tokens, is the same entry: the same id.
  std::string spaced =
      R"( { "version" : 1 , "start":"2026-11-20T22:00:00Z","end":"2026-11-20T22:10:00Z",)"
      R"("held_seconds":600,"ended":"completed","note":"old"}	)";
  for (const std::string& same : {old_line + "\r", old_line + " \r", spaced})
    CHECK(derived_record_id(same) == id);
  // Whitespace inside a string is its content: another id.
  std::string other_note = old_line;
  other_note.replace(other_note.find("\"old\""), 5, "\"o ld\"");
  CHECK(derived_record_id(other_note) != id);
  // Fixed for good: MurmurHash3 x64 128 (seed 0) as its reference gives it, halves h1 h2 in hex.
  CHECK(derived_record_id("") == "00000000000000000000000000000000");
  CHECK(derived_record_id("hello") == "cbd8a7b341bd9b025b1e906a48ae1d19");
  CHECK(derived_record_id("The quick brown fox jumps over the lazy dog") ==
        "e34bbc7bbc071b6c7a433ca9c49a9347");
  Correction correction;
  correction.id = id_of(5);
  correction.corrects = id;
  correction.at = LocalTime{1795700000, 60};
  correction.changes.note = "old, corrected";
  correction.fields = {"note"};
  log.add(correction);
  CHECK(log.notes() == Notes{"old, corrected"});
  auto with_ids = legsup::testing::last_sessions(log.log, 1);
  CHECK(with_ids.front().id == id);
}

TEST_CASE("an edit after one dated the last second the log holds is refused, naming that one") {
  legsup::testing::FixedZone zone(60);
  LocalTime now{1795700000, 60};
  CHECK(edit_time(now, std::nullopt, "", zone) == now);
  CHECK(edit_time(now, now.epoch_seconds, "ab", zone).epoch_seconds == now.epoch_seconds + 1);
  std::int64_t last_second = 253402300799;  // 9999-12-31T23:59:59Z
  try {
    edit_time(now, last_second, id_of(7), zone);
    FAIL("no error");
  } catch (const Error& error) {
    CHECK(error.kind() == ErrorKind::runtime);
    std::string shown = id_of(7).substr(0, kShownIdDigits);
    CHECK(std::string(error.what()) ==
          fmt::format("the session's last edit, correction {}, is dated "
                      "9999-12-31T23:59:59+00:00, the end of what the log holds: no edit can "
                      "come after it; take it back first (legsup log rm {})",
                      shown, shown));
  }
}

TEST_CASE("log edit sets only what it is given; a new start keeps the length") {
  const Content& content = legsup::testing::builtin_content();
  legsup::testing::FixedZone zone(60);
  Record current = session(1, "note");
  LocalTime now{1795700000, 60};
  EditOptions at;
  at.at = "2026-11-24 22:00";
  Correction moved = make_edit(current, at, content, now, zone, 0, id_of(20));
  CHECK(moved.fields == std::vector<std::string>{"start", "end"});
  CHECK(moved.changes.start.rfc3339() == "2026-11-24T22:00:00+01:00");
  CHECK(moved.changes.end.epoch_seconds - moved.changes.start.epoch_seconds == 600);
  CHECK(moved.corrects == current.id);

  EditOptions longer;
  longer.minutes = "12";
  longer.record["note"] = "longer";
  Correction edited = make_edit(current, longer, content, now, zone, 0, id_of(21));
  // In the order of the record's fields, as every reader reads them back: writable.
  CHECK(edited.fields ==
        std::vector<std::string>{"end", "held_seconds", "planned_seconds", "note"});
  CHECK_FALSE(unwritable_reason(edited).has_value());
  CHECK_FALSE(unwritable_reason(moved).has_value());
  Record applied = current;
  apply_correction(applied, edited);
  CHECK(applied.held == Milliseconds(720000));
  CHECK(applied.end.epoch_seconds == current.start.epoch_seconds + 720);
  CHECK(applied.note == "longer");
  CHECK(applied.start == current.start);

  CHECK_THROWS_WITH_AS(make_edit(current, EditOptions{}, content, now, zone, 0, id_of(22)),
                       doctest::Contains("log edit needs a change"), Error);
  EditOptions bad;
  bad.record["variant"] = "handstand";
  CHECK_THROWS_WITH_AS(make_edit(current, bad, content, now, zone, 0, id_of(23)),
                       doctest::Contains("--variant: unknown variation"), Error);

  // A recent session made longer, or moved later, so that it would end after now: refused.
  Record recent = current;
  recent.start = LocalTime{now.epoch_seconds - 1200, 60};
  recent.end = LocalTime{now.epoch_seconds - 600, 60};
  EditOptions three_hours;
  three_hours.duration = "3h";
  CHECK_THROWS_WITH_AS(make_edit(recent, three_hours, content, now, zone, 0, id_of(24)),
                       doctest::Contains("the session would end at"), Error);
  EditOptions later;
  later.at = "now";
  CHECK_THROWS_WITH_AS(make_edit(recent, later, content, now, zone, 0, id_of(25)),
                       doctest::Contains("the session would end at"), Error);
  EditOptions twenty;
  twenty.minutes = "20";
  CHECK(make_edit(recent, twenty, content, now, zone, 0, id_of(26)).changes.end.epoch_seconds ==
        now.epoch_seconds);
}

namespace {

// Every entry's id, and every line, of a log.
std::set<std::string> ids_in(const SessionLog& log) {
  std::set<std::string> ids;
  log.for_each_line(
      [&](const LogLine& line) {
        if (auto entry = parse_log_line(line.text)) ids.insert(entry_id(*entry, line.text));
      },
      nullptr);
  return ids;
}

std::vector<std::string> lines_of(const SessionLog& log) {
  std::vector<std::string> lines;
  log.for_each_line([&](const LogLine& line) { lines.emplace_back(line.text); }, nullptr);
  return lines;
}

MergeCount merge(const SessionLog& into, const std::string& from,
                 std::vector<std::string>* warnings = nullptr) {
  return merge_into(into, {from},
                    [&](const std::string& warning) {
                      if (warnings) warnings->push_back(warning);
                    })
      .at(0);
}

}  // namespace

TEST_CASE("merge adds what the log lacks by id: twice adds nothing, both ways meet") {
  Log a, b;
  a.add(session(1, "a1"));
  a.add(session(2, "shared"));
  b.add(session(2, "shared"));
  b.add(session(1, "a1"));  // from an earlier merge
  b.add(session(3, "b3"));
  b.add(removal(4, 1));  // b removed a's first session: the removal travels too
  b.raw("not json at all");
  b.raw(
      R"({"version":1,"start":"2026-11-20T22:00:00Z","end":"2026-11-20T22:10:00Z","held_seconds":600,"ended":"completed","note":"old"})");

  std::vector<std::string> warnings;
  MergeCount count = merge(a.log, b.log.path(), &warnings);
  CHECK(count.added == 3);    // b3, the removal, the old line
  CHECK(count.already == 2);  // shared, a1
  CHECK(count.skipped == 1);  // the broken line
  CHECK(count.differing == 0);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].find(": line 5: skipped, not a valid record") != std::string::npos);
  // Twice, three times: nothing more.
  auto lines = lines_of(a.log);
  for (int again = 0; again < 2; ++again) {
    count = merge(a.log, b.log.path());
    CHECK(count.added == 0);
    CHECK(count.already == 5);
    CHECK(lines_of(a.log) == lines);
  }
  // And back: both hold the same entries, and read the same sessions.
  merge(b.log, a.log.path());
  CHECK(ids_in(a.log) == ids_in(b.log));
  auto sorted = [](Notes notes) {
    std::sort(notes.begin(), notes.end());
    return notes;
  };
  CHECK(sorted(a.notes()) == sorted(b.notes()));
  CHECK(sorted(a.notes()) == Notes{"b3", "old", "shared"});
}

TEST_CASE("merge goes by id, not by a line's bytes: the same entry written otherwise is there") {
  Log a, b;
  Record record = session(1, "one");
  Correction correction = edit_note(2, 1, "edited");
  a.add(record);
  a.add(correction);
  std::string old_line =
      R"({"version":1,"start":"2026-11-20T22:00:00Z","end":"2026-11-20T22:10:00Z","held_seconds":600,"ended":"completed","note":"old"})";
  a.raw(old_line);
  // The same three entries as another writer might write them: CRLF, spaces, members in another
  // order; and an old line that differs only so.
  std::string record_line = format_record_line(record);
  b.raw(record_line + "\r");
  std::string reordered = nlohmann::json::parse(format_correction_line(correction)).dump();
  CHECK(reordered.find("{\"at\":") == 0);  // nlohmann writes members in the order of their names
  for (std::size_t comma = reordered.find(','); comma != std::string::npos;
       comma = reordered.find(',', comma + 2))
    reordered.insert(comma + 1, " ");
  b.raw(reordered);
  b.raw(old_line + "  \r");
  b.raw(R"({ "version": 1, "start": "2026-11-20T22:00:00Z", "end": "2026-11-20T22:10:00Z", )"
        R"("held_seconds": 600, "ended": "completed", "note": "old" })");
  auto lines = lines_of(a.log);
  MergeCount count = merge(a.log, b.log.path());
  CHECK(count.added == 0);
  CHECK(count.already == 4);
  CHECK(count.differing == 0);
  CHECK(lines_of(a.log) == lines);
}

TEST_CASE("an entry whose id the log holds with other contents is not added, and is said") {
  Log a, b;
  a.add(session(1, "one"));
  Record other = session(1, "the same id, another note");
  b.add(other);
  b.add(session(2, "two"));
  b.add(other);  // twice in the file: said each time
  std::vector<std::string> warnings;
  auto lines = lines_of(a.log);
  MergeCount count = merge(a.log, b.log.path(), &warnings);
  CHECK(count.added == 1);
  CHECK(count.differing == 2);
  CHECK(count.already == 0);
  REQUIRE(warnings.size() == 2);
  CHECK(warnings[0] == b.log.path() + ": line 1: the log holds the id " + id_of(1) +
                           " with other contents; this line is not added");
  CHECK(a.notes() == Notes{"one", "two"});
}

TEST_CASE("an id prefix names one entry, or says why not") {
  std::vector<std::string> ids = {"3f2a9c1e0b7d11112222333344445555",
                                  "3f2b0000111122223333444455556666"};
  CHECK(*resolve_id_prefix("3f2a", ids) == ids[0]);
  CHECK(resolve_id_prefix("3f2", ids).error().find("at least 4") != std::string::npos);
  CHECK(resolve_id_prefix("3f2a9c1e0b7d11112222333344445555", ids).ok());
  CHECK(resolve_id_prefix("ffff", ids).error() == "no session or correction has the id ffff");
  std::vector<std::string> close = {"abcd0001", "abcd0002"};
  CHECK(resolve_id_prefix("abcd", close).error().find("ambiguous") != std::string::npos);
  CHECK(resolve_id_prefix("ABCD", close).ok() == false);
}

namespace {

// The sessions by start as a plain reading gives them: all in memory, sorted, ties in file order.
Notes notes_sorted_in_memory(const SessionLog& log) {
  std::vector<Record> records;
  LogReader(log, nullptr)
      .sessions([&](Record&& record) { records.push_back(std::move(record)); }, true);
  std::stable_sort(records.begin(), records.end(), [](const Record& a, const Record& b) {
    return a.start.epoch_seconds < b.start.epoch_seconds;
  });
  Notes notes;
  for (const auto& record : records)
    notes.push_back(record.note);
  return notes;
}

Notes notes_by_start(const SessionLog& log, const std::function<bool(const Record&)>& keep = {}) {
  Notes notes;
  LogReader reader(log, nullptr);
  LogSpan span = reader.whole();
  reader.sessions_by_start(span, keep, [&](Record&& record) { notes.push_back(record.note); });
  return notes;
}

Correction move_start(int n, int target, std::int64_t start) {
  Correction correction;
  correction.id = id_of(n);
  correction.corrects = id_of(target);
  correction.at = LocalTime{1795700000, 60};
  correction.changes.start = LocalTime{start, 60};
  correction.fields = {"start"};
  return correction;
}

}  // namespace

TEST_CASE("sessions by start: late ones are read back in their places, ties keep file order") {
  Log log;
  log.add(session(1, "one"));
  log.add(session(3, "three"));
  log.add(session(5, "five"));
  log.add(session(2, "two, logged by hand later"));
  Record tie = session(3, "three again, later in the file");
  tie.id = id_of(33);
  log.add(tie);
  log.add(session(0, "zero, merged from elsewhere"));
  CHECK(notes_by_start(log.log) == Notes{"zero, merged from elsewhere", "one",
                                         "two, logged by hand later", "three",
                                         "three again, later in the file", "five"});
  CHECK(notes_by_start(log.log) == notes_sorted_in_memory(log.log));
  // The filter applies to the late ones too.
  auto not_two = [](const Record& record) { return record.note.find("two") == std::string::npos; };
  CHECK(notes_by_start(log.log, not_two) == Notes{"zero, merged from elsewhere", "one", "three",
                                                  "three again, later in the file", "five"});
}

TEST_CASE("sessions by start: an edit that moves a start moves the session; removed ones go") {
  Log log;
  for (int n = 1; n <= 4; ++n)
    log.add(session(n, std::to_string(n)));
  log.add(move_start(10, 1, session(3, "").start.epoch_seconds + 60));  // 1 now after 3
  log.add(removal(11, 2));
  log.add(move_start(12, 4, session(0, "").start.epoch_seconds));  // 4 now first
  CHECK(notes_by_start(log.log) == Notes{"4", "3", "1"});
  CHECK(notes_by_start(log.log) == notes_sorted_in_memory(log.log));
}

TEST_CASE("sessions by start agree with sorting in memory, over many shuffled logs") {
  std::uint32_t seed = 12345;
  auto next = [&](std::uint32_t below) {
    seed = seed * 1664525u + 1013904223u;
    return (seed >> 8) % below;
  };
  for (int trial = 0; trial < 40; ++trial) {
    Log log;
    int count = 1 + static_cast<int>(next(30));
    for (int n = 0; n < count; ++n) {
      Record record = session(static_cast<int>(next(12)), fmt::format("s{}", n));  // ties
      record.id = id_of(1000 + n);
      log.add(record);
      if (next(6) == 0)
        log.add(move_start(5000 + n, 1000 + static_cast<int>(next(n + 1)),
                           session(static_cast<int>(next(12)), "").start.epoch_seconds));
      if (next(10) == 0) log.add(removal(9000 + n, 1000 + static_cast<int>(next(n + 1))));
    }
    INFO("trial " << trial);
    CHECK(notes_by_start(log.log) == notes_sorted_in_memory(log.log));
  }
}

namespace {

Correction edit_note_at(int n, int target, const std::string& note, std::int64_t at) {
  Correction correction = edit_note(n, target, note);
  correction.at = LocalTime{at, 60};
  return correction;
}

Correction removal_at(int n, int target, std::int64_t at) {
  Correction correction = removal(n, target);
  correction.at = LocalTime{at, 60};
  return correction;
}

// Everything a person or a program is shown of a log: the table, JSON, CSV, iCalendar, the
// statistics and a history, as one text.
std::string every_export(const SessionLog& log, const std::string& history_of) {
  const Content& content = legsup::testing::builtin_content();
  RecordView view{0, content.rating_ids()};
  LogReader reader(log, nullptr);
  std::vector<Record> sessions;
  LogSpan span = reader.whole();
  reader.sessions_by_start(span, nullptr, [&](Record&& record) { sessions.push_back(record); });
  RecordsTable table(view, true);
  StatsBuilder stats(StatsOptions{Date{20600}, std::nullopt, 0, Milliseconds(60000)});
  for (const auto& record : sessions) {
    table.measure(record);
    stats.add(record);
  }
  table.lay_out(80, true);
  std::string out = table.header(Style(false));
  for (const auto& record : sessions) {
    out += table.line(record) + json_array_item(record, view, false) +
           csv_row(record, view, false) + ics_event(record, content);
  }
  out += stats_json(stats.finish(content.rating_ids()));
  for (const auto& [entry, line] : reader.history(history_of))
    out += line + "\n";
  return out;
}

}  // namespace

TEST_CASE("two machines that edited the same sessions and merged each other read the same") {
  Log a, b;
  for (Log* machine : {&a, &b}) {
    machine->add(session(1, "one"));
    machine->add(session(2, "two"));
  }
  // Each edits the first session, a minute apart; each logs a session, both starting together.
  a.add(edit_note_at(10, 1, "one, as A had it", 1795700100));
  Record a_session = session(5, "A's");
  a_session.id = id_of(0xa0);
  a.add(a_session);
  b.add(edit_note_at(20, 1, "one, as B had it", 1795700160));
  Record b_session = session(5, "B's");
  b_session.id = id_of(0xb0);
  b.add(b_session);
  b.add(removal_at(21, 2, 1795700170));  // B removes the second session...
  merge(b.log, a.log.path());
  merge(a.log, b.log.path());
  a.add(removal_at(11, 21, 1795700200));  // ...and A, having merged, takes that back
  merge(b.log, a.log.path());
  merge(a.log, b.log.path());

  // The same lines, in another order: the same reading, byte for byte.
  CHECK(ids_in(a.log) == ids_in(b.log));
  std::string shown = every_export(a.log, id_of(1));
  CHECK(shown == every_export(b.log, id_of(1)));
  // The later edit wins on both; the session taken back is back; ties go by id.
  CHECK(shown.find("one, as B had it") != std::string::npos);
  Notes notes = a.notes();
  std::sort(notes.begin(), notes.end());
  CHECK(notes == Notes{"A's", "B's", "one, as B had it", "two"});
  CHECK(shown.find("\"note\":\"A's\"") < shown.find("\"note\":\"B's\""));
}

// After two machines merged each other, the one whose file held the older edit last took back
// that edit, which the later one had overridden: it said "Took back" and nothing changed, and
// the other machine took back the other edit.
TEST_CASE("the last change in effect is the same on two machines that merged each other") {
  Log a, b;
  for (Log* machine : {&a, &b})
    machine->add(session(1, "one"));
  a.add(edit_note_at(10, 1, "one, as A had it", 1795700100));
  b.add(edit_note_at(20, 1, "one, as B had it", 1795700160));  // later: it wins
  merge(a.log, b.log.path());
  merge(b.log, a.log.path());  // B's file now ends with A's older edit
  for (Log* machine : {&a, &b}) {
    auto last = LogReader(machine->log, nullptr).last_in_effect();
    REQUIRE(last.has_value());
    REQUIRE(last->correction.has_value());
    CHECK(last->correction->id == id_of(20));
  }
  // An older edit that sets a field the later one leaves is still in effect, and last in B's.
  b.add(edit_note_at(30, 1, "one, noted", 1795700300));
  Correction moved = move_start(31, 1, 1795600000);
  moved.at = LocalTime{1795700200, 60};
  b.add(moved);  // older than the note, but the only one to move the start
  CHECK(LogReader(b.log, nullptr).last_in_effect()->correction->id == id_of(31));
}

TEST_CASE("a correction changes only what comes before it: every reader reads it so") {
  Log log;
  log.add(edit_note(10, 1, "made before the session was written"));
  log.add(removal(11, 2));
  log.add(session(1, "one"));
  log.add(session(2, "two"));
  log.add(session(3, "three"));
  CHECK(log.notes() == Notes{"one", "two", "three"});
  CHECK(log.last_notes(2) == Notes{"two", "three"});
  CHECK(log.last_notes(3) == Notes{"one", "two", "three"});
  Notes by_start;
  LogReader reader(log.log, nullptr);
  LogSpan span = reader.whole();
  reader.sessions_by_start(span, nullptr,
                           [&](Record&& record) { by_start.push_back(record.note); });
  CHECK(by_start == Notes{"one", "two", "three"});
  // Said once, for each: it changes nothing.
  REQUIRE(log.warnings.size() == 2);
  CHECK(log.warnings[0].find("a correction names " + id_of(1) +
                             ", which comes only after it in the log") != std::string::npos);
  CHECK(log.warnings[1].find(id_of(2)) != std::string::npos);
  // After the session, the same correction applies, for every reader.
  log.add(edit_note(12, 1, "made after"));
  CHECK(log.notes()[0] == "made after");
  CHECK(log.last_notes(3)[0] == "made after");
}

TEST_CASE("a record whose id is not one the writer writes is refused by every reader") {
  std::string line = format_record_line(session(1, "one"));
  for (std::string bad :
       {std::string("hello"), std::string(), std::string(32, 'A'), std::string(33, 'a')}) {
    std::string with_bad_id = line;
    with_bad_id.replace(with_bad_id.find(id_of(1)), 32, bad);
    auto parsed = parse_log_line(with_bad_id);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error() == "\"id\" is not 32 lower-case hex digits");
  }
}

TEST_CASE("what an id prefix names: a session in effect, a removed one, a correction taken back") {
  Log log;
  log.add(session(1, "one"));
  log.add(session(2, "two"));
  log.add(removal(10, 2));
  log.add(edit_note(11, 1, "edited"));
  log.add(removal(12, 11));  // the edit, taken back
  LogReader reader(log.log, nullptr);
  auto one = reader.find(id_of(1));
  REQUIRE(one.ok());
  CHECK(one->id == id_of(1));
  REQUIRE(one->session.has_value());
  CHECK(one->session->note == "one");
  CHECK_FALSE(reader.find(id_of(2))->session.has_value());
  CHECK(reader.find(id_of(11))->correction);
  CHECK_FALSE(reader.find(id_of(11))->in_effect);
  CHECK(reader.find(id_of(12))->in_effect);
  CHECK(reader.find("0000").error().find("ambiguous: it begins 5 ids") != std::string::npos);
  CHECK(reader.find("ffff").error() == "no session or correction has the id ffff");
  CHECK(reader.find("xyz").error().find("is not an id") != std::string::npos);
}

TEST_CASE("a reader keeps its own log: one made from a temporary reads what it names") {
  Log log;
  log.add(session(1, "one"));
  // The reader holds the log itself: a reference to it would dangle here, past the end of the
  // temporary (a use after scope for the sanitizer build).
  LogReader reader(SessionLog(log.log.path()), nullptr);
  Notes notes;
  reader.sessions([&](Record&& record) { notes.push_back(record.note); }, false);
  CHECK(notes == Notes{"one"});
  CHECK(reader.find(id_of(1))->session->note == "one");
}

// log undo took back the last session added, whatever was done after it: an undo after a
// removal removed another session.
TEST_CASE("the last change in effect is the last entry, whatever it was, and a torn line is none") {
  Log log;
  LogReader reader(log.log, nullptr);
  CHECK_FALSE(reader.last_in_effect().has_value());
  log.add(session(1, "one"));
  log.add(session(2, "two"));
  auto last = reader.last_in_effect();
  REQUIRE(last.has_value());
  REQUIRE(last->record.has_value());
  CHECK(last->record->id == id_of(2));
  log.add(edit_note(10, 1, "edited"));
  last = reader.last_in_effect();
  REQUIRE(last->correction.has_value());
  CHECK(last->correction->id == id_of(10));
  log.add(removal(11, 2));
  CHECK(reader.last_in_effect()->correction->id == id_of(11));
  // An undo is a change too: the next one takes it back.
  log.add(removal(12, 11));
  CHECK(reader.last_in_effect()->correction->id == id_of(12));
  log.raw("{\"torn");
  CHECK(reader.last_in_effect()->correction->id == id_of(12));
  // A session that comes after its removal (merged late) is in effect: a correction changes what
  // comes before it.
  log.add(session(3, "three"));
  log.add(removal(13, 4));
  log.add(session(4, "four"));
  CHECK(reader.last_in_effect()->record->id == id_of(4));
}
