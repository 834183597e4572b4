#include "legsup/log/record.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <charconv>
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

// The field of a member's key: looked up among the fields of the key's length only, which is
// the reader's inner loop over a million lines.
const RecordField* find_field(std::string_view key) {
  constexpr std::size_t kLongestKey = 32;
  static const auto by_length = [] {
    std::array<std::vector<const RecordField*>, kLongestKey + 1> table;
    for (const auto& field : record_fields())
      table[field.key.size()].push_back(&field);
    return table;
  }();
  if (key.size() > kLongestKey) return nullptr;
  for (const RecordField* field : by_length[key.size()]) {
    if (field->key[0] == key[0] && field->key == key) return field;
  }
  return nullptr;
}

// The field a correction may set under `key`: any but the record's id and version.
const RecordField* settable_field(std::string_view key) {
  if (key == "id" || key == "version") return nullptr;
  return find_field(key);
}

void write_members(JsonObjectWriter& writer, const Record& record) {
  for (const auto& field : record_fields())
    field.write(writer, record);
  for (const auto& [key, raw] : record.unknown)
    writer.raw(key, raw);
}

bool valid_texts(const Record& record) {
  auto valid = [](const std::optional<std::string>& text) { return !text || is_valid_utf8(*text); };
  if (!is_valid_utf8(record.note) || !valid(record.variant) || !valid(record.breath)) return false;
  for (const Ratings* ratings : {&record.before, &record.after}) {
    for (const auto& [id, value] : *ratings) {
      if (!is_valid_utf8(id)) return false;
    }
  }
  return true;
}

bool valid_seconds(Milliseconds duration) {
  return duration.count() >= 0 && duration.count() <= 86400 * 1000LL;
}

}  // namespace

