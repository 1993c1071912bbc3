// The terminal end of the libraries' JobHooks (base/job_hooks.h): progress
// bars and log lines on stderr, and Ctrl-C / SIGTERM as the stop request.
// Only app/ writes to the terminal; the libraries report through these.
#ifndef TENGEN_APP_TERMINAL_H_
#define TENGEN_APP_TERMINAL_H_

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "app/progress_bar.h"
#include "base/job_hooks.h"

namespace tengen {

class Terminal {
 public:
  // show_progress false: no bars (log lines still print). Installs the
  // Ctrl-C handlers (app/interrupt.h).
  explicit Terminal(bool show_progress = true);
  Terminal(const Terminal&) = delete;
  Terminal& operator=(const Terminal&) = delete;

  // Hooks for a library call: stop on Ctrl-C, one progress bar per task
  // (drawn until the task reports `finished`), log lines printed as they
  // come. Safe to call from several threads. Valid while this object lives.
  JobHooks Hooks();

  // Prints one line on stderr, above any bar in progress.
  void Print(std::string_view line);

 private:
  void OnProgress(const Progress& progress);

  const bool show_progress_;
  std::mutex mutex_;
  std::map<std::string, std::unique_ptr<ProgressBar>> bars_;
};

}  // namespace tengen

#endif  // TENGEN_APP_TERMINAL_H_
