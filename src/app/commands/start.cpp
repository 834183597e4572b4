// legsup start [PRESET] [--minutes N | --duration SPEC] [--settle SPEC] [--breath PATTERN] ...
#include <fcntl.h>
#include <fmt/core.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
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
#include "sleep_lock.hpp"
#include "system_events.hpp"
#include "terminal.hpp"

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
      std::string prompt = fmt::format("{} ({}) 0 = {}, 10 = {}; Enter to skip:", scale.question,
                                       when, scale.low, scale.high);
      context.print_prompt(prompt);
      auto answer = events.read_line([&] { context.print_prompt(prompt); });
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
  return fmt::format("{} ({}; {})", pattern->name, breath_timing(*pattern), breath_rate(*pattern));
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
  static constexpr OwnWords kGoOn = "Go on with the session? [y/N] ";
  context.print("\n");
  context.print(kGoOn);
  auto answer = events.read_line([&] { context.print(kGoOn); });
  std::string text = answer.line.value_or("");
  if (answer.signal || (text != "y" && text != "Y" && text != "yes")) {
    if (!answer.line) context.print("\n");
    return false;
  }
  if (!mark.empty()) keep_cautions_mark(*folder, mark, context);
  return true;
}

// The preset to run: the one named, or the one for this hour when no hold is asked for.
StartPreset read_preset(const Arguments& arguments, Context& context) {
  bool hold_given = false;
  for (const auto& spec : setting_specs()) {
    if (spec.group == "hold" && arguments.value(fmt::format("--{}", spec.key))) hold_given = true;
  }
  return choose_preset(arguments.value("PRESET"), hold_given, context.config(), context.now());
}

// start's options and settings, checked: a usage error for anything wrong.
StartPlan read_plan(const Arguments& arguments, Context& context, const StartPreset& preset) {
  StartRequest request;
  request.record = session_entry_values(arguments);
  request.rate = arguments.flag("--rate");
  request.no_log = arguments.flag("--no-log");
  request.quiet = arguments.flag("--quiet");
  request.plain = arguments.flag("--plain");
  request.verbose = arguments.flag("--verbose");
  return make_start_plan(context.settings(preset.name), request, context.content());
}

// "Preset bedtime, for 21:00-04:00.": which preset the hour chose.
void say_preset_of_the_hour(const StartPreset& preset, const StartPlan& plan, Context& context) {
  if (!preset.by_the_hour || plan.quiet) return;
  const TimeWindow& hours = context.config().preset_hours.at(*preset.name);
  context.print(ShownText::line(fmt::format("Preset {}, for {}.", *preset.name, hours.text())));
}

// What the machine must have, found now rather than after ten minutes in the pose: the sound's
// programs (a usage error naming the packages), the notifier, a log that can be written.
struct Equipment {
  SoundPlan sound;
  std::optional<std::string> notifier;
  std::optional<SessionLog> log;
};

Equipment equip(const StartPlan& plan, const Presence& presence, Context& context) {
  Equipment equipment;
  std::string path_variable = context.env().get("PATH").value_or("");
  equipment.sound = {plan.sound,
                     plan.volume,
                     plan.speaking,
                     std::nullopt,
                     std::nullopt,
                     spoken_phrases(plan, presence.keys),
                     player_environment(context.env()),
                     plan.ambient};
  find_sound_programs(equipment.sound, path_variable);
  if (plan.notify) {
    equipment.notifier = find_program({"notify-send"}, path_variable);
    if (!equipment.notifier) {
      context.warn("--notify: notify-send is not on PATH (install libnotify-bin); no notification");
    }
  }
  if (plan.log) {
    equipment.log = context.log();
    equipment.log->ensure_writable();
  }
  return equipment;
}

// The sound made ready before anything else happens: a session nobody could hear does not start
// (exit kExitNotHeard, one line). Returns the exit status when it must not start.
std::optional<int> make_heard(SessionSound& sound, SoundKind kind, Context& context) {
  if (auto signal = sound.start()) return 128 + *signal;
  if (sound.hearing() != Hearing::nothing) return std::nullopt;
  context.console().err(ShownText::line(
      fmt::format("legsup: not started: {}", not_heard_message(kind, sound.failure()))));
  return kExitNotHeard;
}

// The lock that keeps the machine awake until the last cue, unless sleep is allowed. Where there
// is no system bus or no logind, nothing is said unless asked (--verbose); a logind that refuses
// or does not answer is worth a warning.
SleepLock stay_awake(const StartPlan& plan, Context& context, Waits& waits) {
  bool say = plan.verbose && !plan.quiet;
  if (plan.allow_sleep) {
    if (say) {
      context.print(
          ShownText::line(fmt::format("During the session, {}.", sleep_lock_words({}, true))));
    }
    return {};
  }
  SleepLock lock =
      SleepLock::take(fmt::format("{}, a {} hold: its cues to be heard to the last",
                                  context.content().pose.name, format_duration(plan.session.hold)),
                      waits);
  if (lock.state() == SleepLock::State::refused) {
    context.warn(
        fmt::format("the machine may go to sleep during the session: {} (--allow-sleep "
                    "says that is fine)",
                    lock.why_not()));
  } else if (say && lock.state() != SleepLock::State::signal) {
    context.print(
        ShownText::line(fmt::format("During the session, {}.", sleep_lock_words(lock, false))));
  }
  return lock;
}

