// The real clock, keys, signals and terminal behind a session: an absolute-deadline timer on the
// boot clock, a self-pipe for signals, raw mode on the terminal for single keys, and the promise
// that the terminal comes back as it was found, however the program ends. Every signal whose
// default action ends the process, and that can be caught, ends the session instead: it is
// logged with 128 + the signal.
#pragma once

#include <termios.h>

#include <deque>
#include <functional>
#include <optional>
#include <string>

#include "legsup/base/files.hpp"
#include "legsup/session/session_loop.hpp"
#include "legsup/session/session_screen.hpp"
#include "players.hpp"

namespace legsup {

// True when keys can be read: standard input and output are both the terminal, and this
// process is in its foreground (a background job that changed terminal modes would be stopped).
bool can_read_keys();

class SystemEvents : public EventSource, public Waits {
 public:
  // Takes the signals: from here on, a signal that would end the process is an event. With
  // `catch_stops` (a terminal to give back before stopping), Ctrl-Z is an event too, and the
  // time stopped counts as paused; without, the kernel stops and continues the process.
  explicit SystemEvents(bool catch_stops);
  ~SystemEvents() override;
  SystemEvents(const SystemEvents&) = delete;
  SystemEvents& operator=(const SystemEvents&) = delete;

  // Puts the terminal in raw mode: keys arrive one by one, without echo; Ctrl-C and Ctrl-Z
  // still send their signals. Only call it when can_read_keys().
  void start_keys();
  // Gives the terminal its own mode back.
  void stop_keys();

  SteadyTime now() override;
  SteadyTime awake_now() override;
  Event wait(std::optional<SteadyTime> deadline) override;
  void stop_process() override;
  // The waits on players and synthesisers outside the session loop, through the same signal
  // pipe: a stop stops the process here, a resize is kept for the loop, a signal that ends the
  // process is returned (and kept: every later wait returns it at once).
  std::optional<int> wait_for(std::span<pollfd> fds, SteadyTime deadline) override;

  // A line typed at a prompt, in the terminal's own line mode. A signal that ends the session
  // interrupts it: then `signal` says which. End of input: neither. A stop (Ctrl-Z) stops the
  // process; once continued (fg), `ask_again` shows the prompt again, as a shell shows its own
  // (the shell's job line has covered it, and the terminal dropped what was typed).
  struct Answer {
    std::optional<std::string> line;
    std::optional<int> signal;
  };
  Answer read_line(const std::function<void()>& ask_again);

 private:
  void enter_raw_mode();
  void leave_raw_mode();
  std::optional<Event> next_signal();
  void arm_timer(std::optional<SteadyTime> deadline);

  std::optional<termios> found_mode_;  // the terminal's mode when legsup first took it
  bool catch_stops_ = false;
  bool keys_ = false;
  FileDescriptor timer_fd_;
  std::optional<termios> saved_mode_;
  std::deque<char> keys_waiting_;
  bool resize_waiting_ = false;       // seen by wait_for, for the loop
  std::optional<int> ending_signal_;  // seen by wait_for
};

// Standard output as a text sink for the session screens.
class StdoutSink : public TextSink {
 public:
  void write(std::string_view text) override;
  int width() override;
  int rows() override;
};

}  // namespace legsup
