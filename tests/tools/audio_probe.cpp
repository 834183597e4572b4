// What a recording holds, for tests that listen: audio_probe FILE [--gap SECONDS]
// reads raw 16-bit little-endian mono samples at 22050 Hz (or a WAV file) and prints one line a
// sound: its onset in seconds, its peak (of full scale), its pitch in Hz (from zero crossings)
// and its length:  "onset 2.0031 peak 0.201 pitch 528 length 0.89"
// A sound begins where the signal first rises above a threshold after at least --gap seconds
// (default 0.15) below it; speech, whose words have short silences, wants a longer gap.
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

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: audio_probe FILE [--gap SECONDS] [--threshold LEVEL]\n");
    return 2;
  }
  double gap_seconds = 0.15;
  double threshold = 0.01;  // of full scale: far above a null sink's silence
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string option = argv[i];
    if (option == "--gap") gap_seconds = std::atof(argv[i + 1]);
    if (option == "--threshold") threshold = std::atof(argv[i + 1]);
  }
  std::vector<double> samples = read_samples(argv[1]);
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
    std::size_t crossings = 0;
    std::size_t pitch_window =
        std::min(samples.size(), onset + static_cast<std::size_t>(0.05 * kRate));
    for (std::size_t j = onset + 1; j < pitch_window; ++j) {
      if ((samples[j - 1] < 0) != (samples[j] < 0)) ++crossings;
    }
    for (std::size_t j = onset; j < samples.size(); ++j) {
      if (std::fabs(samples[j]) >= threshold) {
        end = j;
        peak = std::max(peak, std::fabs(samples[j]));
      } else if (j - end >= gap) {
        break;
      }
    }
    double window = static_cast<double>(pitch_window - onset) / kRate;
    std::printf("onset %.4f peak %.3f pitch %.0f length %.2f\n", onset / kRate, peak,
                window > 0 ? crossings / (2 * window) : 0.0, (end - onset) / kRate);
    any = true;
    last_loud = end;
    i = end + 1;
  }
  return 0;
}
