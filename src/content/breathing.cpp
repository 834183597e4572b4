#include "legsup/content/breathing.hpp"

#include <fmt/core.h>

#include <cmath>

#include "legsup/base/text.hpp"

namespace legsup {
namespace {

// Tenths as people write them: "6", "5.5" (digits, then at most one decimal). Empty when the
// text is not such a number, or has more digits than any value here needs.
std::optional<int> read_tenths(std::string_view text) {
  std::size_t point = text.find('.');
  std::string_view whole = text.substr(0, point);
  std::string_view tenth = point == std::string_view::npos ? "0" : text.substr(point + 1);
  auto digits = [](std::string_view part) {
    return !part.empty() && part.find_first_not_of("0123456789") == std::string_view::npos;
  };
  if (!digits(whole) || whole.size() > 4 || !digits(tenth) || tenth.size() != 1) {
    return std::nullopt;
  }
  int value = 0;
  for (char c : whole)
    value = value * 10 + (c - '0');
  return value * 10 + (tenth[0] - '0');
}

// The parts between separators: "4-0-6" is "4", "0", "6"; "4--6" has an empty one.
std::vector<std::string_view> split_parts(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? text.npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

std::string tenths_text(long long tenths) {
  if (tenths % 10 == 0) return fmt::format("{}", tenths / 10);
  return fmt::format("{}.{}", tenths / 10, tenths % 10);
}

// "1 breath a minute", "5.5 breaths a minute".
std::string per_minute(long long tenths) {
  return fmt::format("{} {} a minute", tenths_text(tenths), tenths == 10 ? "breath" : "breaths");
}

// "4-0-6", "5.5-0-5.5", "4-4-4-4": what parse_breath_choice reads back as these seconds.
std::string spelling(const BreathPattern& pattern) {
  std::string text = fmt::format("{}-{}-{}", breath_seconds(pattern.inhale),
                                 breath_seconds(pattern.hold_in), breath_seconds(pattern.exhale));
  if (pattern.hold_out.count() > 0) text += "-" + breath_seconds(pattern.hold_out);
  return text;
}

// Why these parts cannot make a pattern, or nothing.
std::optional<std::string> parts_problem(const BreathPattern& pattern) {
  const std::pair<std::string_view, Milliseconds> parts[] = {{"inhale", pattern.inhale},
                                                             {"hold", pattern.hold_in},
                                                             {"exhale", pattern.exhale},
                                                             {"hold", pattern.hold_out}};
  for (const auto& [name, length] : parts) {
    bool breathing = name != "hold";
    if (length > kLongestBreathPart || (breathing && length < kShortestBreath)) {
      return fmt::format(
          "the {} would last {} s (inhale and exhale last 1 to {} seconds, a hold "
          "at most {})",
          name, breath_seconds(length), breath_seconds(kLongestBreathPart),
          breath_seconds(kLongestBreathPart));
    }
  }
  return std::nullopt;
}

}  // namespace

std::string breath_seconds(Milliseconds part) {
  return tenths_text(part.count() / kBreathPrecision.count());
}

std::string breath_timing(const BreathPattern& pattern) {
  std::string timing = fmt::format("in {}", breath_seconds(pattern.inhale));
  if (pattern.hold_in.count() > 0)
    timing += fmt::format(", hold {}", breath_seconds(pattern.hold_in));
  timing += fmt::format(", out {}", breath_seconds(pattern.exhale));
  if (pattern.hold_out.count() > 0) {
    timing += fmt::format(", hold {}", breath_seconds(pattern.hold_out));
  }
  return timing;
}

std::string breath_rate(const BreathPattern& pattern) {
  if (pattern.cycle().count() <= 0) return "no breaths";
  long long tenths = std::llround(600000.0 / static_cast<double>(pattern.cycle().count()));
  return per_minute(tenths);
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
        "invalid breathing pattern {}: {} (patterns: {}; or seconds IN-HOLD-OUT[-HOLD] "
        "such as 4-0-6 or 5.5-0-5.5, each 0 to {}, inhale and exhale at least 1)",
        quoted_value(text), why, list_choices(ids), breath_seconds(kLongestBreathPart)));
  };
  if (text.empty() || text.find_first_not_of("0123456789.-") != std::string_view::npos) {
    return invalid("not a pattern id");
  }
  auto parts_typed = split_parts(text, '-');
  if (parts_typed.size() > 4) return invalid("at most four numbers");
  // How many first: a lone number is wrong for that, and the message need not quote it twice.
  if (parts_typed.size() < 3) return invalid("three or four numbers are needed");
  Milliseconds parts[4] = {};
  int count = 0;
  for (std::string_view part : parts_typed) {
    auto tenths = read_tenths(part);
    if (!tenths || Milliseconds(*tenths * kBreathPrecision.count()) > kLongestBreathPart) {
      return invalid(fmt::format("{} is not a number of seconds from 0 to {}, to the tenth",
                                 quoted_value(part), breath_seconds(kLongestBreathPart)));
    }
    parts[count++] = Milliseconds(*tenths * kBreathPrecision.count());
  }
  if (parts[0] < kShortestBreath || parts[2] < kShortestBreath) {
    return invalid("inhale and exhale last at least 1 second");
  }
  BreathPattern custom;
  custom.name = "Custom";
  custom.inhale = parts[0];
  custom.hold_in = parts[1];
  custom.exhale = parts[2];
  custom.hold_out = parts[3];
  // One spelling for the same seconds ("04-0-06", "4.0-0-6-0": "4-0-6"), so that the record, the
  // exports and a later edit name one breath one way; a content pattern's id when it is that.
  custom.id = spelling(custom);
  for (const auto& pattern : patterns) {
    if (pattern.id == custom.id) return std::optional<BreathPattern>(pattern);
  }
  return std::optional<BreathPattern>(custom);
}

