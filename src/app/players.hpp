// Finding the programs that play sounds, speak and notify, and running them: with fork and exec
// and an argument vector, never through a shell; each in a process group of its own, so that a
// key pressed on the terminal (Ctrl-C, Ctrl-Z) reaches legsup alone, which decides their fate.
// Every wait on one is bounded and goes through Waits, so that a signal is never kept waiting;
// every path out ends the child's whole process group; what is read from one is bounded.
#pragma once

#include <poll.h>
#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "legsup/session/session_loop.hpp"

namespace legsup {

// The full path of the first of `programs` found in the folders of `path_variable`: legsup's
// order of preference first, the order of the folders second.
std::optional<std::string> find_program(const std::vector<std::string>& programs,
                                        std::string_view path_variable);

// What every wait on a child goes through: its descriptors, a deadline on a steady clock, and the
// signals (SystemEvents, through its signal pipe).
class Waits {
 public:
  virtual ~Waits() = default;
  virtual SteadyTime now() = 0;
  // Returns when one of `fds` is ready, a child changed state, the deadline came, or a signal
  // that ends the process arrived: then its number, and from then on at once, every time (the
  // caller is on its way out).
  virtual std::optional<int> wait_for(std::span<pollfd> fds, SteadyTime deadline) = 0;
};

// A running program and the ends of its pipes that legsup holds (-1 where there is none).
// Its standard error always comes back through a pipe, so that what it says when it fails can
// be told.
struct Child {
  pid_t pid = -1;   // also its process group
  int input = -1;   // its standard input, when asked for
  int output = -1;  // its standard output, when asked for
  int errors = -1;  // its standard error
};

// Starts a program; the other streams are /dev/null. `environment` adds to (or replaces in) the
// process's own: "NAME=value" each. All of legsup's ends are non-blocking and close on exec. None
// when it could not be started (a fork that failed).
std::optional<Child> spawn(const std::vector<std::string>& arguments, bool with_input,
                           bool with_output, const std::vector<std::string>& environment = {});

// What a program run to its end printed, and how it ended.
struct Finished {
  bool started = true;
  int status = 0;         // as waitpid gives it
  std::string output;     // its standard output, at most the limit
  bool too_much = false;  // it wrote more than the limit: it was ended there
  std::string said;       // the end of its standard error (ErrorTail)
};

struct RunTogether {
  std::vector<Finished> finished;  // one a command, in their order
  std::optional<int> signal;       // a signal that ended the wait: every program was ended
};

// Runs short programs side by side and collects what each prints, at most `output_limit` bytes
// each, for at most `patience` in all: those still running then are ended.
RunTogether run_together(const std::vector<std::vector<std::string>>& commands,
                         std::chrono::milliseconds patience, std::size_t output_limit, Waits& waits,
                         const std::vector<std::string>& environment = {});

// Starts a program and forgets it (a notification): it cannot become a zombie.
void spawn_detached(const std::vector<std::string>& arguments,
                    const std::vector<std::string>& environment = {});

// The status of a child that ended, or none while it runs. Whatever its process group still holds
// (a shell's own children) is ended with it.
std::optional<int> reap(pid_t pid);

// Waits for a child to end until `deadline`; then asks its process group to stop (SIGTERM), and
// half a second later makes it (SIGKILL); `asked`: it was asked already, and is made to stop at
// the deadline. A signal meanwhile ends the group at once. Returns the child's status, and the
// signal if one came.
struct Ended {
  int status = 0;
  std::optional<int> signal;
  bool ended_here = false;  // it had not ended by the deadline: legsup ended it
};
Ended end_child(pid_t pid, SteadyTime deadline, Waits& waits, bool asked = false);

// Ends a child's process group now (SIGKILL) and reaps the child: for the ways out that cannot
// wait.
int kill_child(pid_t pid);

// "exit 1", "killed by signal 9".
std::string describe_status(int status);

// What a child says on its standard error: its last few KiB, however much it writes.
class ErrorTail {
 public:
  // Reads what is there now (non-blocking); true when there will be no more (the writer closed
  // it).
  bool read_from(int fd);
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

}  // namespace legsup
