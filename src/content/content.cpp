#include "legsup/content/content.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <set>

#include "legsup/base/json_document.hpp"
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

// Where a value is in the document: a JSON Pointer (RFC 6901), as every message names it.
using Path = json::json_pointer;

// What is wrong with the content, where, in the words a person reads: "PATH: expected X, got Y".
// Every reader records its problem here and goes on with a usable value, so that one pass
// finds them all.
class Problems {
 public:
  std::vector<std::string> list;

  void problem(const Path& path, const std::string& message) {
    list.push_back(fmt::format("{}: {}", path.empty() ? "/" : path.to_string(), message));
  }

  void expected(const Path& path, std::string_view what, const json& got) {
    problem(path, fmt::format("expected {}, got {}", what, describe(got)));
  }

  void missing(const Path& path, std::string_view what) {
    problem(path, fmt::format("expected {}, but it is missing", what));
  }
};

// Objects: their members, and the keys they may hold.

// The member, or nullptr after recording that it is missing.
const json* find_member(Problems& problems, const json& object, const Path& path,
                        std::string_view key, std::string_view what) {
  auto found = object.find(key);
  if (found == object.end()) {
    problems.missing(path / std::string(key), what);
    return nullptr;
  }
  return &*found;
}

// Refuses keys the schema does not know, so that a misspelt key is not silently ignored.
void check_only_keys(Problems& problems, const json& object, const Path& path,
                     std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : object.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      problems.problem(
          path / key,
          fmt::format("unknown key (known keys: {})",
                      list_choices(std::vector<std::string>(allowed.begin(), allowed.end()))));
    }
  }
}

bool check_object(Problems& problems, const json& value, const Path& path) {
  if (value.is_object()) return true;
  problems.expected(path, "an object", value);
  return false;
}

// Calls read for the member object when it is there and is an object.
template <class Read>
void read_section(Problems& problems, const json& object, const Path& path, std::string_view key,
                  Read read) {
  const json* value = find_member(problems, object, path, key, "an object");
  if (value && check_object(problems, *value, path / std::string(key))) {
    read(*value, path / std::string(key));
  }
}

// Text: non-empty strings, and ids.

std::string read_text_value(Problems& problems, const json& value, const Path& path) {
  if (!value.is_string()) {
    problems.expected(path, "a string", value);
    return {};
  }
  auto text = value.get<std::string>();
  if (text.find_first_not_of(" \t\n") == std::string::npos) {
    problems.problem(path, "expected some text, got an empty string");
  }
  return text;
}

std::string read_text(Problems& problems, const json& object, const Path& path,
                      std::string_view key) {
  const json* value = find_member(problems, object, path, key, "a string");
  return value ? read_text_value(problems, *value, path / std::string(key)) : std::string();
}

std::string read_id(Problems& problems, const json& object, const Path& path) {
  std::string value = read_text(problems, object, path, "id");
  if (!value.empty() && !is_valid_id(value)) {
    problems.problem(path / "id",
                     fmt::format("expected an id of lower-case letters, digits and '-' (at most "
                                 "40), got {}",
                                 describe(json(value))));
  }
  return value;
}

// Numbers and flags, each within its range.

// `range` says what is valid when the bounds alone would read badly ("1/60").
double read_number_value(Problems& problems, const json& value, const Path& path, double min,
                         double max, std::string range = {}) {
  if (range.empty()) range = fmt::format("a number from {} to {}", min, max);
  if (!value.is_number()) {
    problems.expected(path, range, value);
    return min;
  }
  double number = value.get<double>();
  if (!(number >= min && number <= max)) {
    problems.expected(path, range, value);
    return min;
  }
  return number;
}

double read_number(Problems& problems, const json& object, const Path& path, std::string_view key,
                   double min, double max, std::string range = {}) {
  const json* value = find_member(problems, object, path, key, "a number");
  return value ? read_number_value(problems, *value, path / std::string(key), min, max,
                                   std::move(range))
               : min;
}

bool read_boolean(Problems& problems, const json& object, const Path& path, std::string_view key) {
  const json* value = find_member(problems, object, path, key, "true or false");
  if (!value) return false;
  if (!value->is_boolean()) {
    problems.expected(path / std::string(key), "true or false", *value);
    return false;
  }
  return value->get<bool>();
}

