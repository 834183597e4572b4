#include <doctest/doctest.h>
#include <fmt/core.h>

#include <cstdlib>
#include <ctime>

#include "legsup/base/local_time.hpp"

using namespace legsup;

namespace {

// Sets TZ for one test and puts the old value back afterwards.
class ScopedTimeZone {
 public:
  explicit ScopedTimeZone(const char* zone) {
    if (const char* old = std::getenv("TZ")) old_ = old;
    ::setenv("TZ", zone, 1);
    ::tzset();
  }
  ~ScopedTimeZone() {
    if (old_) {
      ::setenv("TZ", old_->c_str(), 1);
    } else {
      ::unsetenv("TZ");
    }
    ::tzset();
  }

 private:
  std::optional<std::string> old_;
};

}  // namespace

TEST_CASE("dates convert to and from the calendar") {
  CHECK(to_date({1970, 1, 1}).days == 0);
  CHECK(to_date({2000, 3, 1}).days == 11017);
  CHECK(format_date(to_date({2024, 2, 29})) == "2024-02-29");
  CHECK(format_date(Date{-1}) == "1969-12-31");
  for (std::int64_t day = -800000; day < 800000; day += 997) {
    CHECK(to_date(to_civil(Date{day})).days == day);
  }
  CHECK(weekday_monday_first(to_date({2026, 11, 23})) == 0);  // a Monday
  CHECK(weekday_monday_first(to_date({2026, 11, 29})) == 6);
  CHECK_FALSE(parse_iso_date("2026-02-29").ok());
  CHECK_FALSE(parse_iso_date("2026-13-01").ok());
  CHECK(parse_iso_date("2024-02-29").ok());
}

TEST_CASE("RFC 3339 times keep their offset and their instant") {
  auto time = parse_rfc3339("2026-11-20T22:15:00+01:00");
  REQUIRE(time.ok());
  CHECK(time->offset_minutes == 60);
  CHECK(time->rfc3339() == "2026-11-20T22:15:00+01:00");
  CHECK(time->date() == to_date({2026, 11, 20}));
  CHECK(parse_rfc3339("2026-11-20T21:15:00Z")->epoch_seconds == time->epoch_seconds);
  CHECK(parse_rfc3339("2026-11-20 21:15:00.123z")->epoch_seconds == time->epoch_seconds);
  CHECK(parse_rfc3339("2026-11-20T20:15:00-01:00")->epoch_seconds == time->epoch_seconds);
  CHECK(parse_rfc3339("2026-11-20T23:30:00-09:30")->rfc3339() == "2026-11-20T23:30:00-09:30");
  // The ends of what the log holds, on its own clock and in UTC, written back digit for digit.
  for (const char* edge :
       {"0001-01-01T23:59:00+23:59", "9999-12-31T00:00:59-23:59", "0001-01-01T00:00:00+00:00",
        "9999-12-31T23:59:59+00:00", "0001-02-03T04:05:06+00:00", "2026-01-09T09:09:09-00:30"}) {
    CHECK(parse_rfc3339(edge)->rfc3339() == edge);
  }
  // Past them, by a second on either clock: refused, the years named, as parse_when does.
  ScopedTimeZone utc("UTC");
  SystemTimeZone zone;
  LocalTime now{1795593600, 0};
  for (const char* outside :
       {"0000-01-01T00:00:00+01:00", "0001-01-01T00:00:00+00:01", "0000-12-31T23:59:59Z",
        "9999-12-31T23:59:59-00:01", "0000-06-01T12:00:00Z"}) {
    std::string expected = fmt::format(
        "invalid time \"{}\": the log holds times in the years 0001 to 9999 only", outside);
    CHECK(parse_rfc3339(outside).error() == expected);
    CHECK(parse_when(outside, now, zone).error() == expected);
  }
  CHECK(parse_when("0000-12-31 23:00", now, zone).error() ==
        "invalid time \"0000-12-31 23:00\": the log holds times in the years 0001 to 9999 only");
  // A year of five digits is named as such, not as a form not understood.
  for (const char* past_9999 : {"10000-01-01T00:00:00Z", "10000-01-01 22:00", "123456-1-1 10pm"}) {
    CHECK(parse_when(past_9999, now, zone).error() ==
          fmt::format("invalid time \"{}\": the log holds times in the years 0001 to 9999 only",
                      past_9999));
  }
  for (const char* bad :
       {"2026-11-20", "2026-11-20T22:15", "2026-11-20T22:15:00", "2026-11-20T25:00:00Z",
        "2026-11-20T22:15:00+1:00", "x", "2026-11-20T22:15:00Z trailing"}) {
    CHECK_MESSAGE(!parse_rfc3339(bad).ok(), bad);
  }
}

