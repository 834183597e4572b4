#include <doctest/doctest.h>

#include "legsup/base/duration.hpp"

using legsup::format_clock;
using legsup::format_duration;
using legsup::format_elapsed;
using legsup::hold_from_options;
using legsup::Milliseconds;
using legsup::parse_duration;
using legsup::parse_minutes;
using namespace std::chrono_literals;

TEST_CASE("durations in the forms people type") {
  CHECK(*parse_duration("90s") == 90s);
  CHECK(*parse_duration("10m") == 10min);
  CHECK(*parse_duration("1m30s") == 90s);
  CHECK(*parse_duration("1h") == 1h);
  CHECK(*parse_duration("1h5m") == 65min);
  CHECK(*parse_duration("1.5m") == 90s);
  CHECK(*parse_duration("0") == 0s);
  CHECK(*parse_duration("0s") == 0s);
  CHECK(*parse_duration("10M") == 10min);
}

TEST_CASE("malformed durations are refused with the reason and examples") {
  for (const char* bad : {"", "10", "-5m", "m", "5x", "1s1m", "5m5m", "nan", "inf", "1e3s", "5 m",
                          "+5m", "1..5m", "10m ", "99999999999999999999999h"}) {
    auto parsed = parse_duration(bad);
    CHECK_MESSAGE(!parsed.ok(), bad);
    if (!parsed.ok()) CHECK(parsed.error().find("examples: 90s, 10m") != std::string::npos);
  }
  CHECK(parse_duration("10").error().find("no unit") != std::string::npos);
}

TEST_CASE("minutes take decimals and nothing else") {
  CHECK(*parse_minutes("10") == 10min);
  CHECK(*parse_minutes("2.5") == 150s);
  CHECK(*parse_minutes("0.01") == 600ms);
  for (const char* bad : {"", "-1", "ten", "nan", "inf", "1e2", "10m", "1,5"}) {
    CHECK_MESSAGE(!parse_minutes(bad).ok(), bad);
  }
}

TEST_CASE("durations print in the shortest form the parser reads back") {
  CHECK(format_duration(90s) == "1m30s");
  CHECK(format_duration(65min) == "1h5m");
  CHECK(format_duration(0s) == "0s");
  CHECK(format_duration(1499ms) == "1s");
  for (auto duration : {1s, 59s, 61s, 3600s, 3661s, 10799s}) {
    CHECK(*parse_duration(format_duration(duration)) == duration);
  }
}

TEST_CASE("the countdown clock rounds up, so 0:00 means the time is over") {
  CHECK(format_clock(540s) == "9:00");
  CHECK(format_clock(539001ms) == "9:00");
  CHECK(format_clock(1ms) == "0:01");
  CHECK(format_clock(0ms) == "0:00");
  CHECK(format_clock(3723s) == "1:02:03");
}

TEST_CASE("a number too small to hold is zero, and a session of it is too short, not too long") {
  std::string tiny = "0." + std::string(400, '0') + "1";
  CHECK(*parse_minutes(tiny) == Milliseconds(0));
  auto hold = hold_from_options(tiny, std::nullopt);
  REQUIRE_FALSE(hold.ok());
  CHECK(hold.error().find("is out of range: from 1 second to 3 hours") != std::string::npos);
  std::string huge = "9" + std::string(400, '9');
  CHECK(parse_minutes(huge).error().find("far too long") != std::string::npos);
}

TEST_CASE("time spent is never rounded up") {
  CHECK(format_elapsed(Milliseconds(5005)) == "0:05");
  CHECK(format_elapsed(Milliseconds(5999)) == "0:05");
  CHECK(format_elapsed(Milliseconds(3600000)) == "1:00:00");
  CHECK(format_clock(Milliseconds(5005)) == "0:06");  // a countdown rounds up: 0:00 means over
}
