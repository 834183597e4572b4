// legsup start [PRESET] [--minutes N | --duration SPEC] [--settle SPEC] [--breath PATTERN] ...
#include <fmt/core.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>

#include "commands.hpp"
#include "cue_players.hpp"
#include "legsup/context.hpp"
#include "legsup/duration.hpp"
#include "legsup/session_screen.hpp"
#include "legsup/start_plan.hpp"
#include "legsup/text.hpp"
#include "players.hpp"
#include "system_events.hpp"
#include "terminal.hpp"

namespace legsup {
namespace {

// Asks each rating scale on the terminal; Enter skips one. Scales already given are not asked.
void ask_ratings(Context& context, std::string_view when, Ratings& ratings) {
  for (const auto& scale : context.content().ratings) {
    if (ratings.count(scale.id)) continue;
    for (int attempt = 0; attempt < 3; ++attempt) {
      context.print(
          fmt::format("{} ({}) 0 = {}, 10 = {}; Enter to skip: ", escape_controls(scale.question),
                      when, escape_controls(scale.low), escape_controls(scale.high)));
      char line[64];
      if (!std::fgets(line, sizeof line, stdin)) return;
      std::string answer(line);
      while (!answer.empty() && (answer.back() == '\n' || answer.back() == ' '))
        answer.pop_back();
      if (answer.empty()) break;
      auto parsed = parse_ratings(scale.id + "=" + answer, {scale.id});
      if (parsed) {
        ratings[scale.id] = parsed->at(scale.id);
        break;
      }
      context.print("  a whole number from 0 to 10, please\n");
    }
  }
}

std::string breath_description(const std::optional<BreathPattern>& pattern) {
  if (!pattern) return "no paced breathing";
  return fmt::format("{} ({})", pattern->name, breath_timing(*pattern));
}

Document intro_document(const StartPlan& plan, const Content& content) {
  Document doc;
  doc.title(fmt::format("{}: {} hold, {}", content.pose.name, format_duration(plan.session.hold),
                        breath_description(plan.session.breath)));
  if (plan.session.settle.count() > 0) {
    doc.paragraph(fmt::format("Settle in for {}:", format_duration(plan.session.settle)));
    doc.steps(plan.variant ? plan.variant->steps : content.setup);
  }
  return doc;
}

Document come_out_document(const Content& content) {
  Document doc;
  doc.heading("Coming out");
  doc.steps(content.exit);
  return doc;
}

int run_start(const Arguments& arguments, Context& context) {
  const Settings& settings = context.settings(arguments.value("PRESET"));
  const Content& content = context.content();
  StartRequest request;
  request.record.note = arguments.value("--note");
  request.record.before = arguments.value("--before");
  request.record.after = arguments.value("--after");
  request.rate = arguments.flag("--rate");
  request.no_log = arguments.flag("--no-log");
  request.quiet = arguments.flag("--quiet");
  request.plain = arguments.flag("--plain");
  StartPlan plan = make_start_plan(settings, request, content);

  // What the machine must have, checked now rather than after ten minutes in the pose.
  std::string path_variable = context.env().get("PATH").value_or("");
  std::optional<std::string> player = require_player(plan.sound, path_variable);
  std::optional<std::string> notifier;
  if (plan.notify) {
    notifier = find_program({"notify-send"}, path_variable);
    if (!notifier) {
      context.warn("--notify: notify-send is not on PATH (install libnotify-bin); no notification");
    }
  }
  std::optional<SessionLog> log;
  if (plan.log) {
    log = context.log();
    log->ensure_writable();
  }

  bool stdin_terminal = ::isatty(STDIN_FILENO) == 1;
  const OutputMode& output = context.output();
  if (plan.rate && !(stdin_terminal && output.terminal)) {
    context.warn("--rate needs a terminal to ask on; not asking");
  }
  bool asking = plan.rate && stdin_terminal && output.terminal;
  if (asking) ask_ratings(context, "before", plan.before);

  // A closed pipe on standard output must not end a session before it is logged.
  std::signal(SIGPIPE, SIG_IGN);
  std::signal(SIGCHLD, SIG_IGN);  // sound players are never waited for

  std::unique_ptr<SessionScreen> screen;
  StdoutSink sink;
  if (plan.quiet) {
    screen = std::make_unique<QuietScreen>();
  } else if (output.terminal && !plan.plain) {
    screen = std::make_unique<TerminalScreen>(sink, context.style(), stdin_terminal);
  } else {
    screen = std::make_unique<PlainScreen>(
        [&context](const std::string& line) { context.print(line + "\n"); });
  }
  if (!plan.quiet) context.print_document(intro_document(plan, content));

  auto cues = make_cue_player(plan.sound, player);
  LoopOptions loop_options{stdin_terminal, plan.breath_cues};
  LocalTime started = context.now();
  SessionOutcome outcome;
  {
    SystemEvents events(stdin_terminal);
    Session session(plan.session, events.now());
    outcome = run_session(session, events, *screen, *cues, loop_options);
  }  // the terminal is back in its own mode here
  LocalTime ended = context.now();

  if (!plan.quiet) context.print_document(come_out_document(content));
  if (asking && outcome.ending != Ending::signal) ask_ratings(context, "after", plan.after);

  Record record = session_record(plan, outcome, started, ended, context.new_id());
  std::string ending_text(ending_words(outcome.ending));
  if (notifier) {
    spawn_detached({*notifier, "--app-name=legsup", "--",
                    fmt::format("{}: session {}", content.pose.name, ending_text),
                    fmt::format("Held {}.", format_clock(outcome.held))});
  }
  if (log) {
    try {
      log->append(record);
    } catch (const Error& error) {
      // The session is over either way: say where it could not go, and give it to the person.
      context.console().err(fmt::format("legsup: {}; the session was not logged. Its record:\n{}\n",
                                        escape_controls(error.what()),
                                        escape_controls(format_record_line(record))));
      return kExitFailure;
    }
  }
  if (!plan.quiet) {
    context.print(fmt::format(
        "Held {} ({}).{}\n", format_clock(outcome.held), ending_text,
        log ? fmt::format(" Logged to {}.", escape_controls(log->path())) : std::string()));
  }
  return start_exit_status(outcome);
}

}  // namespace

CommandSpec start_command() {
  std::vector<OptionSpec> options = {
      {"PRESET", "PRESET", "A preset from the config file, such as bedtime", Completion::presets}};
  for (auto& option : setting_options(SettingScope::start))
    options.push_back(std::move(option));
  std::vector<OptionSpec> more = {
      {"--note", "TEXT", "A note to keep with the session (at most 4096 bytes)"},
      {"--rate", "", "Ask each rating scale before and after the session (on a terminal)"},
      {"--before", "RATINGS", "How you feel before, such as stress=6,legs=4"},
      {"--after", "RATINGS", "How you feel after, such as stress=3,legs=2"},
      {"--no-log", "", "Do not record the session"},
      {"--quiet", "", "Show nothing; the sounds still play"},
      {"--plain", "", "Plain lines, even on a terminal"}};
  for (auto& option : more)
    options.push_back(std::move(option));
  return {.name = "start",
          .summary = "Time a session: settle in, hold, come out",
          .usage = "[PRESET] [--minutes N | --duration SPEC] [OPTIONS]",
          .options = std::move(options),
          .footer =
              "Keys: space or p pause and resume, q ends early, + and - add or remove a "
              "minute.\n"
              "Exit status: 0 completed, 3 ended early, 128+N stopped by signal N.\n"
              "Examples:\n  legsup start --minutes 10\n"
              "  legsup start --duration 15m --variant bed --sound chime --breath 4-7-8\n"
              "  legsup start bedtime",
          .run = run_start};
}

}  // namespace legsup
