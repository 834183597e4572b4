// The log as the sessions in effect: every correction applied, removed sessions left out, and
// (when asked) the lines written before records had ids given their derived ids. The file keeps
// every line; this is only how it is read. Every way of reading it gives one reading, in memory
// that does not grow with the log, and two logs holding the same lines in another order (two
// machines that merged each other) read the same.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "legsup/log/log.hpp"
#include "legsup/log/record.hpp"

namespace legsup {

// The corrections in effect. A correction changes what comes before it in the log: it was made
// after what it corrects, and every log legsup writes, merged ones included, keeps that order. A
// removal cancels what it names, a correction included (which restores what that one removed or
// changed). The edits made to one session apply in the order they were made, by their time and
// then their id, whatever the order of their lines.
class Corrections {
 public:
  // An edit in effect, kept as its line (a few hundred bytes less than its parsed form, for each
  // of the thousands a long log may hold) and read again when it applies.
  struct Edit {
    std::string line;
    std::int64_t at;
    std::string id;
    std::uint64_t offset;
  };
  // What the corrections in effect do to one id: found with one look-up.
  struct Target {
    std::uint64_t first_naming = 0;  // where the first correction naming it starts
    std::uint64_t removed_by = 0;    // where the last removal of it starts (0: none)
    bool moved = false;              // an edit gives it another start
    std::vector<Edit> edits;
    // True when the entry on the line at `offset` is removed by a removal after it.
    bool removes(std::uint64_t offset) const { return removed_by > offset; }
    // The edits after `offset` made to this record, applied in the order they were made.
    void apply(Record& record, std::uint64_t offset) const;
  };

  // The correction on `line`, which starts at `offset`, the lines coming from the last to the
  // first: a later correction decides about an earlier one before that one is seen.
  void add_from_end(const Correction& correction, std::string_view line, std::uint64_t offset);

  bool empty() const { return targets_.empty(); }
  // What corrections in effect do to `id`; none when none names it.
  const Target* find(const std::string& id) const;
  // True when the entry `id` on the line at `offset` is removed by a removal after it.
  bool removed(const std::string& id, std::uint64_t offset) const;
  // True when an edit in effect gives the record `id` another start; any_moves(): for any id.
  bool moves(const std::string& id) const;
  bool any_moves() const { return any_moves_; }
  // Every id a correction in effect names.
  const std::unordered_map<std::string, Target>& targets() const { return targets_; }

 private:
  // A bit for each id's first 16 bits: most records are named by no correction, and this says
  // so without looking in the map (the reader's inner loop over a million lines).
  static std::size_t first_bits(const std::string& id);
  std::vector<bool> named_ = std::vector<bool>(1 << 16);
  std::unordered_map<std::string, Target> targets_;
  bool any_moves_ = false;
};

// Which sessions a reading keeps (all, when empty).
using KeepSession = std::function<bool(const Record&)>;

// A part of the log to read: its lines from `from` on, and the corrections that apply there.
// The first reading of all of the log warns about its lines (and about corrections that change
// nothing); the readings after it do not say it again.
struct LogSpan {
  std::uint64_t from = 0;
  Corrections corrections;
  bool warn = true;
};

// What an id prefix names: an entry's whole id, and what that entry is now.
struct NamedEntry {
  std::string id;
  std::optional<Record> session;             // the session in effect with that id, when it is one
  std::optional<std::int64_t> last_edit_at;  // ...and when the last edit in effect on it was made
  std::string last_edit_id;                  // ...and that edit's id (the later id, in a tie)
  bool correction = false;                   // the id is a correction's...
  bool in_effect = false;                    // ...which has not been taken back
};

// An entry as written, with its line.
struct WrittenEntry {
  LogEntry entry;
  std::string line;
};

// Every line of the log that is not an entry is warned about once, naming its place.
class LogReader {
 public:
  LogReader(SessionLog log, LogWarning warn) : log_(std::move(log)), warn_(std::move(warn)) {}

  // All of the log, with every correction in it resolved (a pass that parses only the lines that
  // may be one).
  LogSpan whole() const;

  // The end of the log that holds its last `count` sessions in effect that `keep` accepts, read
  // from the end (warning about the lines skipped there), so that the cost grows with `count`
  // and not with the log.
  LogSpan last(std::size_t count, const KeepSession& keep) const;

  // Every session in effect in the span, in file order, with its line. With `ids`, an old line's
  // record gets its derived id (which costs a hash of every such line).
  void sessions(LogSpan& span, const std::function<void(Record&&, const LogLine&)>& visit,
                bool ids) const;
  void sessions(const std::function<void(Record&&)>& visit, bool ids) const;

  // Every session in effect in the span that `keep` accepts, with its id, in the order the
  // sessions started, those that started together by id: the same order for the same sessions,
  // whatever the order of their lines. In little memory whatever the log's size: a quick first
  // look at each line's start finds the sessions that come later in the file than in that order
  // (logged by hand afterwards, merged, or moved by an edit); the rest are streamed as they are
  // read, and those few are read back at their places.
  void sessions_by_start(LogSpan& span, const KeepSession& keep,
                         const std::function<void(Record&&)>& visit) const;

  // The last entry of the file still in effect, with its id: a session not removed (with its
  // corrections), or a correction not taken back. Read from the end.
  std::optional<LogEntry> last_in_effect() const;

  // The removal in effect `id` and every other removal in effect that names what it names (two
  // machines that each removed one entry, merged, hold two: it is back only when each is taken
  // back); `id` alone when it is not a removal. Read from the end, in one pass.
  std::vector<std::string> removals_alike(const std::string& id) const;

  // The entry that `prefix` names (at least 4 hex digits, as git takes a hash), or a message: not
  // an id, no such entry, or several (listed).
  Parsed<NamedEntry> find(std::string_view prefix) const;

  // The entry `id` and every correction made to it, and to those: the entry first, then the
  // corrections in the order they were made (by their time, then their id).
  std::vector<WrittenEntry> history(const std::string& id) const;

 private:
  // The entry on a line; a line that holds none is skipped with a warning saying why.
  std::optional<LogEntry> entry_on(const LogLine& line, const LogWarning& warn) const;
  std::optional<Record> session_at(LineCursor& lines, std::uint64_t offset,
                                   const Corrections& corrections, bool ids) const;
  // Says which corrections of the whole log change nothing: what they name is not before them.
  void warn_unmatched(const Corrections& corrections, const std::unordered_set<std::string>& found,
                      const std::unordered_set<std::string>& after) const;

  SessionLog log_;
  LogWarning warn_;
};

// Finds the one id that a prefix names among ids offered one by one, in little memory.
class IdPrefix {
 public:
  static constexpr std::size_t kListed = 5;  // ids named in the message when there are several

  explicit IdPrefix(std::string_view prefix) : prefix_(prefix) {}
  // Why the prefix cannot name an id (fewer than 4 or more than 32 lower-case hex digits).
  static std::optional<std::string> check(std::string_view prefix);
  bool matches(std::string_view id) const { return id.substr(0, prefix_.size()) == prefix_; }
  void offer(std::string_view id);
  // The id, or a message: not an id, no such id, or several (the first few listed).
  Parsed<std::string> result() const;

 private:
  std::string prefix_;
  std::vector<std::string> matches_;  // the first few, each once
  bool more_ = false;                 // and others
};

// An entry's id: a correction's, a record's own, or the one derived from its line.
std::string entry_id(const LogEntry& entry, std::string_view line);

// The id that `prefix` names among `ids`, or a message.
Parsed<std::string> resolve_id_prefix(std::string_view prefix, const std::vector<std::string>& ids);

}  // namespace legsup
