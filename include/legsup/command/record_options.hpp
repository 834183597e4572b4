// The options that set a record's fields (`legsup start`, `legsup log add`, `legsup log edit`),
// read from the field list: each field with an option in record_fields.cpp is one here, with its
// help, and its value checked by the field's type and where its values come from. Each failure
// is a usage error that names the option.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "legsup/command/command_line.hpp"
#include "legsup/content/content.hpp"
#include "legsup/log/record.hpp"

namespace legsup {

// The values given, as typed, by the key of the field each sets: {"note": "slept well"}.
using RecordOptions = std::map<std::string, std::string, std::less<>>;

// `start` takes some of these as settings (--variant, --breath: the settings table has them,
// with the config file and presets); `log add` and `log edit` take them all.
enum class EntryCommand { start, log };

std::vector<OptionSpec> record_options(EntryCommand command);
RecordOptions record_option_values(const Arguments& arguments, EntryCommand command);

// start's (kept by name: the program's start command reads them so).
inline std::vector<OptionSpec> session_entry_options() {
  return record_options(EntryCommand::start);
}
inline RecordOptions session_entry_values(const Arguments& arguments) {
  return record_option_values(arguments, EntryCommand::start);
}

// Sets each field an option was given for; throws a usage Error naming the option.
void apply_record_options(const RecordOptions& options, const Content& content, Record& record);

}  // namespace legsup
