// legsup start [--minutes N | --duration SPEC] [--settle SPEC] [--breath PATTERN] ...
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "console.hpp"
#include "cue_players.hpp"
#include "legsup/duration.hpp"
#include "legsup/guide.hpp"
#include "legsup/session_screen.hpp"
#include "legsup/text.hpp"
#include "system_events.hpp"

namespace legsup {
namespace {

constexpr int kExitEndedEarly = 3;
constexpr Milliseconds kLongestSettle{10 * 60 * 1000};

struct StartOptions {
  std::optional<std::string> minutes;
  std::optional<std::string> duration;
  std::optional<std::string> settle;
  std::optional<std::string> breath;
  std::optional<std::string> variant;
  std::optional<std::string> note;
  bool rate = false;
  std::optional<std::string> before;
  std::optional<std::string> after;
  std::optional<std::string> sound;
  std::optional<bool> breath_cues;
  std::optional<bool> notify;
  bool no_log = false;
  bool quiet = false;
  bool plain = false;
};

// A setting from the command line, else from the config file (whose errors name the file).
template <class T>
struct Chosen {
  std::optional<T> value;
  const Config* from_config = nullptr;
  const char* key = "";

  // Parses the value; an error is a usage error on the command line, a runtime error in the file.
  template <class Parse>
  auto parse(Parse parse_value) const {
    auto parsed = parse_value(*value);
    if (!parsed && from_config) {
      throw runtime_error(fmt::format("{}: \"{}\": {}", *from_config->path, key, parsed.error()));
    }
    if (!parsed) throw usage_error(fmt::format("--{}: {}", key, parsed.error()));
    return std::move(parsed).value();
  }
};

template <class T>
Chosen<T> choose(const std::optional<T>& option, const std::optional<T>& configured,
                 const Config& config, const char* key) {
  if (option) return {option, nullptr, key};
  if (configured) return {configured, &config, key};
  return {std::nullopt, nullptr, key};
}

// Everything the session needs, checked before it starts.
struct StartPlan {
  SessionPlan session;
  const Variation* variant = nullptr;
  SoundKind sound = SoundKind::bell;
  std::optional<std::string> player;
  std::optional<std::string> notifier;  // notify-send, when --notify found it
  Ratings before;
  Ratings after;
  std::optional<SessionLog> log;
};

StartPlan make_plan(const StartOptions& options, Context& context) {
  const Content& content = context.content();
  const Config& config = context.config();
  StartPlan plan;

  std::optional<Milliseconds> hold;
  if (options.minutes || options.duration) {
    hold = hold_from_options(options.minutes, options.duration).take(ErrorKind::usage);
  } else if (config.minutes || config.duration) {
    hold = hold_from_options(config.minutes, config.duration).take(ErrorKind::runtime);
  }
  plan.session.hold = hold.value_or(
      Milliseconds(static_cast<long long>(std::llround(content.hold.default_minutes * 60000.0))));

  auto settle = choose(options.settle, config.settle, config, "settle");
  plan.session.settle = Milliseconds(30000);
  if (settle.value) {
    plan.session.settle = settle.parse([](const std::string& text) {
      auto parsed = parse_duration(text);
      if (parsed && *parsed > kLongestSettle) {
        return Parsed<Milliseconds>::failure(
            fmt::format("{} is out of range: from 0 (none) to 10m", text));
      }
      return parsed;
    });
  }
  auto breath = choose(options.breath, config.breath, config, "breath");
  if (!breath.value) breath.value = content.default_breath;
  plan.session.breath = breath.parse(
      [&](const std::string& text) { return parse_breath_choice(text, content.breath_patterns); });

  auto variant = choose(options.variant, config.variant, config, "variant");
  if (variant.value) {
    plan.variant =
        variant.parse([&](const std::string& id) { return lookup_variation(content, id); });
  }
  if (options.note && !is_valid_utf8(*options.note)) {
    throw usage_error("--note is not valid UTF-8 text");
  }
  plan.before = ratings_option(options.before, content, "--before");
  plan.after = ratings_option(options.after, content, "--after");

  auto sound = choose(options.sound, config.sound, config, "sound");
  if (!sound.value) sound.value = "bell";
  plan.sound = sound.parse(parse_sound_kind);
  std::string path_variable = context.env().get("PATH").value_or("");
  plan.player = require_player(plan.sound, path_variable);

  if (options.notify.value_or(config.notify.value_or(false))) {
    plan.notifier = find_program({"notify-send"}, path_variable);
    if (!plan.notifier) {
      print_warning(
          "--notify: notify-send is not on PATH (install libnotify-bin); no notification");
    }
  }
  if (!options.no_log) {
    plan.log = context.log();
    // Fail now, not after ten minutes in the pose.
    plan.log->ensure_writable();
  }
  return plan;
}

// Asks each rating scale on the terminal; Enter skips one. Scales already given are not asked.
void ask_ratings(const Content& content, std::string_view when, Ratings& ratings) {
  for (const auto& scale : content.ratings) {
    if (ratings.count(scale.id)) continue;
    for (int attempt = 0; attempt < 3; ++attempt) {
      write_stdout(
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
      write_stdout("  a whole number from 0 to 10, please\n");
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

int run_start(const StartOptions& options, Context& context) {
  StartPlan plan = make_plan(options, context);
  const Content& content = context.content();
  bool stdin_terminal = ::isatty(STDIN_FILENO) == 1;
  const OutputMode& output = context.output();

  if (options.rate && !(stdin_terminal && output.terminal)) {
    print_warning("--rate needs a terminal to ask on; not asking");
  }
  bool asking = options.rate && stdin_terminal && output.terminal;
  if (asking) ask_ratings(content, "before", plan.before);

  // A closed pipe on standard output must not end a session before it is logged.
  std::signal(SIGPIPE, SIG_IGN);
  std::signal(SIGCHLD, SIG_IGN);  // sound players are never waited for

  std::unique_ptr<SessionScreen> screen;
  StdoutSink sink;
  if (options.quiet) {
    screen = std::make_unique<QuietScreen>();
  } else if (output.terminal && !options.plain) {
    screen = std::make_unique<TerminalScreen>(sink, context.style(), stdin_terminal);
  } else {
    screen =
        std::make_unique<PlainScreen>([](const std::string& line) { write_stdout(line + "\n"); });
  }
  if (!options.quiet) print_document(context, intro_document(plan, content));

  auto cues = make_cue_player(plan.sound, plan.player);
  LoopOptions loop_options{
      stdin_terminal, options.breath_cues.value_or(context.config().breath_cues.value_or(false))};
  Record record;
  record.start = context.now();
  SessionOutcome outcome;
  {
    SystemEvents events(stdin_terminal);
    Session session(plan.session, events.now());
    outcome = run_session(session, events, *screen, *cues, loop_options);
  }  // the terminal is back in its own mode here
  record.end = context.now();

  if (!options.quiet) print_document(context, come_out_document(content));
  if (asking && outcome.ending != Ending::signal) ask_ratings(content, "after", plan.after);

  record.origin = Origin::timer;
  record.ending = outcome.ending;
  record.signal = outcome.signal;
  record.planned_seconds = std::chrono::duration<double>(outcome.planned).count();
  record.held_seconds = std::chrono::duration<double>(outcome.held).count();
  record.settle_seconds = std::chrono::duration<double>(outcome.settled).count();
  if (plan.variant) record.variant = plan.variant->id;
  if (plan.session.breath) record.breath = plan.session.breath->id;
  record.note = options.note.value_or("");
  record.before = plan.before;
  record.after = plan.after;

  std::string ending_text = outcome.ending == Ending::completed     ? "completed"
                            : outcome.ending == Ending::ended_early ? "ended early"
                                                                    : "stopped by a signal";
  if (plan.notifier) {
    spawn_detached({*plan.notifier, "--app-name=legsup", "--",
                    fmt::format("{}: session {}", content.pose.name, ending_text),
                    fmt::format("Held {}.", format_clock(outcome.held))});
  }
  int status = outcome.ending == Ending::completed     ? kExitOk
               : outcome.ending == Ending::ended_early ? kExitEndedEarly
                                                       : 128 + outcome.signal.value_or(0);
  std::string held = format_clock(outcome.held);
  if (plan.log) {
    try {
      plan.log->append(record);
    } catch (const Error& error) {
      // The session is over either way: say where it could not go, and give it to the person.
      write_stderr(fmt::format("legsup: {}; the session was not logged. Its record:\n{}\n",
                               escape_controls(error.what()), format_record_line(record)));
      return kExitFailure;
    }
  }
  if (!options.quiet) {
    write_stdout(fmt::format("Held {} ({}).{}\n", held, ending_text,
                             plan.log
                                 ? fmt::format(" Logged to {}.", escape_controls(plan.log->path()))
                                 : std::string()));
  }
  return status;
}

}  // namespace

Command add_start_command(CLI::App& app) {
  auto options = std::make_shared<StartOptions>();
  CLI::App* command = app.add_subcommand("start", "Time a session: settle in, hold, come out");
  auto* minutes = command
                      ->add_option("--minutes", options->minutes,
                                   "How long to hold, in minutes (decimals allowed; default "
                                   "from the content: 10)")
                      ->type_name("N");
  auto* duration = command
                       ->add_option("--duration", options->duration,
                                    "How long to hold, such as 90s, 10m, 1m30s or 1h")
                       ->type_name("SPEC");
  minutes->excludes(duration);
  command
      ->add_option("--settle", options->settle,
                   "Time to get into position first (default 30s; 0 skips it)")
      ->type_name("SPEC");
  command
      ->add_option("--breath", options->breath,
                   "Paced breathing: a pattern id, seconds IN-HOLD-OUT[-HOLD] such as 4-0-6, "
                   "or none (default from the content)")
      ->type_name("PATTERN");
  command
      ->add_option("--variant", options->variant,
                   "The variation: its setup is shown while settling in, and recorded")
      ->type_name("ID");
  command->add_option("--note", options->note, "A note to keep with the session")
      ->type_name("TEXT");
  command->add_flag("--rate", options->rate,
                    "Ask each rating scale before and after the session (on a terminal)");
  command->add_option("--before", options->before, "How you feel before, such as stress=6,legs=4")
      ->type_name("RATINGS");
  command->add_option("--after", options->after, "How you feel after, such as stress=3,legs=2")
      ->type_name("RATINGS");
  command->add_option("--sound", options->sound, "Cues: none, bell, chime or voice (default bell)")
      ->type_name("KIND");
  command->add_flag("--breath-cues,!--no-breath-cues", options->breath_cues,
                    "Also sound each inhale and exhale (a soft tick), or not");
  command->add_flag("--notify,!--no-notify", options->notify,
                    "Send a desktop notification when the session ends (notify-send), or not");
  command->add_flag("--no-log", options->no_log, "Do not record the session");
  command->add_flag("--quiet", options->quiet, "Show nothing; the sounds still play");
  command->add_flag("--plain", options->plain, "Plain lines, even on a terminal");
  command->footer(
      "Keys: space or p pause and resume, q ends early, + and - add or remove a minute.\n"
      "Exit status: 0 completed, 3 ended early, 128+N stopped by signal N.\n"
      "Examples:\n  legsup start --minutes 10\n"
      "  legsup start --duration 15m --variant bed --sound chime --breath 4-7-8");
  return {command, [options](Context& context) { return run_start(*options, context); }};
}

}  // namespace legsup
