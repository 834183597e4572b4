// Writes a session log of N records (about 340 bytes each, one every ten minutes back from now)
// for the benchmarks, as a log that has lived looks: one session in a thousand written 500 lines
// late (logged by hand afterwards, or merged), one in a hundred edited later, one in a thousand
// removed. bench/make_log FILE N [SALT]: another SALT gives other ids (another machine's log).
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <string>
#include <utility>

#include "legsup/log/record.hpp"

namespace {

legsup::Correction correction(const std::string& id, const std::string& target,
                              const legsup::LocalTime& at) {
  legsup::Correction correction;
  correction.id = id;
  correction.corrects = target;
  correction.at = at;
  return correction;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 && argc != 4) {
    std::fprintf(stderr, "usage: make_log FILE N [SALT]\n");
    return 2;
  }
  long count = std::atol(argv[2]);
  std::string salt = argc == 4 ? argv[3] : "";
  std::FILE* out = std::fopen(argv[1], "w");
  if (!out) return 1;
  legsup::SystemTimeZone zone;
  std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
  static const char* kVariants[] = {"wall", "bed", "hips-raised", "knees-bent"};
  auto id_of = [&](const std::string& what) { return legsup::derived_record_id(salt + what); };
  auto write = [&](const std::string& line) {
    std::fwrite(line.data(), 1, line.size(), out);
    std::fputc('\n', out);
  };
  std::deque<std::pair<long, std::string>> late;  // lines held back, and after which they go
  for (long i = 0; i < count; ++i) {
    // Oldest first, several sessions a day, ending now.
    std::int64_t start = now - (count - i) * 600;
    legsup::Record record;
    record.start = zone.local(start);
    record.end = zone.local(start + 600);
    record.id = id_of(std::to_string(i));  // any 32 hex digits will do
    record.planned = legsup::Milliseconds(600000);
    record.held = legsup::Milliseconds((540 + i % 60) * 1000);
    record.ending = i % 7 == 0 ? legsup::Ending::ended_early : legsup::Ending::completed;
    record.settle = legsup::Milliseconds(30000);
    record.variant = kVariants[i % 4];
    record.breath = "long-exhale";
    record.note = i % 3 == 0 ? "felt calm afterwards" : "";
    record.before = {{"stress", static_cast<int>(i % 11)}, {"legs", static_cast<int>(i % 7)}};
    record.after = {{"stress", static_cast<int>(i % 5)}, {"legs", static_cast<int>(i % 3)}};
    std::string line = legsup::format_record_line(record);
    if (i % 1000 == 999 && i + 500 < count) {
      late.emplace_back(i + 500, line);
    } else {
      write(line);
    }
    while (!late.empty() && late.front().first == i) {
      write(late.front().second);
      late.pop_front();
    }
    // An edit of the session 50 before, and now and then a removal of the one 100 before.
    legsup::LocalTime at = zone.local(start + 60);
    if (i % 100 == 50) {
      auto edit = correction(id_of("edit " + std::to_string(i)), id_of(std::to_string(i - 50)), at);
      edit.changes.note = "edited the next day";
      edit.fields = {"note"};
      write(legsup::format_correction_line(edit));
    }
    if (i % 1000 == 600) {
      auto removal =
          correction(id_of("removal " + std::to_string(i)), id_of(std::to_string(i - 100)), at);
      removal.remove = true;
      write(legsup::format_correction_line(removal));
    }
  }
  return std::fclose(out) == 0 ? 0 : 1;
}
