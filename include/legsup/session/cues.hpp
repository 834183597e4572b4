// What a session sounds, and when: a cue for every change a person lying with the eyes closed
// needs to hear (the settle-in, the hold, each breath phase, interval bells, milestones, a key
// that took effect, each step of the way out, the end), as pure functions of the session's
// views. How a cue sounds (a chime, a word, the bell) is the player's business.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "legsup/session/session.hpp"

namespace legsup {

enum class CueKind {
  settle,  // the settle-in begins
  begin,   // the hold begins (and with it the first inhale)
  inhale,  // breath phases, with --breath-cues
  hold_in,
  exhale,
  hold_out,
  interval,   // a soft bell every --interval of the hold
  milestone,  // --announce: halfway, five and one minute left
  key,        // a key took effect: pause, resume, +, -, q
  step,       // a step of the way out
  end,        // the hold is over
  done,       // the guided way out is over too
};

enum class KeyAction { pause, resume, more, less, quit };

struct Cue {
  CueKind kind = CueKind::begin;
  std::string words;  // what the voice says
  int tone = 0;       // keys: which one (a KeyAction), so each sounds its own
  bool operator==(const Cue&) const = default;
};

struct CueOptions {
  bool breath_cues = false;
  std::optional<Milliseconds> interval;
  bool announce = false;
  std::vector<std::string> come_out_steps;  // the words of each step of the way out

  bool operator==(const CueOptions&) const = default;
};

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

// One cue of each kind, in the order a sound check plays them, each with the name shown.
std::vector<std::pair<std::string, Cue>> sound_check_cues();

}  // namespace legsup
