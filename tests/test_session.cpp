#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <csignal>
#include <deque>

#include "legsup/session_loop.hpp"
#include "legsup/session_screen.hpp"
#include "legsup/text.hpp"

using namespace legsup;
using namespace std::chrono_literals;

namespace {

BreathPattern pattern(int in, int hold_in, int out, int hold_out) {
  BreathPattern p;
  p.id = "test";
  p.inhale = in;
  p.hold_in = hold_in;
  p.exhale = out;
  p.hold_out = hold_out;
  return p;
}

SessionPlan plan(Milliseconds settle, Milliseconds hold, std::optional<BreathPattern> breath = {}) {
  return SessionPlan{settle, hold, breath};
}

// A clock that only moves when the loop waits, and events scripted at given times.
class FakeEvents : public EventSource {
 public:
  struct Scripted {
    SteadyTime at;
    Event event;
  };
  std::deque<Scripted> script;
  SteadyTime time{};
  int waits = 0;
  int stops = 0;
  Milliseconds stopped_for{0};

  SteadyTime now() override { return time; }
  Event wait(std::optional<SteadyTime> deadline) override {
    ++waits;
    REQUIRE((deadline || !script.empty()));
    if (!script.empty() && (!deadline || script.front().at <= *deadline)) {
      time = std::max(time, script.front().at);
      Event event = script.front().event;
      script.pop_front();
      return event;
    }
    REQUIRE(*deadline >= time);  // deadlines never lie in the past
    time = *deadline;
    return Event{};
  }
  void stop_process() override {
    ++stops;
    time += stopped_for;
  }
};

Event key(char c) {
  return Event{Event::Kind::key, c, 0};
}
Event signal_event(int number) {
  return Event{Event::Kind::signal, 0, number};
}

class RecordingScreen : public SessionScreen {
 public:
  std::vector<SessionView> shown;
  Watch wanted;
  int suspended = 0;
  int resumed = 0;
  bool finished = false;
  void show(const SessionView& view) override { shown.push_back(view); }
  void suspend() override { ++suspended; }
  void resume() override { ++resumed; }
  void finish(const SessionView&) override { finished = true; }
  Watch watch() const override { return wanted; }
};

class RecordingCues : public CuePlayer {
 public:
  std::vector<std::pair<Cue, SteadyTime>> played;
  FakeEvents* clock = nullptr;
  void play(Cue cue) override { played.emplace_back(cue, clock->time); }
  long count(Cue cue) const {
    return std::count_if(played.begin(), played.end(),
                         [&](const auto& entry) { return entry.first == cue; });
  }
};

struct Run {
  FakeEvents events;
  RecordingScreen screen;
  RecordingCues cues;
  SessionOutcome outcome;
};

void run(Run& r, SessionPlan session_plan, LoopOptions options = {}) {
  r.cues.clock = &r.events;
  Session session(std::move(session_plan), r.events.time);
  r.outcome = run_session(session, r.events, r.screen, r.cues, options);
}

}  // namespace

TEST_CASE("the phase and the time left follow the clock") {
  Session session(plan(30s, 600s), 0s);
  auto view = session.at(10s);
  CHECK(view.phase == Phase::settle);
  CHECK(view.phase_left == 20s);
  view = session.at(30s);
  CHECK(view.phase == Phase::hold);
  CHECK(view.phase_left == 600s);
  CHECK(session.at(629999ms).phase == Phase::hold);
  CHECK(session.at(630s).phase == Phase::done);
  CHECK(session.at(630s).held == 600s);
}

