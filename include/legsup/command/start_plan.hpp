// What `legsup start` decides, as pure functions: the plan from the settings, the options and
// the content (checked completely before the session starts), the record from the plan and how
// the session went, and the exit status. The program only runs the plan.
#pragma once

#include <optional>
#include <string>

#include "legsup/base/local_time.hpp"
#include "legsup/command/record_options.hpp"
#include "legsup/command/settings.hpp"
#include "legsup/content/content.hpp"
#include "legsup/log/record.hpp"
#include "legsup/session/ambient.hpp"
#include "legsup/session/screen_mode.hpp"
#include "legsup/session/session.hpp"
#include "legsup/session/session_loop.hpp"
#include "legsup/session/sound.hpp"

namespace legsup {

inline constexpr int kExitEndedEarly = 3;
// Not started, or the sound check not played: no cue could be heard (no sound player that works,
// no terminal to ring the bell on).
inline constexpr int kExitNotHeard = 4;

// start's options that are not settings.
struct StartRequest {
  RecordOptions record;  // the note, the ratings... (the variation and the pattern are settings)
  bool rate = false;
  bool no_log = false;
  bool quiet = false;
  bool plain = false;
  bool verbose = false;
};

// What the settings give is set by make_start_plan, from the settings table's defaults: the
// values here are only there to be overwritten.
struct StartPlan {
  SessionPlan session;
  const Variation* variant = nullptr;
  SoundKind sound{};
  int volume = 0;
  Speaking speaking;    // the voice's rate and name
  AmbientPlan ambient;  // a sound to fall asleep to, under the cues (chime and voice only)
  CueOptions cues;      // breath cues, interval bells, announcements, the steps of the way out
  ScreenMode screen{};
  bool cautions_read = false;  // --yes
  bool notify = false;
  bool allow_sleep = false;  // no lock that keeps the machine awake
  Record entry;              // the fields the record options set: the note, the ratings...
  bool rate = false;
  bool log = true;
  bool quiet = false;
  bool plain = false;
  bool verbose = false;  // say whether the machine stays awake

  bool operator==(const StartPlan&) const = default;
};

// The preset `legsup start` runs: the one named; with none named and no hold asked for, the one
// whose hours hold the time now (`by_the_hour`); else none.
struct StartPreset {
  std::optional<std::string> name;
  bool by_the_hour = false;
};
StartPreset choose_preset(const std::optional<std::string>& named, bool hold_given,
                          const ConfigFile& config, const LocalTime& now);

// Throws a usage Error naming the option for anything the settings did not already check.
StartPlan make_start_plan(const Settings& settings, const StartRequest& request,
                          const Content& content);

// The log's record of a session that ran from `start` to `end`.
Record session_record(const StartPlan& plan, const SessionOutcome& outcome, LocalTime start,
                      LocalTime end, std::string id);

// 0 completed, 3 ended early, 128 + N stopped by signal N.
int start_exit_status(const SessionOutcome& outcome);

// "completed", "ended early", "stopped by a signal".
std::string_view ending_words(Ending ending);

// The sound check of a session of this plan (sound_check_cues): what it plays, each named, keys
// included.
std::vector<std::pair<std::string, Cue>> sound_check(const StartPlan& plan);

// Every phrase the session may say (for a voice made before the session starts): those of its
// sound check, and, where keys may change the hold, every milestone's.
std::vector<std::string> spoken_phrases(const StartPlan& plan, bool keys);

}  // namespace legsup
