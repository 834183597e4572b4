#include "legsup/content/content.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <set>

#include "legsup/base/json_text.hpp"
#include "legsup/base/text.hpp"

namespace legsup {

using nlohmann::json;

namespace {

// A short description of what a JSON value is, for "expected X, got Y".
std::string describe(const json& value) {
  switch (value.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::boolean:
      return value.get<bool>() ? "true" : "false";
    case json::value_t::string: {
      std::string text = value.dump();
      if (text.size() > 40) text = text.substr(0, 37) + "...\"";
      return text;
    }
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
      return "the number " + value.dump();
    case json::value_t::array:
      return "an array";
    case json::value_t::object:
      return "an object";
    default:
      return "an unusable value";
  }
}

// A JSON Pointer segment (RFC 6901): '~' and '/' are escaped.
std::string pointer_segment(std::string_view key) {
  std::string segment;
  for (char c : key) {
    if (c == '~') {
      segment += "~0";
    } else if (c == '/') {
      segment += "~1";
    } else {
      segment += c;
    }
  }
  return segment;
}

std::string child(const std::string& path, std::string_view key) {
  return path + "/" + pointer_segment(key);
}

std::string child(const std::string& path, std::size_t index) {
  return path + "/" + std::to_string(index);
}

// Walks the document, reading values into the model and recording every problem with its path.
class Checker {
 public:
  std::vector<std::string> problems;

  void problem(const std::string& path, const std::string& message) {
    problems.push_back(fmt::format("{}: {}", path.empty() ? "/" : path, message));
  }

  void expected(const std::string& path, std::string_view what, const json& got) {
    problem(path, fmt::format("expected {}, got {}", what, describe(got)));
  }

  void missing(const std::string& path, std::string_view what) {
    problem(path, fmt::format("expected {}, but it is missing", what));
  }

  // The member, or nullptr after recording that it is missing.
  const json* member(const json& object, const std::string& path, std::string_view key,
                     std::string_view what) {
    auto found = object.find(key);
    if (found == object.end()) {
      missing(child(path, key), what);
      return nullptr;
    }
    return &*found;
  }

  // Refuses keys the schema does not know, so that a misspelt key is not silently ignored.
  void only_keys(const json& object, const std::string& path,
                 std::initializer_list<std::string_view> allowed) {
    for (const auto& [key, value] : object.items()) {
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        problem(child(path, key),
                fmt::format("unknown key (known keys: {})", list_choices(std::vector<std::string>(
                                                                allowed.begin(), allowed.end()))));
      }
    }
  }

  bool is_object(const json& value, const std::string& path) {
    if (value.is_object()) return true;
    expected(path, "an object", value);
    return false;
  }

  std::string text(const json& object, const std::string& path, std::string_view key) {
    const json* value = member(object, path, key, "a string");
    return value ? text_value(*value, child(path, key)) : std::string();
  }

  std::string text_value(const json& value, const std::string& path) {
    if (!value.is_string()) {
      expected(path, "a string", value);
      return {};
    }
    auto text = value.get<std::string>();
    if (text.find_first_not_of(" \t\n") == std::string::npos) {
      problem(path, "expected some text, got an empty string");
    }
    return text;
  }

  std::string id(const json& object, const std::string& path) {
    std::string value = text(object, path, "id");
    if (!value.empty() && !is_valid_id(value)) {
      problem(child(path, "id"),
              fmt::format("expected an id of lower-case letters, digits and '-' (at most 40), "
                          "got {}",
                          describe(json(value))));
    }
    return value;
  }

  std::vector<std::string> texts(const json& object, const std::string& path,
                                 std::string_view key) {
    std::vector<std::string> values;
    const json* list = member(object, path, key, "an array of strings");
    if (!list) return values;
    std::string list_path = child(path, key);
    if (!list->is_array() || list->empty()) {
      expected(list_path, "a non-empty array of strings", *list);
      return values;
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
      values.push_back(text_value((*list)[i], child(list_path, i)));
    }
    return values;
  }

