// A timed session as pure logic: given the plan and the time on a steady clock, what phase it
// is in, how long is left, which breath cue is due, and when what is shown or heard next
// changes. Pauses and +/- minutes are events at given times. Nothing here reads a clock.
#pragma once

#include <chrono>
#include <optional>

#include "legsup/base/duration.hpp"
#include "legsup/content/breathing.hpp"

namespace legsup {

// A steady clock's time point: the session measures time as a duration since some origin.
using SteadyTime = std::chrono::steady_clock::duration;

// What - leaves of the hold at the least: a minute more than has been held.
inline constexpr Milliseconds kLeastLeft{60000};

// What + or - did to the hold: all it asked; less, the hold meeting its limit (three hours, or a
// minute more than was held) on the way; or nothing, the hold at that limit already. A key that
// met the limit says the limit, not the minute it did not give.
enum class HoldChange { whole, to_limit, none };

// The settings table holds the defaults (make_start_plan fills a plan from the settings).
struct SessionPlan {
  Milliseconds settle{0};
  Milliseconds hold{0};
  std::optional<BreathPattern> breath;
  // The guided way out after the hold: its length (0: none) and how many steps it paces, each
  // given an equal share of it.
  Milliseconds come_out{0};
  int come_out_steps = 0;
  // The hold ends with a whole breath: as asked, rounded up to the end of the breath under way
  // then (at most one breath longer), and again after each +/-. False: it ends when asked, even
  // mid-breath (--exact).
  bool whole_breaths = false;

  bool operator==(const SessionPlan&) const = default;
};

// The plan's hold ended with a whole breath, when it asks for that and paces breathing;
// otherwise as it is. Rounded up to the end of the breath under way, unless that would pass the
// longest hold (3 h): then down, to the last whole breath within it. Settle-in and the way out are
// left as they are.
void end_on_whole_breath(SessionPlan& plan);

enum class Phase { settle, hold, come_out, done };
enum class BreathStep { inhale, hold_in, exhale, hold_out };

struct BreathCue {
  BreathStep step;
  Milliseconds step_length;
  Milliseconds step_left;
  // How full the breath bar is: rises 0 to 1 over the inhale, stays full while holding in,
  // falls back to 0 over the exhale, stays empty while holding out.
  double fill;
  long cycle;            // which breath this is, from 0
  long steps_begun = 0;  // the steps of the hold's breaths begun so far, this one included
};

struct SessionView {
  Phase phase;
  bool paused;
  Milliseconds phase_length;
  Milliseconds phase_left;
  Milliseconds held;                // time in the hold phase so far, pauses excluded
  std::optional<BreathCue> breath;  // during the hold, with a pattern
  Milliseconds planned{0};          // the hold as planned now, with any +/- minutes
  int step = -1;                    // while coming out: the step to do now, from 0
  Milliseconds past_end{0};         // once done: how long ago the session ended
  SteadyTime at{};                  // the moment of this view
};

// What a display or a sound needs to follow, so the loop wakes only when that changes.
struct Watch {
  bool seconds = false;       // the countdown, to the second
  bool minutes = false;       // the countdown, to the minute (plain lines)
  bool breath_steps = false;  // inhale, hold, exhale changes
  int breath_bar_cells = 0;   // a breath bar of this many cells
};

std::string_view to_string(Phase phase);
std::string_view to_string(BreathStep step);

// The breath cue `into_hold` after the hold began.
BreathCue breath_at(const BreathPattern& pattern, Milliseconds into_hold);

class Session {
 public:
  Session(SessionPlan plan, SteadyTime start);

  const SessionPlan& plan() const { return plan_; }
  SessionView at(SteadyTime now) const;
  bool paused() const { return paused_since_.has_value(); }

  void pause(SteadyTime now);
  void resume(SteadyTime now);
  void toggle_pause(SteadyTime now);
  // Since when the session is paused (none: it runs).
  std::optional<SteadyTime> paused_since() const { return paused_since_; }
  // Adds (or with a negative count removes) whole minutes from the hold: never below what has
  // been held plus a minute (kLeastLeft), never above three hours. Says whether the minutes were
  // had, or only as far as that limit, or none at all.
  HoldChange add_minutes(int minutes, SteadyTime now);
  // Ends the session now: the hold is cut to what has been held, and there is no way out left.
  void finish_now(SteadyTime now);
  // Ends the guided way out now (the hold is complete).
  void skip_come_out(SteadyTime now);

  // The first time after `now` at which anything in `watch` changes, or the phase ends. Empty
  // while paused (nothing changes until the person resumes).
  std::optional<SteadyTime> next_change(SteadyTime now, const Watch& watch) const;

  // When the hold will have lasted `held`, pauses excluded; empty while paused.
  std::optional<SteadyTime> when_held(Milliseconds held, SteadyTime now) const {
    return when_active(plan_.settle + held, now);
  }

  // Time the session has run, pauses excluded: its own clock.
  Milliseconds active(SteadyTime now) const;
  // When the session's own clock will show `active_time`; empty while paused.
  std::optional<SteadyTime> when_active(Milliseconds active_time, SteadyTime now) const;

 private:
  SessionPlan plan_;
  SteadyTime start_;
  SteadyTime paused_total_{};
  std::optional<SteadyTime> paused_since_;
};

}  // namespace legsup
