#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "legsup/log/log.hpp"
#include "legsup/log/log_reader.hpp"
#include "log_reading.hpp"
#include "temp_folder.hpp"

using namespace legsup;
using legsup::testing::last_sessions;

namespace {

Record make_record(int minute, const std::string& note = "") {
  Record record;
  record.start = *parse_rfc3339("2026-11-20T22:00:00+01:00");
  record.start.epoch_seconds += minute * 60;
  record.end = record.start;
  record.end.epoch_seconds += 600;
  record.held = record.planned = Milliseconds(600000);
  record.note = note.empty() ? "session " + std::to_string(minute) : note;
  return record;
}

std::string contents(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_raw(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::app);
  out << bytes;
}

struct Collected {
  std::vector<Record> records;
  std::vector<std::string> warnings;
};

Collected read_all(const SessionLog& log) {
  Collected collected;
  log.for_each([&](Record&& record) { collected.records.push_back(std::move(record)); },
               [&](const std::string& warning) { collected.warnings.push_back(warning); });
  return collected;
}

}  // namespace

TEST_CASE("records come back in the order they were appended") {
  TempFolder folder;
  SessionLog log(folder.file("sessions.jsonl"));
  for (int i = 0; i < 5; ++i)
    log.append(make_record(i));
  auto collected = read_all(log);
  REQUIRE(collected.records.size() == 5);
  CHECK(collected.warnings.empty());
  CHECK(collected.records[3].note == "session 3");
  CHECK(contents(log.path()).back() == '\n');
}

TEST_CASE("a missing log is an empty log") {
  TempFolder folder;
  SessionLog log(folder.file("none.jsonl"));
  CHECK(read_all(log).records.empty());
  CHECK(last_sessions(log, 10).empty());
}

TEST_CASE("folders are created 0700 and the file 0600 whatever the umask") {
  TempFolder folder;
  mode_t old_umask = ::umask(0);
  SessionLog log(folder.file("a/b/sessions.jsonl"));
  log.append(make_record(0));
  ::umask(old_umask);
  CHECK(mode_of(folder.file("a")) == 0700);
  CHECK(mode_of(folder.file("a/b")) == 0700);
  CHECK(mode_of(log.path()) == 0600);
}

TEST_CASE("a torn last line is kept and the next record starts on a new line") {
  TempFolder folder;
  SessionLog log(folder.file("sessions.jsonl"));
  log.append(make_record(0));
  std::string torn = format_record_line(make_record(1)).substr(0, 40);
  write_raw(log.path(), torn);
  std::string before = contents(log.path());
  log.append(make_record(2));
  std::string after = contents(log.path());
  CHECK(after.substr(0, before.size()) == before);  // nothing earlier changed
  CHECK(after.substr(before.size(), 1) == "\n");
  auto collected = read_all(log);
  REQUIRE(collected.records.size() == 2);
  CHECK(collected.records[1].note == "session 2");
  REQUIRE(collected.warnings.size() == 1);
  CHECK(collected.warnings[0].find(log.path() + ": line 2: skipped, not a valid record") == 0);
}

TEST_CASE("corrupt lines in the middle are skipped with their line numbers, and left alone") {
  TempFolder folder;
  SessionLog log(folder.file("sessions.jsonl"));
  log.append(make_record(0));
  write_raw(log.path(), "garbage\n\n{\"version\":1}\n\xff\xfe\n");
  log.append(make_record(1));
  std::string before = contents(log.path());
  auto collected = read_all(log);
  CHECK(collected.records.size() == 2);
  REQUIRE(collected.warnings.size() == 3);  // the blank line is not a warning
  CHECK(collected.warnings[0].find(": line 2: ") != std::string::npos);
  CHECK(collected.warnings[1].find(": line 4: ") != std::string::npos);
  CHECK(collected.warnings[1].find("no \"start\"") != std::string::npos);
  CHECK(collected.warnings[2].find(": line 5: ") != std::string::npos);
  CHECK(contents(log.path()) == before);
}

TEST_CASE("a line far too long is skipped without holding it in memory") {
  TempFolder folder;
  SessionLog log(folder.file("sessions.jsonl"));
  log.append(make_record(0));
  std::string long_line(10 * 1024 * 1024, 'x');
  long_line += '\n';
  write_raw(log.path(), long_line);
  log.append(make_record(1));
  auto collected = read_all(log);
  CHECK(collected.records.size() == 2);
  REQUIRE(collected.warnings.size() == 1);
  CHECK(collected.warnings[0].find("line 2: skipped, not a valid record (longer than") !=
        std::string::npos);
  auto last = last_sessions(log, 5, {}, [&](const std::string&) {});
  CHECK(last.size() == 2);
}

