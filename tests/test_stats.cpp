#include <doctest/doctest.h>
#include <fmt/core.h>

#include <nlohmann/json.hpp>

#include "legsup/log/stats.hpp"

using namespace legsup;

namespace {

Record session(const char* start, double minutes, const char* variant = nullptr) {
  Record record;
  record.start = *parse_rfc3339(start);
  record.end = record.start;
  record.end.epoch_seconds += static_cast<std::int64_t>(minutes * 60);
  record.held = record.planned = Milliseconds(std::llround(minutes * 60000));
  if (variant) record.variant = variant;
  return record;
}

Date day(const char* text) {
  return *parse_iso_date(text);
}

// With nights that start at midnight (the calendar date) and no minimum, unless asked.
Stats stats_of(const char* today, const std::vector<Record>& records,
               std::optional<Date> since = std::nullopt, int day_starts_minutes = 0,
               Milliseconds minimum = Milliseconds(0)) {
  StatsBuilder builder({day(today), since, day_starts_minutes, minimum});
  for (const auto& record : records)
    builder.add(record);
  return builder.finish({"stress", "legs"});
}

}  // namespace

TEST_CASE("totals, averages and completed sessions") {
  auto early = session("2026-11-20T22:00:00+01:00", 4);
  early.ending = Ending::ended_early;
  Stats stats = stats_of("2026-11-25", {session("2026-11-19T22:00:00+01:00", 10), early,
                                        session("2026-11-24T22:00:00+01:00", 16, "bed")});
  CHECK(stats.sessions == 3);
  CHECK(stats.completed == 2);
  CHECK(stats.total_minutes == doctest::Approx(30));
  CHECK(stats.average_minutes == doctest::Approx(10));
  CHECK(stats.last_7_days_sessions == 3);  // the 19th is 6 days before the 25th
  CHECK(stats.by_variation.at("bed") == 1);
  CHECK(stats.by_variation.at("none") == 2);
}

TEST_CASE("the last 7 and 30 days count back from today") {
  Stats stats = stats_of("2026-11-25", {session("2026-11-18T22:00:00Z", 5),  // 7 days ago
                                        session("2026-11-19T22:00:00Z", 6),  // 6 days ago
                                        session("2026-10-26T22:00:00Z", 7),  // 30 days ago
                                        session("2026-10-27T22:00:00Z", 8)});
  CHECK(stats.last_7_days_sessions == 1);
  CHECK(stats.last_7_days_minutes == doctest::Approx(6));
  CHECK(stats.last_30_days_sessions == 3);
  CHECK(stats.last_30_days_minutes == doctest::Approx(19));
}

TEST_CASE("streaks: today without a session does not break the current streak") {
  std::vector<Record> records = {session("2026-11-22T22:00:00Z", 10),
                                 session("2026-11-23T22:00:00Z", 10),
                                 session("2026-11-24T22:00:00Z", 10)};
  CHECK(stats_of("2026-11-25", records).current_streak_days == 3);
  CHECK(stats_of("2026-11-24", records).current_streak_days == 3);
  CHECK(stats_of("2026-11-26", records).current_streak_days == 0);
  CHECK(stats_of("2026-11-26", records).longest_streak_days == 3);
}

TEST_CASE("streaks: the longest run survives a gap, two sessions on a day count once") {
  Stats stats = stats_of("2026-11-30",
                         {session("2026-11-01T21:00:00Z", 5), session("2026-11-02T21:00:00Z", 5),
                          session("2026-11-02T22:00:00Z", 5), session("2026-11-03T21:00:00Z", 5),
                          session("2026-11-05T21:00:00Z", 5), session("2026-11-30T07:00:00Z", 5)});
  CHECK(stats.longest_streak_days == 3);
  CHECK(stats.current_streak_days == 1);
}

TEST_CASE("streaks: sessions either side of midnight fall on two days") {
  Stats stats = stats_of("2026-11-21", {session("2026-11-20T23:50:00+01:00", 15),
                                        session("2026-11-21T00:10:00+01:00", 15)});
  CHECK(stats.current_streak_days == 2);
  CHECK(stats.days.at(day("2026-11-20")) == doctest::Approx(15));
}

TEST_CASE("streaks: month and year ends are consecutive days") {
  Stats stats = stats_of("2027-01-01",
                         {session("2026-02-28T22:00:00Z", 10), session("2026-03-01T22:00:00Z", 10),
                          session("2026-12-30T22:00:00Z", 10), session("2026-12-31T22:00:00Z", 10),
                          session("2027-01-01T08:00:00Z", 10)});
  CHECK(stats.current_streak_days == 3);
  CHECK(stats.longest_streak_days == 3);
}

