#!/usr/bin/env bash
# The scale-out path on a real Slurm: starts a one-node cluster
# (one-node-cluster.sh), submits a small run with submit.sh (the trainer,
# `tengen run` with "workers": 0, and an array of followers), and checks:
#   - every generation's games come from several array tasks;
#   - the trainer matched every candidate against the best, with an
#     interval, and promoted or rejected it, as on one machine;
#   - `scancel` of a worker mid-game, then `scontrol requeue` of it and of
#     another running worker, lose nothing: no partial or temporary file,
#     every game file valid, no game played twice (files that existed are
#     never rewritten), and the requeued workers come back under the same
#     name and play on;
#   - every job ends COMPLETED;
#   - the other layout, deploy/tengen-trainer.sh with tengen-worker.sh
#     workers (submit.sh --mode gpu, trained on the CPU here), runs two
#     generations on both workers' games and decides each with an interval;
#   - the evaluation study's replicates run as a job array and a dependent
#     job sets them side by side (submit-study.sh);
#   - the daemons are stopped at the end.
# Usage: deploy/slurm/test-one-node.sh TENGEN_BINARY [WORK_DIR]
# Exits 0 on success, 1 on a failed check, 77 (a skip) only when the
# cluster's daemons cannot start at all on this machine, saying why.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tengen=$(realpath "${1:?usage: test-one-node.sh TENGEN_BINARY [WORK_DIR]}")
work=${2:-$(mktemp -d /tmp/tengen-slurm-test.XXXXXX)}
mkdir -p "$work"
work=$(realpath "$work")
cluster=$work/cluster run=$work/run
rm -rf "$cluster" "$run"
export PATH=$PATH:/usr/sbin

