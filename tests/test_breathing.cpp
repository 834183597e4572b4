#include <doctest/doctest.h>

#include "legsup/content/breathing.hpp"

using namespace legsup;

namespace {

const std::vector<BreathPattern> kPatterns = {{"box", "Box breathing", 4, 4, 4, 4, ""},
                                              {"4-7-8", "4-7-8 breathing", 4, 7, 8, 0, ""}};

}  // namespace

TEST_CASE("a pattern id, custom seconds, or none") {
  auto box = parse_breath_choice("box", kPatterns);
  REQUIRE(box.ok());
  CHECK((*box)->cycle_seconds() == 16);
  // An id that looks like custom seconds is the content's pattern, not custom.
  CHECK((*parse_breath_choice("4-7-8", kPatterns))->name == "4-7-8 breathing");
  auto custom = parse_breath_choice("4-0-6", kPatterns);
  REQUIRE(custom.ok());
  CHECK((*custom)->id == "4-0-6");
  CHECK((*custom)->name == "Custom");
  CHECK((*custom)->inhale == 4);
  CHECK((*custom)->hold_in == 0);
  CHECK((*custom)->exhale == 6);
  CHECK((*custom)->hold_out == 0);
  CHECK((*parse_breath_choice("2-1-3-5", kPatterns))->hold_out == 5);
  CHECK_FALSE(parse_breath_choice("none", kPatterns)->has_value());
}

TEST_CASE("bad patterns say why and list what would be valid") {
  struct Case {
    const char* text;
    const char* why;
  };
  for (const Case& c :
       {Case{"", "not a pattern id"}, Case{"panting", "not a pattern id"},
        Case{"4-6", "three or four numbers are needed"}, Case{"4-0-6-0-1", "at most four numbers"},
        Case{"0-0-6", "inhale and exhale last at least 1 second"},
        Case{"4-0-0", "inhale and exhale last at least 1 second"},
        Case{"4-0-31", "\"31\" is not a number of seconds from 0 to 30"},
        Case{"4--6", "\"\" is not a number of seconds"},
        Case{"-4-0-6", "\"\" is not a number of seconds"}}) {
    auto parsed = parse_breath_choice(c.text, kPatterns);
    REQUIRE_MESSAGE(!parsed.ok(), c.text);
    CHECK_MESSAGE(parsed.error().find(c.why) != std::string::npos, parsed.error());
    CHECK(parsed.error().find("(patterns: box, 4-7-8 or none; or seconds IN-HOLD-OUT[-HOLD]") !=
          std::string::npos);
  }
}

TEST_CASE("a pattern's timing in words leaves zero holds out") {
  CHECK(breath_timing(kPatterns[0]) == "in 4, hold 4, out 4, hold 4");
  CHECK(breath_timing(kPatterns[1]) == "in 4, hold 7, out 8");
}
