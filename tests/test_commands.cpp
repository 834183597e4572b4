// Commands run in microseconds on a fake machine: a fixed clock, captured output, a fresh folder.
#include <doctest/doctest.h>
#include <fmt/core.h>

#include <nlohmann/json.hpp>

#include "builtin_content.hpp"
#include "fake_machine.hpp"
#include "field_samples.hpp"
#include "legsup/command/start_plan.hpp"

using namespace legsup;
using legsup::testing::FakeMachine;

namespace {

// 2026-11-25 09:00 at +01:00.
constexpr std::int64_t kMorning = 1795593600;

}  // namespace

TEST_CASE("log add records the session with the clock's time and a new id, and says so") {
  FakeMachine machine;
  machine.clock.seconds = kMorning;
  CHECK(machine.run({"log", "add", "--minutes", "10", "--at", "yesterday 22:15", "--variant", "bed",
                     "--before", "stress=6", "--note", "slept well"}) == kExitOk);
  CHECK(machine.console.out_text == "Logged 10m on 2026-11-24 at 22:15 (id 000000000000).\n");
  auto lines = machine.log_lines();
  REQUIRE(lines.size() == 1);
  auto record = parse_record_line(lines[0]);
  REQUIRE(record.ok());
  CHECK(record->id == std::string(32, '0'));  // the first bytes the fake gives
  CHECK(record->start.rfc3339() == "2026-11-24T22:15:00+01:00");
  CHECK(record->end.rfc3339() == "2026-11-24T22:25:00+01:00");
  CHECK(record->held == Milliseconds(600000));
  CHECK(record->origin == Origin::manual);
  CHECK(record->before == Ratings{{"stress", 6}});
  CHECK(record->note == "slept well");

  // Without --at the session just ended.
  CHECK(machine.run({"log", "add", "--duration", "90s"}) == kExitOk);
  record = parse_record_line(machine.log_lines().at(1));
  CHECK(record->end.epoch_seconds == kMorning);
  CHECK(record->id == "01010101010101010101010101010101");
}

TEST_CASE("log add refuses bad input with usage errors that name the option, and writes nothing") {
  FakeMachine machine;
  machine.clock.seconds = kMorning;
  CHECK(machine.run({"log", "add"}) == kExitUsage);
  CHECK(machine.error == "log add needs --minutes N or --duration SPEC");
  CHECK(machine.run({"log", "add", "--minutes", "5", "--at", "tonight 23:00"}) == kExitUsage);
  CHECK(machine.error.find("in the future") != std::string::npos);
  CHECK(machine.run({"log", "add", "--minutes", "5", "--note", std::string(5000, 'n')}) ==
        kExitUsage);
  CHECK(machine.error == "--note is 5000 bytes long; a note holds at most 4096 bytes");
  CHECK(machine.log_lines().empty());
  // A time whose year a calendar cannot hold, on its own clock or in UTC: refused, the years
  // named (an iCalendar export of it once made calendars refuse the whole file).
  for (const char* outside : {"0000-01-01T00:00:00+01:00", "0001-01-01T00:00:00+23:59"}) {
    CHECK(machine.run({"log", "add", "--minutes", "5", "--at", outside}) == kExitUsage);
    CHECK(machine.error == fmt::format("invalid time \"{}\": the log holds times in the years "
                                       "0001 to 9999 only",
                                       outside));
    CHECK(machine.log_lines().empty());
  }
  // The earliest time the log holds, far from UTC: the end keeps the offset given, so the record
  // reads back as it was written.
  CHECK(machine.run({"log", "add", "--minutes", "5", "--at", "0001-01-01T23:59:00+23:59"}) ==
        kExitOk);
  auto written = parse_record_line(machine.log_lines().at(0));
  REQUIRE(written.ok());
  CHECK(written->end.rfc3339() == "0001-01-02T00:04:00+23:59");
}

TEST_CASE("log lists what log add wrote, as a table and as JSON") {
  FakeMachine machine;
  machine.clock.seconds = kMorning;
  machine.run({"log", "add", "--minutes", "12", "--at", "yesterday 22:00", "--note", "one"});
  machine.run({"log", "add", "--minutes", "8", "--at", "yesterday 21:00", "--note", "two"});
  CHECK(machine.run({"log"}) == kExitOk);
  // Oldest first by start, whatever the order they were logged in.
  CHECK(machine.console.out_text.find("two") < machine.console.out_text.find("one"));
  CHECK(machine.run({"log", "--json"}) == kExitOk);
  auto json = nlohmann::json::parse(machine.console.out_text);
  REQUIRE(json.size() == 2);
  CHECK(json[0]["note"] == "two");
  CHECK(json[1]["held_seconds"] == 720);
  CHECK(machine.run({"log", "--last", "1", "--json"}) == kExitOk);
  CHECK(nlohmann::json::parse(machine.console.out_text).size() == 1);
}

