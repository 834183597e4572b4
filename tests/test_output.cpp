#include <doctest/doctest.h>

#include "legsup/base/output.hpp"

using legsup::decide_output_mode;
using legsup::Environment;
using legsup::Style;
using legsup::TerminalProbe;
using legsup::Tone;

namespace {
const TerminalProbe kTerminal{true, 100, 30};
const TerminalProbe kPipe{false, std::nullopt, std::nullopt};
const Environment kXterm({{"TERM", "xterm-256color"}});
}  // namespace

TEST_CASE("colour is used on a terminal and nowhere else") {
  CHECK(decide_output_mode(kTerminal, kXterm, false).color);
  CHECK_FALSE(decide_output_mode(kPipe, kXterm, false).color);
}

TEST_CASE("NO_COLOR, TERM=dumb, no TERM and --no-color each turn colour off") {
  CHECK_FALSE(
      decide_output_mode(kTerminal, Environment({{"TERM", "xterm"}, {"NO_COLOR", "1"}}), false)
          .color);
  CHECK_FALSE(decide_output_mode(kTerminal, Environment({{"TERM", "dumb"}}), false).color);
  CHECK_FALSE(decide_output_mode(kTerminal, Environment(), false).color);
  CHECK_FALSE(decide_output_mode(kTerminal, kXterm, true).color);
  // An empty NO_COLOR does not count, as the convention says.
  CHECK(decide_output_mode(kTerminal, Environment({{"TERM", "xterm"}, {"NO_COLOR", ""}}), false)
            .color);
}

TEST_CASE("only a terminal that knows cursor movement is redrawn in place") {
  CHECK(decide_output_mode(kTerminal, kXterm, true).moves_cursor);
  CHECK_FALSE(decide_output_mode(kTerminal, Environment({{"TERM", "dumb"}}), false).moves_cursor);
  CHECK_FALSE(decide_output_mode(kTerminal, Environment(), false).moves_cursor);
  CHECK_FALSE(decide_output_mode(kPipe, kXterm, false).moves_cursor);
}

TEST_CASE("width comes from the terminal, then COLUMNS, then 80") {
  Environment columns({{"COLUMNS", "120"}});
  CHECK(decide_output_mode(kTerminal, columns, false).width == 100);
  CHECK(decide_output_mode(kPipe, columns, false).width == 120);
  CHECK(decide_output_mode(kPipe, Environment(), false).width == 80);
  CHECK(decide_output_mode(kPipe, Environment({{"COLUMNS", "wide"}}), false).width == 80);
  CHECK(decide_output_mode(kPipe, Environment({{"COLUMNS", "5"}}), false).width == 20);
}

TEST_CASE("a style without colour leaves text alone") {
  CHECK(Style(false).paint("avoid", Tone::avoid) == "avoid");
  CHECK(Style(true).paint("avoid", Tone::avoid) == "\x1b[1;31mavoid\x1b[0m");
  CHECK(Style(true).paint("plain", Tone::plain) == "plain");
}
