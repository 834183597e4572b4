// legsup: parses the command line, runs the chosen command, and turns every failure into one
// line on standard error and an exit status.
#include <fmt/core.h>
#include <sys/random.h>
#include <unistd.h>

#include <csignal>
#include <ctime>
#include <new>

#include "cli.hpp"
#include "commands/commands.hpp"
#include "legsup/base/error.hpp"
#include "legsup/base/text.hpp"
#include "legsup/command/context.hpp"
#include "terminal.hpp"

namespace {

using namespace legsup;

class SystemClock : public WallClock {
 public:
  std::int64_t now_seconds() override { return static_cast<std::int64_t>(std::time(nullptr)); }
};

class SystemRandom : public RandomSource {
 public:
  void fill(unsigned char* bytes, std::size_t count) override {
    while (count > 0) {
      ssize_t got = ::getrandom(bytes, count, 0);
      if (got < 0) {
        if (errno == EINTR) continue;
        throw runtime_error("cannot read random bytes for a record id");
      }
      bytes += got;
      count -= static_cast<std::size_t>(got);
    }
  }
};

// One line on standard error. The message may quote what was typed or read: it is escaped, so
// that neither a newline nor an escape sequence from the data reaches the terminal.
int fail(const std::string& message, int code) {
  SystemConsole().err(ShownText{"legsup: "} + ShownText::line(message));
  return code;
}

int run(int argc, char** argv) {
  // A file size limit must turn into a write error that legsup reports, not a silent death; a
  // reader that goes away ends legsup quietly, whatever the caller left of SIGPIPE.
  std::signal(SIGXFSZ, SIG_IGN);
  std::signal(SIGPIPE, SIG_DFL);
  const CommandSpec& root = legsup_command_line();
  Arguments arguments = parse_command_line(root, argc, argv);
  SystemConsole console;
  if (arguments.flag("--version")) {
    console.out(ShownText::line(fmt::format("legsup {}", LEGSUP_VERSION)));
    return kExitOk;
  }
  const CommandSpec* command = find_command(root, arguments.path);
  SystemClock clock;
  SystemTimeZone zone;
  SystemRandom random;
  Context context(arguments, *command, {console, clock, zone, random, Environment::from_process()});
  // A broken config file is an error for commands that read settings, and one line of warning
  // for the others (guide, cautions, help, completion), which go on.
  context.config();
  if (arguments.flag("--help") || !command->run) {
    // The help is legsup's own words.
    console.out(
        ShownText::already_escaped(render_help(root, arguments.path, context.output().width)));
    return kExitOk;
  }
  return command->run(arguments, context);
}

// Output that could not be written is a failure, whatever the command: one line, exit 1 (a
// session's ending, 3 or 128 + N, says more and stays).
int checked_output(int status) {
  SystemConsole::finish_output();
  auto failure = SystemConsole::output_failure();
  if (!failure) return status;
  fail(*failure, kExitFailure);
  return status == kExitOk ? kExitFailure : status;
}

}  // namespace

int main(int argc, char** argv) {
  // Before anything is opened: a closed standard descriptor would be taken by the next file
  // opened, and what legsup writes there would land in it.
  if (!make_standard_descriptors_safe()) return legsup::kExitFailure;
  try {
    return checked_output(run(argc, argv));
  } catch (const legsup::Error& error) {
    legsup::SystemConsole::finish_output();
    return fail(error.what(), error.exit_code());
  } catch (const std::bad_alloc&) {
    legsup::SystemConsole::finish_output();
    return fail("out of memory", legsup::kExitFailure);
  } catch (const std::exception& error) {
    legsup::SystemConsole::finish_output();
    return fail(fmt::format("unexpected failure: {}", error.what()), legsup::kExitFailure);
  }
}
