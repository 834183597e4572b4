// legsup start [PRESET] [--minutes N | --duration SPEC] [--settle SPEC] [--breath PATTERN] ...
#include <fcntl.h>
#include <fmt/core.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

#include "commands.hpp"
#include "legsup/base/duration.hpp"
#include "legsup/base/files.hpp"
#include "legsup/base/text.hpp"
#include "legsup/command/context.hpp"
#include "legsup/command/start_plan.hpp"
#include "legsup/content/guide.hpp"
#include "legsup/session/session_screen.hpp"
#include "players.hpp"
#include "session_sound.hpp"
#include "system_events.hpp"

namespace legsup {
namespace {

// How the session meets the person: on the terminal, with keys, or as plain lines.
struct Presence {
  bool terminal_screen = false;  // a screen redrawn in place
  bool keys = false;             // single keys read from the terminal
  bool prompts = false;          // questions can be asked and answered
};

Presence presence_of(const StartPlan& plan, const OutputMode& output) {
  Presence presence;
  // Without a terminal for output, or with --plain, standard input is never read and the
  // terminal's modes are never changed.
  bool interactive = output.terminal && !plan.plain && can_read_keys();
  presence.terminal_screen = output.moves_cursor && !plan.plain && !plan.quiet;
  presence.keys = interactive;
  presence.prompts = interactive;
  return presence;
}

// Asks each rating scale on the terminal; Enter skips one. Scales already given are not asked.
// A signal that ends the session stops the questions: it is returned.
std::optional<int> ask_ratings(Context& context, SystemEvents& events, std::string_view when,
                               Ratings& ratings) {
  for (const auto& scale : context.content().ratings) {
    if (ratings.count(scale.id)) continue;
    for (int attempt = 0; attempt < 3; ++attempt) {
      context.print(ShownText::escaped(fmt::format("{} ({}) 0 = {}, 10 = {}; Enter to skip: ",
                                                   scale.question, when, scale.low, scale.high)));
      auto answer = events.read_line();
      if (answer.signal) {
        context.print("\n");
        return answer.signal;
      }
      if (!answer.line) return std::nullopt;  // no more input: no more questions
      std::string text = *answer.line;
      while (!text.empty() && (text.back() == ' ' || text.back() == '\r'))
        text.pop_back();
      if (text.empty()) break;
      auto parsed = parse_ratings(scale.id + "=" + text, {scale.id});
      if (parsed) {
        ratings[scale.id] = parsed->at(scale.id);
        break;
      }
      context.print("  a whole number from 0 to 10, please\n");
    }
  }
  return std::nullopt;
}

std::string breath_description(const std::optional<BreathPattern>& pattern) {
  if (!pattern) return "no paced breathing";
  return fmt::format("{} ({})", pattern->name, breath_timing(*pattern));
}

Document intro_document(const StartPlan& plan, const Content& content, bool with_title) {
  Document doc;
  if (with_title) {
    doc.title(fmt::format("{}: {} hold, {}", content.pose.name, format_duration(plan.session.hold),
                          breath_description(plan.session.breath)));
  }
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

// Whether the mark that the cautions were agreed to is there. Something there that cannot be
// read as a file is an error naming it, not a reason to ask again.
bool cautions_mark_present(const std::string& mark) {
  OpenedFile file = open_regular_file(mark, O_RDONLY);
  if (!file && !file.missing()) {
    throw runtime_error(fmt::format("cannot read {}: {}", mark, file.reason));
  }
  return static_cast<bool>(file);
}

// Keeps the answer, private to the user as the log is; a failure only means asking again.
void keep_cautions_mark(const std::string& folder, const std::string& mark, Context& context) {
  std::vector<std::string> made;
  std::string reason;
  if (auto failure = make_private_folders(folder, made)) {
    reason = fmt::format("{}: {}", failure->folder, failure->reason);
  } else if (OpenedFile file = create_private_file(mark, O_WRONLY); !file) {
    reason = fmt::format("{}: {}", mark, file.reason);
  } else if (int error = write_all(file.fd.get(),
                                   "The cautions were shown and agreed to (legsup start).\n");
             error != 0) {
    reason = fmt::format("{}: {}", mark, std::strerror(error));
    ::unlink(mark.c_str());
  }
  if (!reason.empty()) {
    context.warn(fmt::format("the answer could not be kept ({}); it will be asked again", reason));
  }
}

// The cautions, once: on a terminal, before the first session, shown and agreed to; the answer
// is kept under $XDG_STATE_HOME/legsup/ and never asked again. Without a terminal, a line
// points to them and the session runs. False when the person chose not to go on.
bool cautions_once(const StartPlan& plan, const Presence& presence, Context& context,
                   SystemEvents& events) {
  auto folder = state_folder(context.env());
  std::string mark = folder ? *folder + "/cautions-read" : std::string();
  if (plan.cautions_read || (!mark.empty() && cautions_mark_present(mark))) return true;
  if (!presence.prompts) {
    context.warn(
        "before a first session, read who should avoid or change the pose: legsup cautions "
        "(--yes, or \"yes\": true in the config, says you have)");
    return true;
  }
  context.print_document(cautions_document(context.content()));
  context.print("\nGo on with the session? [y/N] ");
  auto answer = events.read_line();
  std::string text = answer.line.value_or("");
  if (answer.signal || (text != "y" && text != "Y" && text != "yes")) {
    if (!answer.line) context.print("\n");
    return false;
  }
  if (!mark.empty()) keep_cautions_mark(*folder, mark, context);
  return true;
}

int run_start(const Arguments& arguments, Context& context) {
  const Settings& settings = context.settings(arguments.value("PRESET"));
  const Content& content = context.content();
  StartRequest request;
  request.record = session_entry_values(arguments);
  request.rate = arguments.flag("--rate");
  request.no_log = arguments.flag("--no-log");
  request.quiet = arguments.flag("--quiet");
  request.plain = arguments.flag("--plain");
  StartPlan plan = make_start_plan(settings, request, content);
  const OutputMode& output = context.output();
  Presence presence = presence_of(plan, output);

  // What the machine must have, checked now rather than after ten minutes in the pose.
  std::string path_variable = context.env().get("PATH").value_or("");
  SoundPlan sound_plan{plan.sound, plan.volume, std::nullopt, std::nullopt,
                       spoken_phrases(plan, presence.keys)};
  find_sound_programs(sound_plan, path_variable);
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

  // From here a signal that would end the process is an event: nothing is lost to one.
  SystemEvents events(presence.terminal_screen || presence.keys);
  if (!cautions_once(plan, presence, context, events)) {
    throw runtime_error(
        "not started: the cautions were not agreed to (legsup cautions shows them again; "
        "--yes skips the question)");
  }
  if (plan.rate && !presence.prompts) context.warn("--rate needs a terminal to ask on; not asking");
  bool asking = plan.rate && presence.prompts;
  if (asking) {
    if (auto signal = ask_ratings(context, events, "before", plan.entry.before)) {
      return 128 + *signal;  // the session has not started: nothing to log
    }
  }

  ScreenText screen_text{content.pose.name, breath_description(plan.session.breath), content.exit};
  StdoutSink sink;
  std::unique_ptr<SessionScreen> screen;
  auto print_line = [&context](const ShownText& line) { context.print(line + OwnWords("\n")); };
  if (plan.quiet) {
    screen =
        std::make_unique<QuietScreen>([&context](const std::string& text) { context.warn(text); });
  } else if (!presence.terminal_screen) {
    screen = std::make_unique<PlainScreen>(print_line, screen_text);
    context.print_document(intro_document(plan, content, true));
  } else if (plan.screen == ScreenMode::dim) {
    screen = std::make_unique<DimScreen>(sink, context.style());
  } else if (plan.screen == ScreenMode::blank) {
    screen = std::make_unique<BlankScreen>(sink, context.style());
  } else {
    screen = std::make_unique<TerminalScreen>(sink, context.style(), screen_text, presence.keys);
    context.print_document(intro_document(plan, content, false));
  }

  SessionSound sound(sound_plan);
  LoopOptions loop_options{presence.keys, plan.cues};
  if (presence.keys) events.start_keys();
  LocalTime started = context.now();
  sound.start(events.now());
  Session session(plan.session, events.now());
  SessionOutcome outcome = run_session(session, events, *screen, sound, loop_options);
  events.stop_keys();  // the terminal is back in its own mode here
  LocalTime ended = context.now();

  bool paced_way_out = plan.session.come_out.count() > 0;
  if (!plan.quiet && !paced_way_out && plan.screen == ScreenMode::normal) {
    context.print_document(come_out_document(content));
  }
  // With a voice and no paced way out, the steps are spoken one after another.
  if (plan.sound == SoundKind::voice && !paced_way_out && outcome.ending == Ending::completed) {
    for (const auto& step : content.exit)
      sound.play({CueKind::step, step}, events.now());
  }
  std::optional<int> interrupted;
  if (asking && outcome.ending != Ending::signal) {
    // A signal here stops the questions; the session is logged all the same.
    interrupted = ask_ratings(context, events, "after", plan.entry.after);
  }

  Record record = session_record(plan, outcome, started, ended, context.new_id());
  std::string ending_text(ending_words(outcome.ending));
  if (notifier) {
    spawn_detached({*notifier, "--app-name=legsup", "--",
                    fmt::format("{}: session {}", content.pose.name, ending_text),
                    fmt::format("Held {}.", format_elapsed(outcome.held))});
  }
  int status = interrupted ? 128 + *interrupted : start_exit_status(outcome);
  if (log) {
    try {
      log->append(record);
    } catch (const Error& error) {
      // The session is over either way: say where it could not go, and give it to the person.
      context.console().err(
          ShownText::line(
              fmt::format("legsup: {}; the session was not logged. Its record:", error.what())) +
          ShownText::line(format_record_line(record)));
      status = kExitFailure;
    }
  }
  if (!plan.quiet) {
    std::string closing = fmt::format("Held {} ({}).", format_elapsed(outcome.held), ending_text);
    if (log && status != kExitFailure) closing += fmt::format(" Logged to {}.", log->path());
    if (sound.failure()) {
      closing += fmt::format(" No {} was heard: {}.", to_string(plan.sound), *sound.failure());
    }
    context.print(ShownText::line(closing));
  }
  // The end chime's last tone, and the spoken steps, play out before legsup goes.
  sound.finish(events.now());
  if (auto failure = sound.take_failure()) context.warn(*failure);  // failed only now
  return status;
}

}  // namespace

CommandSpec start_command() {
  std::vector<OptionSpec> options = {
      {"PRESET", "PRESET", "A preset from the config file, such as bedtime", Completion::presets}};
  for (auto& option : setting_options(SettingScope::start))
    options.push_back(std::move(option));
  for (auto& option : session_entry_options())
    options.push_back(std::move(option));
  std::vector<OptionSpec> more = {
      {"--rate", "", "Ask each rating scale before and after the session (on a terminal)"},
      {"--no-log", "", "Do not record the session"},
      {"--quiet", "", "Show nothing; the sounds still play"},
      {"--plain", "", "Plain lines, even on a terminal; no keys"}};
  for (auto& option : more)
    options.push_back(std::move(option));
  return {
      .name = "start",
      .summary = "Time a session: settle in, hold, come out",
      .usage = "[PRESET] [--minutes N | --duration SPEC] [OPTIONS]",
      .options = std::move(options),
      .footer =
          "Keys: space or p pause and resume, q ends early, + and - add or remove a "
          "minute; each is confirmed by a sound.\n"
          "Exit status: 0 completed, 1 a failure or the cautions declined, 2 bad usage, 3 ended "
          "early, 128+N stopped by signal N.\n"
          "Examples:\n  legsup start --minutes 10\n"
          "  legsup start --duration 15m --variant bed --sound chime --breath 4-7-8\n"
          "  legsup start --sound voice --announce --come-out 60s --screen blank\n"
          "  legsup start bedtime",
      .run = run_start};
}

}  // namespace legsup
