// One log across machines: what `legsup log merge FILE...` adds to the log, decided by id. Every
// record and correction of the files that the log does not already hold is appended, as it was
// written; merging twice adds nothing, and merging A into B and B into A leaves both holding the
// same entries. An entry whose id the log holds with other contents is not added, and said.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "legsup/log/log.hpp"

namespace legsup {

struct MergeCount {
  std::string path;
  std::size_t added = 0;
  std::size_t already = 0;    // the log held it, or an earlier line or file gave it
  std::size_t differing = 0;  // the log held its id with other contents: not added
  std::size_t skipped = 0;    // lines that are not entries, which every reader skips too
};

// Appends to the log, under its lock, every entry of the files at `paths` that it lacks, and
// counts for each file what it did. A line that is not an entry is skipped with the warning the
// readers give; an entry whose id the log (or an earlier line) holds with other contents, with a
// warning naming the id. The memory used is 16 bytes for each entry of the log and for each
// of the file being merged, whatever their lines hold; the lines to append go out in pieces, and
// when anything fails the log is left as it was.
std::vector<MergeCount> merge_into(const SessionLog& log, const std::vector<std::string>& paths,
                                   const LogWarning& warn);

}  // namespace legsup
