#include "legsup/record.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "legsup/guide.hpp"
#include "legsup/text.hpp"

namespace legsup {

using nlohmann::json;

std::string_view to_string(Ending ending) {
  switch (ending) {
    case Ending::completed:
      return "completed";
    case Ending::ended_early:
      return "ended-early";
    case Ending::signal:
      return "signal";
  }
  return "completed";
}

std::string_view to_string(Origin origin) {
  return origin == Origin::timer ? "timer" : "manual";
}

namespace {

// Seconds with at most millisecond precision, written without trailing noise.
nlohmann::ordered_json seconds_value(double seconds) {
  double rounded = std::round(seconds * 1000.0) / 1000.0;
  if (rounded == std::floor(rounded) && std::fabs(rounded) < 1e15) {
    return static_cast<long long>(rounded);
  }
  return rounded;
}

nlohmann::ordered_json ratings_json(const Ratings& ratings) {
  nlohmann::ordered_json object = nlohmann::ordered_json::object();
  for (const auto& [id, value] : ratings)
    object[id] = value;
  return object;
}

// A strict JSON reader over one line (RFC 8259), just enough to fill a Record without building
// a document. Strings must be valid UTF-8; numbers follow the JSON grammar.
class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(text) {}

  std::string error;

  bool fail(std::string message) {
    if (error.empty()) error = std::move(message);
    return false;
  }

  void skip_space() {
    while (at_ < text_.size() &&
           (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\r' || text_[at_] == '\n')) {
      ++at_;
    }
  }

  bool at_end() {
    skip_space();
    return at_ == text_.size();
  }

  bool consume(char c) {
    skip_space();
    if (at_ < text_.size() && text_[at_] == c) {
      ++at_;
      return true;
    }
    return false;
  }

  // The character, or a failure naming what was expected.
  bool expect(char c) { return consume(c) || fail(fmt::format("expected '{}'", c)); }

  bool peek_is(char c) {
    skip_space();
    return at_ < text_.size() && text_[at_] == c;
  }

  std::size_t position() const { return at_; }
  std::string_view slice(std::size_t from) const { return text_.substr(from, at_ - from); }

  bool string(std::string& out) {
    skip_space();
    if (at_ >= text_.size() || text_[at_] != '"') return fail("expected a string");
    ++at_;
    out.clear();
    while (at_ < text_.size()) {
      unsigned char c = static_cast<unsigned char>(text_[at_]);
      if (c == '"') {
        ++at_;
        return true;
      }
      if (c < 0x20) return fail("a control character inside a string");
      if (c == '\\') {
        if (!escape(out)) return false;
        continue;
      }
      if (c < 0x80) {
        out += static_cast<char>(c);
        ++at_;
        continue;
      }
      if (!utf8_sequence(out)) return false;
    }
    return fail("a string is not closed");
  }

  bool number(double& out) {
    skip_space();
    std::size_t start = at_;
    if (at_ < text_.size() && text_[at_] == '-') ++at_;
    if (at_ >= text_.size()) return fail("expected a number");
    if (text_[at_] == '0') {
      ++at_;
    } else if (text_[at_] >= '1' && text_[at_] <= '9') {
      while (at_ < text_.size() && is_digit(text_[at_]))
        ++at_;
    } else {
      return fail("expected a number");
    }
    if (at_ < text_.size() && text_[at_] == '.') {
      ++at_;
      if (!digits()) return fail("expected digits after '.'");
    }
    if (at_ < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
      ++at_;
      if (at_ < text_.size() && (text_[at_] == '+' || text_[at_] == '-')) ++at_;
      if (!digits()) return fail("expected digits in an exponent");
    }
    auto [end, status] = std::from_chars(text_.data() + start, text_.data() + at_, out);
    if (status == std::errc::result_out_of_range) {
      // Too small is zero; too large is refused, as nlohmann/json refuses it (found by fuzzing:
      // an unknown member holding 1e400 was kept, and `log --json` could not write it back).
      std::string digits(text_.substr(start, at_ - start));
      out = std::strtod(digits.c_str(), nullptr);
      if (std::isinf(out)) return fail("a number too large");
      return true;
    }
    return end == text_.data() + at_;
  }

  bool literal(std::string_view word) {
    skip_space();
    if (text_.substr(at_, word.size()) != word) return fail("expected a value");
    at_ += word.size();
    return true;
  }

  // Any JSON value, checked and passed over.
  bool skip_value(int depth = 0) {
    if (depth > 64) return fail("nested too deeply");
    skip_space();
    if (at_ >= text_.size()) return fail("expected a value");
    char c = text_[at_];
    std::string ignored;
    double ignored_number = 0;
    switch (c) {
      case '"':
        return string(ignored);
      case 't':
        return literal("true");
      case 'f':
        return literal("false");
      case 'n':
        return literal("null");
      case '{': {
        ++at_;
        if (consume('}')) return true;
        do {
          if (!string(ignored) || !expect(':') || !skip_value(depth + 1)) return false;
        } while (consume(','));
        return consume('}') || fail("expected ',' or '}'");
      }
      case '[': {
        ++at_;
        if (consume(']')) return true;
        do {
          if (!skip_value(depth + 1)) return false;
        } while (consume(','));
        return consume(']') || fail("expected ',' or ']'");
      }
      default:
        return number(ignored_number);
    }
  }

 private:
  static bool is_digit(char c) { return c >= '0' && c <= '9'; }

  bool digits() {
    std::size_t start = at_;
    while (at_ < text_.size() && is_digit(text_[at_]))
      ++at_;
    return at_ > start;
  }

  bool hex4(unsigned& value) {
    if (at_ + 4 > text_.size()) return fail("a short \\u escape");
    value = 0;
    for (int i = 0; i < 4; ++i) {
      char c = text_[at_++];
      value <<= 4;
      if (c >= '0' && c <= '9') {
        value |= static_cast<unsigned>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        value |= static_cast<unsigned>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        value |= static_cast<unsigned>(c - 'A' + 10);
      } else {
        return fail("a bad \\u escape");
      }
    }
    return true;
  }

  bool escape(std::string& out) {
    ++at_;  // the backslash
    if (at_ >= text_.size()) return fail("a string is not closed");
    char c = text_[at_++];
    switch (c) {
      case '"':
        out += '"';
        return true;
      case '\\':
        out += '\\';
        return true;
      case '/':
        out += '/';
        return true;
      case 'b':
        out += '\b';
        return true;
      case 'f':
        out += '\f';
        return true;
      case 'n':
        out += '\n';
        return true;
      case 'r':
        out += '\r';
        return true;
      case 't':
        out += '\t';
        return true;
      case 'u': {
        unsigned high = 0;
        if (!hex4(high)) return false;
        if (high >= 0xDC00 && high <= 0xDFFF) return fail("a lone low surrogate");
        if (high >= 0xD800 && high <= 0xDBFF) {
          unsigned low = 0;
          if (text_.substr(at_, 2) != "\\u") return fail("a lone high surrogate");
          at_ += 2;
          if (!hex4(low)) return false;
          if (low < 0xDC00 || low > 0xDFFF) return fail("a bad surrogate pair");
          append_utf8(out, 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00));
          return true;
        }
        append_utf8(out, high);
        return true;
      }
      default:
        return fail("an unknown escape");
    }
  }