// Lists: non-empty arrays of texts or of objects, and the ids of their items.

std::vector<std::string> read_texts(Problems& problems, const json& object, const Path& path,
                                    std::string_view key) {
  std::vector<std::string> values;
  const json* list = find_member(problems, object, path, key, "an array of strings");
  if (!list) return values;
  Path list_path = path / std::string(key);
  if (!list->is_array() || list->empty()) {
    problems.expected(list_path, "a non-empty array of strings", *list);
    return values;
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    values.push_back(read_text_value(problems, (*list)[i], list_path / i));
  }
  return values;
}

// Calls read_item for each element of a non-empty array of objects.
template <class ReadItem>
void read_objects(Problems& problems, const json& object, const Path& path, std::string_view key,
                  ReadItem read_item) {
  const json* list = find_member(problems, object, path, key, "an array of objects");
  if (!list) return;
  Path list_path = path / std::string(key);
  if (!list->is_array() || list->empty()) {
    problems.expected(list_path, "a non-empty array of objects", *list);
    return;
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    if (check_object(problems, (*list)[i], list_path / i)) read_item((*list)[i], list_path / i);
  }
}

template <class Item>
void check_unique_ids(Problems& problems, const std::vector<Item>& items, const Path& list_path) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!items[i].id.empty() && !seen.insert(items[i].id).second) {
      problems.problem(list_path / i / "id",
                       fmt::format("the id {} is used twice", quoted_value(items[i].id)));
    }
  }
}

// Reads a non-empty array of objects with ids into `items`, each by read_item; an id used twice
// is a problem.
template <class Item>
void read_items(Problems& problems, const json& object, const Path& path, std::string_view key,
                std::vector<Item>& items,
                void (*read_item)(Problems&, const json&, const Path&, Item&)) {
  read_objects(problems, object, path, key, [&](const json& item, const Path& item_path) {
    read_item(problems, item, item_path, items.emplace_back());
  });
  check_unique_ids(problems, items, path / std::string(key));
}

// The schema: each part of the content, read from its object.

void read_source(Problems& problems, const json& object, const Path& path, Source& source) {
  check_only_keys(problems, object, path, {"title", "author", "site", "published", "note"});
  source.title = read_text(problems, object, path, "title");
  source.author = read_text(problems, object, path, "author");
  source.site = read_text(problems, object, path, "site");
  if (object.contains("published"))
    source.published = read_text(problems, object, path, "published");
  if (object.contains("note")) source.note = read_text(problems, object, path, "note");
}

void read_prop(Problems& problems, const json& item, const Path& path, Prop& prop) {
  check_only_keys(problems, item, path, {"id", "name", "optional"});
  prop.id = read_id(problems, item, path);
  prop.name = read_text(problems, item, path, "name");
  prop.optional = read_boolean(problems, item, path, "optional");
}

void read_pose(Problems& problems, const json& object, const Path& path, Pose& pose) {
  check_only_keys(problems, object, path,
                  {"name", "other_names", "style", "summary", "where", "props", "when"});
  pose.name = read_text(problems, object, path, "name");
  pose.other_names = read_texts(problems, object, path, "other_names");
  pose.style = read_text(problems, object, path, "style");
  pose.summary = read_text(problems, object, path, "summary");
  pose.where = read_text(problems, object, path, "where");
  read_items(problems, object, path, "props", pose.props, read_prop);
  pose.when = read_texts(problems, object, path, "when");
}

// A [low, high] pair of minutes within the allowed range.
std::pair<double, double> read_minute_range(Problems& problems, const json& object,
                                            const Path& path, std::string_view key) {
  constexpr std::string_view kWhat = "a pair of minutes [low, high], low <= high, up to 180";
  const json* value = find_member(problems, object, path, key, kWhat);
  if (!value) return {0, 0};
  Path value_path = path / std::string(key);
  if (!value->is_array() || value->size() != 2 || !(*value)[0].is_number() ||
      !(*value)[1].is_number()) {
    problems.expected(value_path, kWhat, *value);
    return {0, 0};
  }
  double low = read_number_value(problems, (*value)[0], value_path / std::size_t{0}, 0, 180);
  double high = read_number_value(problems, (*value)[1], value_path / std::size_t{1}, 0, 180);
  if (low > high) problems.expected(value_path, kWhat, *value);
  return {low, high};
}

