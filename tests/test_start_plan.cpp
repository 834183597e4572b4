#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "builtin_content.hpp"
#include "fake_machine.hpp"
#include "legsup/command/manual_entry.hpp"
#include "legsup/command/start_plan.hpp"

using namespace legsup;
using legsup::testing::builtin_content;

namespace {

Settings settings_with(std::map<std::string, std::string, std::less<>> options) {
  SettingInputs inputs;
  inputs.options = std::move(options);
  return resolve_settings(inputs, &builtin_content());
}

std::string usage_error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& error) {
    if (error.kind() == ErrorKind::usage) return error.what();
    return "(not a usage error) " + std::string(error.what());
  }
  return "";
}

}  // namespace

TEST_CASE("the plan takes the settings and the content's defaults") {
  StartPlan plan = make_start_plan(settings_with({}), {}, builtin_content());
  CHECK(plan.session.hold == Milliseconds(600000));  // the content's default: 10 minutes
  CHECK(plan.session.settle == Milliseconds(30000));
  REQUIRE(plan.session.breath.has_value());
  CHECK(plan.session.breath->id == "long-exhale");
  CHECK(plan.sound == SoundKind::bell);
  CHECK_FALSE(plan.cues.breath_cues);
  CHECK(plan.variant == nullptr);

  plan = make_start_plan(settings_with({{"duration", "90s"},
                                        {"settle", "0"},
                                        {"breath", "none"},
                                        {"variant", "bed"},
                                        {"sound", "chime"},
                                        {"breath-cues", "true"}}),
                         {}, builtin_content());
  CHECK(plan.session.hold == Milliseconds(90000));
  CHECK(plan.session.settle == Milliseconds(0));
  CHECK_FALSE(plan.session.breath.has_value());
  CHECK(plan.variant->id == "bed");
  CHECK(plan.sound == SoundKind::chime);
  CHECK(plan.cues.breath_cues);
}

TEST_CASE("the plan says the hold as it will be: ended with a whole breath, unless exact") {
  using std::chrono::seconds;
  // 10 minutes of 4-7-8 (a breath of 19 s) is 608 s: the title and the record say that.
  StartPlan plan = make_start_plan(settings_with({{"breath", "4-7-8"}}), {}, builtin_content());
  CHECK(plan.session.whole_breaths);
  CHECK(plan.session.hold == seconds(608));
  CHECK(plan.session.settle == seconds(30));
  SessionOutcome outcome;
  outcome.planned = plan.session.hold;
  outcome.held = plan.session.hold;
  Record record = session_record(plan, outcome, {}, {}, "0123456789abcdef0123456789abcdef");
  CHECK(record.planned == seconds(608));
  plan = make_start_plan(settings_with({{"breath", "4-7-8"}, {"exact", "true"}}), {},
                         builtin_content());
  CHECK(plan.session.hold == seconds(600));
  plan = make_start_plan(settings_with({{"breath", "none"}, {"minutes", "2.01"}}), {},
                         builtin_content());
  CHECK(plan.session.hold == Milliseconds(120600));
}

TEST_CASE("--bpm and --ratio pace the pattern; what cannot be paced is a usage error") {
  StartPlan plan = make_start_plan(
      settings_with({{"bpm", "6"}, {"ratio", "4:6"}, {"breath", "box"}}), {}, builtin_content());
  REQUIRE(plan.session.breath);
  CHECK(plan.session.breath->id == "4-0-6");
  Record record = session_record(plan, {}, {}, {}, "0123456789abcdef0123456789abcdef");
  CHECK(record.breath == "4-0-6");  // logged as its seconds, which --breath reads back
  plan = make_start_plan(settings_with({{"breath", "resonance"}}), {}, builtin_content());
  CHECK(plan.session.breath->inhale == Milliseconds(5500));
  CHECK(usage_error_of([] {
          make_start_plan(settings_with({{"bpm", "6"}, {"breath", "none"}}), {}, builtin_content());
        }) == "--bpm: there is no breathing pattern to pace (--breath none)");
  CHECK(usage_error_of([] {
          make_start_plan(settings_with({{"ratio", "1:30"}}), {}, builtin_content());
        })
            .rfind("--ratio: at the rate of long-exhale in the ratio 1:30, the inhale would last "
                   "0.3 s",
                   0) == 0);
}