// Every field with an option, from the field list alone: a new one is tested here without a
// line of its own. Found when a field added as the README said (a member, a row, an option)
// reached log add but not start, and log edit refused it as no change.
// Found when a second edit of a note made in the same second as the first, whose id happened
// to sort after the second's, left the first in effect while log edit said "Changed".
TEST_CASE("the edit made last is the one in effect: in the same second, or after a clock ahead") {
  FakeMachine machine;
  machine.clock.seconds = kMorning;
  REQUIRE(machine.run({"log", "add", "--minutes", "10", "--at", "yesterday 22:15"}) == kExitOk);
  auto note = [&] {
    REQUIRE(machine.run({"log", "--json"}) == kExitOk);
    return nlohmann::json::parse(machine.console.out_text).at(0).at("note").get<std::string>();
  };
  // Ids that sort against the order the edits were made in, at one second.
  for (unsigned char next : {0xf0, 0x10, 0x05}) {
    machine.random.next = next;
    std::string text = fmt::format("edit {}", next);
    REQUIRE(machine.run({"log", "edit", "0000", "--note", text}) == kExitOk);
    CHECK(note() == text);
  }
  // An edit merged from a machine whose clock is an hour ahead, then one made here.
  std::string session(32, '0');
  std::ofstream(machine.log_path(), std::ios::app)
      << R"({"id":"ffffffffffffffffffffffffffffffff","version":1,"corrects":")" << session
      << R"(","at":"2026-11-25T10:00:00+01:00","set":{"note":"from the clock ahead"}})"
      << "\n";
  CHECK(note() == "from the clock ahead");
  machine.random.next = 0x20;
  REQUIRE(machine.run({"log", "edit", "0000", "--note", "made here, after"}) == kExitOk);
  CHECK(note() == "made here, after");
  // It reads as made just after the one it follows.
  auto last = parse_log_line(machine.log_lines().back());
  REQUIRE((last && last->correction));
  CHECK(last->correction->at.rfc3339() == "2026-11-25T10:00:01+01:00");
}

TEST_CASE("each field's option sets it through start, log add and log edit") {
  const Content& content = legsup::testing::builtin_content();
  int options = 0;
  for (const auto& field : record_fields()) {
    if (field.option.name.empty()) continue;
    ++options;
    std::string option(field.option.name);
    std::string value = legsup::testing::option_sample(field, content);
    INFO(option, " ", value);
    Record expected;
    apply_record_options({{std::string(field.key), value}}, content, expected);
    std::string wanted = legsup::testing::member_text(field, expected);
    REQUIRE(wanted != legsup::testing::member_text(field, Record{}));

    FakeMachine machine;
    machine.clock.seconds = kMorning;
    REQUIRE(machine.run({"log", "add", "--minutes", "10", option, value}) == kExitOk);
    auto added = parse_record_line(machine.log_lines().at(0));
    REQUIRE(added.ok());
    CHECK(legsup::testing::member_text(field, *added) == wanted);

    REQUIRE(machine.run({"log", "add", "--minutes", "5", "--at", "yesterday 21:00"}) == kExitOk);
    std::string edited = parse_record_line(machine.log_lines().at(1))->id;
    REQUIRE(machine.run({"log", "edit", edited.substr(0, 8), option, value}) == kExitOk);
    CHECK(machine.console.out_text.find(std::string(field.key)) != std::string::npos);
    REQUIRE(machine.run({"log", "--json"}) == kExitOk);
    auto json = nlohmann::json::parse(machine.console.out_text);
    CHECK(json.at(0).at(std::string(field.key)) ==
          nlohmann::json::parse(wanted).at(std::string(field.key)));

    // start: from its command line to its record, as run_start goes (through the settings,
    // where start takes the option as a setting).
    std::vector<std::string> words = {"legsup", "start", option, value};
    std::vector<char*> argv;
    for (auto& word : words)
      argv.push_back(word.data());
    const CommandSpec& root = legsup_command_line();
    Arguments arguments = parse_command_line(root, static_cast<int>(argv.size()), argv.data());
    Context context(
        arguments, *find_command(root, arguments.path),
        {machine.console, machine.clock, machine.zone, machine.random,
         Environment(std::map<std::string, std::string>(machine.env.begin(), machine.env.end()))});
    StartRequest request;
    request.record = session_entry_values(arguments);
    StartPlan plan = make_start_plan(context.settings(), request, content);
    Record started = session_record(plan, SessionOutcome{}, LocalTime{kMorning, 60},
                                    LocalTime{kMorning + 600, 60}, std::string(32, 'a'));
    CHECK(legsup::testing::member_text(field, started) == wanted);
  }
  CHECK(options >= 5);
}

