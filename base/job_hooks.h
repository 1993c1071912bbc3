// How a long-running library call talks to its caller: a stop token in,
// progress and log lines out. Libraries never print and never own progress
// bars; app/ turns these callbacks into terminal output (app/terminal.h), and
// tests record them. Every callback may be empty, which means "nobody is
// listening"; callbacks may be called from several threads of one job at
// once, so a listener that keeps state must lock.
#ifndef TENGEN_BASE_JOB_HOOKS_H_
#define TENGEN_BASE_JOB_HOOKS_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include "base/stop_token.h"

namespace tengen {

// Where a counted task stands, e.g. {"gen 3 selfplay", "games", 12, 40}.
struct Progress {
  std::string task;       // what runs; one bar per task
  std::string unit;       // what is counted, plural: "games", "steps"
  int64_t done = 0;       // so far, including `already`
  int64_t total = 0;      // when the task is complete
  int64_t already = 0;    // done before this run (a resumed job): shown, not in the rate
  bool finished = false;  // the task's last report
};

using ProgressCallback = std::function<void(const Progress&)>;
// One line of news for the user (no trailing newline), e.g. "worker w0:
// playing generation 3 with best.tgm" or "warning: ... is damaged".
using LogCallback = std::function<void(std::string_view line)>;

struct JobHooks {
  StopToken stop;
  ProgressCallback on_progress;
  LogCallback on_log;

  bool stop_requested() const { return stop.stop_requested(); }
  void Log(std::string_view line) const {
    if (on_log) on_log(line);
  }
};

// Reports one task's progress through a callback: a scoped helper for the
// library code that counts. Reports the start on construction and
// `finished` once (Finish or the destructor). With an empty callback it
// does nothing.
class ProgressReporter {
 public:
  ProgressReporter(ProgressCallback callback, std::string task, int64_t total, std::string unit,
                   int64_t already = 0)
      : callback_(std::move(callback)),
        progress_{.task = std::move(task),
                  .unit = std::move(unit),
                  .done = already,
                  .total = total,
                  .already = already} {
    Report();
  }
  ProgressReporter(const ProgressReporter&) = delete;
  ProgressReporter& operator=(const ProgressReporter&) = delete;
  ~ProgressReporter() { Finish(); }

  // Sets the amount done so far (including `already`).
  void Update(int64_t done) {
    if (progress_.finished) return;
    progress_.done = done;
    Report();
  }
  // The last report; later calls and updates do nothing.
  void Finish() {
    if (progress_.finished) return;
    progress_.finished = true;
    Report();
  }

 private:
  void Report() const {
    if (callback_) callback_(progress_);
  }

  ProgressCallback callback_;
  Progress progress_;
};

}  // namespace tengen

#endif  // TENGEN_BASE_JOB_HOOKS_H_