TEST_CASE("the breath cue at time t: inhale fills, exhale empties, zero holds are skipped") {
  BreathPattern relax = pattern(4, 0, 6, 0);
  CHECK(breath_at(relax, 0s).step == BreathStep::inhale);
  CHECK(breath_at(relax, 2s).fill == doctest::Approx(0.5));
  CHECK(breath_at(relax, 3500ms).step_left == 500ms);
  CHECK(breath_at(relax, 4s).step == BreathStep::exhale);
  CHECK(breath_at(relax, 4s).fill == doctest::Approx(1.0));
  CHECK(breath_at(relax, 7s).fill == doctest::Approx(0.5));
  CHECK(breath_at(relax, 10s).step == BreathStep::inhale);
  CHECK(breath_at(relax, 10s).cycle == 1);
  BreathPattern box = pattern(4, 4, 4, 4);
  CHECK(breath_at(box, 5s).step == BreathStep::hold_in);
  CHECK(breath_at(box, 5s).fill == 1.0);
  CHECK(breath_at(box, 13s).step == BreathStep::hold_out);
  CHECK(breath_at(box, 13s).fill == 0.0);
}

TEST_CASE("paused time is not counted") {
  Session session(plan(0s, 60s), 0s);
  session.pause(10s);
  CHECK(session.at(40s).phase_left == 50s);
  CHECK(session.at(40s).paused);
  session.resume(40s);
  CHECK(session.at(45s).phase_left == 45s);
  CHECK(session.at(90s).phase == Phase::done);
  CHECK(session.at(89s).phase == Phase::hold);
}

TEST_CASE("+ and - change the hold by a minute, within its limits") {
  Session session(plan(0s, 120s), 0s);
  session.add_minutes(1, 10s);
  CHECK(session.at(10s).phase_left == 170s);
  session.add_minutes(-1, 10s);
  session.add_minutes(-1, 10s);
  CHECK(session.at(10s).phase_left == 50s);
  session.add_minutes(-1, 10s);  // never below what was held plus a second
  CHECK(session.at(10s).phase_left == 1s);
  Session long_one(plan(0s, kLongestHold), 0s);
  long_one.add_minutes(1, 0s);
  CHECK(long_one.plan().hold == kLongestHold);
}

TEST_CASE("the next change is the next second of the countdown, breath step or bar cell") {
  Session session(plan(0s, 60s, pattern(4, 0, 6, 0)), 0s);
  Watch seconds;
  seconds.seconds = true;
  CHECK(*session.next_change(250ms, seconds) == 1s);
  CHECK(*session.next_change(1s, seconds) == 2s);
  Watch minutes;
  minutes.minutes = true;
  CHECK(*session.next_change(0s, minutes) == 60s);  // the phase's end, nothing sooner
  Session long_hold(plan(0s, 600s), 0s);
  CHECK(*long_hold.next_change(0s, minutes) == 60s);
  CHECK(*long_hold.next_change(59999ms, minutes) == 60s);
  CHECK(*long_hold.next_change(60s, minutes) == 120s);
  Watch bar;
  bar.breath_bar_cells = 10;
  CHECK(*session.next_change(0s, bar) == 400ms);   // a 4 s inhale, 10 cells
  CHECK(*session.next_change(4s, bar) == 4600ms);  // a 6 s exhale
  Watch steps;
  steps.breath_steps = true;
  CHECK(*session.next_change(1s, steps) == 4s);
  session.pause(5s);
  CHECK_FALSE(session.next_change(5s, seconds).has_value());
}

TEST_CASE("a whole 20-minute session with pauses runs on the fake clock") {
  Run r;
  r.screen.wanted.minutes = true;
  // Pause 2 minutes in, for 90 seconds; pause again for 5 minutes near the end.
  r.events.script = {{150s, key(' ')}, {240s, key('p')}, {1200s, key(' ')}, {1500s, key(' ')}};
  run(r, plan(30s, 20min, pattern(4, 0, 6, 0)), LoopOptions{true, true});
  CHECK(r.outcome.ending == Ending::completed);
  CHECK(r.outcome.held == 20min);
  CHECK(r.outcome.settled == 30s);
  // 30 s settle + 20 min hold + 90 s + 300 s paused.
  CHECK(r.events.time == 30s + 20min + 90s + 300s);
  CHECK(r.cues.count(Cue::begin) == 1);
  CHECK(r.cues.count(Cue::end) == 1);
  CHECK(r.cues.played.back().second == r.events.time);
  // 20 minutes of 10-second breaths: 120 of each, the first inhale marked by the begin cue.
  CHECK(r.cues.count(Cue::inhale) == 119);
  CHECK(r.cues.count(Cue::exhale) == 120);
  CHECK(r.screen.finished);
  // It woke for breath steps, minutes and keys only: not every second.
  CHECK(r.events.waits < 300);
}