TEST_CASE("a rate that cannot pace names where it and the pattern were given, typed or not") {
  auto parsed = parse_config(R"({"bpm": 6, "presets": {"still": {"breath": "none"}}})",
                             "/home/me/config.json");
  REQUIRE(parsed.ok());
  SettingInputs inputs;
  inputs.config = std::move(parsed).value();
  REQUIRE_FALSE(read_config_with_content(inputs.config, builtin_content()));
  inputs.preset = "still";
  Settings settings = resolve_settings(inputs, &builtin_content());
  CHECK(usage_error_of([&] { make_start_plan(settings, {}, builtin_content()); }) ==
        "\"bpm\" in /home/me/config.json: there is no breathing pattern to pace (\"breath\": "
        "\"none\" in preset still in /home/me/config.json)");
  inputs.options = {{"ratio", "1:30"}};
  inputs.preset.reset();
  settings = resolve_settings(inputs, &builtin_content());
  CHECK(usage_error_of([&] {
          make_start_plan(settings, {}, builtin_content());
        }).rfind("--ratio: at 6 breaths a minute", 0) == 0);
}

TEST_CASE("every setting of start reaches the plan") {
  // A setting that start takes but the plan leaves out would be accepted and do nothing.
  for (const auto& spec : setting_specs()) {
    if (spec.scope != SettingScope::start) continue;
    CAPTURE(spec.key);
    // The ambient sound's settings reach the plan with a sound that carries it.
    std::map<std::string, std::string, std::less<>> base;
    if (spec.key.starts_with("ambient")) base = {{"sound", "chime"}, {"ambient", "rain"}};
    if (spec.key == "ambient") base.erase("ambient");
    StartPlan defaults = make_start_plan(settings_with(base), {}, builtin_content());
    base[std::string(spec.key)] = std::string(spec.example);
    StartPlan plan = make_start_plan(settings_with(base), {}, builtin_content());
    CHECK_FALSE(plan == defaults);
  }
}

TEST_CASE(
    "an ambient sound plays under the chime or the voice; with the bell or none it is refused") {
  StartPlan plan = make_start_plan(
      settings_with({{"sound", "voice"}, {"ambient", "pink"}, {"ambient-after", "10m"}}), {},
      builtin_content());
  CHECK(plan.ambient == AmbientPlan{AmbientKind::pink, 30, std::chrono::minutes(10)});
  CHECK(make_start_plan(settings_with({}), {}, builtin_content()).ambient.kind ==
        AmbientKind::none);
  CHECK(usage_error_of([] {
          make_start_plan(settings_with({{"ambient", "rain"}}), {}, builtin_content());
        }) ==
        "--ambient rain needs --sound chime or voice: the terminal's bell cannot play a "
        "sound under the cues");
  CHECK(usage_error_of([] {
          make_start_plan(settings_with({{"ambient", "brown"}, {"sound", "none"}}), {},
                          builtin_content());
        }) == "--ambient brown needs --sound chime or voice: --sound none plays nothing");
  // With none named, the bell is fine whatever the other ambient settings say; with none named
  // nowhere, an ambient's shape typed would do nothing, and is refused.
  CHECK_NOTHROW(make_start_plan(settings_with({{"ambient", "none"}, {"ambient-after", "5m"}}), {},
                                builtin_content()));
  CHECK(usage_error_of([] {
          make_start_plan(settings_with({{"ambient-after", "5m"}}), {}, builtin_content());
        }) ==
        "--ambient-after 5m: there is no ambient sound to shape (--ambient brown, pink or "
        "rain plays one, under --sound chime or voice)");
  CHECK(usage_error_of([] {
          make_start_plan(settings_with({{"sound", "chime"}, {"ambient-volume", "20"}}), {},
                          builtin_content());
        }) ==
        "--ambient-volume 20: there is no ambient sound to shape (--ambient brown, pink or "
        "rain plays one)");
  // Where the config file gave the ambient, the message says so.
  auto parsed = parse_config(R"({"ambient": "rain", "sound": "none"})", "/home/me/config.json");
  REQUIRE(parsed.ok());
  SettingInputs inputs;
  inputs.config = std::move(parsed).value();
  Settings from_file = resolve_settings(inputs, &builtin_content());
  CHECK(usage_error_of([&] { make_start_plan(from_file, {}, builtin_content()); }) ==
        "\"ambient\": \"rain\" in /home/me/config.json needs --sound chime or voice: \"sound\": "
        "\"none\" in /home/me/config.json plays nothing");
  CHECK(usage_error_of([] {
          settings_with({{"ambient-after", "3h"}});
        }) == "--ambient-after: 3h is out of range: from 0 (none) to 2h");
  CHECK(usage_error_of([] {
          settings_with({{"ambient-volume", "101"}});
        }) == "--ambient-volume: invalid volume \"101\": expected a whole number from 0 to 100");
}

