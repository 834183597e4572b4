// JSON written straight into a string, without building a document: strings escaped so that they
// are safe to show on a terminal (no raw control characters, DEL or C1 controls, which JSON would
// allow inside strings but a terminal would obey), durations as seconds, whole objects.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "legsup/base/duration.hpp"

namespace legsup {

// Appends `text` as a JSON string, quotes included, escaped as dump_json escapes.
void append_json_string(std::string& out, std::string_view text);

// Appends a duration as seconds with at most three decimals: "600", "598.5", "0.001".
void append_json_seconds(std::string& out, Milliseconds duration);

// Writes one JSON object member by member, straight into a string: compact, as a log line, or
// indented as nlohmann/json's dump(2) would (for `log --json`), without building a document.
class JsonObjectWriter {
 public:
  // indent < 0: compact. Otherwise `indent` spaces a level, the object itself at `depth`.
  explicit JsonObjectWriter(std::string& out, int indent = -1, int depth = 0);

  void string(std::string_view key, std::string_view value);
  void string_or_null(std::string_view key, const std::optional<std::string>& value);
  void integer(std::string_view key, long long value);
  void boolean(std::string_view key, bool value);
  void seconds(std::string_view key, Milliseconds value);
  // Text that is already JSON (a member kept from a newer legsup), written as it is.
  void raw(std::string_view key, std::string_view json);
  void integers(std::string_view key, const std::map<std::string, int>& values);
  // A nested object: members are written through the returned writer, which must finish()
  // before this writer writes again.
  JsonObjectWriter object(std::string_view key);
  // Closes the object.
  void finish();

 private:
  void key(std::string_view name);
  void newline(int level);

  std::string& out_;
  int indent_;
  int depth_;
  bool empty_ = true;
};

}  // namespace legsup
