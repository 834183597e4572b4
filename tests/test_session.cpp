#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <csignal>
#include <deque>
#include <functional>
#include <memory>
#include <set>
#include <utility>

#include "legsup/base/text.hpp"
#include "legsup/session/session_loop.hpp"
#include "legsup/session/session_screen.hpp"
#include "legsup/session/sleep_watch.hpp"
#include "legsup/session/sound.hpp"

using namespace legsup;
using namespace std::chrono_literals;
using std::chrono::duration_cast;

namespace {

BreathPattern pattern(int in, int hold_in, int out, int hold_out) {
  BreathPattern p;
  p.id = "test";
  p.inhale = std::chrono::seconds(in);
  p.hold_in = std::chrono::seconds(hold_in);
  p.exhale = std::chrono::seconds(out);
  p.hold_out = std::chrono::seconds(hold_out);
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
  // The machine sleeps at these moments, this long: the boot clock (now) jumps, the monotonic
  // one (awake_now) does not, and the wait ends on waking, its deadline long past.
  std::deque<std::pair<SteadyTime, Milliseconds>> sleeps;
  // The process is held at these moments, this long (stopped, or kept from running): both clocks
  // go on, and the wait ends that much past its deadline.
  std::deque<std::pair<SteadyTime, Milliseconds>> stalls;
  SteadyTime time{};
  Milliseconds asleep{0};
  int waits = 0;
  int stops = 0;
  Milliseconds stopped_for{0};

  SteadyTime now() override { return time; }
  SteadyTime awake_now() override { return time - asleep; }
  Event wait(std::optional<SteadyTime> deadline) override {
    ++waits;
    REQUIRE((deadline || !script.empty()));
    if (!sleeps.empty() && (!deadline || sleeps.front().first < *deadline) &&
        (script.empty() || sleeps.front().first < script.front().at)) {
      auto [at, length] = sleeps.front();
      sleeps.pop_front();
      time = std::max(time, SteadyTime(at)) + length;
      asleep += length;
      return Event{};
    }
    if (!stalls.empty() && (!deadline || stalls.front().first < *deadline)) {
      auto [at, length] = stalls.front();
      stalls.pop_front();
      time = std::max(time, SteadyTime(at)) + length;
      return Event{};
    }
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
  std::vector<std::string> notices;
  Watch wanted;
  int suspended = 0;
  int resumed = 0;
  bool finished = false;
  void show(const SessionView& view) override { shown.push_back(view); }
  void notice(const std::string& text) override { notices.push_back(text); }
  void suspend() override { ++suspended; }
  void resume() override { ++resumed; }
  void finish(const SessionView&, const SessionOutcome&) override { finished = true; }
  Watch watch() const override { return wanted; }
};

// Records each cue with the moment it was due (not the moment the loop woke).
class RecordingCues : public CuePlayer {
 public:
  std::vector<std::pair<CueKind, SteadyTime>> played;
  std::vector<Cue> cues;
  // Each end of the session told (session_ends): when it was told, and the end.
  std::vector<std::pair<SteadyTime, SteadyTime>> ends;
  FakeEvents* clock = nullptr;
  std::optional<std::string> failure;
  // How long each sound lasts (none: an instant).
  std::function<Milliseconds(const Cue&)> lengths;
  void play(const Cue& cue, SteadyTime at) override {
    played.emplace_back(cue.kind, at);
    cues.push_back(cue);
  }
  Milliseconds length_of(const Cue& cue) const override {
    return lengths ? lengths(cue) : Milliseconds(0);
  }
  void session_ends(SteadyTime at) override {
    if (ends.empty() || ends.back().second != at) ends.emplace_back(clock->time, at);
  }
  std::optional<std::string> take_failure() override {
    return std::exchange(failure, std::nullopt);
  }
  int passed = 0;  // cues told as passed unplayed
  void passed_unplayed(int count) override { passed += count; }
  long count(CueKind kind) const {
    return std::count_if(played.begin(), played.end(),
                         [&](const auto& entry) { return entry.first == kind; });
  }
  long count(CueGroup group) const {
    return std::count_if(played.begin(), played.end(),
                         [&](const auto& entry) { return cue_spec(entry.first).group == group; });
  }
};

LoopOptions breath_cues(bool keys = true) {
  LoopOptions options;
  options.keys = keys;
  options.cues.breath_cues = true;
  return options;
}

const ScreenText kText{"Legs Up the Wall",
                       "Box breathing (in 4, hold 4, out 4, hold 4)",
                       {"Bend your knees.", "Roll onto one side.", "Sit up slowly."}};

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
  Session session(plan(0s, 150s), 0s);
  CHECK(session.add_minutes(1, 10s) == HoldChange::whole);
  CHECK(session.at(10s).phase_left == 200s);
  CHECK(session.add_minutes(-1, 10s) == HoldChange::whole);
  CHECK(session.add_minutes(-1, 10s) == HoldChange::whole);
  CHECK(session.at(10s).phase_left == 80s);
  // Never below a minute more than was held (the four presses at 2:48 left made a 14 s
  // hold): the hold stops there, 20 s shorter, not 60, and - says it met the limit; then that
  // it changed nothing.
  CHECK(session.add_minutes(-1, 10s) == HoldChange::to_limit);
  CHECK(session.at(10s).phase_left == kLeastLeft);
  CHECK(session.add_minutes(-1, 10s) == HoldChange::none);
  CHECK(session.at(10s).phase_left == kLeastLeft);
  // A hold shorter than that already is left as it is, not made longer.
  Session short_one(plan(0s, 30s), 0s);
  CHECK(short_one.add_minutes(-1, 5s) == HoldChange::none);
  CHECK(short_one.plan().hold == 30s);
  Session long_one(plan(0s, kLongestHold), 0s);
  CHECK(long_one.add_minutes(1, 0s) == HoldChange::none);
  CHECK(long_one.plan().hold == kLongestHold);
  // 19 s short of three hours, + gives those 19 s and says it met the limit, not a minute more.
  Session nearly(plan(0s, kLongestHold - 19s), 0s);
  CHECK(nearly.add_minutes(1, 5s) == HoldChange::to_limit);
  CHECK(nearly.plan().hold == kLongestHold);
  CHECK(nearly.add_minutes(1, 5s) == HoldChange::none);
  // A whole minute up to the limit exactly is a whole minute.
  Session a_minute_short(plan(0s, kLongestHold - 60s), 0s);
  CHECK(a_minute_short.add_minutes(1, 5s) == HoldChange::whole);
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
  run(r, plan(30s, 20min, pattern(4, 0, 6, 0)), breath_cues());
  CHECK(r.outcome.ending == Ending::completed);
  CHECK(r.outcome.held == 20min);
  CHECK(r.outcome.settled == 30s);
  // 30 s settle + 20 min hold + 90 s + 300 s paused.
  CHECK(r.events.time == 30s + 20min + 90s + 300s);
  CHECK(r.cues.count(CueKind::begin) == 1);
  CHECK(r.cues.count(CueKind::end) == 1);
  CHECK(r.cues.played.back().second == r.events.time);
  // 20 minutes of 10-second breaths: 120 of each, the first inhale marked by the begin cue.
  CHECK(r.cues.count(CueKind::inhale) == 119);
  CHECK(r.cues.count(CueKind::exhale) == 120);
  CHECK(r.cues.count(CueGroup::key) == 4);  // each pause and resume confirmed
  CHECK(r.screen.finished);
  // It woke for breath steps, minutes and keys only: not every second.
  CHECK(r.events.waits < 300);
}

TEST_CASE("the breath cues sound on their exact seconds") {
  Run r;
  run(r, plan(0s, 21s, pattern(4, 0, 6, 0)), breath_cues());
  std::vector<std::pair<CueKind, SteadyTime>> expected = {
      {CueKind::begin, 0s},   {CueKind::exhale, 4s},  {CueKind::inhale, 10s},
      {CueKind::exhale, 14s}, {CueKind::inhale, 20s}, {CueKind::end, 21s}};
  CHECK(r.cues.played == expected);
}

TEST_CASE("a pattern in tenths of a second keeps its beat over an hour, without drift") {
  // 5.5 s in, 5.5 s out, and a pattern paced at 5.5 a minute in the ratio 4:6 (4.4 s in,
  // 6.5 s out): every cue of the hour on its exact moment, counted from the start of the hold.
  for (auto [inhale, exhale] : {std::pair{5500ms, 5500ms}, std::pair{4400ms, 6500ms}}) {
    BreathPattern fractional;
    fractional.inhale = inhale;
    fractional.exhale = exhale;
    Run r;
    run(r, plan(30s, 1h, fractional), breath_cues());
    Milliseconds cycle = inhale + exhale;
    long breaths = 0;
    for (const auto& played : r.cues.played) {
      CueKind kind = played.first;
      if (kind != CueKind::inhale && kind != CueKind::exhale) continue;
      Milliseconds into_hold = std::chrono::duration_cast<Milliseconds>(played.second) - 30s;
      Milliseconds expected =
          (into_hold / cycle) * cycle + (kind == CueKind::exhale ? inhale : 0ms);
      CHECK_MESSAGE(into_hold == expected,
                    fmt::format("{} at {} ms", kind == CueKind::inhale ? "inhale" : "exhale",
                                into_hold.count()));
      breaths += kind == CueKind::inhale ? 1 : 0;
    }
    // The last breath begins whole seconds before the hour's end: the error did not grow.
    CHECK(breaths == (3600000 - 1) / cycle.count());
    CHECK(r.cues.played.back().first == CueKind::end);
    CHECK(r.cues.played.back().second == 30s + 1h);
  }
}

TEST_CASE("the hold ends with a whole breath, at most one breath longer; --exact when asked") {
  BreathPattern four_seven_eight = pattern(4, 7, 8, 0);  // a breath of 19 s
  SessionPlan whole = plan(30s, 600s, four_seven_eight);
  whole.whole_breaths = true;
  whole.come_out = 60s;
  whole.come_out_steps = 3;
  // 600 s is 31 breaths and 11 s: the hold goes on to the end of the 32nd, 608 s.
  Session session(whole, 0s);
  CHECK(session.plan().hold == 608s);
  CHECK(session.plan().settle == 30s);  // the settle-in and the way out as they were
  CHECK(session.plan().come_out == 60s);
  SessionView last_moment = session.at(30s + 608s - 1ms);
  CHECK(last_moment.phase == Phase::hold);
  CHECK(last_moment.breath->step == BreathStep::exhale);
  CHECK(last_moment.breath->step_left == 1ms);
  CHECK(session.at(30s + 608s).phase == Phase::come_out);
  // + and - keep it whole: 668 s rounds up to 684 s (36 breaths), then 564 s to 570 s (30).
  session.add_minutes(1, 40s);
  CHECK(session.plan().hold == 684s);
  session.add_minutes(-2, 40s);
  CHECK(session.plan().hold == 570s);
  // A hold of whole breaths stays as it is; without a pattern there is no breath to end.
  SessionPlan even = plan(0s, 600s, pattern(4, 0, 6, 0));
  even.whole_breaths = true;
  CHECK(Session(even, 0s).plan().hold == 600s);
  SessionPlan unpaced = plan(0s, 601s);
  unpaced.whole_breaths = true;
  CHECK(Session(unpaced, 0s).plan().hold == 601s);
  // --exact: the hold ends when asked, mid-breath.
  SessionPlan exact = whole;
  exact.whole_breaths = false;
  CHECK(Session(exact, 0s).plan().hold == 600s);

  // The whole session: the end cue comes with the end of the last exhale, and the outcome says
  // the hold as it was really planned.
  Run r;
  whole.come_out = 0s;
  run(r, whole, breath_cues());
  CHECK(r.outcome.planned == 608s);
  CHECK(r.outcome.held == 608s);
  CHECK(r.cues.played.back() == std::pair{CueKind::end, SteadyTime(30s + 608s)});
}

TEST_CASE(
    "the sound under the cues is told when the session ends: pauses, +, q and the way out move "
    "it") {
  Run r;
  SessionPlan paced = plan(30s, 600s);
  paced.come_out = 60s;
  paced.come_out_steps = 3;
  r.events.script = {{100s, key('p')}, {160s, key('p')}, {200s, key('+')}};
  run(r, paced);
  REQUIRE(!r.cues.ends.empty());
  // At the start: the settle-in, the hold and the way out; a minute's pause later; and a minute
  // more for +; never told anything else.
  CHECK(r.cues.ends.front() == std::pair<SteadyTime, SteadyTime>(0s, 690s));
  std::vector<SteadyTime> ends;
  for (const auto& told : r.cues.ends) {
    if (told.first <= 100s || told.first >= 160s) ends.push_back(told.second);
  }
  ends.erase(std::unique(ends.begin(), ends.end()), ends.end());
  CHECK(ends == std::vector<SteadyTime>{690s, 750s, 810s});
  CHECK(r.cues.ends.back().second == 810s);

  Run quit;
  quit.events.script = {{95s, key('q')}};
  run(quit, plan(30s, 600s));
  CHECK(quit.cues.ends.back() == std::pair<SteadyTime, SteadyTime>(95s, 95s));
}

TEST_CASE("a whole breath never takes the hold past the longest one: it ends on the last within") {
  // 10800 s is 568 breaths of 19 s and 8 s: rounding up would plan 10811 s, which no reader of
  // the log takes; the hold ends with the 568th breath, 10792 s.
  SessionPlan longest = plan(0s, kLongestHold, pattern(4, 7, 8, 0));
  longest.whole_breaths = true;
  Session session(longest, 0s);
  CHECK(session.plan().hold == 10792s);
  // Whatever the breath, at most the longest hold, and less by less than a breath.
  for (int in = 1; in <= 30; in += 7) {
    for (int held = 0; held <= 30; held += 13) {
      SessionPlan any = plan(0s, kLongestHold - 1s, pattern(in, held, 11, 3));
      any.whole_breaths = true;
      Milliseconds hold = Session(any, 0s).plan().hold;
      CHECK(hold <= kLongestHold);
      CHECK(hold > kLongestHold - any.breath->cycle());
    }
  }
  // + at the longest: still within it.
  session.add_minutes(5, 60s);
  CHECK(session.plan().hold <= kLongestHold);
  Run r;
  run(r, longest, {});
  CHECK(r.outcome.planned <= kLongestHold);
}

TEST_CASE("q ends the session early and keeps what was held") {
  Run r;
  r.events.script = {{95s, key('q')}};
  run(r, plan(30s, 600s));
  CHECK(r.outcome.ending == Ending::ended_early);
  CHECK(r.outcome.held == 65s);
  CHECK(r.outcome.planned == 600s);
  CHECK(r.cues.count(CueKind::end) == 0);
  CHECK(r.cues.cues.back() == key_cue(KeyAction::quit));  // the q was heard
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
  run(r, plan(0s, 30s, pattern(4, 0, 6, 0)), LoopOptions{});
  CHECK(r.cues.count(CueKind::inhale) == 0);
  CHECK(r.cues.played.back().first == CueKind::end);
}

TEST_CASE("the breath cues a stall passes over are told as not played, and only those") {
  // 4-0-6: an inhale at 0, 10, 20 s..., an exhale at 4, 14, 24 s... Held from 1 s to 13 s
  // (legsup stopped): the exhale at 4 is passed over; the latest, the inhale at 10, is played
  // (3 s late: the player decides whether it is still worth playing); none other is.
  Run r;
  r.events.stalls = {{1s, 12s}};
  run(r, plan(0s, 30s, pattern(4, 0, 6, 0)), breath_cues(false));
  CHECK(r.cues.passed == 1);
  CHECK(r.cues.count(CueKind::inhale) == 2);  // 10 (late), 20: the one at 0 is the hold's begin
  CHECK(r.cues.count(CueKind::exhale) == 2);  // 14, 24
}

TEST_CASE("no breath cue is told as passed when the loop wakes for each") {
  Run r;
  run(r, plan(0s, 60s, pattern(4, 4, 4, 4)), breath_cues(false));
  CHECK(r.cues.passed == 0);
  CHECK(r.cues.count(CueKind::inhale) + r.cues.count(CueKind::exhale) +
            r.cues.count(CueKind::hold_in) + r.cues.count(CueKind::hold_out) >=
        14);
}

TEST_CASE("keys are ignored when there is no terminal to press them on") {
  Run r;
  r.events.script = {{10s, key('q')}};
  run(r, plan(0s, 60s), LoopOptions{false, {}});
  CHECK(r.outcome.ending == Ending::completed);
  CHECK(r.cues.count(CueGroup::key) == 0);
}

TEST_CASE("plain lines: one at each phase, once a minute, at pause and resume") {
  FakeEvents events;
  std::vector<std::string> lines;
  PlainScreen screen([&](const ShownText& line) { lines.push_back(line.str()); }, kText);
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

TEST_CASE("plain lines show a notice's control characters escaped, as every screen does") {
  std::vector<std::string> lines;
  PlainScreen screen([&](const ShownText& line) { lines.push_back(line.str()); }, kText);
  screen.notice("chime: pacat failed (exit 1: \x1b]0;pwned\x07\x1b[?1049h)");
  CHECK(lines ==
        std::vector<std::string>{"chime: pacat failed (exit 1: \\x1b]0;pwned\\x07\\x1b[?1049h)"});
}

TEST_CASE("the session block fits 40 columns and shows the breath cue") {
  Session session(plan(0s, 600s, pattern(4, 0, 6, 0)), 0s);
  for (int width : {40, 60, 120}) {
    auto lines = session_block(session.at(2s), kText, width, Style(false), true);
    REQUIRE(lines.size() == 5);
    for (const auto& line : lines)
      CHECK(display_width(line) <= width);
    CHECK(lines[0].rfind("Legs Up the Wall: 10m hold", 0) == 0);
    CHECK(lines[1].rfind("Hold", 0) == 0);
    CHECK(lines[1].find("9:58 left") != std::string::npos);
    CHECK(lines[3].rfind("Inhale", 0) == 0);
    CHECK(lines[3].find("\u2588\u2588\u2588\u2588\u2588\u2591") != std::string::npos);  // half
    CHECK(lines[3].back() == '2');  // seconds left in the inhale
    CHECK(lines[4].find("q end") != std::string::npos);
  }
  session.pause(3s);
  CHECK(session_block(session.at(3s), kText, 40, Style(false), true)[1].rfind("Paused", 0) == 0);
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
  int lines = 24;
  int writes = 0;
  void write(std::string_view more) override {
    text += more;
    ++writes;
  }
  int width() override { return columns; }
  int rows() override { return lines; }
};
}  // namespace

TEST_CASE("the terminal screen redraws in place and shows the cursor again at the end") {
  StringSink sink;
  TerminalScreen screen(sink, Style(false), kText, true);
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
  CHECK(sink.text.rfind("\r\x1b[4A", 0) == 0);  // back up to the block's first line
  CHECK(sink.text.find("0:59 left") != std::string::npos);
  CHECK(sink.text.find('\n') == sink.text.find("\r\n") + 1);  // no bare line feeds
  sink.text.clear();
  sink.columns = 30;  // narrower: the old lines now wrap, so it goes up further and clears
  screen.resize();
  CHECK(sink.text.find("\x1b[J") != std::string::npos);
  sink.text.clear();
  SessionOutcome outcome;
  outcome.planned = outcome.held = 60s;
  screen.finish(session.at(60s), outcome);
  CHECK(sink.text.find("Done, held 1:00") != std::string::npos);
  CHECK(sink.text.substr(sink.text.size() - 6) == "\x1b[?25h");
}

namespace {

// What a terminal shows after the bytes written to it: the rows of a screen, for the few moves
// the screens make (carriage return, line feed, up, clear to the end of the line or the screen;
// colours and the cursor's visibility change nothing here). A cell holds one code point.
std::vector<std::string> screen_rows(std::string_view bytes) {
  std::vector<std::vector<std::string>> rows(1);
  std::size_t row = 0, column = 0;
  for (std::size_t at = 0; at < bytes.size();) {
    char c = bytes[at];
    if (c == '\r') {
      column = 0;
      ++at;
    } else if (c == '\n') {
      if (++row == rows.size()) rows.emplace_back();
      ++at;
    } else if (c == '\x1b' && at + 1 < bytes.size() && bytes[at + 1] == '[') {
      std::size_t end = at + 2;
      while (end < bytes.size() && !(bytes[end] >= '@' && bytes[end] <= '~'))
        ++end;
      std::string_view arguments = bytes.substr(at + 2, end - at - 2);
      char final = bytes[end];
      if (final == 'A') row -= std::min<std::size_t>(row, std::stoul(std::string(arguments)));
      if (final == 'K' || final == 'J') {
        if (rows[row].size() > column) rows[row].resize(column);
      }
      if (final == 'J') rows.resize(row + 1);
      at = end + 1;
    } else {
      std::size_t length = 1;
      while (at + length < bytes.size() && (bytes[at + length] & 0xC0) == 0x80)
        ++length;
      if (rows[row].size() <= column) rows[row].resize(column + 1);
      rows[row][column++] = std::string(bytes.substr(at, length));
      at += length;
    }
  }
  std::vector<std::string> shown;
  for (const auto& cells : rows)
    shown.push_back(fmt::format("{}", fmt::join(cells, "")));
  return shown;
}

}  // namespace

// Found when the closing block, shorter than the session's, left the breath bar below it, which
// the steps for coming out were then written over: "Coming out█░░░░░░ 3".
TEST_CASE("a block drawn shorter than the one before leaves nothing of it on the screen") {
  StringSink sink;
  TerminalScreen screen(sink, Style(false), kText, true);
  Session session(plan(0s, 60s, pattern(4, 0, 6, 0)), 0s);
  screen.show(session.at(2s));
  REQUIRE(screen_rows(sink.text).size() == 5);  // title, phase, bar, breath, keys
  SessionOutcome outcome;
  outcome.planned = outcome.held = 60s;
  screen.finish(session.at(60s), outcome);
  sink.write("Coming out");  // what is printed next, where the cursor was left
  auto rows = screen_rows(sink.text);
  INFO(fmt::format("{}", fmt::join(rows, "\n")));
  CHECK(rows.at(1).rfind("Done, held 1:00", 0) == 0);
  CHECK(rows.back() == "Coming out");
  for (const auto& row : rows) {
    CHECK(row.find("Inhale") == std::string::npos);
    CHECK(row.find("q end") == std::string::npos);
  }
  // The same for a terminal that became too low for the block: one line, nothing below it.
  StringSink low;
  TerminalScreen small(low, Style(false), kText, true);
  small.show(session.at(2s));
  low.lines = 3;
  small.resize();
  auto lines = screen_rows(low.text);
  CHECK(lines.size() == 1);
}

// Found when a notice was cut to the width on the block's screen and broken mid-word by the
// terminal on the dim and blank ones.
TEST_CASE("a notice is shown whole on every screen, wrapped at spaces to the width") {
  const std::string notice =
      "chime: pacat failed (exit 1: Connection refused); it was started again.";
  auto check_rows = [&](const std::vector<std::string>& rows) {
    INFO(fmt::format("{}", fmt::join(rows, "\n")));
    std::string words;
    for (const auto& row : rows) {
      CHECK(legsup::display_width(row) <= 29);
      bool in_notice = words.empty() ? row.rfind("chime:", 0) == 0 : words.back() != '.';
      if (in_notice) words += (words.empty() ? "" : " ") + row;
    }
    CHECK(words == notice);
  };
  Session session(plan(0s, 60s), 0s);
  // The rows a screen made by `make` shows after a notice, at 30 columns.
  auto rows_after_notice = [&](const auto& make) {
    StringSink sink;
    sink.columns = 30;
    std::unique_ptr<SessionScreen> screen = make(sink);
    screen->show(session.at(1s));
    screen->notice(notice);
    return screen_rows(sink.text);
  };
  check_rows(rows_after_notice([](StringSink& sink) {
    return std::make_unique<TerminalScreen>(sink, Style(false), kText, true);
  }));
  check_rows(rows_after_notice(
      [](StringSink& sink) { return std::make_unique<DimScreen>(sink, Style(false)); }));
  check_rows(rows_after_notice(
      [](StringSink& sink) { return std::make_unique<BlankScreen>(sink, Style(false)); }));
}

TEST_CASE("every key is handled, however many come at once, each confirmed by its own sound") {
  Run r;
  // Five + pressed together, then - once, then a pause and a resume.
  r.events.script = {{10s, key('+')}, {10s, key('+')}, {10s, key('+')},
                     {10s, key('+')}, {10s, key('+')}, {11s, key('-')},
                     {20s, key(' ')}, {30s, key('p')}, {31s, key('x')}};
  run(r, plan(0s, 120s), LoopOptions{});
  CHECK(r.outcome.planned == 120s + 4min);
  CHECK(r.outcome.held == 120s + 4min);
  std::vector<Cue> keys;
  for (const auto& cue : r.cues.cues) {
    if (cue_spec(cue.kind).group == CueGroup::key) keys.push_back(cue);
  }
  REQUIRE(keys.size() == 8);  // x means nothing: no sound
  CHECK(keys[0] == key_cue(KeyAction::more));
  CHECK(keys[5] == key_cue(KeyAction::less));
  CHECK(keys[6] == key_cue(KeyAction::pause));
  CHECK(keys[7] == key_cue(KeyAction::resume));
  CHECK(cue_spec(keys[6].kind).chime.first.frequency !=
        cue_spec(keys[7].kind).chime.first.frequency);
}

TEST_CASE("interval bells and milestones sound on their exact moments, pauses excluded") {
  Run r;
  r.events.script = {{100s, key(' ')}, {160s, key(' ')}};  // a minute's pause
  LoopOptions options;
  options.cues.interval = 2min;
  options.cues.announce = true;
  run(r, plan(30s, 10min), options);
  std::vector<std::pair<std::string, SteadyTime>> marks;
  for (std::size_t i = 0; i < r.cues.cues.size(); ++i) {
    const Cue& cue = r.cues.cues[i];
    if (cue.kind == CueKind::interval || cue_spec(cue.kind).group == CueGroup::milestone) {
      marks.emplace_back(cue.kind == CueKind::interval ? "bell" : cue.words,
                         r.cues.played[i].second);
    }
  }
  // Held 2, 4, 6, 8 minutes: bells; 5 minutes: halfway, which is also five minutes left (said
  // once, the time left); 9: one minute left. The hold started at 30 s; the pause moved
  // everything after 100 s by a minute.
  std::vector<std::pair<std::string, SteadyTime>> expected = {
      {"bell", 30s + 2min + 60s},
      {"bell", 30s + 4min + 60s},
      {"Five minutes left", 30s + 5min + 60s},
      {"bell", 30s + 6min + 60s},
      {"bell", 30s + 8min + 60s},
      {"One minute left", 30s + 9min + 60s}};
  CHECK(marks == expected);
}

TEST_CASE("a machine that slept is told, and plays no backlog of the cues it missed") {
  // A 20-minute hold with breath cues, interval bells and milestones; the machine sleeps 3 min
  // into the hold for 5 min 10 s. The session counts on (the boot clock), says so, and of the
  // cues that fell meanwhile plays none: the next ones come on their own beat.
  Run r;
  r.events.sleeps = {{30s + 3min, 5min + 10s}};
  LoopOptions options = breath_cues();
  options.cues.interval = 2min;
  options.cues.announce = true;
  run(r, plan(30s, 20min, pattern(4, 0, 6, 0)), options);
  SteadyTime fell_asleep = 30s + 3min, woke = fell_asleep + 5min + 10s;
  for (const auto& [played, at] : r.cues.played) {
    std::string name(cue_spec(played).name);
    long long moment = at.count();
    bool asleep = at > fell_asleep && at <= woke;
    CHECK_MESSAGE(!asleep, name, " at ", moment);
  }
  auto marks_at = [&](CueKind kind) {
    std::vector<SteadyTime> moments;
    for (const auto& [played, at] : r.cues.played) {
      if (played == kind) moments.push_back(at);
    }
    return moments;
  };
  // Bells at 2, then 10 (with halfway) ... 18 minutes held: those at 4, 6 and 8 fell in the
  // sleep. Each is heard where it fits between the breaths: at its moment or a little after.
  auto near = [](const std::vector<SteadyTime>& played, const std::vector<SteadyTime>& moments) {
    if (played.size() != moments.size()) return false;
    for (std::size_t i = 0; i < played.size(); ++i) {
      if (played[i] < moments[i] || played[i] > moments[i] + kLatestFit) return false;
    }
    return true;
  };
  CHECK(near(marks_at(CueKind::interval),
             {30s + 2min, 30s + 10min, 30s + 12min, 30s + 14min, 30s + 16min, 30s + 18min}));
  CHECK(near(marks_at(CueKind::halfway), {30s + 10min}));
  // The breaths go on on their beat: the first inhale after waking at its own moment.
  auto inhales = marks_at(CueKind::inhale);
  auto first_after =
      std::find_if(inhales.begin(), inhales.end(), [&](SteadyTime at) { return at > woke; });
  REQUIRE(first_after != inhales.end());
  CHECK(*first_after == 30s + 8min + 20s);
  CHECK(r.outcome.ending == Ending::completed);
  CHECK(r.outcome.held == 20min);
  CHECK(r.outcome.slept == 5min + 10s);
  REQUIRE(r.screen.notices.size() == 1);
  CHECK(r.screen.notices[0] == "The machine slept for 5m10s; the cues it missed were not played.");
}

TEST_CASE("a machine that slept past the end wakes to the end cue alone") {
  Run r;
  r.events.sleeps = {{30s + 4min + 1s, 10min}};  // a second after one minute left
  LoopOptions options = breath_cues();
  options.cues.announce = true;
  run(r, plan(30s, 5min, pattern(4, 0, 6, 0)), options);
  CHECK(r.cues.count(CueKind::one_minute_left) == 1);
  CHECK(r.cues.count(CueKind::end) == 1);
  CHECK(r.cues.played.back() == std::pair{CueKind::end, SteadyTime(30s + 14min + 1s)});  // waking
  CHECK(r.cues.played[r.cues.played.size() - 2].second <= 30s + 4min + 1s);  // nothing between
  CHECK(r.outcome.ending == Ending::completed);
  CHECK(r.outcome.slept == 10min);
  // A short stall of the clocks' reading is no sleep; a session that never slept says nothing.
  Run awake;
  run(awake, plan(0s, 1min, pattern(4, 0, 6, 0)), breath_cues());
  CHECK(awake.outcome.slept == 0s);
  CHECK(awake.screen.notices.empty());
}

TEST_CASE("a sleep is the boot clock running past the monotonic one, by a second or more") {
  SleepWatch watch(100s, 40s);
  CHECK(watch.look(110s, 50s) == 0s);          // both clocks moved on together
  CHECK(watch.look(110s + 900ms, 50s) == 0s);  // less than a second: reading two clocks
  CHECK(watch.look(200s, 50s) == 90s);         // the boot clock jumped: 90 s asleep
  CHECK(watch.look(205s, 55s) == 0s);
  CHECK(watch.look(305s, 60s) == 95s);
  CHECK(watch.slept() == 185s);
}

TEST_CASE("a long hold hears five minutes left; +/- moves the milestones with it") {
  Run r;
  r.events.script = {{60s, key('+')}};
  LoopOptions options;
  options.cues.announce = true;
  run(r, plan(0s, 20min), options);
  std::vector<std::pair<std::string, SteadyTime>> said;
  for (std::size_t i = 0; i < r.cues.cues.size(); ++i) {
    if (cue_spec(r.cues.cues[i].kind).group == CueGroup::milestone)
      said.emplace_back(r.cues.cues[i].words, r.cues.played[i].second);
  }
  std::vector<std::pair<std::string, SteadyTime>> expected = {
      {"Halfway", 630s}, {"Five minutes left", 16min}, {"One minute left", 20min}};
  CHECK(said == expected);
}

TEST_CASE("a cue keeps its beat when the loop wakes late") {
  // A clock that wakes 80 ms after every deadline, as a loaded machine might.
  class LateEvents : public FakeEvents {
   public:
    Event wait(std::optional<SteadyTime> deadline) override {
      Event event = FakeEvents::wait(deadline);
      time += 80ms;
      return event;
    }
  } events;
  RecordingScreen screen;
  RecordingCues cues;
  cues.clock = &events;
  Session session(plan(0s, 10s, pattern(2, 0, 2, 0)), 0s);
  run_session(session, events, screen, cues, breath_cues());
  for (std::size_t i = 1; i < cues.played.size(); ++i) {
    auto at = std::chrono::duration_cast<Milliseconds>(cues.played[i].second);
    CHECK_MESSAGE(at.count() % 2000 == 0, at.count());  // on the 2-second beat, not 80 ms after
  }
}

TEST_CASE("the way out paces each step, and q during it keeps the session completed") {
  Run r;
  SessionPlan paced = plan(0s, 60s);
  paced.come_out = 30s;
  paced.come_out_steps = 3;
  LoopOptions options;
  options.cues.come_out_steps = kText.steps;
  run(r, paced, options);
  std::vector<std::pair<std::string, SteadyTime>> steps;
  for (std::size_t i = 0; i < r.cues.cues.size(); ++i) {
    if (r.cues.cues[i].kind == CueKind::step)
      steps.emplace_back(r.cues.cues[i].words, r.cues.played[i].second);
  }
  // The first after the end's sound (and a breath of quiet after it), not at one instant with it.
  std::vector<std::pair<std::string, SteadyTime>> expected = {
      {"Bend your knees.", 60s + kQuietAroundStep},
      {"Roll onto one side.", 70s},
      {"Sit up slowly.", 80s}};
  CHECK(steps == expected);
  CHECK(r.cues.count(CueKind::end) == 1);   // the hold's end, at 60 s
  CHECK(r.cues.count(CueKind::done) == 1);  // and the way out's, at 90 s
  CHECK(r.cues.played.back().second == 90s);
  CHECK(r.outcome.came_out == 30s);
  CHECK(r.outcome.ending == Ending::completed);

  Run quit;
  quit.events.script = {{75s, key('q')}};
  run(quit, paced, options);
  CHECK(quit.outcome.ending == Ending::completed);
  CHECK(quit.outcome.held == 60s);
  CHECK(quit.outcome.came_out == 15s);
}

TEST_CASE("a sound that failed is told on the screen once") {
  Run r;
  r.cues.failure = "chime: pw-cat failed (exit 1: Host is down); using the terminal bell";
  run(r, plan(0s, 5s), LoopOptions{});
  REQUIRE(r.screen.notices.size() == 1);
  CHECK(r.screen.notices[0].find("pw-cat failed") != std::string::npos);
}

TEST_CASE("a session that ended early says so, with what was held, never rounded up") {
  SessionOutcome outcome;
  outcome.ending = Ending::ended_early;
  outcome.held = 5005ms;
  outcome.planned = 2min;
  CHECK(ending_line(outcome) == "Ended early, held 0:05 of 2:00");
  outcome.held = 5999ms;
  CHECK(ending_line(outcome) == "Ended early, held 0:05 of 2:00");
  outcome.ending = Ending::signal;
  outcome.signal = 15;
  CHECK(ending_line(outcome) == "Stopped by signal 15, held 0:05 of 2:00");
  StringSink sink;
  TerminalScreen screen(sink, Style(false), kText, true);
  Session session(plan(0s, 2min), 0s);
  screen.show(session.at(5s));
  sink.text.clear();
  screen.finish(session.at(5s), outcome);
  CHECK(sink.text.find("Stopped by signal 15, held 0:05 of 2:00") != std::string::npos);
  CHECK(sink.text.find("q end") == std::string::npos);  // no keys once it is over
  CHECK(sink.text.find("100%") == std::string::npos);
}

TEST_CASE("the title follows + and -") {
  Session session(plan(0s, 2min), 0s);
  session.add_minutes(1, 10s);
  auto lines = session_block(session.at(10s), kText, 60, Style(false), true);
  CHECK(lines[0].rfind("Legs Up the Wall: 3m hold", 0) == 0);
}

TEST_CASE("a small terminal gets one line, redrawn in place, that fits") {
  for (auto [columns, rows] : {std::pair{30, 24}, {80, 3}}) {
    StringSink sink;
    sink.columns = columns;
    sink.lines = rows;
    TerminalScreen screen(sink, Style(false), kText, true);
    Session session(plan(0s, 10min, pattern(4, 0, 6, 0)), 0s);
    screen.show(session.at(1s));
    sink.text.clear();
    screen.show(session.at(2s));
    // Back to the start of the line only, never up: nothing is left behind to scroll.
    CHECK(sink.text.find("\x1b[1A") == std::string::npos);
    CHECK(sink.text.find('\n') == std::string::npos);
    std::string line = sink.text.substr(1, sink.text.find("\x1b[K") - 1);
    CHECK(display_width(line) < columns);
    CHECK(line.rfind("Hold 9:58", 0) == 0);
  }
}

TEST_CASE("the dim screen writes at most once a minute, and only the minutes left") {
  StringSink sink;
  DimScreen screen(sink, Style(false));
  FakeEvents events;
  RecordingCues cues;
  cues.clock = &events;
  Session session(plan(0s, 10min, pattern(4, 0, 6, 0)), 0s);
  SessionOutcome outcome = run_session(session, events, screen, cues, breath_cues());
  CHECK(outcome.ending == Ending::completed);
  // Ten minutes: ten lines (10, 9, ... 2 minutes left, then under a minute), and the end.
  CHECK(sink.writes <= 12);
  CHECK(sink.text.find("Hold, 10 minutes left") != std::string::npos);
  CHECK(sink.text.find("Inhale") == std::string::npos);
  CHECK(sink.text.find("Done, held 10:00") != std::string::npos);
}

TEST_CASE("the blank screen stays empty until a key, which lights it for a few seconds") {
  StringSink sink;
  BlankScreen screen(sink, Style(false));
  FakeEvents events;
  RecordingCues cues;
  cues.clock = &events;
  events.script = {{100s, key('x')}};
  Session session(plan(0s, 5min), 0s);
  run_session(session, events, screen, cues, LoopOptions{});
  std::size_t cleared = sink.text.find("\x1b[2J");
  REQUIRE(cleared != std::string::npos);
  std::size_t lit = sink.text.find("Hold, 4 minutes left");
  REQUIRE(lit != std::string::npos);                                  // shown after the key...
  CHECK(sink.text.substr(0, lit).find("left") == std::string::npos);  // ...and not before it
  // ...and dark again 5 seconds later: an empty line drawn over it.
  CHECK(sink.text.find("\r\x1b[K", lit) != std::string::npos);
  CHECK(sink.text.find("Done, held 5:00") != std::string::npos);
}

namespace {

Milliseconds chime_length(const Cue& cue) {
  return audible_length(chime_samples(cue, 100));
}

// Each cue played, as (kind, moment), in the order of their moments.
std::vector<std::pair<CueKind, SteadyTime>> by_moment(const Run& r) {
  auto played = r.cues.played;
  std::stable_sort(played.begin(), played.end(),
                   [](const auto& a, const auto& b) { return a.second < b.second; });
  return played;
}

}  // namespace

TEST_CASE("a breath cue is never moved: bells, milestones and the way out fit between the beats") {
  // The session: 4-7-8 with every breath phase sounded, a bell every 30 s, the
  // milestones, a paced way out; where halfway, one minute left and a bell fall at 60 s and a
  // hold tick at 61 s, and the end's tones with the first step of the way out.
  SessionPlan everything = plan(0s, 2min, pattern(4, 7, 8, 0));
  everything.come_out = 30s;
  everything.come_out_steps = 3;
  LoopOptions all = breath_cues();
  all.cues.interval = 30s;
  all.cues.announce = true;
  all.cues.come_out_steps = kText.steps;
  Run with;
  with.cues.lengths = chime_length;
  run(with, everything, all);
  LoopOptions beats_only = breath_cues();
  beats_only.cues.come_out_steps = kText.steps;
  Run without;
  without.cues.lengths = chime_length;
  run(without, everything, beats_only);
  auto beats = [](const Run& r) {
    std::vector<std::pair<CueKind, SteadyTime>> on_the_beat;
    for (const auto& played : r.cues.played) {
      if (cue_spec(played.first).give == Give::beat) on_the_beat.push_back(played);
    }
    return on_the_beat;
  };
  CHECK(beats(with) == beats(without));
  CHECK(beats(with).size() > 20);
  // Each sound heard alone: it begins after every earlier one has ended, and the quiet after it.
  auto played = by_moment(with);
  for (std::size_t i = 1; i < played.size(); ++i) {
    for (std::size_t before = 0; before < i; ++before) {
      SteadyTime free_from =
          played[before].second + chime_length(cue_of(played[before].first)) + kQuietBetween;
      CHECK_MESSAGE(played[i].second >= free_from,
                    fmt::format("{} at {} ms over {} at {} ms", cue_spec(played[i].first).name,
                                duration_cast<Milliseconds>(played[i].second).count(),
                                cue_spec(played[before].first).name,
                                duration_cast<Milliseconds>(played[before].second).count()));
    }
  }
  // Every cue there: three bells, one minute left (halfway too, at that moment: said once), the
  // three steps and the end of the way out.
  CHECK(with.cues.count(CueKind::interval) == 3);
  CHECK(with.cues.count(CueKind::one_minute_left) == 1);
  CHECK(with.cues.count(CueKind::halfway) == 0);
  CHECK(with.cues.count(CueKind::step) == 3);
  CHECK(with.cues.count(CueKind::done) == 1);
  // Moved a little, never far: each bell within three seconds of its moment (at 60 s, after
  // the hold tick at 61 s and the milestone after it).
  for (const auto& [kind, at] : played) {
    if (kind == CueKind::interval) {
      auto since = duration_cast<Milliseconds>(at) % 30s;
      CHECK_MESSAGE(since < 3s, since.count());
    }
  }
}

TEST_CASE("- stops a minute above what was held, + at three hours, and each says so") {
  Run r;
  r.events.script = {
      {9s, key('-')}, {10s, key('-')}, {11s, key('-')}, {12s, key('-')}, {13s, key('+')}};
  run(r, plan(0s, 210s), LoopOptions{});
  std::vector<CueKind> keys;
  for (const auto& [kind, at] : r.cues.played) {
    if (cue_spec(kind).group == CueGroup::key) keys.push_back(kind);
  }
  // 210 s, then 150, then 90, then 71 (a minute more than the 11 s held: 19 s, not a minute,
  // so it says the floor), then no less, then a minute more.
  CHECK(keys == std::vector<CueKind>{CueKind::less, CueKind::less, CueKind::floor, CueKind::floor,
                                     CueKind::more});
  CHECK(r.outcome.planned == 131s);
  CHECK(cue_of(CueKind::floor).words != cue_of(CueKind::less).words);
  // The screen says it too, each time: what the key took off, and why no more.
  CHECK(r.screen.notices ==
        std::vector<std::string>{"- took off 19s: the hold is at its shortest (- leaves a minute "
                                 "more than was held)",
                                 "- took off nothing: the hold is at its shortest (- leaves a "
                                 "minute more than was held)"});
}

TEST_CASE("+ 19 s short of three hours gives the 19 s and says the hold is at its longest") {
  Run longest;
  longest.events.script = {{1s, key('+')}, {2s, key('+')}, {3s, key('q')}};
  run(longest, plan(0s, kLongestHold - 19s), LoopOptions{});
  std::vector<CueKind> answers;
  for (const auto& [kind, at] : longest.cues.played) {
    if (cue_spec(kind).group == CueGroup::key) answers.push_back(kind);
  }
  // Not "One minute more": the limit, by sound and by word, then again when it changed nothing.
  CHECK(answers == std::vector<CueKind>{CueKind::ceiling, CueKind::ceiling, CueKind::quit});
  CHECK(cue_of(CueKind::ceiling).words == "Three hours at most");
  CHECK(longest.outcome.planned == kLongestHold);
  CHECK(longest.screen.notices ==
        std::vector<std::string>{"+ added 19s: the hold is at its longest, 3h",
                                 "+ added nothing: the hold is at its longest, 3h"});
  // A whole minute that ends at three hours exactly is a minute more.
  Run exactly;
  exactly.events.script = {{1s, key('+')}, {2s, key('q')}};
  run(exactly, plan(0s, kLongestHold - 60s), LoopOptions{});
  CHECK(exactly.cues.played.size() >= 2);
  bool said_more = std::any_of(exactly.cues.played.begin(), exactly.cues.played.end(),
                               [](const auto& played) { return played.first == CueKind::more; });
  CHECK(said_more);
  CHECK(exactly.screen.notices.empty());
}

TEST_CASE("while paused, a soft reminder every so often; none once going on, none when off") {
  LoopOptions reminded;
  reminded.cues.pause_reminder = 3min;
  Run r;
  r.events.script = {{10s, key(' ')}, {10s + 7min, key(' ')}};
  run(r, plan(0s, 60s), reminded);
  std::vector<SteadyTime> reminders;
  for (const auto& [kind, at] : r.cues.played) {
    if (kind == CueKind::still_paused) reminders.push_back(at);
  }
  CHECK(reminders == std::vector<SteadyTime>{10s + 3min, 10s + 6min});
  CHECK(r.outcome.held == 60s);
  CHECK(r.events.time == 60s + 7min);

  Run off;
  off.events.script = {{10s, key(' ')}, {10s + 7min, key(' ')}};
  run(off, plan(0s, 60s), LoopOptions{});
  CHECK(off.cues.count(CueKind::still_paused) == 0);
  // Stopped with Ctrl-Z for ten minutes while paused: one reminder on coming back, not three.
  Run stopped;
  stopped.events.stopped_for = 10min;
  stopped.events.script = {
      {10s, key(' ')}, {20s, signal_event(SIGTSTP)}, {20s + 10min + 1s, key(' ')}};
  run(stopped, plan(0s, 60s), reminded);
  CHECK(stopped.cues.count(CueKind::still_paused) == 1);
}

TEST_CASE("with no way out paced, the voice says its steps after the end, one after another") {
  LoopOptions said;
  said.cues.come_out_steps = kText.steps;
  said.cues.steps_at_end = true;
  Run r;
  r.cues.lengths = [](const Cue& cue) { return cue.kind == CueKind::step ? 2s : 1s; };
  run(r, plan(0s, 10s), said);
  std::vector<SteadyTime> steps;
  for (const auto& [kind, at] : r.cues.played) {
    if (kind == CueKind::step) steps.push_back(at);
  }
  // A breath of quiet before each: every sentence heard alone.
  SteadyTime first = 10s + 1s + kQuietAroundStep;
  CHECK(steps == std::vector<SteadyTime>{first, first + 2s + kQuietAroundStep,
                                         first + 2 * (2s + kQuietAroundStep)});
  // Ended early: nothing said after.
  Run quit;
  quit.events.script = {{5s, key('q')}};
  run(quit, plan(0s, 10s), said);
  CHECK(quit.cues.count(CueKind::step) == 0);
}

TEST_CASE("the sound check plays what the session plays, each key's answer included") {
  SessionPlan planned = plan(20s, 7min, pattern(4, 7, 8, 0));
  planned.come_out = 30s;
  planned.come_out_steps = 3;
  LoopOptions options = breath_cues();
  options.cues.interval = 2min;
  options.cues.announce = true;
  options.cues.come_out_steps = kText.steps;
  options.cues.pause_reminder = 1min;
  std::set<std::pair<CueKind, std::string>> check;
  for (const auto& [name, cue] : sound_check_cues(planned, options.cues, true))
    check.insert({cue.kind, cue.words});
  // The session as planned, paused a while on the way.
  Run session;
  session.events.script = {{100s, key(' ')}, {190s, key(' ')}};
  run(session, planned, options);
  std::set<std::pair<CueKind, std::string>> heard;
  for (const auto& cue : session.cues.cues)
    heard.insert({cue.kind, cue.words});
  // Every key: + to three hours and beyond, - to its floor and beyond, q.
  Run keys;
  for (int i = 0; i < 200; ++i)
    keys.events.script.push_back({30s, key('+')});
  for (int i = 0; i < 200; ++i)
    keys.events.script.push_back({31s, key('-')});
  keys.events.script.push_back({32s, key('q')});
  run(keys, planned, options);
  for (const auto& cue : keys.cues.cues) {
    if (cue_spec(cue.kind).group == CueGroup::key) heard.insert({cue.kind, cue.words});
  }
  CHECK(check == heard);
  // Without keys, no key's answer and no reminder.
  for (const auto& [name, cue] : sound_check_cues(planned, options.cues, false)) {
    CHECK(cue_spec(cue.kind).group != CueGroup::key);
    CHECK(cue_spec(cue.kind).group != CueGroup::reminder);
  }
}
