// An enum's values with their spellings, listed once and read both ways: the name written to
// the log or shown, the value a word names, and the words for completions and errors.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace legsup {

template <typename Enum>
struct EnumName {
  Enum value;
  std::string_view name;
};

// The name of `value` (empty when the list does not hold it).
template <typename Enum, std::size_t N>
constexpr std::string_view name_in(const EnumName<Enum> (&names)[N], Enum value) {
  for (const auto& entry : names) {
    if (entry.value == value) return entry.name;
  }
  return {};
}

// The value `name` names, if any.
template <typename Enum, std::size_t N>
constexpr std::optional<Enum> value_in(const EnumName<Enum> (&names)[N], std::string_view name) {
  for (const auto& entry : names) {
    if (entry.name == name) return entry.value;
  }
  return std::nullopt;
}

// Every name, in the list's order.
template <typename Enum, std::size_t N>
std::vector<std::string> names_in(const EnumName<Enum> (&names)[N]) {
  std::vector<std::string> all;
  for (const auto& entry : names)
    all.emplace_back(entry.name);
  return all;
}

}  // namespace legsup
