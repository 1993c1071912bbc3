#!/usr/bin/env bash
# Makes the shipped 9x9 net (models/tengen-9x9.tgm) with the recipe of
# docs/training.md, in three resumable stages under runs/:
#   1. teacher games: GNU Go level 10 against level 9 through `tengen match`,
#      each pair of games from its own 3 random moves (marked in the SGF and
#      not learned);
#   2. the teacher net: a 4x32 network trained on those games by
#      `tengen train --sgf` (supervised: the move played, the game's result;
#      4x32 beat 6x64 at equal CPU time, docs/training.md);
#   3. Tengen's own self-play with search from the teacher net:
#      `tengen run --config configs/strong-9x9.json --dir runs/strong`.
# Every stage resumes where it stopped (Ctrl-C, a crash or a new machine
# with the run folders copied over); run the script again. Stage 3 runs until
# --generations or Ctrl-C; the best net is then copied to models/.
#
# Usage: scripts/make-shipped-net.sh [TEACHER_GAMES] [TRAIN_STEPS] [GENERATIONS]
#        (defaults 422 games, 4800 steps, 0 = until stopped: what made the
#        shipped net; more games are better, see docs/training.md)
set -euo pipefail
cd "$(dirname "$0")/.."
games=${1:-422}
steps=${2:-4800}
generations=${3:-0}
tengen=build/tengen
gnugo=$(command -v gnugo || echo /usr/games/gnugo)
[[ -x $tengen ]] || scripts/build.sh
mkdir -p runs/teacher

echo "== stage 1: $games teacher games (GNU Go 10 vs 9) in runs/teacher/games"
"$tengen" match --games "$games" --random-opening 3 --parallel "$(nproc)" --seed 11 \
  --black "gtp:$gnugo --mode gtp --level 10 --chinese-rules" \
  --white "gtp:$gnugo --mode gtp --level 9 --chinese-rules" \
  --out runs/teacher/games

echo "== stage 2: the teacher net, runs/teacher/teacher.tgm ($steps steps)"
[[ -f runs/teacher/init.tgm ]] ||
  "$tengen" model init --blocks 4 --channels 32 --seed 9 --name teacher-init \
    --out runs/teacher/init.tgm
"$tengen" train --sgf runs/teacher/games/games --objective supervised \
  --model-in runs/teacher/init.tgm --model-out runs/teacher/teacher.tgm \
  --steps "$steps" --batch 256 --lr 0.02 --schedule cosine --value-weight 0.5 --threads 1 \
  --checkpoint-dir runs/teacher/checkpoints --checkpoint-every 400

echo "== stage 3: self-play with search, runs/strong"
"$tengen" run --config configs/strong-9x9.json --dir runs/strong --generations "$generations"
mkdir -p models
cp runs/strong/models/best.tgm models/tengen-9x9.tgm.tmp
mv models/tengen-9x9.tgm.tmp models/tengen-9x9.tgm
echo "models/tengen-9x9.tgm is runs/strong's best net"