TEST_CASE("streaks: a daylight saving change does not break a streak") {
  // Berlin moved its clocks forward on 2026-03-29: the offset changes from +01:00 to +02:00.
  Stats stats = stats_of("2026-03-30", {session("2026-03-28T22:30:00+01:00", 10),
                                        session("2026-03-29T22:30:00+02:00", 10),
                                        session("2026-03-30T22:30:00+02:00", 10)});
  CHECK(stats.current_streak_days == 3);
  // And back on 2026-10-25, a 25-hour day.
  Stats autumn = stats_of("2026-10-26", {session("2026-10-24T23:30:00+02:00", 10),
                                         session("2026-10-25T23:30:00+01:00", 10),
                                         session("2026-10-26T00:30:00+01:00", 10)});
  CHECK(autumn.current_streak_days == 3);
}

TEST_CASE("streaks: each session counts on the date of the clock it was recorded on") {
  // A flight from New York to Berlin: the evening in New York, the next evening in Berlin.
  Stats stats = stats_of("2026-11-21", {session("2026-11-19T22:00:00-05:00", 10),
                                        session("2026-11-20T22:00:00-05:00", 10),
                                        session("2026-11-21T22:00:00+01:00", 10)});
  CHECK(stats.current_streak_days == 3);
  // 22:00 in New York on the 20th is already the 21st in UTC; it still counts on the 20th.
  CHECK(stats.days.at(day("2026-11-20")) == doctest::Approx(10));
}

TEST_CASE("--since leaves earlier sessions out of every figure") {
  Stats stats = stats_of("2026-11-25",
                         {session("2026-11-10T22:00:00Z", 10), session("2026-11-24T22:00:00Z", 5)},
                         day("2026-11-20"));
  CHECK(stats.sessions == 1);
  CHECK(stats.total_minutes == doctest::Approx(5));
}

TEST_CASE("ratings: averages before and after, and the average change of paired sessions") {
  auto a = session("2026-11-20T22:00:00Z", 10);
  a.before = {{"stress", 8}, {"legs", 6}};
  a.after = {{"stress", 4}};
  auto b = session("2026-11-21T22:00:00Z", 10);
  b.before = {{"stress", 6}};
  b.after = {{"stress", 3}, {"legs", 2}};
  Stats stats = stats_of("2026-11-25", {a, b});
  const auto& stress = stats.ratings.at("stress");
  CHECK(*stress.before == doctest::Approx(7));
  CHECK(*stress.after == doctest::Approx(3.5));
  CHECK(*stress.change == doctest::Approx(-3.5));
  const auto& legs = stats.ratings.at("legs");
  CHECK(*legs.before == doctest::Approx(6));
  CHECK(*legs.after == doctest::Approx(2));
  CHECK_FALSE(legs.change.has_value());  // no session has both
  auto json = nlohmann::ordered_json::parse(stats_json(stats));
  CHECK(json["ratings"]["stress"]["change"] == -3.5);
  CHECK(json["ratings"]["stress"]["rated"] == 2);
  CHECK(json["ratings"]["legs"]["rated"] == 2);
  CHECK(json["ratings"]["legs"]["change"].is_null());
}

TEST_CASE("the JSON holds the documented figures and every day of the calendar") {
  Stats stats = stats_of("2026-11-25", {session("2026-11-24T22:00:00Z", 12.5)});
  auto json = nlohmann::ordered_json::parse(stats_json(stats));
  for (const char* key : {"sessions", "total_minutes", "average_minutes", "completed",
                          "current_streak_days", "longest_streak_days", "ratings", "days"}) {
    CHECK_MESSAGE(json.contains(key), key);
  }
  // 11 whole weeks before this one (from Monday 2026-09-07), and this week up to Wednesday.
  CHECK(json["days"].size() == 11 * 7 + 3);
  CHECK(json["days"].begin().key() == "2026-09-07");
  CHECK(json["days"]["2026-11-24"] == 12.5);
  CHECK(json["days"]["2026-11-25"] == 0);
}

