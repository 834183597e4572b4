#include "legsup/base/json_reader.hpp"

#include <fmt/core.h>

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "legsup/base/text.hpp"

namespace legsup {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

bool JsonReader::fail(std::string message) {
  if (error.empty()) error = std::move(message);
  return false;
}

void JsonReader::skip_space() {
  while (at_ < text_.size() &&
         (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\r' || text_[at_] == '\n')) {
    ++at_;
  }
}

bool JsonReader::at_end() {
  skip_space();
  return at_ == text_.size();
}

bool JsonReader::consume(char c) {
  skip_space();
  if (at_ < text_.size() && text_[at_] == c) {
    ++at_;
    return true;
  }
  return false;
}

bool JsonReader::expect(char c) {
  return consume(c) || fail(fmt::format("expected '{}'", c));
}

bool JsonReader::peek_is(char c) {
  skip_space();
  return at_ < text_.size() && text_[at_] == c;
}

bool JsonReader::string(std::string& out) {
  skip_space();
  if (at_ >= text_.size() || text_[at_] != '"') return fail("expected a string");
  ++at_;
  out.clear();
  while (at_ < text_.size()) {
    unsigned char c = static_cast<unsigned char>(text_[at_]);
    if (c == '"') {
      ++at_;
      return true;
    }
    if (c < 0x20) return fail("a control character inside a string");
    if (c == '\\') {
      if (!escape(out)) return false;
      continue;
    }
    if (c < 0x80) {
      // A run of plain ASCII is copied at once: most of a log is such text.
      std::size_t end = json_plain_run_end(text_, at_ + 1, 0x80);
      out.append(text_.substr(at_, end - at_));
      at_ = end;
      continue;
    }
    if (!utf8_sequence(out)) return false;
  }
  return fail("a string is not closed");
}

bool JsonReader::key_string(std::string_view& out, std::string& buffer) {
  skip_space();
  if (at_ < text_.size() && text_[at_] == '"') {
    std::size_t end = at_ + 1;
    while (end < text_.size()) {
      unsigned char c = static_cast<unsigned char>(text_[end]);
      if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
      ++end;
    }
    if (end < text_.size() && text_[end] == '"') {
      out = text_.substr(at_ + 1, end - at_ - 1);
      at_ = end + 1;
      return true;
    }
  }
  if (!string(buffer)) return false;
  out = buffer;
  return true;
}

bool JsonReader::number(double& out) {
  skip_space();
  std::size_t start = at_;
  if (at_ < text_.size() && text_[at_] == '-') ++at_;
  if (at_ >= text_.size()) return fail("expected a number");
  if (text_[at_] == '0') {
    ++at_;
  } else if (text_[at_] >= '1' && text_[at_] <= '9') {
    while (at_ < text_.size() && is_digit(text_[at_]))
      ++at_;
  } else {
    return fail("expected a number");
  }
  if (at_ < text_.size() && text_[at_] == '.') {
    ++at_;
    if (!digits()) return fail("expected digits after '.'");
  }
  if (at_ < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
    ++at_;
    if (at_ < text_.size() && (text_[at_] == '+' || text_[at_] == '-')) ++at_;
    if (!digits()) return fail("expected digits in an exponent");
  }
  auto [end, status] = std::from_chars(text_.data() + start, text_.data() + at_, out);
  if (status == std::errc::result_out_of_range) {
    // Too small is zero; too large is refused, as nlohmann/json refuses it (found by fuzzing:
    // an unknown member holding 1e400 was kept, and `log --json` could not write it back).
    std::string digits(text_.substr(start, at_ - start));
    out = std::strtod(digits.c_str(), nullptr);
    if (std::isinf(out)) return fail("a number too large");
    return true;
  }
  return end == text_.data() + at_;
}

bool JsonReader::literal(std::string_view word) {
  skip_space();
  if (text_.substr(at_, word.size()) != word) return fail("expected a value");
  at_ += word.size();
  return true;
}

bool JsonReader::skip_value(int depth) {
  if (depth > 64) return fail("nested too deeply");
  skip_space();
  if (at_ >= text_.size()) return fail("expected a value");
  char c = text_[at_];
  std::string ignored;
  double ignored_number = 0;
  switch (c) {
    case '"':
      return string(ignored);
    case 't':
      return literal("true");
    case 'f':
      return literal("false");
    case 'n':
      return literal("null");
    case '{': {
      ++at_;
      if (consume('}')) return true;
      do {
        if (!string(ignored) || !expect(':') || !skip_value(depth + 1)) return false;
      } while (consume(','));
      return consume('}') || fail("expected ',' or '}'");
    }
    case '[': {
      ++at_;
      if (consume(']')) return true;
      do {
        if (!skip_value(depth + 1)) return false;
      } while (consume(','));
      return consume(']') || fail("expected ',' or ']'");
    }
    default:
      return number(ignored_number);
  }
}

bool JsonReader::digits() {
  std::size_t start = at_;
  while (at_ < text_.size() && is_digit(text_[at_]))
    ++at_;
  return at_ > start;
}

bool JsonReader::hex4(unsigned& value) {
  if (at_ + 4 > text_.size()) return fail("a short \\u escape");
  value = 0;
  for (int i = 0; i < 4; ++i) {
    char c = text_[at_++];
    value <<= 4;
    if (c >= '0' && c <= '9') {
      value |= static_cast<unsigned>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      value |= static_cast<unsigned>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      value |= static_cast<unsigned>(c - 'A' + 10);
    } else {
      return fail("a bad \\u escape");
    }
  }
  return true;
}

bool JsonReader::escape(std::string& out) {
  ++at_;  // the backslash
  if (at_ >= text_.size()) return fail("a string is not closed");
  char c = text_[at_++];
  switch (c) {
    case '"':
      out += '"';
      return true;
    case '\\':
      out += '\\';
      return true;
    case '/':
      out += '/';
      return true;
    case 'b':
      out += '\b';
      return true;
    case 'f':
      out += '\f';
      return true;
    case 'n':
      out += '\n';
      return true;
    case 'r':
      out += '\r';
      return true;
    case 't':
      out += '\t';
      return true;
    case 'u': {
      unsigned high = 0;
      if (!hex4(high)) return false;
      if (high >= 0xDC00 && high <= 0xDFFF) return fail("a lone low surrogate");
      if (high >= 0xD800 && high <= 0xDBFF) {
        unsigned low = 0;
        if (text_.substr(at_, 2) != "\\u") return fail("a lone high surrogate");
        at_ += 2;
        if (!hex4(low)) return false;
        if (low < 0xDC00 || low > 0xDFFF) return fail("a bad surrogate pair");
        append_utf8(out, 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00));
        return true;
      }
      append_utf8(out, high);
      return true;
    }
    default:
      return fail("an unknown escape");
  }
}

bool JsonReader::utf8_sequence(std::string& out) {
  auto decoded = decode_utf8(text_, at_);
  if (!decoded) return fail("invalid UTF-8");
  out.append(text_.substr(at_, static_cast<std::size_t>(decoded->length)));
  at_ += static_cast<std::size_t>(decoded->length);
  return true;
}

std::string json_without_whitespace(std::string_view json) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  auto structural = [](char c) {
    return c == '{' || c == '}' || c == '[' || c == ']' || c == ':' || c == ',';
  };
  std::string out;
  out.reserve(json.size());
  bool in_string = false;
  for (std::size_t i = 0; i < json.size(); ++i) {
    char c = json[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < json.size()) {
        out += json[++i];
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (space(c)) {
      std::size_t end = i;
      while (end < json.size() && space(json[end]))
        ++end;
      bool between_tokens =
          out.empty() || end == json.size() || structural(out.back()) || structural(json[end]);
      if (!between_tokens) out.append(json.substr(i, end - i));
      i = end - 1;
      continue;
    }
    if (c == '"') in_string = true;
    out += c;
  }
  return out;
}

}  // namespace legsup
