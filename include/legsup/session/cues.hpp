// What a session sounds, and when: a cue for every change a person lying with the eyes closed
// needs to hear (the settle-in, the hold, each breath phase, interval bells, milestones, a key
// that took effect, each step of the way out, the end), as pure functions of the session's
// views. Every kind of cue is one row of one table (kCueKinds, below): its words, its chime,
// when it may sound, where the sound check plays it, and for a milestone, when in the hold it
// falls. The players, the voice and the sound check read the table; none lists cues again.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "legsup/session/session.hpp"

namespace legsup {

// One enumerator a row of kCueKinds, in the table's order.
enum class CueKind {
  settle,  // the settle-in begins
  begin,   // the hold begins (and with it the first inhale)
  inhale,  // breath phases, with --breath-cues
  hold_in,
  exhale,
  hold_out,
  interval,  // a soft bell every --interval of the hold
  halfway,   // milestones, with --announce
  five_minutes_left,
  one_minute_left,
  paused,  // a key took effect
  resumed,
  more,
  less,
  quit,
  step,  // a step of the way out
  end,   // the hold is over
  done,  // the guided way out is over too; stays last (the table's length is done + 1)
};

// When a kind of cue may sound at all.
enum class CueGroup {
  phase,      // always: the session's own changes
  breath,     // with --breath-cues
  interval,   // with --interval
  milestone,  // with --announce
  key,        // on a terminal that reads keys
  step,       // each step of the way out: its words are the content's
};

// A sine note with a gentle attack and an exponential decay.
struct Note {
  double frequency = 528;  // Hz
  double seconds = 0.8;
  double attack_seconds = 0.03;
  double level = 1.0;  // of the cue's loudness
};

// A cue's chime: its share of the loudest cue (sound.hpp), and one or two notes.
struct Chime {
  double level = 1.0;
  Note first;
  std::optional<Note> second = std::nullopt;
};

// When in the hold a milestone falls: `percent` of the hold less `before_end`, in holds of at
// least `shortest`.
struct Mark {
  int percent = 100;
  Milliseconds before_end{0};
  Milliseconds shortest{0};
};

struct CueSpec {
  CueKind kind;
  CueGroup group;
  std::string_view name;   // as the sound check shows it
  std::string_view words;  // what the voice says (a step says its own; these are the check's)
  Chime chime;
  int preview = 0;  // its place in the sound check, from 1; 0: not played there
  Mark mark = {};   // milestones only
};

inline constexpr Milliseconds kCueMinute{60000};
// Every milestone rings the same two rising notes; the voice tells them apart.
inline constexpr Chime kMilestoneChime = {0.9, {523, 0.45, 0.03}, Note{784, 0.9, 0.03}};

// Where two milestones fall together, the later row is said.
inline constexpr CueSpec kCueKinds[] = {
    {CueKind::settle, CueGroup::phase, "start", "Settle in", {1.0, {392, 1.4, 0.06}}, 1},
    {CueKind::begin, CueGroup::phase, "hold", "Begin", {1.0, {528, 0.9, 0.04}}, 2},
    {CueKind::inhale, CueGroup::breath, "inhale", "Breathe in", {0.45, {880, 0.08, 0.01}}, 3},
    {CueKind::hold_in,
     CueGroup::breath,
     "hold (breath)",
     "Hold",
     {0.4, {784, 0.05, 0.01}, Note{784, 0.05, 0.01, 0.8}},
     4},
    {CueKind::exhale, CueGroup::breath, "exhale", "Breathe out", {0.45, {660, 0.08, 0.01}}, 5},
    {CueKind::hold_out,
     CueGroup::breath,
     "hold (breath out)",
     "Hold",
     {0.4, {587, 0.05, 0.01}, Note{587, 0.05, 0.01, 0.8}}},
    {CueKind::interval, CueGroup::interval, "interval bell", "", {0.75, {698, 1.6, 0.05}}, 6},
    {CueKind::halfway,
     CueGroup::milestone,
     "halfway",
     "Halfway",
     kMilestoneChime,
     0,
     {50, Milliseconds(0), 2 * kCueMinute}},
    {CueKind::five_minutes_left,
     CueGroup::milestone,
     "milestone",
     "Five minutes left",
     kMilestoneChime,
     7,
     {100, 5 * kCueMinute, 6 * kCueMinute + Milliseconds(1)}},
    {CueKind::one_minute_left,
     CueGroup::milestone,
     "one minute left",
     "One minute left",
     kMilestoneChime,
     0,
     {100, kCueMinute, 2 * kCueMinute}},
    // Each key its own pitch: down for pause, less and quit; up for resume and more.
    {CueKind::paused, CueGroup::key, "key", "Paused", {0.6, {440, 0.12, 0.01}}, 8},
    {CueKind::resumed, CueGroup::key, "resumed", "Going on", {0.6, {660, 0.12, 0.01}}},
    {CueKind::more, CueGroup::key, "one minute more", "One minute more", {0.6, {784, 0.12, 0.01}}},
    {CueKind::less, CueGroup::key, "one minute less", "One minute less", {0.6, {523, 0.12, 0.01}}},
    {CueKind::quit, CueGroup::key, "ending", "Ending now", {0.6, {330, 0.12, 0.01}}},
    {CueKind::step,
     CueGroup::step,
     "step of the way out",
     "Bend your knees",
     {0.75, {587, 0.8, 0.04}},
     9},
    {CueKind::end,
     CueGroup::phase,
     "end",
     "Time to come out slowly",
     {1.0, {660, 0.6, 0.04}, Note{440, 1.2, 0.04}},
     10},
    {CueKind::done,
     CueGroup::phase,
     "done",
     "All done",
     {0.9, {440, 0.6, 0.04}, Note{330, 1.2, 0.04}}},
};

// A row for every kind, in the order of the enum: a kind without a row does not compile.
constexpr bool cue_kinds_in_order() {
  std::size_t index = 0;
  for (const auto& spec : kCueKinds) {
    if (static_cast<std::size_t>(spec.kind) != index++) return false;
  }
  return index == static_cast<std::size_t>(CueKind::done) + 1;
}
static_assert(cue_kinds_in_order(), "kCueKinds has one row for each CueKind, in its order");

constexpr const CueSpec& cue_spec(CueKind kind) {
  return kCueKinds[static_cast<std::size_t>(kind)];
}

enum class KeyAction { pause, resume, more, less, quit };

struct Cue {
  CueKind kind = CueKind::begin;
  std::string words;  // what the voice says
  bool operator==(const Cue&) const = default;
};

// The cue of a kind, with the table's words.
Cue cue_of(CueKind kind);

struct CueOptions {
  bool breath_cues = false;
  std::optional<Milliseconds> interval;
  bool announce = false;
  std::vector<std::string> come_out_steps;  // the words of each step of the way out

  bool operator==(const CueOptions&) const = default;
};

// Whether a kind of cue may sound in a session with these options (`keys`: keys are read).
bool may_sound(const CueSpec& spec, const CueOptions& options, bool keys);

// A cue and how long ago it fell due: the loop may wake a little late, the cue keeps its beat.
struct DueCue {
  Cue cue;
  Milliseconds late{0};
};

// The cue that starts a session: the settle-in's, or the hold's when there is none.
Cue first_cue(const SessionView& view);

// The cues for what changed from one view of the session to the next. Of the breath phases only
// the latest sounds, so that a stall does not play a burst of old cues.
std::vector<DueCue> cues_between(const SessionView& before, const SessionView& after,
                                 const CueOptions& options);

// How much of the hold there is when the next interval bell or milestone is due (none: no more).
std::optional<Milliseconds> next_mark(const SessionView& view, const CueOptions& options);

Cue key_cue(KeyAction action);

// The cues the sound check plays, in its order, each with the name shown.
std::vector<std::pair<std::string, Cue>> sound_check_cues();

}  // namespace legsup