TEST_CASE("log --ids lines up lines written before ids, whose ids are derived, under the header") {
  FakeMachine machine;
  machine.clock.seconds = kMorning;
  std::filesystem::create_directories(std::filesystem::path(machine.log_path()).parent_path());
  std::ofstream(machine.log_path(), std::ios::app)
      << R"({"version":1,"start":"2026-11-20T22:00:00Z","end":"2026-11-20T22:10:00Z",)"
      << R"("held_seconds":600,"ended":"completed","note":"old"})"
      << "\n";
  CHECK(machine.run({"log", "--ids"}) == kExitOk);
  std::istringstream table(machine.console.out_text);
  std::string header, row;
  std::getline(table, header);
  std::getline(table, row);
  // The second column starts after 12 digits of the id, in the header and in the row.
  CHECK(header.find("night") == 14);
  CHECK(row.find("2026-11-20") == 14);
}

TEST_CASE("config refuses a value the option would refuse, naming the key and the file") {
  FakeMachine machine;
  machine.write_config(R"({"variant": "nope"})");
  CHECK(machine.run({"config"}) == kExitFailure);
  CHECK(machine.error.rfind(machine.config_path() + ": \"variant\": unknown variation \"nope\"",
                            0) == 0);
  machine.write_config(R"({"settle": "11m"})");
  CHECK(machine.run({"config"}) == kExitFailure);
  CHECK(machine.error ==
        machine.config_path() + ": \"settle\": 11m is out of range: from 0 (none) to 10m");
}

TEST_CASE("config shows each setting's value and where it came from") {
  FakeMachine machine;
  machine.write_config(R"({"settle": "45s", "presets": {"bedtime": {"minutes": 12}}})");
  machine.env.emplace_back("LEGSUP_LOG", "/env.jsonl");
  CHECK(machine.run({"config", "--json"}) == kExitOk);
  auto json = nlohmann::json::parse(machine.console.out_text);
  CHECK(json["settle"]["value"] == "45s");
  CHECK(json["settle"]["source"] == machine.config_path());
  CHECK(json["log"]["source"] == "environment LEGSUP_LOG");
  CHECK(json["breath"]["source"] == "content default");
  CHECK(json["presets"]["bedtime"]["minutes"] == "12");
}

TEST_CASE("commands that read no setting work with a broken config, and say so once") {
  FakeMachine machine;
  machine.write_config("{ broken");
  CHECK(machine.run({"cautions"}) == kExitOk);
  CHECK(machine.console.err_text.rfind("legsup: warning: the config file is ignored: ", 0) == 0);
  CHECK(machine.console.out_text.find("CAUTIONS") != std::string::npos);
  CHECK(machine.run({"stats"}) == kExitFailure);
  CHECK(machine.error.find(":1:3: not valid JSON") != std::string::npos);
}

TEST_CASE("legsup help COMMAND prints what COMMAND --help prints") {
  FakeMachine machine;
  for (std::vector<std::string> path : {std::vector<std::string>{"start"}, {"log", "add"}, {}}) {
    std::vector<std::string> help_words = {"help"};
    help_words.insert(help_words.end(), path.begin(), path.end());
    machine.run(help_words);
    std::string via_help = machine.console.out_text;
    std::vector<std::string> flag_words = path;
    flag_words.push_back("--help");
    machine.run(flag_words);
    CHECK(via_help == machine.console.out_text);
    CHECK(via_help.rfind("Usage: legsup", 0) == 0);
  }
  CHECK(machine.run({"help", "stat"}) == kExitUsage);
  CHECK(machine.error == "no help for 'stat': there is no such command (did you mean 'stats'?)");
}

TEST_CASE("an unknown command or option names the nearest one") {
  FakeMachine machine;
  CHECK(machine.run({"stat"}) == kExitUsage);
  CHECK(machine.error == "unknown command \"stat\" (did you mean 'stats'?) (see 'legsup --help')");
  CHECK(machine.run({"log", "ad"}) == kExitUsage);
  CHECK(machine.error.rfind("unknown command \"log ad\" (did you mean 'add'?)", 0) == 0);
  CHECK(machine.run({"start", "--minuts", "3"}) == kExitUsage);
  CHECK(machine.error.rfind(
            "unknown option \"--minuts\" for 'legsup start' (did you mean '--minutes'?)", 0) == 0);
  CHECK(machine.run({"--log", "a", "--log", "b", "log"}) == kExitUsage);
  CHECK(machine.error.rfind("--log is given 2 times; give it once", 0) == 0);
  CHECK(machine.run({"--log", "", "log"}) == kExitUsage);
  CHECK(machine.error == "--log: an empty file name");
  CHECK(machine.run({"log", "--last", "0x10"}) == kExitUsage);
  CHECK(machine.run({"log", "--last", " 5"}) == kExitUsage);
}

