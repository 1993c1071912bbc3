// ParsePlayerSpec: every kind of player, every model option, and an error
// that names the problem for each kind of bad spec.
#include "match/player_spec.h"

#include <gtest/gtest.h>

#include <string>

namespace tengen {
namespace {

// The error message of a spec that must fail.
std::string ErrorOf(std::string_view text) {
  absl::StatusOr<PlayerSpec> spec = ParsePlayerSpec(text);
  EXPECT_FALSE(spec.ok()) << text << " parsed";
  EXPECT_TRUE(absl::IsInvalidArgument(spec.status())) << spec.status();
  return std::string(spec.status().message());
}

TEST(PlayerSpecTest, RandomInAnyCase) {
  for (const char* text : {"random", "Random", "RANDOM"}) {
    absl::StatusOr<PlayerSpec> spec = ParsePlayerSpec(text);
    ASSERT_TRUE(spec.ok()) << spec.status();
    EXPECT_EQ(spec->kind, PlayerSpec::Kind::kRandom);
  }
}

TEST(PlayerSpecTest, GtpKeepsTheWholeCommandLine) {
  absl::StatusOr<PlayerSpec> spec =
      ParsePlayerSpec("gtp:/usr/games/gnugo --mode gtp --level 3, --chinese-rules");
  ASSERT_TRUE(spec.ok()) << spec.status();
  EXPECT_EQ(spec->kind, PlayerSpec::Kind::kGtp);
  EXPECT_EQ(spec->command_line, "/usr/games/gnugo --mode gtp --level 3, --chinese-rules");
  for (const char* empty : {"gtp:", "gtp:   "})
    EXPECT_NE(ErrorOf(empty).find("needs a command line"), std::string::npos);
}

TEST(PlayerSpecTest, AModelWithoutOptionsHasTheDefaults) {
  for (const char* text : {"model:nets/a.tgm", "nets/a.tgm"}) {
    absl::StatusOr<PlayerSpec> spec = ParsePlayerSpec(text);
    ASSERT_TRUE(spec.ok()) << text << ": " << spec.status();
    EXPECT_EQ(spec->kind, PlayerSpec::Kind::kModel);
    EXPECT_EQ(spec->model_path, "nets/a.tgm");
    const MoveChoiceOptions defaults;
    EXPECT_EQ(spec->choice.mode, defaults.mode);
    EXPECT_EQ(spec->choice.temperature, defaults.temperature);
    EXPECT_EQ(spec->choice.opening_moves, defaults.opening_moves);
    EXPECT_EQ(spec->choice.top_p, defaults.top_p);
    EXPECT_EQ(spec->symmetry, PlayerSpec{}.symmetry);
    EXPECT_EQ(spec->precision, AutoPrecision(CpuFlags()));
    EXPECT_EQ(spec->name, "");
  }
}

TEST(PlayerSpecTest, EveryModelOptionIsApplied) {
  absl::StatusOr<PlayerSpec> spec = ParsePlayerSpec(
      "b.tgm,policy=argmax,temperature=0.5,opening=8:1.5,top_p=0.9,symmetry=average,"
      "precision=fp32,name=Bee");
  ASSERT_TRUE(spec.ok()) << spec.status();
  EXPECT_EQ(spec->model_path, "b.tgm");
  EXPECT_EQ(spec->choice.mode, ChoiceMode::kArgmax);
  EXPECT_EQ(spec->choice.temperature, 0.5);
  EXPECT_EQ(spec->choice.opening_moves, 8);
  EXPECT_EQ(spec->choice.opening_temperature, 1.5);
  EXPECT_EQ(spec->choice.top_p, 0.9);
  EXPECT_EQ(spec->symmetry, SymmetryMode::kAverage);
  EXPECT_EQ(spec->precision, Precision::kFloat32);
  EXPECT_EQ(spec->name, "Bee");
}

TEST(PlayerSpecTest, SearchOptionsAreApplied) {
  absl::StatusOr<PlayerSpec> spec =
      ParsePlayerSpec("b.tgm,visits=64,search=gumbel,considered=4,playouts=0.5");
  ASSERT_TRUE(spec.ok()) << spec.status();
  EXPECT_TRUE(spec->searches());
  EXPECT_EQ(spec->visits, 64);
  EXPECT_EQ(spec->seconds, 0);
  EXPECT_EQ(spec->search.root_policy, RootPolicy::kGumbel);
  EXPECT_EQ(spec->search.gumbel_considered, 4);
  EXPECT_EQ(spec->search.playout_mix, 0.5);
  // A time limit alone searches too (PUCT, no visit limit).
  spec = ParsePlayerSpec("b.tgm,seconds=1");
  ASSERT_TRUE(spec.ok()) << spec.status();
  EXPECT_TRUE(spec->searches());
  EXPECT_EQ(spec->visits, 0);
  EXPECT_EQ(spec->seconds, 1);
  EXPECT_FALSE(ParsePlayerSpec("b.tgm")->searches());
}

TEST(PlayerSpecTest, BadSpecsNameTheirProblem) {
  EXPECT_NE(ErrorOf("alphago").find("is not understood"), std::string::npos);
  EXPECT_NE(ErrorOf("model:,name=a").find("needs a path"), std::string::npos);
  EXPECT_NE(ErrorOf("model:a.tgm,temperature").find("should be key=value"), std::string::npos);
  const std::string unknown = ErrorOf("model:a.tgm,colour=black");
  EXPECT_NE(unknown.find("unknown player option 'colour'"), std::string::npos) << unknown;
  const std::string not_number = ErrorOf("model:a.tgm,temperature=warm");
  EXPECT_NE(not_number.find("temperature"), std::string::npos) << not_number;
  EXPECT_NE(not_number.find("'warm' is not a number"), std::string::npos) << not_number;
  EXPECT_NE(ErrorOf("model:a.tgm,opening=8").find("MOVES:TEMPERATURE"), std::string::npos);
  EXPECT_NE(ErrorOf("model:a.tgm,opening=1.5:1").find("bad move count"), std::string::npos);
  EXPECT_NE(ErrorOf("model:a.tgm,opening=-2:1").find("bad move count"), std::string::npos);
  EXPECT_FALSE(ErrorOf("model:a.tgm,policy=greedy").empty());
  EXPECT_FALSE(ErrorOf("model:a.tgm,symmetry=twelve").empty());
  EXPECT_FALSE(ErrorOf("model:a.tgm,precision=fp8").empty());
  // Values that parse but are out of range fail the choice's own checks.
  EXPECT_FALSE(ErrorOf("model:a.tgm,temperature=-1").empty());
  EXPECT_FALSE(ErrorOf("model:a.tgm,top_p=0").empty());
  EXPECT_FALSE(ErrorOf("model:a.tgm,temperature=nan").empty());
  EXPECT_NE(ErrorOf("a.tgm,seconds=-1").find("seconds=-1"), std::string::npos);
  EXPECT_NE(ErrorOf("a.tgm,playouts=2").find("mix in [0, 1]"), std::string::npos);
  EXPECT_NE(ErrorOf("a.tgm,seconds=1,search=gumbel").find("needs visits"), std::string::npos);
  EXPECT_NE(ErrorOf("a.tgm,visits=1.5").find("whole number"), std::string::npos);
}

}  // namespace
}  // namespace tengen
