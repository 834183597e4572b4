#include "legsup/log/ics.hpp"

#include <fmt/core.h>

#include "legsup/base/duration.hpp"
#include "legsup/base/text.hpp"
#include "legsup/log/record_fields.hpp"

namespace legsup {
namespace {

constexpr std::size_t kFoldOctets = 75;

std::string summary(const Record& record, const Content& content) {
  // Built by appending, not formatted: a million of these make an export.
  // The one rounding of a time held (duration.hpp), never up: whole minutes from a minute on.
  long long seconds = whole_seconds(record.held);
  std::string text = content.pose.name;
  text += ", ";
  append_decimal(text, seconds >= 60 ? seconds / 60 : seconds);
  text += seconds >= 60 ? " min" : " s";
  if (record.variant) {
    const Variation* variation = content.find_variation(*record.variant);
    std::string_view name = variation ? variation->name : *record.variant;
    text += " (";
    if (!name.empty() && name[0] >= 'A' && name[0] <= 'Z') {
      text += static_cast<char>(name[0] + 32);
      name.remove_prefix(1);
    }
    text += name;
    text += ')';
  }
  return text;
}

std::string description(const Record& record) {
  std::string text = "Held ";
  text.reserve(256);
  text += format_duration(record.held);
  if (record.ending != Ending::completed) {
    text += " of ";
    text += format_duration(record.planned);
    text += record.ending == Ending::ended_early ? " (ended early)" : " (stopped)";
  }
  text += '.';
  append_calendar_lines(text, record);
  return text;
}

// Appends a content line folded as RFC 5545 says (ics_line).
void append_line(std::string& out, std::string_view line) {
  std::size_t room = kFoldOctets;
  std::size_t at = 0;
  while (line.size() - at > room) {
    // Back up to the start of a UTF-8 character: never split one.
    std::size_t cut = at + room;
    while (cut > at && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80)
      --cut;
    out.append(line.substr(at, cut - at));
    out += "\r\n ";
    at = cut;
    room = kFoldOctets - 1;  // the leading space counts
  }
  out.append(line.substr(at));
  out += "\r\n";
}

}  // namespace

std::string ics_line(std::string_view line) {
  std::string out;
  append_line(out, line);
  return out;
}

std::string ics_text(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t at = 0; at < text.size();) {
    // A run of printable ASCII that needs no escape, most of any note: copied at once.
    std::size_t run_end = at;
    while (run_end < text.size()) {
      auto byte = static_cast<unsigned char>(text[run_end]);
      if (byte < 0x20 || byte >= 0x7F || byte == ';' || byte == ',' || byte == '\\') break;
      ++run_end;
    }
    out.append(text.data() + at, run_end - at);
    at = run_end;
    if (at == text.size()) break;
    char c = text[at];
    if (c == ';' || c == ',' || c == '\\') {
      out += '\\';
      out += c;
      ++at;
      continue;
    }
    // A line break of any kind (LF, CR LF, a lone CR) is the one RFC 5545 escapes.
    if (c == '\n' || c == '\r') {
      out += "\\n";
      at += c == '\r' && at + 1 < text.size() && text[at + 1] == '\n' ? 2 : 1;
      continue;
    }
    auto decoded = decode_utf8(text, at);
    std::size_t length = decoded ? static_cast<std::size_t>(decoded->length) : 1;
    std::string_view piece = text.substr(at, length);
    at += length;
    // Control characters and bytes that are not UTF-8 become visible text (\x1b), whose
    // backslash is escaped in turn.
    for (char shown : escape_controls(piece)) {
      if (shown == '\\') out += '\\';
      out += shown;
    }
  }
  return out;
}

std::string ics_utc(const LocalTime& time) {
  LocalTime utc{time.epoch_seconds, 0};
  CivilDate date = to_civil(utc.date());
  int seconds = utc.seconds_of_day();
  std::string text;
  for (auto [value, width] : {std::pair{date.year, 4}, {date.month, 2}, {date.day, 2}})
    append_decimal(text, value, width);
  text += 'T';
  for (int value : {seconds / 3600, seconds / 60 % 60, seconds % 60})
    append_decimal(text, value, 2);
  text += 'Z';
  return text;
}

std::string ics_duration(std::int64_t seconds) {
  std::string text = "PT";
  long long hours = seconds / 3600, minutes = seconds / 60 % 60, rest = seconds % 60;
  // RFC 5545 names the units from the largest given to the smallest, none skipped between.
  if (hours > 0) {
    append_decimal(text, hours);
    text += 'H';
  }
  if (minutes > 0 || (hours > 0 && rest > 0)) {
    append_decimal(text, minutes);
    text += 'M';
  }
  if (rest > 0 || seconds == 0) {
    append_decimal(text, rest);
    text += 'S';
  }
  return text;
}

std::string ics_begin() {
  return ics_line("BEGIN:VCALENDAR") + ics_line("VERSION:2.0") +
         ics_line(fmt::format("PRODID:-//legsup//legsup {}//EN", LEGSUP_VERSION)) +
         ics_line("CALSCALE:GREGORIAN");
}

std::string ics_event(const Record& record, const Content& content) {
  std::string out;
  out.reserve(512);
  std::string line;
  line.reserve(256);
  auto add = [&](std::string_view name, std::string_view value) {
    line.assign(name);
    line += ':';
    line += value;
    append_line(out, line);
  };
  add("BEGIN", "VEVENT");
  add("UID", record.id + "@legsup");
  add("DTSTAMP", ics_utc(record.end));
  add("DTSTART", ics_utc(record.start));
  // Its length, not its end: calcurse reads an end only to the minute and refuses an event that
  // then ends when it starts (any session under a minute), and reads a duration to the second.
  // A session without a span (or an end before its start, hand-written) is an instant: RFC 5545
  // gives an event with no end nor duration none.
  std::int64_t span = record.end.epoch_seconds - record.start.epoch_seconds;
  if (span > 0) add("DURATION", ics_duration(span));
  add("SUMMARY", ics_text(summary(record, content)));
  add("DESCRIPTION", ics_text(description(record)));
  add("END", "VEVENT");
  return out;
}

std::string ics_end() {
  return ics_line("END:VCALENDAR");
}

}  // namespace legsup
