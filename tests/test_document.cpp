#include <doctest/doctest.h>

#include "legsup/base/document.hpp"
#include "legsup/base/text.hpp"

using legsup::Document;
using legsup::render;
using legsup::Style;
using legsup::Tone;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
    lines.push_back(text.substr(start, end - start));
  }
  return lines;
}

}  // namespace

TEST_CASE("plain rendering: upper-case headings, numbered steps, no escape codes") {
  Document doc;
  doc.title("Pose").heading("Setup").steps({"first", "second"}).heading("During").bullet("x");
  std::string out = render(doc, 80, Style(false));
  CHECK(out == "Pose\n\nSETUP\n  1. first\n  2. second\n\nDURING\n  - x\n");
  CHECK(out.find('\x1b') == std::string::npos);
}

TEST_CASE("coloured rendering paints headings and entry labels") {
  Document doc;
  doc.heading("Cautions").entry("avoid", "Glaucoma", "", Tone::avoid);
  std::string out = render(doc, 80, Style(true));
  CHECK(out.find("\x1b[1;36mCautions\x1b[0m") != std::string::npos);
  CHECK(out.find("\x1b[1;31mavoid\x1b[0m") != std::string::npos);
}

TEST_CASE("every rendered line fits the width") {
  Document doc;
  std::string long_text(300, 'a');
  for (int i = 0; i < 30; ++i)
    long_text[static_cast<std::size_t>(i * 10)] = ' ';
  doc.title("T")
      .paragraph(long_text)
      .bullet(long_text)
      .steps({long_text})
      .entry("label", long_text, long_text);
  for (int width : {20, 40, 80}) {
    for (const auto& line : lines_of(render(doc, width, Style(false)))) {
      CHECK_MESSAGE(legsup::display_width(line) <= width, line);
    }
  }
}

TEST_CASE("entries share a label column and details hang under the text") {
  Document doc;
  doc.entry("a", "first", "more").entry("longer", "second");
  auto lines = lines_of(render(doc, 80, Style(false)));
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "  a       first");
  CHECK(lines[1] == "          more");
  CHECK(lines[2] == "  longer  second");
}

TEST_CASE("text from a document is escaped before it reaches the terminal") {
  Document doc;
  doc.heading("\x1b]0;pwned\x07").paragraph("clear \x1b[2J screen").entry("\x1b[31m", "x");
  for (bool color : {false, true}) {
    std::string out = render(doc, 80, Style(color));
    CHECK(out.find("\x1b]") == std::string::npos);
    CHECK(out.find("\x1b[2J") == std::string::npos);
    CHECK(out.find('\x07') == std::string::npos);
    CHECK(out.find("\\x1b[2J") != std::string::npos);
  }
}