void read_hold(Problems& problems, const json& object, const Path& path, HoldGuidance& hold) {
  check_only_keys(problems, object, path,
                  {"shortest_useful_minutes", "typical_minutes", "suggested_minutes",
                   "default_minutes", "note"});
  // 1 second to 3 hours, the range a session may have.
  hold.shortest_useful_minutes =
      read_number(problems, object, path, "shortest_useful_minutes", 0, 180);
  std::tie(hold.typical_min_minutes, hold.typical_max_minutes) =
      read_minute_range(problems, object, path, "typical_minutes");
  std::tie(hold.suggested_min_minutes, hold.suggested_max_minutes) =
      read_minute_range(problems, object, path, "suggested_minutes");
  hold.default_minutes = read_number(problems, object, path, "default_minutes", 1.0 / 60.0, 180,
                                     "a number of minutes from 1/60 (one second) to 180");
  hold.note = read_text(problems, object, path, "note");
}

void read_benefit(Problems& problems, const json& item, const Path& path, Benefit& benefit) {
  check_only_keys(problems, item, path, {"id", "title", "summary", "details"});
  // Braces evaluate in order: problems are reported in the order of the keys.
  benefit = {read_id(problems, item, path), read_text(problems, item, path, "title"),
             read_text(problems, item, path, "summary"),
             read_texts(problems, item, path, "details")};
}

void read_variation(Problems& problems, const json& item, const Path& path, Variation& variation) {
  check_only_keys(problems, item, path, {"id", "name", "summary", "steps"});
  variation.id = read_id(problems, item, path);
  variation.name = read_text(problems, item, path, "name");
  variation.summary = read_text(problems, item, path, "summary");
  variation.steps = read_texts(problems, item, path, "steps");
}

void read_caution(Problems& problems, const json& item, const Path& path, Caution& caution) {
  check_only_keys(problems, item, path, {"id", "condition", "action", "instead", "variation"});
  caution.id = read_id(problems, item, path);
  caution.condition = read_text(problems, item, path, "condition");
  constexpr std::string_view kActions = "\"avoid\" or \"modify\"";
  if (const json* action = find_member(problems, item, path, "action", kActions)) {
    if (*action == "avoid") {
      caution.action = CautionAction::avoid;
    } else if (*action == "modify") {
      caution.action = CautionAction::modify;
    } else {
      problems.expected(path / "action", kActions, *action);
    }
  }
  caution.instead = read_text(problems, item, path, "instead");
  if (item.contains("variation")) caution.variation = read_text(problems, item, path, "variation");
}

// A part of a breath: seconds from `least` to 30, to the tenth.
Milliseconds read_breath_part(Problems& problems, const json& item, const Path& path,
                              std::string_view key, Milliseconds least) {
  std::string range = fmt::format("a number of seconds from {} to {}, to the tenth",
                                  breath_seconds(least), breath_seconds(kLongestBreathPart));
  const json* value = find_member(problems, item, path, key, range);
  if (!value) return least;
  double tenths = value->is_number() ? value->get<double>() * 10 : -1;
  double longest = static_cast<double>(kLongestBreathPart / kBreathPrecision);
  if (!(tenths >= 0 && tenths <= longest) || std::abs(tenths - std::round(tenths)) > 1e-6 ||
      std::llround(tenths) * kBreathPrecision < least) {
    problems.expected(path / std::string(key), range, *value);
    return least;
  }
  return std::llround(tenths) * kBreathPrecision;
}

void read_pattern(Problems& problems, const json& item, const Path& path, BreathPattern& pattern) {
  check_only_keys(problems, item, path,
                  {"id", "name", "inhale", "hold_in", "exhale", "hold_out", "note"});
  pattern.id = read_id(problems, item, path);
  pattern.name = read_text(problems, item, path, "name");
  pattern.inhale = read_breath_part(problems, item, path, "inhale", kShortestBreath);
  pattern.hold_in = read_breath_part(problems, item, path, "hold_in", Milliseconds(0));
  pattern.exhale = read_breath_part(problems, item, path, "exhale", kShortestBreath);
  pattern.hold_out = read_breath_part(problems, item, path, "hold_out", Milliseconds(0));
  pattern.note = read_text(problems, item, path, "note");
}

