#include "app/terminal.h"

#include <fmt/format.h>

#include "app/interrupt.h"

namespace tengen {

Terminal::Terminal(bool show_progress) : show_progress_(show_progress) { InstallStopHandlers(); }

JobHooks Terminal::Hooks() {
  JobHooks hooks;
  hooks.stop = InterruptStopToken();
  if (show_progress_) hooks.on_progress = [this](const Progress& p) { OnProgress(p); };
  hooks.on_log = [this](std::string_view line) { Print(line); };
  return hooks;
}

void Terminal::Print(std::string_view line) {
  std::lock_guard lock(mutex_);
  for (auto& [task, bar] : bars_) bar->ClearLine();
  fmt::print(stderr, "{}\n", line);
  std::fflush(stderr);
}

void Terminal::OnProgress(const Progress& progress) {
  std::lock_guard lock(mutex_);
  std::unique_ptr<ProgressBar>& bar = bars_[progress.task];
  if (bar == nullptr)
    bar = std::make_unique<ProgressBar>(progress.task, progress.total, progress.unit,
                                        progress.already);
  if (!progress.finished) {
    bar->Update(progress.done);
    return;
  }
  if (progress.done == progress.already) {
    bar->Discard();  // the task had nothing to do: no bar left behind
  } else {
    bar->Update(progress.done);
    bar->Finish();
  }
  bars_.erase(progress.task);
}

}  // namespace tengen
