#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

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

TEST_CASE("each section shows its own content") {
  CHECK(text_of(GuideSection::exit).find(builtin_content().exit.back()) != std::string::npos);
  std::string benefits = text_of(GuideSection::benefits);
  for (const auto& benefit : builtin_content().benefits) {
    std::string heading = benefit.title;  // plain headings are upper case
    for (auto& c : heading)
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    CHECK(benefits.find(heading) != std::string::npos);
    CHECK(benefits.find(benefit.details.front().substr(0, 20)) != std::string::npos);
  }
  std::string breathing = text_of(GuideSection::breathing);
  CHECK(breathing.find("in 4, hold 7, out 8 seconds") != std::string::npos);
  std::string all = text_of(GuideSection::all);
  CHECK(all.find("Nicole Longwell") != std::string::npos);
  CHECK(all.find("WHEN IN DOUBT") != std::string::npos);
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