  bool utf8_sequence(std::string& out) {
    auto decoded = decode_utf8(text_, at_);
    if (!decoded) return fail("invalid UTF-8");
    out.append(text_.substr(at_, static_cast<std::size_t>(decoded->length)));
    at_ += static_cast<std::size_t>(decoded->length);
    return true;
  }

  std::string_view text_;
  std::size_t at_ = 0;
};

bool read_ratings(LineReader& reader, Ratings& ratings, std::string_view field) {
  if (!reader.consume('{')) return reader.fail(fmt::format("\"{}\" is not an object", field));
  ratings.clear();
  if (reader.consume('}')) return true;
  std::string id;
  do {
    double value = 0;
    if (!reader.string(id) || !reader.expect(':') || !reader.number(value)) {
      return false;
    }
    if (!(value >= 0 && value <= 10) || value != std::floor(value)) {
      return reader.fail(
          fmt::format("a rating in \"{}\" is not a whole number from 0 to 10", field));
    }
    ratings[id] = static_cast<int>(value);
  } while (reader.consume(','));
  return reader.consume('}') || reader.fail("expected ',' or '}'");
}

bool read_optional_text(LineReader& reader, std::optional<std::string>& out) {
  if (reader.peek_is('n')) {
    out.reset();
    return reader.literal("null");
  }
  std::string text;
  if (!reader.string(text)) return false;
  out = std::move(text);
  return true;
}

bool read_seconds(LineReader& reader, double& out, std::string_view field) {
  if (!reader.number(out)) return false;
  // Up to a day: a session is at most three hours, a manual entry no longer.
  if (!(out >= 0 && out <= 86400)) {
    return reader.fail(fmt::format("\"{}\" is out of range", field));
  }
  return true;
}

bool read_time(LineReader& reader, LocalTime& out, std::string_view field) {
  std::string text;
  if (!reader.string(text)) return false;
  auto parsed = parse_rfc3339(text);
  if (!parsed) return reader.fail(fmt::format("\"{}\" is not an RFC 3339 time", field));
  out = *parsed;
  return true;
}

template <class Enum, std::size_t N>
bool read_enum(LineReader& reader, Enum& out, const std::pair<std::string_view, Enum> (&names)[N],
               std::string_view field) {
  std::string text;
  if (!reader.string(text)) return false;
  for (const auto& [name, value] : names) {
    if (text == name) {
      out = value;
      return true;
    }
  }
  return reader.fail(fmt::format("\"{}\" has an unknown value", field));
}

constexpr std::pair<std::string_view, Ending> kEndings[] = {{"completed", Ending::completed},
                                                            {"ended-early", Ending::ended_early},
                                                            {"signal", Ending::signal}};
constexpr std::pair<std::string_view, Origin> kOrigins[] = {{"timer", Origin::timer},
                                                            {"manual", Origin::manual}};

// Fields a record must have; the others are optional.
enum Required : unsigned {
  kHasVersion = 1,
  kHasStart = 2,
  kHasEnd = 4,
  kHasHeld = 8,
  kHasEnded = 16,
  kAllRequired = 31
};

bool read_member(LineReader& reader, const std::string& key, Record& record, unsigned& seen) {
  if (key == "version") {
    double version = 0;
    if (!reader.number(version)) return false;
    if (version < 1 || version > 1000 || version != std::floor(version)) {
      return reader.fail("\"version\" is not a version number");
    }
    record.version = static_cast<int>(version);
    seen |= kHasVersion;
    return true;
  }
  if (key == "start") return read_time(reader, record.start, key) && (seen |= kHasStart);
  if (key == "end") return read_time(reader, record.end, key) && (seen |= kHasEnd);
  if (key == "planned_seconds") return read_seconds(reader, record.planned_seconds, key);
  if (key == "held_seconds") {
    return read_seconds(reader, record.held_seconds, key) && (seen |= kHasHeld);
  }
  if (key == "settle_seconds") return read_seconds(reader, record.settle_seconds, key);
  if (key == "ended") return read_enum(reader, record.ending, kEndings, key) && (seen |= kHasEnded);
  if (key == "origin") return read_enum(reader, record.origin, kOrigins, key);
  if (key == "signal") {
    double signal = 0;
    if (!reader.number(signal)) return false;
    if (signal < 1 || signal > 64) return reader.fail("\"signal\" is out of range");
    record.signal = static_cast<int>(signal);
    return true;
  }
  if (key == "variant") return read_optional_text(reader, record.variant);
  if (key == "breath") return read_optional_text(reader, record.breath);
  if (key == "note") return reader.string(record.note);
  if (key == "before") return read_ratings(reader, record.before, key);
  if (key == "after") return read_ratings(reader, record.after, key);
  std::size_t from = reader.position();
  if (!reader.skip_value()) return false;
  std::string_view raw = reader.slice(from);
  raw.remove_prefix(std::min(raw.find_first_not_of(" \t\r\n"), raw.size()));
  record.unknown.emplace_back(key, std::string(raw));
  return true;
}

}  // namespace

