#include "app/interrupt.h"

#include <signal.h>
#include <unistd.h>

namespace tengen {
namespace {

StopSource g_stop;

void OnSignal(int signal_number) {
  if (g_stop.stop_requested()) {
    // Second signal: the user insists. Restore the default and re-raise.
    ::signal(signal_number, SIG_DFL);
    ::raise(signal_number);
    return;
  }
  g_stop.RequestStop();
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

StopToken InterruptStopToken() { return g_stop.token(); }

}  // namespace tengen
