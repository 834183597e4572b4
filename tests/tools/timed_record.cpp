// A recording whose samples can be put on the wall clock, for tests that measure how long a sound
// takes to reach the sink: timed_record FILE copies standard input (a recorder's raw samples) to
// FILE, and after each read appends a line "BYTES NANOSECONDS" to FILE.times: how many bytes had
// come, and when (CLOCK_REALTIME, as `date +%s%N` gives it). A sample came to the sink no later
// than the time of the first read that held it, less the samples read after it (audio_probe
// --times works that out).
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <ctime>
#include <string>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: timed_record FILE < RAW_SAMPLES\n");
    return 2;
  }
  std::string path = argv[1];
  int out = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  std::FILE* times = std::fopen((path + ".times").c_str(), "w");
  if (out < 0 || !times) {
    std::perror(path.c_str());
    return 1;
  }
  char buffer[4096];
  long long total = 0;
  for (;;) {
    ssize_t got = ::read(0, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    timespec now{};
    ::clock_gettime(CLOCK_REALTIME, &now);
    for (ssize_t done = 0; done < got;) {
      ssize_t wrote = ::write(out, buffer + done, static_cast<std::size_t>(got - done));
      if (wrote < 0 && errno == EINTR) continue;
      if (wrote <= 0) {
        std::perror(path.c_str());
        return 1;
      }
      done += wrote;
    }
    total += got;
    std::fprintf(times, "%lld %lld\n", total,
                 static_cast<long long>(now.tv_sec) * 1000000000LL + now.tv_nsec);
    std::fflush(times);
  }
  return std::fclose(times) == 0 && ::close(out) == 0 ? 0 : 1;
}
