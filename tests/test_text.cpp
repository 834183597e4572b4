#include <doctest/doctest.h>

#include <limits>
#include <type_traits>

#include "legsup/base/text.hpp"

using legsup::append_decimal;
using legsup::display_width;
using legsup::escape_controls;
using legsup::quoted_value;
using legsup::ShownText;
using legsup::wrap;

TEST_CASE("display width counts columns, not bytes") {
  CHECK(display_width("abc") == 3);
  CHECK(display_width("caf\xc3\xa9") == 4);               // é: two bytes, one column
  CHECK(display_width("e\xcc\x81") == 1);                 // e + combining acute
  CHECK(display_width("\xe6\x97\xa5\xe6\x9c\xac") == 4);  // two wide CJK characters
  CHECK(display_width("\xff") == 1);                      // an invalid byte still takes a place
}

TEST_CASE("control characters and escape sequences are shown, never sent") {
  CHECK(escape_controls("plain text") == "plain text");
  CHECK(escape_controls("\x1b]0;title\x07") == "\\x1b]0;title\\x07");
  CHECK(escape_controls("\x1b[2J") == "\\x1b[2J");
  CHECK(escape_controls("a\tb\nc\rd") == "a\\tb\\nc\\rd");
  CHECK(escape_controls("\x7f") == "\\x7f");
  CHECK(escape_controls("\xc2\x9b"
                        "31m") == "\\u009b31m");       // C1 CSI
  CHECK(escape_controls("\xff\xfe") == "\\xff\\xfe");  // not UTF-8
  CHECK(escape_controls("\xc3\xa9t\xc3\xa9") == "\xc3\xa9t\xc3\xa9");
  CHECK(escape_controls("\xed\xa0\x80") == "\\xed\\xa0\\x80");  // a UTF-16 surrogate
}

TEST_CASE("a value a message quotes is bounded, escaped and cut between characters") {
  CHECK(quoted_value("4-7-8") == "\"4-7-8\"");
  CHECK(quoted_value("") == "\"\"");
  CHECK(quoted_value("a\x1b[2Jb") == "\"a\\x1b[2Jb\"");
  std::string sixty(legsup::kQuotedColumns, 'x');
  CHECK(quoted_value(sixty) == "\"" + sixty + "\"");  // a value that fits is whole
  std::string huge(100000, '7');
  std::string shown = quoted_value(huge);
  CHECK(shown == "\"" + std::string(legsup::kQuotedColumns - 1, '7') + "\u2026\"");
  // Wide characters, an invalid byte and a control character: never cut inside one, and the
  // whole stays within the columns, whatever lies at the edge.
  for (std::string piece : {"\xe6\x97\xa5", "\xc3\xa9", "\xff", "\x01", "ab"}) {
    for (int lead = 0; lead < 4; ++lead) {
      std::string value = std::string(static_cast<std::size_t>(lead), 'a');
      for (int i = 0; i < 100; ++i)
        value += piece;
      std::string cut = quoted_value(value);
      CHECK(display_width(cut) <= legsup::kQuotedColumns + 2);
      CHECK(legsup::is_valid_utf8(cut));
      CHECK(cut.size() >= 4);
      CHECK(cut.substr(cut.size() - 4) == "\u2026\"");
      CHECK(cut == escape_controls(cut));  // already escaped: nothing left to drive a terminal
    }
  }
}

TEST_CASE("wrapping keeps every line within the width and loses no word") {
  std::string text = "the quick brown fox jumps over the lazy dog again and again";
  auto lines = wrap(text, 20, "  ", "  ");
  std::string joined;
  for (const auto& line : lines) {
    CHECK(display_width(line) <= 20);
    CHECK(line.rfind("  ", 0) == 0);
    joined += line.substr(2) + " ";
  }
  CHECK(joined == text + " ");
  CHECK(lines.size() == 4);
}

TEST_CASE("wrapping hangs continuation lines under the first line's text") {
  auto lines = wrap("one two three four", 12, "  1. ", "     ");
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "  1. one two");
  CHECK(lines[1] == "     three");
  CHECK(lines[2] == "     four");
}

namespace {

// The words of a text, in order, as a person reads them.
std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text + " ") {
    if (c != ' ') {
      word += c;
    } else if (!word.empty()) {
      words.push_back(word);
      word.clear();
    }
  }
  return words;
}

