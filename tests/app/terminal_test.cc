// The terminal end of the libraries' hooks: the progress bar's text, the
// durations it prints, and Terminal turning reports into lines on stderr.
#include "app/terminal.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "app/progress_bar.h"
#include "base/job_hooks.h"

namespace tengen {
namespace {

TEST(FormatDuration, MinutesSecondsAndHours) {
  EXPECT_EQ(FormatDuration(0), "0:00");
  EXPECT_EQ(FormatDuration(59.4), "0:59");
  EXPECT_EQ(FormatDuration(59.6), "1:00");
  EXPECT_EQ(FormatDuration(754), "12:34");
  EXPECT_EQ(FormatDuration(3661), "1:01:01");
  EXPECT_EQ(FormatDuration(-1), "?");
  EXPECT_EQ(FormatDuration(NAN), "?");
  EXPECT_EQ(FormatDuration(INFINITY), "?");
}

TEST(ProgressBarRender, ShowsDoneTotalRateAndTimeLeft) {
  std::FILE* sink = std::tmpfile();
  ProgressBar bar("selfplay", 20, "games", 0, sink);
  // 12 of 20 in 4 s: 3 games/s, 8 left: ETA 0:03 (2.67 s rounds to 3).
  EXPECT_EQ(bar.Render(12, 4.0),
            "selfplay [==============>         ] 12/20 games  3.0 games/s  ETA 0:03");
  EXPECT_EQ(bar.Render(0, 0.0),
            "selfplay [>                       ] 0/20 games  0.0 games/s  ETA ?");
  EXPECT_EQ(bar.Render(20, 10.0),
            "selfplay [========================] 20/20 games  2.0 games/s  ETA 0:00");
  bar.Finish();
  std::fclose(sink);
}

TEST(ProgressBarRender, WorkDoneBeforeAResumeIsShownButNotInTheRate) {
  std::FILE* sink = std::tmpfile();
  ProgressBar bar("train", 100, "steps", 50, sink);
  // 50 done before; 10 more in 5 s: 2 steps/s, 40 left: 20 s.
  EXPECT_EQ(bar.Render(60, 5.0),
            "train [==============>         ] 60/100 steps  2.0 steps/s  ETA 0:20");
  bar.Finish();
  std::fclose(sink);
}

TEST(ProgressBarRender, AnEmptyTaskIsAFullBar) {
  std::FILE* sink = std::tmpfile();
  ProgressBar bar("nothing", 0, "games", 0, sink);
  EXPECT_EQ(bar.Render(0, 1.0),
            "nothing [========================] 0/0 games  0.0 games/s  ETA 0:00");
  bar.Finish();
  std::fclose(sink);
}

TEST(TerminalTest, ProgressReportsBecomeABarAndLogLinesPrint) {
  Terminal terminal;
  const JobHooks hooks = terminal.Hooks();
  testing::internal::CaptureStderr();
  hooks.Log("eval: collapse");
  {
    ProgressReporter progress(hooks.on_progress, "collapse", 3, "steps");
    progress.Update(1);
    progress.Update(3);
  }
  const std::string text = testing::internal::GetCapturedStderr();
  EXPECT_NE(text.find("eval: collapse\n"), std::string::npos) << text;
  // Not a terminal here: the finished bar is one plain line.
  EXPECT_NE(text.find("collapse [========================] 3/3 steps"), std::string::npos) << text;
  EXPECT_FALSE(hooks.stop_requested());
}

TEST(TerminalTest, ATaskWithNothingToDoDrawsNoBar) {
  Terminal terminal;
  const JobHooks hooks = terminal.Hooks();
  testing::internal::CaptureStderr();
  { ProgressReporter progress(hooks.on_progress, "resumed", 5, "games", 5); }
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
}

TEST(TerminalTest, WithoutProgressOnlyLogLinesPrint) {
  Terminal terminal(/*show_progress=*/false);
  const JobHooks hooks = terminal.Hooks();
  EXPECT_FALSE(hooks.on_progress);
  testing::internal::CaptureStderr();
  {
    ProgressReporter progress(hooks.on_progress, "train", 2, "steps");
    progress.Update(2);
  }
  hooks.Log("done");
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "done\n");
}

TEST(ProgressReporterTest, ReportsStartUpdatesAndOneFinish) {
  std::vector<Progress> seen;
  {
    ProgressReporter progress([&](const Progress& p) { seen.push_back(p); }, "t", 4, "games", 1);
    progress.Update(2);
    progress.Finish();
    progress.Update(3);  // after Finish: ignored
  }                      // the destructor does not report again
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0].done, 1);
  EXPECT_EQ(seen[0].already, 1);
  EXPECT_FALSE(seen[0].finished);
  EXPECT_EQ(seen[1].done, 2);
  EXPECT_TRUE(seen[2].finished);
  EXPECT_EQ(seen[2].done, 2);
  ProgressReporter silent(ProgressCallback{}, "nobody", 1, "games");  // no listener: no effect
  silent.Update(1);
}

TEST(StopTokenTest, ADefaultTokenNeverStopsAndASourceStopsItsTokens) {
  EXPECT_FALSE(StopToken().stop_requested());
  StopSource source;
  const StopToken a = source.token(), b = source.token();
  EXPECT_FALSE(a.stop_requested());
  source.RequestStop();
  EXPECT_TRUE(a.stop_requested());
  EXPECT_TRUE(b.stop_requested());
  source.Reset();
  EXPECT_FALSE(a.stop_requested());
}

}  // namespace
}  // namespace tengen
