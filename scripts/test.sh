#!/usr/bin/env bash
# The whole test suite: installs what is missing, checks the formatting,
# builds, runs every test, then rebuilds the engine with clang under AddressSanitizer and
# UndefinedBehaviorSanitizer and runs its tests and short libFuzzer runs.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)

scripts/install-deps.sh
# Style: every C++ file is as clang-format (.clang-format) writes it.
if ! git ls-files -z '*.cc' '*.h' | xargs -0 clang-format --dry-run --Werror; then
  echo "test.sh: the files above drift from .clang-format; run clang-format -i on them" >&2
  exit 1
fi
scripts/build.sh
ctest --test-dir build -j"$jobs" --output-on-failure --timeout 900

# Sanitizers and fuzzing need no LibTorch: the engine layer alone, with clang.
CXX=clang++ cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DTENGEN_ENGINE_ONLY=ON -DTENGEN_SANITIZE=ON -DTENGEN_FUZZ=ON
cmake --build build-sanitize -j"$jobs"
ctest --test-dir build-sanitize -j"$jobs" --output-on-failure --timeout 900
echo "test.sh: all tests passed"
