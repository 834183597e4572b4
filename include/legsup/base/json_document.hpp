// JSON documents (nlohmann/json): reading one with errors that point at the line and column, and
// writing one that is safe to show on a terminal, as json_text.hpp writes its strings. The only
// part of the base that includes nlohmann/json, and it runs once per command.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "legsup/base/error.hpp"

namespace legsup {

// The document, or "ORIGIN:LINE:COLUMN: not valid JSON: REASON" (a number too large for a
// double included, which nlohmann reports as another kind of error).
Parsed<nlohmann::json> parse_json_document(std::string_view text, std::string_view origin);

// The value as text (indent < 0: compact), with control characters, DEL and U+0080..U+009F
// escaped as \uXXXX and any invalid UTF-8 replaced: the same data, safe on any terminal.
std::string dump_json(const nlohmann::json& value, int indent = 2);
std::string dump_json(const nlohmann::ordered_json& value, int indent = 2);

}  // namespace legsup
