// Reading whole files, with errors that name the file and say what went wrong.
#pragma once

#include <cstddef>
#include <string>

#include "legsup/base/error.hpp"

namespace legsup {

// A content or config file is small: anything larger is refused rather than read into memory.
inline constexpr std::size_t kMaxSmallFileBytes = 4 * 1024 * 1024;

// The whole file, or a message such as "cannot read x.json: No such file or directory".
Parsed<std::string> read_small_file(const std::string& path,
                                    std::size_t max_bytes = kMaxSmallFileBytes);

}  // namespace legsup