std::optional<std::string> unwritable_reason(const Record& record) {
  if (!is_writable_time(record.start) || !is_writable_time(record.end)) {
    return fmt::format("its start or end lies outside {}", kWritableYears);
  }
  if (!valid_seconds(record.held) || !valid_seconds(record.planned) ||
      !valid_seconds(record.settle) || !valid_seconds(record.come_out)) {
    return std::string("a duration is out of range (0 to 24 hours)");
  }
  if (record.version < 1 || record.version > 1000) return std::string("a bad version");
  if (record.signal && (*record.signal < 1 || *record.signal > 64)) {
    return std::string("a bad signal number");
  }
  if (!record.id.empty() && !is_record_id(record.id)) return std::string("a bad id");
  if (!valid_texts(record)) return std::string("a text is not valid UTF-8");
  for (const Ratings* ratings : {&record.before, &record.after}) {
    for (const auto& [id, value] : *ratings) {
      if (value < 0 || value > 10) return std::string("a rating is not from 0 to 10");
    }
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

namespace {

// JSON without the whitespace between its tokens (what JSON allows next to a brace, a bracket,
// a colon or a comma, and at either end; in valid JSON, all there is outside strings). An unknown
// member is kept in this form, so that it is written back on one line and read back the same;
// and an old line's id is derived from it, so that CRLF or spacing does not change the id.
std::string without_whitespace(std::string_view json) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  auto structural = [](char c) {
    return c == '{' || c == '}' || c == '[' || c == ']' || c == ':' || c == ',';
  };
  std::string out;
  out.reserve(json.size());
  bool in_string = false;
  for (std::size_t i = 0; i < json.size(); ++i) {
    char c = json[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < json.size()) {
        out += json[++i];
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (space(c)) {
      std::size_t end = i;
      while (end < json.size() && space(json[end]))
        ++end;
      bool between_tokens =
          out.empty() || end == json.size() || structural(out.back()) || structural(json[end]);
      if (!between_tokens) out.append(json.substr(i, end - i));
      i = end - 1;
      continue;
    }
    if (c == '"') in_string = true;
    out += c;
  }
  return out;
}

// Keeps a member this version does not know. A member given twice counts once, as the last one
// given, as for the members it knows (and as nlohmann/json reads it).
bool keep_unknown(JsonReader& reader, std::string_view key, std::vector<UnknownMember>& unknown) {
  std::size_t from = reader.position();
  if (!reader.skip_value()) return false;
  auto same = [&](const UnknownMember& member) { return member.first == key; };
  unknown.erase(std::remove_if(unknown.begin(), unknown.end(), same), unknown.end());
  unknown.emplace_back(std::string(key), without_whitespace(reader.slice(from)));
  return true;
}

std::size_t index_of(const RecordField* field) {
  return static_cast<std::size_t>(field - record_fields().data());
}

// Reads the members of a correction's "set": record fields only.
bool read_changes(JsonReader& reader, Correction& correction) {
  if (!reader.peek_is('{')) return reader.fail("\"set\" is not an object");
  std::vector<bool> given(record_fields().size(), false);
  bool read = reader.object([&](std::string_view key) {
    const RecordField* field = settable_field(key);
    if (!field) {
      return reader.fail(fmt::format("\"set\" holds \"{}\", which a correction cannot set", key));
    }
    given[index_of(field)] = true;
    return field->read(reader, correction.changes);
  });
  correction.fields.clear();
  for (std::size_t i = 0; i < given.size(); ++i) {
    if (given[i]) correction.fields.emplace_back(record_fields()[i].key);
  }
  return read;
}

}  // namespace

namespace {

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

}  // namespace

Parsed<LogEntry> parse_log_line(std::string_view line) {
  JsonReader reader(line);
  Record record;
  std::optional<std::string> corrects;
  std::uint64_t seen = 0;  // a bit for each field of the list
  static_assert(sizeof seen * 8 >= 32, "room for every field");
  if (!reader.peek_is('{')) return Parsed<LogEntry>::failure("not a JSON object");
  bool read = reader.object([&](std::string_view key) {
    if (const RecordField* field = find_field(key)) {
      seen |= std::uint64_t{1} << index_of(field);
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
  const auto& fields = record_fields();
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].required && !(seen & (std::uint64_t{1} << i))) {
      return Parsed<LogEntry>::failure(fmt::format("no \"{}\"", fields[i].key));
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
    if (!field || index_of(field) < next) return fmt::format("it cannot set \"{}\" there", key);
    next = index_of(field) + 1;
    // A field with no value writes no member (only the object's "{"): no reader would see it.
    std::string member;
    JsonObjectWriter writer(member);
    field->write(writer, correction.changes);
    if (member == "{") return fmt::format("it sets \"{}\" to nothing", key);
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

namespace {

// MurmurHash3 (x64, 128 bits, seed 0), Austin Appleby's public-domain hash: fast over a long
// log, and fixed for good, so that an old line's id never changes.
std::uint64_t rotate_left(std::uint64_t x, int r) {
  return (x << r) | (x >> (64 - r));
}

std::uint64_t final_mix(std::uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ULL;
  k ^= k >> 33;
  return k;
}

std::uint64_t load_little_endian(const unsigned char* bytes, std::size_t count) {
  std::uint64_t value = 0;
  for (std::size_t i = count; i-- > 0;)
    value = (value << 8) | bytes[i];
  return value;
}

constexpr std::uint64_t kMurmurC1 = 0x87c37b91114253d5ULL;
constexpr std::uint64_t kMurmurC2 = 0x4cf5ad432745937fULL;

// A block's first and second 8 bytes, scrambled before they enter their half of the hash.
std::uint64_t scramble_first(std::uint64_t k) {
  return rotate_left(k * kMurmurC1, 31) * kMurmurC2;
}
std::uint64_t scramble_second(std::uint64_t k) {
  return rotate_left(k * kMurmurC2, 33) * kMurmurC1;
}

// One half of the hash after a block: its scrambled bytes in, turned, and the other half added.
std::uint64_t stir(std::uint64_t half, std::uint64_t scrambled, int turn, std::uint64_t other,
                   std::uint64_t add) {
  return (rotate_left(half ^ scrambled, turn) + other) * 5 + add;
}

std::pair<std::uint64_t, std::uint64_t> murmur3_128(std::string_view text) {
  const auto* data = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t length = text.size();
  std::size_t blocks = length / 16;
  std::uint64_t h1 = 0;
  std::uint64_t h2 = 0;
  for (std::size_t i = 0; i < blocks; ++i) {
    h1 = stir(h1, scramble_first(load_little_endian(data + i * 16, 8)), 27, h2, 0x52dce729);
    h2 = stir(h2, scramble_second(load_little_endian(data + i * 16 + 8, 8)), 31, h1, 0x38495ab5);
  }
  const unsigned char* tail = data + blocks * 16;
  std::size_t rest = length & 15;
  if (rest > 8) h2 ^= scramble_second(load_little_endian(tail + 8, rest - 8));
  if (rest > 0) h1 ^= scramble_first(load_little_endian(tail, std::min<std::size_t>(rest, 8)));
  h1 ^= length;
  h2 ^= length;
  h1 += h2;
  h2 += h1;
  h1 = final_mix(h1);
  h2 = final_mix(h2);
  h1 += h2;
  h2 += h1;
  return {h1, h2};
}

}  // namespace

std::string derived_record_id(std::string_view line) {
  auto [h1, h2] = murmur3_128(without_whitespace(line));
  return fmt::format("{:016x}{:016x}", h1, h2);
}

std::string record_id(const Record& record, std::string_view line) {
  return record.id.empty() ? derived_record_id(line) : record.id;
}

std::string record_id_from_bytes(const unsigned char (&random)[16]) {
  std::string id;
  for (unsigned char byte : random)
    id += fmt::format("{:02x}", byte);
  return id;
}

bool is_record_id(std::string_view text) {
  return text.size() == 32 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

Parsed<Ratings> parse_ratings(std::string_view text, const std::vector<std::string>& scale_ids) {
  auto invalid = [&](const std::string& why) {
    return Parsed<Ratings>::failure(
        fmt::format("invalid ratings \"{}\": {} (expected such as stress=6,legs=4)", text, why));
  };
  Ratings ratings;
  if (text.empty()) return invalid("they are empty");
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    std::string_view pair =
        text.substr(start, comma == std::string_view::npos ? text.npos : comma - start);
    std::size_t equals = pair.find('=');
    if (equals == std::string_view::npos) {
      return invalid(fmt::format("\"{}\" has no '='", pair));
    }
    std::string id(pair.substr(0, equals));
    std::string_view value_text = pair.substr(equals + 1);
    if (std::find(scale_ids.begin(), scale_ids.end(), id) == scale_ids.end()) {
      return invalid(fmt::format("unknown scale \"{}\" (scales: {})", id, list_choices(scale_ids)));
    }
    int value = -1;
    auto [end, status] =
        std::from_chars(value_text.data(), value_text.data() + value_text.size(), value);
    if (status != std::errc() || end != value_text.data() + value_text.size() || value < 0 ||
        value > 10) {
      return invalid(fmt::format("the value for {} must be a whole number from 0 to 10, got \"{}\"",
                                 id, value_text));
    }
    if (!ratings.emplace(id, value).second) return invalid(fmt::format("{} is given twice", id));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return ratings;
}

std::string format_ratings(const Ratings& ratings) {
  std::string text;
  for (const auto& [id, value] : ratings) {
    text += fmt::format("{}{}={}", text.empty() ? "" : ",", id, value);
  }
  return text;
}

}  // namespace legsup