TEST_CASE("the times people type are read in the local zone") {
  ScopedTimeZone zone("Europe/Berlin");
  SystemTimeZone system;
  LocalTime now = system.local(parse_rfc3339("2026-11-25T09:00:00+01:00")->epoch_seconds);
  CHECK(parse_when("22:15", now, system)->rfc3339() == "2026-11-24T22:15:00+01:00");
  CHECK(parse_when("7:05", now, system)->rfc3339() == "2026-11-25T07:05:00+01:00");
  CHECK(parse_when("yesterday 22:15", now, system)->rfc3339() == "2026-11-24T22:15:00+01:00");
  CHECK(parse_when("2026-07-01 22:15", now, system)->rfc3339() == "2026-07-01T22:15:00+02:00");
  CHECK(parse_when("2026-11-20T22:15:00Z", now, system)->rfc3339() == "2026-11-20T22:15:00+00:00");
  CHECK(parse_when("now", now, system)->epoch_seconds == now.epoch_seconds);
  for (const char* bad : {"", "25:00", "22:60", "tomorrow 22:15", "yesterday", "2026-11-31 22:15",
                          "22.15", "22:15pm"}) {
    CHECK_MESSAGE(!parse_when(bad, now, system).ok(), bad);
  }
  // 02:30 on the last Sunday of March does not exist in Berlin.
  auto skipped = parse_when("2026-03-29 02:30", now, system);
  REQUIRE_FALSE(skipped.ok());
  CHECK(skipped.error().find("the clocks skipped it") != std::string::npos);
}

TEST_CASE("days for --since and --until") {
  LocalTime now = *parse_rfc3339("2026-11-25T00:30:00+01:00");
  CHECK(format_date(*parse_day("today", now)) == "2026-11-25");
  CHECK(format_date(*parse_day("yesterday", now)) == "2026-11-24");
  CHECK(format_date(*parse_day("2026-01-31", now)) == "2026-01-31");
  CHECK_FALSE(parse_day("last week", now).ok());
}

TEST_CASE("times people say: 10pm, tonight, last night, by the night's boundary") {
  ScopedTimeZone zone("Europe/Berlin");
  SystemTimeZone system;
  // 00:30 on the 25th: still the night of the 24th when nights start at 04:00.
  LocalTime late = system.local(parse_rfc3339("2026-11-25T00:30:00+01:00")->epoch_seconds);
  constexpr int kFour = 4 * 60;
  CHECK(parse_when("23:30", late, system, kFour)->rfc3339() == "2026-11-24T23:30:00+01:00");
  CHECK(parse_when("00:10", late, system, kFour)->rfc3339() == "2026-11-25T00:10:00+01:00");
  CHECK(parse_when("10pm", late, system, kFour)->rfc3339() == "2026-11-24T22:00:00+01:00");
  CHECK(parse_when("10:30pm", late, system, kFour)->rfc3339() == "2026-11-24T22:30:00+01:00");
  CHECK(parse_when("10:30 PM", late, system, kFour)->rfc3339() == "2026-11-24T22:30:00+01:00");
  CHECK(parse_when("12am", late, system, kFour)->rfc3339() == "2026-11-25T00:00:00+01:00");
  CHECK(parse_when("tonight 23:30", late, system, kFour)->rfc3339() == "2026-11-24T23:30:00+01:00");
  CHECK(parse_when("last night 23:30", late, system, kFour)->rfc3339() ==
        "2026-11-23T23:30:00+01:00");
  CHECK(parse_when("last night 1am", late, system, kFour)->rfc3339() ==
        "2026-11-24T01:00:00+01:00");
  // "yesterday" and "today" stay calendar days.
  CHECK(parse_when("yesterday 10pm", late, system, kFour)->rfc3339() ==
        "2026-11-24T22:00:00+01:00");
  // A time of day is the last time the clock showed it, whatever the boundary.
  CHECK(parse_when("23:30", late, system, 0)->rfc3339() == "2026-11-24T23:30:00+01:00");
  for (const char* bad : {"13pm", "0am", "10:60pm", "pm", "last night", "tonight"}) {
    auto parsed = parse_when(bad, late, system, kFour);
    REQUIRE_MESSAGE(!parsed.ok(), bad);
    CHECK(parsed.error().find("22:15, 10pm or 10:30pm (the last time the clock showed it); "
                              "today 22:15, yesterday 10pm, tonight 23:30 or last night 23:30") !=
          std::string::npos);
  }
}

