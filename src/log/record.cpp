#include "legsup/log/record.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "legsup/base/json_reader.hpp"
#include "legsup/base/json_text.hpp"
#include "legsup/base/text.hpp"
#include "legsup/log/record_fields.hpp"

namespace legsup {

std::string_view to_string(Origin origin) {
  return name_in(kOriginNames, origin);
}

namespace {

// With a view (an export), the values computed for it too.
void write_members(JsonObjectWriter& writer, const Record& record,
                   const RecordView* view = nullptr) {
  for (const auto& field : record_fields())
    field.write(writer, record, view);
  for (const auto& [key, raw] : record.unknown)
    writer.raw(key, raw);
}

}  // namespace

std::optional<std::string> unwritable_reason(const Record& record) {
  for (const auto& field : record_fields()) {
    if (auto problem = field.unwritable(record)) return problem;
  }
  std::string line;
  JsonObjectWriter writer(line);
  write_members(writer, record);
  writer.finish();
  if (line.size() + 2 > kMaxRecordLineBytes) {
    return fmt::format("its line would be {} bytes, more than the {} KiB a line may hold",
                       line.size(), kMaxRecordLineBytes / 1024);
  }
  return std::nullopt;
}

std::string format_record_line(const Record& record) {
  std::string line;
  JsonObjectWriter writer(line);
  write_members(writer, record);
  writer.finish();
  return line;
}

std::string format_record_export(const Record& record, const RecordView& view) {
  std::string line;
  JsonObjectWriter writer(line);
  write_members(writer, record, &view);
  writer.finish();
  return line;
}

namespace {

// Keeps a member this version does not know. A member given twice counts once, as the last one
// given, as for the members it knows (and as nlohmann/json reads it).
bool keep_unknown(JsonReader& reader, std::string_view key, std::vector<UnknownMember>& unknown) {
  std::size_t from = reader.position();
  if (!reader.skip_value()) return false;
  auto same = [&](const UnknownMember& member) { return member.first == key; };
  unknown.erase(std::remove_if(unknown.begin(), unknown.end(), same), unknown.end());
  unknown.emplace_back(std::string(key), json_without_whitespace(reader.slice(from)));
  return true;
}

}  // namespace

Parsed<LogEntry> parse_log_line(std::string_view line) {
  JsonReader reader(line);
  Record record;
  std::optional<std::string> corrects;
  FieldSet seen;
  if (!reader.peek_is('{')) return Parsed<LogEntry>::failure("not a JSON object");
  bool read = reader.object([&](std::string_view key) {
    if (const RecordField* field = find_field(key)) {
      seen.set(index_of(field));
      return field->read(reader, record);
    }
    if (key == "corrects") {
      corrects.emplace();
      return reader.string(*corrects);
    }
    return keep_unknown(reader, key, record.unknown);
  });
  if (!read) return Parsed<LogEntry>::failure(reader.error);
  if (!reader.at_end()) return Parsed<LogEntry>::failure("text after the JSON object");

  LogEntry entry;
  if (corrects) {
    auto correction = read_correction(record, std::move(*corrects));
    if (!correction) return Parsed<LogEntry>::failure(correction.error());
    entry.correction = std::move(correction).value();
    return entry;
  }
  for (const auto& field : record_fields()) {
    if (field.required && !seen.test(index_of(&field))) {
      return Parsed<LogEntry>::failure(fmt::format("no \"{}\"", field.key));
    }
  }
  entry.record = std::move(record);
  return entry;
}

Parsed<Record> parse_record_line(std::string_view line) {
  auto entry = parse_log_line(line);
  if (!entry) return Parsed<Record>::failure(entry.error());
  if (!entry->record) return Parsed<Record>::failure("a correction, not a record");
  return std::move(*std::move(entry).value().record);
}

std::optional<LocalTime> quick_record_start(std::string_view line) {
  // A raw quote cannot stand inside a JSON string, so this text is a member's key.
  constexpr std::string_view kKey = "\"start\":\"";
  const void* found = ::memmem(line.data(), line.size(), kKey.data(), kKey.size());
  if (!found) return std::nullopt;
  std::size_t at =
      static_cast<std::size_t>(static_cast<const char*>(found) - line.data()) + kKey.size();
  std::size_t end = line.find('"', at);
  if (end == std::string_view::npos) return std::nullopt;
  auto start = parse_rfc3339(line.substr(at, end - at));
  if (!start) return std::nullopt;
  return *start;
}

std::optional<std::string_view> quick_record_id(std::string_view line) {
  constexpr std::string_view kStart = "{\"id\":\"";
  constexpr std::size_t kDigits = 32;
  if (line.substr(0, kStart.size()) != kStart || line.size() < kStart.size() + kDigits + 1 ||
      line[kStart.size() + kDigits] != '"') {
    return std::nullopt;
  }
  std::string_view id = line.substr(kStart.size(), kDigits);
  if (!is_record_id(id)) return std::nullopt;
  return id;
}

bool may_be_correction(std::string_view line) {
  constexpr std::string_view kKey = "\"corrects\"";
  return ::memmem(line.data(), line.size(), kKey.data(), kKey.size()) != nullptr;
}

}  // namespace legsup
