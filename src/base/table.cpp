#include "legsup/base/table.hpp"

#include <algorithm>

#include "legsup/base/text.hpp"

namespace legsup {
namespace {

constexpr int kGap = 2;
constexpr int kLastColumnRoom = 12;  // what the last column (a note) keeps before others go

// The next column to change: the lowest positive rank not yet used.
std::optional<std::size_t> next_column(const std::vector<int>& ranks,
                                       const std::vector<bool>& done) {
  std::optional<std::size_t> best;
  for (std::size_t i = 0; i < ranks.size(); ++i) {
    if (ranks[i] > 0 && !done[i] && (!best || ranks[i] < ranks[*best])) best = i;
  }
  return best;
}

}  // namespace

std::string render_table(const Table& table, int width, bool fit, const Style& style) {
  std::size_t columns = table.headers.size();
  auto escaped_rows = [&](const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::vector<std::string>> cells;
    cells.reserve(rows.size());
    for (const auto& row : rows) {
      std::vector<std::string> escaped;
      for (std::size_t i = 0; i < columns; ++i) {
        escaped.push_back(i < row.size() ? escape_controls(row[i]) : std::string());
      }
      cells.push_back(std::move(escaped));
    }
    return cells;
  };
  std::vector<std::vector<std::string>> cells = escaped_rows(table.rows);
  std::vector<std::vector<std::string>> short_cells = escaped_rows(table.short_rows);

  std::vector<bool> shown(columns, true);
  std::vector<bool> condensed(columns, false);
  auto column_width = [&](std::size_t i) {
    int widest = display_width(table.headers[i]);
    for (std::size_t r = 0; r < cells.size(); ++r) {
      bool use_short = condensed[i] && r < short_cells.size() && !short_cells[r][i].empty();
      widest = std::max(widest, display_width(use_short ? short_cells[r][i] : cells[r][i]));
    }
    return widest;
  };
  auto width_before_last = [&] {
    int total = 0;
    for (std::size_t i = 0; i + 1 < columns; ++i) {
      if (shown[i]) total += column_width(i) + kGap;
    }
    return total;
  };
  if (fit && columns > 0) {
    std::vector<int> condense(table.condense), drop(table.drop);
    condense.resize(columns, 0);
    drop.resize(columns, 0);
    std::vector<bool> dropped(columns, false);
    while (width_before_last() + kLastColumnRoom > width) {
      if (auto next = next_column(condense, condensed)) {
        condensed[*next] = true;
      } else if (auto victim = next_column(drop, dropped)) {
        dropped[*victim] = true;
        shown[*victim] = false;
      } else {
        break;
      }
    }
  }

  std::vector<int> widths(columns);
  for (std::size_t i = 0; i < columns; ++i)
    widths[i] = column_width(i);
  int before_last = width_before_last();

  auto line_of = [&](std::size_t row, bool header) {
    std::string line;
    for (std::size_t i = 0; i < columns; ++i) {
      if (!shown[i]) continue;
      bool last = i + 1 == columns;
      std::string cell = header ? table.headers[i] : cells[row][i];
      if (!header && condensed[i] && row < short_cells.size() && !short_cells[row][i].empty()) {
        cell = short_cells[row][i];
      }
      if (last && fit) cell = cut_to_width(cell, std::max(width - before_last, 4));
      std::string padded = last ? cell : pad_right(cell, widths[i]);
      line += header ? style.paint(padded, Tone::title) : padded;
      if (!last) line.append(kGap, ' ');
    }
    while (!line.empty() && line.back() == ' ')
      line.pop_back();
    return line + "\n";
  };

  std::string out = line_of(0, true);
  for (std::size_t row = 0; row < cells.size(); ++row)
    out += line_of(row, false);
  return out;
}

}  // namespace legsup