// The screen the session is shown on, with what is printed before it.
std::unique_ptr<SessionScreen> make_screen(const StartPlan& plan, const Presence& presence,
                                           Context& context, TextSink& sink) {
  const Content& content = context.content();
  ScreenText screen_text{content.pose.name, breath_description(plan.session.breath), content.exit};
  if (plan.quiet) {
    return std::make_unique<QuietScreen>(
        [&context](const std::string& text) { context.warn(text); });
  }
  if (!presence.terminal_screen) {
    context.print_document(intro_document(plan, content, true));
    // Its lines wrap at spaces as all else shown on a terminal does (escaped text stays so).
    return std::make_unique<PlainScreen>(
        [&context](const ShownText& line) { context.print_wrapped(line.str()); }, screen_text);
  }
  if (plan.screen == ScreenMode::dim) return std::make_unique<DimScreen>(sink, context.style());
  if (plan.screen == ScreenMode::blank) return std::make_unique<BlankScreen>(sink, context.style());
  context.print_document(intro_document(plan, content, false));
  return std::make_unique<TerminalScreen>(sink, context.style(), screen_text, presence.keys);
}

// After the hold: the steps for coming out, printed where no way out was paced (the voice says
// them too: the session's cues, CueOptions::steps_at_end).
void come_out(const StartPlan& plan, Context& context) {
  bool paced_way_out = plan.session.come_out.count() > 0;
  if (!plan.quiet && !paced_way_out && plan.screen == ScreenMode::normal) {
    context.print_document(come_out_document(context.content()));
  }
}

// The ambient going on after the session (--ambient-after), fading to silence, the stream fed
// meanwhile: a key (on a terminal) ends it at once, and a signal ends it and legsup: returned.
std::optional<int> ambient_after(const StartPlan& plan, const Presence& presence,
                                 SessionSound& sound, SystemEvents& events, Context& context) {
  auto end = sound.ambient_end();
  if (!end || events.now() >= *end) return std::nullopt;
  if (!plan.quiet) {
    // What was asked for: the moments since the session's end are not worth a second less. Once
    // the --rate questions have taken more, what is left, in whole seconds rounded up.
    auto left = std::chrono::ceil<std::chrono::seconds>(*end - events.now());
    Milliseconds told =
        left + std::chrono::seconds(1) < plan.ambient.after ? left : plan.ambient.after;
    context.print(ShownText::line(fmt::format(
        "The {} goes on for {}, fading to silence; {} ends it.", ambient_words(plan.ambient.kind),
        format_duration(told), presence.keys ? "any key" : "Ctrl-C")));
  }
  if (presence.keys) events.start_keys();
  std::optional<int> signal;
  while (sound.ambient_end() && events.now() < *sound.ambient_end()) {
    auto wake = sound.next_service();
    Event event = events.wait(wake ? std::min(*wake, *sound.ambient_end()) : *sound.ambient_end());
    if (event.kind == Event::Kind::signal && event.signal == SIGTSTP) {
      events.stop_process();
    } else if (event.kind == Event::Kind::signal) {
      signal = event.signal;
      break;
    } else if (event.kind == Event::Kind::key) {
      sound.end_ambient(events.now());
    }
    sound.service(events.now());
  }
  if (presence.keys) events.stop_keys();
  return signal;
}

// How long a session's end waits at a time for the log's lock held by another legsup (a merge),
// looking for a signal in between.
constexpr Milliseconds kLockTry{50};

struct Logging {
  bool logged = false;
  std::optional<int> signal;  // came while the log's lock was waited for
};

// The record written to the log, or printed when it cannot be. The lock is waited for as long as
// another process holds it, and a signal meanwhile stops the wait.
Logging log_session(const Record& record, std::optional<SessionLog>& log, Context& context,
                    SystemEvents& events) {
  Logging logging;
  if (!log) return logging;
  auto patience = [&] {
    logging.signal =
        events.wait_for({}, events.now() + std::chrono::duration_cast<SteadyTime>(kLockTry));
    return !logging.signal;
  };
  try {
    log->append(record, patience);
    logging.logged = true;
  } catch (const Error& error) {
    // The session is over either way: say where it could not go, and give it to the person.
    context.console().err(
        ShownText::line(
            fmt::format("legsup: {}; the session was not logged. Its record:", error.what())) +
        ShownText::line(format_record_line(record)));
  }
  return logging;
}

