// One log across machines: what `legsup log merge FILE...` adds to the log, decided by id. Every
// record and correction of the files that the log does not already hold is appended, as it was
// written; merging twice adds nothing, and merging A into B and B into A leaves both holding the
// same entries.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_set>
#include <vector>

#include "legsup/log/log.hpp"

namespace legsup {

// The valid entries of a file to merge, each with its id and its line as written.
struct MergeSource {
  std::string path;
  std::vector<std::pair<std::string, std::string>> entries;
  std::size_t skipped = 0;  // lines that are not valid entries (warned about)
};

// Reads a file's entries; its broken lines are skipped with a warning naming the file and line.
MergeSource read_merge_source(const std::string& path, const LogWarning& warn);

// Every id of the log's entries (records, old lines by their derived ids, and corrections).
std::unordered_set<std::string> log_ids(const SessionLog& log, const LogWarning& warn);

struct MergeCount {
  std::string path;
  std::size_t added = 0;
  std::size_t already = 0;  // the log held it, or an earlier file gave it
  std::size_t skipped = 0;
};

struct MergePlan {
  std::string lines;  // to append, each ending in a newline
  std::vector<MergeCount> counts;
};

MergePlan plan_merge(std::unordered_set<std::string> ids, const std::vector<MergeSource>& sources);

}  // namespace legsup
