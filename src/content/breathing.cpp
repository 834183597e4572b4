#include "legsup/content/breathing.hpp"

#include <fmt/core.h>

#include <charconv>

#include "legsup/base/text.hpp"

namespace legsup {

std::string breath_timing(const BreathPattern& pattern) {
  std::string timing = fmt::format("in {}", pattern.inhale);
  if (pattern.hold_in > 0) timing += fmt::format(", hold {}", pattern.hold_in);
  timing += fmt::format(", out {}", pattern.exhale);
  if (pattern.hold_out > 0) timing += fmt::format(", hold {}", pattern.hold_out);
  return timing;
}

Parsed<std::optional<BreathPattern>> parse_breath_choice(
    std::string_view text, const std::vector<BreathPattern>& patterns) {
  using Result = Parsed<std::optional<BreathPattern>>;
  if (text == "none") return std::optional<BreathPattern>();
  for (const auto& pattern : patterns) {
    if (pattern.id == text) return std::optional<BreathPattern>(pattern);
  }
  auto invalid = [&](std::string_view why) {
    std::vector<std::string> ids;
    for (const auto& pattern : patterns)
      ids.push_back(pattern.id);
    ids.emplace_back("none");
    return Result::failure(fmt::format(
        "invalid breathing pattern \"{}\": {} (patterns: {}; or seconds IN-HOLD-OUT[-HOLD] "
        "such as 4-0-6, each 0 to {}, inhale and exhale at least 1)",
        text, why, list_choices(ids), kMaxBreathPhaseSeconds));
  };
  if (text.empty() || text.find_first_not_of("0123456789-") != std::string_view::npos) {
    return invalid("not a pattern id");
  }
  int seconds[4] = {0, 0, 0, 0};
  int count = 0;
  std::size_t start = 0;
  for (;;) {
    std::size_t dash = text.find('-', start);
    std::string_view part =
        text.substr(start, dash == std::string_view::npos ? text.npos : dash - start);
    if (count == 4) return invalid("at most four numbers");
    auto [end, status] = std::from_chars(part.data(), part.data() + part.size(), seconds[count]);
    if (part.empty() || status != std::errc() || end != part.data() + part.size() ||
        seconds[count] > kMaxBreathPhaseSeconds) {
      return invalid(fmt::format("\"{}\" is not a number of seconds from 0 to {}", part,
                                 kMaxBreathPhaseSeconds));
    }
    ++count;
    if (dash == std::string_view::npos) break;
    start = dash + 1;
  }
  if (count < 3) return invalid("three or four numbers are needed");
  if (seconds[0] < 1 || seconds[2] < 1) return invalid("inhale and exhale last at least 1 second");
  BreathPattern custom;
  custom.id = std::string(text);
  custom.name = "Custom";
  custom.inhale = seconds[0];
  custom.hold_in = seconds[1];
  custom.exhale = seconds[2];
  custom.hold_out = seconds[3];
  return std::optional<BreathPattern>(custom);
}

}  // namespace legsup