TEST_CASE("nights: before the boundary belongs to the evening, on the clock it was read on") {
  LocalTime half_past_midnight = *parse_rfc3339("2026-11-25T00:30:00+01:00");
  CHECK(format_date(night_of(half_past_midnight, 4 * 60)) == "2026-11-24");
  CHECK(format_date(night_of(half_past_midnight, 0)) == "2026-11-25");
  CHECK(format_date(night_of(*parse_rfc3339("2026-11-25T04:00:00+01:00"), 4 * 60)) == "2026-11-25");
  // "today" and "yesterday" for --since are nights too.
  CHECK(format_date(*parse_day("today", half_past_midnight, 4 * 60)) == "2026-11-24");
  CHECK(format_date(*parse_day("yesterday", half_past_midnight, 4 * 60)) == "2026-11-23");
  CHECK(*parse_time_of_day("04:00") == 240);
  // H:MM as --at reads it: "4:00" is 04:00, as a typed time would be.
  CHECK(*parse_time_of_day("4:00") == 240);
  CHECK(*parse_time_of_day("9:05") == 545);
  for (const char* bad : {"24:00", "4:0", "4:60", "04:00:00", "4.00", ":400", "400", "04:0a"}) {
    auto parsed = parse_time_of_day(bad);
    REQUIRE_MESSAGE(!parsed.ok(), bad);
    CHECK(parsed.error() == fmt::format("invalid time of day \"{}\": expected H:MM or HH:MM from "
                                        "0:00 to 23:59, such as 4:00 or 21:30",
                                        bad));
  }
}

// At 15:54, "10pm" was refused as in the future: it meant tonight's.
TEST_CASE("a time of day is the last time the clock showed it") {
  ScopedTimeZone zone("Europe/Berlin");
  SystemTimeZone system;
  LocalTime now = system.local(parse_rfc3339("2026-11-25T15:54:00+01:00")->epoch_seconds);
  for (int day_starts : {0, 4 * 60}) {
    CHECK(parse_when("10pm", now, system, day_starts)->rfc3339() == "2026-11-24T22:00:00+01:00");
    CHECK(parse_when("15:54", now, system, day_starts)->rfc3339() == "2026-11-25T15:54:00+01:00");
    CHECK(parse_when("15:55", now, system, day_starts)->rfc3339() == "2026-11-24T15:55:00+01:00");
    CHECK(parse_when("3am", now, system, day_starts)->rfc3339() == "2026-11-25T03:00:00+01:00");
    CHECK(parse_when("0:00", now, system, day_starts)->rfc3339() == "2026-11-25T00:00:00+01:00");
  }
  // "tonight" and "today" still name this evening, which is to come.
  CHECK(parse_when("tonight 10pm", now, system, 4 * 60)->rfc3339() == "2026-11-25T22:00:00+01:00");
  CHECK(parse_when("last night 10pm", now, system, 4 * 60)->rfc3339() ==
        "2026-11-24T22:00:00+01:00");
}

