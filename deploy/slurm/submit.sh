#!/usr/bin/env bash
# Submits a training run to Slurm: the trainer and an array of self-play
# workers sharing the run folder, which must be on a filesystem every node
# mounts at the same path.
#
# Usage: deploy/slurm/submit.sh [OPTIONS] RUN [-- SBATCH_ARGS...]
#   --config FILE   the run's config (tengen run --config); a run that exists resumes with it
#   --workers N     self-play array tasks (default 4)
#   --tengen PATH   the tengen binary every node can run (default: tengen on PATH)
#   --parallel K    games each worker steps together, its batch (default 32)
#   --mode MODE     run: trainer.sbatch (`tengen run` on CPUs) and follower.sbatch (default)
#                   gpu: gpu-trainer.sbatch (tengen-trainer.sh, --device cuda) and worker.sbatch
#   --games N       gpu mode: games per worker and generation (default 16)
#   --prefix NAME   worker names are NAME-<array index> (default slurm)
#   --logs DIR      job output (default RUN/logs)
#   SBATCH_ARGS     passed to every sbatch (e.g. --partition=cpu --account=go --time=2-0)
# Prints "trainer <job id>" and "workers <array job id>" and appends them to
# RUN/slurm-jobs.txt. The same command again after the jobs end (or are
# cancelled) resumes the run: every name and file is stable.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
usage() { sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

config="" workers=4 tengen="" parallel=32 mode=run games=16 prefix=slurm logs=""
run=""
while [ $# -gt 0 ]; do
  case $1 in
    --config) config=$2; shift 2 ;;
    --workers) workers=$2; shift 2 ;;
    --tengen) tengen=$2; shift 2 ;;
    --parallel) parallel=$2; shift 2 ;;
    --mode) mode=$2; shift 2 ;;
    --games) games=$2; shift 2 ;;
    --prefix) prefix=$2; shift 2 ;;
    --logs) logs=$2; shift 2 ;;
    -h|--help) usage ;;
    --) shift; break ;;
    -*) echo "submit.sh: unknown option $1" >&2; usage ;;
    *) [ -z "$run" ] || { echo "submit.sh: one run folder, not '$run' and '$1'" >&2; exit 2; }
       run=$1; shift ;;
  esac
done
[ -n "$run" ] || { echo "submit.sh: give the run folder" >&2; usage; }
[[ "$workers" =~ ^[1-9][0-9]*$ ]] || { echo "submit.sh: --workers must be 1 or more, not '$workers'" >&2; exit 2; }
[[ "$parallel" =~ ^[1-9][0-9]*$ ]] || { echo "submit.sh: --parallel must be 1 or more, not '$parallel'" >&2; exit 2; }
[[ "$prefix" =~ ^[A-Za-z0-9_.-]{1,40}$ ]] || { echo "submit.sh: --prefix '$prefix' is not 1-40 letters, digits, '-', '_' or '.'" >&2; exit 2; }
case $mode in run|gpu) ;; *) echo "submit.sh: --mode is run or gpu, not '$mode'" >&2; exit 2 ;; esac
command -v sbatch >/dev/null || { echo "submit.sh: sbatch not found: run this on a Slurm login node" >&2; exit 1; }

tengen=${tengen:-$(command -v tengen || true)}
[ -n "$tengen" ] && [ -x "$tengen" ] || { echo "submit.sh: no tengen binary: give --tengen PATH" >&2; exit 2; }
tengen=$(realpath "$tengen")
mkdir -p "$run"
run=$(realpath "$run")
if [ -n "$config" ]; then
  [ -r "$config" ] || { echo "submit.sh: cannot read the config $config" >&2; exit 2; }
  config=$(realpath "$config")
fi
logs=${logs:-$run/logs}
mkdir -p "$logs"

submit() { sbatch --parsable "$@" | cut -d';' -f1; }
common=(--export="ALL,TENGEN=$tengen,RUN=$run,CONFIG=$config,PARALLEL=$parallel,WORKER_PREFIX=$prefix,SCRIPTS=$(dirname "$here"),GAMES=$games")
if [ "$mode" = run ]; then
  trainer=$(submit "${common[@]}" --output="$logs/trainer-%j.out" "$@" "$here/trainer.sbatch")
  array=$(submit "${common[@]}" --array="0-$((workers - 1))" --dependency="after:$trainer" \
            --output="$logs/follower-%A_%a.out" "$@" "$here/follower.sbatch")
else
  trainer=$(submit "${common[@]}" --output="$logs/gpu-trainer-%j.out" "$@" "$here/gpu-trainer.sbatch")
  array=$(submit "${common[@]}" --array="0-$((workers - 1))" --dependency="after:$trainer" \
            --output="$logs/worker-%A_%a.out" "$@" "$here/worker.sbatch")
fi
echo "trainer $trainer"
echo "workers $array"
printf '%s trainer %s workers %s (%s x %s)\n' "$(date -u +%FT%TZ)" "$trainer" "$array" "$workers" "$mode" >> "$run/slurm-jobs.txt"
