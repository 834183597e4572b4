#include "legsup/base/document.hpp"

#include <algorithm>
#include <cctype>

#include "legsup/base/text.hpp"

namespace legsup {

Document& Document::add(BlockKind kind, std::string text) {
  blocks_.push_back({kind, std::move(text), {}, {}});
  return *this;
}

Document& Document::title(std::string text) {
  return add(BlockKind::title, std::move(text));
}

Document& Document::heading(std::string text) {
  return add(BlockKind::heading, std::move(text));
}

Document& Document::paragraph(std::string text) {
  return add(BlockKind::paragraph, std::move(text));
}

Document& Document::note(std::string text) {
  return add(BlockKind::note, std::move(text));
}

Document& Document::bullet(std::string text) {
  return add(BlockKind::bullet, std::move(text));
}

Document& Document::bullets(const std::vector<std::string>& texts) {
  for (const auto& text : texts)
    bullet(text);
  return *this;
}

Document& Document::steps(const std::vector<std::string>& texts) {
  for (const auto& text : texts)
    blocks_.push_back({BlockKind::step, text, {}, {}});
  return *this;
}

Document& Document::entry(std::string label, std::string text, std::string detail, Tone tone) {
  blocks_.push_back({BlockKind::entry, std::move(text), std::move(label), std::move(detail), tone});
  return *this;
}

namespace {

constexpr int kIndent = 2;

std::string upper_ascii(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

void append_lines(std::string& out, const std::vector<std::string>& lines) {
  for (const auto& line : lines) {
    out += line;
    out += '\n';
  }
}

// Entries in a run share one label column, as wide as the widest label (within reason).
int label_column_width(const std::vector<Block>& blocks, std::size_t first, int width) {
  int widest = 0;
  for (std::size_t i = first; i < blocks.size() && blocks[i].kind == BlockKind::entry; ++i) {
    widest = std::max(widest, display_width(escape_controls(blocks[i].label)));
  }
  return std::min(widest, std::max(4, width / 3));
}

}  // namespace

std::string render(const Document& document, int width, const Style& style) {
  const std::string indent(kIndent, ' ');
  const auto& blocks = document.blocks();
  std::string out;
  int step_number = 0;
  int label_width = 0;
  BlockKind previous = BlockKind::title;

  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const Block& block = blocks[i];
    const std::string text = escape_controls(block.text);
    if (block.kind != BlockKind::step) step_number = 0;
    bool starts_run = i == 0 || previous != block.kind;
    // Headings and titles stand apart from what came before.
    if ((block.kind == BlockKind::heading || block.kind == BlockKind::title) && !out.empty()) {
      out += '\n';
    }
    switch (block.kind) {
      case BlockKind::title:
        for (const auto& line : wrap(text, width, "", "")) {
          out += style.paint(line, Tone::title) + '\n';
        }
        break;
      case BlockKind::heading:
        for (const auto& line : wrap(text, width, "", "")) {
          out += style.color() ? style.paint(line, Tone::heading) : upper_ascii(line);
          out += '\n';
        }
        break;
      case BlockKind::paragraph:
        append_lines(out, wrap(text, width, indent, indent));
        break;
      case BlockKind::note: {
        for (const auto& line : wrap(text, width, indent, indent)) {
          out += indent + style.paint(line.substr(kIndent), Tone::muted) + '\n';
        }
        break;
      }
      case BlockKind::bullet:
        append_lines(out, wrap(text, width, indent + "- ", indent + "  "));
        break;
      case BlockKind::step: {
        ++step_number;
        std::string marker = indent + std::to_string(step_number) + ". ";
        append_lines(out, wrap(text, width, marker, std::string(marker.size(), ' ')));
        break;
      }
      case BlockKind::entry: {
        if (starts_run) label_width = label_column_width(blocks, i, width);
        std::string label = escape_controls(block.label);
        int column = kIndent + label_width + 2;
        std::string hang(static_cast<std::size_t>(column), ' ');
        // A label too wide for its column gets a line of its own.
        std::vector<std::string> lines;
        if (display_width(label) > label_width) {
          out += indent + style.paint(label, block.tone) + '\n';
          lines = wrap(text, width, hang, hang);
        } else {
          lines = wrap(text, width, hang, hang);
          lines.front() = indent + style.paint(pad_right(label, label_width), block.tone) + "  " +
                          lines.front().substr(static_cast<std::size_t>(column));
        }
        append_lines(out, lines);
        if (!block.detail.empty()) {
          append_lines(out, wrap(escape_controls(block.detail), width, hang, hang));
        }
        break;
      }
    }
    previous = block.kind;
  }
  return out;
}

}  // namespace legsup
