#include "legsup/command/start_plan.hpp"

#include <algorithm>
#include <cmath>

#include "legsup/base/duration.hpp"
#include "legsup/base/enum_names.hpp"
#include "legsup/base/error.hpp"
#include "legsup/content/breathing.hpp"
#include "legsup/session/sound.hpp"

namespace legsup {

StartPlan make_start_plan(const Settings& settings, const StartRequest& request,
                          const Content& content) {
  StartPlan plan;
  // Every setting is in its type, with the table's default: nothing here reads text.
  plan.session.hold = settings.get<Milliseconds>("hold");
  plan.session.settle = settings.get<Milliseconds>("settle");
  plan.session.breath = settings.get<std::optional<BreathPattern>>("breath");
  if (const auto* variant = settings.get_if<const Variation*>("variant")) plan.variant = *variant;
  plan.sound = settings.get<SoundKind>("sound");
  plan.volume = settings.get<int>("volume");
  plan.speaking.rate = settings.get<int>("voice-rate");
  if (const auto* voice = settings.get_if<std::string>("voice")) plan.speaking.voice = *voice;
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

  apply_record_options(request.record, content, plan.entry);
  plan.rate = request.rate;
  plan.log = !request.no_log;
  plan.quiet = request.quiet;
  plan.plain = request.plain;
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
