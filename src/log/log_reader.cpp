#include "legsup/log/log_reader.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <limits>
#include <map>
#include <tuple>

#include "legsup/base/text.hpp"

namespace legsup {
namespace {

// The order edits apply in: when they were made, then their id; never the order of their lines.
bool made_before(std::int64_t a_at, const std::string& a_id, std::int64_t b_at,
                 const std::string& b_id) {
  return std::tie(a_at, a_id) < std::tie(b_at, b_id);
}
bool made_before(const Correction& a, const Correction& b) {
  return made_before(a.at.epoch_seconds, a.id, b.at.epoch_seconds, b.id);
}

// True when every field `edit` sets is set again by an edit in effect made after it: it changes
// nothing, wherever its line lies (a merge may have put it last).
bool set_again(const Correction& edit, const Corrections& all) {
  const Corrections::Target* target = all.find(edit.corrects);
  if (edit.remove || edit.fields.empty() || !target) return false;
  std::vector<std::vector<std::string>> later_fields;
  for (const auto& later : target->edits) {
    if (!made_before(edit.at.epoch_seconds, edit.id, later.at, later.id)) continue;
    auto parsed = parse_log_line(later.line);
    if (parsed && parsed->correction) later_fields.push_back(parsed->correction->fields);
  }
  return std::all_of(edit.fields.begin(), edit.fields.end(), [&](const std::string& field) {
    return std::any_of(later_fields.begin(), later_fields.end(), [&](const auto& fields) {
      return std::find(fields.begin(), fields.end(), field) != fields.end();
    });
  });
}

}  // namespace

void Corrections::add_from_end(const Correction& correction, std::string_view line,
                               std::uint64_t offset) {
  // Taken back by a later removal (seen already): as if it had never been made.
  if (removed(correction.id, offset)) return;
  named_[first_bits(correction.corrects)] = true;
  Target& target = targets_[correction.corrects];
  target.first_naming = offset;  // the lines come from the end: the last is the first
  if (correction.remove) {
    if (target.removed_by == 0) target.removed_by = offset;  // the first seen is the last
    return;
  }
  target.edits.push_back({std::string(line), correction.at.epoch_seconds, correction.id, offset});
  if (std::find(correction.fields.begin(), correction.fields.end(), "start") !=
      correction.fields.end()) {
    target.moved = any_moves_ = true;
  }
}

std::size_t Corrections::first_bits(const std::string& id) {
  std::size_t bits = 0;
  for (std::size_t i = 0; i < 4 && i < id.size(); ++i)
    bits = (bits << 4) | (static_cast<unsigned char>(id[i]) & 15);
  return bits;
}

const Corrections::Target* Corrections::find(const std::string& id) const {
  if (targets_.empty() || !named_[first_bits(id)]) return nullptr;
  auto found = targets_.find(id);
  return found == targets_.end() ? nullptr : &found->second;
}

bool Corrections::removed(const std::string& id, std::uint64_t offset) const {
  const Target* target = find(id);
  return target && target->removes(offset);
}

bool Corrections::moves(const std::string& id) const {
  const Target* target = find(id);
  return target && target->moved;
}

void Corrections::Target::apply(Record& record, std::uint64_t offset) const {
  std::vector<const Edit*> made;
  for (const Edit& edit : edits) {
    if (edit.offset > offset) made.push_back(&edit);
  }
  std::sort(made.begin(), made.end(),
            [](const Edit* a, const Edit* b) { return made_before(a->at, a->id, b->at, b->id); });
  for (const Edit* edit : made) {
    auto entry = parse_log_line(edit->line);
    if (entry && entry->correction) apply_correction(record, *entry->correction);
  }
}

namespace {

// An id's 128 bits, to order sessions that started together in little memory.
using IdBits = std::array<std::uint64_t, 2>;

IdBits id_bits(std::string_view id) {
  IdBits bits{};
  for (std::size_t i = 0; i < id.size() && i < 32; ++i) {
    // A hex digit's value without a branch: '0'-'9' are 0x30-0x39, 'a'-'f' 0x61-0x66.
    auto c = static_cast<unsigned char>(id[i]);
    bits[i / 16] = (bits[i / 16] << 4) | ((c & 15u) + 9u * (c >> 6));
  }
  return bits;
}

// The id of the record on a line, as bits: as legsup writes it (its first member), read at once;
// else from the whole line. With `id`, the id itself too.
IdBits line_record_id(std::string_view line, std::string* id = nullptr) {
  if (auto quick = quick_record_id(line)) {
    if (id) id->assign(*quick);
    return id_bits(*quick);
  }
  auto entry = parse_log_line(line);
  std::string whole = entry && entry->record ? record_id(*entry->record, line) : std::string();
  if (id) *id = whole;
  return id_bits(whole);
}

// The record with its corrections, given what they do to its id; none when one removed it.
std::optional<Record> in_effect(Record&& record, std::uint64_t offset,
                                const Corrections::Target* target) {
  if (target) {
    if (target->removes(offset)) return std::nullopt;
    target->apply(record, offset);
  }
  return std::move(record);
}

// The record of a parsed line with its id (derived for an old line, when asked or needed) and
// its corrections; none when a correction removed it.
std::optional<Record> in_effect(Record&& record, std::string_view line, std::uint64_t offset,
                                const Corrections& corrections, bool ids) {
  if (record.id.empty() && (ids || !corrections.empty())) record.id = derived_record_id(line);
  const Corrections::Target* target = corrections.find(record.id);
  return in_effect(std::move(record), offset, target);
}

}  // namespace

std::string entry_id(const LogEntry& entry, std::string_view line) {
  return entry.correction ? entry.correction->id : record_id(*entry.record, line);
}

std::optional<LogEntry> LogReader::entry_on(const LogLine& line, const LogWarning& warn) const {
  auto parsed = parse_log_line(line.text);
  if (!parsed) {
    log_.warn_skipped(warn, line, parsed.error());
    return std::nullopt;
  }
  return std::move(parsed).value();
}

LogSpan LogReader::whole() const {
  LogSpan span;
  // Most logs hold no correction at all: one fast look over the bytes says so.
  if (!log_.contains("\"corrects\"")) return span;
  log_.for_each_line_from_end(
      [&](const LogLine& line) {
        // Most lines are records: a cheap look first, a full parse only for likely corrections.
        if (!may_be_correction(line.text)) return true;
        auto entry = parse_log_line(line.text);
        if (entry && entry->correction) {
          span.corrections.add_from_end(*entry->correction, line.text, line.offset);
        }
        return true;
      },
      nullptr);
  return span;
}

LogSpan LogReader::last(std::size_t count, const KeepSession& keep) const {
  LogSpan span;
  span.warn = false;  // said while reading from the end
  std::size_t found = 0;
  log_.for_each_line_from_end(
      [&](const LogLine& line) {
        auto entry = entry_on(line, warn_);
        if (!entry) return true;
        if (entry->correction) {
          span.corrections.add_from_end(*entry->correction, line.text, line.offset);
          return true;
        }
        auto kept =
            in_effect(std::move(*entry->record), line.text, line.offset, span.corrections, false);
        if (kept && (!keep || keep(*kept)) && ++found == count) span.from = line.offset;
        return found < count;
      },
      warn_);
  return span;  // fewer than `count`: all of the log, from its start
}

void LogReader::sessions(const std::function<void(Record&&)>& visit, bool ids) const {
  LogSpan span = whole();
  sessions(
      span, [&](Record&& record, const LogLine&) { visit(std::move(record)); }, ids);
}

void LogReader::sessions(LogSpan& span, const std::function<void(Record&&, const LogLine&)>& visit,
                         bool ids) const {
  const Corrections& corrections = span.corrections;
  // The targets of corrections found before the first correction naming them, and after.
  std::unordered_set<std::string> found, after;
  // Notes where an entry that corrections name lies: before the first of them, or after.
  auto seen = [&](const std::string& id, const Corrections::Target* target, std::uint64_t offset) {
    if (target && span.warn) (offset < target->first_naming ? found : after).insert(id);
  };
  log_.for_each_line(
      [&](const LogLine& line) {
        auto entry = entry_on(line, span.warn ? warn_ : nullptr);
        if (!entry) return;
        if (entry->correction) {
          const std::string& id = entry->correction->id;
          seen(id, corrections.find(id), line.offset);
          return;
        }
        Record& record = *entry->record;
        if (record.id.empty() && (ids || !corrections.empty())) {
          record.id = derived_record_id(line.text);
        }
        const Corrections::Target* target = corrections.find(record.id);
        seen(record.id, target, line.offset);
        if (auto kept = in_effect(std::move(record), line.offset, target)) {
          visit(std::move(*kept), line);
        }
      },
      span.warn ? warn_ : nullptr, span.from);
  if (span.warn) warn_unmatched(corrections, found, after);
  span.warn = false;
}

void LogReader::warn_unmatched(const Corrections& corrections,
                               const std::unordered_set<std::string>& found,
                               const std::unordered_set<std::string>& after) const {
  if (!warn_) return;
  std::vector<std::string> unmatched;
  for (const auto& [id, target] : corrections.targets()) {
    if (!found.count(id)) unmatched.push_back(id);
  }
  std::sort(unmatched.begin(), unmatched.end());
  for (const auto& id : unmatched) {
    std::string where = after.count(id) ? "comes only after it in the log (a correction changes "
                                          "what comes before it)"
                                        : "is not in the log";
    warn_(fmt::format("{}: a correction names {}, which {}; it changes nothing", log_.path(), id,
                      where));
  }
}

std::optional<Record> LogReader::session_at(LineCursor& lines, std::uint64_t offset,
                                            const Corrections& corrections, bool ids) const {
  auto line = lines.line_at(offset);
  if (!line) return std::nullopt;
  auto parsed = parse_log_line(*line);
  if (!parsed || !parsed->record) return std::nullopt;
  LogEntry entry = std::move(parsed).value();
  return in_effect(std::move(*entry.record), *line, offset, corrections, ids);
}

void LogReader::sessions_by_start(LogSpan& span, const KeepSession& keep,
                                  const std::function<void(Record&&)>& visit) const {
  // Where a session goes: when it started, then its id; then its line, for one record written
  // twice.
  struct Place {
    std::int64_t start;
    IdBits id;
    std::uint64_t offset;
    bool operator<(const Place& other) const {
      return std::tie(start, id, offset) < std::tie(other.start, other.id, other.offset);
    }
  };
  const Corrections& corrections = span.corrections;
  // The first look: each session's place as its line says. Those before one ahead of them in the
  // file are "late"; so is every session an edit gives another start (read at once, for it).
  std::vector<Place> late;
  std::vector<std::uint64_t> moved;
  std::optional<LineCursor> lines;
  // The session furthest on so far; its id is read only when another starts with it (rarely).
  std::optional<Place> latest;
  bool latest_id_known = false;
  log_.for_each_line(
      [&](const LogLine& line) {
        if (may_be_correction(line.text)) return;  // not a session
        auto start = quick_record_start(line.text);
        if (!start) return;  // not a session: the second pass says so
        std::optional<IdBits> id;
        if (corrections.any_moves()) {
          std::string text;
          id = line_record_id(line.text, &text);
          if (corrections.moves(text)) {
            moved.push_back(line.offset);
            return;
          }
        }
        if (!latest || start->epoch_seconds > latest->start) {
          latest = Place{start->epoch_seconds, id.value_or(IdBits{}), line.offset};
          latest_id_known = id.has_value();
          return;
        }
        if (!latest_id_known) {
          if (!lines) lines.emplace(log_);
          latest->id = line_record_id(lines->line_at(latest->offset).value_or(""));
          latest_id_known = true;
        }
        Place place{start->epoch_seconds, id ? *id : line_record_id(line.text), line.offset};
        if (place < *latest) {
          late.push_back(place);
        } else {
          latest = place;
        }
      },
      nullptr, span.from);
  if (!lines && (!late.empty() || !moved.empty())) lines.emplace(log_);
  for (std::uint64_t offset : moved) {
    if (auto record = session_at(*lines, offset, corrections, true))
      late.push_back({record->start.epoch_seconds, id_bits(record->id), offset});
  }
  std::sort(late.begin(), late.end());
  std::vector<std::uint64_t> skip;  // the late ones' lines, which the stream passes over
  skip.reserve(late.size() + moved.size());
  for (const auto& place : late)
    skip.push_back(place.offset);
  skip.insert(skip.end(), moved.begin(), moved.end());
  std::sort(skip.begin(), skip.end());

  // The second pass: the sessions in order as they come, each late one read back just before
  // the first that goes after it.
  std::size_t next_late = 0;
  std::size_t next_skip = 0;
  auto late_before = [&](const std::optional<Place>& bound) {
    for (; next_late < late.size() && (!bound || late[next_late] < *bound); ++next_late) {
      auto record = session_at(*lines, late[next_late].offset, corrections, true);
      if (record && (!keep || keep(*record))) visit(std::move(*record));
    }
  };
  sessions(
      span,
      [&](Record&& record, const LogLine& line) {
        while (next_skip < skip.size() && skip[next_skip] < line.offset)
          ++next_skip;
        if (next_skip < skip.size() && skip[next_skip] == line.offset) return;
        if (keep && !keep(record)) return;
        if (next_late < late.size())
          late_before(Place{record.start.epoch_seconds, id_bits(record.id), line.offset});
        visit(std::move(record));
      },
      true);
  late_before(std::nullopt);
}

std::optional<LogEntry> LogReader::last_in_effect() const {
  std::optional<LogEntry> last;
  Corrections corrections;  // those after the lines read so far: every one that may apply
  // Every edit in effect, in the whole log, read once the walk meets an edit (a log whose last
  // change is a session is not read twice): one that later edits (by the order edits apply in)
  // have overridden is not the last change in effect, though its line is last (two machines
  // that merged each other then take back the same change).
  std::optional<LogSpan> all;
  log_.for_each_line_from_end(
      [&](const LogLine& line) {
        auto entry = entry_on(line, warn_);
        if (!entry) return true;
        if (entry->correction) {
          if (!entry->correction->remove) {
            if (!all) all = whole();
            if (set_again(*entry->correction, all->corrections)) {
              corrections.add_from_end(*entry->correction, line.text, line.offset);
              return true;
            }
          }
          if (!corrections.removed(entry->correction->id, line.offset)) {
            last = std::move(entry);
            return false;
          }
          return true;
        }
        if (auto record =
                in_effect(std::move(*entry->record), line.text, line.offset, corrections, true)) {
          last = LogEntry{std::move(record), std::nullopt};
        }
        return !last;
      },
      warn_);
  return last;
}

std::vector<std::string> LogReader::removals_alike(const std::string& id) const {
  Corrections corrections;  // those after the lines read so far: they decide about these
  std::vector<std::pair<std::string, std::string>> removals;  // what each names, and its id
  std::optional<std::string> named;                           // what `id` removes
  log_.for_each_line_from_end(
      [&](const LogLine& line) {
        if (!may_be_correction(line.text)) return true;
        auto entry = parse_log_line(line.text);
        if (!entry || !entry->correction) return true;
        const Correction& correction = *entry->correction;
        if (correction.remove && !corrections.removed(correction.id, line.offset)) {
          if (correction.id == id) named = correction.corrects;
          removals.emplace_back(correction.corrects, correction.id);
        }
        corrections.add_from_end(correction, line.text, line.offset);
        return true;
      },
      nullptr);
  std::vector<std::string> alike = {id};
  for (const auto& [corrects, removal] : removals) {
    if (named && corrects == *named && removal != id) alike.push_back(removal);
  }
  return alike;
}

Parsed<NamedEntry> LogReader::find(std::string_view prefix) const {
  IdPrefix wanted(prefix);
  if (auto invalid = IdPrefix::check(prefix)) return Parsed<NamedEntry>::failure(*invalid);
  LogSpan span = whole();
  // What each id the prefix names is, for the few that it names.
  std::map<std::string, NamedEntry> named;
  log_.for_each_line(
      [&](const LogLine& line) {
        auto entry = entry_on(line, warn_);
        if (!entry) return;
        std::string id = entry_id(*entry, line.text);
        if (!wanted.matches(id)) return;
        wanted.offer(id);
        if (named.size() > IdPrefix::kListed && !named.count(id)) return;  // ambiguous anyway
        NamedEntry& about = named[id];
        about.id = id;
        if (entry->correction) {
          about.correction = true;
          about.in_effect = !span.corrections.removed(id, line.offset);
        } else if (auto session = in_effect(std::move(*entry->record), line.text, line.offset,
                                            span.corrections, true)) {
          if (const auto* target = span.corrections.find(session->id)) {
            for (const auto& edit : target->edits) {
              if (!about.last_edit_at ||
                  std::tie(edit.at, edit.id) > std::tie(*about.last_edit_at, about.last_edit_id)) {
                about.last_edit_at = edit.at;
                about.last_edit_id = edit.id;
              }
            }
          }
          about.session = std::move(session);
        }
      },
      warn_);
  auto id = wanted.result();
  if (!id) return Parsed<NamedEntry>::failure(id.error());
  return std::move(named[*id]);
}

std::vector<WrittenEntry> LogReader::history(const std::string& id) const {
  std::vector<WrittenEntry> entries;
  std::unordered_set<std::string> related = {id};
  log_.for_each_line(
      [&](const LogLine& line) {
        auto entry = entry_on(line, nullptr);
        if (!entry) return;
        std::string own = entry_id(*entry, line.text);
        bool about = related.count(own) > 0 ||
                     (entry->correction && related.count(entry->correction->corrects) > 0);
        if (!about) return;
        related.insert(own);
        if (entry->record) entry->record->id = own;
        entries.push_back({std::move(*entry), std::string(line.text)});
      },
      warn_);
  // The entry first, then what corrects it in the order it was made: the same on every copy.
  std::stable_sort(entries.begin(), entries.end(),
                   [&](const WrittenEntry& a, const WrittenEntry& b) {
                     bool a_first = !a.entry.correction || a.entry.correction->id == id;
                     bool b_first = !b.entry.correction || b.entry.correction->id == id;
                     if (a_first || b_first) return a_first && !b_first;
                     return made_before(*a.entry.correction, *b.entry.correction);
                   });
  return entries;
}

std::optional<std::string> IdPrefix::check(std::string_view prefix) {
  if (prefix.size() < 4 || prefix.size() > 32 ||
      prefix.find_first_not_of("0123456789abcdef") != std::string_view::npos) {
    return fmt::format(
        "{} is not an id: give at least 4 of its lower-case hex digits (legsup log --ids "
        "shows them)",
        quoted_value(prefix));
  }
  return std::nullopt;
}

void IdPrefix::offer(std::string_view id) {
  if (!matches(id) || std::find(matches_.begin(), matches_.end(), id) != matches_.end()) return;
  if (matches_.size() <= kListed) {
    matches_.emplace_back(id);
  } else {
    more_ = true;
  }
}

Parsed<std::string> IdPrefix::result() const {
  if (auto invalid = check(prefix_)) return Parsed<std::string>::failure(*invalid);
  if (matches_.empty()) {
    return Parsed<std::string>::failure(
        fmt::format("no session or correction has the id {}", prefix_));
  }
  if (matches_.size() > 1) {
    std::string listed;
    for (std::size_t i = 0; i < matches_.size() && i < kListed; ++i)
      listed += (i ? ", " : "") + matches_[i].substr(0, kShownIdDigits);
    std::string count =
        more_ ? fmt::format("more than {}", matches_.size()) : fmt::format("{}", matches_.size());
    return Parsed<std::string>::failure(
        fmt::format("the id {} is ambiguous: it begins {} ids ({}{}); give more digits", prefix_,
                    count, listed, matches_.size() > kListed ? ", ..." : ""));
  }
  return matches_.front();
}

Parsed<std::string> resolve_id_prefix(std::string_view prefix,
                                      const std::vector<std::string>& ids) {
  IdPrefix wanted(prefix);
  for (const auto& id : ids)
    wanted.offer(id);
  return wanted.result();
}

}  // namespace legsup
