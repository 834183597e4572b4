// Aligned text tables, as `legsup log` prints them.
#pragma once

#include <string>
#include <vector>

#include "legsup/output.hpp"

namespace legsup {

struct Table {
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;
};

// Columns aligned by display width and separated by two spaces; every cell is escaped. When
// `fit` is set, the last column is cut (with "...") so that lines stay within `width`.
std::string render_table(const Table& table, int width, bool fit, const Style& style);

}  // namespace legsup