// What the one wrapping rule promises of the lines of `text` at `width`: every line starts with
// its prefix; no word is cut (the words of the lines are the text's, in order); a line wider
// than the width holds one word alone; and no line could have taken the next line's first word.
void check_wrapping(const std::string& text, int width, const std::string& first,
                    const std::string& rest) {
  CAPTURE(text);
  CAPTURE(width);
  auto lines = legsup::wrap(text, width, first, rest);
  std::vector<std::string> words;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& prefix = i == 0 ? first : rest;
    CAPTURE(lines[i]);
    REQUIRE(lines[i].rfind(prefix, 0) == 0);
    auto line_words = words_of(lines[i].substr(prefix.size()));
    if (display_width(lines[i]) > width) CHECK(line_words.size() == 1);
    if (i + 1 < lines.size()) {
      auto next = words_of(lines[i + 1].substr(rest.size()));
      REQUIRE(!next.empty());
      CHECK(display_width(lines[i]) + 1 + display_width(next.front()) > width);
    }
    words.insert(words.end(), line_words.begin(), line_words.end());
  }
  CHECK(words == words_of(text));
}

}  // namespace

TEST_CASE("wrapping never cuts a word, at any width, whatever the prefixes") {
  const std::string closing =
      "Held 0:13 (completed). Logged to "
      "/home/someone/.local/share/legsup/sessions.jsonl. 2 of 40 cues were not heard: paplay "
      "failed (exit 1: Connection refused).";
  const std::string prompt =
      "How heavy do your legs feel? (before) 0 = very light, 10 = very heavy; Enter to skip:";
  const std::string wide =
      "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e \xe3\x81\xae \xe6\x96\x87\xe7\xab\xa0 caf\xc3\xa9 "
      "na\xc3\xafve e\xcc\x81t\xc3\xa9 "
      "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe6\x97\xa5\xe6\x9c\xac";
  for (int width : {80, 40, 30, 20}) {
    for (const auto& text : {closing, prompt, wide}) {
      check_wrapping(text, width, "", "");
      check_wrapping(text, width, "    ", "    ");
      check_wrapping(text, width, "  1. ", "     ");
    }
  }
}

TEST_CASE("a word or a path longer than the line stands on a line of its own, whole") {
  const std::string path = "/home/someone/.local/share/legsup/sessions.jsonl";  // 48 columns
  auto lines = wrap("Logged to " + path + ". Good night.", 30, "", "");
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "Logged to");
  CHECK(lines[1] == path + ".");
  CHECK(lines[2] == "Good night.");
  // After a prefix too, and at the start of the text.
  lines = wrap(path + " held", 20, "    ", "    ");
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "    " + path);
  CHECK(lines[1] == "    held");
  // A word of many-byte characters is not cut between its bytes, nor at all.
  lines = wrap("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 4, "", "");
  REQUIRE(lines.size() == 1);
  CHECK(lines[0] == "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9");
}

TEST_CASE("wrapping keeps the indent of continuation lines and counts display columns") {
  auto lines = wrap("(none, under 5, 10, 20 minutes, then 20 or more)", 30, "    ", "    ");
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "    (none, under 5, 10, 20");
  CHECK(lines[1] == "    minutes, then 20 or more)");
  // "café" is 4 columns though 5 bytes: "café café" fits 9 columns exactly.
  lines = wrap("caf\xc3\xa9 caf\xc3\xa9 caf\xc3\xa9", 9, "", "");
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "caf\xc3\xa9 caf\xc3\xa9");
}

TEST_CASE("wide characters wrap by their columns") {
  std::string wide = "\xe6\x97\xa5";  // two columns each
  auto lines = wrap(wide + " " + wide + " " + wide, 5, "", "");
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == wide + " " + wide);
}

TEST_CASE("decimals are written with their sign and at least the width asked") {
  auto decimal = [](long long value, int width) {
    std::string out = "x";
    append_decimal(out, value, width);
    return out;
  };
  CHECK(decimal(0, 1) == "x0");
  CHECK(decimal(7, 2) == "x07");
  CHECK(decimal(2026, 4) == "x2026");
  CHECK(decimal(12345, 2) == "x12345");
  CHECK(decimal(-5, 3) == "x-005");
  CHECK(decimal(std::numeric_limits<long long>::min(), 1) == "x-9223372036854775808");
  CHECK(decimal(std::numeric_limits<long long>::max(), 1) == "x9223372036854775807");
}

TEST_CASE("shown text is escaped text or legsup's own words: no other text converts to it") {
  static_assert(!std::is_constructible_v<ShownText, std::string>);
  static_assert(!std::is_constructible_v<ShownText, std::string_view>);
  static_assert(!std::is_convertible_v<std::string, ShownText>);
  CHECK(ShownText::line("a\x1b]0;t\x07\nb").str() == "a\\x1b]0;t\\x07\\nb\n");
  CHECK(ShownText::escaped("x\ty\xc2\x9b").str() == "x\\ty\\u009b");
  CHECK((ShownText{"own words\n"} + ShownText::escaped("\x7f")).str() == "own words\n\\x7f");
}
