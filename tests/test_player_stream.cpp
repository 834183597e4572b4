#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <thread>

#include "player_stream.hpp"

using namespace legsup;

namespace {

SteadyTime steady_now() {
  return std::chrono::steady_clock::now().time_since_epoch();
}

// Pumps until the player is told to have failed; none if it is not within a generous limit.
std::optional<std::string> failure_of(PlayerStream& stream) {
  SteadyTime give_up = steady_now() + std::chrono::seconds(30);
  while (steady_now() < give_up) {
    if (auto why = stream.pump(steady_now())) return why;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return std::nullopt;
}

}  // namespace

TEST_CASE("a player that failed is told with its own words, however often it is asked") {
  // As in legsup (SystemEvents), a write to a player that has gone fails with EPIPE; it does not
  // end the process.
  auto previous = std::signal(SIGPIPE, SIG_IGN);
  // As pacat does with no server: it says why on standard error and exits 1 at once.
  PlayerStream stream(
      "pacat", {"/bin/sh", "-c", "echo 'Connection failure: Connection refused' >&2; exit 1"}, {},
      1.0);
  REQUIRE(stream.launch(steady_now()));
  auto first = failure_of(stream);
  REQUIRE(first);
  CHECK(*first == "pacat failed (exit 1: Connection failure: Connection refused)");
  // Asked again (a write that failed as it exited reaps it too): the same words, never "pacat is
  // not running".
  CHECK(stream.pump(steady_now()) == first);
  CHECK(stream.pump(steady_now()) == first);
  std::signal(SIGPIPE, previous);
}
