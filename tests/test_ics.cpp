#include <doctest/doctest.h>
#include <fmt/core.h>

#include "builtin_content.hpp"
#include "legsup/base/text.hpp"
#include "legsup/log/ics.hpp"

using namespace legsup;

TEST_CASE("iCalendar lines fold at 75 octets, never inside a character, with CRLF") {
  CHECK(ics_line("SHORT:x") == "SHORT:x\r\n");
  std::string long_line = "DESCRIPTION:" + std::string(200, 'a');
  std::string folded = ics_line(long_line);
  std::size_t start = 0;
  std::string unfolded;
  while (start < folded.size()) {
    std::size_t end = folded.find("\r\n", start);
    REQUIRE(end != std::string::npos);
    std::string line = folded.substr(start, end - start);
    CHECK(line.size() <= 75);
    unfolded += start == 0 ? line : line.substr(1);  // continuations start with one space
    if (start > 0) CHECK(line[0] == ' ');
    start = end + 2;
  }
  CHECK(unfolded == long_line);
  // Three-byte characters: a fold never cuts one.
  std::string wide = "SUMMARY:";
  for (int i = 0; i < 40; ++i)
    wide += "\u2192";
  std::string folded_wide = ics_line(wide);
  for (std::size_t at = folded_wide.find("\r\n "); at != std::string::npos;
       at = folded_wide.find("\r\n ", at + 1)) {
    CHECK(is_valid_utf8(folded_wide.substr(0, at)));
  }
}

TEST_CASE("iCalendar text escapes what RFC 5545 says, and control characters are shown") {
  CHECK(ics_text("a, b; c\\d\ne") == "a\\, b\\; c\\\\d\\ne");
  CHECK(ics_text("one\r\ntwo\rthree\n\rfour") == "one\\ntwo\\nthree\\n\\nfour");
  CHECK(ics_text("\x1b]0;x\x07") == "\\\\x1b]0\\;x\\\\x07");
  CHECK(ics_text("caf\xc3\xa9") == "caf\xc3\xa9");
}

TEST_CASE("an event: UID from the id, times in UTC, a summary and a description") {
  const Content& content = legsup::testing::builtin_content();
  Record record;
  record.id = "3f2a9c1e0b7d11112222333344445555";
  record.start = *parse_rfc3339("2026-11-24T22:15:00+01:00");
  record.end = *parse_rfc3339("2026-11-24T22:27:00+01:00");
  record.held = Milliseconds(720000);
  record.variant = "bed";
  record.before = {{"stress", 6}};
  record.after = {{"stress", 3}};
  record.note = "slept well, early";
  std::string event = ics_event(record, content);
  // Unfolded, as a reader of iCalendar sees it.
  for (std::size_t fold = event.find("\r\n "); fold != std::string::npos;
       fold = event.find("\r\n ", fold))
    event.erase(fold, 3);
  CHECK(event.find("UID:3f2a9c1e0b7d11112222333344445555@legsup\r\n") != std::string::npos);
  CHECK(event.find("DTSTART:20261124T211500Z\r\n") != std::string::npos);
  CHECK(event.find("DURATION:PT12M\r\n") != std::string::npos);
  CHECK(event.find("DTEND") == std::string::npos);
  CHECK(event.find("SUMMARY:Legs Up the Wall\\, 12 min (in bed)\r\n") != std::string::npos);
  CHECK(event.find("Before: stress 6.\\nAfter: stress 3.\\nNote: slept well\\, early") !=
        std::string::npos);
  CHECK(ics_utc(*parse_rfc3339("2026-01-01T00:30:00+02:00")) == "20251231T223000Z");
}

// calcurse reads DTEND to the minute: a session under a minute ended when it started, and it
// refused the event (e2e: calendars imports them).
TEST_CASE("an event's length is a duration to the second; a session without one is an instant") {
  const Content& content = legsup::testing::builtin_content();
  Record record;
  record.id = "3f2a9c1e0b7d11112222333344445555";
  record.start = *parse_rfc3339("2026-11-24T22:15:40+01:00");
  for (const auto& [seconds, duration] : {std::pair{20, "PT20S"},
                                          {59, "PT59S"},
                                          {60, "PT1M"},
                                          {620, "PT10M20S"},
                                          {3600, "PT1H"},
                                          {3605, "PT1H0M5S"},
                                          {3660, "PT1H1M"},
                                          {10800, "PT3H"}}) {
    record.end = LocalTime{record.start.epoch_seconds + seconds, 60};
    std::string event = ics_event(record, content);
    CHECK(event.find(fmt::format("\r\nDURATION:{}\r\n", duration)) != std::string::npos);
    CHECK(event.find("DTSTART:20261124T211540Z\r\n") != std::string::npos);
    CHECK(event.find("DTEND") == std::string::npos);
  }
  CHECK(ics_duration(0) == "PT0S");
  // No span, or an end before the start: no length at all, never a negative one.
  for (int seconds : {0, -30}) {
    record.end = LocalTime{record.start.epoch_seconds + seconds, 60};
    std::string event = ics_event(record, content);
    CHECK(event.find("DURATION") == std::string::npos);
    CHECK(event.find("DTEND") == std::string::npos);
  }
}
