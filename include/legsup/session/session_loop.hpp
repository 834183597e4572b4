// The session loop: asks the session when what is shown or heard next changes, waits for that
// moment (or a key, or a signal), and passes the new state to a screen and a cue player. The
// clock, the events, the screen and the sounds are interfaces, so a whole session runs in tests
// on a fake clock in microseconds.
#pragma once

#include <optional>
#include <string>

#include "legsup/session/cues.hpp"
#include "legsup/session/ending.hpp"
#include "legsup/session/session.hpp"

namespace legsup {

struct Event {
  enum class Kind {
    deadline,  // the time waited for came
    key,       // a key was pressed
    signal,    // a signal that ends the session (SIGINT, SIGTERM, SIGQUIT...), or SIGTSTP
    resize,    // the terminal changed size, or the process was continued
    child,     // a child process (a sound player) changed state
  };
  Kind kind = Kind::deadline;
  char key = 0;
  int signal = 0;
};

// A steady clock and what happens while waiting on it.
class EventSource {
 public:
  virtual ~EventSource() = default;
  virtual SteadyTime now() = 0;
  // A clock beside now() that stops while the machine sleeps (now() goes on): the gap between
  // them says how long it slept. The same as now() where the machine cannot sleep.
  virtual SteadyTime awake_now() { return now(); }
  // Returns at the deadline (none: wait for an event only) or at the first event, whichever
  // comes first. Each key pressed is an event of its own, however fast they came.
  virtual Event wait(std::optional<SteadyTime> deadline) = 0;
  // Stops the process (job control) and returns once it continues.
  virtual void stop_process() = 0;
};

// How a session ended, as the screen shows it at the end.
struct SessionOutcome {
  Ending ending = Ending::completed;
  std::optional<int> signal;
  Milliseconds planned{0};   // the hold asked for, with any +/- minutes
  Milliseconds held{0};      // time in the hold, pauses excluded
  Milliseconds settled{0};   // time spent settling in
  Milliseconds came_out{0};  // time in the guided way out
  Milliseconds slept{0};     // time the machine slept meanwhile (the session counted on)
};

class SessionScreen {
 public:
  virtual ~SessionScreen() = default;
  // Called whenever the state may have changed; the screen decides what is worth drawing.
  virtual void show(const SessionView& view) = 0;
  // A key was pressed (a dark screen lights up for a moment).
  virtual void key_pressed(SteadyTime) {}
  // When the screen itself wants to draw again (a lit dark screen going dark), if ever.
  virtual std::optional<SteadyTime> next_wake() const { return std::nullopt; }
  // Something the person should know now, such as a sound player that failed: said once.
  virtual void notice(const std::string& text) = 0;
  // The terminal was resized: lay out again.
  virtual void resize() {}
  // The process is about to stop (Ctrl-Z): give the terminal back. resume() takes it again.
  virtual void suspend() {}
  virtual void resume() {}
  // The session is over: show how it ended, and leave the terminal as it was found.
  virtual void finish(const SessionView& last, const SessionOutcome& outcome) = 0;
  // What the screen follows, so the loop wakes only when that changes.
  virtual Watch watch() const = 0;
};

class CuePlayer {
 public:
  virtual ~CuePlayer() = default;
  // Plays the cue as due at `at` on the session's clock (in the past when the loop woke late; in
  // the future for what is still to say when the session ends).
  virtual void play(const Cue& cue, SteadyTime at) = 0;
  // How long the cue's sound lasts, so that a sound that may move is placed where it is heard
  // alone (mix.hpp).
  virtual Milliseconds length_of(const Cue&) const { return Milliseconds(0); }
  // A player that must be looked after (a sound stream to keep fed, a child to reap) says when.
  virtual std::optional<SteadyTime> next_service() const { return std::nullopt; }
  virtual void service(SteadyTime) {}
  // When the session ends as it stands now (the hold's end, or the way out's when there is one),
  // told before each service: a pause, +/-, q or a signal moves it. A sound under the cues (an
  // ambient) ends with it.
  virtual void session_ends(SteadyTime) {}
  // Cues that fell due while the loop could not run (legsup stopped, or kept from running by a
  // busy machine) and are not played: only the latest breath cue of a stall sounds.
  virtual void passed_unplayed(int) {}
  // Once, when the sound failed and the player fell back to something else: what to tell.
  virtual std::optional<std::string> take_failure() { return std::nullopt; }
};

struct LoopOptions {
  bool keys = true;  // space/p pause, q ends, + and - change the hold by a minute
  CueOptions cues;
};

// Runs the session to its end: completed, ended early with q, or stopped by a signal that ends
// the process. SIGTSTP suspends the screen, stops the process, and counts the stopped time as
// paused. q during the way out ends the way out; the session stays completed. Each cue is played
// where the rules of mix.hpp put it: a beat at its moment, a sound that may move where it is
// heard alone (what is still to say when the session ends, at its moment after the end), a key's
// answer at once; while paused, the reminder every options.cues.pause_reminder. A machine that
// slept is told on the screen, and of the cues that fell while it slept only the one of the
// phase it woke in sounds: no backlog.
SessionOutcome run_session(Session& session, EventSource& events, SessionScreen& screen,
                           CuePlayer& cues, const LoopOptions& options);

}  // namespace legsup