TEST_CASE("the calendar draws weeks as columns and weekdays as rows") {
  // Today is Wednesday 2026-11-25; the first column is the week of Monday 2026-09-07.
  Stats stats = stats_of(
      "2026-11-25", {session("2026-09-07T22:00:00Z", 3), session("2026-09-08T22:00:00Z", 7),
                     session("2026-11-23T22:00:00Z", 12), session("2026-11-25T07:00:00Z", 25)});
  auto lines = render_calendar(stats, Style(false));
  REQUIRE(lines.size() == 10);
  CHECK(lines[0] == "    Sep   Oct     Nov");  // over the weeks holding the 1st
  CHECK(lines[1] == "Mon - . . . . . . . . . . *");
  CHECK(lines[2] == "Tue + . . . . . . . . . . .");
  CHECK(lines[3] == "Wed . . . . . . . . . . . #");
  CHECK(lines[4] == "Thu . . . . . . . . . . .");  // Thursday of this week is still to come
  CHECK(lines[8].find("less . - + * # more") != std::string::npos);
  for (const auto& line : lines)
    CHECK(line.find('\x1b') == std::string::npos);
  auto coloured = render_calendar(stats, Style(true));
  CHECK(coloured[1].find("\x1b[38;5;") != std::string::npos);
}

TEST_CASE("the calendar's key wraps at spaces under the cells at 40 columns and keeps its indent") {
  Stats stats = stats_of("2026-11-25", {session("2026-11-23T22:00:00Z", 12)});
  auto lines = render_calendar(stats, Style(false), 40);
  REQUIRE(lines.size() == 11);
  CHECK(lines[9] == "    (none, under 5, 10, 20 minutes, then");
  CHECK(lines[10] == "    20 or more)");
  auto coloured = render_calendar(stats, Style(true), 30);
  CHECK(coloured.back().rfind("    \x1b[2m", 0) == 0);  // the indent, then the muted words
}

TEST_CASE("calendar shades step at 5, 10 and 20 minutes") {
  CHECK(calendar_level(0) == 0);
  CHECK(calendar_level(0.5) == 1);
  CHECK(calendar_level(5) == 2);
  CHECK(calendar_level(9.99) == 2);
  CHECK(calendar_level(10) == 3);
  CHECK(calendar_level(20) == 4);
}

TEST_CASE("the night, not the date: a session before the day starts counts for the evening") {
  // Twelve nights in a row, each at 00:30: with nights starting at 04:00, an unbroken streak.
  std::vector<Record> late;
  for (int night = 10; night <= 21; ++night) {
    late.push_back(session(fmt::format("2026-11-{}T00:30:00+01:00", night + 1).c_str(), 10));
  }
  Stats stats = stats_of("2026-11-21", late, std::nullopt, 4 * 60);
  CHECK(stats.current_streak_days == 12);
  CHECK(stats.longest_streak_days == 12);
  CHECK(stats.days.at(day("2026-11-21")) == doctest::Approx(10));  // 00:30 on the 22nd
  CHECK(stats.days.count(day("2026-11-22")) == 0);
  // A boundary of 00:00 is the calendar date, as before.
  Stats midnight = stats_of("2026-11-22", late, std::nullopt, 0);
  CHECK(midnight.days.at(day("2026-11-22")) == doctest::Approx(10));
  CHECK(midnight.days.at(day("2026-11-11")) == doctest::Approx(10));
}

TEST_CASE("the night across daylight saving changes and travel") {
  // Berlin springs forward on 2026-03-29 at 02:00 and falls back on 2026-10-25 at 03:00: a
  // session at 01:30 local time belongs to the evening before, whatever the offset.
  Stats spring =
      stats_of("2026-03-29",
               {session("2026-03-28T23:00:00+01:00", 10), session("2026-03-29T01:30:00+01:00", 10),
                session("2026-03-30T03:30:00+02:00", 10)},
               std::nullopt, 4 * 60);
  CHECK(spring.days.at(day("2026-03-28")) == doctest::Approx(20));
  CHECK(spring.days.at(day("2026-03-29")) == doctest::Approx(10));
  CHECK(spring.current_streak_days == 2);
  Stats autumn = stats_of("2026-10-25",
                          {session("2026-10-25T02:30:00+02:00", 10),  // before the change
                           session("2026-10-25T02:30:00+01:00", 10),  // the same hour again
                           session("2026-10-25T22:00:00+01:00", 10)},
                          std::nullopt, 4 * 60);
  CHECK(autumn.days.at(day("2026-10-24")) == doctest::Approx(20));
  CHECK(autumn.days.at(day("2026-10-25")) == doctest::Approx(10));
  // Travel: 23:00 in New York, then 01:00 the next night in Berlin (that night's evening).
  Stats travel =
      stats_of("2026-11-21",
               {session("2026-11-19T23:00:00-05:00", 10), session("2026-11-21T01:00:00+01:00", 10)},
               std::nullopt, 4 * 60);
  CHECK(travel.days.at(day("2026-11-19")) == doctest::Approx(10));
  CHECK(travel.days.at(day("2026-11-20")) == doctest::Approx(10));
  CHECK(travel.current_streak_days == 2);
}

