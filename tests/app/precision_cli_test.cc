// Precision choice as a user meets it, on whatever CPU this is: bf16 runs
// where oneDNN can run it and is a clear, early error elsewhere.
#include <string>

#include "gtest/gtest.h"
#include "policy/precision.h"
#include "tests/support/run_tengen.h"

namespace tengen {
namespace {

bool Bf16Runs() { return CheckPrecisionRunsOnCpu(Precision::kBFloat16).ok(); }

int CountLines(const std::string& text, const std::string& needle) {
  int count = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
    ++count;
  return count;
}

TEST(PrecisionCliTest, BenchNnPrintsFp32AndSaysWhetherBf16Runs) {
  const CommandResult run =
      Tengen("bench nn --dtype fp32,bf16 --batch 1,2 --seconds 0.02 --agreement 0");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(CountLines(run.output, R"("bench":"nn","batch")"), Bf16Runs() ? 4 : 2) << run.output;
  EXPECT_EQ(CountLines(run.output, R"("dtype":"fp32")"), 3) << "two figures and a ceiling";
  if (Bf16Runs()) {
    EXPECT_EQ(run.output.find("\"available\":false"), std::string::npos) << run.output;
  } else {
    EXPECT_EQ(CountLines(run.output, R"({"bench":"nn","dtype":"bf16","available":false)"), 1)
        << run.output;
    EXPECT_NE(run.output.find("avx512bw"), std::string::npos) << run.output;
  }
}

TEST(PrecisionCliTest, Bf16AloneFailsCleanlyWhereItCannotRun) {
  if (Bf16Runs()) GTEST_SKIP() << "this CPU runs bf16 (it has avx512bw, avx512vl, avx512dq)";
  const CommandResult bench = Tengen("bench nn --dtype bf16 --batch 1 --seconds 0.02");
  EXPECT_EQ(bench.exit_code, 1) << bench.output;
  EXPECT_NE(bench.output.find("none of the precisions"), std::string::npos) << bench.output;
  const CommandResult selfplay =
      Tengen("bench selfplay --precision bf16 --parallel 2 --seconds 0.05");
  EXPECT_EQ(selfplay.exit_code, 2) << selfplay.output;
  EXPECT_NE(selfplay.output.find("precision bf16 cannot run on this CPU"), std::string::npos)
      << selfplay.output;
  EXPECT_NE(selfplay.output.find("lacks"), std::string::npos) << selfplay.output;
}

TEST(PrecisionCliTest, AutoAlwaysRuns) {
  const CommandResult run = Tengen("bench selfplay --precision auto --parallel 2 --seconds 0.05");
  EXPECT_EQ(run.exit_code, 0) << run.output;
  const std::string expected(PrecisionName(AutoPrecision(CpuFlags())));
  EXPECT_NE(run.output.find("\"dtype\":\"" + expected + "\"}"), std::string::npos) << run.output;
}

TEST(PrecisionCliTest, BenchNnReportsThePeakAndTheWinogradPathOnEveryCpu) {
  const CommandResult run =
      Tengen("bench nn --dtype winograd --batch 1,16 --seconds 0.02 --agreement 50");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(CountLines(run.output, R"({"bench":"nn_fma_peak","kernels":")"), 1) << run.output;
  EXPECT_EQ(CountLines(run.output, R"("dtype":"winograd","evals_per_s")"), 2) << run.output;
  EXPECT_EQ(CountLines(run.output, R"("of_fma_peak":)"), 2) << run.output;
  EXPECT_NE(run.output.find(R"("dtype":"winograd","versus":"fp32","positions":50,"top1":1.0000)"),
            std::string::npos)
      << run.output;
}

TEST(PrecisionCliTest, UnknownKernelsAreAUsageError) {
  const CommandResult run = Tengen("bench nn --kernels sse9 --batch 1 --seconds 0.02");
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("--kernels sse9: this CPU runs"), std::string::npos) << run.output;
}

}  // namespace
}  // namespace tengen