TEST_CASE("the breath cues sound on their exact seconds") {
  Run r;
  run(r, plan(0s, 21s, pattern(4, 0, 6, 0)), LoopOptions{true, true});
  std::vector<std::pair<Cue, SteadyTime>> expected = {{Cue::begin, 0s},   {Cue::exhale, 4s},
                                                      {Cue::inhale, 10s}, {Cue::exhale, 14s},
                                                      {Cue::inhale, 20s}, {Cue::end, 21s}};
  CHECK(r.cues.played == expected);
}

TEST_CASE("q ends the session early and keeps what was held") {
  Run r;
  r.events.script = {{95s, key('q')}};
  run(r, plan(30s, 600s));
  CHECK(r.outcome.ending == Ending::ended_early);
  CHECK(r.outcome.held == 65s);
  CHECK(r.outcome.planned == 600s);
  CHECK(r.cues.count(Cue::end) == 0);
}

TEST_CASE("q while settling in ends with nothing held") {
  Run r;
  r.events.script = {{10s, key('q')}};
  run(r, plan(30s, 600s));
  CHECK(r.outcome.ending == Ending::ended_early);
  CHECK(r.outcome.held == 0s);
  CHECK(r.outcome.settled == 10s);
}

TEST_CASE("SIGINT, SIGTERM and SIGHUP stop the session and say which signal") {
  for (int number : {SIGINT, SIGTERM, SIGHUP}) {
    Run r;
    r.events.script = {{40s, signal_event(number)}};
    run(r, plan(0s, 600s));
    CHECK(r.outcome.ending == Ending::signal);
    CHECK(r.outcome.signal == number);
    CHECK(r.outcome.held == 40s);
    CHECK(r.screen.finished);
  }
}

TEST_CASE("Ctrl-Z gives back the terminal and the stopped time counts as paused") {
  Run r;
  r.events.stopped_for = 300s;
  r.events.script = {{100s, signal_event(SIGTSTP)}};
  run(r, plan(0s, 600s));
  CHECK(r.events.stops == 1);
  CHECK(r.screen.suspended == 1);
  CHECK(r.screen.resumed == 1);
  CHECK(r.outcome.held == 600s);
  CHECK(r.events.time == 900s);
}

TEST_CASE("a stall that skips several breaths sounds only the latest cue") {
  Run r;
  r.events.script = {{1s, Event{Event::Kind::resize, 0, 0}}};
  // The fake clock jumps: the screen asks for nothing, so the next wake is the phase's end.
  run(r, plan(0s, 30s, pattern(4, 0, 6, 0)), LoopOptions{true, false});
  CHECK(r.cues.count(Cue::inhale) == 0);
  CHECK(r.cues.played.back().first == Cue::end);
}

TEST_CASE("keys are ignored when there is no terminal to press them on") {
  Run r;
  r.events.script = {{10s, key('q')}};
  run(r, plan(0s, 60s), LoopOptions{false, false});
  CHECK(r.outcome.ending == Ending::completed);
}