TEST_CASE("the last records are read from the end, oldest first, across blocks") {
  TempFolder folder;
  SessionLog log(folder.file("sessions.jsonl"));
  std::string padding(900, 'p');  // 3000 records of about 1.2 KB span many read blocks
  for (int i = 0; i < 3000; ++i)
    write_raw(log.path(), format_record_line(make_record(i, std::to_string(i) + padding)) + "\n");
  auto last = last_sessions(log, 3);
  REQUIRE(last.size() == 3);
  CHECK(last[0].note.rfind("2997", 0) == 0);
  CHECK(last[2].note.rfind("2999", 0) == 0);
  auto even = last_sessions(log, 2, [](const Record& r) { return r.note[3] == '8'; });
  REQUIRE(even.size() == 2);
  CHECK(even[0].note.rfind("2988", 0) == 0);
  CHECK(even[1].note.rfind("2998", 0) == 0);
  auto everything = last_sessions(log, 5000);
  CHECK(everything.size() == 3000);
  CHECK(everything.front().note.rfind("0p", 0) == 0);
}

TEST_CASE("reading from the end names skipped lines by their place from the end") {
  TempFolder folder;
  SessionLog log(folder.file("sessions.jsonl"));
  log.append(make_record(0));
  write_raw(log.path(), "oops\n");
  log.append(make_record(1));
  write_raw(log.path(), "torn{");
  std::vector<std::string> warnings;
  auto last = last_sessions(log, 2, {}, [&](const std::string& w) { warnings.push_back(w); });
  CHECK(last.size() == 2);
  REQUIRE(warnings.size() == 2);
  CHECK(warnings[0].find("1st line from the end") != std::string::npos);
  CHECK(warnings[1].find("3rd line from the end") != std::string::npos);
}

TEST_CASE("a failed write leaves the log byte for byte as it was") {
  TempFolder folder;
  SessionLog log(folder.file("sessions.jsonl"));
  for (int i = 0; i < 3; ++i)
    log.append(make_record(i));
  std::string before = contents(log.path());

  // In a child, a file size limit just above the current size makes the write fall short.
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    std::signal(SIGXFSZ, SIG_IGN);
    rlimit limit{static_cast<rlim_t>(before.size() + 20), static_cast<rlim_t>(before.size() + 20)};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    try {
      log.append(make_record(3, std::string(500, 'n')));
    } catch (const Error& error) {
      std::string message = error.what();
      ::_exit(message.find("cannot write to the log") == 0 ? 0 : 2);
    }
    ::_exit(1);  // the append should have failed
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(contents(log.path()) == before);
}

TEST_CASE(
    "a writer with patience asks it while the lock is held, and one that stops leaves the log as "
    "it was") {
  TempFolder folder;
  SessionLog log(folder.file("sessions.jsonl"));
  log.append(make_record(0));
  std::string before = contents(log.path());
  // Another open of the file holds the lock, as another process would.
  int holder = ::open(log.path().c_str(), O_RDONLY | O_CLOEXEC);
  REQUIRE(holder >= 0);
  REQUIRE(::flock(holder, LOCK_EX) == 0);
  int asked = 0;
  CHECK_THROWS_WITH_AS(log.append(make_record(1), [&] { return ++asked < 3; }),
                       doctest::Contains("another process holds it"), Error);
  CHECK(asked == 3);
  CHECK(contents(log.path()) == before);
  // Let go of: the record lands at once, patience not asked.
  ::close(holder);
  log.append(make_record(1), [&] { return ++asked < 0; });
  CHECK(asked == 3);
  CHECK(read_all(log).records.size() == 2);
}

TEST_CASE("lines appended in pieces land whole, or not at all: a failure midway takes back all") {
  TempFolder folder;
  SessionLog log(folder.file("sessions.jsonl"));
  log.append(make_record(0));
  std::string before = contents(log.path());
  std::string line = format_record_line(make_record(1, std::string(900, 'n'))) + "\n";
  const std::size_t lines = 4 * 1024;  // about 4 MiB: several pieces
  // What makes the lines fails after some pieces have landed: nothing of them is left.
  CHECK_THROWS_WITH_AS(log.append_stream([&](const SessionLog::AppendLines& write) {
    for (std::size_t i = 0; i < lines; ++i)
      write(line);
    CHECK(contents(log.path()).size() > before.size() + 2 * 1024 * 1024);  // pieces landed
    throw runtime_error("the file to merge changed");
  }),
                       "the file to merge changed", Error);
  CHECK(contents(log.path()) == before);
  // The disk fills midway (a file size limit, in a child): the same.
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    std::signal(SIGXFSZ, SIG_IGN);
    rlim_t size = before.size() + 2 * 1024 * 1024;
    rlimit limit{size, size};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    try {
      log.append_stream([&](const SessionLog::AppendLines& write) {
        for (std::size_t i = 0; i < lines; ++i)
          write(line);
      });
    } catch (const Error& error) {
      ::_exit(std::string(error.what()).find("cannot write to the log") == 0 ? 0 : 2);
    }
    ::_exit(1);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(contents(log.path()) == before);
  // And when nothing fails, every line lands.
  log.append_stream([&](const SessionLog::AppendLines& write) {
    for (std::size_t i = 0; i < lines; ++i)
      write(line);
  });
  CHECK(read_all(log).records.size() == lines + 1);
}

