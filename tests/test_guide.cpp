#include <doctest/doctest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "builtin_content.hpp"
#include "legsup/content/guide.hpp"

using namespace legsup;
using legsup::testing::builtin_content;

namespace {

std::string text_of(GuideSection section, const std::optional<std::string>& variant = {}) {
  auto request = make_guide_request(builtin_content(), section, variant);
  REQUIRE(request.ok());
  return render(guide_document(builtin_content(), *request), 80, Style(false));
}

}  // namespace

TEST_CASE("section names parse, and an unknown one lists the valid ones") {
  CHECK(*parse_guide_section("breathing") == GuideSection::breathing);
  auto bad = parse_guide_section("setp");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error() ==
        "unknown guide section \"setp\" (sections: setup, during, exit, variants, benefits, "
        "breathing or all)");
}

TEST_CASE("the overview shows setup, during, coming out, the variations and cautions pointer") {
  std::string out = text_of(GuideSection::overview);
  for (const char* part :
       {"SETUP", "DURING THE HOLD", "COMING OUT", "VARIATIONS", "legsup cautions"}) {
    CHECK_MESSAGE(out.find(part) != std::string::npos, part);
  }
  for (const auto& variation : builtin_content().variations) {
    CHECK(out.find(variation.id) != std::string::npos);
  }
  CHECK(out.find(builtin_content().setup.front().substr(0, 30)) != std::string::npos);
}

TEST_CASE("--variant shows the variation's steps in place of the plain setup") {
  std::string out = text_of(GuideSection::setup, "bed");
  const Variation& bed = *builtin_content().find_variation("bed");
  CHECK(out.find("SETUP: IN BED") != std::string::npos);
  CHECK(out.find(bed.steps.front()) != std::string::npos);
  CHECK(out.find(builtin_content().setup.front().substr(0, 30)) == std::string::npos);
}

TEST_CASE("--variant is refused when unknown or when the section has no setup") {
  auto unknown =
      make_guide_request(builtin_content(), GuideSection::overview, std::string("handstand"));
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().find("--variant: unknown variation \"handstand\"") == 0);
  CHECK(unknown.error().find("knees-bent") != std::string::npos);
  CHECK_FALSE(
      make_guide_request(builtin_content(), GuideSection::benefits, std::string("bed")).ok());
}

namespace {

// The parts of the content, each by every text it holds, for telling which a section shows.
struct Part {
  std::string name;
  std::vector<std::string> texts;
};

std::vector<Part> content_parts(const Content& content) {
  std::vector<std::string> variation_steps, benefit_details, pattern_notes, conditions;
  for (const auto& variation : content.variations)
    variation_steps.insert(variation_steps.end(), variation.steps.begin(), variation.steps.end());
  for (const auto& benefit : content.benefits) {
    benefit_details.push_back(benefit.summary);
    benefit_details.insert(benefit_details.end(), benefit.details.begin(), benefit.details.end());
  }
  for (const auto& pattern : content.breath_patterns) {
    pattern_notes.push_back(breath_timing(pattern) + " seconds, " + breath_rate(pattern));
    pattern_notes.push_back(pattern.note);
  }
  for (const auto& caution : content.cautions)
    conditions.push_back(caution.condition);
  return {{"summary", {content.pose.summary}},
          {"where", {content.pose.where}},
          {"when", content.pose.when},
          {"setup", content.setup},
          {"during", content.during},
          {"how long", {content.hold.note}},
          {"exit", content.exit},
          {"variations", variation_steps},
          {"benefits", benefit_details},
          {"breathing", pattern_notes},
          {"cautions", conditions},
          {"when in doubt", {content.when_in_doubt}},
          {"source", {content.source.author}}};
}

}  // namespace

TEST_CASE("each section shows its own content, whole, and no other section's") {
  const std::map<GuideSection, std::set<std::string>> shows = {
      {GuideSection::overview, {"summary", "setup", "during", "exit"}},
      {GuideSection::setup, {"where", "setup"}},
      {GuideSection::during, {"during", "how long"}},
      {GuideSection::exit, {"exit"}},
      {GuideSection::variants, {"variations"}},
      {GuideSection::benefits, {"benefits"}},
      {GuideSection::breathing, {"breathing"}},
  };
  auto parts = content_parts(builtin_content());
  std::vector<std::string> names = {"overview"};
  names.insert(names.end(), guide_section_names().begin(), guide_section_names().end());
  for (const auto& name : names) {
    GuideSection section = name == "overview" ? GuideSection::overview : *parse_guide_section(name);
    CAPTURE(name);
    auto request = make_guide_request(builtin_content(), section, std::nullopt);
    REQUIRE(request.ok());
    // Wide enough that no line wraps: each text is found whole.
    std::string out = render(guide_document(builtin_content(), *request), 100000, Style(false));
    for (const auto& part : parts) {
      bool own = section == GuideSection::all || shows.at(section).count(part.name) > 0;
      CAPTURE(part.name);
      REQUIRE_FALSE(part.texts.empty());
      for (const auto& text : part.texts) {
        CAPTURE(text);
        CHECK((out.find(text) != std::string::npos) == own);
      }
    }
  }
}

TEST_CASE("guide JSON holds what the section shows") {
  auto request = *make_guide_request(builtin_content(), GuideSection::setup, std::string("bed"));
  auto json = guide_json(builtin_content(), request);
  CHECK(json["variant"]["id"] == "bed");
  CHECK_FALSE(json.contains("setup"));
  auto all =
      guide_json(builtin_content(), *make_guide_request(builtin_content(), GuideSection::all, {}));
  CHECK(all == nlohmann::json(builtin_content()));
  auto variants = guide_json(
      builtin_content(),
      *make_guide_request(builtin_content(), GuideSection::variants, std::string("knees-bent")));
  CHECK(variants["variations"].size() == 1);
}

TEST_CASE("cautions show avoid or modify, what to do instead, and the variation that fits") {
  std::string out = render(cautions_document(builtin_content()), 200, Style(false));
  for (const auto& caution : builtin_content().cautions) {
    CHECK(out.find(caution.condition) != std::string::npos);
    CHECK(out.find(std::string(to_string(caution.action)) + " ") != std::string::npos);
  }
  CHECK(out.find("legsup guide --variant pregnancy-upright") != std::string::npos);
  CHECK(out.find(builtin_content().when_in_doubt) != std::string::npos);
  auto json = cautions_json(builtin_content());
  CHECK(json["cautions"].size() == builtin_content().cautions.size());
  CHECK(json["cautions"][4]["action"] == "modify");
}
