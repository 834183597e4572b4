#include "legsup/log/ratings.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <charconv>

#include "legsup/base/text.hpp"

namespace legsup {

Parsed<Ratings> parse_ratings(std::string_view text, const std::vector<std::string>& scale_ids) {
  auto invalid = [&](const std::string& why) {
    return Parsed<Ratings>::failure(fmt::format(
        "invalid ratings {}: {} (expected such as stress=6,legs=4)", quoted_value(text), why));
  };
  Ratings ratings;
  if (text.empty()) return invalid("they are empty");
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    std::string_view pair =
        text.substr(start, comma == std::string_view::npos ? text.npos : comma - start);
    std::size_t equals = pair.find('=');
    if (equals == std::string_view::npos) {
      return invalid(fmt::format("{} has no '='", quoted_value(pair)));
    }
    std::string id(pair.substr(0, equals));
    std::string_view value_text = pair.substr(equals + 1);
    if (std::find(scale_ids.begin(), scale_ids.end(), id) == scale_ids.end()) {
      return invalid(
          fmt::format("unknown scale {} (scales: {})", quoted_value(id), list_choices(scale_ids)));
    }
    int value = -1;
    auto [end, status] =
        std::from_chars(value_text.data(), value_text.data() + value_text.size(), value);
    if (status != std::errc() || end != value_text.data() + value_text.size() ||
        value < kLeastRating || value > kMostRating) {
      return invalid(fmt::format("the value for {} must be a whole number from {} to {}, got {}",
                                 id, kLeastRating, kMostRating, quoted_value(value_text)));
    }
    if (!ratings.emplace(id, value).second) return invalid(fmt::format("{} is given twice", id));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return ratings;
}

std::string format_ratings(const Ratings& ratings) {
  std::string text;
  for (const auto& [id, value] : ratings) {
    text += fmt::format("{}{}={}", text.empty() ? "" : ",", id, value);
  }
  return text;
}

}  // namespace legsup
