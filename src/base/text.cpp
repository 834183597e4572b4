#include "legsup/base/text.hpp"

#include <fmt/core.h>
#include <fmt/format.h>

#include <algorithm>
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

std::string quoted_value(std::string_view value) {
  std::string shown = "\"";
  int used = 0;
  for (std::size_t at = 0; at < value.size();) {
    auto decoded = decode_utf8(value, at);
    auto length = static_cast<std::size_t>(decoded ? decoded->length : 1);
    std::string piece = escape_controls(value.substr(at, length));
    int width = display_width(piece);
    // The last column is kept for the "…" unless this character ends the value.
    int room = at + length == value.size() ? kQuotedColumns : kQuotedColumns - 1;
    if (used + width > room) {
      shown += "…";
      break;
    }
    shown += piece;
    used += width;
    at += length;
  }
  shown += '"';
  return shown;
}

ShownText ShownText::line(std::string_view text) {
  std::string shown = escape_controls(text);
  shown += '\n';
  return ShownText(Made{}, std::move(shown));
}

std::vector<std::string> wrap(std::string_view text, int width, std::string_view first_prefix,
                              std::string_view rest_prefix) {
  std::vector<std::string> lines;
  std::string line(first_prefix);
  int line_width = display_width(first_prefix);
  bool line_has_word = false;

  auto finish_line = [&] {
    lines.push_back(line);
    line = std::string(rest_prefix);
    line_width = display_width(rest_prefix);
    line_has_word = false;
  };

  for (std::string_view word : split_words(text)) {
    int needed = display_width(word) + (line_has_word ? 1 : 0);
    // A word that does not fit goes to the next line, whole: a word (a path, a link) longer
    // than a whole line stands on a line of its own rather than being cut where it could not
    // be read or copied.
    if (line_has_word && line_width + needed > width) finish_line();
    if (line_has_word) {
      line += ' ';
      ++line_width;
    }
    line.append(word);
    line_width += display_width(word);
    line_has_word = true;
  }
  if (line_has_word || lines.empty()) lines.push_back(line);
  return lines;
}

void append_decimal(std::string& out, long long value, int width) {
  // fmt's format_int: its digits without a format string to parse.
  auto magnitude = value < 0 ? 0 - static_cast<unsigned long long>(value)
                             : static_cast<unsigned long long>(value);
  fmt::format_int digits(magnitude);
  if (value < 0) out += '-';
  if (digits.size() < static_cast<std::size_t>(width)) {
    out.append(static_cast<std::size_t>(width) - digits.size(), '0');
  }
  out.append(digits.data(), digits.size());
}

std::size_t json_plain_run_end(std::string_view text, std::size_t from, unsigned char limit) {
  std::size_t end = from;
  while (end < text.size()) {
    auto byte = static_cast<unsigned char>(text[end]);
    if (byte < 0x20 || byte >= limit || byte == '"' || byte == '\\') break;
    ++end;
  }
  return end;
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

std::string cut_to_width(std::string_view text, int columns) {
  if (display_width(text) <= columns) return std::string(text);
  if (columns <= 3) return std::string(static_cast<std::size_t>(std::max(columns, 0)), '.');
  std::size_t kept = bytes_fitting(text, columns - 3);
  // bytes_fitting keeps at least one character; a wide one may not fit the room left.
  if (display_width(text.substr(0, kept)) > columns - 3) kept = 0;
  return std::string(text.substr(0, kept)) + "...";
}

bool is_valid_id(std::string_view id) {
  if (id.empty() || id.size() > 40 || id.front() == '-') return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

std::string list_choices(const std::vector<std::string>& choices) {
  std::string text;
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (i > 0) text += i + 1 == choices.size() ? " or " : ", ";
    text += choices[i];
  }
  return text;
}

namespace {

// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
// neighbours each cost one ("stast" is one swap from "stats").
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i)
    d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j)
    d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::optional<std::string> nearest_choice(std::string_view typed,
                                          const std::vector<std::string>& choices) {
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  bool best_is_prefix = false;
  for (const auto& choice : choices) {
    std::size_t distance = edit_distance(typed, choice);
    // A choice that the word begins ("stat" of "stats") is the likeliest meaning, and as good
    // as one edit however much is missing.
    bool is_prefix = typed.size() >= 2 && choice.size() > typed.size() &&
                     choice.compare(0, typed.size(), typed) == 0;
    if (is_prefix) distance = std::min<std::size_t>(distance, 1);
    if (!best || distance < best_distance ||
        (distance == best_distance && is_prefix && !best_is_prefix)) {
      best = choice;
      best_distance = distance;
      best_is_prefix = is_prefix;
    }
  }
  // Close enough: at most a third of the word's letters (and at least one edit's worth).
  std::size_t allowed = std::max<std::size_t>(1, typed.size() / 3);
  if (best && best_distance <= allowed) return best;
  return std::nullopt;
}

std::string did_you_mean(std::string_view typed, const std::vector<std::string>& choices) {
  auto nearest = nearest_choice(typed, choices);
  return nearest ? fmt::format(" (did you mean '{}'?)", *nearest) : std::string();
}

}  // namespace legsup
