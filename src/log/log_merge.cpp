#include "legsup/log/log_merge.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <functional>
#include <tuple>

#include "legsup/log/log_reader.hpp"
#include "legsup/log/record.hpp"

namespace legsup {
namespace {

// An entry by its id and its contents as hashes: the id of a record or a correction (64 bits),
// and its contents in the writer's form (32 bits), so that the same entry written with other
// spacing, line ends or member order is the same. Two ids taken for one would need a 64-bit hash
// to collide; two contents of one id, a 32-bit one.
struct Keys {
  std::uint64_t id = 0;
  std::uint32_t content = 0;
  auto operator<=>(const Keys&) const = default;
};

Keys keys_of(const LogEntry& entry, std::string_view line) {
  std::hash<std::string_view> hash;
  std::string content = entry.correction ? format_correction_line(*entry.correction)
                                         : format_record_line(*entry.record);
  return {hash(entry_id(entry, line)), static_cast<std::uint32_t>(hash(content))};
}

// What becomes of a line of a file being merged.
enum class Verdict : std::uint32_t { add, already, differs };

// A line of a file being merged, in 16 bytes: its keys, and its number with its verdict in the
// two lowest bits (so that sorting by it sorts by the line's number).
struct FileEntry {
  std::uint64_t id;
  std::uint32_t content;
  std::uint32_t place;
  Keys keys() const { return {id, content}; }
  std::size_t line() const { return place >> 2; }
  Verdict verdict() const { return static_cast<Verdict>(place & 3); }
  void decide(Verdict verdict) { place = (place & ~3u) | static_cast<std::uint32_t>(verdict); }
};
static_assert(sizeof(FileEntry) == 16);
constexpr std::size_t kMostLines = (std::size_t{1} << 30) - 1;

// Every entry of the log, sorted by id.
std::vector<Keys> index_log(const SessionLog& log, const LogWarning& warn) {
  std::vector<Keys> index;
  log.for_each_line(
      [&](const LogLine& line) {
        if (auto entry = parse_log_line(line.text)) index.push_back(keys_of(*entry, line.text));
      },
      warn);
  std::sort(index.begin(), index.end());
  return index;
}

// Decides for each entry of a file, in the order of their ids: the first line of an id that the
// log lacks is added; a line whose id is there already is there already when its contents are
// the same, and differs when they are not.
void decide(std::vector<FileEntry>& entries, const std::vector<Keys>& index) {
  std::sort(entries.begin(), entries.end(), [](const FileEntry& a, const FileEntry& b) {
    return std::tie(a.id, a.place) < std::tie(b.id, b.place);
  });
  for (std::size_t first = 0, end = 0; first < entries.size(); first = end) {
    std::uint64_t id = entries[first].id;
    for (end = first; end < entries.size() && entries[end].id == id; ++end) {
    }
    auto in_log = std::equal_range(index.begin(), index.end(), Keys{id, 0},
                                   [](const Keys& a, const Keys& b) { return a.id < b.id; });
    bool known = in_log.first != in_log.second;
    for (std::size_t i = first; i < end; ++i) {
      Keys keys = entries[i].keys();
      bool same = known ? std::binary_search(in_log.first, in_log.second, keys)
                        : keys == entries[first].keys();
      if (!known && i == first) {
        entries[i].decide(Verdict::add);
      } else {
        entries[i].decide(same ? Verdict::already : Verdict::differs);
      }
    }
  }
  std::sort(entries.begin(), entries.end(),
            [](const FileEntry& a, const FileEntry& b) { return a.place < b.place; });
}

MergeCount merge_file(const std::string& path, std::vector<Keys>& index, bool more_files,
                      const SessionLog::AppendLines& write, const LogWarning& warn) {
  MergeCount count{path};
  SessionLog file(path);
  LogWarning skip = [&](const std::string& message) {
    ++count.skipped;
    if (warn) warn(message);
  };
  // First the keys of every entry, then what becomes of each.
  std::vector<FileEntry> entries;
  file.for_each_line(
      [&](const LogLine& line) {
        auto entry = parse_log_line(line.text);
        if (!entry) return file.warn_skipped(skip, line, entry.error());
        if (line.number > kMostLines) {
          throw runtime_error(fmt::format("{} has too many lines to merge", path));
        }
        Keys keys = keys_of(*entry, line.text);
        entries.push_back({keys.id, keys.content, static_cast<std::uint32_t>(line.number << 2)});
      },
      skip);
  decide(entries, index);

  // Then each line again, as written: appended, counted, or said.
  auto changed = [&] {
    return runtime_error(fmt::format("{} changed while it was merged; nothing was added", path));
  };
  std::size_t next = 0;
  file.for_each_line(
      [&](const LogLine& line) {
        if (next == entries.size() || entries[next].line() != line.number) return;  // skipped
        const FileEntry& known = entries[next++];
        auto entry = parse_log_line(line.text);
        if (!entry || keys_of(*entry, line.text) != known.keys()) throw changed();
        switch (known.verdict()) {
          case Verdict::add:
            write(line.text);
            write("\n");
            ++count.added;
            break;
          case Verdict::already:
            ++count.already;
            break;
          case Verdict::differs:
            ++count.differing;
            if (warn) {
              warn(fmt::format(
                  "{}: {}: the log holds the id {} with other contents; this line is not added",
                  path, line.where(), entry_id(*entry, line.text)));
            }
            break;
        }
      },
      nullptr);
  if (next != entries.size()) throw changed();

  if (more_files) {
    for (const FileEntry& entry : entries) {
      if (entry.verdict() == Verdict::add) index.push_back(entry.keys());
    }
    std::sort(index.begin(), index.end());
  }
  return count;
}

}  // namespace

std::vector<MergeCount> merge_into(const SessionLog& log, const std::vector<std::string>& paths,
                                   const LogWarning& warn) {
  std::vector<MergeCount> counts;
  // Decided under the log's lock, from what it holds then: no other writer can race it.
  log.append_stream([&](const SessionLog::AppendLines& write) {
    std::vector<Keys> index = index_log(log, warn);
    for (std::size_t i = 0; i < paths.size(); ++i)
      counts.push_back(merge_file(paths[i], index, i + 1 < paths.size(), write, warn));
  });
  return counts;
}

}  // namespace legsup
