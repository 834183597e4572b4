#include "legsup/text.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <optional>

namespace legsup {
namespace {

bool is_combining(char32_t c) {
  return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
         (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF) ||
         (c >= 0xFE20 && c <= 0xFE2F) || c == 0x200B || c == 0x200C || c == 0x200D ||
         (c >= 0xFE00 && c <= 0xFE0F);
}

bool is_wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
         (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
         (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD);
}

bool is_control(char32_t c) {
  return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F);
}

// Splits text into words at ASCII spaces (and line breaks, which wrapping re-flows).
std::vector<std::string_view> split_words(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == ' ' || text[i] == '\n') {
      if (i > start) words.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return words;
}

// Cuts a word so that its first part fits in `columns`; keeps UTF-8 sequences whole.
std::size_t bytes_fitting(std::string_view word, int columns) {
  std::size_t at = 0;
  int used = 0;
  while (at < word.size()) {
    auto decoded = decode_utf8(word, at);
    int length = decoded ? decoded->length : 1;
    int width = display_width(word.substr(at, static_cast<std::size_t>(length)));
    if (used + width > columns && at > 0) break;
    used += width;
    at += static_cast<std::size_t>(length);
  }
  return at;
}

}  // namespace

std::optional<Utf8Char> decode_utf8(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(at);
  if (lead < 0x80) return Utf8Char{lead, 1};
  int length = 0;
  char32_t value = 0;
  char32_t minimum = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, value = lead & 0x1F, minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, value = lead & 0x0F, minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, value = lead & 0x07, minimum = 0x10000;
  } else {
    return std::nullopt;
  }
  if (at + static_cast<std::size_t>(length) > text.size()) return std::nullopt;
  for (int i = 1; i < length; ++i) {
    unsigned char next = byte(at + static_cast<std::size_t>(i));
    if ((next & 0xC0) != 0x80) return std::nullopt;
    value = (value << 6) | (next & 0x3F);
  }
  if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    return std::nullopt;
  }
  return Utf8Char{value, length};
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

int display_width(std::string_view text) {
  int width = 0;
  for (std::size_t at = 0; at < text.size();) {
    auto decoded = decode_utf8(text, at);
    if (!decoded) {
      ++width;
      ++at;
      continue;
    }
    char32_t c = decoded->code_point;
    if (is_combining(c) || is_control(c)) {
      // zero columns
    } else if (is_wide(c)) {
      width += 2;
    } else {
      width += 1;
    }
    at += static_cast<std::size_t>(decoded->length);
  }
  return width;
}

std::string escape_controls(std::string_view text) {
  std::string shown;
  shown.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    auto decoded = decode_utf8(text, at);
    if (!decoded) {
      shown += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[at]));
      ++at;
      continue;
    }
    char32_t c = decoded->code_point;
    if (c == '\n') {
      shown += "\\n";
    } else if (c == '\t') {
      shown += "\\t";
    } else if (c == '\r') {
      shown += "\\r";
    } else if (c < 0x20 || c == 0x7F) {
      shown += fmt::format("\\x{:02x}", static_cast<unsigned>(c));
    } else if (c >= 0x80 && c <= 0x9F) {
      shown += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
    } else {
      shown.append(text.substr(at, static_cast<std::size_t>(decoded->length)));
    }
    at += static_cast<std::size_t>(decoded->length);
  }
  return shown;
}

std::vector<std::string> wrap(std::string_view text, int width, std::string_view first_prefix,
                              std::string_view rest_prefix) {
  std::vector<std::string> lines;
  std::string line(first_prefix);
  int line_width = display_width(first_prefix);
  int prefix_width = line_width;
  bool line_has_word = false;

  auto finish_line = [&] {
    lines.push_back(line);
    line = std::string(rest_prefix);
    line_width = prefix_width = display_width(rest_prefix);
    line_has_word = false;
  };

  for (std::string_view word : split_words(text)) {
    int word_width = display_width(word);
    int needed = word_width + (line_has_word ? 1 : 0);
    if (line_has_word && line_width + needed > width) finish_line();
    // A word wider than a whole line is cut into pieces that fit.
    while (!line_has_word && prefix_width + word_width > width && word.size() > 1) {
      std::size_t cut = bytes_fitting(word, std::max(1, width - prefix_width));
      if (cut >= word.size()) break;
      line.append(word.substr(0, cut));
      line_has_word = true;
      finish_line();
      word.remove_prefix(cut);
      word_width = display_width(word);
    }
    if (line_has_word) {
      line += ' ';
      ++line_width;
    }
    line.append(word);
    line_width += word_width;
    line_has_word = true;
  }
  if (line_has_word || lines.empty()) lines.push_back(line);
  return lines;
}

bool is_valid_utf8(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    auto decoded = decode_utf8(text, at);
    if (!decoded) return false;
    at += static_cast<std::size_t>(decoded->length);
  }
  return true;
}

std::string pad_right(std::string_view text, int width) {
  std::string padded(text);
  int missing = width - display_width(text);
  if (missing > 0) padded.append(static_cast<std::size_t>(missing), ' ');
  return padded;
}

}  // namespace legsup
