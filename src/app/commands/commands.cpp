#include "commands.hpp"

namespace legsup {

// Each in its own file.
CommandSpec start_command();
CommandSpec sound_command();
CommandSpec guide_command();
CommandSpec cautions_command();
CommandSpec log_command();
CommandSpec stats_command();
CommandSpec config_command();
CommandSpec help_command();
CommandSpec completion_command();
CommandSpec complete_command();

const CommandSpec& legsup_command_line() {
  static const CommandSpec root = {
      .name = "legsup",
      .summary = "legsup: a pose timer and logger for Legs Up the Wall (Viparita Karani).",
      .usage = "[OPTIONS] COMMAND",
      .subcommands = {start_command(), sound_command(), guide_command(), cautions_command(),
                      log_command(), stats_command(), config_command(), help_command(),
                      completion_command(), complete_command()},
      .footer =
          "Examples:\n"
          "  legsup start --minutes 10   a session: settle in, hold with paced breathing, come "
          "out\n"
          "  legsup guide                how to set up and come out of the pose\n"
          "  legsup cautions             who should avoid or modify it\n"
          "  legsup stats                streaks, a calendar, how you felt\n"
          "Run 'legsup help COMMAND' for a command's options; 'man legsup' for everything.",
      .uses_settings = false};
  return root;
}

}  // namespace legsup