Parsed<BreathRate> parse_breath_rate(std::string_view text) {
  auto tenths = read_tenths(text);
  if (!tenths || *tenths < 10 || *tenths > 300) {
    return Parsed<BreathRate>::failure(fmt::format(
        "invalid rate {}: breaths a minute from 1 to 30, to the tenth, such as 6 or 5.5",
        quoted_value(text)));
  }
  return BreathRate{*tenths};
}

Parsed<BreathRatio> parse_breath_ratio(std::string_view text) {
  auto invalid = [&](std::string_view why) {
    return Parsed<BreathRatio>::failure(fmt::format(
        "invalid ratio {}: {} (IN:OUT such as 4:6, or IN:HOLD:OUT[:HOLD] such as 4:7:8; "
        "numbers to the tenth)",
        quoted_value(text), why));
  };
  BreathRatio ratio;
  ratio.text = std::string(text);
  auto typed = split_parts(text, ':');
  if (typed.size() > 4) return invalid("at most four parts");
  // How many first: a lone number is wrong for that, and the message need not quote it twice.
  if (typed.size() < 2) return invalid("two, three or four parts are needed");
  std::vector<int> parts;
  for (std::string_view part : typed) {
    auto tenths = read_tenths(part);
    if (!tenths) {
      return invalid(
          fmt::format("{} is not a number from 0 to 9999.9, to the tenth", quoted_value(part)));
    }
    parts.push_back(*tenths);
  }
  if (parts.size() == 2) {
    ratio.tenths = {parts[0], 0, parts[1], 0};
  } else {
    ratio.tenths = {parts[0], parts[1], parts[2], parts.size() == 4 ? parts[3] : 0};
  }
  if (ratio.tenths[0] == 0 || ratio.tenths[2] == 0) return invalid("in and out are more than 0");
  return ratio;
}

Parsed<BreathPattern> paced_pattern(const BreathPattern& pattern,
                                    const std::optional<BreathRate>& rate,
                                    const std::optional<BreathRatio>& ratio) {
  if (!rate && !ratio) return pattern;
  // The length of one breath, and how it is shared: the rate's or the pattern's, the ratio's or
  // the pattern's.
  double length =
      rate ? 600000.0 / rate->tenths_per_minute : static_cast<double>(pattern.cycle().count());
  std::array<double, 4> weights = {
      static_cast<double>(pattern.inhale.count()), static_cast<double>(pattern.hold_in.count()),
      static_cast<double>(pattern.exhale.count()), static_cast<double>(pattern.hold_out.count())};
  if (ratio) {
    for (std::size_t i = 0; i < 4; ++i)
      weights[i] = ratio->tenths[i];
  }
  double total = weights[0] + weights[1] + weights[2] + weights[3];
  auto part = [&](std::size_t i) {
    double tenths = length * weights[i] / total / static_cast<double>(kBreathPrecision.count());
    return Milliseconds(std::llround(tenths) * kBreathPrecision.count());
  };
  BreathPattern paced;
  paced.name = "Custom";
  paced.inhale = part(0);
  paced.hold_in = part(1);
  paced.exhale = part(2);
  paced.hold_out = part(3);
  if (auto problem = parts_problem(paced)) {
    std::string asked = rate ? fmt::format("at {}", per_minute(rate->tenths_per_minute))
                             : fmt::format("at the rate of {}", pattern.id);
    asked += ratio ? fmt::format(" in the ratio {}", ratio->text)
                   : fmt::format(" in the shape of {}", pattern.id);
    return Parsed<BreathPattern>::failure(fmt::format("{}, {}", asked, *problem));
  }
  if (paced.inhale == pattern.inhale && paced.hold_in == pattern.hold_in &&
      paced.exhale == pattern.exhale && paced.hold_out == pattern.hold_out) {
    return pattern;
  }
  paced.id = spelling(paced);
  return paced;
}

}  // namespace legsup
