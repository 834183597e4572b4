// Finding the programs that play sounds, speak and notify, and running them: with fork and exec
// and an argument vector, never through a shell; each in a process group of its own, so that a
// key pressed on the terminal (Ctrl-C, Ctrl-Z) reaches legsup alone, which decides their fate.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace legsup {

// The full path of the first of `programs` found in the folders of `path_variable`.
std::optional<std::string> find_program(const std::vector<std::string>& programs,
                                        std::string_view path_variable);

// A running program and the ends of its pipes that legsup holds (-1 where there is none).
// Its standard error always comes back through a pipe, so that what it says when it fails can
// be told.
struct Child {
  pid_t pid = -1;
  int input = -1;   // its standard input, when asked for
  int output = -1;  // its standard output, when asked for
  int errors = -1;  // its standard error
};

// Starts a program; the other streams are /dev/null. All of legsup's ends are non-blocking and
// close on exec. None when it could not be started (a fork that failed).
std::optional<Child> spawn(const std::vector<std::string>& arguments, bool with_input,
                           bool with_output);

// What a program run to its end printed, and how it ended.
struct Finished {
  bool started = true;
  int status = 0;      // as waitpid gives it
  std::string output;  // its standard output
  std::string said;    // its standard error
};

// Runs short programs side by side and collects what each prints, for at most `patience` in
// all: those still running then are ended. One result a command, in their order.
std::vector<Finished> run_together(const std::vector<std::vector<std::string>>& commands,
                                   std::chrono::milliseconds patience);

// Starts a program and forgets it (a notification): it cannot become a zombie.
void spawn_detached(const std::vector<std::string>& arguments);

// The status of a child that ended, or none while it runs.
std::optional<int> reap(pid_t pid);

// Waits for a child to end, at most `patience`; then asks it to stop (SIGTERM) and at last
// makes it (SIGKILL). Returns its status.
int wait_or_end(pid_t pid, std::chrono::milliseconds patience);

// "exit 1", "killed by signal 9".
std::string describe_status(int status);

// What a child said on its standard error, read so far (non-blocking), appended to `said`.
void read_errors(int fd, std::string& said);

// The last non-empty line of what a program said: the one worth quoting.
std::string last_line(const std::string& said);

}  // namespace legsup
