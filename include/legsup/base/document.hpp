// A small structured text (titles, headings, paragraphs, lists, labelled entries) that commands
// build from content, and one renderer that escapes, wraps to the width and colours it.
#pragma once

#include <string>
#include <vector>

#include "legsup/base/output.hpp"

namespace legsup {

enum class BlockKind {
  title,      // the document's name, bold
  heading,    // a section: coloured on a terminal, upper case in plain text
  paragraph,  // wrapped, indented two columns
  bullet,     // "  - text", continuation lines hang under the text
  step,       // "  1. text", numbered from the previous step of the same run
  entry,      // "  label   text" with `detail` wrapped under the text
  note,       // a muted paragraph
};

struct Block {
  BlockKind kind;
  std::string text;
  std::string label;        // entry: the left column
  std::string detail;       // entry: a paragraph under the text
  Tone tone = Tone::plain;  // entry: the label's tone
};

class Document {
 public:
  Document& title(std::string text);
  Document& heading(std::string text);
  Document& paragraph(std::string text);
  Document& note(std::string text);
  Document& bullet(std::string text);
  Document& bullets(const std::vector<std::string>& texts);
  Document& steps(const std::vector<std::string>& texts);
  Document& entry(std::string label, std::string text, std::string detail = {},
                  Tone tone = Tone::plain);
  const std::vector<Block>& blocks() const { return blocks_; }

 private:
  Document& add(BlockKind kind, std::string text);

  std::vector<Block> blocks_;
};

// Renders to lines ending in '\n'. Every text from the document is escaped first, so content
// can never put control characters on the terminal.
std::string render(const Document& document, int width, const Style& style);

}  // namespace legsup
