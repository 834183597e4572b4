// Fuzzes the promise between the log's writer and its readers: any record or correction the
// writer accepts (unwritable_reason says nothing), every reader reads back equal. The records are
// built from the fuzzer's bytes, field by field from the field list, with any value of each
// field's type: text, ids, times, durations, numbers, enums and ratings.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <type_traits>
#include <variant>

#include "legsup/base/local_time.hpp"
#include "legsup/log/record.hpp"
#include "legsup/log/record_fields.hpp"

namespace {

using legsup::Milliseconds;

// Stops the fuzzer with what broke and the line it broke on, so that a crash explains itself.
[[noreturn]] void broken(const char* what, const std::string& line) {
  std::fprintf(stderr, "fuzz_writer: %s\nline: %s\n", what, line.c_str());
  __builtin_trap();
}

legsup::LocalTime any_time(FuzzedDataProvider& data) {
  // Around the years 0000 to 9999 and a little past both ends, with any offset within a day.
  auto seconds = data.ConsumeIntegralInRange<std::int64_t>(-62'200'000'000, 253'500'000'000);
  int offset = data.ConsumeIntegralInRange<int>(-1439, 1439);
  return {seconds, offset};
}

Milliseconds any_duration(FuzzedDataProvider& data) {
  return Milliseconds(data.ConsumeIntegralInRange<std::int64_t>(-1000, 86'400'000 + 1000));
}

std::string any_text(FuzzedDataProvider& data, std::size_t longest) {
  return data.ConsumeRandomLengthString(longest);
}

legsup::Ratings any_ratings(FuzzedDataProvider& data) {
  legsup::Ratings ratings;
  int count = data.ConsumeIntegralInRange<int>(0, 4);
  for (int i = 0; i < count; ++i) {
    ratings[any_text(data, 12)] =
        data.ConsumeIntegralInRange<int>(legsup::kLeastRating - 1, legsup::kMostRating + 1);
  }
  return ratings;
}

std::string any_id(FuzzedDataProvider& data) {
  unsigned char random[16];
  for (auto& byte : random)
    byte = data.ConsumeIntegral<unsigned char>();
  return legsup::record_id_from_bytes(random);
}

// Empty, an id, or any text, repeated so that a short input can make a text near the longest
// line a reader takes.
std::string any_text_field(FuzzedDataProvider& data) {
  switch (data.ConsumeIntegralInRange(0, 2)) {
    case 0:
      return "";
    case 1:
      return any_id(data);
    default: {
      std::string piece = any_text(data, 4096);
      std::string text;
      int repeat = data.ConsumeIntegralInRange(1, 24);
      for (int i = 0; i < repeat; ++i)
        text += piece;
      return text;
    }
  }
}

// Any value of the field's type, around and past the edges of its range: every field of the
// list, by its row alone, so that a new field is fuzzed the day it is added.
void set_any(const legsup::RecordField& field, FuzzedDataProvider& data, legsup::Record& record) {
  std::visit(
      [&](auto member) {
        // A computed field takes its value from the others.
        if constexpr (!std::is_same_v<decltype(member), legsup::ComputedDate>) {
          auto& value = record.*member;
          using T = std::remove_cvref_t<decltype(value)>;
          if constexpr (std::is_same_v<T, std::string>) {
            value = any_text_field(data);
          } else if constexpr (std::is_same_v<T, std::optional<std::string>>) {
            if (data.ConsumeBool()) value = any_text(data, 40);
          } else if constexpr (std::is_same_v<T, legsup::LocalTime>) {
            value = any_time(data);
          } else if constexpr (std::is_same_v<T, Milliseconds>) {
            if (data.ConsumeBool()) value = any_duration(data);
          } else if constexpr (std::is_same_v<T, int> || std::is_same_v<T, std::optional<int>>) {
            if (data.ConsumeBool()) {
              value = data.ConsumeIntegralInRange(field.least - 1, field.most + 1);
            }
          } else if constexpr (std::is_same_v<T, legsup::Ratings>) {
            value = any_ratings(data);
          } else {
            static_assert(std::is_enum_v<T>, "any value of every type of field");
            const auto& names = names_of(value);
            value = names[data.ConsumeIntegralInRange<std::size_t>(0, std::size(names) - 1)].value;
          }
        }
      },
      field.member);
}

legsup::Record any_record(FuzzedDataProvider& data) {
  legsup::Record record;
  for (const auto& field : legsup::record_fields())
    set_any(field, data, record);
  return record;
}

void check_record(FuzzedDataProvider& data) {
  legsup::Record record = any_record(data);
  if (legsup::unwritable_reason(record)) return;
  std::string line = legsup::format_record_line(record);
  if (line.find('\n') != std::string::npos || line.size() + 1 > legsup::kMaxRecordLineBytes)
    broken("a line the reader cannot take", line);
  auto entry = legsup::parse_log_line(line);
  if (!entry) broken(entry.error().c_str(), line);
  if (!entry->record || entry->correction) broken("not read as a record", line);
  if (!(*entry->record == record)) {
    broken(("read back different: " + legsup::format_record_line(*entry->record)).c_str(), line);
  }
  auto read = legsup::parse_record_line(line);
  if (!read || !(*read == record)) broken("parse_record_line differs", line);
  // The quick first pass of a large log finds the same start.
  auto start = legsup::quick_record_start(line);
  if (!start || !(*start == record.start)) broken("quick_record_start differs", line);
}

void check_correction(FuzzedDataProvider& data) {
  legsup::Correction correction;
  correction.id = any_id(data);
  correction.corrects = any_id(data);
  correction.at = any_time(data);
  correction.remove = data.ConsumeBool();
  if (!correction.remove) {
    correction.changes = any_record(data);
    correction.changes.id.clear();
    for (const auto& field : legsup::record_fields()) {
      if (data.ConsumeBool()) correction.fields.emplace_back(field.key);
    }
  }
  if (legsup::unwritable_reason(correction)) return;
  std::string line = legsup::format_correction_line(correction);
  if (line.find('\n') != std::string::npos || line.size() + 1 > legsup::kMaxRecordLineBytes)
    broken("a line the reader cannot take", line);
  if (!legsup::may_be_correction(line)) broken("may_be_correction missed it", line);
  auto entry = legsup::parse_log_line(line);
  if (!entry) broken(entry.error().c_str(), line);
  if (!entry->correction || entry->record) broken("not read as a correction", line);
  const legsup::Correction& read = *entry->correction;
  if (read.id != correction.id || read.corrects != correction.corrects ||
      !(read.at == correction.at) || read.remove != correction.remove ||
      read.fields != correction.fields) {
    broken(("read back different: " + legsup::format_correction_line(read)).c_str(), line);
  }
  // The fields it names carry the same values: applied to any record, both give the same one.
  legsup::Record target = any_record(data);
  legsup::Record by_written = target;
  legsup::Record by_read = target;
  legsup::apply_correction(by_written, correction);
  legsup::apply_correction(by_read, read);
  if (!(by_written == by_read)) broken("its changes read back different", line);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  FuzzedDataProvider data(bytes, size);
  if (data.ConsumeBool()) {
    check_record(data);
  } else {
    check_correction(data);
  }
  return 0;
}