  // `range` says what is valid when the bounds alone would read badly ("1/60").
  double number(const json& object, const std::string& path, std::string_view key, double min,
                double max, std::string range = {}) {
    const json* value = member(object, path, key, "a number");
    return value ? number_value(*value, child(path, key), min, max, std::move(range)) : min;
  }

  double number_value(const json& value, const std::string& path, double min, double max,
                      std::string range = {}) {
    if (range.empty()) range = fmt::format("a number from {} to {}", min, max);
    if (!value.is_number()) {
      expected(path, range, value);
      return min;
    }
    double number = value.get<double>();
    if (!(number >= min && number <= max)) {
      expected(path, range, value);
      return min;
    }
    return number;
  }

  int whole_number(const json& object, const std::string& path, std::string_view key, int min,
                   int max) {
    std::string range = fmt::format("a whole number from {} to {}", min, max);
    const json* value = member(object, path, key, range);
    if (!value) return min;
    std::string value_path = child(path, key);
    if (!value->is_number_integer() || value->get<long long>() < min ||
        value->get<long long>() > max) {
      expected(value_path, range, *value);
      return min;
    }
    return value->get<int>();
  }

  bool boolean(const json& object, const std::string& path, std::string_view key) {
    const json* value = member(object, path, key, "true or false");
    if (!value) return false;
    if (!value->is_boolean()) {
      expected(child(path, key), "true or false", *value);
      return false;
    }
    return value->get<bool>();
  }

  // Calls read_item for each element of a non-empty array of objects.
  template <class ReadItem>
  void objects(const json& object, const std::string& path, std::string_view key,
               ReadItem read_item) {
    const json* list = member(object, path, key, "an array of objects");
    if (!list) return;
    std::string list_path = child(path, key);
    if (!list->is_array() || list->empty()) {
      expected(list_path, "a non-empty array of objects", *list);
      return;
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
      std::string item_path = child(list_path, i);
      if (is_object((*list)[i], item_path)) read_item((*list)[i], item_path);
    }
  }

  // Calls read for the member object when it is there and is an object.
  template <class Read>
  void section(const json& object, const std::string& path, std::string_view key, Read read) {
    const json* value = member(object, path, key, "an object");
    if (value && is_object(*value, child(path, key))) read(*value, child(path, key));
  }

  template <class Item>
  void unique_ids(const std::vector<Item>& items, const std::string& list_path) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (!items[i].id.empty() && !seen.insert(items[i].id).second) {
        problem(child(child(list_path, i), "id"),
                fmt::format("the id \"{}\" is used twice", items[i].id));
      }
    }
  }
};

void read_source(Checker& check, const json& object, const std::string& path, Source& source) {
  check.only_keys(object, path, {"title", "author", "site", "published", "note"});
  source.title = check.text(object, path, "title");
  source.author = check.text(object, path, "author");
  source.site = check.text(object, path, "site");
  if (object.contains("published")) source.published = check.text(object, path, "published");
  if (object.contains("note")) source.note = check.text(object, path, "note");
}

void read_pose(Checker& check, const json& object, const std::string& path, Pose& pose) {
  check.only_keys(object, path,
                  {"name", "other_names", "style", "summary", "where", "props", "when"});
  pose.name = check.text(object, path, "name");
  pose.other_names = check.texts(object, path, "other_names");
  pose.style = check.text(object, path, "style");
  pose.summary = check.text(object, path, "summary");
  pose.where = check.text(object, path, "where");
  check.objects(object, path, "props", [&](const json& item, const std::string& item_path) {
    check.only_keys(item, item_path, {"id", "name", "optional"});
    Prop prop;
    prop.id = check.id(item, item_path);
    prop.name = check.text(item, item_path, "name");
    prop.optional = check.boolean(item, item_path, "optional");
    pose.props.push_back(std::move(prop));
  });
  check.unique_ids(pose.props, child(path, "props"));
  pose.when = check.texts(object, path, "when");
}

