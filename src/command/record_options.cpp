#include "legsup/command/record_options.hpp"

#include <fmt/core.h>

#include <type_traits>

#include "legsup/base/text.hpp"
#include "legsup/content/breathing.hpp"
#include "legsup/log/record_fields.hpp"

namespace legsup {
namespace {

bool takes(const FieldOption& option, EntryCommand command) {
  return !option.name.empty() && !(command == EntryCommand::start && option.start_setting);
}

std::string checked_text(std::string_view text, const RecordField& field) {
  const FieldOption& option = field.option;
  if (!is_valid_utf8(text))
    throw usage_error(fmt::format("{} is not valid UTF-8 text", option.name));
  if (option.max_bytes > 0 && text.size() > option.max_bytes) {
    throw usage_error(fmt::format("{} is {} bytes long; a {} holds at most {} bytes", option.name,
                                  text.size(), field.key, option.max_bytes));
  }
  return std::string(text);
}

// A variation's id, a breathing pattern (none: no pattern), or text.
std::optional<std::string> checked_choice(std::string_view text, const RecordField& field,
                                          const Content& content) {
  switch (field.option.values) {
    case Completion::variants: {
      auto variant = lookup_variation(content, std::string(text));
      if (!variant) throw usage_error(fmt::format("{}: {}", field.option.name, variant.error()));
      return std::string(text);
    }
    case Completion::breaths: {
      auto pattern = parse_breath_choice(text, content.breath_patterns);
      if (!pattern) throw usage_error(fmt::format("{}: {}", field.option.name, pattern.error()));
      if (!*pattern) return std::nullopt;
      return (*pattern)->id;
    }
    default:
      return checked_text(text, field);
  }
}

// The value the option gives the field, checked by the field's type.
void apply_option(const RecordField& field, std::string_view text, const Content& content,
                  Record& record) {
  std::visit(
      [&](auto member) {
        using Member = decltype(member);
        if constexpr (std::is_same_v<Member, std::string Record::*>) {
          record.*member = checked_text(text, field);
        } else if constexpr (std::is_same_v<Member, std::optional<std::string> Record::*>) {
          record.*member = checked_choice(text, field, content);
        } else if constexpr (std::is_same_v<Member, Ratings Record::*>) {
          auto ratings = parse_ratings(text, content.rating_ids());
          if (!ratings)
            throw usage_error(fmt::format("{}: {}", field.option.name, ratings.error()));
          record.*member = *ratings;
        } else {
          // No option sets a field of this type yet: test_start_plan walks every option.
          throw runtime_error(fmt::format("{} cannot set \"{}\"", field.option.name, field.key));
        }
      },
      field.member);
}

}  // namespace

std::vector<OptionSpec> record_options(EntryCommand command) {
  std::vector<OptionSpec> options;
  for (const auto& field : record_fields()) {
    const FieldOption& option = field.option;
    if (!takes(option, command)) continue;
    std::string help(option.help);
    if (option.max_bytes > 0) help += fmt::format(" (at most {} bytes)", option.max_bytes);
    options.push_back(
        {std::string(option.name), std::string(option.value_name), std::move(help), option.values});
  }
  return options;
}

RecordOptions record_option_values(const Arguments& arguments, EntryCommand command) {
  RecordOptions values;
  for (const auto& field : record_fields()) {
    if (!takes(field.option, command)) continue;
    if (auto value = arguments.value(field.option.name)) values.emplace(field.key, *value);
  }
  return values;
}

void apply_record_options(const RecordOptions& options, const Content& content, Record& record) {
  for (const auto& [key, text] : options) {
    const RecordField* field = find_field(key);
    if (!field || field->option.name.empty()) {
      throw runtime_error(fmt::format("no option sets \"{}\"", key));
    }
  }
  for (const auto& field : record_fields()) {
    auto given = options.find(field.key);
    if (given != options.end()) apply_option(field, given->second, content, record);
  }
}

}  // namespace legsup