void read_breathing(Problems& problems, const json& object, const Path& path, Content& content) {
  check_only_keys(problems, object, path, {"default", "patterns"});
  content.default_breath = read_text(problems, object, path, "default");
  read_items(problems, object, path, "patterns", content.breath_patterns, read_pattern);
  if (!content.default_breath.empty() && !content.find_breath_pattern(content.default_breath) &&
      !content.breath_patterns.empty()) {
    problems.problem(path / "default",
                     fmt::format("names the breathing pattern {}, which is not in {}/patterns",
                                 quoted_value(content.default_breath), path.to_string()));
  }
}

void read_rating(Problems& problems, const json& item, const Path& path, RatingScale& scale) {
  check_only_keys(problems, item, path, {"id", "question", "low", "high"});
  scale = {read_id(problems, item, path), read_text(problems, item, path, "question"),
           read_text(problems, item, path, "low"), read_text(problems, item, path, "high")};
}

// Cross-references: each caution's variation must exist.
void check_references(Problems& problems, const Content& content) {
  for (std::size_t i = 0; i < content.cautions.size(); ++i) {
    const auto& caution = content.cautions[i];
    if (caution.variation && !caution.variation->empty() &&
        !content.find_variation(*caution.variation)) {
      problems.problem(
          Path("/cautions") / i / "variation",
          fmt::format("names the variation {}, which does not exist (variations: {})",
                      quoted_value(*caution.variation), list_choices(content.variation_ids())));
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
  return Parsed<const Variation*>::failure(fmt::format("unknown variation {} (variations: {})",
                                                       quoted_value(id),
                                                       list_choices(content.variation_ids())));
}

namespace {

// Whether the document is of the schema this legsup reads: another schema's layout would only
// produce misleading messages.
bool readable_schema(Problems& problems, const json& document) {
  const json* schema = find_member(problems, document, Path(), "schema", "the schema number");
  if (!schema || *schema == kContentSchema) return true;
  problems.problem(Path("/schema"), fmt::format("this legsup reads schema {}, got {}",
                                                kContentSchema, describe(*schema)));
  return false;
}

void read_content(Problems& problems, const json& document, Content& content) {
  const Path root;
  check_only_keys(problems, document, root,
                  {"schema", "source", "pose", "setup", "during", "exit", "hold", "benefits",
                   "variations", "cautions", "when_in_doubt", "breathing", "ratings"});
  if (!readable_schema(problems, document)) return;
  read_section(problems, document, root, "source", [&](const json& object, const Path& path) {
    read_source(problems, object, path, content.source);
  });
  read_section(problems, document, root, "pose", [&](const json& object, const Path& path) {
    read_pose(problems, object, path, content.pose);
  });
  content.setup = read_texts(problems, document, root, "setup");
  content.during = read_texts(problems, document, root, "during");
  content.exit = read_texts(problems, document, root, "exit");
  read_section(problems, document, root, "hold", [&](const json& object, const Path& path) {
    read_hold(problems, object, path, content.hold);
  });
  read_items(problems, document, root, "benefits", content.benefits, read_benefit);
  read_items(problems, document, root, "variations", content.variations, read_variation);
  read_items(problems, document, root, "cautions", content.cautions, read_caution);
  content.when_in_doubt = read_text(problems, document, root, "when_in_doubt");
  read_section(problems, document, root, "breathing", [&](const json& object, const Path& path) {
    read_breathing(problems, object, path, content);
  });
  read_items(problems, document, root, "ratings", content.ratings, read_rating);
  check_references(problems, content);
}

}  // namespace

std::vector<std::string> validate_content(const json& document, Content* out) {
  Problems problems;
  Content content;
  if (check_object(problems, document, Path())) read_content(problems, document, content);
  if (problems.list.empty() && out) *out = std::move(content);
  return problems.list;
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
  // Whole seconds as whole numbers, tenths as decimals: as the file is written by hand.
  auto seconds = [](Milliseconds part) -> json {
    if (part.count() % 1000 == 0) return part.count() / 1000;
    return static_cast<double>(part.count()) / 1000.0;
  };
  out = {{"id", pattern.id},
         {"name", pattern.name},
         {"inhale", seconds(pattern.inhale)},
         {"hold_in", seconds(pattern.hold_in)},
         {"exhale", seconds(pattern.exhale)},
         {"hold_out", seconds(pattern.hold_out)},
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
