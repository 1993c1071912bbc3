// Which precisions a CPU can run, decided from its cpuinfo flags.
#include "policy/precision.h"

#include "gtest/gtest.h"

namespace tengen {
namespace {

// Flags lines as /proc/cpuinfo prints them (abridged), from the two kinds
// of machine this project runs on.
constexpr std::string_view kEpycAvx2 =
    " fpu vme sse sse2 ssse3 fma cx16 sse4_1 sse4_2 avx f16c avx2 bmi1 bmi2 adx sha_ni";
constexpr std::string_view kXeonAmx =
    " fpu sse2 avx avx2 avx512f avx512dq avx512cd avx512bw avx512vl avx512_bf16 avx512_vnni "
    "amx_bf16 amx_tile amx_int8";
constexpr std::string_view kSkylakeAvx512 = " avx2 avx512f avx512dq avx512cd avx512bw avx512vl";

TEST(PrecisionTest, Avx2OnlyLacksAllThreeAvx512Features) {
  EXPECT_EQ(MissingBFloat16Features(kEpycAvx2),
            (std::vector<std::string>{"avx512bw", "avx512vl", "avx512dq"}));
  EXPECT_FALSE(HasNativeBFloat16(kEpycAvx2));
}

TEST(PrecisionTest, Avx512RunsBf16AndOnlyAmxOrAvx512Bf16IsNative) {
  EXPECT_TRUE(MissingBFloat16Features(kXeonAmx).empty());
  EXPECT_TRUE(HasNativeBFloat16(kXeonAmx));
  EXPECT_TRUE(MissingBFloat16Features(kSkylakeAvx512).empty());
  EXPECT_FALSE(HasNativeBFloat16(kSkylakeAvx512));
}

TEST(PrecisionTest, FlagsMatchWholeWordsOnly) {
  EXPECT_EQ(MissingBFloat16Features(" avx512bwx avx512vl avx512dq"),
            (std::vector<std::string>{"avx512bw"}));
  EXPECT_FALSE(HasNativeBFloat16(" amx_bf16x avx512_bf16_extra"));
}

TEST(PrecisionTest, AutoPicksWhatThisCpuRuns) {
  absl::StatusOr<Precision> automatic = PrecisionFromName("AUTO");
  ASSERT_TRUE(automatic.ok());
  EXPECT_EQ(*automatic, AutoPrecision(CpuFlags()));
  EXPECT_TRUE(CheckPrecisionRunsOnCpu(*automatic).ok());
  EXPECT_TRUE(CheckPrecisionRunsOnCpu(Precision::kFloat32).ok());
}

TEST(PrecisionTest, AutoIsBf16WithAmxAndWinogradOtherwise) {
  EXPECT_EQ(AutoPrecision(" avx512f amx_bf16 amx_tile"), Precision::kBFloat16);
  EXPECT_EQ(AutoPrecision(" avx512f avx512bw avx512vl avx512dq avx512_bf16"), Precision::kWinograd);
  EXPECT_EQ(AutoPrecision(" avx2 fma"), Precision::kWinograd);
  EXPECT_EQ(AutoPrecision(""), Precision::kWinograd);
}

TEST(PrecisionTest, NamesRoundTrip) {
  for (Precision precision : {Precision::kFloat32, Precision::kBFloat16, Precision::kWinograd}) {
    absl::StatusOr<Precision> parsed = PrecisionFromName(PrecisionName(precision));
    ASSERT_TRUE(parsed.ok()) << PrecisionName(precision);
    EXPECT_EQ(*parsed, precision);
  }
  EXPECT_TRUE(CheckPrecisionRunsOnCpu(Precision::kWinograd).ok());  // any CPU: generic kernels
}

TEST(PrecisionTest, Bf16CheckNamesWhatIsMissing) {
  const absl::Status runs = CheckPrecisionRunsOnCpu(Precision::kBFloat16);
  const std::vector<std::string> missing = MissingBFloat16Features(CpuFlags());
  EXPECT_EQ(runs.ok(), missing.empty());
  for (const std::string& feature : missing)
    EXPECT_NE(std::string(runs.message()).find(feature), std::string::npos) << runs;
}

TEST(PrecisionTest, UnknownNamesAreErrors) {
  absl::StatusOr<Precision> bad = PrecisionFromName("fp16");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(std::string(bad.status().message()).find("fp32, bf16, winograd or auto"),
            std::string::npos);
}

}  // namespace
}  // namespace tengen