// A [low, high] pair of minutes within the allowed range.
std::pair<double, double> read_minute_range(Checker& check, const json& object,
                                            const std::string& path, std::string_view key) {
  constexpr std::string_view kWhat = "a pair of minutes [low, high], low <= high, up to 180";
  const json* value = check.member(object, path, key, kWhat);
  if (!value) return {0, 0};
  std::string value_path = child(path, key);
  if (!value->is_array() || value->size() != 2 || !(*value)[0].is_number() ||
      !(*value)[1].is_number()) {
    check.expected(value_path, kWhat, *value);
    return {0, 0};
  }
  double low = check.number_value((*value)[0], child(value_path, 0), 0, 180);
  double high = check.number_value((*value)[1], child(value_path, 1), 0, 180);
  if (low > high) check.expected(value_path, kWhat, *value);
  return {low, high};
}

void read_hold(Checker& check, const json& object, const std::string& path, HoldGuidance& hold) {
  check.only_keys(object, path,
                  {"shortest_useful_minutes", "typical_minutes", "suggested_minutes",
                   "default_minutes", "note"});
  // 1 second to 3 hours, the range a session may have.
  hold.shortest_useful_minutes = check.number(object, path, "shortest_useful_minutes", 0, 180);
  std::tie(hold.typical_min_minutes, hold.typical_max_minutes) =
      read_minute_range(check, object, path, "typical_minutes");
  std::tie(hold.suggested_min_minutes, hold.suggested_max_minutes) =
      read_minute_range(check, object, path, "suggested_minutes");
  hold.default_minutes = check.number(object, path, "default_minutes", 1.0 / 60.0, 180,
                                      "a number of minutes from 1/60 (one second) to 180");
  hold.note = check.text(object, path, "note");
}

void read_benefit(Checker& check, const json& item, const std::string& path, Benefit& benefit) {
  check.only_keys(item, path, {"id", "title", "summary", "details"});
  // Braces evaluate in order: problems are reported in the order of the keys.
  benefit = {check.id(item, path), check.text(item, path, "title"),
             check.text(item, path, "summary"), check.texts(item, path, "details")};
}

void read_variation(Checker& check, const json& item, const std::string& path,
                    Variation& variation) {
  check.only_keys(item, path, {"id", "name", "summary", "steps"});
  variation.id = check.id(item, path);
  variation.name = check.text(item, path, "name");
  variation.summary = check.text(item, path, "summary");
  variation.steps = check.texts(item, path, "steps");
}

void read_caution(Checker& check, const json& item, const std::string& path, Caution& caution) {
  check.only_keys(item, path, {"id", "condition", "action", "instead", "variation"});
  caution.id = check.id(item, path);
  caution.condition = check.text(item, path, "condition");
  constexpr std::string_view kActions = "\"avoid\" or \"modify\"";
  if (const json* action = check.member(item, path, "action", kActions)) {
    if (*action == "avoid") {
      caution.action = CautionAction::avoid;
    } else if (*action == "modify") {
      caution.action = CautionAction::modify;
    } else {
      check.expected(child(path, "action"), kActions, *action);
    }
  }
  caution.instead = check.text(item, path, "instead");
  if (item.contains("variation")) caution.variation = check.text(item, path, "variation");
}

void read_pattern(Checker& check, const json& item, const std::string& path,
                  BreathPattern& pattern) {
  check.only_keys(item, path, {"id", "name", "inhale", "hold_in", "exhale", "hold_out", "note"});
  pattern.id = check.id(item, path);
  pattern.name = check.text(item, path, "name");
  pattern.inhale = check.whole_number(item, path, "inhale", 1, kMaxBreathPhaseSeconds);
  pattern.hold_in = check.whole_number(item, path, "hold_in", 0, kMaxBreathPhaseSeconds);
  pattern.exhale = check.whole_number(item, path, "exhale", 1, kMaxBreathPhaseSeconds);
  pattern.hold_out = check.whole_number(item, path, "hold_out", 0, kMaxBreathPhaseSeconds);
  pattern.note = check.text(item, path, "note");
}

void read_breathing(Checker& check, const json& object, const std::string& path, Content& content) {
  check.only_keys(object, path, {"default", "patterns"});
  content.default_breath = check.text(object, path, "default");
  check.objects(object, path, "patterns", [&](const json& item, const std::string& item_path) {
    read_pattern(check, item, item_path, content.breath_patterns.emplace_back());
  });
  check.unique_ids(content.breath_patterns, child(path, "patterns"));
  if (!content.default_breath.empty() && !content.find_breath_pattern(content.default_breath) &&
      !content.breath_patterns.empty()) {
    check.problem(child(path, "default"),
                  fmt::format("names the breathing pattern \"{}\", which is not in {}/patterns",
                              content.default_breath, path));
  }
}

