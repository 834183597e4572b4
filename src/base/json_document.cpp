#include "legsup/base/json_document.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <utility>

namespace legsup {
namespace {

// Line and column (1-based) of a byte offset.
std::pair<std::size_t, std::size_t> line_and_column(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, offset - line_start + 1};
}

// Where the first number too large for a double starts (or the end of the text).
std::size_t first_huge_number(std::string_view text) {
  for (std::size_t at = 0; at < text.size(); ++at) {
    char c = text[at];
    if (!(c == '-' || (c >= '0' && c <= '9'))) continue;
    std::size_t end = text.find_first_not_of("0123456789+-.eE", at);
    std::string number(text.substr(at, end == std::string_view::npos ? text.npos : end - at));
    if (std::isinf(std::strtod(number.c_str(), nullptr))) return at;
    at = end == std::string_view::npos ? text.size() : end;
  }
  return text.size();
}

// nlohmann's message without its "[json.exception...] parse error at ...: " preamble.
std::string syntax_reason(const std::string& what) {
  auto colon = what.find(": ", what.find("parse error"));
  std::string reason = colon == std::string::npos ? what : what.substr(colon + 2);
  constexpr std::string_view kPreamble = "syntax error while parsing value - ";
  if (reason.rfind(kPreamble, 0) == 0) reason = reason.substr(kPreamble.size());
  return reason;
}

// Escapes DEL and C1 controls, which nlohmann's dump leaves raw inside strings. Outside strings
// the dump holds only ASCII punctuation, digits and letters, so every such byte is in a string.
std::string make_terminal_safe(std::string text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == 0x7F) {
      out += "\\u007f";
    } else if (c == 0xC2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned char>(text[i + 1]));
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace

Parsed<nlohmann::json> parse_json_document(std::string_view text, std::string_view origin) {
  using nlohmann::json;
  try {
    return json::parse(text);
  } catch (const json::parse_error& error) {
    // byte is the 1-based position just past the offending character.
    std::size_t offset = error.byte > 0 ? error.byte - 1 : 0;
    auto [line, column] = line_and_column(text, offset);
    return Parsed<json>::failure(fmt::format("{}:{}:{}: not valid JSON: {}", origin, line, column,
                                             syntax_reason(error.what())));
  } catch (const json::exception&) {
    // nlohmann throws out_of_range, not parse_error, for a number too large for a double (found
    // by fuzzing: the exception escaped to main). Point at the number, as a syntax error would.
    auto [line, column] = line_and_column(text, first_huge_number(text));
    return Parsed<json>::failure(
        fmt::format("{}:{}:{}: not valid JSON: a number too large to read", origin, line, column));
  }
}

std::string dump_json(const nlohmann::json& value, int indent) {
  return make_terminal_safe(
      value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::string dump_json(const nlohmann::ordered_json& value, int indent) {
  return make_terminal_safe(
      value.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

}  // namespace legsup
