#!/usr/bin/env bash
# Self-play throughput through Slurm with 1, 2, ... workers: for each
# worker count N, an array of N tasks plays GAMES games in all (GAMES / N
# each) with MODEL on a one-node cluster (one-node-cluster.sh), and the
# games/s from the first task's start to the last task's end is printed as
# one JSON line, beside the same games played by one process without Slurm.
#
# Usage: deploy/slurm/throughput.sh TENGEN MODEL [GAMES] [WORKER_COUNTS] [SELFPLAY_FLAGS...]
#   GAMES          games per measurement (default 64)
#   WORKER_COUNTS  comma-separated (default 1,2)
#   SELFPLAY_FLAGS passed to every `tengen selfplay` (default: --visits 16 --parallel 32,
#                  the default run's search)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tengen=$(realpath "${1:?usage: throughput.sh TENGEN MODEL [GAMES] [WORKER_COUNTS] [FLAGS...]}")
model=$(realpath "${2:?usage: throughput.sh TENGEN MODEL [GAMES] [WORKER_COUNTS] [FLAGS...]}")
games=${3:-64}
counts=${4:-1,2}
shift $(( $# < 4 ? $# : 4 ))
flags=("$@")
[ ${#flags[@]} -gt 0 ] || flags=(--visits 16 --parallel 32)
work=$(mktemp -d /tmp/tengen-slurm-throughput.XXXXXX)
trap '"$here/one-node-cluster.sh" stop "$work/cluster"; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
export PATH=$PATH:/usr/sbin OMP_NUM_THREADS=1

selfplay() {  # selfplay OUT WORKER GAMES
  "$tengen" selfplay --model "$model" --out "$1" --worker "$2" --games "$3" --seed 7 \
    --workers 1 --threads 1 --progress=false "${flags[@]}"
}

begin=$(date +%s.%N)
selfplay "$work/plain" p "$games"
end=$(date +%s.%N)
python3 -c "import json,sys; g,b,e=int(sys.argv[1]),float(sys.argv[2]),float(sys.argv[3]); print(json.dumps({'bench':'slurm_selfplay','workers':1,'slurm':False,'games':g,'seconds':round(e-b,2),'games_per_s':round(g/(e-b),3)}))" "$games" "$begin" "$end"

# nproc --all: plain nproc follows OMP_NUM_THREADS, which is 1 here.
"$here/one-node-cluster.sh" start "$work/cluster" "$(nproc --all)" >&2
. "$work/cluster/env"
IFS=, read -ra worker_counts <<< "$counts"
for n in "${worker_counts[@]}"; do
  out=$work/n$n
  mkdir -p "$out/times"
  per=$(( (games + n - 1) / n ))
  # The previous array may still hold its CPUs while Slurm cleans it up;
  # measure from an idle node, so every task can start at once.
  until [ "$(sinfo -h -n node1 -o %t)" = idle ]; do sleep 0.2; done
  # The workers are one job array, as follower.sbatch's are; each task
  # notes its start and end, and the measurement is the span from the
  # first start to the last end.
  job=$(sbatch --parsable --array="0-$((n - 1))" --cpus-per-task=1 --mem=2G --output="$out/task-%a.out" \
          --wrap="date +%s.%N > $out/times/\$SLURM_ARRAY_TASK_ID.start &&
                  $(printf '%q ' "$tengen" selfplay --model "$model" --out "$out" --games "$per" --seed 7 \
                      --workers 1 --threads 1 --progress=false "${flags[@]}") --worker s\$SLURM_ARRAY_TASK_ID &&
                  date +%s.%N > $out/times/\$SLURM_ARRAY_TASK_ID.end")
  job=${job%%;*}
  while [ -n "$(squeue -h -j "$job" 2>/dev/null)" ]; do sleep 1; done
  python3 - "$out" "$n" <<'PY'
import glob, json, os, sys
out, n = sys.argv[1], int(sys.argv[2])
starts = [float(open(p).read()) for p in glob.glob(f"{out}/times/*.start")]
ends = [float(open(p).read()) for p in glob.glob(f"{out}/times/*.end")]
played = len(glob.glob(f"{out}/data/*.npz"))
if len(ends) != n or not starts:
    sys.exit(f"throughput: {n - len(ends)} of {n} tasks failed; see {out}/task-*.out")
span = max(ends) - min(starts)
print(json.dumps({"bench": "slurm_selfplay", "workers": n, "slurm": True, "games": played,
                  "seconds": round(span, 2), "games_per_s": round(played / span, 3)}))
PY
done