TEST_CASE("an option takes one word: the word after it is the command's, or the next command") {
  FakeMachine machine;
  machine.clock.seconds = kMorning;
  REQUIRE(machine.run({"log", "add", "--minutes", "10"}) == kExitOk);
  std::string id = parse_record_line(machine.log_lines().at(0))->id;
  CHECK(machine.run({"log", "edit", "--note", "after the option", id.substr(0, 8)}) == kExitOk);
  CHECK(machine.run({"log", "--json"}) == kExitOk);
  CHECK(machine.console.out_text.find("after the option") != std::string::npos);
  CHECK(machine.run({"guide", "--variant", "bed", "setup"}) == kExitOk);
  CHECK(machine.run({"log", "--log", machine.log_path(), "--last", "1", "--csv"}) == kExitOk);
  CHECK(machine.run({"log", "--log", machine.log_path(), "merge", machine.log_path()}) == kExitOk);
  CHECK(machine.console.out_text.find("0 added, 2 already in the log") != std::string::npos);
  // Given twice, it is still said so; an argument too many is named.
  CHECK(machine.run({"log", "edit", "--note", "a", "--note", "b", id.substr(0, 8)}) == kExitUsage);
  CHECK(machine.error.rfind("--note is given 2 times; give it once", 0) == 0);
  CHECK(machine.run({"log", "edit", "--note", "a", id.substr(0, 8), "more"}) == kExitUsage);
  CHECK(machine.error.rfind("unexpected argument \"more\" for 'legsup log edit'", 0) == 0);
  // An option of `log` given to one of its commands is not silently dropped.
  CHECK(machine.run({"log", "add", "--minutes", "1", "--json"}) == kExitUsage);
  CHECK(machine.error.rfind("--json is an option of 'legsup log', not of 'legsup log add'", 0) ==
        0);
  CHECK(machine.run({"log", "rm", id.substr(0, 8), "--history", id.substr(0, 8)}) == kExitUsage);
  CHECK(machine.error.rfind("--history is an option of 'legsup log', not of 'legsup log rm'", 0) ==
        0);
  CHECK(machine.run({"log", "--last", "2", "undo"}) == kExitUsage);
  CHECK(machine.log_lines().size() == 2);  // nothing taken back
  // Without the id, that is what is said, not that "" is no id.
  CHECK(machine.run({"log", "edit", "--note", "a"}) == kExitUsage);
  CHECK(machine.error == "log edit needs the ID of a session (legsup log --ids shows them)");
  CHECK(machine.run({"log", "rm"}) == kExitUsage);
  CHECK(machine.error ==
        "log rm needs the ID of a session or a correction (legsup log --ids shows them)");
}

TEST_CASE("stats counts what the log holds, on the fake clock's date") {
  FakeMachine machine;
  machine.clock.seconds = kMorning;
  for (const char* at : {"2026-11-22 22:00", "2026-11-23 22:00", "yesterday 22:00"})
    machine.run({"log", "add", "--minutes", "10", "--at", at});
  CHECK(machine.run({"stats", "--json"}) == kExitOk);
  auto json = nlohmann::json::parse(machine.console.out_text);
  CHECK(json["sessions"] == 3);
  CHECK(json["total_minutes"] == 30);
  CHECK(json["current_streak_days"] == 3);
}

namespace {
template <class T>
concept ConsoleTakes = requires(Console& console, T text) {
  console.out(text);
  console.err(text);
};
template <class T>
concept ContextPrints = requires(Context& context, T text) {
  context.print(text);
};
}  // namespace

TEST_CASE("the console takes shown text only: nothing unescaped can be printed by mistake") {
  static_assert(!ConsoleTakes<std::string>);
  static_assert(!ConsoleTakes<std::string_view>);
  static_assert(!ContextPrints<std::string>);
  static_assert(ConsoleTakes<ShownText>);
  static_assert(ContextPrints<ShownText>);
  CHECK(ContextPrints<OwnWords>);
}

TEST_CASE(
    "complete refuses an index past the words, whatever its size, allocating nothing for it") {
  FakeMachine machine;
  CHECK(machine.run({"complete", "--", "1000000000000", "legsup"}) == kExitUsage);
  CHECK(machine.error == "complete: the index 1000000000000 is past the words given (1)");
  // The word after the last given is the one being typed.
  CHECK(machine.run({"complete", "--", "1", "legsup"}) == kExitOk);
  CHECK(machine.console.out_text.find("start\n") != std::string::npos);
}
