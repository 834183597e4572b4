#include "legsup/command/record_options.hpp"

#include <fmt/core.h>

#include "legsup/base/text.hpp"
#include "legsup/content/breathing.hpp"

namespace legsup {

std::vector<OptionSpec> session_entry_options() {
  return {{"--note", "TEXT", "A note to keep with the session (at most 4096 bytes)"},
          {"--before", "RATINGS", "The ratings before the session, such as stress=6,legs=4"},
          {"--after", "RATINGS", "The ratings after the session, such as stress=3,legs=2"}};
}

RecordOptions session_entry_values(const Arguments& arguments) {
  RecordOptions options;
  options.note = arguments.value("--note");
  options.before = arguments.value("--before");
  options.after = arguments.value("--after");
  return options;
}

std::string checked_note(const std::string& note) {
  if (!is_valid_utf8(note)) throw usage_error("--note is not valid UTF-8 text");
  if (note.size() > kMaxNoteBytes) {
    throw usage_error(fmt::format("--note is {} bytes long; a note holds at most {} bytes",
                                  note.size(), kMaxNoteBytes));
  }
  return note;
}

Ratings checked_ratings(const std::string& text, const Content& content, std::string_view option) {
  auto ratings = parse_ratings(text, content.rating_ids());
  if (!ratings) throw usage_error(fmt::format("{}: {}", option, ratings.error()));
  return *ratings;
}

std::string checked_variant(const std::string& id, const Content& content) {
  auto variant = lookup_variation(content, id);
  if (!variant) throw usage_error("--variant: " + variant.error());
  return id;
}

std::optional<std::string> checked_breath(const std::string& text, const Content& content) {
  auto pattern = parse_breath_choice(text, content.breath_patterns);
  if (!pattern) throw usage_error("--breath: " + pattern.error());
  if (!*pattern) return std::nullopt;
  return (*pattern)->id;
}

void apply_record_options(const RecordOptions& options, const Content& content, Record& record) {
  if (options.variant) record.variant = checked_variant(*options.variant, content);
  if (options.breath) record.breath = checked_breath(*options.breath, content);
  if (options.note) record.note = checked_note(*options.note);
  if (options.before) record.before = checked_ratings(*options.before, content, "--before");
  if (options.after) record.after = checked_ratings(*options.after, content, "--after");
}

}  // namespace legsup
