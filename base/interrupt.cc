#include "base/interrupt.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>

namespace tengen {
namespace {

std::atomic<bool> g_stop{false};

void OnSignal(int signal_number) {
  if (g_stop.exchange(true)) {
    // Second signal: the user insists. Restore the default and re-raise.
    ::signal(signal_number, SIG_DFL);
    ::raise(signal_number);
    return;
  }
  constexpr char kMessage[] = "\nstopping after the work in flight (Ctrl-C again to quit now)\n";
  [[maybe_unused]] ssize_t ignored = ::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
}

}  // namespace

void InstallStopHandlers() {
  struct sigaction action {};
  action.sa_handler = OnSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

bool StopRequested() { return g_stop.load(std::memory_order_relaxed); }
void RequestStop() { g_stop.store(true); }
void ClearStopRequest() { g_stop.store(false); }

}  // namespace tengen