// "2026-11-1 22:30" was refused: only zero-padded dates were read.
TEST_CASE("dates as people type them, and as date -d reads them") {
  ScopedTimeZone zone("Europe/Berlin");
  SystemTimeZone system;
  LocalTime now = system.local(parse_rfc3339("2026-11-25T09:00:00+01:00")->epoch_seconds);
  for (const char* typed :
       {"2026-11-1 22:30", "2026-11-01 22:30", "2026-11-1T22:30", "2026-11-01t22:30:00",
        "2026/11/1 22:30", "2026/11/01 10:30pm", "20261101 22:30", "1 Nov 2026 22:30",
        "1 november 2026 10:30 PM", "Nov 1 2026 22:30", "Nov 1, 2026 22:30", "NOV 1,2026 22:30",
        "November 1, 2026 10:30pm", "1-Nov-2026 22:30", "2026-11-1  22:30", "Nov 1 22:30",
        "1 Nov 22:30"}) {
    auto parsed = parse_when(typed, now, system);
    REQUIRE_MESSAGE(parsed.ok(), typed, ": ", parsed.error());
    CHECK_MESSAGE(parsed->rfc3339() == "2026-11-01T22:30:00+01:00", typed);
  }
  CHECK(parse_when("2026-7-1 22:15", now, system)->rfc3339() == "2026-07-01T22:15:00+02:00");
  CHECK(parse_when("Sept 9 2026 9pm", now, system)->rfc3339() == "2026-09-09T21:00:00+02:00");
  // Without a year: the last such day whose time has come.
  CHECK(parse_when("Dec 24 20:00", now, system)->rfc3339() == "2025-12-24T20:00:00+01:00");
  CHECK(parse_when("Nov 25 08:00", now, system)->rfc3339() == "2026-11-25T08:00:00+01:00");
  CHECK(parse_when("Nov 25 10:00", now, system)->rfc3339() == "2025-11-25T10:00:00+01:00");
  CHECK(parse_when("29 Feb 22:00", now, system)->rfc3339() == "2024-02-29T22:00:00+01:00");
  // Refused, each naming what would be valid.
  for (const char* bad :
       {"2026-11-1", "2026-13-1 22:30", "2026-2-30 22:30", "26-11-1 22:30", "1.11.2026 22:30",
        "Nov 31 2026 22:30", "Foo 1 2026 22:30", "2026-11-1 22:30 extra", "1 Nov 26 22:30",
        "2026-11-111 22:30", "02026-11-1 22:30", "1 2 2026 22:30", "Nov 2026 22:30",
        "2026-11-1 25:00", "2026-11-1T", "T22:30", "Nov -1 22:30", "Nov +1 22:30"}) {
    auto parsed = parse_when(bad, now, system);
    REQUIRE_MESSAGE(!parsed.ok(), bad);
    CHECK_MESSAGE(parsed.error().find("2026-11-1 22:30, 2026/11/01 10pm, 1 Nov 2026 22:30") !=
                      std::string::npos,
                  parsed.error());
  }
  // Slashes with the month or the day first read otherwise in other countries.
  for (const char* either : {"11/1/2026 22:30", "1/11 22:30", "01/11/2026 10pm"}) {
    auto parsed = parse_when(either, now, system);
    REQUIRE_MESSAGE(!parsed.ok(), either);
    CHECK(parsed.error().find("give the year first (2026/11/01, 2026-11-1) or the month's name") !=
          std::string::npos);
  }
  // --since and --until take the same dates.
  for (const char* typed : {"2026-11-1", "2026/11/01", "1 Nov 2026", "Nov 1, 2026", "Nov 1"}) {
    auto day = parse_day(typed, now);
    REQUIRE_MESSAGE(day.ok(), typed);
    CHECK(format_date(*day) == "2026-11-01");
  }
  CHECK(format_date(*parse_day("Dec 24", now)) == "2025-12-24");
  CHECK(parse_day("11/1/2026", now).error().find("give the year first") != std::string::npos);
  CHECK(parse_day("2026-11-31", now).error().find("expected today, yesterday or a date: ") !=
        std::string::npos);
}

