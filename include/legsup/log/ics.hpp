// Sessions as an iCalendar file (RFC 5545), for the calendars where people plan their evenings:
// one VEVENT a session, its UID from the record's id, times in UTC, CRLF line ends, lines folded
// at 75 octets, text escaped. Written event by event, so that an export of any size streams.
#pragma once

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

// A TEXT value: backslash, semicolon, comma and line breaks escaped; other control characters
// shown as visible escapes (\x1b), which a calendar would refuse or obey.
std::string ics_text(std::string_view text);

// "20261124T211500Z": the instant in UTC.
std::string ics_utc(const LocalTime& time);

}  // namespace legsup
