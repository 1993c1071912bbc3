#!/usr/bin/env bash
# Configures and builds Tengen (Release, with tests) into build/, and says
# how long the build took.
# Extra arguments go to the CMake configure step.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
start=$SECONDS
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release "$@"
cmake --build build -j"$jobs"
elapsed=$((SECONDS - start))
echo "build.sh: configured and built in $((elapsed / 60))m$((elapsed % 60))s with -j$jobs"