TEST_CASE("where the clocks change: a skipped time is refused, a repeated one is the last past") {
  ScopedTimeZone zone("Europe/Berlin");
  SystemTimeZone system;
  auto at = [&](const char* rfc3339) {
    return system.local(parse_rfc3339(rfc3339)->epoch_seconds);
  };
  // 2026-03-29: 02:00 becomes 03:00.
  Date spring = to_date({2026, 3, 29});
  CHECK(system.instants_of(spring, 2 * 3600 + 1800).empty());
  CHECK(system.instants_of(spring, 3600).size() == 1);
  LocalTime after_spring = at("2026-03-29T10:00:00+02:00");
  for (const char* skipped : {"2:30", "2026-3-29 02:30", "today 2:30am", "Mar 29 2:30"}) {
    auto parsed = parse_when(skipped, after_spring, system);
    REQUIRE_MESSAGE(!parsed.ok(), skipped);
    CHECK(parsed.error().find("the clocks skipped it") != std::string::npos);
  }
  CHECK(parse_when("3:30", after_spring, system)->rfc3339() == "2026-03-29T03:30:00+02:00");
  CHECK(parse_when("1:30", after_spring, system)->rfc3339() == "2026-03-29T01:30:00+01:00");
  // Before the change, 02:30 today is still to come: yesterday's is the last.
  CHECK(parse_when("2:30", at("2026-03-29T01:45:00+01:00"), system)->rfc3339() ==
        "2026-03-28T02:30:00+01:00");

  // 2026-10-25: 03:00 becomes 02:00 again; 02:00 to 02:59 come twice.
  Date autumn = to_date({2026, 10, 25});
  auto twice = system.instants_of(autumn, 2 * 3600 + 1800);
  REQUIRE(twice.size() == 2);
  CHECK(twice[1] - twice[0] == 3600);
  CHECK(system.local(twice[0]).rfc3339() == "2026-10-25T02:30:00+02:00");
  CHECK(system.local(twice[1]).rfc3339() == "2026-10-25T02:30:00+01:00");
  // The later of the two, once it has come.
  LocalTime morning = at("2026-10-25T10:00:00+01:00");
  CHECK(parse_when("2:30", morning, system)->rfc3339() == "2026-10-25T02:30:00+01:00");
  CHECK(parse_when("2026-10-25 2:30", morning, system)->rfc3339() == "2026-10-25T02:30:00+01:00");
  // In the second pass, before its 02:30: the first pass's, an hour earlier.
  LocalTime second_pass = at("2026-10-25T02:20:00+01:00");
  CHECK(parse_when("2:30", second_pass, system)->rfc3339() == "2026-10-25T02:30:00+02:00");
  CHECK(parse_when("2:10", second_pass, system)->rfc3339() == "2026-10-25T02:10:00+01:00");
  // In the first pass: what has come of it, else yesterday's.
  LocalTime first_pass = at("2026-10-25T02:40:00+02:00");
  CHECK(parse_when("2:30", first_pass, system)->rfc3339() == "2026-10-25T02:30:00+02:00");
  CHECK(parse_when("2:50", first_pass, system)->rfc3339() == "2026-10-24T02:50:00+02:00");
  // A zone of one offset has one instant for every time.
  struct Fixed : TimeZone {
    int offset_minutes_at(std::int64_t) const override { return 330; }
  } fixed;
  CHECK(fixed.instants_of(autumn, 2 * 3600 + 1800) ==
        std::vector<std::int64_t>{autumn.days * 86400 + 2 * 3600 + 1800 - 330 * 60});
}

namespace {

// A zone whose clocks move at one instant: `before` minutes from UTC until it, `after` from it.
class ChangingZone : public TimeZone {
 public:
  ChangingZone(std::int64_t change, int before, int after)
      : change_(change), before_(before), after_(after) {}
  int offset_minutes_at(std::int64_t epoch_seconds) const override {
    return epoch_seconds < change_ ? before_ : after_;
  }

