#include <doctest/doctest.h>

#include "legsup/content/breathing.hpp"

using namespace legsup;

namespace {

using namespace std::chrono_literals;

const std::vector<BreathPattern> kPatterns = {{"box", "Box breathing", 4s, 4s, 4s, 4s, ""},
                                              {"4-7-8", "4-7-8 breathing", 4s, 7s, 8s, 0s, ""}};

}  // namespace

TEST_CASE("a pattern id, custom seconds, or none") {
  auto box = parse_breath_choice("box", kPatterns);
  REQUIRE(box.ok());
  CHECK((*box)->cycle() == 16s);
  // An id that looks like custom seconds is the content's pattern, not custom.
  CHECK((*parse_breath_choice("4-7-8", kPatterns))->name == "4-7-8 breathing");
  auto custom = parse_breath_choice("4-0-6", kPatterns);
  REQUIRE(custom.ok());
  CHECK((*custom)->id == "4-0-6");
  CHECK((*custom)->name == "Custom");
  CHECK((*custom)->inhale == 4s);
  CHECK((*custom)->hold_in == 0s);
  CHECK((*custom)->exhale == 6s);
  CHECK((*custom)->hold_out == 0s);
  CHECK((*parse_breath_choice("2-1-3-5", kPatterns))->hold_out == 5s);
  CHECK_FALSE(parse_breath_choice("none", kPatterns)->has_value());
}

