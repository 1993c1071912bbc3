// Small, fast, seedable pseudo-random generator for playouts and sampling.
#ifndef TENGEN_BASE_RANDOM_H_
#define TENGEN_BASE_RANDOM_H_

#include <cstdint>
#include <string_view>

namespace tengen {

// SplitMix64 step: a good 64-bit mixer, used to seed and to derive keys.
constexpr uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// The seed for one purpose and index derived from a base seed, e.g.
// DeriveSeed(run_seed, "selfplay-worker", w). Every stream of random numbers in
// Tengen starts from such a seed, so that streams for different purposes or
// indices are unrelated (no magic multipliers that can collide) and the same
// arguments always give the same seed, on every platform. The purpose is a
// short fixed name; index tells apart the members of one family (games,
// workers, generations).
constexpr uint64_t DeriveSeed(uint64_t base, std::string_view purpose, uint64_t index = 0) {
  uint64_t name_hash = 0xCBF29CE484222325ull;  // FNV-1a over the purpose
  for (const char c : purpose) {
    name_hash ^= static_cast<unsigned char>(c);
    name_hash *= 0x100000001B3ull;
  }
  uint64_t state = base;
  state = SplitMix64(state) ^ name_hash;
  state = SplitMix64(state) ^ index;
  return SplitMix64(state);
}

// xoshiro256** generator. The same seed always gives the same sequence, on
// every platform. Satisfies UniformRandomBitGenerator, so it works with
// <random> distributions too.
class Rng {
 public:
  using result_type = uint64_t;

  explicit Rng(uint64_t seed = 0) { Seed(seed); }

  void Seed(uint64_t seed) {
    uint64_t sm = seed;
    for (uint64_t& word : s_) word = SplitMix64(sm);
  }

  uint64_t Next() {
    const uint64_t result = RotateLeft(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = RotateLeft(s_[3], 45);
    return result;
  }

  uint64_t operator()() { return Next(); }
  static constexpr uint64_t min() { return 0; }
  static constexpr uint64_t max() { return ~uint64_t{0}; }

  // Uniform integer in [0, n) for 0 < n < 2^32, by multiply-shift
  // (Lemire's method without the rejection step: the bias is below 2^-32 n).
  uint32_t Below(uint32_t n) {
    return static_cast<uint32_t>(((Next() >> 32) * static_cast<uint64_t>(n)) >> 32);
  }

  // Uniform double in [0, 1).
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

 private:
  static constexpr uint64_t RotateLeft(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

}  // namespace tengen

#endif  // TENGEN_BASE_RANDOM_H_
