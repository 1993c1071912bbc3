#!/bin/bash
# tengen-worker.sh RUN NAME INDEX: a self-play worker for the GPU trainer
# loop of tengen-trainer.sh (docs/scale_out.md). Plays GAMES games of every
# generation (the number in RUN/generation) with RUN/models/best.tgm into
# RUN/selfplay/gen-NNNN as worker NAME, then waits for the next generation;
# stops when RUN/stop exists. NAME must stay the same across restarts (a
# restarted worker plays only its missing games); INDEX makes its seeds.
set -euo pipefail
RUN=$1 NAME=$2 INDEX=$3
TENGEN=${TENGEN:-tengen}    # path of the tengen binary
GAMES=${GAMES:-64}          # games this worker plays per generation
PARALLEL=${PARALLEL:-32}    # games stepped together (the batch size)
POLL=${POLL:-10}            # seconds between looks at the run
export OMP_NUM_THREADS=1

current_generation() { cat "$RUN/generation" 2>/dev/null || echo 1; }

until [ -e "$RUN/models/best.tgm" ] || [ -e "$RUN/stop" ]; do sleep "$POLL"; done
while [ ! -e "$RUN/stop" ]; do
  G=$(current_generation)
  "$TENGEN" selfplay --model "$RUN/models/best.tgm" --out "$RUN/selfplay/gen-$(printf %04d "$G")" \
      --worker "$NAME" --games "$GAMES" --seed $(( INDEX * 1000003 + G )) \
      --workers 1 --threads 1 --parallel "$PARALLEL" --progress=false
  while [ "$(current_generation)" = "$G" ] && [ ! -e "$RUN/stop" ]; do sleep "$POLL"; done
done