say() { echo "slurm test: $*"; }
fail() {
  echo "slurm test: FAILED: $*" >&2
  for log in "$run"/logs/*.out; do
    [ -s "$log" ] && { echo "--- end of $log:" >&2; tail -n 6 "$log" >&2; }
  done
  exit 1
}
stop_cluster() {
  [ -e "$cluster/env" ] || return 0
  scancel --quiet --user="$(id -un)" 2>/dev/null || true
  "$here/one-node-cluster.sh" stop "$cluster"
}
trap stop_cluster EXIT

set +e
"$here/one-node-cluster.sh" start "$cluster" 8 2> "$work/cluster-start.txt"
started=$?
set -e
if [ "$started" = 3 ]; then
  cat "$work/cluster-start.txt" >&2
  echo "slurm test: SKIPPED: the Slurm daemons cannot start on this machine (see above)"
  exit 77
elif [ "$started" != 0 ]; then
  cat "$work/cluster-start.txt" >&2
  fail "one-node-cluster.sh start exited $started"
fi
. "$cluster/env"
say "cluster up: $(sinfo -h -o '%P %D node, %c CPUs, %t')"

generations=5 games=32 workers=3
cat > "$work/config.json" <<CONF
{"generations": $generations, "seed": 11,
 "network": {"board_size": 7, "blocks": 1, "channels": 8},
 "selfplay": {"games": $games, "parallel": 4, "workers": 0, "visits": 8},
 "train": {"steps": 20, "batch": 64, "threads": 1, "checkpoint_every": 10, "window_generations": 2},
 "evaluate": {"games": 8, "games_vs_random": 4, "games_vs_first": 0, "games_vs_gnugo": 0}}
CONF
start=$(date +%s)
submitted=$("$here/submit.sh" "$run" --config "$work/config.json" --workers "$workers" \
              --tengen "$tengen" --parallel 4 --prefix w)
trainer=$(awk '$1 == "trainer" {print $2}' <<< "$submitted")
array=$(awk '$1 == "workers" {print $2}' <<< "$submitted")
[ -n "$trainer" ] && [ -n "$array" ] || fail "submit.sh printed no job ids: $submitted"
say "submitted trainer $trainer and workers ${array}_[0-$((workers - 1))]"

state_of() { squeue -h -j "$1" -o %T 2>/dev/null | head -n 1; }
games_of() { find "$run/selfplay" -name "$1-*.npz" 2>/dev/null | wc -l; }
wait_until() {  # wait_until SECONDS DESCRIPTION COMMAND...
  local seconds=$1 what=$2
  shift 2
  for _ in $(seq 1 $((seconds * 5))); do "$@" && return 0; sleep 0.2; done
  fail "waited $seconds s for $what"
}
has_games() { [ "$(games_of "$1")" -ge "$2" ]; }
# Not running, nor finishing (COMPLETING: its processes may still be writing).
not_running() { case $(state_of "$1") in RUNNING|COMPLETING|CONFIGURING) return 1 ;; esac; }
running() { [ "$(state_of "$1")" = RUNNING ]; }

# Workers 1 and 2 have finished games and have others in flight (4 stepped
# together).
wait_until 180 "worker w-1's first games" has_games w-1 2
wait_until 180 "worker w-2's first games" has_games w-2 2
scancel "${array}_1"
wait_until 60 "the cancelled worker to end" not_running "${array}_1"
say "cancelled worker w-1 mid-game after $(games_of w-1) games"
leftovers=$(find "$run/selfplay" -name 'w-1-*.tmp.*' | wc -l)
[ "$leftovers" = 0 ] || fail "the cancelled worker left $leftovers temporary files"

# Requeue the cancelled worker and a running one (Slurm kills it mid-game).
wait_until 60 "worker w-2 to run" running "${array}_2"
scontrol requeue "${array}_1" "${array}_2"
wait_until 60 "the requeued worker w-2 to stop" not_running "${array}_2"
# Whole game files only: a running worker's temporary file is renamed later.
find "$run/selfplay" -type f ! -name '*.tmp.*' -printf '%P %s %T@\n' | sort > "$work/before-requeue.txt"
before1=$(games_of w-1) before2=$(games_of w-2)
say "requeued w-1 and w-2 (w-2 stopped after $before2 games); $(wc -l < "$work/before-requeue.txt") files so far"

# Slurm holds a requeued job back for a while (cred_expire); the trainer
# is suspended meanwhile so the run cannot end before the two are back.
scontrol suspend "$trainer"
wait_until 120 "the requeued worker w-1 to run again" running "${array}_1"
wait_until 120 "the requeued worker w-2 to run again" running "${array}_2"
more_games() { [ "$(games_of w-1)" -gt "$before1" ] && [ "$(games_of w-2)" -gt "$before2" ]; }
wait_until 120 "the requeued workers' next games" more_games
scontrol resume "$trainer"
say "both requeued workers play again under their names; trainer resumed"
wait_until 600 "the run to finish" not_running "$trainer"
wait_until 120 "the workers to finish" bash -c "[ -z \"\$(squeue -h -j $array)\" ]"
say "run finished in $(( $(date +%s) - start )) s"

# Every job completed (records are kept for MinJobAge).
for job in "$trainer" "${array}_0" "${array}_1" "${array}_2"; do
  info=$(scontrol -o show job "$job")
  grep -q "JobState=COMPLETED" <<< "$info" || fail "job $job did not complete: $info"
  grep -q "ExitCode=0:0" <<< "$info" || fail "job $job exited non-zero: $info"
done
for task in 1 2; do
  restarts=$(scontrol -o show job "${array}_$task" | sed -nE 's/.*Restarts=([0-9]+).*/\1/p')
  [ "${restarts:-0}" -ge 1 ] || fail "worker w-$task shows no restart (Restarts=$restarts)"
done
after1=$(games_of w-1) after2=$(games_of w-2)
[ "$after1" -gt "$before1" ] || fail "the requeued w-1 played no game after its restart ($before1 -> $after1)"
[ "$after2" -gt "$before2" ] || fail "the requeued w-2 played no game after its restart ($before2 -> $after2)"
say "after the requeue w-1 played $((after1 - before1)) more games, w-2 $((after2 - before2))"

# Nothing rewritten: every file present at the requeue is unchanged.
find "$run/selfplay" -type f ! -name '*.tmp.*' -printf '%P %s %T@\n' | sort > "$work/after.txt"
changed=$(comm -23 "$work/before-requeue.txt" "$work/after.txt" | wc -l)
[ "$changed" = 0 ] || fail "$changed game files present at the requeue were rewritten or removed: $(comm -23 "$work/before-requeue.txt" "$work/after.txt" | head -3)"
leftovers=$(find "$run" -name '*.tmp.*' | wc -l)
[ "$leftovers" = 0 ] || fail "$leftovers temporary files left: $(find "$run" -name '*.tmp.*' | head -3)"

# Every game file is whole, each generation's games come from several
# workers, and every generation was matched and decided with an interval.
python3 - "$run" "$generations" "$games" <<'PY' || fail "the run folder's checks above failed"
import glob, json, os, re, sys, zipfile
run, generations, games = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
bad = []
for g in range(1, generations + 1):
    data = os.path.join(run, "selfplay", f"gen-{g:04}", "data")
    files = sorted(glob.glob(os.path.join(data, "*.npz")))
    for path in files:
        try:
            with zipfile.ZipFile(path) as z:
                if z.testzip() is not None: bad.append(f"{path}: a member fails its CRC")
        except zipfile.BadZipFile as error:
            bad.append(f"{path}: {error}")
        sgf = path.replace("/data/", "/sgf/")[:-4] + ".sgf"
        if not os.path.exists(sgf): bad.append(f"{path}: no game record {sgf}")
    workers = sorted({re.sub(r"-\d+\.npz$", "", os.path.basename(p)) for p in files})
    if len(files) < games: bad.append(f"generation {g}: {len(files)} games, fewer than {games}")
    if len(workers) < 2: bad.append(f"generation {g}: games from {workers} only")
    print(f"slurm test: generation {g}: {len(files)} games from {', '.join(workers)}")
lines = [json.loads(l) for l in open(os.path.join(run, "metrics.jsonl"))]
if [l["generation"] for l in lines] != list(range(1, generations + 1)):
    bad.append(f"metrics.jsonl has generations {[l['generation'] for l in lines]}")
for l in lines:
    vs = l.get("vs_best")
    if not vs or not (0 <= vs["low"] <= vs["rate"] <= vs["high"] <= 1) or not isinstance(l.get("promoted"), bool):
        bad.append(f"generation {l['generation']}: no match against the best with an interval: {vs}")
        continue
    verdict = "promoted" if l["promoted"] else "rejected"
    print(f"slurm test: generation {l['generation']}: {vs['rate']:.2f} [{vs['low']:.2f}, {vs['high']:.2f}] against the best, {verdict}")
for line in bad: print("slurm test:", line, file=sys.stderr)
sys.exit(1 if bad else 0)
PY

# The other layout: the trainer loop of deploy/tengen-trainer.sh (run here
# with DEVICE=cpu; no GPU needed) and tengen-worker.sh workers, submitted
# with --mode gpu (the GPU request overridden for this node).
gpu_run=$work/gpu-run
rm -rf "$gpu_run"
submitted=$(DEVICE=cpu SIZE=7 GENERATIONS=2 GAMES_PER_GEN=16 STEPS=10 BATCH=32 EVAL_GAMES=4 POLL=1 \
              "$here/submit.sh" "$gpu_run" --mode gpu --workers 2 --games 8 --parallel 4 \
              --tengen "$tengen" --prefix g -- --gres=none --cpus-per-task=1 --mem=1G)
gpu_trainer=$(awk '$1 == "trainer" {print $2}' <<< "$submitted")
gpu_array=$(awk '$1 == "workers" {print $2}' <<< "$submitted")
wait_until 300 "the GPU-layout run to finish" bash -c "[ -z \"\$(squeue -h -j $gpu_trainer,$gpu_array)\" ]"
for job in "$gpu_trainer" "${gpu_array}_0" "${gpu_array}_1"; do
  scontrol -o show job "$job" | grep -q "JobState=COMPLETED.*ExitCode=0:0" ||
    fail "GPU-layout job $job did not complete: $(scontrol -o show job "$job")"
done
[ -e "$gpu_run/stop" ] || fail "the trainer loop did not tell its workers to stop"
lines=$(grep -cE '^generation [12]: score rate [0-9.]+ \[[0-9.e-]+, [0-9.e-]+\] against the best, (promoted|kept)$' \
          "$gpu_run/trainer.log" || true)
[ "$lines" = 2 ] || fail "trainer.log does not decide both generations with an interval: $(cat "$gpu_run/trainer.log")"
for g in 0001 0002; do
  names=$(ls "$gpu_run/train/gen-$g/data" | sed -E 's/-[0-9]+\.npz$//' | sort -u | tr '\n' ' ')
  [ "$names" = "g-0 g-1 " ] || fail "generation $g was trained on games of '$names', not of g-0 and g-1"
done
say "GPU layout (tengen-trainer.sh on the CPU): $(tr '\n' ';' < "$gpu_run/trainer.log")"

# The study's replicates as a job array, set side by side by a job that
# waits for them all (submit-study.sh): two seeds of the collapse part.
study=$work/study
rm -rf "$study"
"$tengen" model init --out "$work/study-model.tgm" --size 9 --blocks 1 --channels 8 --force > /dev/null
submitted=$("$here/submit-study.sh" "$study" --replicates 2 --seed 3 --tengen "$tengen" \
              --eval "--quick --parts collapse --model $work/study-model.tgm --gnugo none" -- --cpus-per-task=1)
study_array=$(awk '$1 == "replicates" {print $2}' <<< "$submitted")
study_report=$(awk '$1 == "report" {print $2}' <<< "$submitted")
wait_until 300 "the study's replicates and report" bash -c "[ -z \"\$(squeue -h -j $study_array,$study_report)\" ]"
for job in "${study_array}_0" "${study_array}_1" "$study_report"; do
  scontrol -o show job "$job" | grep -q "JobState=COMPLETED.*ExitCode=0:0" ||
    fail "study job $job did not complete: $(scontrol -o show job "$job"; tail -n 5 "$study"/logs/* 2>/dev/null)"
done
python3 - "$study" <<'PY' || fail "the study's summary across seeds is wrong"
import json, sys
r = json.load(open(sys.argv[1] + "/report.json"))
assert r["format"] == "tengen-eval-replicates", r["format"]
assert r["seeds"] == [3, 4], r["seeds"]
figures = [f for f in r["figures"] if f["part"] == "collapse"]
assert figures and all(len(f["values"]) == 2 and None not in f["values"] for f in figures), figures
assert any(c["part"] == "collapse" for c in r["claims"]), r["claims"]
print("slurm test: study replicates (seeds 3, 4) set side by side:", r["claims"][0]["verdict"])
PY

pids=$(cat "$cluster"/munge/munged.pid "$cluster"/slurmctld.pid "$cluster"/slurmd.pid)
stop_cluster
trap - EXIT
for pid in $pids; do
  if kill -0 "$pid" 2>/dev/null; then fail "daemon $pid still runs after the stop"; fi
done
say "daemons stopped; all checks passed"
