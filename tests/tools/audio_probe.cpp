// What a recording holds, for tests that listen: audio_probe FILE [--gap SECONDS] [--times FILE]
// reads raw 16-bit little-endian mono samples at 22050 Hz (or a WAV file) and prints one line a
// sound: its onset in seconds, its peak (of full scale), its pitch in Hz (from zero crossings)
// over its first 50 ms and over 40 ms just before its end, and its length:
//   "onset 2.0031 peak 0.201 pitch 528 end_pitch 440 length 0.89"
// A sound begins where the signal first rises above a threshold after at least --gap seconds
// (default 0.15) below it; speech, whose words have short silences, wants a longer gap.
// With --times (what timed_record wrote beside the recording), each line ends with "at SECONDS":
// the latest wall-clock time (as `date +%s.%N` gives it) at which its onset can have reached the
// sink.
// With --levels SECONDS, it prints instead the level of each window of that length, in dBFS
// (-120 for silence): of the whole, and of what is under 120 Hz (the low band, where an ambient
// sound is heard and no cue's tone is):
//   "at 2.00 level -31.2 low -40.3"
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr double kRate = 22050;

struct Read {
  long long samples;  // how many had come
  double at;          // when, in seconds of the wall clock
};

std::vector<Read> read_times(const std::string& path) {
  std::vector<Read> reads;
  std::ifstream in(path);
  long long bytes = 0, nanoseconds = 0;
  while (in >> bytes >> nanoseconds)
    reads.push_back({bytes / 2, static_cast<double>(nanoseconds) / 1e9});
  return reads;
}

// The latest time sample `index` can have come: every read that held it came after it did, by at
// least the samples read after it.
double time_of(const std::vector<Read>& reads, std::size_t index) {
  double latest = 0;
  bool any = false;
  for (const Read& read : reads) {
    if (read.samples <= static_cast<long long>(index)) continue;
    double bound =
        read.at - static_cast<double>(read.samples - static_cast<long long>(index)) / kRate;
    if (!any || bound < latest) latest = bound;
    any = true;
  }
  return latest;
}

// The pitch over `seconds` from `from`, from zero crossings.
double pitch_at(const std::vector<double>& samples, std::size_t from, double seconds) {
  std::size_t to = std::min(samples.size(), from + static_cast<std::size_t>(seconds * kRate));
  if (to <= from + 1) return 0;
  std::size_t crossings = 0;
  for (std::size_t j = from + 1; j < to; ++j) {
    if ((samples[j - 1] < 0) != (samples[j] < 0)) ++crossings;
  }
  return static_cast<double>(crossings) / (2 * static_cast<double>(to - from) / kRate);
}

std::vector<double> read_samples(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string bytes = buffer.str();
  std::size_t start = 0;
  if (bytes.rfind("RIFF", 0) == 0) {
    std::size_t data = bytes.find("data");
    start = data == std::string::npos ? bytes.size() : data + 8;
  }
  std::vector<double> samples;
  for (std::size_t i = start; i + 1 < bytes.size(); i += 2) {
    auto value = static_cast<std::int16_t>(static_cast<unsigned char>(bytes[i]) |
                                           (static_cast<unsigned char>(bytes[i + 1]) << 8));
    samples.push_back(value / 32768.0);
  }
  return samples;
}

// The level of each window, and of its low band (eight one-pole low-passes at 120 Hz: a cue's
// tone, from 392 Hz, is 80 dB down).
void print_levels(const std::vector<double>& samples, double window_seconds) {
  auto window = static_cast<std::size_t>(window_seconds * kRate);
  if (window == 0) return;
  const double step = 1 - std::exp(-2 * 3.141592653589793 * 120 / kRate);
  double low[8] = {};
  auto dbfs = [](double power) {
    return power > 0 ? std::max(-120.0, 10 * std::log10(power)) : -120.0;
  };
  for (std::size_t from = 0; from + window <= samples.size(); from += window) {
    double all = 0, under = 0;
    for (std::size_t i = from; i < from + window; ++i) {
      double value = samples[i];
      for (double& pole : low) {
        pole += step * (value - pole);
        value = pole;
      }
      all += samples[i] * samples[i];
      under += value * value;
    }
    std::printf("at %.2f level %.1f low %.1f\n", static_cast<double>(from) / kRate,
                dbfs(all / window), dbfs(under / window));
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr,
                 "usage: audio_probe FILE [--gap SECONDS] [--threshold LEVEL] [--times FILE] "
                 "[--levels SECONDS]\n");
    return 2;
  }
  double gap_seconds = 0.15;
  double threshold = 0.01;  // of full scale: far above a null sink's silence
  std::vector<Read> reads;
  double levels = 0;
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string option = argv[i];
    if (option == "--gap") gap_seconds = std::atof(argv[i + 1]);
    if (option == "--threshold") threshold = std::atof(argv[i + 1]);
    if (option == "--times") reads = read_times(argv[i + 1]);
    if (option == "--levels") levels = std::atof(argv[i + 1]);
  }
  std::vector<double> samples = read_samples(argv[1]);
  if (levels > 0) {
    print_levels(samples, levels);
    return 0;
  }
  auto gap = static_cast<std::size_t>(gap_seconds * kRate);
  std::size_t i = 0;
  std::size_t last_loud = 0;
  bool any = false;
  while (i < samples.size()) {
    if (std::fabs(samples[i]) < threshold) {
      ++i;
      continue;
    }
    // A new sound only after a long enough quiet; else it continues the one before.
    if (any && i - last_loud < gap) {
      last_loud = i++;
      continue;
    }
    std::size_t onset = i;
    double peak = 0;
    std::size_t end = i;
    for (std::size_t j = onset; j < samples.size(); ++j) {
      if (std::fabs(samples[j]) >= threshold) {
        end = j;
        peak = std::max(peak, std::fabs(samples[j]));
      } else if (j - end >= gap) {
        break;
      }
    }
    // Near its end: the 40 ms before its last 20 ms (a sound shorter than that: its start).
    auto before_end = static_cast<std::size_t>(0.06 * kRate);
    std::size_t late = end >= onset + before_end ? end - before_end : onset;
    std::printf("onset %.4f peak %.3f pitch %.0f end_pitch %.0f length %.2f", onset / kRate, peak,
                pitch_at(samples, onset, 0.05), pitch_at(samples, late, 0.04),
                (end - onset) / kRate);
    if (!reads.empty()) std::printf(" at %.4f", time_of(reads, onset));
    std::printf("\n");
    any = true;
    last_loud = end;
    i = end + 1;
  }
  return 0;
}