 private:
  std::int64_t change_;
  int before_, after_;
};

}  // namespace

TEST_CASE("hours of the day: across midnight, never empty, overlapping or not") {
  auto night = *parse_time_window("21:00-04:00");
  CHECK(night == TimeWindow{21 * 60, 4 * 60});
  CHECK(night.text() == "21:00-04:00");
  auto at = [](int hours, int minutes) { return LocalTime{hours * 3600 + minutes * 60, 0}; };
  CHECK(night.contains(at(21, 0)));
  CHECK(night.contains(at(23, 59)));
  CHECK(night.contains(at(0, 0)));
  CHECK(night.contains(at(3, 59)));
  CHECK_FALSE(night.contains(at(4, 0)));  // the end is not in it
  CHECK_FALSE(night.contains(at(20, 59)));
  CHECK_FALSE(night.contains(at(12, 0)));
  auto day = *parse_time_window("04:00-21:00");
  CHECK(day.contains(at(4, 0)));
  CHECK_FALSE(day.contains(at(21, 0)));
  CHECK_FALSE(day.overlaps(night));
  CHECK_FALSE(night.overlaps(day));
  CHECK(night.overlaps(*parse_time_window("03:59-05:00")));
  CHECK(parse_time_window("22:00-23:00")->overlaps(night));
  CHECK(night.overlaps(*parse_time_window("22:00-23:00")));
  // Either end H:MM, as --at reads a time of day; a bad end is named.
  CHECK(*parse_time_window("4:00-5:00") == TimeWindow{4 * 60, 5 * 60});
  CHECK(*parse_time_window("21:00-4:00") == night);
  CHECK(parse_time_window("21:00-24:00")
            .error()
            .find("\"24:00\" is not a time of day: H:MM or HH:MM from 0:00 to 23:59") !=
        std::string::npos);
  for (const char* bad : {"", "21:00", "21:00-21:00", "21:00-24:00", "9:0-10:00", "21:00 - 04:00",
                          "21:00-04:00-05:00"}) {
    auto parsed = parse_time_window(bad);
    REQUIRE_MESSAGE(!parsed.ok(), bad);
    CHECK(parsed.error().find("(expected HH:MM-HH:MM, such as 21:00-04:00)") != std::string::npos);
  }
  CHECK(parse_time_window("21:00-21:00").error().find("the window is empty") != std::string::npos);
}

TEST_CASE("hours of the day follow the local clock on the nights the clocks change") {
  // 2026-03-29, Europe/Berlin: at 01:00 UTC the clocks go from 02:00 to 03:00.
  const std::int64_t spring = 1774746000;
  ChangingZone forward(spring, 60, 120);
  auto window = *parse_time_window("02:00-03:00");
  auto night = *parse_time_window("21:00-04:00");
  // The hour from 02:00 never comes that night: no instant is in it, the night's window holds on.
  for (std::int64_t t = spring - 7200; t < spring + 3600; t += 60) {  // 00:00 to 03:59
    CHECK_FALSE(window.contains(forward.local(t)));
    CHECK(night.contains(forward.local(t)));
  }
  CHECK(format_hhmm(forward.local(spring - 60)) == "01:59");
  CHECK(format_hhmm(forward.local(spring)) == "03:00");
  // 2026-10-25: at 01:00 UTC the clocks go back from 03:00 to 02:00; 02:00 to 03:00 comes twice,
  // and the window holds both times: two hours of real time.
  const std::int64_t autumn = 1792890000;
  ChangingZone back(autumn, 120, 60);
  int minutes_in = 0;
  for (std::int64_t t = autumn - 4 * 3600; t < autumn + 4 * 3600; t += 60)
    minutes_in += window.contains(back.local(t)) ? 1 : 0;
  CHECK(minutes_in == 120);
  CHECK(window.contains(back.local(autumn - 60)));  // 02:59, the first time
  CHECK(window.contains(back.local(autumn)));       // 02:00, the second time
}
