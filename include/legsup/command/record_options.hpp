// The options that describe a session, checked the same way wherever they are given
// (`legsup start`, `legsup log add`, `legsup log edit`): a note, ratings, a variation, a
// breathing pattern. Each failure is a usage error that names the option.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "legsup/command/command_line.hpp"
#include "legsup/content/content.hpp"
#include "legsup/log/record.hpp"

namespace legsup {

struct RecordOptions {
  std::optional<std::string> note;
  std::optional<std::string> before;
  std::optional<std::string> after;
  std::optional<std::string> variant;
  std::optional<std::string> breath;
};

// --note: UTF-8 text of at most kMaxNoteBytes.
std::string checked_note(const std::string& note);
// --before/--after: ratings checked against the content's scales.
Ratings checked_ratings(const std::string& text, const Content& content, std::string_view option);
// --variant: a variation of the content.
std::string checked_variant(const std::string& id, const Content& content);
// --breath: a pattern id, custom seconds or none (no pattern).
std::optional<std::string> checked_breath(const std::string& text, const Content& content);

// The options every command that records a session takes (--note, --before, --after), with
// their help, and their values as given. `log add` and `log edit` add --variant and --breath,
// which are settings for `start`.
std::vector<OptionSpec> session_entry_options();
RecordOptions session_entry_values(const Arguments& arguments);

// Fills the record from every option given.
void apply_record_options(const RecordOptions& options, const Content& content, Record& record);

}  // namespace legsup
