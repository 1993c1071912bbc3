#!/usr/bin/env bash
# Installs the Debian 12 packages Tengen builds, runs and tests with, and only
# those that are missing, so it is quick and safe to run again. Needs root
# (or sudo). Nothing else is downloaded at build or run time; the test suite
# alone fetches npm packages (@sabaki/gtp for its GUI-protocol test,
# kubernetes-models and yaml for the manifest check, each pinned by a lock
# file) from the npm registry.
set -euo pipefail

packages=(
  # build
  build-essential cmake g++ git
  # libraries
  libtorch-dev libabsl-dev libfmt-dev libgtest-dev zlib1g-dev libcli11-dev
  nlohmann-json3-dev
  # tests: the reference opponent, clang's libFuzzer and sanitizers, the
  # formatter whose style the suite enforces
  gnugo clang libclang-rt-14-dev clang-format
  # tests: Python reads exported TorchScript models and training data
  python3 python3-torch python3-numpy
  # tests: the evaluation report is rendered and screenshotted headless
  chromium
  # tests: Sabaki's GTP library (npm package @sabaki/gtp) drives tengen gtp,
  # and kubernetes-models checks the Kubernetes manifests
  nodejs npm
  # tests: a one-node Slurm cluster runs the scale-out scripts (deploy/slurm)
  slurmctld slurmd slurm-client munge
)

missing=()
for package in "${packages[@]}"; do
  # NodeSource's nodejs bundles npm and conflicts with Debian's npm package.
  if [ "$package" = npm ] && command -v npm >/dev/null; then continue; fi
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages are installed"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null; then
    echo "install-deps: missing ${missing[*]}; run this script as root to install them" >&2
    exit 1
  fi
  sudo="sudo"
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
