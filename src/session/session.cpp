#include "legsup/session/session.hpp"

#include <algorithm>

#include "legsup/base/enum_names.hpp"

namespace legsup {

namespace {

using std::chrono::duration_cast;

Milliseconds to_ms(SteadyTime time) {
  return duration_cast<Milliseconds>(time);
}

// The first multiple of `step` strictly after `value`.
Milliseconds next_multiple(Milliseconds value, Milliseconds step) {
  return (value / step + 1) * step;
}

}  // namespace

std::string_view to_string(Phase phase) {
  static constexpr EnumName<Phase> kNames[] = {{Phase::settle, "settle"},
                                               {Phase::hold, "hold"},
                                               {Phase::come_out, "come out"},
                                               {Phase::done, "done"}};
  return name_in(kNames, phase);
}

std::string_view to_string(BreathStep step) {
  static constexpr EnumName<BreathStep> kNames[] = {{BreathStep::inhale, "Inhale"},
                                                    {BreathStep::hold_in, "Hold"},
                                                    {BreathStep::exhale, "Exhale"},
                                                    {BreathStep::hold_out, "Hold"}};
  return name_in(kNames, step);
}

BreathCue breath_at(const BreathPattern& pattern, Milliseconds into_hold) {
  const Milliseconds steps[] = {pattern.inhale, pattern.hold_in, pattern.exhale, pattern.hold_out};
  // Every moment is reckoned from the start of the hold, never from the last breath: a part of a
  // breath in tenths of a second adds no error, however long the hold.
  Milliseconds cycle_length = pattern.cycle();
  long cycle = static_cast<long>(into_hold / cycle_length);
  Milliseconds in_cycle = into_hold % cycle_length;
  int index = 0;
  while (in_cycle >= steps[index] && index < 3) {
    in_cycle -= steps[index];
    ++index;
  }
  // A zero-length hold is skipped: the loop above never stops on one (in_cycle >= 0).
  auto sounded = [](Milliseconds step) { return step.count() > 0; };
  long steps_a_cycle = std::count_if(std::begin(steps), std::end(steps), sounded);
  long steps_before = std::count_if(std::begin(steps), std::begin(steps) + index, sounded);
  BreathCue cue{
      static_cast<BreathStep>(index),          steps[index], steps[index] - in_cycle, 0, cycle,
      cycle * steps_a_cycle + steps_before + 1};
  double progress =
      steps[index].count() > 0 ? static_cast<double>(in_cycle.count()) / steps[index].count() : 1.0;
  switch (cue.step) {
    case BreathStep::inhale:
      cue.fill = progress;
      break;
    case BreathStep::hold_in:
      cue.fill = 1.0;
      break;
    case BreathStep::exhale:
      cue.fill = 1.0 - progress;
      break;
    case BreathStep::hold_out:
      cue.fill = 0.0;
      break;
  }
  return cue;
}

void end_on_whole_breath(SessionPlan& plan) {
  if (!plan.whole_breaths || !plan.breath) return;
  Milliseconds cycle = plan.breath->cycle();
  if (cycle.count() <= 0) return;
  Milliseconds rounded_up = (plan.hold + cycle - Milliseconds(1)) / cycle * cycle;
  // Never past the longest hold, a length no reader of the log would take: the last whole
  // breath within it instead.
  plan.hold = rounded_up <= kLongestHold ? rounded_up : kLongestHold / cycle * cycle;
}

Session::Session(SessionPlan plan, SteadyTime start) : plan_(std::move(plan)), start_(start) {
  end_on_whole_breath(plan_);
}

Milliseconds Session::active(SteadyTime now) const {
  SteadyTime paused = paused_total_ + (paused_since_ ? now - *paused_since_ : SteadyTime{});
  return std::max(Milliseconds(0), to_ms(now - start_ - paused));
}

SessionView Session::at(SteadyTime now) const {
  Milliseconds t = active(now);
  SessionView view{Phase::done,  paused(),   plan_.hold, Milliseconds(0), plan_.hold,
                   std::nullopt, plan_.hold, -1,         Milliseconds(0), now};
  Milliseconds hold_end = plan_.settle + plan_.hold;
  if (t < plan_.settle) {
    view.phase = Phase::settle;
    view.phase_length = plan_.settle;
    view.phase_left = plan_.settle - t;
    view.held = Milliseconds(0);
  } else if (t < hold_end) {
    view.phase = Phase::hold;
    view.held = t - plan_.settle;
    view.phase_left = plan_.hold - view.held;
    if (plan_.breath) view.breath = breath_at(*plan_.breath, view.held);
  } else if (t < hold_end + plan_.come_out) {
    view.phase = Phase::come_out;
    view.phase_length = plan_.come_out;
    Milliseconds into = t - hold_end;
    view.phase_left = plan_.come_out - into;
    int steps = std::max(plan_.come_out_steps, 1);
    view.step = static_cast<int>(into * steps / plan_.come_out);
  } else {
    view.past_end = t - hold_end - plan_.come_out;
  }
  return view;
}

void Session::pause(SteadyTime now) {
  if (!paused_since_) paused_since_ = now;
}

void Session::resume(SteadyTime now) {
  if (paused_since_) {
    paused_total_ += now - *paused_since_;
    paused_since_.reset();
  }
}

void Session::toggle_pause(SteadyTime now) {
  if (paused()) {
    resume(now);
  } else {
    pause(now);
  }
}

HoldChange Session::add_minutes(int minutes, SteadyTime now) {
  SessionView view = at(now);
  if (view.phase == Phase::done) return HoldChange::none;
  Milliseconds before = plan_.hold;
  Milliseconds asked = plan_.hold + std::chrono::minutes(minutes);
  Milliseconds hold = std::min(asked, kLongestHold);
  // Shorter, but never below a minute more than was held (nor longer than it was: a hold that is
  // shorter already stays as it is).
  if (minutes < 0) hold = std::max(hold, std::min(plan_.hold, view.held + kLeastLeft));
  hold = std::max(hold, kShortestHold);
  plan_.hold = hold;
  end_on_whole_breath(plan_);
  if (plan_.hold == before) return HoldChange::none;
  return hold == asked ? HoldChange::whole : HoldChange::to_limit;
}

void Session::finish_now(SteadyTime now) {
  SessionView view = at(now);
  if (view.phase == Phase::settle) {
    plan_.settle = active(now);
    plan_.hold = Milliseconds(0);
  } else if (view.phase == Phase::hold) {
    plan_.hold = view.held;
  }
  skip_come_out(now);
}

void Session::skip_come_out(SteadyTime now) {
  SessionView view = at(now);
  if (view.phase == Phase::come_out) {
    plan_.come_out -= view.phase_left;
  } else if (view.phase != Phase::done) {
    plan_.come_out = Milliseconds(0);
  }
}

std::optional<SteadyTime> Session::when_active(Milliseconds active_time, SteadyTime now) const {
  if (paused()) return std::nullopt;
  return now + (active_time - active(now));
}

std::optional<SteadyTime> Session::next_change(SteadyTime now, const Watch& watch) const {
  if (paused()) return std::nullopt;
  Milliseconds t = active(now);
  SessionView view = at(now);
  if (view.phase == Phase::done) return now;

  Milliseconds phase_start = view.phase == Phase::settle ? Milliseconds(0)
                             : view.phase == Phase::hold ? plan_.settle
                                                         : plan_.settle + plan_.hold;
  Milliseconds phase_end = phase_start + view.phase_length;
  Milliseconds next = phase_end;
  if (view.phase == Phase::come_out) {
    // The next step's start.
    int steps = std::max(plan_.come_out_steps, 1);
    // Rounded up, so that the step has changed by then.
    Milliseconds step_start =
        phase_start + Milliseconds((plan_.come_out.count() * (view.step + 1) + steps - 1) / steps);
    if (step_start > t) next = std::min(next, step_start);
  }
  // The countdown shows whole seconds rounded up, so it changes when the time left crosses a
  // whole second (or minute): at phase_end - k * step.
  auto countdown_change = [&](Milliseconds step) {
    Milliseconds left = phase_end - t;
    Milliseconds crossing = left % step == Milliseconds(0) ? left - step : left - left % step;
    if (crossing > Milliseconds(0)) next = std::min(next, phase_end - crossing);
  };
  if (watch.seconds) countdown_change(Milliseconds(1000));
  if (watch.minutes) countdown_change(Milliseconds(60000));
  if (view.breath && (watch.breath_steps || watch.breath_bar_cells > 0)) {
    const BreathCue& cue = *view.breath;
    Milliseconds step_end = t + cue.step_left;
    next = std::min(next, step_end);
    bool moving = cue.step == BreathStep::inhale || cue.step == BreathStep::exhale;
    if (watch.breath_bar_cells > 0 && moving) {
      Milliseconds cell = std::max(Milliseconds(1), cue.step_length / watch.breath_bar_cells);
      Milliseconds into_step = cue.step_length - cue.step_left;
      next = std::min(next, t + (next_multiple(into_step, cell) - into_step));
    }
    if (watch.seconds) {
      // The seconds left in the breath step are shown too.
      Milliseconds left = cue.step_left;
      Milliseconds crossing = left % Milliseconds(1000) == Milliseconds(0)
                                  ? left - Milliseconds(1000)
                                  : left - left % Milliseconds(1000);
      if (crossing > Milliseconds(0)) next = std::min(next, step_end - crossing);
    }
  }
  return when_active(std::max(next, t + Milliseconds(1)), now);
}

}  // namespace legsup
