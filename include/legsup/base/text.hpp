// Text as a terminal shows it: display width of UTF-8, word wrapping, and escaping of control
// characters so that nothing from a file or the log can drive the terminal.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace legsup {

// One UTF-8 character: its code point and how many bytes it took.
struct Utf8Char {
  char32_t code_point;
  int length;
};

// Strict UTF-8 decoding of the character at `at`: overlong forms, surrogates and values past
// U+10FFFF are invalid (no value).
std::optional<Utf8Char> decode_utf8(std::string_view text, std::size_t at);

// Appends the UTF-8 bytes of a code point.
void append_utf8(std::string& out, char32_t code_point);

// Columns the text takes on a terminal: wide East Asian characters count 2, combining marks 0.
// Invalid UTF-8 bytes count 1 each (they are shown escaped anyway).
int display_width(std::string_view text);

// Shows control characters (C0, DEL, C1), and bytes that are not valid UTF-8, as visible escapes
// such as \x1b, \t, \n or \u009b. Everything printable passes through unchanged.
std::string escape_controls(std::string_view text);

// How many display columns of a value a message quotes before it stops with "…".
inline constexpr int kQuotedColumns = 60;

// A value that was typed or read (an option's value, a config value, a time, an id, a content
// file's value) as every message quotes it: in double quotes, escaped, and at most
// kQuotedColumns columns of it, cut between characters with "…" after, so that a 100 KB value
// makes a message of one short line.
std::string quoted_value(std::string_view value);

// legsup's own words, written in its code: a string literal, checked when it is compiled to hold
// no control character but the newline. Nothing read or typed can be one.
class OwnWords {
 public:
  consteval OwnWords(const char* literal) : text_(literal) {  // NOLINT: implicit, for literals
    for (char c : text_) {
      if ((static_cast<unsigned char>(c) < 0x20 && c != '\n') || c == 0x7F) {
        throw "legsup's own words hold no control character but the newline";
      }
    }
  }
  std::string_view text() const { return text_; }

 private:
  std::string_view text_;
};

// Text on its way to a terminal, and the only text the console takes. What comes from outside
// legsup (a file, the log, the command line, a player's messages) becomes shown text by being
// escaped, so that none of its bytes can drive the terminal; nothing else converts to it.
class ShownText {
 public:
  ShownText() = default;
  ShownText(OwnWords words) : text_(words.text()) {}  // NOLINT: implicit, for literals

  // Any text, every control character and invalid byte shown as a visible escape.
  static ShownText escaped(std::string_view text) {
    return ShownText(Made{}, escape_controls(text));
  }
  // One line of output: `text` escaped (a newline in it included), then a newline.
  static ShownText line(std::string_view text);
  // Text that its maker built from escaped pieces and its own sequences: a rendered document,
  // table or help, JSON, an export (which escapes for a terminal). The one way around escaping;
  // each caller says why its text is safe.
  static ShownText already_escaped(std::string text) { return ShownText(Made{}, std::move(text)); }

  ShownText& operator+=(const ShownText& more) {
    text_ += more.text_;
    return *this;
  }
  friend ShownText operator+(ShownText first, const ShownText& second) {
    first += second;
    return first;
  }
  const std::string& str() const { return text_; }
  bool empty() const { return text_.empty(); }

 private:
  struct Made {};  // from the factories only: a plain string never converts
  ShownText(Made, std::string text) : text_(std::move(text)) {}
  std::string text_;
};

// The one wrapping rule for what legsup shows: text broken into lines of at most `width` columns
// (display columns: wide characters count 2) at spaces, never inside a word. The first line
// starts with `first_prefix`, later lines with `rest_prefix`. A word longer than a line (a
// path) stands on a line of its own, whole, after the prefix.
std::vector<std::string> wrap(std::string_view text, int width, std::string_view first_prefix,
                              std::string_view rest_prefix);

// True when every byte sequence is well-formed UTF-8.
bool is_valid_utf8(std::string_view text);

// Appends `value` in decimal, with at least `width` digits (zero-padded); the hot paths of the
// exports write a million times, and a format string costs more to parse than the digits.
void append_decimal(std::string& out, long long value, int width = 1);

// Where a run of bytes that a JSON string holds as they are ends, from `from`: ASCII from space
// up to below `limit` (0x80 when reading; 0x7F when writing, which escapes DEL), other than the
// quote and the backslash. The readers and writers copy such runs at once.
std::size_t json_plain_run_end(std::string_view text, std::size_t from, unsigned char limit);

// Pads with spaces on the right to the given display width (no-op when already wider).
std::string pad_right(std::string_view text, int width);

// The longest prefix of `text` that fits `columns`, ending in "..." when something was cut.
std::string cut_to_width(std::string_view text, int columns);

// An id a person types and any shell completes as it is: lower-case letters, digits and '-', not
// starting with '-', at most 40 characters (the content's ids, a preset's name).
bool is_valid_id(std::string_view id);

// "a, b or c": for messages that list what would have been valid.
std::string list_choices(const std::vector<std::string>& choices);

// The choice nearest to a mistyped word ("stat" -> "stats"), when one is close enough to be
// the likely meaning.
std::optional<std::string> nearest_choice(std::string_view typed,
                                          const std::vector<std::string>& choices);

// " (did you mean 'stats'?)" for the nearest choice, or nothing: what every message about a
// mistyped name (an option, a command, a config file's key) ends with.
std::string did_you_mean(std::string_view typed, const std::vector<std::string>& choices);

}  // namespace legsup
