#include "legsup/ics.hpp"

#include <fmt/core.h>

#include "legsup/duration.hpp"
#include "legsup/text.hpp"

namespace legsup {
namespace {

constexpr std::size_t kFoldOctets = 75;

std::string ratings_text(const Ratings& ratings) {
  std::string text;
  for (const auto& [id, value] : ratings)
    text += fmt::format("{}{} {}", text.empty() ? "" : ", ", id, value);
  return text;
}

std::string summary(const Record& record, const Content& content) {
  long long seconds = (record.held.count() + 500) / 1000;
  std::string length =
      seconds >= 60 ? fmt::format("{} min", (seconds + 30) / 60) : fmt::format("{} s", seconds);
  std::string text = fmt::format("{}, {}", content.pose.name, length);
  if (record.variant) {
    const Variation* variation = content.find_variation(*record.variant);
    std::string name = variation ? variation->name : *record.variant;
    if (!name.empty() && name[0] >= 'A' && name[0] <= 'Z')
      name[0] = static_cast<char>(name[0] + 32);
    text += fmt::format(" ({})", name);
  }
  return text;
}

std::string description(const Record& record) {
  std::vector<std::string> lines;
  std::string ending(to_string(record.ending));
  if (record.ending == Ending::completed) {
    lines.push_back(fmt::format("Held {}.", format_duration(record.held)));
  } else {
    lines.push_back(fmt::format("Held {} of {} ({}).", format_duration(record.held),
                                format_duration(record.planned),
                                record.ending == Ending::ended_early ? "ended early" : "stopped"));
  }
  if (record.breath) lines.push_back(fmt::format("Breathing: {}.", *record.breath));
  if (!record.before.empty()) lines.push_back("Before: " + ratings_text(record.before) + ".");
  if (!record.after.empty()) lines.push_back("After: " + ratings_text(record.after) + ".");
  if (!record.note.empty()) lines.push_back("Note: " + record.note);
  std::string text;
  for (const auto& line : lines)
    text += (text.empty() ? "" : "\n") + line;
  return text;
}

}  // namespace

std::string ics_line(std::string_view line) {
  std::string out;
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
  return out;
}

std::string ics_text(std::string_view text) {
  std::string out;
  for (std::size_t at = 0; at < text.size();) {
    auto decoded = decode_utf8(text, at);
    std::size_t length = decoded ? static_cast<std::size_t>(decoded->length) : 1;
    std::string_view piece = text.substr(at, length);
    at += length;
    if (piece == "\n") {
      out += "\\n";
    } else if (piece == ";" || piece == ",") {
      out += "\\";
      out += piece;
    } else {
      // Control characters and bytes that are not UTF-8 become visible text (\x1b), whose
      // backslash is escaped in turn.
      for (char c : escape_controls(piece)) {
        if (c == '\\') out += '\\';
        out += c;
      }
    }
  }
  return out;
}

std::string ics_utc(const LocalTime& time) {
  LocalTime utc{time.epoch_seconds, 0};
  CivilDate date = to_civil(utc.date());
  int seconds = utc.seconds_of_day();
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", date.year, date.month, date.day,
                     seconds / 3600, seconds / 60 % 60, seconds % 60);
}

std::string ics_begin() {
  return ics_line("BEGIN:VCALENDAR") + ics_line("VERSION:2.0") +
         ics_line(fmt::format("PRODID:-//legsup//legsup {}//EN", LEGSUP_VERSION)) +
         ics_line("CALSCALE:GREGORIAN");
}

std::string ics_event(const Record& record, const Content& content) {
  return ics_line("BEGIN:VEVENT") + ics_line(fmt::format("UID:{}@legsup", record.id)) +
         ics_line("DTSTAMP:" + ics_utc(record.end)) + ics_line("DTSTART:" + ics_utc(record.start)) +
         ics_line("DTEND:" + ics_utc(record.end)) +
         ics_line("SUMMARY:" + ics_text(summary(record, content))) +
         ics_line("DESCRIPTION:" + ics_text(description(record))) + ics_line("END:VEVENT");
}

std::string ics_end() {
  return ics_line("END:VCALENDAR");
}

}  // namespace legsup
