// The commands, one file each. A command registers its options on the CLI11 app and returns the
// function that runs it once parsing is done; that function returns the exit status.
#pragma once

#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "legsup/config.hpp"
#include "legsup/content.hpp"
#include "legsup/document.hpp"
#include "legsup/local_time.hpp"
#include "legsup/log.hpp"
#include "legsup/output.hpp"
#include "legsup/paths.hpp"

namespace CLI {
class App;
}

namespace legsup {

// Options that every command accepts, before or after its name.
struct GlobalOptions {
  std::optional<std::string> content_path;
  std::optional<std::string> log_path;
  bool no_color = false;
};

// What a command may need, each part made on first use.
class Context {
 public:
  Context(const GlobalOptions& globals, Environment env);

  const Environment& env() const { return env_; }
  const GlobalOptions& globals() const { return globals_; }
  // The config file ($XDG_CONFIG_HOME/legsup/config.json), read on first use; empty when there
  // is none. Throws a runtime Error when it is invalid.
  const Config& config();
  // Loads and validates the content on first use; throws a runtime Error when it is invalid.
  const Content& content();
  // The session log chosen by --log, LEGSUP_LOG or the XDG default.
  SessionLog log();
  // The time now on the machine's clock, with its local offset.
  LocalTime now() const;
  const TimeZone& zone() const { return zone_; }
  // Standard output's mode (terminal, colour, width).
  const OutputMode& output();
  Style style() { return Style(output().color); }

 private:
  const GlobalOptions& globals_;
  Environment env_;
  std::optional<Content> content_;
  std::optional<Config> config_;
  std::optional<OutputMode> output_;
  SystemTimeZone zone_;
};

// --before/--after: ratings checked against the content's scales (a usage error otherwise).
Ratings ratings_option(const std::optional<std::string>& text, const Content& content,
                       std::string_view option);

// Prints "legsup: warning: ..." on standard error, with any control characters escaped.
void print_warning(const std::string& message);

using CommandRun = std::function<int(Context&)>;

// A subcommand as registered: its CLI11 node and what runs when it is chosen.
struct Command {
  CLI::App* cli;
  CommandRun run;
};

Command add_guide_command(CLI::App& app);
Command add_cautions_command(CLI::App& app);
Command add_log_command(CLI::App& app);
Command add_stats_command(CLI::App& app);
Command add_start_command(CLI::App& app);
Command add_config_command(CLI::App& app);
Command add_completion_command(CLI::App& app);
Command add_complete_command(CLI::App& app);

// Shared by commands: print a document, or JSON, to standard output.
void print_document(Context& context, const Document& document);
void print_json(const nlohmann::json& value);

}  // namespace legsup
