// A record's id: 32 lower-case hex digits, random for a new record, derived from the line's
// bytes for a line written before records had ids.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace legsup {

struct Record;

// The id of a line written before records had ids: 32 hex digits from a 128-bit hash of the
// line's bytes without the whitespace between its tokens, the same whoever reads it, wherever
// the line is copied, and whether it ends in CRLF or is spaced out.
std::string derived_record_id(std::string_view line);
// A record's id: its own, or the one derived from its line when it was written without one.
std::string record_id(const Record& record, std::string_view line);

// A new id from 16 random bytes.
std::string record_id_from_bytes(const unsigned char (&random)[16]);

// How many of an id's digits a message or a table shows: enough to name it, short to type.
inline constexpr std::size_t kShownIdDigits = 12;

// True for 32 lower-case hex digits.
bool is_record_id(std::string_view text);

}  // namespace legsup
