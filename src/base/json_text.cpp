#include "legsup/base/json_text.hpp"

#include <fmt/core.h>

#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "legsup/base/text.hpp"

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

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (std::size_t at = 0; at < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[at]);
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
      // A run of plain ASCII goes in at once.
      std::size_t end = json_plain_run_end(text, at + 1, 0x7F);
      out.append(text.substr(at, end - at));
      at = end;
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        ++at;
        continue;
      case '\\':
        out += "\\\\";
        ++at;
        continue;
      case '\n':
        out += "\\n";
        ++at;
        continue;
      case '\t':
        out += "\\t";
        ++at;
        continue;
      case '\r':
        out += "\\r";
        ++at;
        continue;
      default:
        break;
    }
    if (c < 0x80) {  // the other C0 controls and DEL
      out += fmt::format("\\u{:04x}", c);
      ++at;
      continue;
    }
    auto decoded = decode_utf8(text, at);
    if (!decoded) {
      out += "\\ufffd";
      ++at;
    } else {
      if (decoded->code_point <= 0x9F) {
        out += fmt::format("\\u{:04x}", static_cast<unsigned>(decoded->code_point));
      } else {
        out.append(text.substr(at, static_cast<std::size_t>(decoded->length)));
      }
      at += static_cast<std::size_t>(decoded->length);
    }
  }
  out += '"';
}

void append_json_seconds(std::string& out, Milliseconds duration) {
  long long milliseconds = duration.count();
  if (milliseconds < 0 && milliseconds > -1000) out += '-';  // "-0.5": the whole part is 0
  append_decimal(out, milliseconds / 1000);
  if (milliseconds % 1000 == 0) return;
  out += '.';
  append_decimal(out, std::llabs(milliseconds % 1000), 3);
  while (out.back() == '0')
    out.pop_back();
}

JsonObjectWriter::JsonObjectWriter(std::string& out, int indent, int depth)
    : out_(out), indent_(indent), depth_(depth) {
  out_ += '{';
}

void JsonObjectWriter::newline(int level) {
  out_ += '\n';
  out_.append(static_cast<std::size_t>(indent_ * level), ' ');
}

void JsonObjectWriter::key(std::string_view name) {
  if (!empty_) out_ += ',';
  empty_ = false;
  if (indent_ >= 0) newline(depth_ + 1);
  append_json_string(out_, name);
  out_ += indent_ >= 0 ? ": " : ":";
}

void JsonObjectWriter::string(std::string_view name, std::string_view value) {
  key(name);
  append_json_string(out_, value);
}

void JsonObjectWriter::string_or_null(std::string_view name,
                                      const std::optional<std::string>& value) {
  if (value) {
    string(name, *value);
  } else {
    raw(name, "null");
  }
}

void JsonObjectWriter::integer(std::string_view name, long long value) {
  key(name);
  append_decimal(out_, value);
}

void JsonObjectWriter::boolean(std::string_view name, bool value) {
  key(name);
  out_ += value ? "true" : "false";
}

void JsonObjectWriter::seconds(std::string_view name, Milliseconds value) {
  key(name);
  append_json_seconds(out_, value);
}

void JsonObjectWriter::raw(std::string_view name, std::string_view value) {
  key(name);
  out_ += value;
}

void JsonObjectWriter::integers(std::string_view name, const std::map<std::string, int>& values) {
  JsonObjectWriter nested = object(name);
  for (const auto& [id, value] : values)
    nested.integer(id, value);
  nested.finish();
}

JsonObjectWriter JsonObjectWriter::object(std::string_view name) {
  key(name);
  return JsonObjectWriter(out_, indent_, depth_ + 1);
}

void JsonObjectWriter::finish() {
  if (indent_ >= 0 && !empty_) newline(depth_);
  out_ += '}';
}

}  // namespace legsup
