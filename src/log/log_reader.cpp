#include "legsup/log/log_reader.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <limits>
#include <tuple>

namespace legsup {

void Corrections::add_from_end(const Correction& correction) {
  // Removed by a later correction (seen already): as if it had never been made.
  if (removed_.count(correction.id)) return;
  if (correction.remove) {
    removed_.insert(correction.corrects);
  } else {
    edits_[correction.corrects].push_back(correction);
    if (std::find(correction.fields.begin(), correction.fields.end(), "start") !=
        correction.fields.end()) {
      moved_.insert(correction.corrects);
    }
  }
}

bool Corrections::moves(const std::string& id) const {
  return moved_.count(id) > 0;
}

bool Corrections::corrects(const std::string& id) const {
  return removed_.count(id) > 0 || edits_.count(id) > 0;
}

void Corrections::apply(Record& record) const {
  auto found = edits_.find(record.id);
  if (found == edits_.end()) return;
  for (auto edit = found->second.rbegin(); edit != found->second.rend(); ++edit) {
    // An edit that a later removal cancelled is not in the list; one removed itself is skipped.
    if (!removed_.count(edit->id)) apply_correction(record, *edit);
  }
}

std::vector<std::string> Corrections::targets() const {
  std::vector<std::string> ids(removed_.begin(), removed_.end());
  for (const auto& [id, edits] : edits_)
    ids.push_back(id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

Corrections LogReader::corrections() const {
  std::vector<Correction> in_order;
  // Most logs hold no correction at all: one fast look over the bytes says so.
  if (!log_.contains("\"corrects\"")) return {};
  log_.for_each_line(
      [&](const LogLine& line) {
        // Most lines are records: a cheap look first, a full parse only for likely corrections.
        if (!may_be_correction(line.text)) return;
        auto entry = parse_log_line(line.text);
        if (entry && entry->correction) in_order.push_back(std::move(*entry->correction));
      },
      nullptr);
  Corrections corrections;
  for (auto correction = in_order.rbegin(); correction != in_order.rend(); ++correction)
    corrections.add_from_end(*correction);
  return corrections;
}

namespace {

// The record of a parsed line with its id (derived for an old line, when asked or needed) and
// its corrections; none when a correction removed it.
std::optional<Record> in_effect(Record&& record, std::string_view line,
                                const Corrections& corrections, bool ids) {
  if (record.id.empty() && (ids || !corrections.empty())) record.id = derived_record_id(line);
  if (!corrections.empty() && corrections.corrects(record.id)) {
    if (corrections.removed(record.id)) return std::nullopt;
    corrections.apply(record);
  }
  return std::move(record);
}

}  // namespace

void LogReader::sessions(const std::function<void(Record&&)>& visit, bool ids) const {
  sessions(
      corrections(), [&](Record&& record, const LogLine&) { visit(std::move(record)); }, ids);
}

std::optional<Record> LogReader::session_at(LineCursor& lines, std::uint64_t offset,
                                            const Corrections& corrections, bool ids) const {
  auto line = lines.line_at(offset);
  if (!line) return std::nullopt;
  auto parsed = parse_log_line(*line);
  if (!parsed || !parsed->record) return std::nullopt;
  LogEntry entry = std::move(parsed).value();
  return in_effect(std::move(*entry.record), *line, corrections, ids);
}

void LogReader::sessions_by_start(const Corrections& corrections,
                                  const std::function<bool(const Record&)>& keep,
                                  const std::function<void(Record&&)>& visit) const {
  struct Place {
    std::int64_t start;
    std::uint64_t offset;
    bool operator<(const Place& other) const {
      return std::tie(start, offset) < std::tie(other.start, other.offset);
    }
  };
  // The first look: each session's start as its line says. Those earlier than one before them
  // are "late"; so is every session an edit gives another start (read at once, for its start).
  std::vector<Place> late;
  std::vector<std::uint64_t> moved;
  std::int64_t latest = std::numeric_limits<std::int64_t>::min();
  log_.for_each_line(
      [&](const LogLine& line) {
        if (may_be_correction(line.text)) return;  // not a session
        auto start = quick_record_start(line.text);
        if (!start) return;  // not a session: the second pass says so
        if (corrections.any_moves()) {
          std::string id;
          if (auto quick = quick_record_id(line.text)) {
            id = *quick;
          } else if (auto entry = parse_log_line(line.text); entry && entry->record) {
            id = record_id(*entry->record, line.text);
          }
          if (corrections.moves(id)) {
            moved.push_back(line.offset);
            return;
          }
        }
        if (start->epoch_seconds < latest) {
          late.push_back({start->epoch_seconds, line.offset});
        } else {
          latest = start->epoch_seconds;
        }
      },
      nullptr);
  std::optional<LineCursor> lines;
  if (!late.empty() || !moved.empty()) lines.emplace(log_);
  for (std::uint64_t offset : moved) {
    if (auto record = session_at(*lines, offset, corrections, false))
      late.push_back({record->start.epoch_seconds, offset});
  }
  std::sort(late.begin(), late.end());
  std::vector<std::uint64_t> skip;  // the late ones' lines, which the stream passes over
  skip.reserve(late.size() + moved.size());
  for (const auto& place : late)
    skip.push_back(place.offset);
  skip.insert(skip.end(), moved.begin(), moved.end());
  std::sort(skip.begin(), skip.end());

  // The second pass: the sessions in order as they come, each late one read back just before
  // the first that started after it.
  std::size_t next_late = 0;
  std::size_t next_skip = 0;
  auto late_before = [&](const std::optional<Place>& bound) {
    for (; next_late < late.size() && (!bound || late[next_late] < *bound); ++next_late) {
      auto record = session_at(*lines, late[next_late].offset, corrections, true);
      if (record && (!keep || keep(*record))) visit(std::move(*record));
    }
  };
  sessions(
      corrections,
      [&](Record&& record, const LogLine& line) {
        while (next_skip < skip.size() && skip[next_skip] < line.offset)
          ++next_skip;
        if (next_skip < skip.size() && skip[next_skip] == line.offset) return;
        if (keep && !keep(record)) return;
        late_before(Place{record.start.epoch_seconds, line.offset});
        visit(std::move(record));
      },
      true);
  late_before(std::nullopt);
}

std::optional<LogEntry> LogReader::entry_on(const LogLine& line) const {
  auto parsed = parse_log_line(line.text);
  if (!parsed) {
    log_.warn_skipped(warn_, line, parsed.error());
    return std::nullopt;
  }
  return std::move(parsed).value();
}

void LogReader::sessions(const Corrections& corrections,
                         const std::function<void(Record&&, const LogLine&)>& visit,
                         bool ids) const {
  std::unordered_set<std::string> targets_seen;
  log_.for_each_line(
      [&](const LogLine& line) {
        auto parsed = entry_on(line);
        if (!parsed) return;
        LogEntry& entry = *parsed;
        if (entry.correction) {
          if (corrections.corrects(entry.correction->id)) {
            targets_seen.insert(entry.correction->id);
          }
          return;
        }
        Record& record = *entry.record;
        if (record.id.empty() && (ids || !corrections.empty())) {
          record.id = derived_record_id(line.text);
        }
        if (corrections.corrects(record.id)) targets_seen.insert(record.id);
        if (auto kept = in_effect(std::move(record), line.text, corrections, ids)) {
          visit(std::move(*kept), line);
        }
      },
      warn_);
  if (!warn_) return;
  for (const auto& id : corrections.targets()) {
    if (!targets_seen.count(id)) {
      warn_(fmt::format("{}: a correction names {}, which is not in the log; it changes nothing",
                        log_.path(), id));
    }
  }
}

std::vector<Record> LogReader::last_sessions(std::size_t count,
                                             const std::function<bool(const Record&)>& keep,
                                             bool ids) const {
  std::vector<Record> newest_first;
  if (count == 0) return newest_first;
  Corrections corrections;  // those seen so far from the end: every one of a record is later
  log_.for_each_line_from_end(
      [&](const LogLine& line) {
        auto parsed = entry_on(line);
        if (!parsed) return true;
        LogEntry& entry = *parsed;
        if (entry.correction) {
          corrections.add_from_end(*entry.correction);
          return true;
        }
        auto kept = in_effect(std::move(*entry.record), line.text, corrections, ids);
        if (kept && (!keep || keep(*kept))) newest_first.push_back(std::move(*kept));
        return newest_first.size() < count;
      },
      warn_);
  std::reverse(newest_first.begin(), newest_first.end());
  return newest_first;
}

void LogReader::entries(const std::function<void(const LogEntry&, const LogLine&)>& visit) const {
  log_.for_each_line(
      [&](const LogLine& line) {
        auto parsed = entry_on(line);
        if (!parsed) return;
        LogEntry& entry = *parsed;
        if (entry.record && entry.record->id.empty()) {
          entry.record->id = derived_record_id(line.text);
        }
        visit(entry, line);
      },
      warn_);
}

Parsed<std::string> resolve_id_prefix(std::string_view prefix,
                                      const std::vector<std::string>& ids) {
  if (prefix.size() < 4 || prefix.size() > 32 ||
      prefix.find_first_not_of("0123456789abcdef") != std::string_view::npos) {
    return Parsed<std::string>::failure(fmt::format(
        "\"{}\" is not an id: give at least 4 of its lower-case hex digits (legsup log --ids "
        "shows them)",
        prefix));
  }
  std::vector<std::string> matches;
  for (const auto& id : ids) {
    if (id.compare(0, prefix.size(), prefix) == 0 &&
        std::find(matches.begin(), matches.end(), id) == matches.end()) {
      matches.push_back(id);
    }
  }
  if (matches.empty()) {
    return Parsed<std::string>::failure(
        fmt::format("no session or correction has the id {}", prefix));
  }
  if (matches.size() > 1) {
    std::string listed;
    for (std::size_t i = 0; i < matches.size() && i < 5; ++i)
      listed += (i ? ", " : "") + matches[i].substr(0, 12);
    return Parsed<std::string>::failure(
        fmt::format("the id {} is ambiguous: it begins {} ids ({}{}); give more digits", prefix,
                    matches.size(), listed, matches.size() > 5 ? ", ..." : ""));
  }
  return matches.front();
}

}  // namespace legsup
