#include "legsup/log/log_merge.hpp"

#include "legsup/log/log_reader.hpp"
#include "legsup/log/record.hpp"

namespace legsup {
namespace {}  // namespace

MergeSource read_merge_source(const std::string& path, const LogWarning& warn) {
  MergeSource source{path, {}, 0};
  SessionLog file(path);
  file.for_each_line(
      [&](const LogLine& line) {
        auto entry = parse_log_line(line.text);
        if (!entry) {
          file.warn_skipped(warn, line, entry.error());
          ++source.skipped;
          return;
        }
        source.entries.emplace_back(entry_id(*entry, line.text), std::string(line.text));
      },
      [&](const std::string& message) {
        ++source.skipped;  // a line too long to be an entry
        if (warn) warn(message);
      });
  return source;
}

std::unordered_set<std::string> log_ids(const SessionLog& log, const LogWarning& warn) {
  std::unordered_set<std::string> ids;
  log.for_each_line(
      [&](const LogLine& line) {
        auto entry = parse_log_line(line.text);
        if (entry) ids.insert(entry_id(*entry, line.text));
      },
      warn);
  return ids;
}

MergePlan plan_merge(std::unordered_set<std::string> ids, const std::vector<MergeSource>& sources) {
  MergePlan plan;
  for (const auto& source : sources) {
    MergeCount count{source.path, 0, 0, source.skipped};
    for (const auto& [id, line] : source.entries) {
      if (ids.insert(id).second) {
        plan.lines += line;
        plan.lines += '\n';
        ++count.added;
      } else {
        ++count.already;
      }
    }
    plan.counts.push_back(count);
  }
  return plan;
}

}  // namespace legsup
