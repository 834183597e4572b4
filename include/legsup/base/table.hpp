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

}  // namespace legsup