TEST_CASE("a night counts toward the streak and the calendar only when the minimum was held") {
  auto brief = session("2026-11-24T22:00:00Z", 0);  // q during the settle-in: nothing held
  Stats stats =
      stats_of("2026-11-25",
               {session("2026-11-23T22:00:00Z", 10), brief, session("2026-11-25T22:00:00Z", 0.5)},
               std::nullopt, 0, Milliseconds(60000));
  CHECK(stats.sessions == 3);             // still counted as sessions...
  CHECK(stats.current_streak_days == 0);  // ...but the 24th and 25th do not count
  CHECK(stats.longest_streak_days == 1);
  CHECK(stats.days.at(day("2026-11-24")) == 0);
  CHECK(stats.days.at(day("2026-11-25")) == 0);
}

TEST_CASE("each scale's change a week, over the calendar's weeks") {
  auto a = session("2026-11-17T22:00:00Z", 10);  // the week of Monday the 16th
  a.before = {{"stress", 8}};
  a.after = {{"stress", 4}};
  auto b = session("2026-11-24T22:00:00Z", 10);  // this week
  b.before = {{"stress", 6}};
  b.after = {{"stress", 5}};
  Stats stats = stats_of("2026-11-25", {a, b});
  const auto& weekly = stats.ratings.at("stress").weekly_change;
  REQUIRE(weekly.size() == kCalendarWeeks);
  CHECK(*weekly[10] == doctest::Approx(-4));
  CHECK(*weekly[11] == doctest::Approx(-1));
  CHECK_FALSE(weekly[9].has_value());
  CHECK(trend_bars(weekly) ==
        "\u00b7\u00b7\u00b7\u00b7\u00b7\u00b7\u00b7\u00b7\u00b7\u00b7\u2581\u2588");
  CHECK(stats.ratings.at("legs").rated == 0);  // a scale of the content, never rated
  std::string text = render(stats_document(stats, true), 100, Style(false));
  CHECK(text.find("change a week, 12 weeks:") != std::string::npos);
  CHECK(render(stats_document(stats, false), 100, Style(false)).find("change a week") ==
        std::string::npos);
}

TEST_CASE("each figure can be read alone, and the JSON rounds to two decimals") {
  auto a = session("2026-11-24T22:00:00Z", 5.02);
  auto b = session("2026-11-24T23:00:00Z", 821.53);
  Stats stats = stats_of("2026-11-25", {a, b});
  std::map<std::string, std::string> figures;
  for (const auto& figure : stats_figures(stats))
    figures[figure.name] = figure.value;
  CHECK(figures.at("sessions") == "2");
  CHECK(figures.at("total-minutes") == "826.55");
  CHECK(figures.at("streak") == "1");
  std::string json = stats_json(stats);
  CHECK(json.find("826.55") != std::string::npos);
  CHECK(json.find("826.5500") == std::string::npos);
}

// Found when a log naming a million scales or variations (merged from elsewhere) kept stats busy
// for hours: each session searched a list of every name seen before it. Before the fix this test
// outlived CTest's patience; now each name is found by its hash.
TEST_CASE("a log of many scales and variations is counted in time that grows with the log") {
  constexpr int kNames = 200000;
  StatsBuilder builder({day("2026-11-25"), std::nullopt, 0, Milliseconds(0)});
  for (int i = 0; i < kNames; ++i) {
    std::string name = fmt::format("n{}", i);
    Record record = session("2026-11-20T22:00:00+01:00", 10, name.c_str());
    record.before[name] = 6;
    record.after[name] = 3;
    builder.add(record);
  }
  Stats stats = builder.finish({"stress"});
  CHECK(stats.by_variation.size() == static_cast<std::size_t>(kNames));
  CHECK(stats.by_variation.at("n199999") == 1);
  CHECK(stats.ratings.size() == static_cast<std::size_t>(kNames) + 1);
  CHECK(stats.ratings.at("n7").change == doctest::Approx(-3));
}
