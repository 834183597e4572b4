#include "legsup/base/table.hpp"

#include <algorithm>
#include <optional>

#include "legsup/base/text.hpp"

namespace legsup {
namespace {

constexpr int kGap = 2;
constexpr int kLastColumnRoom = 12;  // what the last column (a note) keeps before others go

std::string escaped_cell(const std::vector<std::string>& row, std::size_t column) {
  return column < row.size() ? escape_controls(row[column]) : std::string();
}

}  // namespace

TableWriter::TableWriter(const Table& columns) {
  for (std::size_t i = 0; i < columns.headers.size(); ++i) {
    Column column;
    column.header = columns.headers[i];
    column.condense = i < columns.condense.size() ? columns.condense[i] : 0;
    column.drop = i < columns.drop.size() ? columns.drop[i] : 0;
    column.widest = column.widest_short = display_width(column.header);
    columns_.push_back(column);
  }
}

void TableWriter::measure(const std::vector<std::string>& row,
                          const std::vector<std::string>& short_row) {
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    int full = display_width(escaped_cell(row, i));
    std::string short_cell = escaped_cell(short_row, i);
    columns_[i].widest = std::max(columns_[i].widest, full);
    columns_[i].widest_short =
        std::max(columns_[i].widest_short, short_cell.empty() ? full : display_width(short_cell));
  }
}

int TableWriter::width_of(const Column& column) const {
  return column.condensed ? column.widest_short : column.widest;
}

int TableWriter::width_before_last() const {
  int total = 0;
  for (std::size_t i = 0; i + 1 < columns_.size(); ++i) {
    if (columns_[i].shown) total += width_of(columns_[i]) + kGap;
  }
  return total;
}

void TableWriter::lay_out(int width, bool fit) {
  width_ = width;
  fit_ = fit;
  if (!fit || columns_.empty()) return;
  // The next column to change: the lowest positive rank not yet used.
  auto next = [&](int Column::*rank, bool Column::*done, bool when) -> std::optional<std::size_t> {
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      const Column& column = columns_[i];
      if (column.*rank > 0 && column.*done == when &&
          (!best || column.*rank < columns_[*best].*rank)) {
        best = i;
      }
    }
    return best;
  };
  while (width_before_last() + kLastColumnRoom > width) {
    if (auto column = next(&Column::condense, &Column::condensed, false)) {
      columns_[*column].condensed = true;
    } else if (auto victim = next(&Column::drop, &Column::shown, true)) {
      columns_[*victim].shown = false;
    } else {
      break;
    }
  }
}

std::string TableWriter::cell(std::size_t column, const std::vector<std::string>& row,
                              const std::vector<std::string>& short_row) const {
  if (columns_[column].condensed) {
    std::string short_cell = escaped_cell(short_row, column);
    if (!short_cell.empty()) return short_cell;
  }
  return escaped_cell(row, column);
}

std::string TableWriter::join(const std::vector<std::string>& cells, const Style* title) const {
  std::string line;
  int before_last = width_before_last();
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (!columns_[i].shown) continue;
    bool last = i + 1 == columns_.size();
    std::string text = cells[i];
    if (last && fit_) text = cut_to_width(text, std::max(width_ - before_last, 4));
    if (!last) text = pad_right(text, width_of(columns_[i]));
    line += title ? title->paint(text, Tone::title) : text;
    if (!last) line.append(kGap, ' ');
  }
  while (!line.empty() && line.back() == ' ')
    line.pop_back();
  return line + "\n";
}

std::string TableWriter::header(const Style& style) const {
  std::vector<std::string> headers;
  for (const Column& column : columns_)
    headers.push_back(column.header);
  return join(headers, &style);
}

std::string TableWriter::line(const std::vector<std::string>& row,
                              const std::vector<std::string>& short_row) const {
  std::vector<std::string> cells;
  for (std::size_t i = 0; i < columns_.size(); ++i)
    cells.push_back(cell(i, row, short_row));
  return join(cells, nullptr);
}

std::string render_table(const Table& table, int width, bool fit, const Style& style) {
  static const std::vector<std::string> kNoShortForm;
  auto short_row = [&](std::size_t row) -> const std::vector<std::string>& {
    return row < table.short_rows.size() ? table.short_rows[row] : kNoShortForm;
  };
  TableWriter writer(table);
  for (std::size_t row = 0; row < table.rows.size(); ++row)
    writer.measure(table.rows[row], short_row(row));
  writer.lay_out(width, fit);
  std::string out = writer.header(style);
  for (std::size_t row = 0; row < table.rows.size(); ++row)
    out += writer.line(table.rows[row], short_row(row));
  return out;
}

}  // namespace legsup