TEST_CASE("the plan checks the record options as log add does") {
  StartRequest request;
  request.record["note"] = std::string(4097, 'n');
  CHECK(usage_error_of([&] { make_start_plan(settings_with({}), request, builtin_content()); }) ==
        "--note is 4097 bytes long; a note holds at most 4096 bytes");
  request.record["note"] = "\xff";
  CHECK(usage_error_of([&] { make_start_plan(settings_with({}), request, builtin_content()); }) ==
        "--note is not valid UTF-8 text");
  request.record.erase("note");
  request.record["before"] = "mood=3";
  CHECK(usage_error_of([&] {
          make_start_plan(settings_with({}), request, builtin_content());
        }).rfind("--before: invalid ratings \"mood=3\"", 0) == 0);
}

TEST_CASE("the record of a session is made from the plan and how it went") {
  StartRequest request;
  request.record["note"] = "calm";
  request.record["before"] = "stress=7";
  StartPlan plan = make_start_plan(settings_with({{"variant", "bed"}}), request, builtin_content());
  SessionOutcome outcome;
  outcome.ending = Ending::signal;
  outcome.signal = 15;
  outcome.planned = Milliseconds(600000);
  outcome.held = Milliseconds(65432);
  outcome.settled = Milliseconds(30000);
  outcome.slept = Milliseconds(310000);
  LocalTime start{1795593600, 60};
  LocalTime end{1795593700, 60};
  Record record = session_record(plan, outcome, start, end, "0123456789abcdef0123456789abcdef");
  CHECK(record.origin == Origin::timer);
  CHECK(record.ending == Ending::signal);
  CHECK(record.signal == 15);
  CHECK(record.held == Milliseconds(65432));
  CHECK(record.settle == Milliseconds(30000));
  CHECK(record.slept == Milliseconds(310000));  // the machine slept: the record says how long
  CHECK(record.variant == "bed");
  CHECK(record.breath == "long-exhale");
  CHECK(record.note == "calm");
  CHECK(record.before == Ratings{{"stress", 7}});
  CHECK(record.start == start);
  CHECK_FALSE(unwritable_reason(record).has_value());
}

TEST_CASE("the exit status says how the session ended") {
  SessionOutcome outcome;
  CHECK(start_exit_status(outcome) == 0);
  outcome.ending = Ending::ended_early;
  CHECK(start_exit_status(outcome) == 3);
  outcome.ending = Ending::signal;
  outcome.signal = 2;
  CHECK(start_exit_status(outcome) == 130);
  outcome.signal = 3;
  CHECK(start_exit_status(outcome) == 131);
}

TEST_CASE("a session logged by hand: its start, its end on the same clock, and its checks") {
  legsup::testing::FixedZone zone(60);
  LocalTime now{1795593600, 60};  // 2026-11-25 09:00 +01:00
  ManualEntry entry;
  entry.minutes = "10";
  entry.at = "2026-11-24T22:15:00-05:00";
  Record record = make_manual_record(entry, builtin_content(), now, zone, 0, "");
  CHECK(record.start.rfc3339() == "2026-11-24T22:15:00-05:00");
  // The end keeps the offset the start was given in.
  CHECK(record.end.rfc3339() == "2026-11-24T22:25:00-05:00");
  entry.at.reset();
  record = make_manual_record(entry, builtin_content(), now, zone, 0, "");
  CHECK(record.end.epoch_seconds == now.epoch_seconds);
  // A start at the very end of what the log can hold: its end would not fit.
  LocalTime far_future{253402300700, 0};  // 9999-12-31T23:58:20Z
  entry.at = "now";
  CHECK(usage_error_of([&] {
          make_manual_record(entry, builtin_content(), far_future, zone, 0, "");
        }).find("the log holds times in the years 0001 to 9999 only") != std::string::npos);
  entry.at = "today 23:00";
  CHECK(usage_error_of([&] {
          make_manual_record(entry, builtin_content(), now, zone, 0, "");
        }).find("that is in the future") != std::string::npos);
  entry.at.reset();
  entry.minutes.reset();
  CHECK(usage_error_of([&] { make_manual_record(entry, builtin_content(), now, zone, 0, ""); }) ==
        "log add needs --minutes N or --duration SPEC");
}

