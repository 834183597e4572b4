// Aligned text tables, as `legsup log` and `legsup config` print them.
#pragma once

#include <string>
#include <vector>

#include "legsup/base/output.hpp"

namespace legsup {

struct Table {
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;
  // How the table fits a narrow terminal (all optional, one entry per column): a short form of
  // each row's cell ("" where there is none), and the order in which columns take their short
  // form and then drop out (lowest first; 0 never).
  std::vector<std::vector<std::string>> short_rows;
  std::vector<int> condense;
  std::vector<int> drop;
};

// Columns aligned by display width and separated by two spaces; every cell is escaped. With
// `fit`, lines stay within `width`: columns condense, then drop, in their order, while the last
// column would get fewer than 12 columns; then the last column is cut (with "...").
std::string render_table(const Table& table, int width, bool fit, const Style& style);

// The same table written in two passes, so that a table of any length is never held: every
// row is measured, then the columns are laid out once, then each row is written.
class TableWriter {
 public:
  // The headers, condense and drop of `columns` (its rows are not read).
  explicit TableWriter(const Table& columns);

  // A row and its short form ("" where a cell has none; an empty row when none has one).
  void measure(const std::vector<std::string>& row, const std::vector<std::string>& short_row);
  void lay_out(int width, bool fit);
  std::string header(const Style& style) const;
  std::string line(const std::vector<std::string>& row,
                   const std::vector<std::string>& short_row) const;

 private:
  struct Column {
    std::string header;
    int condense = 0;
    int drop = 0;
    int widest = 0;        // of its cells
    int widest_short = 0;  // of its cells in their short form, where they have one
    bool condensed = false;
    bool shown = true;
  };
  int width_of(const Column& column) const;
  int width_before_last() const;
  // The cell shown: escaped, in its short form when the column is condensed and it has one.
  std::string cell(std::size_t column, const std::vector<std::string>& row,
                   const std::vector<std::string>& short_row) const;
  // One line of the shown columns' cells, aligned; painted as titles when `title` is given.
  std::string join(const std::vector<std::string>& cells, const Style* title) const;

  std::vector<Column> columns_;
  int width_ = 0;
  bool fit_ = false;
};

}  // namespace legsup