TEST_CASE("custom seconds have one spelling, however they are typed: the record keeps that one") {
  for (const char* typed : {"04-0-06", "4.0-0-6.0", "4-0.0-6-0", "004-00-006.0"}) {
    INFO(typed);
    auto custom = parse_breath_choice(typed, kPatterns);
    REQUIRE(custom.ok());
    CHECK((*custom)->id == "4-0-6");
  }
  CHECK((*parse_breath_choice("05.5-0-5.5", kPatterns))->id == "5.5-0-5.5");
  // The content's pattern, however its seconds are typed.
  CHECK((*parse_breath_choice("04-07-08", kPatterns))->name == "4-7-8 breathing");
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
        Case{"4-0-31", "\"31\" is not a number of seconds from 0 to 30, to the tenth"},
        Case{"4-0-5.55", "\"5.55\" is not a number of seconds from 0 to 30, to the tenth"},
        Case{"4-0-.5", "\".5\" is not a number of seconds"},
        Case{"4-0-5.", "\"5.\" is not a number of seconds"},
        Case{"0.9-0-6", "inhale and exhale last at least 1 second"},
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

TEST_CASE("patterns in tenths of a second, shown as people write them") {
  auto resonance = parse_breath_choice("5.5-0-5.5", kPatterns);
  REQUIRE(resonance.ok());
  CHECK((*resonance)->inhale == 5500ms);
  CHECK((*resonance)->exhale == 5500ms);
  CHECK((*resonance)->cycle() == 11s);
  CHECK(breath_timing(**resonance) == "in 5.5, out 5.5");
  CHECK(breath_rate(**resonance) == "5.5 breaths a minute");
  CHECK(breath_timing(*(*parse_breath_choice("4.2-1.5-6-0.5", kPatterns))) ==
        "in 4.2, hold 1.5, out 6, hold 0.5");
  CHECK(breath_rate(kPatterns[1]) == "3.2 breaths a minute");  // 4-7-8: a breath of 19 s
  CHECK(breath_rate(*(*parse_breath_choice("30-0-30", kPatterns))) == "1 breath a minute");
}

TEST_CASE("a rate paces a pattern in its shape, a ratio shares its breath at its rate") {
  const BreathPattern long_exhale{"long-exhale", "Longer exhale", 4s, 0s, 6s, 0s, ""};
  const BreathPattern coherent{"coherent", "Coherent breathing", 5s, 0s, 5s, 0s, ""};
  auto rate = [](std::string_view text) { return *parse_breath_rate(text); };
  auto ratio = [](std::string_view text) { return *parse_breath_ratio(text); };

  // 6 a minute at 4:6 is 4-0-6, whatever the pattern was.
  auto paced = paced_pattern(coherent, rate("6"), ratio("4:6"));
  REQUIRE(paced.ok());
  CHECK(paced->inhale == 4s);
  CHECK(paced->exhale == 6s);
  CHECK(paced->id == "4-0-6");
  CHECK(paced->name == "Custom");
  // A rate alone keeps the shape: 5.5 a minute, 4:6, is a breath of 10.9 s, each part to the
  // tenth.
  paced = paced_pattern(long_exhale, rate("5.5"), std::nullopt);
  REQUIRE(paced.ok());
  CHECK(paced->inhale == 4400ms);
  CHECK(paced->exhale == 6500ms);
  CHECK(paced->id == "4.4-0-6.5");
  CHECK(breath_rate(*paced) == "5.5 breaths a minute");
  // What is logged reads back as the same seconds.
  auto read_back = parse_breath_choice(paced->id, kPatterns);
  REQUIRE(read_back.ok());
  CHECK((*read_back)->cycle() == paced->cycle());
  CHECK((*read_back)->inhale == paced->inhale);
  // A ratio alone keeps the rate; holds come from the ratio.
  paced = paced_pattern(kPatterns[0], std::nullopt, ratio("4:7:8"));
  REQUIRE(paced.ok());
  CHECK(paced->cycle() == 16s);
  CHECK(breath_timing(*paced) == "in 3.4, hold 5.9, out 6.7");
  paced = paced_pattern(kPatterns[0], rate("4"), std::nullopt);  // box, a breath of 15 s
  REQUIRE(paced.ok());
  CHECK(breath_timing(*paced) == "in 3.8, hold 3.8, out 3.8, hold 3.8");
  // Asked for what it already is, the content's pattern stays itself.
  CHECK(paced_pattern(coherent, rate("6"), ratio("1:1"))->id == "coherent");
  CHECK(paced_pattern(coherent, std::nullopt, std::nullopt)->id == "coherent");
  // A part out of range is refused, saying which.
  auto fast = paced_pattern(long_exhale, rate("30"), std::nullopt);
  REQUIRE_FALSE(fast.ok());
  CHECK(fast.error() ==
        "at 30 breaths a minute in the shape of long-exhale, the inhale would last 0.8 s "
        "(inhale and exhale last 1 to 30 seconds, a hold at most 30)");
  CHECK(paced_pattern(kPatterns[1], rate("1"), ratio("1:1"))->id == "30-0-30");
  CHECK(paced_pattern(kPatterns[1], rate("1"), ratio("1:9"))
            .error()
            .find("the exhale would last 54 s") != std::string::npos);
  // One breath a minute is said as the title says it.
  CHECK(paced_pattern(kPatterns[1], rate("1"), ratio("1:100"))
            .error()
            .rfind("at 1 breath a minute in the ratio 1:100", 0) == 0);
}

TEST_CASE("bad rates and ratios say why and what would be valid") {
  for (const char* text : {"", "0", "0.9", "31", "5.55", "6.", ".5", "-6", "six", "1e1"}) {
    auto parsed = parse_breath_rate(text);
    REQUIRE_MESSAGE(!parsed.ok(), text);
    CHECK(parsed.error().find("breaths a minute from 1 to 30, to the tenth") != std::string::npos);
  }
  CHECK(parse_breath_rate("5.5")->tenths_per_minute == 55);
  CHECK(parse_breath_rate("30")->tenths_per_minute == 300);
  struct Case {
    const char* text;
    const char* why;
  };
  for (const Case& c :
       {Case{"4", "two, three or four parts are needed"}, Case{"4:0", "in and out are more than 0"},
        Case{"0:6", "in and out are more than 0"}, Case{"1:1:1:1:1", "at most four parts"},
        Case{"4:x", "\"x\" is not a number"}, Case{"4::6", "\"\" is not a number"},
        Case{"", "two, three or four parts are needed"},
        Case{"10000:1", "\"10000\" is not a number from 0 to 9999.9, to the tenth"}}) {
    auto parsed = parse_breath_ratio(c.text);
    REQUIRE_MESSAGE(!parsed.ok(), c.text);
    CHECK_MESSAGE(parsed.error().find(c.why) != std::string::npos, parsed.error());
    CHECK(parsed.error().find("(IN:OUT such as 4:6") != std::string::npos);
  }
  CHECK(parse_breath_ratio("4:7:8")->tenths == std::array<int, 4>{40, 70, 80, 0});
  CHECK(parse_breath_ratio("1:1.5")->tenths == std::array<int, 4>{10, 0, 15, 0});
}
