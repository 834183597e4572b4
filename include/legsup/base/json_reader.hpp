// A strict JSON reader over one line of text (RFC 8259), just enough to fill a record without
// building a document: the log's lines are read by it, which keeps `stats` on a log of a million
// sessions fast. Strings must be valid UTF-8; numbers follow the JSON grammar; a number too
// large for a double is refused, as nlohmann/json refuses it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace legsup {

class JsonReader {
 public:
  explicit JsonReader(std::string_view text) : text_(text) {}

  // Why reading stopped; the first failure is kept.
  std::string error;
  bool fail(std::string message);

  bool at_end();
  bool consume(char c);
  // The character, or a failure naming what was expected.
  bool expect(char c);
  bool peek_is(char c);

  bool string(std::string& out);
  bool number(double& out);
  bool literal(std::string_view word);
  // Any JSON value, checked and passed over.
  bool skip_value(int depth = 0);

  // Calls member(key) for each member of an object, the key as a std::string_view that lives
  // until member returns; member reads the value.
  template <class Member>
  bool object(Member member) {
    if (!consume('{')) return fail("expected an object");
    if (consume('}')) return true;
    std::string buffer;
    std::string_view key;
    do {
      if (!key_string(key, buffer) || !expect(':') || !member(key)) return false;
    } while (consume(','));
    return consume('}') || fail("expected ',' or '}'");
  }

  // A string as a view into the text when it has no escape (no copy), else decoded into buffer.
  bool key_string(std::string_view& out, std::string& buffer);

  std::size_t position() const { return at_; }
  std::string_view slice(std::size_t from) const { return text_.substr(from, at_ - from); }
  void skip_space();

 private:
  bool digits();
  bool hex4(unsigned& value);
  bool escape(std::string& out);
  bool utf8_sequence(std::string& out);

  std::string_view text_;
  std::size_t at_ = 0;
};

// JSON without the whitespace between its tokens (what JSON allows next to a brace, a bracket,
// a colon or a comma, and at either end; in valid JSON, all there is outside strings). An unknown
// member of a record is kept in this form, so that it is written back on one line and read back
// the same; and an old line's id is derived from it, so that CRLF or spacing does not change it.
std::string json_without_whitespace(std::string_view json);

}  // namespace legsup
