#include "legsup/session/cues.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <map>
#include <set>

namespace legsup {
namespace {

constexpr Milliseconds kMinute{60000};

Cue breath_cue(BreathStep step) {
  switch (step) {
    case BreathStep::inhale:
      return cue_of(CueKind::inhale);
    case BreathStep::hold_in:
      return cue_of(CueKind::hold_in);
    case BreathStep::exhale:
      return cue_of(CueKind::exhale);
    case BreathStep::hold_out:
      return cue_of(CueKind::hold_out);
  }
  return cue_of(CueKind::inhale);
}

bool same_breath_step(const SessionView& a, const SessionView& b) {
  if (!a.breath || !b.breath) return a.breath.has_value() == b.breath.has_value();
  return a.breath->step == b.breath->step && a.breath->cycle == b.breath->cycle;
}

// The marks of a hold, by how much has been held when they are due, in order. Two milestones at
// one moment say one thing (halfway through two minutes is one minute left): the later row of
// the table, which says the time left, is said. An interval bell there rings as well, after it.
std::multimap<Milliseconds, Cue> marks_of(Milliseconds hold, const CueOptions& options) {
  std::map<Milliseconds, Cue> milestones;
  if (options.announce) {
    for (const auto& spec : kCueKinds) {
      if (spec.group != CueGroup::milestone || hold < spec.mark.shortest) continue;
      milestones[hold * spec.mark.percent / 100 - spec.mark.before_end] = cue_of(spec.kind);
    }
  }
  std::multimap<Milliseconds, Cue> marks(milestones.begin(), milestones.end());
  if (options.interval && options.interval->count() > 0) {
    for (Milliseconds at = *options.interval; at < hold; at += *options.interval)
      marks.emplace(at, cue_of(CueKind::interval));
  }
  return marks;
}

Cue step_cue(const CueOptions& options, int step) {
  std::string words;
  if (step >= 0 && static_cast<std::size_t>(step) < options.come_out_steps.size()) {
    words = options.come_out_steps[static_cast<std::size_t>(step)];
  }
  return {CueKind::step, words};
}

}  // namespace

Cue cue_of(CueKind kind) {
  return {kind, std::string(cue_spec(kind).words)};
}

bool may_sound(const CueSpec& spec, const CueOptions& options, bool keys) {
  switch (spec.group) {
    case CueGroup::phase:
      return true;
    case CueGroup::breath:
      return options.breath_cues;
    case CueGroup::interval:
      return options.interval.has_value();
    case CueGroup::milestone:
      return options.announce;
    case CueGroup::key:
      return keys;
    case CueGroup::reminder:
      return keys && options.pause_reminder.has_value();
    case CueGroup::step:
      return !options.come_out_steps.empty();
  }
  return false;
}

Cue first_cue(const SessionView& view) {
  return cue_of(view.phase == Phase::settle ? CueKind::settle : CueKind::begin);
}

int breath_cues_passed(const SessionView& before, const SessionView& after,
                       const CueOptions& options) {
  if (!options.breath_cues || before.phase != Phase::hold || after.phase != Phase::hold ||
      !before.breath || !after.breath) {
    return 0;
  }
  return static_cast<int>(std::max(0L, after.breath->steps_begun - before.breath->steps_begun - 1));
}

std::vector<DueCue> cues_between(const SessionView& before, const SessionView& after,
                                 const CueOptions& options) {
  std::vector<DueCue> due;
  // How long ago the current phase began, counted in the session's own time.
  Milliseconds into_phase = after.phase_length - after.phase_left;
  if (before.phase != after.phase) {
    if (after.phase == Phase::hold) {
      due.push_back({cue_of(CueKind::begin), into_phase});
    } else if (after.phase == Phase::come_out) {
      if (before.phase == Phase::hold || before.phase == Phase::settle) {
        due.push_back({cue_of(CueKind::end), into_phase});
      }
      due.push_back({step_cue(options, after.step), into_phase});
      return due;
    } else if (after.phase == Phase::done) {
      if (before.phase == Phase::come_out) {
        due.push_back({cue_of(CueKind::done), after.past_end});
        return due;
      }
      due.push_back({cue_of(CueKind::end), after.past_end});
      // No way out paced: the voice says its steps one after another, after the end.
      if (options.steps_at_end) {
        for (int step = 0; step < static_cast<int>(options.come_out_steps.size()); ++step)
          due.push_back({step_cue(options, step), after.past_end});
      }
      return due;
    }
  }
  if (after.phase == Phase::come_out && before.phase == Phase::come_out &&
      after.step != before.step) {
    int steps = std::max(static_cast<int>(options.come_out_steps.size()), 1);
    Milliseconds step_start = after.phase_length * after.step / steps;
    due.push_back({step_cue(options, after.step), into_phase - step_start});
  }
  if (after.phase != Phase::hold) return due;

  // Interval bells and milestones crossed since the last view.
  Milliseconds from = before.phase == Phase::hold ? before.held : Milliseconds(-1);
  for (const auto& [at, cue] : marks_of(after.planned, options)) {
    if (at > from && at <= after.held) due.push_back({cue, after.held - at});
  }
  // The hold's first inhale is marked by its begin cue.
  bool began_now = before.phase != Phase::hold;
  if (options.breath_cues && after.breath && !began_now && !same_breath_step(before, after)) {
    Milliseconds into_step = after.breath->step_length - after.breath->step_left;
    due.push_back({breath_cue(after.breath->step), into_step});
  }
  return due;
}

std::optional<Milliseconds> next_mark(const SessionView& view, const CueOptions& options) {
  if (view.phase != Phase::hold) return std::nullopt;
  for (const auto& [at, cue] : marks_of(view.planned, options)) {
    if (at > view.held) return at;
  }
  return std::nullopt;
}

Cue key_cue(KeyAction action, HoldChange change) {
  bool whole = change == HoldChange::whole;
  switch (action) {
    case KeyAction::pause:
      return cue_of(CueKind::paused);
    case KeyAction::resume:
      return cue_of(CueKind::resumed);
    case KeyAction::more:
      return cue_of(whole ? CueKind::more : CueKind::ceiling);
    case KeyAction::less:
      return cue_of(whole ? CueKind::less : CueKind::floor);
    case KeyAction::quit:
      return cue_of(CueKind::quit);
  }
  return cue_of(CueKind::paused);
}

std::string limit_notice(KeyAction action, Milliseconds by) {
  Milliseconds changed = by < Milliseconds(0) ? -by : by;
  std::string amount = changed >= std::chrono::seconds(1) ? format_duration(changed)
                       : changed.count() > 0              ? "under a second"
                                                          : "nothing";
  if (action == KeyAction::more) {
    return fmt::format("+ added {}: the hold is at its longest, {}", amount,
                       format_duration(kLongestHold));
  }
  return fmt::format(
      "- took off {}: the hold is at its shortest (- leaves a minute more than was held)", amount);
}

std::vector<std::pair<Cue, Milliseconds>> beats_ahead(const Session& session, SteadyTime now,
                                                      const CueOptions& options,
                                                      Milliseconds within) {
  std::vector<std::pair<Cue, Milliseconds>> beats;
  Watch watch;
  watch.breath_steps = true;
  SessionView view = session.at(now);
  Milliseconds until = session.active(now) + within;
  for (SteadyTime at = now; view.phase != Phase::done;) {
    auto next = session.next_change(at, watch);
    if (!next || session.active(*next) > until) break;
    SessionView after = session.at(*next);
    for (const auto& due : cues_between(view, after, options)) {
      if (cue_spec(due.cue.kind).give == Give::beat)
        beats.emplace_back(due.cue, session.active(*next) - due.late);
    }
    view = after;
    at = *next;
  }
  return beats;
}

namespace {

// Whether a pattern has a step: the holds may be none.
bool pattern_has(const BreathPattern& pattern, CueKind kind) {
  if (kind == CueKind::hold_in) return pattern.hold_in > Milliseconds(0);
  if (kind == CueKind::hold_out) return pattern.hold_out > Milliseconds(0);
  return true;
}

}  // namespace

std::vector<std::pair<std::string, Cue>> sound_check_cues(const SessionPlan& plan,
                                                          const CueOptions& options, bool keys) {
  std::set<CueKind> milestones;
  for (const auto& [at, cue] : marks_of(plan.hold, options))
    milestones.insert(cue.kind);
  bool paced_way_out = plan.come_out.count() > 0;
  std::vector<std::pair<std::string, Cue>> cues;
  for (const auto& spec : kCueKinds) {
    if (!may_sound(spec, options, keys)) continue;
    bool sounds = true;
    switch (spec.group) {
      case CueGroup::phase:
        if (spec.kind == CueKind::settle) sounds = plan.settle.count() > 0;
        if (spec.kind == CueKind::done) sounds = paced_way_out;
        break;
      case CueGroup::breath:
        sounds = plan.breath && pattern_has(*plan.breath, spec.kind);
        break;
      case CueGroup::milestone:
        sounds = milestones.count(spec.kind) > 0;
        break;
      case CueGroup::step:
        if (paced_way_out || options.steps_at_end) {
          for (int step = 0; step < static_cast<int>(options.come_out_steps.size()); ++step) {
            cues.emplace_back(fmt::format("way out, step {}", step + 1), step_cue(options, step));
          }
        }
        sounds = false;
        break;
      case CueGroup::interval:
      case CueGroup::key:
      case CueGroup::reminder:
        break;
    }
    if (sounds) cues.emplace_back(spec.name, cue_of(spec.kind));
  }
  return cues;
}

}  // namespace legsup
