// The log as the sessions in effect: every correction applied, removed sessions left out, and
// (when asked) the lines written before records had ids given their derived ids. The file keeps
// every line; this is only how it is read.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "legsup/log/log.hpp"
#include "legsup/log/record.hpp"

namespace legsup {

// The corrections in effect. A removal cancels what it names, a correction included (which
// restores what that one removed or changed).
class Corrections {
 public:
  // Corrections in the order opposite to the file's: a later correction decides about an
  // earlier one before that one is seen.
  void add_from_end(const Correction& correction);

  bool empty() const { return removed_.empty() && edits_.empty(); }
  bool removed(const std::string& id) const { return removed_.count(id) > 0; }
  bool corrects(const std::string& id) const;
  // True when an edit in effect gives the record `id` another start; any_moves(): for any id.
  bool moves(const std::string& id) const;
  bool any_moves() const { return !moved_.empty(); }
  // The edits made to this record, applied in the order they were made.
  void apply(Record& record) const;
  // Every id a correction in effect names.
  std::vector<std::string> targets() const;

 private:
  std::unordered_set<std::string> removed_;
  std::unordered_map<std::string, std::vector<Correction>> edits_;  // newest first
  std::unordered_set<std::string> moved_;  // ids an edit gives another start, as far as seen
};

// Every line of the log that is not a session: counted and warned about once, at the end.
class LogReader {
 public:
  LogReader(const SessionLog& log, LogWarning warn) : log_(log), warn_(std::move(warn)) {}

  // Every correction in the log, resolved (a pass that parses only the lines that may be one).
  Corrections corrections() const;

  // Every session in effect, in file order, with its line. With `ids`, an old line's record
  // gets its derived id (which costs a hash of every such line).
  void sessions(const Corrections& corrections,
                const std::function<void(Record&&, const LogLine&)>& visit, bool ids) const;
  void sessions(const std::function<void(Record&&)>& visit, bool ids) const;

  // Every session in effect that `keep` accepts (all, without it), with its id, in the order the
  // sessions started (those that started together, in file order), in little memory whatever
  // the log's size: a quick first look at each line's start finds the sessions that come later
  // in the file than in time (logged by hand afterwards, merged, or moved by an edit); the rest
  // are streamed as they are read, and those few are read back at their places.
  void sessions_by_start(const Corrections& corrections,
                         const std::function<bool(const Record&)>& keep,
                         const std::function<void(Record&&)>& visit) const;

  // The session on the line at `offset` (as sessions() gave it), corrections applied.
  std::optional<Record> session_at(LineCursor& lines, std::uint64_t offset,
                                   const Corrections& corrections, bool ids) const;

  // The last `count` sessions in effect that `keep` accepts, oldest first, read from the end of
  // the file so that the cost does not grow with the log.
  std::vector<Record> last_sessions(std::size_t count,
                                    const std::function<bool(const Record&)>& keep, bool ids) const;

  // Every entry as written: each record and each correction with its line, in file order.
  void entries(const std::function<void(const LogEntry&, const LogLine&)>& visit) const;

 private:
  // The entry on a line; a line that holds none is skipped with a warning saying why.
  std::optional<LogEntry> entry_on(const LogLine& line) const;

  const SessionLog& log_;
  LogWarning warn_;
};

// The id that `prefix` names among `ids` (at least 4 hex digits, as git takes a hash), or a
// message: no such id, or several (listed).
Parsed<std::string> resolve_id_prefix(std::string_view prefix, const std::vector<std::string>& ids);

}  // namespace legsup
