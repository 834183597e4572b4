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

#include "legsup/session/mix.hpp"
#include "legsup/session/session.hpp"

namespace legsup {

// One enumerator a row of kCueKinds, in the table's order: the order a session first plays them
// in, which is the sound check's.
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
  paused,        // a key took effect
  still_paused,  // while paused, every --pause-reminder
  resumed,
  more,
  less,
  floor,    // - where the hold cannot be shorter: a minute more than was held
  ceiling,  // + where the hold cannot be longer: three hours
  quit,
  end,   // the hold is over
  step,  // a step of the way out
  done,  // the guided way out is over too; stays last (the table's length is done + 1)
};

// When a kind of cue may sound at all.
enum class CueGroup {
  phase,      // always: the session's own changes
  breath,     // with --breath-cues
  interval,   // with --interval
  milestone,  // with --announce
  key,        // on a terminal that reads keys
  reminder,   // on a terminal that reads keys, with --pause-reminder
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
  Give give;               // on the beat, fitted between the beats, or at once (mix.hpp)
  std::string_view name;   // as the sound check shows it
  std::string_view words;  // what the voice says (a step says its own; these are the check's)
  Chime chime;
  Mark mark = {};  // milestones only
};

inline constexpr Milliseconds kCueMinute{60000};

// Each meaning its own sound. The breath: short ticks, high for in and low for out, doubled for
// a hold. Milestones: two rising notes, starting lower the more is left. Keys: two short notes,
// falling for pause, less and quit (an octave), rising for resume and more, one note twice where
// the key can do no more.
inline constexpr CueSpec kCueKinds[] = {
    {CueKind::settle, CueGroup::phase, Give::beat, "start", "Settle in", {1.0, {392, 1.4, 0.06}}},
    {CueKind::begin, CueGroup::phase, Give::beat, "hold", "Begin", {1.0, {528, 0.9, 0.04}}},
    {CueKind::inhale,
     CueGroup::breath,
     Give::beat,
     "inhale",
     "Breathe in",
     {0.45, {880, 0.08, 0.01}}},
    {CueKind::hold_in,
     CueGroup::breath,
     Give::beat,
     "hold (breath in)",
     "Hold",
     {0.4, {784, 0.05, 0.01}, Note{784, 0.05, 0.01, 0.8}}},
    {CueKind::exhale,
     CueGroup::breath,
     Give::beat,
     "exhale",
     "Breathe out",
     {0.45, {660, 0.08, 0.01}}},
    {CueKind::hold_out,
     CueGroup::breath,
     Give::beat,
     "hold (breath out)",
     "Hold",
     {0.4, {587, 0.05, 0.01}, Note{587, 0.05, 0.01, 0.8}}},
    {CueKind::interval,
     CueGroup::interval,
     Give::fits,
     "interval bell",
     "",
     {0.75, {698, 1.6, 0.05}}},
    {CueKind::halfway,
     CueGroup::milestone,
     Give::fits,
     "halfway",
     "Halfway",
     {0.9, {523, 0.45, 0.03}, Note{784, 0.9, 0.03}},
     {50, Milliseconds(0), 2 * kCueMinute}},
    {CueKind::five_minutes_left,
     CueGroup::milestone,
     Give::fits,
     "five minutes left",
     "Five minutes left",
     {0.9, {440, 0.45, 0.03}, Note{784, 0.9, 0.03}},
     {100, 5 * kCueMinute, 6 * kCueMinute + Milliseconds(1)}},
    {CueKind::one_minute_left,
     CueGroup::milestone,
     Give::fits,
     "one minute left",
     "One minute left",
     {0.9, {659, 0.45, 0.03}, Note{784, 0.9, 0.03}},
     {100, kCueMinute, 2 * kCueMinute}},
    {CueKind::paused,
     CueGroup::key,
     Give::at_once,
     "pause (space)",
     "Paused",
     {0.6, {660, 0.1, 0.01}, Note{440, 0.16, 0.01}}},
    {CueKind::still_paused,
     CueGroup::reminder,
     Give::at_once,
     "still paused (a reminder)",
     "Still paused",
     {0.45, {660, 0.25, 0.03}, Note{440, 0.5, 0.03}}},
    {CueKind::resumed,
     CueGroup::key,
     Give::at_once,
     "resume (space)",
     "Going on",
     {0.6, {440, 0.1, 0.01}, Note{660, 0.16, 0.01}}},
    {CueKind::more,
     CueGroup::key,
     Give::at_once,
     "one minute more (+)",
     "One minute more",
     {0.6, {587, 0.1, 0.01}, Note{880, 0.16, 0.01}}},
    {CueKind::less,
     CueGroup::key,
     Give::at_once,
     "one minute less (-)",
     "One minute less",
     {0.6, {880, 0.1, 0.01}, Note{587, 0.16, 0.01}}},
    {CueKind::floor,
     CueGroup::key,
     Give::at_once,
     "no less (- at a minute more than held)",
     "Not less than a minute",
     {0.6, {330, 0.1, 0.01}, Note{330, 0.16, 0.01}}},
    {CueKind::ceiling,
     CueGroup::key,
     Give::at_once,
     "no more (+ at three hours)",
     "Three hours at most",
     {0.6, {988, 0.1, 0.01}, Note{988, 0.16, 0.01}}},
    {CueKind::quit,
     CueGroup::key,
     Give::at_once,
     "end now (q)",
     "Ending now",
     {0.6, {523, 0.1, 0.01}, Note{262, 0.3, 0.01}}},
    {CueKind::end,
     CueGroup::phase,
     Give::beat,
     "end",
     "Time to come out slowly",
     {1.0, {660, 0.6, 0.04}, Note{440, 1.2, 0.04}}},
    {CueKind::step,
     CueGroup::step,
     Give::fits,
     "step of the way out",
     "Bend your knees",
     {0.75, {587, 0.8, 0.04}}},
    {CueKind::done,
     CueGroup::phase,
     Give::fits,
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
  // The steps said one after another when the hold ends, where no way out is paced (the voice).
  bool steps_at_end = false;
  std::optional<Milliseconds> pause_reminder;  // every so long while paused (none: never)

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

// The breath cues that fell due between two views of the hold and are not sounded (only the
// latest sounds): after a stall, those the person did not hear.
int breath_cues_passed(const SessionView& before, const SessionView& after,
                       const CueOptions& options);

// How much of the hold there is when the next interval bell or milestone is due (none: no more).
std::optional<Milliseconds> next_mark(const SessionView& view, const CueOptions& options);

// The answer to a key: what it did, or, for + and - that met the hold's limit (HoldChange), the
// limit: a + that gave 19 s of its minute says three hours at most, not a minute more.
Cue key_cue(KeyAction action, HoldChange change = HoldChange::whole);

// What the screen says when + or - met the hold's limit: what it changed (`by`, signed) and why
// no more ("+ added 19 s: the hold is at its longest, 3 h").
std::string limit_notice(KeyAction action, Milliseconds by);

// The cues on the beat due from the view `now` on, up to `within` of the session's time later,
// as the session goes if nothing is pressed, each with the session's time it falls at
// (Session::active): the beats that a sound that may move fits between.
std::vector<std::pair<Cue, Milliseconds>> beats_ahead(const Session& session, SteadyTime now,
                                                      const CueOptions& options,
                                                      Milliseconds within);

// The cues the sound check plays, each with the name shown: every sound the session of this plan
// makes as planned (the breath phases its pattern has, the milestones its hold has, each step of
// the way out it sounds), and, where keys are read, the answer to each key; in the table's order.
std::vector<std::pair<std::string, Cue>> sound_check_cues(const SessionPlan& plan,
                                                          const CueOptions& options, bool keys);

}  // namespace legsup
