// legsup: builds the command line, runs the chosen command, and turns every failure into one
// line on standard error and an exit status.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <map>
#include <new>

#include "commands/commands.hpp"
#include "console.hpp"
#include "legsup/error.hpp"
#include "legsup/text.hpp"

namespace {

using namespace legsup;

void add_global_options(CLI::App& app, GlobalOptions& globals) {
  app.add_option("--content", globals.content_path,
                 "Read the pose content from FILE instead of the built-in copy")
      ->type_name("FILE");
  app.add_option("--log", globals.log_path, "Use FILE as the session log")->type_name("FILE");
  app.add_flag("--no-color", globals.no_color, "Never use colour or bold");
}

// One line on standard error. The message may quote what was typed or read: it is escaped, so
// that neither a newline nor an escape sequence from the data reaches the terminal.
int fail(const std::string& message, int code) {
  write_stderr(fmt::format("legsup: {}\n", escape_controls(message)));
  return code;
}

int run(int argc, char** argv) {
  // A file size limit must turn into a write error that legsup reports, not a silent death.
  std::signal(SIGXFSZ, SIG_IGN);
  CLI::App app("legsup: a pose timer and logger for Legs Up the Wall (Viparita Karani).", "legsup");
  app.set_version_flag("--version", std::string("legsup ") + LEGSUP_VERSION,
                       "Print the version and exit");
  // Global options may come before or after the command's name.
  app.fallthrough();
  app.require_subcommand(0, 1);
  app.footer(
      "Examples:\n"
      "  legsup start --minutes 10   a session: settle in, hold with paced breathing, come out\n"
      "  legsup guide                how to set up and come out of the pose\n"
      "  legsup cautions             who should avoid or modify it\n"
      "  legsup stats                streaks, a calendar, how you felt\n"
      "Run 'legsup COMMAND --help' for a command's options; 'man legsup' for everything.");

  GlobalOptions globals;
  add_global_options(app, globals);

  std::map<const CLI::App*, CommandRun> commands;
  auto add = [&](Command (*add_command)(CLI::App&)) {
    Command command = add_command(app);
    commands.emplace(command.cli, std::move(command.run));
  };
  add(add_start_command);
  add(add_guide_command);
  add(add_cautions_command);
  add(add_log_command);
  add(add_stats_command);
  add(add_config_command);
  add(add_completion_command);
  add(add_complete_command);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    write_stdout(app.help());
    return kExitOk;
  } catch (const CLI::CallForAllHelp&) {
    write_stdout(app.help("", CLI::AppFormatMode::All));
    return kExitOk;
  } catch (const CLI::CallForVersion&) {
    write_stdout(app.version() + "\n");
    return kExitOk;
  } catch (const CLI::ParseError& error) {
    return fail(fmt::format("{} (see 'legsup --help')", error.what()), kExitUsage);
  }

  auto chosen = app.get_subcommands();
  if (chosen.empty()) {
    write_stdout(app.help());
    return kExitOk;
  }
  Context context(globals, Environment::from_process());
  return commands.at(chosen.front())(context);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const legsup::Error& error) {
    return fail(error.what(), error.exit_code());
  } catch (const std::bad_alloc&) {
    return fail("out of memory", legsup::kExitFailure);
  } catch (const std::exception& error) {
    return fail(fmt::format("unexpected failure: {}", error.what()), legsup::kExitFailure);
  }
}
