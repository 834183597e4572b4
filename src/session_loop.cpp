#include "legsup/session_loop.hpp"

#include <csignal>

namespace legsup {

std::string_view to_string(Ending ending) {
  switch (ending) {
    case Ending::completed:
      return "completed";
    case Ending::ended_early:
      return "ended-early";
    case Ending::signal:
      return "signal";
  }
  return "completed";
}

namespace {

bool same_breath_step(const SessionView& a, const SessionView& b) {
  if (!a.breath || !b.breath) return a.breath.has_value() == b.breath.has_value();
  return a.breath->step == b.breath->step && a.breath->cycle == b.breath->cycle;
}

// The cue for what changed between two views; only the latest change sounds, so a stall that
// skipped several breaths does not play a burst of old cues.
std::optional<Cue> cue_between(const SessionView& before, const SessionView& after,
                               bool breath_cues) {
  if (before.phase != after.phase) {
    if (after.phase == Phase::hold) return Cue::begin;
    if (after.phase == Phase::done) return Cue::end;
  }
  if (breath_cues && after.phase == Phase::hold && after.breath &&
      (before.phase != Phase::hold || !same_breath_step(before, after))) {
    if (after.breath->step == BreathStep::inhale) return Cue::inhale;
    if (after.breath->step == BreathStep::exhale) return Cue::exhale;
  }
  return std::nullopt;
}

}  // namespace

SessionOutcome run_session(Session& session, EventSource& events, SessionScreen& screen,
                           CuePlayer& cues, const LoopOptions& options) {
  SessionOutcome outcome;
  SteadyTime now = events.now();
  SessionView last = session.at(now);
  // The cue that starts the hold also marks its first inhale: two sounds at once would blur.
  cues.play(last.phase == Phase::settle ? Cue::settle : Cue::begin);
  screen.show(last);

  for (;;) {
    Watch watch = screen.watch();
    watch.breath_steps = watch.breath_steps || options.breath_cues;
    Event event = events.wait(session.next_change(now, watch));
    now = events.now();
    switch (event.kind) {
      case Event::Kind::deadline:
        break;
      case Event::Kind::resize:
        screen.resize();
        break;
      case Event::Kind::key:
        if (!options.keys) break;
        if (event.key == ' ' || event.key == 'p' || event.key == 'P') {
          session.toggle_pause(now);
        } else if (event.key == 'q' || event.key == 'Q') {
          outcome.ending = Ending::ended_early;
        } else if (event.key == '+' || event.key == '=') {
          session.add_minutes(1, now);
        } else if (event.key == '-' || event.key == '_') {
          session.add_minutes(-1, now);
        }
        break;
      case Event::Kind::signal:
        if (event.signal == SIGTSTP) {
          // The time stopped counts as paused, unless the person had paused already.
          bool was_paused = session.paused();
          session.pause(now);
          screen.suspend();
          events.stop_process();
          now = events.now();
          screen.resume();
          if (!was_paused) session.resume(now);
        } else if (event.signal == SIGINT || event.signal == SIGTERM || event.signal == SIGHUP) {
          outcome.ending = Ending::signal;
          outcome.signal = event.signal;
        }
        break;
    }

    if (outcome.ending != Ending::completed) {
      outcome.planned = session.plan().hold;
      session.finish_now(now);
    }
    SessionView view = session.at(now);
    if (auto cue = cue_between(last, view, options.breath_cues);
        cue && outcome.ending == Ending::completed) {
      cues.play(*cue);
    }
    last = view;
    if (view.phase == Phase::done) break;
    screen.show(view);
  }

  if (outcome.ending == Ending::completed) outcome.planned = session.plan().hold;
  outcome.held = session.plan().hold;
  outcome.settled = session.plan().settle;
  screen.finish(last);
  return outcome;
}

}  // namespace legsup