TEST_CASE("a log path that is a folder is an error, not a crash") {
  TempFolder folder;
  ::mkdir(folder.file("dir.jsonl").c_str(), 0700);
  SessionLog log(folder.file("dir.jsonl"));
  CHECK_THROWS_AS(log.append(make_record(0)), Error);
  CHECK_THROWS_AS(read_all(log), Error);
  CHECK_THROWS_AS(log.ensure_writable(), Error);
}

namespace {

// A record's line padded (with a member this version does not know) to exactly `bytes` bytes.
std::string record_line_of(std::size_t bytes, int minute) {
  std::string line = format_record_line(make_record(minute));
  line.pop_back();  // the closing brace
  std::string member = ",\"padding\":\"";
  std::size_t room = bytes - line.size() - member.size() - 2;
  return line + member + std::string(room, 'p') + "\"}";
}

// Blank lines of `bytes` bytes in all, newlines included: every reader passes over them.
std::string blank_lines(std::size_t bytes) {
  std::string text;
  while (bytes > 0) {
    std::size_t line = std::min<std::size_t>(bytes, 30000);
    text += std::string(line - 1, ' ') + "\n";
    bytes -= line;
  }
  return text;
}

// How many sessions each way of reading the log finds, and how many lines it skips.
struct Readings {
  std::size_t forward = 0, backward = 0, sessions = 0, last = 0, by_start = 0;
  std::size_t forward_skipped = 0, backward_skipped = 0, sessions_skipped = 0;
};

Readings read_every_way(const SessionLog& log) {
  Readings read;
  log.for_each_line([&](const LogLine&) { ++read.forward; },
                    [&](const std::string&) { ++read.forward_skipped; });
  log.for_each_line_from_end(
      [&](const LogLine&) {
        ++read.backward;
        return true;
      },
      [&](const std::string&) { ++read.backward_skipped; });
  LogReader reader(log, [&](const std::string&) { ++read.sessions_skipped; });
  reader.sessions([&](Record&&) { ++read.sessions; }, true);
  read.last = last_sessions(log, 1000).size();
  LogReader quiet(log, nullptr);
  LogSpan span = quiet.whole();
  quiet.sessions_by_start(span, nullptr, [&](Record&&) { ++read.by_start; });
  return read;
}

}  // namespace

TEST_CASE(
    "one line limit for every reader, wherever the line lies: inside a block or at its edge") {
  const std::size_t block = kLogReadBlockBytes;
  const std::string first = format_record_line(make_record(0)) + "\n";
  const std::string last = format_record_line(make_record(1)) + "\n";
  for (std::size_t length : {kMaxRecordLineBytes - 1, kMaxRecordLineBytes, kMaxRecordLineBytes + 1,
                             std::size_t{70000}}) {
    // Where the line starts, from the start of the file (the forward readers' blocks) and how
    // much follows it (the backward reader's blocks are counted from the end).
    for (std::size_t before : {std::size_t{2000}, block - length - 1, block - length,
                               block - length / 2, block, block + 1}) {
      for (std::size_t after : {std::size_t{1000}, block - length - 1, block - length,
                                block - length / 2, block - 1, block}) {
        TempFolder folder;
        SessionLog log(folder.file("sessions.jsonl"));
        write_raw(log.path(), first + blank_lines(before - first.size()) +
                                  record_line_of(length, 5) + "\n" +
                                  blank_lines(after - last.size()) + last);
        INFO("a line of " << length << " bytes after " << before << " bytes, before " << after);
        bool read = length <= kMaxRecordLineBytes;
        Readings got = read_every_way(log);
        CHECK(got.forward == (read ? 3 : 2));
        CHECK(got.backward == got.forward);
        CHECK(got.sessions == got.forward);
        CHECK(got.last == got.forward);
        CHECK(got.by_start == got.forward);
        CHECK(got.forward_skipped == (read ? 0 : 1));
        CHECK(got.backward_skipped == got.forward_skipped);
        CHECK(got.sessions_skipped == got.forward_skipped);
      }
    }
  }
}
