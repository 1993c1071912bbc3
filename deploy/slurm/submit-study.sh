#!/usr/bin/env bash
# Submits the evaluation study replicated across seeds to Slurm: an array
# of R replicates (study.sbatch, one whole study per seed) and, once they
# all succeed, a job that sets them side by side (`tengen eval --aggregate`)
# into OUT/report.html and OUT/report.json.
#
# Usage: deploy/slurm/submit-study.sh [OPTIONS] OUT [-- SBATCH_ARGS...]
#   --replicates R  seeds SEED..SEED+R-1 (default 4)
#   --seed SEED     the first seed (default 1)
#   --tengen PATH   the tengen binary every node can run (default: tengen on PATH)
#   --eval "FLAGS"  the study's other flags, e.g. "--quick" or "--model /shared/m.tgm"
#   SBATCH_ARGS     passed to every sbatch (partition, account, time)
# Prints "replicates <array job id>" and "report <job id>". The same
# command again resumes: finished replicates are kept, stopped ones resume.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
replicates=4 seed=1 tengen="" eval_flags="" out=""
while [ $# -gt 0 ]; do
  case $1 in
    --replicates) replicates=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --tengen) tengen=$2; shift 2 ;;
    --eval) eval_flags=$2; shift 2 ;;
    -h|--help) usage ;;
    --) shift; break ;;
    -*) echo "submit-study.sh: unknown option $1" >&2; usage ;;
    *) [ -z "$out" ] || { echo "submit-study.sh: one study folder, not '$out' and '$1'" >&2; exit 2; }
       out=$1; shift ;;
  esac
done
[ -n "$out" ] || { echo "submit-study.sh: give the study folder" >&2; usage; }
[[ "$replicates" =~ ^[1-9][0-9]*$ ]] || { echo "submit-study.sh: --replicates must be 1 or more, not '$replicates'" >&2; exit 2; }
[[ "$seed" =~ ^[0-9]+$ ]] || { echo "submit-study.sh: --seed must be a whole number, not '$seed'" >&2; exit 2; }
command -v sbatch >/dev/null || { echo "submit-study.sh: sbatch not found: run this on a Slurm login node" >&2; exit 1; }
tengen=${tengen:-$(command -v tengen || true)}
[ -n "$tengen" ] && [ -x "$tengen" ] || { echo "submit-study.sh: no tengen binary: give --tengen PATH" >&2; exit 2; }
tengen=$(realpath "$tengen")
mkdir -p "$out/logs"
out=$(realpath "$out")

submit() { sbatch --parsable "$@" | cut -d';' -f1; }
array=$(submit --export="ALL,TENGEN=$tengen,OUT=$out,SEED=$seed,EVAL_FLAGS=$eval_flags" \
          --array="0-$((replicates - 1))" --output="$out/logs/slurm-%A_%a.out" "$@" \
          "$here/study.sbatch")
report=$(submit --dependency="afterok:$array" --job-name=tengen-study-report --cpus-per-task=1 \
           --output="$out/logs/report-%j.out" "$@" \
           --wrap="$(printf '%q ' "$tengen" eval --replicates "$replicates" --seed "$seed" --aggregate --out "$out")")
echo "replicates $array"
echo "report $report"
