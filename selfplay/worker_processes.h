// Running self-play as several worker processes of this same binary. On
// this 2-core machine two one-thread processes evaluate about twice as fast
// as one two-thread process (LibTorch's intra-op threading helps little at
// these sizes), so that is how local self-play runs by default.
#ifndef TENGEN_SELFPLAY_WORKER_PROCESSES_H_
#define TENGEN_SELFPLAY_WORKER_PROCESSES_H_

#include <sys/types.h>

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"

namespace tengen {

// The running binary's path (from /proc/self/exe).
std::string CurrentExecutable();

// Starts one process per argument list (each run as `<binary> <args...>`),
// calls `poll` about twice a second while they run (for progress; when it
// returns true the workers are asked to stop, with SIGTERM, as when
// StopRequested()), and waits for all. Ok when every worker exits with
// status 0 or was asked to stop; otherwise an error naming the first
// failure. Workers get SIGTERM if this process dies.
absl::Status RunWorkerProcesses(const std::string& binary,
                                const std::vector<std::vector<std::string>>& worker_args,
                                const std::function<bool()>& poll = {});

}  // namespace tengen

#endif  // TENGEN_SELFPLAY_WORKER_PROCESSES_H_
