// legsup sound [--sound KIND] [--volume 0-100]: hear every cue before lying down.
#include <fmt/core.h>

#include "commands.hpp"
#include "legsup/base/text.hpp"
#include "legsup/command/context.hpp"
#include "legsup/command/start_plan.hpp"
#include "session_sound.hpp"
#include "sleep_lock.hpp"
#include "system_events.hpp"

namespace legsup {
namespace {

constexpr Milliseconds kBetweenCues{1800};

int run_sound(const Arguments&, Context& context) {
  const Settings& settings = context.settings();
  StartPlan plan = make_start_plan(settings, StartRequest{}, context.content());
  std::vector<std::string> phrases;
  for (const auto& [name, cue] : sound_check_cues())
    phrases.push_back(cue.words);
  SoundPlan sound_plan{plan.sound,   plan.volume, std::nullopt,
                       std::nullopt, phrases,     player_environment(context.env())};
  find_sound_programs(sound_plan, context.env().get("PATH").value_or(""));

  SystemEvents events(false);  // a signal ends the check, and the player with it
  SessionSound sound(sound_plan, events);
  if (auto signal = sound.start()) return 128 + *signal;
  if (sound.hearing() == Hearing::nothing) {
    context.console().err(ShownText::line(fmt::format(
        "legsup: the sound check failed: {}", not_heard_message(plan.sound, sound.failure()))));
    return kExitNotHeard;
  }
  context.print(ShownText::line(fmt::format(
      "The cues of --sound {} at volume {}, one by one:", to_string(plan.sound), plan.volume)));
  for (const auto& [name, cue] : sound_check_cues()) {
    if (sound.failure()) break;
    context.print(ShownText::line(fmt::format("  {}{}", name,
                                              cue.words.empty() || plan.sound != SoundKind::voice
                                                  ? ""
                                                  : fmt::format(": \"{}\"", cue.words))));
    SteadyTime at = events.now();
    sound.play(cue, at);
    // Keep the stream fed until the next cue is due.
    SteadyTime next = at + std::chrono::duration_cast<SteadyTime>(kBetweenCues);
    while (!sound.failure()) {
      auto wake = sound.next_service();
      Event event = events.wait(wake ? std::min(*wake, next) : next);
      if (event.kind == Event::Kind::signal) return 128 + event.signal;
      sound.service(events.now());
      if (events.now() >= next) break;
    }
  }
  if (auto signal = sound.finish()) return 128 + *signal;
  if (sound.failure()) {
    throw runtime_error(fmt::format("the sound check failed: {}", *sound.failure()));
  }
  if (sound.heard().unheard > 0) {
    throw runtime_error(
        fmt::format("the sound check failed: {}", heard_summary(plan.sound, sound.heard())));
  }
  context.print(plan.sound == SoundKind::none
                    ? OwnWords("(--sound none: nothing to hear.)\n")
                    : OwnWords("Each cue played. This is what a session sounds like.\n"));
  // Whether a session keeps the machine awake: asked of logind as a session asks, let go at once.
  SleepLock lock =
      plan.allow_sleep ? SleepLock() : SleepLock::take("legsup sound: the sound check", events);
  if (auto signal = lock.signal()) return 128 + *signal;
  context.print(ShownText::line(
      fmt::format("During a session, {}.", sleep_lock_words(lock, plan.allow_sleep))));
  return kExitOk;
}

}  // namespace

CommandSpec sound_command() {
  return {.name = "sound",
          .summary = "Hear every cue before lying down: the first thing to try",
          .options = {setting_option("sound"), setting_option("volume")},
          .footer =
              "Plays each cue of the sound chosen (the config file's, or --sound), naming "
              "each: the start, the hold, the breath phases, an interval bell, a milestone, "
              "a key, a step of the way out, the end; then says whether a session keeps the "
              "machine awake. Exit status 1, with the player's own "
              "words, when the player fails; 4 when nothing at all would be heard (no player "
              "that works, no terminal to ring the bell on).\n"
              "Examples:\n  legsup sound --sound chime\n  legsup sound --sound voice "
              "--volume 60",
          .run = run_sound};
}

}  // namespace legsup