void read_rating(Checker& check, const json& item, const std::string& path, RatingScale& scale) {
  check.only_keys(item, path, {"id", "question", "low", "high"});
  scale = {check.id(item, path), check.text(item, path, "question"), check.text(item, path, "low"),
           check.text(item, path, "high")};
}

// Cross-references: each caution's variation must exist.
void check_references(Checker& check, const Content& content) {
  for (std::size_t i = 0; i < content.cautions.size(); ++i) {
    const auto& caution = content.cautions[i];
    if (caution.variation && !caution.variation->empty() &&
        !content.find_variation(*caution.variation)) {
      check.problem(child(child("/cautions", i), "variation"),
                    fmt::format("names the variation \"{}\", which does not exist (variations: {})",
                                *caution.variation, list_choices(content.variation_ids())));
    }
  }
}

template <class Item>
const Item* find_by_id(const std::vector<Item>& items, std::string_view id) {
  auto found =
      std::find_if(items.begin(), items.end(), [&](const Item& item) { return item.id == id; });
  return found == items.end() ? nullptr : &*found;
}

template <class Item>
std::vector<std::string> ids_of(const std::vector<Item>& items) {
  std::vector<std::string> ids;
  for (const auto& item : items)
    ids.push_back(item.id);
  return ids;
}

}  // namespace

const Variation* Content::find_variation(std::string_view id) const {
  return find_by_id(variations, id);
}
const BreathPattern* Content::find_breath_pattern(std::string_view id) const {
  return find_by_id(breath_patterns, id);
}
const RatingScale* Content::find_rating(std::string_view id) const {
  return find_by_id(ratings, id);
}
std::vector<std::string> Content::variation_ids() const {
  return ids_of(variations);
}
std::vector<std::string> Content::breath_pattern_ids() const {
  return ids_of(breath_patterns);
}
std::vector<std::string> Content::rating_ids() const {
  return ids_of(ratings);
}

Parsed<const Variation*> lookup_variation(const Content& content, std::string_view id) {
  if (const Variation* found = content.find_variation(id)) return found;
  return Parsed<const Variation*>::failure(fmt::format("unknown variation \"{}\" (variations: {})",
                                                       id, list_choices(content.variation_ids())));
}

std::vector<std::string> validate_content(const json& document, Content* out) {
  Checker check;
  Content content;
  if (!check.is_object(document, "")) return check.problems;

  const std::string root;
  check.only_keys(document, root,
                  {"schema", "source", "pose", "setup", "during", "exit", "hold", "benefits",
                   "variations", "cautions", "when_in_doubt", "breathing", "ratings"});
  if (const json* schema = check.member(document, root, "schema", "the schema number")) {
    if (*schema != kContentSchema) {
      check.problem("/schema", fmt::format("this legsup reads schema {}, got {}", kContentSchema,
                                           describe(*schema)));
      // Another schema's layout would only produce misleading messages.
      return check.problems;
    }
  }
  check.section(document, root, "source", [&](const json& object, const std::string& path) {
    read_source(check, object, path, content.source);
  });
  check.section(document, root, "pose", [&](const json& object, const std::string& path) {
    read_pose(check, object, path, content.pose);
  });
  content.setup = check.texts(document, root, "setup");
  content.during = check.texts(document, root, "during");
  content.exit = check.texts(document, root, "exit");
  check.section(document, root, "hold", [&](const json& object, const std::string& path) {
    read_hold(check, object, path, content.hold);
  });
  check.objects(document, root, "benefits", [&](const json& item, const std::string& path) {
    read_benefit(check, item, path, content.benefits.emplace_back());
  });
  check.unique_ids(content.benefits, "/benefits");
  check.objects(document, root, "variations", [&](const json& item, const std::string& path) {
    read_variation(check, item, path, content.variations.emplace_back());
  });
  check.unique_ids(content.variations, "/variations");
  check.objects(document, root, "cautions", [&](const json& item, const std::string& path) {
    read_caution(check, item, path, content.cautions.emplace_back());
  });
  check.unique_ids(content.cautions, "/cautions");
  content.when_in_doubt = check.text(document, root, "when_in_doubt");
  check.section(document, root, "breathing", [&](const json& object, const std::string& path) {
    read_breathing(check, object, path, content);
  });
  check.objects(document, root, "ratings", [&](const json& item, const std::string& path) {
    read_rating(check, item, path, content.ratings.emplace_back());
  });
  check.unique_ids(content.ratings, "/ratings");
  check_references(check, content);

  if (check.problems.empty() && out) *out = std::move(content);
  return check.problems;
}

