// Writes a session log of N records (about 270 bytes each, one a day back from today at 22:00)
// for the benchmarks: bench/make_log FILE N
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

#include "legsup/log/record.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: make_log FILE N\n");
    return 2;
  }
  long count = std::atol(argv[2]);
  std::FILE* out = std::fopen(argv[1], "w");
  if (!out) return 1;
  legsup::SystemTimeZone zone;
  std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
  static const char* kVariants[] = {"wall", "bed", "hips-raised", "knees-bent"};
  for (long i = 0; i < count; ++i) {
    // Oldest first, several sessions a day, ending today.
    std::int64_t start = now - (count - i) * 600;
    legsup::Record record;
    record.start = zone.local(start);
    record.end = zone.local(start + 600);
    record.id = legsup::derived_record_id(std::to_string(i));  // any 32 hex digits will do
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
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), out);
  }
  return std::fclose(out) == 0 ? 0 : 1;
}