// "Held 10:00 (completed). Logged to .... 2 of 40 cues were not heard: ...".
std::string closing_line(const StartPlan& plan, const SessionOutcome& outcome,
                         const std::optional<SessionLog>& log, bool logged,
                         const HeardCues& heard) {
  std::string closing =
      fmt::format("Held {} ({}).", format_elapsed(outcome.held), ending_words(outcome.ending));
  if (log && logged) closing += fmt::format(" Logged to {}.", log->path());
  if (std::string summary = heard_summary(plan.sound, heard); !summary.empty()) {
    closing += " " + summary;
  }
  return closing;
}

int run_start(const Arguments& arguments, Context& context) {
  StartPreset preset = read_preset(arguments, context);
  StartPlan plan = read_plan(arguments, context, preset);
  Presence presence = presence_of(plan, context.output());
  Equipment equipment = equip(plan, presence, context);

  // From here a signal that would end the process is an event: nothing is lost to one.
  SystemEvents events(presence.terminal_screen || presence.keys);
  SessionSound sound(std::move(equipment.sound), events);
  if (auto status = make_heard(sound, plan.sound, context)) return *status;
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

  // Awake from before the settle-in until the last cue has played (or a question waits for the
  // person, or a signal ends the session).
  SleepLock awake = stay_awake(plan, context, events);
  if (auto signal = awake.signal()) return 128 + *signal;  // not started: nothing to log

  StdoutSink sink;
  say_preset_of_the_hour(preset, plan, context);
  std::unique_ptr<SessionScreen> screen = make_screen(plan, presence, context, sink);
  if (presence.keys) events.start_keys();
  LocalTime started = context.now();
  Session session(plan.session, events.now());
  SessionOutcome outcome = run_session(session, events, *screen, sound, {presence.keys, plan.cues});
  // The end chime and the spoken steps go on being fed while the record is written and the
  // questions wait, until sound.finish() (or the ambient's loop) takes the feeding back.
  if (outcome.ending != Ending::signal) sound.feed_meanwhile();
  events.stop_keys();  // the terminal is back in its own mode here
  context.measure_output();
  LocalTime ended = context.now();
  // Nothing more to hear after a signal; no lock while a question waits for someone asleep.
  if (outcome.ending == Ending::signal || asking) awake.release();

  come_out(plan, context);
  std::optional<int> interrupted;
  if (asking && outcome.ending != Ending::signal) {
    // A signal here stops the questions; the session is logged all the same.
    interrupted = ask_ratings(context, events, "after", plan.entry.after);
  }

  // What was heard, once: the record and the closing line say the same.
  HeardCues heard = sound.heard();
  Record record = session_record(plan, outcome, started, ended, context.new_id());
  record.unheard_cues = heard.unheard;
  if (equipment.notifier) {
    spawn_detached(
        {*equipment.notifier, "--app-name=legsup", "--",
         fmt::format("{}: session {}", context.content().pose.name, ending_words(outcome.ending)),
         fmt::format("Held {}.", format_elapsed(outcome.held))},
        player_environment(context.env()));
  }
  Logging logging = log_session(record, equipment.log, context, events);
  // Not logged: the signal that stopped the wait for the log's lock, or a failure, says so first.
  int status = logging.signal                     ? 128 + *logging.signal
               : equipment.log && !logging.logged ? kExitFailure
               : interrupted                      ? 128 + *interrupted
                                                  : start_exit_status(outcome);
  if (!interrupted) interrupted = logging.signal;
  if (!plan.quiet) {
    context.print_wrapped(closing_line(plan, outcome, equipment.log, logging.logged, heard));
  }
  // The end chime's last tone, and the spoken steps, play out before legsup goes; a signal
  // meanwhile ends them, and legsup, at once. A session a signal ended goes at once (the player
  // is ended with it).
  bool signalled = outcome.ending == Ending::signal || interrupted;
  std::optional<int> signal;
  if (!signalled) signal = ambient_after(plan, presence, sound, events, context);
  if (!signalled && !signal) signal = sound.finish();
  awake.release();  // the last cue has played out
  while (auto failure = sound.take_failure())
    context.warn(*failure);  // failed only now
  // Standard output that has not taken every line (its reader does not read) is waited for here,
  // where a signal still ends legsup at once: the session was heard and logged meanwhile.
  if (!signal) signal = SystemConsole::finish_output(events);
  return signal ? 128 + *signal : status;
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
      {"--plain", "", "Plain lines, even on a terminal; no keys"},
      {"--verbose", "", "Also say whether the machine stays awake until the last cue"}};
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
          "early, 4 not started because nothing would be heard (no sound player that works and "
          "no terminal to ring the bell on), 128+N stopped by signal N.\n"
          "Examples:\n  legsup start --minutes 10\n"
          "  legsup start --duration 15m --variant bed --sound chime --breath 4-7-8\n"
          "  legsup start --sound voice --announce --come-out 60s --screen blank\n"
          "  legsup start bedtime",
      .run = run_start};
}

}  // namespace legsup
