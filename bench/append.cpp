// Times SessionLog::append: bench/append FILE COUNT prints the median microseconds of COUNT
// appends to FILE (each one: open, lock, one write, fsync, close).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "legsup/log/log.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: append FILE COUNT\n");
    return 2;
  }
  legsup::SessionLog log(argv[1]);
  int count = std::atoi(argv[2]);
  legsup::SystemTimeZone zone;
  legsup::Record record;
  record.start = zone.local(1764000000);
  record.end = zone.local(1764000600);
  record.held = record.planned = legsup::Milliseconds(600000);
  record.note = "benchmark";
  std::vector<double> micros;
  for (int i = 0; i < count; ++i) {
    auto begin = std::chrono::steady_clock::now();
    log.append(record);
    auto end = std::chrono::steady_clock::now();
    micros.push_back(std::chrono::duration<double, std::micro>(end - begin).count());
  }
  std::sort(micros.begin(), micros.end());
  std::printf("%.1f\n", micros[micros.size() / 2]);
  return 0;
}
