#!/usr/bin/env bash
# The strength ladder of issue 13: a model against GNU Go 3.8 on 9x9 (Chinese
# rules, komi 7.5, colours alternating, each pair of games from its own
# 2 random opening moves so deterministic players meet in different games),
# one `tengen match` per rung, each resumable from its folder; then a
# Markdown table of every rung that has a summary (scripts/ladder_table.py).
#
# Usage: scripts/strength-ladder.sh MODEL OUT_DIR [GAMES] [VISITS] [RUNGS]
#   GAMES   games per rung (default 100)
#   VISITS  visits of the fixed-visit rungs (default 200, the GTP default)
#   RUNGS   which rungs, comma-separated (default all):
#           raw0,raw1,raw5  raw policy (argmax, 8 symmetries averaged) vs level 0/1/5
#           vis1,vis5,vis10 search at VISITS visits vs level 1/5/10
#           sec1,sec5,sec10 search at 1 s a move vs level 1/5/10 (one game at a time)
set -euo pipefail
cd "$(dirname "$0")/.."
model=${1:?usage: scripts/strength-ladder.sh MODEL OUT_DIR [GAMES] [VISITS] [RUNGS]}
out=${2:?usage: scripts/strength-ladder.sh MODEL OUT_DIR [GAMES] [VISITS] [RUNGS]}
games=${3:-100}
visits=${4:-200}
rungs=${5:-raw0,raw1,raw5,vis1,vis5,vis10,sec1,sec5,sec10}
tengen=${TENGEN:-build/tengen}  # TENGEN=path overrides (e.g. a copy while build/ rebuilds)
gnugo=$(command -v gnugo || echo /usr/games/gnugo)
mkdir -p "$out"

rung() {  # rung NAME PLAYER LEVEL PARALLEL
  local name=$1 player=$2 level=$3 parallel=$4
  [[ ",$rungs," == *",$name,"* ]] || return 0
  echo "== $name: $player against GNU Go level $level, $games games"
  "$tengen" match --games "$games" --random-opening 2 --parallel "$parallel" --seed 5 \
    --black "$player" --white "gtp:$gnugo --mode gtp --level $level --chinese-rules" \
    --move-timeout 120 --out "$out/$name"
}

raw="model:$model,policy=argmax,symmetry=average,name=raw"
search="model:$model,policy=argmax,symmetry=random,visits=$visits,name=visits$visits"
timed="model:$model,policy=argmax,symmetry=random,seconds=1,name=1s"
cores=$(nproc)
rung raw0 "$raw" 0 "$cores"
rung raw1 "$raw" 1 "$cores"
rung raw5 "$raw" 5 "$cores"
rung vis1 "$search" 1 "$cores"
rung vis5 "$search" 5 "$cores"
rung vis10 "$search" 10 "$cores"
rung sec1 "$timed" 1 1
rung sec5 "$timed" 5 1
rung sec10 "$timed" 10 1
python3 scripts/ladder_table.py "$out"
