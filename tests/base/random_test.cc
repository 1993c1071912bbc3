// The generator and the seed derivation: fixed sequences, independence of
// derived seeds across purposes and indices.
#include "base/random.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <set>
#include <string>

namespace tengen {
namespace {

TEST(DeriveSeed, SameArgumentsSameSeed) {
  EXPECT_EQ(DeriveSeed(7, "selfplay-game", 3), DeriveSeed(7, "selfplay-game", 3));
  static_assert(DeriveSeed(1, "x", 2) == DeriveSeed(1, "x", 2), "usable at compile time");
}

TEST(DeriveSeed, PurposeIndexAndBaseEachChangeTheSeed) {
  std::set<uint64_t> seeds;
  int made = 0;
  for (uint64_t base : {0ull, 1ull, 2ull, ~0ull}) {
    for (const char* purpose : {"selfplay-game", "selfplay-worker", "trainer", "", "a", "b"}) {
      for (uint64_t index = 0; index < 50; ++index) {
        seeds.insert(DeriveSeed(base, purpose, index));
        ++made;
      }
    }
  }
  EXPECT_EQ(seeds.size(), static_cast<size_t>(made)) << "two argument lists gave the same seed";
}

TEST(DeriveSeed, NeighbouringIndicesGiveUnrelatedBits) {
  // Seeds for index i and i+1 differ in about half their bits (a plain
  // base + i would differ in one or two).
  int total_bits = 0;
  const int pairs = 1000;
  for (uint64_t i = 0; i < pairs; ++i) {
    total_bits += __builtin_popcountll(DeriveSeed(42, "game", i) ^ DeriveSeed(42, "game", i + 1));
  }
  const double mean = static_cast<double>(total_bits) / pairs;
  EXPECT_GT(mean, 30.0);
  EXPECT_LT(mean, 34.0);
}

TEST(Rng, SameSeedSameSequence) {
  Rng a(DeriveSeed(5, "test")), b(DeriveSeed(5, "test")), c(DeriveSeed(6, "test"));
  bool differs = false;
  for (int i = 0; i < 100; ++i) {
    const uint64_t x = a.Next();
    EXPECT_EQ(x, b.Next());
    differs |= x != c.Next();
  }
  EXPECT_TRUE(differs);
}

}  // namespace
}  // namespace tengen
