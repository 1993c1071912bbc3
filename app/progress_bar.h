// The terminal's progress bar for long jobs (app/terminal.h draws one per
// task the libraries report), on stderr: done/total, rate and time left.
// On a terminal it redraws one line in place (at most five times a second);
// elsewhere (logs, CI) it prints a plain line every few seconds.
#ifndef TENGEN_APP_PROGRESS_BAR_H_
#define TENGEN_APP_PROGRESS_BAR_H_

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace tengen {

class ProgressBar {
 public:
  // label: what runs, e.g. "selfplay"; unit: what is counted, e.g. "games".
  // `already` counts work done before this run (a resumed job), which is
  // shown but not used for the rate.
  ProgressBar(std::string label, int64_t total, std::string unit, int64_t already = 0,
              FILE* out = stderr);
  ~ProgressBar() { Finish(); }

  // Sets the amount done so far (including `already`).
  void Update(int64_t done);
  // Draws the final state and ends the line; later calls do nothing.
  void Finish();
  // On a terminal, erases the bar's line so that other text can be printed
  // there (the next update draws the bar again); elsewhere does nothing.
  void ClearLine();
  // Ends the bar without drawing it again (and erases it on a terminal):
  // for a task that turned out to have nothing to do.
  void Discard();

  // The text of the bar for `done` after `seconds`, e.g.
  // "selfplay [=====>    ] 12/20 games  3.1 games/s  ETA 0:03".
  std::string Render(int64_t done, double seconds) const;

 private:
  void Draw(bool final);

  std::string label_;
  int64_t total_;
  std::string unit_;
  int64_t already_;
  FILE* out_;
  bool terminal_;
  bool finished_ = false;
  int64_t done_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

// "1:02:03" or "2:03" for a number of seconds.
std::string FormatDuration(double seconds);

}  // namespace tengen

#endif  // TENGEN_APP_PROGRESS_BAR_H_
