#include "legsup/log/record_id.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cstdint>
#include <utility>

#include "legsup/base/json_reader.hpp"
#include "legsup/log/record.hpp"

namespace legsup {
namespace {

// MurmurHash3 (x64, 128 bits, seed 0), Austin Appleby's public-domain hash: fast over a long
// log, and fixed for good, so that an old line's id never changes.
std::uint64_t rotate_left(std::uint64_t x, int r) {
  return (x << r) | (x >> (64 - r));
}

std::uint64_t final_mix(std::uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ULL;
  k ^= k >> 33;
  return k;
}

std::uint64_t load_little_endian(const unsigned char* bytes, std::size_t count) {
  std::uint64_t value = 0;
  for (std::size_t i = count; i-- > 0;)
    value = (value << 8) | bytes[i];
  return value;
}

constexpr std::uint64_t kMurmurC1 = 0x87c37b91114253d5ULL;
constexpr std::uint64_t kMurmurC2 = 0x4cf5ad432745937fULL;

// A block's first and second 8 bytes, scrambled before they enter their half of the hash.
std::uint64_t scramble_first(std::uint64_t k) {
  return rotate_left(k * kMurmurC1, 31) * kMurmurC2;
}
std::uint64_t scramble_second(std::uint64_t k) {
  return rotate_left(k * kMurmurC2, 33) * kMurmurC1;
}

// One half of the hash after a block: its scrambled bytes in, turned, and the other half added.
std::uint64_t stir(std::uint64_t half, std::uint64_t scrambled, int turn, std::uint64_t other,
                   std::uint64_t add) {
  return (rotate_left(half ^ scrambled, turn) + other) * 5 + add;
}

std::pair<std::uint64_t, std::uint64_t> murmur3_128(std::string_view text) {
  const auto* data = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t length = text.size();
  std::size_t blocks = length / 16;
  std::uint64_t h1 = 0;
  std::uint64_t h2 = 0;
  for (std::size_t i = 0; i < blocks; ++i) {
    h1 = stir(h1, scramble_first(load_little_endian(data + i * 16, 8)), 27, h2, 0x52dce729);
    h2 = stir(h2, scramble_second(load_little_endian(data + i * 16 + 8, 8)), 31, h1, 0x38495ab5);
  }
  const unsigned char* tail = data + blocks * 16;
  std::size_t rest = length & 15;
  if (rest > 8) h2 ^= scramble_second(load_little_endian(tail + 8, rest - 8));
  if (rest > 0) h1 ^= scramble_first(load_little_endian(tail, std::min<std::size_t>(rest, 8)));
  h1 ^= length;
  h2 ^= length;
  h1 += h2;
  h2 += h1;
  h1 = final_mix(h1);
  h2 = final_mix(h2);
  h1 += h2;
  h2 += h1;
  return {h1, h2};
}

}  // namespace

std::string derived_record_id(std::string_view line) {
  auto [h1, h2] = murmur3_128(json_without_whitespace(line));
  return fmt::format("{:016x}{:016x}", h1, h2);
}

std::string record_id(const Record& record, std::string_view line) {
  return record.id.empty() ? derived_record_id(line) : record.id;
}

std::string record_id_from_bytes(const unsigned char (&random)[16]) {
  std::string id;
  for (unsigned char byte : random)
    id += fmt::format("{:02x}", byte);
  return id;
}

bool is_record_id(std::string_view text) {
  return text.size() == 32 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

}  // namespace legsup
