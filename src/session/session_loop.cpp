#include "legsup/session/session_loop.hpp"

#include <algorithm>
#include <csignal>
#include <vector>

#include "legsup/session/sleep_watch.hpp"

namespace legsup {

namespace {

using std::chrono::duration_cast;

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
// When the session ends as it stands at `now`: its whole plan's time on its own clock, pauses
// excluded, from now.
SteadyTime session_end(const Session& session, SteadyTime now) {
  const SessionPlan& plan = session.plan();
  Milliseconds left = plan.settle + plan.hold + plan.come_out - session.active(now);
  return now + duration_cast<SteadyTime>(std::max(Milliseconds(0), left));
}

// How far after its moment a sound that may move may go: a mark of the hold no further than the
// hold's end; the steps of the way out, and its end, after one another however long they are.
constexpr Milliseconds kLatestStep{10 * 60 * 1000};

// Each cue of the session where the rules of mix.hpp put it, on the session's own clock: beats
// as they fall, a sound that may move where it is heard alone (held back until then), a key's
// answer at once.
class CueSchedule {
 public:
  CueSchedule(Session& session, CuePlayer& cues, const CueOptions& options)
      : session_(session), cues_(cues), options_(options) {}

  // A cue that fell due `late` ago.
  void due(const Cue& cue, Milliseconds late, SteadyTime now) {
    const CueSpec& spec = cue_spec(cue.kind);
    Milliseconds active = session_.active(now);
    Milliseconds at = active - late;
    Milliseconds length = cues_.length_of(cue);
    if (spec.give != Give::fits) {
      cues_.play(cue, now - duration_cast<SteadyTime>(late));
      if (!session_.paused()) timeline_.take({at, at + length});
      return;
    }
    Milliseconds latest = at + kLatestStep;
    bool way_out = spec.group == CueGroup::step || spec.kind == CueKind::done;
    Milliseconds quiet = way_out ? kQuietAroundStep : kQuietBetween;
    if (spec.group == CueGroup::interval || spec.group == CueGroup::milestone) {
      // Heard in the hold, or where it fell.
      Milliseconds hold_end = session_.plan().settle + session_.plan().hold;
      latest = std::max(at, std::min(at + kLatestFit, hold_end - length - kQuietBetween));
    }
    std::vector<Span> ahead;
    Milliseconds within = late + std::min(latest - at, kLatestFit) + length + quiet;
    for (const auto& [beat, beat_at] : beats_ahead(session_, now, options_, within))
      ahead.push_back({beat_at, beat_at + cues_.length_of(beat)});
    Milliseconds slot = timeline_.fit(at, length, ahead, latest, quiet);
    if (slot <= active) {
      cues_.play(cue, now - duration_cast<SteadyTime>(active - slot));
    } else {
      pending_.push_back({slot, cue});
      std::stable_sort(pending_.begin(), pending_.end(),
                       [](const Pending& a, const Pending& b) { return a.at < b.at; });
    }
  }

  // The held-back sounds whose moment came.
  void play_due(SteadyTime now) {
    Milliseconds active = session_.active(now);
    timeline_.forget_before(active);
    while (!pending_.empty() && pending_.front().at <= active) {
      cues_.play(pending_.front().cue,
                 now - duration_cast<SteadyTime>(active - pending_.front().at));
      pending_.erase(pending_.begin());
    }
  }

  // When the next held-back sound is due (none while paused).
  std::optional<SteadyTime> next(SteadyTime now) const {
    if (pending_.empty()) return std::nullopt;
    return session_.when_active(pending_.front().at, now);
  }

  // The session is over: what is still to say, at its moment.
  void play_rest(SteadyTime now) {
    Milliseconds active = session_.active(now);
    for (const auto& pending : pending_)
      cues_.play(pending.cue, now + duration_cast<SteadyTime>(pending.at - active));
    pending_.clear();
  }

 private:
  struct Pending {
    Milliseconds at;
    Cue cue;
  };

  Session& session_;
  CuePlayer& cues_;
  const CueOptions& options_;
  CueTimeline timeline_;
  std::vector<Pending> pending_;
};

}  // namespace

SessionOutcome run_session(Session& session, EventSource& events, SessionScreen& screen,
                           CuePlayer& cues, const LoopOptions& options) {
  SessionOutcome outcome;
  SteadyTime now = events.now();
  SessionView last = session.at(now);
  CueSchedule schedule(session, cues, options.cues);
  schedule.due(first_cue(last), Milliseconds(0), now);
  cues.session_ends(session_end(session, now));
  cues.service(now);
  screen.show(last);
  bool stopped = false;  // ended by q or a signal
  SleepWatch sleep(now, events.awake_now());
  // While paused by a key: when the reminder is due.
  std::optional<SteadyTime> reminder;
  SteadyTime remind_every{};  // none: no reminder
  if (options.keys && options.cues.pause_reminder) {
    remind_every = duration_cast<SteadyTime>(*options.cues.pause_reminder);
  }

  for (;;) {
    Watch watch = screen.watch();
    watch.breath_steps = watch.breath_steps || options.cues.breath_cues;
    std::optional<SteadyTime> deadline = session.next_change(now, watch);
    if (auto mark = next_mark(last, options.cues)) {
      deadline = earliest(deadline, session.when_held(*mark, now));
    }
    deadline = earliest(deadline, schedule.next(now));
    deadline = earliest(deadline, reminder);
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
        HoldChange change = HoldChange::whole;
        if (*action == KeyAction::quit) {
          if (before.phase == Phase::come_out) {
            session.skip_come_out(now);  // the hold is done: only the way out ends early
          } else {
            outcome.ending = Ending::ended_early;
            stopped = true;
          }
        } else if (*action == KeyAction::pause || *action == KeyAction::resume) {
          session.toggle_pause(now);
          reminder.reset();
          if (session.paused() && remind_every.count() > 0) reminder = now + remind_every;
        } else if (before.phase == Phase::hold || before.phase == Phase::settle) {
          Milliseconds hold_before = session.plan().hold;
          change = session.add_minutes(*action == KeyAction::more ? 1 : -1, now);
          if (change != HoldChange::whole) {
            screen.notice(limit_notice(*action, session.plan().hold - hold_before));
          }
        } else {
          break;  // +/- after the hold: nothing to change, nothing to confirm
        }
        schedule.due(key_cue(*action, change), Milliseconds(0), now);
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
      // The beats first: what may move fits around them.
      auto due = cues_between(last, view, options.cues);
      if (slept.count() > 0) {
        due = cues_after_sleep(due);
      } else if (int passed = breath_cues_passed(last, view, options.cues); passed > 0) {
        cues.passed_unplayed(passed);
      }
      std::stable_partition(due.begin(), due.end(), [](const DueCue& cue) {
        return cue_spec(cue.cue.kind).give == Give::beat;
      });
      for (const auto& cue : due)
        schedule.due(cue.cue, cue.late, now);
      schedule.play_due(now);
      if (reminder && now >= *reminder && session.paused()) {
        // Once, however long the process was stopped; then every so long again.
        SteadyTime at = *reminder + (now - *reminder) / remind_every * remind_every;
        schedule.due(cue_of(CueKind::still_paused), duration_cast<Milliseconds>(now - at), now);
        reminder = at + remind_every;
      }
    }
    if (view.phase == Phase::done && !stopped) schedule.play_rest(now);
    // Played first, fed after: a cue due a moment ago still finds its place in the stream.
    cues.session_ends(session_end(session, now));
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