TEST_CASE("a session may not end after now, but for a minute's grace") {
  LocalTime now{1795593600, 60};  // 2026-11-25 09:00 +01:00
  LocalTime start{now.epoch_seconds - 600, 60};
  CHECK_FALSE(end_after_now(start, now, now));
  CHECK_FALSE(end_after_now(start, LocalTime{now.epoch_seconds + kEndGraceSeconds, 60}, now));
  auto why = end_after_now(start, LocalTime{now.epoch_seconds + 3 * 3600, 60}, now);
  REQUIRE(why);
  CHECK(
      *why ==
      "the session would end at 2026-11-25T12:00:00+01:00, after now (2026-11-25T09:00:00+01:00): "
      "a session ends by now; start it at 2026-11-25T05:50:00+01:00 or earlier, or at most 10m "
      "from its start");
  // log add --at now: the session typed would end after now.
  legsup::testing::FixedZone zone(60);
  ManualEntry entry;
  entry.minutes = "10";
  entry.at = "now";
  CHECK(usage_error_of([&] {
          make_manual_record(entry, builtin_content(), now, zone, 0, "");
        }).rfind("--at \"now\": the session would end at 2026-11-25T09:10:00+01:00", 0) == 0);
  entry.minutes = "1";
  CHECK(make_manual_record(entry, builtin_content(), now, zone, 0, "").end.epoch_seconds ==
        now.epoch_seconds + 60);
}

// Found when a cue's words were written twice (the cues and the voice's list): a cue whose
// words the voice was not given is heard as a chime.
TEST_CASE("the voice is made for every phrase a session may say, and for no other") {
  StartPlan plan = make_start_plan(settings_with({{"minutes", "7"},
                                                  {"breath", "4-7-8"},
                                                  {"breath-cues", "true"},
                                                  {"announce", "true"},
                                                  {"interval", "1m"},
                                                  {"come-out", "40s"}}),
                                   {}, builtin_content());
  std::vector<std::string> phrases = spoken_phrases(plan, true);
  auto said = [&](const std::string& words) {
    return std::find(phrases.begin(), phrases.end(), words) != phrases.end();
  };
  // The session on its own clock, looked at every 50 ms: every cue it makes.
  Session session(plan.session, SteadyTime{});
  SessionView last = session.at(SteadyTime{});
  std::vector<Cue> cues = {first_cue(last)};
  for (auto at = Milliseconds(50); last.phase != Phase::done; at += Milliseconds(50)) {
    SessionView next = session.at(at);
    for (const auto& due : cues_between(last, next, plan.cues))
      cues.push_back(due.cue);
    last = next;
  }
  for (auto action :
       {KeyAction::pause, KeyAction::resume, KeyAction::more, KeyAction::less, KeyAction::quit})
    cues.push_back(key_cue(action));
  // + at three hours, - at its floor, and the reminder while paused (every 3 minutes unless set).
  cues.push_back(key_cue(KeyAction::more, HoldChange::none));
  cues.push_back(key_cue(KeyAction::less, HoldChange::to_limit));
  cues.push_back(cue_of(CueKind::still_paused));
  std::set<CueKind> kinds;
  for (const auto& cue : cues) {
    kinds.insert(cue.kind);
    if (!cue.words.empty()) CHECK_MESSAGE(said(cue.words), cue.words);
  }
  // Every kind of the table is made by such a session, but the hold after an exhale (4-7-8 has
  // none): a row no session plays would be a cue nobody hears.
  for (const auto& spec : kCueKinds)
    CHECK_MESSAGE((kinds.count(spec.kind) == 1 || spec.kind == CueKind::hold_out), spec.name);
  // Without keys, breath cues or milestones, none of their words is made.
  StartPlan quiet = make_start_plan(settings_with({}), {}, builtin_content());
  for (const auto& words : spoken_phrases(quiet, false)) {
    for (const auto& spec : kCueKinds) {
      if (spec.words == words) CHECK_MESSAGE(spec.group == CueGroup::phase, words);
    }
  }
}

TEST_CASE("start without a preset or a hold runs the preset of the hour; outside it, the default") {
  auto parsed = parse_config(R"({"presets": {"bedtime": {"minutes": 12, "when": "21:00-04:00"},
                                             "quick": {"minutes": 3}}})",
                             "c.json");
  REQUIRE(parsed.ok());
  const ConfigFile& config = *parsed;
  LocalTime late{1795640400, 60};  // 22:00 local
  LocalTime noon{1795604400, 60};  // 12:00 local
  REQUIRE(format_hhmm(late) == "22:00");
  REQUIRE(format_hhmm(noon) == "12:00");
  StartPreset chosen = choose_preset(std::nullopt, false, config, late);
  CHECK(chosen.name == "bedtime");
  CHECK(chosen.by_the_hour);
  // Outside every window: today's default, no preset.
  chosen = choose_preset(std::nullopt, false, config, noon);
  CHECK_FALSE(chosen.name.has_value());
  CHECK_FALSE(chosen.by_the_hour);
  // A preset named, or a hold asked for, is what is run.
  chosen = choose_preset(std::string("quick"), false, config, late);
  CHECK(chosen.name == "quick");
  CHECK_FALSE(chosen.by_the_hour);
  chosen = choose_preset(std::nullopt, true, config, late);
  CHECK_FALSE(chosen.name.has_value());
}
