// legsup sound [PRESET] [start's options]: hear what the session will sound like before lying down.
#include <fmt/core.h>

#include "commands.hpp"
#include "legsup/base/duration.hpp"
#include "legsup/base/text.hpp"
#include "legsup/command/context.hpp"
#include "legsup/command/start_plan.hpp"
#include "session_sound.hpp"
#include "sleep_lock.hpp"
#include "system_events.hpp"

namespace legsup {
namespace {

// Between one sound's end and the next, in the check: time to hear it as itself; and the least
// from one start to the next.
constexpr Milliseconds kAfterEach{700};
constexpr Milliseconds kLeastBetween{1500};

// How long the check plays the ambient alone: enough to hear what it is, and its fade.
constexpr Milliseconds kAmbientHeard{6000};

// A few seconds of the ambient sound, named, at its volume under cues at the session's.
std::optional<int> play_ambient(const StartPlan& plan, SessionSound& sound, SystemEvents& events,
                                Context& context) {
  context.print(ShownText::line(fmt::format(
      "  The ambient sound: {} (volume {}{})", ambient_words(plan.ambient.kind),
      plan.ambient.volume,
      plan.ambient.after.count() > 0
          ? fmt::format(", for {} after the session", format_duration(plan.ambient.after))
          : "")));
  sound.play_ambient(events.now(), kAmbientHeard);
  while (!sound.failure() && sound.ambient_end() && events.now() < *sound.ambient_end()) {
    auto wake = sound.next_service();
    Event event = events.wait(wake ? std::min(*wake, *sound.ambient_end()) : *sound.ambient_end());
    if (event.kind == Event::Kind::signal) return event.signal;
    sound.service(events.now());
  }
  return std::nullopt;
}

int run_sound(const Arguments& arguments, Context& context) {
  StartPlan plan = make_start_plan(context.settings(arguments.value("PRESET")), StartRequest{},
                                   context.content());
  auto check = sound_check(plan);
  std::vector<std::string> phrases;
  for (const auto& [name, cue] : check)
    phrases.push_back(cue.words);
  SoundPlan sound_plan{plan.sound,
                       plan.volume,
                       plan.speaking,
                       std::nullopt,
                       std::nullopt,
                       phrases,
                       player_environment(context.env()),
                       plan.ambient};
  find_sound_programs(sound_plan, context.env().get("PATH").value_or(""));

  SystemEvents events(false);  // a signal ends the check, and the player with it
  SessionSound sound(sound_plan, events);
  if (auto signal = sound.start()) return 128 + *signal;
  if (sound.hearing() == Hearing::nothing) {
    context.console().err(ShownText::line(fmt::format(
        "legsup: the sound check failed: {}", not_heard_message(plan.sound, sound.failure()))));
    return kExitNotHeard;
  }
  // The words could not be made: a session would play chimes in their place. Said now, before
  // a check that would sound fine, not lying in the dark.
  if (auto words = sound.heard().voice_failure) {
    throw runtime_error(fmt::format(
        "the sound check failed: the words could not be made ({}); a session would play chimes "
        "in their place",
        *words));
  }
  context.print(ShownText::line(
      fmt::format("What the session will sound like (--sound {}{}):", to_string(plan.sound),
                  plan.sound == SoundKind::chime || plan.sound == SoundKind::voice
                      ? fmt::format(", volume {}", plan.volume)
                      : "")));
  for (const auto& [name, cue] : check) {
    if (sound.failure()) break;
    context.print(ShownText::line(fmt::format("  {}{}", name,
                                              cue.words.empty() || plan.sound != SoundKind::voice
                                                  ? ""
                                                  : fmt::format(": \"{}\"", cue.words))));
    SteadyTime at = events.now();
    sound.play(cue, at);
    // Keep the stream fed until the next cue is due: this one heard whole, and a moment after.
    SteadyTime next = at + std::chrono::duration_cast<SteadyTime>(
                               std::max(kLeastBetween, sound.length_of(cue) + kAfterEach));
    while (!sound.failure()) {
      auto wake = sound.next_service();
      Event event = events.wait(wake ? std::min(*wake, next) : next);
      if (event.kind == Event::Kind::signal) return 128 + event.signal;
      sound.service(events.now());
      if (events.now() >= next) break;
    }
  }
  if (plan.ambient.kind != AmbientKind::none && !sound.failure()) {
    if (auto signal = play_ambient(plan, sound, events, context)) return 128 + *signal;
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
                    : OwnWords("Each sound played. This is what the session sounds like.\n"));
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
  std::vector<OptionSpec> options = {
      {"PRESET", "PRESET", "A preset from the config file: hear its session", Completion::presets}};
  for (auto& option : setting_options(SettingScope::start))
    options.push_back(std::move(option));
  return {
      .name = "sound",
      .summary = "Hear what a session will sound like before lying down: the first thing to try",
      .usage = "[PRESET] [OPTIONS]",
      .options = std::move(options),
      .footer =
          "Plays, one by one and each named, every sound the session that legsup start would "
          "run with the same preset, options and config makes as planned: the start, the "
          "hold, the phases of its breathing pattern (--breath-cues), the interval bell, the "
          "milestones its hold has (--announce), the answer to each key, the reminder while "
          "paused, the end, the steps of the way out and its end, then a few seconds of the "
          "ambient sound (--ambient); then says whether a session "
          "keeps the machine awake. Exit status 1, with the "
          "player's own words, when the player fails or the voice's words cannot be made; 4 "
          "when nothing at all would be heard "
          "(no player that works, no terminal to ring the bell on).\n"
          "Examples:\n  legsup sound --sound chime\n  legsup sound bedtime\n  legsup sound "
          "--sound voice --voice-rate 120 --breath 4-7-8 --breath-cues --announce",
      .run = run_sound};
}

}  // namespace legsup
