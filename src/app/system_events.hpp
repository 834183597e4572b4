// The real clock, keys, signals and terminal behind a session: an absolute-deadline timer on the
// boot clock, a self-pipe for signals, raw mode on the terminal for single keys, and the promise
// that the terminal comes back as it was found, however the program ends.
#pragma once

#include <termios.h>

#include <optional>

#include "legsup/session_loop.hpp"
#include "legsup/session_screen.hpp"

namespace legsup {

class SystemEvents : public EventSource {
 public:
  // With read_keys, standard input (a terminal) is put in raw mode: keys arrive one by one
  // without echo; Ctrl-C and Ctrl-Z still send their signals.
  explicit SystemEvents(bool read_keys);
  ~SystemEvents() override;
  SystemEvents(const SystemEvents&) = delete;
  SystemEvents& operator=(const SystemEvents&) = delete;

  SteadyTime now() override;
  Event wait(std::optional<SteadyTime> deadline) override;
  void stop_process() override;

 private:
  void enter_raw_mode();
  void leave_raw_mode();

  bool read_keys_;
  int timer_fd_ = -1;
  std::optional<termios> saved_mode_;
};

// Standard output as a text sink for the terminal screen.
class StdoutSink : public TextSink {
 public:
  void write(std::string_view text) override;
  int width() override;
};

// Makes a crash (SIGSEGV, SIGABRT, ...) show the cursor and give back the terminal's mode
// before the program dies. Safe to call more than once.
void restore_terminal_on_crash();

}  // namespace legsup
