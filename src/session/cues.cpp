#include "legsup/session/cues.hpp"

#include <algorithm>
#include <map>

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

// The marks of a hold, by how much has been held when they are due. Where two fall together,
// a milestone (which says more) wins over the interval bell, and the later row of the table
// over an earlier one.
std::map<Milliseconds, Cue> marks_of(Milliseconds hold, const CueOptions& options) {
  std::map<Milliseconds, Cue> marks;
  if (options.interval && options.interval->count() > 0) {
    for (Milliseconds at = *options.interval; at < hold; at += *options.interval)
      marks[at] = cue_of(CueKind::interval);
  }
  if (options.announce) {
    for (const auto& spec : kCueKinds) {
      if (spec.group != CueGroup::milestone || hold < spec.mark.shortest) continue;
      marks[hold * spec.mark.percent / 100 - spec.mark.before_end] = cue_of(spec.kind);
    }
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
    case CueGroup::step:
      return !options.come_out_steps.empty();
  }
  return false;
}

Cue first_cue(const SessionView& view) {
  return cue_of(view.phase == Phase::settle ? CueKind::settle : CueKind::begin);
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
      due.push_back(
          {cue_of(before.phase == Phase::come_out ? CueKind::done : CueKind::end), after.past_end});
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
      return cue_of(CueKind::paused);
    case KeyAction::resume:
      return cue_of(CueKind::resumed);
    case KeyAction::more:
      return cue_of(CueKind::more);
    case KeyAction::less:
      return cue_of(CueKind::less);
    case KeyAction::quit:
      return cue_of(CueKind::quit);
  }
  return cue_of(CueKind::paused);
}

std::vector<std::pair<std::string, Cue>> sound_check_cues() {
  std::vector<const CueSpec*> previewed;
  for (const auto& spec : kCueKinds) {
    if (spec.preview > 0) previewed.push_back(&spec);
  }
  std::sort(previewed.begin(), previewed.end(),
            [](const CueSpec* a, const CueSpec* b) { return a->preview < b->preview; });
  std::vector<std::pair<std::string, Cue>> cues;
  for (const CueSpec* spec : previewed)
    cues.emplace_back(spec->name, cue_of(spec->kind));
  return cues;
}

}  // namespace legsup
