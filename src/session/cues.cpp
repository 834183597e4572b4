#include "legsup/session/cues.hpp"

#include <map>

namespace legsup {
namespace {

constexpr Milliseconds kMinute{60000};

Cue breath_cue(BreathStep step) {
  switch (step) {
    case BreathStep::inhale:
      return {CueKind::inhale, "Breathe in"};
    case BreathStep::hold_in:
      return {CueKind::hold_in, "Hold"};
    case BreathStep::exhale:
      return {CueKind::exhale, "Breathe out"};
    case BreathStep::hold_out:
      return {CueKind::hold_out, "Hold"};
  }
  return {CueKind::inhale, "Breathe in"};
}

bool same_breath_step(const SessionView& a, const SessionView& b) {
  if (!a.breath || !b.breath) return a.breath.has_value() == b.breath.has_value();
  return a.breath->step == b.breath->step && a.breath->cycle == b.breath->cycle;
}

// The marks of a hold, by how much has been held when they are due. Where two fall together,
// the milestone (which says more) wins over the interval bell.
std::map<Milliseconds, Cue> marks_of(Milliseconds hold, const CueOptions& options) {
  std::map<Milliseconds, Cue> marks;
  if (options.interval && options.interval->count() > 0) {
    for (Milliseconds at = *options.interval; at < hold; at += *options.interval)
      marks[at] = {CueKind::interval, ""};
  }
  if (options.announce) {
    if (hold >= 2 * kMinute) marks[hold / 2] = {CueKind::milestone, "Halfway"};
    if (hold > 6 * kMinute) marks[hold - 5 * kMinute] = {CueKind::milestone, "Five minutes left"};
    if (hold >= 2 * kMinute) marks[hold - kMinute] = {CueKind::milestone, "One minute left"};
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

const Cue kEnd = {CueKind::end, "Time to come out slowly"};
const Cue kDone = {CueKind::done, "All done"};

}  // namespace

Cue first_cue(const SessionView& view) {
  if (view.phase == Phase::settle) return {CueKind::settle, "Settle in"};
  return {CueKind::begin, "Begin"};
}

std::vector<DueCue> cues_between(const SessionView& before, const SessionView& after,
                                 const CueOptions& options) {
  std::vector<DueCue> due;
  // How long ago the current phase began, counted in the session's own time.
  Milliseconds into_phase = after.phase_length - after.phase_left;
  if (before.phase != after.phase) {
    if (after.phase == Phase::hold) {
      due.push_back({{CueKind::begin, "Begin"}, into_phase});
    } else if (after.phase == Phase::come_out) {
      if (before.phase == Phase::hold || before.phase == Phase::settle) {
        due.push_back({kEnd, into_phase});
      }
      due.push_back({step_cue(options, after.step), into_phase});
      return due;
    } else if (after.phase == Phase::done) {
      due.push_back({before.phase == Phase::come_out ? kDone : kEnd, after.past_end});
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

Cue key_cue(KeyAction action) {
  switch (action) {
    case KeyAction::pause:
      return {CueKind::key, "Paused", static_cast<int>(action)};
    case KeyAction::resume:
      return {CueKind::key, "Going on", static_cast<int>(action)};
    case KeyAction::more:
      return {CueKind::key, "One minute more", static_cast<int>(action)};
    case KeyAction::less:
      return {CueKind::key, "One minute less", static_cast<int>(action)};
    case KeyAction::quit:
      return {CueKind::key, "Ending now", static_cast<int>(action)};
  }
  return {CueKind::key, "", 0};
}

std::vector<std::pair<std::string, Cue>> sound_check_cues() {
  return {{"start", {CueKind::settle, "Settle in"}},
          {"hold", {CueKind::begin, "Begin"}},
          {"inhale", breath_cue(BreathStep::inhale)},
          {"hold (breath)", breath_cue(BreathStep::hold_in)},
          {"exhale", breath_cue(BreathStep::exhale)},
          {"interval bell", {CueKind::interval, ""}},
          {"milestone", {CueKind::milestone, "Five minutes left"}},
          {"key", key_cue(KeyAction::pause)},
          {"step of the way out", {CueKind::step, "Bend your knees"}},
          {"end", kEnd}};
}

}  // namespace legsup
