#include "legsup/base/json_text.hpp"

#include <fmt/core.h>

#include <cstdlib>

#include "legsup/base/text.hpp"

namespace legsup {

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
