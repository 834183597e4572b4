#include <fmt/core.h>

#include <algorithm>

#include "legsup/base/json_reader.hpp"
#include "legsup/base/json_text.hpp"
#include "legsup/base/text.hpp"
#include "legsup/log/record.hpp"
#include "legsup/log/record_fields.hpp"

namespace legsup {
namespace {

// The field a correction may set under `key`.
const RecordField* settable_field(std::string_view key) {
  const RecordField* field = find_field(key);
  return field && field->settable ? field : nullptr;
}

// Reads the members of a correction's "set": record fields only.
bool read_changes(JsonReader& reader, Correction& correction) {
  if (!reader.peek_is('{')) return reader.fail("\"set\" is not an object");
  FieldSet given;
  bool read = reader.object([&](std::string_view key) {
    const RecordField* field = settable_field(key);
    if (!field) {
      return reader.fail(
          fmt::format("\"set\" holds {}, which a correction cannot set", quoted_value(key)));
    }
    given.set(index_of(field));
    return field->read(reader, correction.changes);
  });
  correction.fields.clear();
  for (const auto& field : record_fields()) {
    if (given.test(index_of(&field))) correction.fields.emplace_back(field.key);
  }
  return read;
}

}  // namespace

// Reads the members that make a line a correction, once "corrects" has shown it is one.
Parsed<Correction> read_correction(Record& record, std::string corrects) {
  Correction correction;
  if (!is_record_id(record.id)) return Parsed<Correction>::failure("a correction without an id");
  if (!is_record_id(corrects)) return Parsed<Correction>::failure("\"corrects\" is not an id");
  correction.id = record.id;
  correction.corrects = std::move(corrects);
  bool has_at = false;
  bool has_set = false;
  for (auto& [key, raw] : record.unknown) {
    JsonReader reader(raw);
    if (key == "at") {
      std::string text;
      auto at = reader.string(text) ? parse_rfc3339(text) : Parsed<LocalTime>::failure("");
      if (!at) {
        return Parsed<Correction>::failure(
            fmt::format("\"at\" is not an RFC 3339 time in {}", kWritableYears));
      }
      correction.at = *at;
      has_at = true;
    } else if (key == "remove") {
      if (raw != "true") return Parsed<Correction>::failure("\"remove\" is not true");
      correction.remove = true;
    } else if (key == "set") {
      if (!read_changes(reader, correction)) return Parsed<Correction>::failure(reader.error);
      has_set = true;
    } else {
      correction.unknown.emplace_back(std::move(key), std::move(raw));
    }
  }
  if (!has_at) return Parsed<Correction>::failure("a correction without \"at\"");
  if (correction.remove == has_set) {
    return Parsed<Correction>::failure("a correction must either remove or set");
  }
  return correction;
}

void apply_correction(Record& record, const Correction& correction) {
  for (const auto& key : correction.fields) {
    // Each field's reader and writer know its member; copying goes through the writer's form so
    // that every field, present or future, is copied the same way.
    const RecordField* field = find_field(key);
    if (!field) continue;
    std::string member;
    JsonObjectWriter writer(member);
    field->write(writer, correction.changes);
    writer.finish();
    JsonReader reader(member);
    reader.object([&](std::string_view) { return field->read(reader, record); });
  }
}

std::optional<std::string> unwritable_reason(const Correction& correction) {
  if (!is_record_id(correction.id) || !is_record_id(correction.corrects)) {
    return std::string("a bad id");
  }
  if (!is_writable_time(correction.at)) return std::string("its time is out of range");
  if (correction.remove && !correction.fields.empty()) {
    return std::string("a removal cannot also set fields");
  }
  // Fields a correction may set, each once, in the order of record_fields(), as they are read.
  std::size_t next = 0;
  for (const std::string& key : correction.fields) {
    const RecordField* field = settable_field(key);
    if (!field || index_of(field) < next)
      return fmt::format("it cannot set {} there", quoted_value(key));
    next = index_of(field) + 1;
    // A field with no value writes no member (only the object's "{"): no reader would see it.
    std::string member;
    JsonObjectWriter writer(member);
    field->write(writer, correction.changes);
    if (member == "{") return fmt::format("it sets {} to nothing", quoted_value(key));
  }
  Record changes = correction.changes;
  changes.id.clear();
  if (auto reason = unwritable_reason(changes)) return reason;
  std::string line = format_correction_line(correction);
  if (line.size() + 2 > kMaxRecordLineBytes) {
    return fmt::format("its line would be more than the {} KiB a line may hold",
                       kMaxRecordLineBytes / 1024);
  }
  return std::nullopt;
}

std::string format_correction_line(const Correction& correction) {
  std::string line;
  JsonObjectWriter writer(line);
  writer.string("id", correction.id);
  writer.integer("version", kRecordVersion);
  writer.string("corrects", correction.corrects);
  writer.string("at", correction.at.rfc3339());
  if (correction.remove) {
    writer.boolean("remove", true);
  } else {
    JsonObjectWriter set = writer.object("set");
    for (const auto& field : record_fields()) {
      if (std::find(correction.fields.begin(), correction.fields.end(), field.key) !=
          correction.fields.end()) {
        field.write(set, correction.changes);
      }
    }
    set.finish();
  }
  for (const auto& [key, raw] : correction.unknown)
    writer.raw(key, raw);
  writer.finish();
  return line;
}

}  // namespace legsup
