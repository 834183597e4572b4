#include "legsup/command/start_plan.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>

#include "legsup/base/duration.hpp"
#include "legsup/base/enum_names.hpp"
#include "legsup/base/error.hpp"
#include "legsup/base/text.hpp"
#include "legsup/content/breathing.hpp"
#include "legsup/session/sound.hpp"

namespace legsup {

namespace {

// Typed on the command line (or not given at all, and named as its option).
bool typed(const Settings& settings, std::string_view key) {
  const SettingValue* value = settings.find(key);
  return !value || value->source == SettingSource::option;
}

// How a setting was given, for a message: "--bpm" ("--breath none") typed, or "\"bpm\" in FILE"
// ("\"breath\": \"none\" in preset NAME in FILE") from the config file or a preset in it: where
// the person will look for it.
std::string given_as(const Settings& settings, std::string_view key, std::string_view value = {}) {
  if (typed(settings, key)) return fmt::format("--{}{}{}", key, value.empty() ? "" : " ", value);
  if (value.empty()) return fmt::format("\"{}\" in {}", key, settings.find(key)->origin);
  return fmt::format("\"{}\": {} in {}", key, quoted_value(value), settings.find(key)->origin);
}

// The breathing pattern, paced at --bpm and shared by --ratio when they are given.
std::optional<BreathPattern> paced_breath(const Settings& settings) {
  auto pattern = settings.get<std::optional<BreathPattern>>("breath");
  const auto* rate = settings.get_if<BreathRate>("bpm");
  const auto* ratio = settings.get_if<BreathRatio>("ratio");
  if (!rate && !ratio) return pattern;
  // The one typed on the command line, if either was.
  bool ratio_named = !rate || (ratio && typed(settings, "ratio") && !typed(settings, "bpm"));
  std::string option = given_as(settings, ratio_named ? "ratio" : "bpm");
  if (!pattern) {
    throw usage_error(fmt::format("{}: there is no breathing pattern to pace ({})", option,
                                  given_as(settings, "breath", "none")));
  }
  auto paced = paced_pattern(*pattern, rate ? std::optional(*rate) : std::nullopt,
                             ratio ? std::optional(*ratio) : std::nullopt);
  if (!paced) throw usage_error(fmt::format("{}: {}", option, paced.error()));
  return *paced;
}

// The ambient sound: only a stream of samples carries it, so with the bell or no sound it is
// refused, naming why. Its shape typed with no ambient named anywhere would do nothing: refused
// too (an ambient of none, named, turns off what a preset or the config file would play).
AmbientPlan ambient_of(const Settings& settings, SoundKind sound) {
  AmbientPlan ambient{settings.get<AmbientKind>("ambient"), settings.get<int>("ambient-volume"),
                      settings.get<Milliseconds>("ambient-after")};
  bool carried = sound == SoundKind::chime || sound == SoundKind::voice;
  if (ambient.kind == AmbientKind::none) {
    const SettingValue* kind = settings.find("ambient");
    if (kind && kind->source != SettingSource::default_value) return ambient;
    for (std::string_view key : {"ambient-volume", "ambient-after"}) {
      const SettingValue* shape = settings.find(key);
      if (shape && shape->source == SettingSource::option) {
        throw usage_error(fmt::format(
            "--{} {}: there is no ambient sound to shape (--ambient brown, pink or rain plays "
            "one{})",
            key, shape->text, carried ? "" : ", under --sound chime or voice"));
      }
    }
    return ambient;
  }
  if (!carried) {
    throw usage_error(
        fmt::format("{} needs --sound chime or voice: {}",
                    given_as(settings, "ambient", to_string(ambient.kind)),
                    sound == SoundKind::bell
                        ? std::string("the terminal's bell cannot play a sound under the cues")
                        : fmt::format("{} plays nothing", given_as(settings, "sound", "none"))));
  }
  return ambient;
}

}  // namespace

StartPreset choose_preset(const std::optional<std::string>& named, bool hold_given,
                          const ConfigFile& config, const LocalTime& now) {
  if (named || hold_given) return {named, false};
  auto of_the_hour = preset_of_the_hour(config, now);
  return {of_the_hour, of_the_hour.has_value()};
}

StartPlan make_start_plan(const Settings& settings, const StartRequest& request,
                          const Content& content) {
  StartPlan plan;
  // Every setting is in its type, with the table's default: nothing here reads text.
  plan.session.hold = settings.get<Milliseconds>("hold");
  plan.session.settle = settings.get<Milliseconds>("settle");
  plan.session.breath = paced_breath(settings);
  plan.session.whole_breaths = !settings.get<bool>("exact");
  if (const auto* variant = settings.get_if<const Variation*>("variant")) plan.variant = *variant;
  plan.sound = settings.get<SoundKind>("sound");
  plan.volume = settings.get<int>("volume");
  plan.speaking.rate = settings.get<int>("voice-rate");
  if (const auto* voice = settings.get_if<std::string>("voice")) plan.speaking.voice = *voice;
  plan.ambient = ambient_of(settings, plan.sound);
  plan.cues.breath_cues = settings.get<bool>("breath-cues");
  if (const auto* interval = settings.get_if<Milliseconds>("interval")) {
    plan.cues.interval = *interval;
  }
  plan.cues.announce = settings.get<bool>("announce");
  plan.cues.come_out_steps = content.exit;
  plan.session.come_out = settings.get<Milliseconds>("come-out");
  plan.session.come_out_steps = static_cast<int>(content.exit.size());
  // No way out paced: the voice says its steps when the hold ends (a chime has no words for them).
  plan.cues.steps_at_end = plan.sound == SoundKind::voice && plan.session.come_out.count() == 0;
  if (auto every = settings.get<Milliseconds>("pause-reminder"); every.count() > 0) {
    plan.cues.pause_reminder = every;
  }
  plan.screen = settings.get<ScreenMode>("screen");
  plan.cautions_read = settings.get<bool>("yes");
  plan.notify = settings.get<bool>("notify");
  plan.allow_sleep = settings.get<bool>("allow-sleep");
  end_on_whole_breath(plan.session);  // the title and the record say the hold as it will be

  apply_record_options(request.record, content, plan.entry);
  plan.rate = request.rate;
  plan.log = !request.no_log;
  plan.quiet = request.quiet;
  plan.plain = request.plain;
  plan.verbose = request.verbose;
  return plan;
}

Record session_record(const StartPlan& plan, const SessionOutcome& outcome, LocalTime start,
                      LocalTime end, std::string id) {
  Record record = plan.entry;
  record.id = std::move(id);
  record.origin = Origin::timer;
  record.start = start;
  record.end = end;
  record.ending = outcome.ending;
  record.signal = outcome.signal;
  record.planned = outcome.planned;
  record.held = outcome.held;
  record.settle = outcome.settled;
  record.come_out = outcome.came_out;
  record.slept = outcome.slept;
  if (plan.variant) record.variant = plan.variant->id;
  if (plan.session.breath) record.breath = plan.session.breath->id;
  return record;
}

int start_exit_status(const SessionOutcome& outcome) {
  switch (outcome.ending) {
    case Ending::completed:
      return kExitOk;
    case Ending::ended_early:
      return kExitEndedEarly;
    case Ending::signal:
      return 128 + outcome.signal.value_or(0);
  }
  return kExitFailure;
}

std::vector<std::pair<std::string, Cue>> sound_check(const StartPlan& plan) {
  return sound_check_cues(plan.session, plan.cues, true);
}

std::vector<std::string> spoken_phrases(const StartPlan& plan, bool keys) {
  std::vector<std::string> phrases;
  auto add = [&](std::string_view phrase) {
    if (!phrase.empty() && std::find(phrases.begin(), phrases.end(), phrase) == phrases.end())
      phrases.emplace_back(phrase);
  };
  for (const auto& [name, cue] : sound_check_cues(plan.session, plan.cues, keys))
    add(cue.words);
  // + and - move the milestones, and bring those of a longer or shorter hold.
  for (const auto& spec : kCueKinds) {
    if (keys && spec.group == CueGroup::milestone && may_sound(spec, plan.cues, keys)) {
      add(spec.words);
    }
  }
  return phrases;
}

std::string_view ending_words(Ending ending) {
  static constexpr EnumName<Ending> kWords[] = {{Ending::completed, "completed"},
                                                {Ending::ended_early, "ended early"},
                                                {Ending::signal, "stopped by a signal"}};
  return name_in(kWords, ending);
}

}  // namespace legsup
