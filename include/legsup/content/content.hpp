// The content: everything legsup tells a person about the pose, loaded from JSON and validated
// completely, so that every later use can trust it.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "legsup/base/error.hpp"
#include "legsup/content/breathing.hpp"

namespace legsup {

inline constexpr int kContentSchema = 1;

struct Source {
  std::string title;
  std::string author;
  std::string site;
  std::string published;
  std::string note;
};

struct Prop {
  std::string id;
  std::string name;
  bool optional = false;
};

struct Pose {
  std::string name;
  std::vector<std::string> other_names;
  std::string style;
  std::string summary;
  std::string where;
  std::vector<Prop> props;
  std::vector<std::string> when;
};

struct HoldGuidance {
  double shortest_useful_minutes = 0;
  double typical_min_minutes = 0;
  double typical_max_minutes = 0;
  double suggested_min_minutes = 0;
  double suggested_max_minutes = 0;
  double default_minutes = 0;
  std::string note;
};

struct Benefit {
  std::string id;
  std::string title;
  std::string summary;
  std::vector<std::string> details;
};

struct Variation {
  std::string id;
  std::string name;
  std::string summary;
  std::vector<std::string> steps;
};

enum class CautionAction { avoid, modify };

struct Caution {
  std::string id;
  std::string condition;
  CautionAction action = CautionAction::avoid;
  std::string instead;
  std::optional<std::string> variation;  // the id of a variation that fits, if one does
};

struct RatingScale {
  std::string id;
  std::string question;
  std::string low;   // what 0 means
  std::string high;  // what 10 means
};

struct Content {
  int schema = kContentSchema;
  Source source;
  Pose pose;
  std::vector<std::string> setup;
  std::vector<std::string> during;
  std::vector<std::string> exit;
  HoldGuidance hold;
  std::vector<Benefit> benefits;
  std::vector<Variation> variations;
  std::vector<Caution> cautions;
  std::string when_in_doubt;
  std::string default_breath;
  std::vector<BreathPattern> breath_patterns;
  std::vector<RatingScale> ratings;

  const Variation* find_variation(std::string_view id) const;
  const BreathPattern* find_breath_pattern(std::string_view id) const;
  const RatingScale* find_rating(std::string_view id) const;
  std::vector<std::string> variation_ids() const;
  std::vector<std::string> breath_pattern_ids() const;
  std::vector<std::string> rating_ids() const;
};

// The variation with this id, or a message that lists the ids there are.
Parsed<const Variation*> lookup_variation(const Content& content, std::string_view id);

// Parses and validates content. `origin` names the source in messages: a JSON syntax error says
// "origin:LINE:COLUMN: ...", a schema error "origin: /json/path: expected ..., got ...".
Parsed<Content> parse_content(std::string_view text, std::string_view origin);

// Every problem found, in document order (parse_content reports the first and a count).
std::vector<std::string> validate_content(const nlohmann::json& document, Content* out);

std::string_view to_string(CautionAction action);

// The JSON form of the model, as the content file spells it.
void to_json(nlohmann::json& out, const Content& content);
void to_json(nlohmann::json& out, const Source& source);
void to_json(nlohmann::json& out, const Pose& pose);
void to_json(nlohmann::json& out, const HoldGuidance& hold);
void to_json(nlohmann::json& out, const Benefit& benefit);
void to_json(nlohmann::json& out, const Variation& variation);
void to_json(nlohmann::json& out, const Caution& caution);
void to_json(nlohmann::json& out, const BreathPattern& pattern);
void to_json(nlohmann::json& out, const RatingScale& scale);

// The content file built into the binary: the bytes of data/legsup.json at build time.
std::string_view embedded_content();

}  // namespace legsup
