#include "app/progress_bar.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>

namespace tengen {

std::string FormatDuration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "?";
  const int64_t s = static_cast<int64_t>(seconds + 0.5);
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

ProgressBar::ProgressBar(std::string label, int64_t total, std::string unit, int64_t already,
                         FILE* out)
    : label_(std::move(label)),
      total_(total),
      unit_(std::move(unit)),
      already_(already),
      out_(out),
      terminal_(isatty(fileno(out)) != 0),
      done_(already),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

std::string ProgressBar::Render(int64_t done, double seconds) const {
  constexpr int kWidth = 24;
  const double fraction = total_ > 0 ? std::clamp(double(done) / total_, 0.0, 1.0) : 1.0;
  const int filled = static_cast<int>(fraction * kWidth);
  std::string bar(filled, '=');
  if (filled < kWidth) bar += '>';
  bar.resize(kWidth, ' ');
  const double rate = seconds > 0 ? (done - already_) / seconds : 0;
  const std::string eta = rate > 0 ? FormatDuration((total_ - done) / rate) : "?";
  return fmt::format("{} [{}] {}/{} {}  {:.1f} {}/s  ETA {}", label_, bar, done, total_, unit_,
                     rate, unit_, done >= total_ ? "0:00" : eta);
}

void ProgressBar::Update(int64_t done) {
  done_ = done;
  const auto now = std::chrono::steady_clock::now();
  const double since_draw = std::chrono::duration<double>(now - last_draw_).count();
  if (since_draw >= (terminal_ ? 0.2 : 10.0)) Draw(false);
}

void ProgressBar::Finish() {
  if (finished_) return;
  Draw(true);
  finished_ = true;
}

void ProgressBar::ClearLine() {
  if (!terminal_ || finished_) return;
  fmt::print(out_, "\r\x1b[2K");
  std::fflush(out_);
}

void ProgressBar::Discard() {
  ClearLine();
  finished_ = true;
}

void ProgressBar::Draw(bool final) {
  const auto now = std::chrono::steady_clock::now();
  last_draw_ = now;
  const std::string text = Render(done_, std::chrono::duration<double>(now - start_).count());
  if (terminal_) {
    fmt::print(out_, "\r\x1b[2K{}{}", text, final ? "\n" : "");
  } else {
    fmt::print(out_, "{}\n", text);
  }
  std::fflush(out_);
}

}  // namespace tengen
