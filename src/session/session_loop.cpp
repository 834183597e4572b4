#include "legsup/session/session_loop.hpp"

#include <csignal>

#include "legsup/session/sleep_watch.hpp"

namespace legsup {

namespace {

std::optional<SteadyTime> earliest(std::optional<SteadyTime> a, std::optional<SteadyTime> b) {
  if (!a) return b;
  if (!b) return a;
  return std::min(*a, *b);
}

// What a key does; none for keys that mean nothing (they make no sound either).
std::optional<KeyAction> key_action(char key, bool paused) {
  switch (key) {
    case ' ':
    case 'p':
    case 'P':
      return paused ? KeyAction::resume : KeyAction::pause;
    case 'q':
    case 'Q':
      return KeyAction::quit;
    case '+':
    case '=':
      return KeyAction::more;
    case '-':
    case '_':
      return KeyAction::less;
    default:
      return std::nullopt;
  }
}

// After a sleep: of the cues that fell meanwhile, only the last that says where the session is
// now (a phase or a step of the way out), at once; the breaths, bells and milestones missed are
// not played.
std::vector<DueCue> cues_after_sleep(const std::vector<DueCue>& due) {
  for (auto cue = due.rbegin(); cue != due.rend(); ++cue) {
    CueGroup group = cue_spec(cue->cue.kind).group;
    if (group == CueGroup::phase || group == CueGroup::step) return {{cue->cue, Milliseconds(0)}};
  }
  return {};
}

}  // namespace

SessionOutcome run_session(Session& session, EventSource& events, SessionScreen& screen,
                           CuePlayer& cues, const LoopOptions& options) {
  SessionOutcome outcome;
  SteadyTime now = events.now();
  SessionView last = session.at(now);
  cues.play(first_cue(last), now);
  cues.service(now);
  screen.show(last);
  bool stopped = false;  // ended by q or a signal
  SleepWatch sleep(now, events.awake_now());

  for (;;) {
    Watch watch = screen.watch();
    watch.breath_steps = watch.breath_steps || options.cues.breath_cues;
    std::optional<SteadyTime> deadline = session.next_change(now, watch);
    if (auto mark = next_mark(last, options.cues)) {
      deadline = earliest(deadline, session.when_held(*mark, now));
    }
    deadline = earliest(deadline, cues.next_service());
    deadline = earliest(deadline, screen.next_wake());
    Event event = events.wait(deadline);
    now = events.now();
    Milliseconds slept = sleep.look(now, events.awake_now());
    if (slept.count() > 0) {
      screen.notice("The machine slept for " + format_duration(slept) +
                    "; the cues it missed were not played.");
    }

    switch (event.kind) {
      case Event::Kind::deadline:
      case Event::Kind::child:
        break;
      case Event::Kind::resize:
        screen.resize();
        break;
      case Event::Kind::key: {
        screen.key_pressed(now);
        if (!options.keys) break;
        auto action = key_action(event.key, session.paused());
        if (!action) break;
        SessionView before = session.at(now);
        if (*action == KeyAction::quit) {
          if (before.phase == Phase::come_out) {
            session.skip_come_out(now);  // the hold is done: only the way out ends early
          } else {
            outcome.ending = Ending::ended_early;
            stopped = true;
          }
        } else if (*action == KeyAction::pause || *action == KeyAction::resume) {
          session.toggle_pause(now);
        } else if (before.phase == Phase::hold || before.phase == Phase::settle) {
          session.add_minutes(*action == KeyAction::more ? 1 : -1, now);
        } else {
          break;  // +/- after the hold: nothing to change, nothing to confirm
        }
        cues.play(key_cue(*action), now);
        break;
      }
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
        } else {
          outcome.ending = Ending::signal;
          outcome.signal = event.signal;
          stopped = true;
        }
        break;
    }

    if (stopped) {
      outcome.planned = session.plan().hold;
      session.finish_now(now);
    }
    SessionView view = session.at(now);
    if (!stopped) {
      auto due_now = cues_between(last, view, options.cues);
      if (slept.count() > 0) due_now = cues_after_sleep(due_now);
      for (const auto& due : due_now) {
        cues.play(due.cue, now - std::chrono::duration_cast<SteadyTime>(due.late));
      }
    }
    // Played first, fed after: a cue due a moment ago still finds its place in the stream.
    cues.service(now);
    while (auto failure = cues.take_failure())
      screen.notice(*failure);
    last = view;
    if (view.phase == Phase::done) break;
    screen.show(view);
  }

  if (!stopped) outcome.planned = session.plan().hold;
  outcome.held = session.plan().hold;
  outcome.settled = session.plan().settle;
  outcome.came_out = session.plan().come_out;
  outcome.slept = sleep.slept();
  screen.finish(last, outcome);
  return outcome;
}

}  // namespace legsup