TEST_CASE("plain lines: one at each phase, once a minute, at pause and resume") {
  FakeEvents events;
  std::vector<std::string> lines;
  PlainScreen screen([&](const std::string& line) { lines.push_back(line); });
  RecordingCues cues;
  cues.clock = &events;
  events.script = {{95s, key(' ')}, {100s, key(' ')}};
  Session session(plan(30s, 180s), 0s);
  run_session(session, events, screen, cues, {});
  std::vector<std::string> expected = {"settle 0:30 left",
                                       "hold 3:00 left",
                                       "hold 2:00 left",
                                       "paused, hold 1:55 left",
                                       "hold 1:55 left",
                                       "hold 1:00 left",
                                       "done"};
  CHECK_MESSAGE(lines == expected, fmt::format("{}", fmt::join(lines, " | ")));
}

TEST_CASE("the session block fits 40 columns and shows the breath cue") {
  Session session(plan(0s, 600s, pattern(4, 0, 6, 0)), 0s);
  for (int width : {40, 60, 120}) {
    auto lines = session_block(session.at(2s), width, Style(false), true);
    REQUIRE(lines.size() == 4);
    for (const auto& line : lines)
      CHECK(display_width(line) <= width);
    CHECK(lines[0].rfind("Hold", 0) == 0);
    CHECK(lines[0].find("9:58 left") != std::string::npos);
    CHECK(lines[2].rfind("Inhale", 0) == 0);
    CHECK(lines[2].find("\u2588\u2588\u2588\u2588\u2588\u2591") != std::string::npos);  // half
    CHECK(lines[2].back() == '2');  // seconds left in the inhale
    CHECK(lines[3].find("q end") != std::string::npos);
  }
  session.pause(3s);
  CHECK(session_block(session.at(3s), 40, Style(false), true)[0].rfind("Paused", 0) == 0);
}

namespace {

// The CSI sequences in text: ESC [ parameters, then one final byte from @ to ~.
std::vector<std::string> control_sequences(const std::string& text) {
  std::vector<std::string> sequences;
  for (std::size_t at = text.find("\x1b["); at != std::string::npos;
       at = text.find("\x1b[", at + 1)) {
    std::size_t end = at + 2;
    while (end < text.size() && !(text[end] >= '@' && text[end] <= '~'))
      ++end;
    sequences.push_back(text.substr(at, end - at + 1));
  }
  return sequences;
}

class StringSink : public TextSink {
 public:
  std::string text;
  int columns = 40;
  void write(std::string_view more) override { text += more; }
  int width() override { return columns; }
};
}  // namespace

TEST_CASE("the terminal screen redraws in place and shows the cursor again at the end") {
  StringSink sink;
  TerminalScreen screen(sink, Style(false), true);
  Session session(plan(0s, 60s), 0s);
  screen.show(session.at(0s));
  CHECK(sink.text.rfind("\x1b[?25l", 0) == 0);  // the cursor is hidden first
  // The first draw starts where the cursor is: it hides the cursor, clears to the end of each
  // line and colours, and moves nowhere (no CSI ending in A-H, J, S, T or f).
  for (const auto& sequence : control_sequences(sink.text)) {
    CHECK_MESSAGE((sequence == "\x1b[?25l" || sequence == "\x1b[K" || sequence.back() == 'm'),
                  escape_controls(sequence));
  }
  sink.text.clear();
  screen.show(session.at(1s));
  CHECK(sink.text.rfind("\r\x1b[3A", 0) == 0);  // back up to the block's first line
  CHECK(sink.text.find("0:59 left") != std::string::npos);
  CHECK(sink.text.find('\n') == sink.text.find("\r\n") + 1);  // no bare line feeds
  sink.text.clear();
  sink.columns = 30;  // narrower: the old lines now wrap, so it goes up further and clears
  screen.resize();
  CHECK(sink.text.find("\x1b[J") != std::string::npos);
  sink.text.clear();
  screen.finish(session.at(60s));
  CHECK(sink.text.find("Done") != std::string::npos);
  CHECK(sink.text.substr(sink.text.size() - 6) == "\x1b[?25h");
}
