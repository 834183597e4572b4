// Ratings of how a person feels, by scale, before and after a session: their type and their
// form as people type them.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "legsup/base/error.hpp"

namespace legsup {

// Scale id to a value from kLeastRating to kMostRating, such as {"stress": 6, "legs": 4}.
using Ratings = std::map<std::string, int>;
inline constexpr int kLeastRating = 0;
inline constexpr int kMostRating = 10;

// Ratings as people type them: "stress=6,legs=4". Every id must be in `scale_ids`; values from
// kLeastRating to kMostRating.
Parsed<Ratings> parse_ratings(std::string_view text, const std::vector<std::string>& scale_ids);
std::string format_ratings(const Ratings& ratings);  // "stress=6,legs=4"

}  // namespace legsup
