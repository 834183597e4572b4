// The session loop: asks the session when what is shown or heard next changes, waits for that
// moment (or a key, or a signal), and passes the new state to a screen and a cue player. The
// clock, the events, the screen and the sounds are interfaces, so a whole session runs in tests
// on a fake clock in microseconds.
#pragma once

#include <optional>

#include "legsup/ending.hpp"
#include "legsup/session.hpp"

namespace legsup {

enum class Cue { settle, begin, inhale, exhale, end };

struct Event {
  enum class Kind { deadline, key, signal, resize };
  Kind kind = Kind::deadline;
  char key = 0;
  int signal = 0;
};

// A steady clock and what happens while waiting on it.
class EventSource {
 public:
  virtual ~EventSource() = default;
  virtual SteadyTime now() = 0;
  // Returns at the deadline (none: wait for an event only) or at the first key, signal or
  // resize, whichever comes first.
  virtual Event wait(std::optional<SteadyTime> deadline) = 0;
  // Stops the process (job control) and returns once it continues.
  virtual void stop_process() = 0;
};

class SessionScreen {
 public:
  virtual ~SessionScreen() = default;
  // Called whenever the state may have changed; the screen decides what is worth drawing.
  virtual void show(const SessionView& view) = 0;
  // The terminal was resized: lay out again.
  virtual void resize() {}
  // The process is about to stop (Ctrl-Z): give the terminal back. resume() takes it again.
  virtual void suspend() {}
  virtual void resume() {}
  // The session is over: leave the terminal as it was found.
  virtual void finish(const SessionView& last) = 0;
  // What the screen follows, so the loop wakes only when that changes.
  virtual Watch watch() const = 0;
};

class CuePlayer {
 public:
  virtual ~CuePlayer() = default;
  virtual void play(Cue cue) = 0;
};

struct SessionOutcome {
  Ending ending = Ending::completed;
  std::optional<int> signal;
  Milliseconds planned{0};  // the hold asked for, with any +/- minutes
  Milliseconds held{0};     // time in the hold, pauses excluded
  Milliseconds settled{0};  // time spent settling in
};

struct LoopOptions {
  bool keys = true;          // space/p pause, q ends, + and - change the hold by a minute
  bool breath_cues = false;  // sound each inhale and exhale
};

// Runs the session to its end: completed, ended early with q, or stopped by SIGINT, SIGTERM or
// SIGHUP. SIGTSTP suspends the screen, stops the process, and counts the stopped time as paused.
SessionOutcome run_session(Session& session, EventSource& events, SessionScreen& screen,
                           CuePlayer& cues, const LoopOptions& options);

}  // namespace legsup