Parsed<Record> parse_record_line(std::string_view line) {
  LineReader reader(line);
  Record record;
  unsigned seen = 0;
  if (!reader.consume('{')) return Parsed<Record>::failure("not a JSON object");
  if (!reader.consume('}')) {
    std::string key;
    do {
      if (!reader.string(key) || !reader.expect(':') || !read_member(reader, key, record, seen)) {
        return Parsed<Record>::failure(reader.error);
      }
    } while (reader.consume(','));
    if (!reader.consume('}')) {
      return Parsed<Record>::failure(reader.error.empty() ? "expected ',' or '}'" : reader.error);
    }
  }
  if (!reader.at_end()) return Parsed<Record>::failure("text after the JSON object");
  if ((seen & kAllRequired) != kAllRequired) {
    constexpr std::pair<unsigned, const char*> kNames[] = {{kHasVersion, "version"},
                                                           {kHasStart, "start"},
                                                           {kHasEnd, "end"},
                                                           {kHasHeld, "held_seconds"},
                                                           {kHasEnded, "ended"}};
    for (const auto& [bit, name] : kNames) {
      if (!(seen & bit)) return Parsed<Record>::failure(fmt::format("no \"{}\"", name));
    }
  }
  return record;
}

nlohmann::ordered_json record_to_json(const Record& record) {
  nlohmann::ordered_json out = {{"version", record.version},
                                {"start", record.start.rfc3339()},
                                {"end", record.end.rfc3339()},
                                {"planned_seconds", seconds_value(record.planned_seconds)},
                                {"held_seconds", seconds_value(record.held_seconds)},
                                {"ended", to_string(record.ending)}};
  if (record.signal) out["signal"] = *record.signal;
  out["settle_seconds"] = seconds_value(record.settle_seconds);
  out["variant"] = nullptr;
  if (record.variant) out["variant"] = *record.variant;
  out["breath"] = nullptr;
  if (record.breath) out["breath"] = *record.breath;
  out["note"] = record.note;
  out["before"] = ratings_json(record.before);
  out["after"] = ratings_json(record.after);
  out["origin"] = to_string(record.origin);
  for (const auto& [key, raw] : record.unknown) {
    if (out.contains(key)) continue;
    auto value = nlohmann::ordered_json::parse(raw, nullptr, false);
    // The reader accepts only what nlohmann accepts; should they ever differ, keep the text.
    out[key] = value.is_discarded() ? nlohmann::ordered_json(raw) : value;
  }
  return out;
}

std::string format_record_line(const Record& record) {
  // Compact, and ASCII-only escapes are not needed: JSON Lines only forbids raw newlines, which
  // dump() always escapes.
  return record_to_json(record).dump(-1, ' ', false, json::error_handler_t::replace);
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
