// Sessions as an iCalendar file (RFC 5545), for the calendars where people plan their evenings:
// one VEVENT a session, its UID from the record's id, its start in UTC and its length to the
// second, CRLF line ends, lines folded at 75 octets, text escaped. Written event by event, so that
// an export of any size streams.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "legsup/content/content.hpp"
#include "legsup/log/record.hpp"

namespace legsup {

std::string ics_begin();
std::string ics_event(const Record& record, const Content& content);
std::string ics_end();

// A content line folded as RFC 5545 says: at most 75 octets a line, never inside a UTF-8
// character, each continuation starting with a space; every line ends in CRLF.
std::string ics_line(std::string_view line);

// A TEXT value: backslash, semicolon and comma escaped, a line break (LF, CR LF or a lone CR)
// as \n; other control characters shown as visible escapes (\x1b), which a calendar would
// refuse or obey.
std::string ics_text(std::string_view text);

// "20261124T211500Z": the instant in UTC.
std::string ics_utc(const LocalTime& time);

// "PT12M", "PT20S", "PT1H0M5S": a length of time in whole seconds (0 or more), as RFC 5545
// writes it.
std::string ics_duration(std::int64_t seconds);

}  // namespace legsup
