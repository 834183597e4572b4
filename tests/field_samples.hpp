// Values for every field of the list, made from the row and its member's type alone: a test that
// walks record_fields() with these checks a new field without a line of its own.
#pragma once

#include <string>
#include <type_traits>

#include "legsup/base/json_text.hpp"
#include "legsup/content/content.hpp"
#include "legsup/log/record_fields.hpp"

namespace legsup::testing {

// A writable value for the field, other than a default record's and other than any other
// field's: text is 32 hex digits (both text and an id), numbers are their field's most.
// A computed field takes its value from the others.
inline void set_sample(const RecordField& field, Record& record) {
  auto index = static_cast<int>(index_of(&field));
  std::visit(
      [&](auto member) {
        if constexpr (!std::is_same_v<decltype(member), ComputedDate>) {
          auto& value = record.*member;
          using T = std::remove_cvref_t<decltype(value)>;
          if constexpr (std::is_same_v<T, std::string>) {
            value = std::string(32, "0123456789abcdef"[index % 16]);
          } else if constexpr (std::is_same_v<T, std::optional<std::string>>) {
            value = "sample " + std::string(field.key);
          } else if constexpr (std::is_same_v<T, LocalTime>) {
            value = LocalTime{1795593600 + index * 60, 60};
          } else if constexpr (std::is_same_v<T, Milliseconds>) {
            value = Milliseconds((index + 1) * 1500);
          } else if constexpr (std::is_same_v<T, int> || std::is_same_v<T, std::optional<int>>) {
            value = field.most;
          } else if constexpr (std::is_same_v<T, Ratings>) {
            value = {{"scale " + std::string(field.key), index % (kMostRating + 1)}};
          } else {
            static_assert(std::is_enum_v<T>, "a sample for every type of field");
            const auto& names = names_of(value);
            value = names[std::size(names) - 1].value;  // a default record holds the first
          }
        }
      },
      field.member);
}

inline Record every_field_set() {
  Record record;
  for (const auto& field : record_fields())
    set_sample(field, record);
  return record;
}

// The field's member as a line writes it: `{"note":"..."}`, or `{}` when it writes none; with a
// view, as an export writes it.
inline std::string member_text(const RecordField& field, const Record& record,
                               const RecordView* view = nullptr) {
  std::string text;
  JsonObjectWriter writer(text);
  field.write(writer, record, view);
  writer.finish();
  return text;
}

// A value a person could give the field's option, valid for the content.
inline std::string option_sample(const RecordField& field, const Content& content) {
  if (field.option.values == Completion::variants) return content.variations.front().id;
  if (field.option.values == Completion::breaths) return content.breath_patterns.back().id;
  if (std::holds_alternative<Ratings Record::*>(field.member)) {
    return content.ratings.front().id + "=7";
  }
  return "given with " + std::string(field.option.name);
}

}  // namespace legsup::testing