Parsed<Content> parse_content(std::string_view text, std::string_view origin) {
  auto document = parse_json_document(text, origin);
  if (!document) return Parsed<Content>::failure(document.error());
  Content content;
  auto problems = validate_content(*document, &content);
  if (!problems.empty()) {
    std::string more =
        problems.size() > 1 ? fmt::format(" (and {} more problems)", problems.size() - 1) : "";
    return Parsed<Content>::failure(fmt::format("{}: {}{}", origin, problems.front(), more));
  }
  return content;
}

std::string_view to_string(CautionAction action) {
  return action == CautionAction::avoid ? "avoid" : "modify";
}

void to_json(json& out, const Source& source) {
  out = {{"title", source.title}, {"author", source.author}, {"site", source.site}};
  if (!source.published.empty()) out["published"] = source.published;
  if (!source.note.empty()) out["note"] = source.note;
}

void to_json(json& out, const Pose& pose) {
  json props = json::array();
  for (const auto& prop : pose.props) {
    props.push_back({{"id", prop.id}, {"name", prop.name}, {"optional", prop.optional}});
  }
  out = {{"name", pose.name},   {"other_names", pose.other_names},
         {"style", pose.style}, {"summary", pose.summary},
         {"where", pose.where}, {"props", props},
         {"when", pose.when}};
}

void to_json(json& out, const HoldGuidance& hold) {
  out = {{"shortest_useful_minutes", hold.shortest_useful_minutes},
         {"typical_minutes", {hold.typical_min_minutes, hold.typical_max_minutes}},
         {"suggested_minutes", {hold.suggested_min_minutes, hold.suggested_max_minutes}},
         {"default_minutes", hold.default_minutes},
         {"note", hold.note}};
}

void to_json(json& out, const Benefit& benefit) {
  out = {{"id", benefit.id},
         {"title", benefit.title},
         {"summary", benefit.summary},
         {"details", benefit.details}};
}

void to_json(json& out, const Variation& variation) {
  out = {{"id", variation.id},
         {"name", variation.name},
         {"summary", variation.summary},
         {"steps", variation.steps}};
}

void to_json(json& out, const Caution& caution) {
  out = {{"id", caution.id},
         {"condition", caution.condition},
         {"action", to_string(caution.action)},
         {"instead", caution.instead}};
  if (caution.variation) out["variation"] = *caution.variation;
}

void to_json(json& out, const BreathPattern& pattern) {
  out = {{"id", pattern.id},           {"name", pattern.name},     {"inhale", pattern.inhale},
         {"hold_in", pattern.hold_in}, {"exhale", pattern.exhale}, {"hold_out", pattern.hold_out},
         {"note", pattern.note}};
}

void to_json(json& out, const RatingScale& scale) {
  out = {{"id", scale.id}, {"question", scale.question}, {"low", scale.low}, {"high", scale.high}};
}

void to_json(json& out, const Content& content) {
  out = {
      {"schema", content.schema},
      {"source", content.source},
      {"pose", content.pose},
      {"setup", content.setup},
      {"during", content.during},
      {"exit", content.exit},
      {"hold", content.hold},
      {"benefits", content.benefits},
      {"variations", content.variations},
      {"cautions", content.cautions},
      {"when_in_doubt", content.when_in_doubt},
      {"breathing", {{"default", content.default_breath}, {"patterns", content.breath_patterns}}},
      {"ratings", content.ratings}};
}

}  // namespace legsup
