#include "legsup/table.hpp"

#include <algorithm>

#include "legsup/text.hpp"

namespace legsup {
namespace {

// The longest prefix of `text` that fits `columns`, with "..." when something was cut.
std::string cut_to_width(const std::string& text, int columns) {
  if (display_width(text) <= columns) return text;
  if (columns <= 3) return std::string(static_cast<std::size_t>(std::max(columns, 0)), '.');
  std::string kept;
  int used = 0;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t length = 1;
    unsigned char lead = static_cast<unsigned char>(text[at]);
    if (lead >= 0xF0) {
      length = 4;
    } else if (lead >= 0xE0) {
      length = 3;
    } else if (lead >= 0xC0) {
      length = 2;
    }
    std::string piece = text.substr(at, length);
    int piece_width = display_width(piece);
    if (used + piece_width > columns - 3) break;
    kept += piece;
    used += piece_width;
    at += length;
  }
  return kept + "...";
}

}  // namespace

std::string render_table(const Table& table, int width, bool fit, const Style& style) {
  std::size_t columns = table.headers.size();
  std::vector<std::vector<std::string>> cells;
  cells.reserve(table.rows.size());
  for (const auto& row : table.rows) {
    std::vector<std::string> escaped;
    for (std::size_t i = 0; i < columns; ++i) {
      escaped.push_back(i < row.size() ? escape_controls(row[i]) : std::string());
    }
    cells.push_back(std::move(escaped));
  }
  std::vector<int> widths(columns, 0);
  for (std::size_t i = 0; i < columns; ++i)
    widths[i] = display_width(table.headers[i]);
  for (const auto& row : cells) {
    for (std::size_t i = 0; i < columns; ++i) {
      widths[i] = std::max(widths[i], display_width(row[i]));
    }
  }
  int before_last = 0;
  for (std::size_t i = 0; i + 1 < columns; ++i)
    before_last += widths[i] + 2;

  auto line_of = [&](const std::vector<std::string>& row, bool header) {
    std::string line;
    for (std::size_t i = 0; i < columns; ++i) {
      bool last = i + 1 == columns;
      std::string cell = row[i];
      if (last && fit) cell = cut_to_width(cell, std::max(width - before_last, 4));
      std::string shown = last ? cell : pad_right(cell, widths[i]);
      line += header ? style.paint(shown, Tone::title) : shown;
      if (!last) line += "  ";
    }
    while (!line.empty() && line.back() == ' ')
      line.pop_back();
    return line + "\n";
  };

  std::string out = line_of(table.headers, true);
  for (const auto& row : cells)
    out += line_of(row, false);
  return out;
}

}  // namespace legsup
