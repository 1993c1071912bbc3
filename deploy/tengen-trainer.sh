#!/bin/bash
# tengen-trainer.sh RUN: a trainer loop around `tengen train` (on a GPU with
# DEVICE=cuda) for workers running tengen-worker.sh. Per generation: waits
# for GAMES_PER_GEN games, freezes them as hard links, trains a candidate on
# the newest WINDOW generations, matches it against the best, promotes it
# above 50%, and moves RUN/generation on. Every step resumes after a kill.
set -euo pipefail
RUN=$1
TENGEN=${TENGEN:-tengen}
DEVICE=${DEVICE:-cuda}            # or cpu
SIZE=${SIZE:-9}                   # board size of a new run's first model
GENERATIONS=${GENERATIONS:-50}
GAMES_PER_GEN=${GAMES_PER_GEN:-2048}
WINDOW=${WINDOW:-2}               # train on the newest this many generations
STEPS=${STEPS:-500} BATCH=${BATCH:-512} LR=${LR:-0.005}
EVAL_GAMES=${EVAL_GAMES:-200}
POLL=${POLL:-30}

publish() { cp "$1" "$2.tmp.$$" && mv "$2.tmp.$$" "$2"; }   # atomic replace
mkdir -p "$RUN/models" "$RUN/selfplay" "$RUN/train" "$RUN/matches"
if [ ! -e "$RUN/models/best.tgm" ]; then
  [ -e "$RUN/models/gen-0000.tgm" ] ||
      "$TENGEN" model init --out "$RUN/models/gen-0000.tgm" --size "$SIZE" --name "generation 0"
  publish "$RUN/models/gen-0000.tgm" "$RUN/models/best.tgm"
fi
[ -e "$RUN/generation" ] || { echo 1 > "$RUN/generation.tmp" && mv "$RUN/generation.tmp" "$RUN/generation"; }

while G=$(cat "$RUN/generation") && [ "$G" -le "$GENERATIONS" ]; do
  GEN=$(printf %04d "$G")
  SNAPSHOT=$RUN/train/gen-$GEN/data
  until [ -d "$SNAPSHOT" ]; do
    if [ "$(find "$RUN/selfplay/gen-$GEN/data" -name '*.npz' 2>/dev/null | wc -l)" -ge "$GAMES_PER_GEN" ]; then
      rm -rf "$SNAPSHOT.tmp" && mkdir -p "$SNAPSHOT.tmp"
      find "$RUN/selfplay/gen-$GEN/data" -name '*.npz' -exec ln {} "$SNAPSHOT.tmp/" \;
      mv "$SNAPSHOT.tmp" "$SNAPSHOT"
    else
      sleep "$POLL"
    fi
  done
  DATA=$(for g in $(seq $(( G > WINDOW ? G - WINDOW + 1 : 1 )) "$G"); do
           printf '%s,' "$RUN/train/gen-$(printf %04d "$g")/data"; done)
  if [ ! -e "$RUN/models/gen-$GEN.tgm" ]; then
    "$TENGEN" train --data "${DATA%,}" --model-in "$RUN/models/best.tgm" \
        --model-out "$RUN/models/gen-$GEN.tgm" --device "$DEVICE" --steps "$STEPS" --batch "$BATCH" \
        --lr "$LR" --window 0 --seed "$G" --checkpoint-dir "$RUN/train/gen-$GEN/checkpoints" \
        --checkpoint-every 50
  fi
  BOARD=$("$TENGEN" model info "$RUN/models/best.tgm" | sed -nE 's/^network .* for ([0-9]+)x.*/\1/p')
  "$TENGEN" match --black "model:$RUN/models/gen-$GEN.tgm,name=gen-$GEN" \
      --white "model:$RUN/models/best.tgm,name=best" --size "$BOARD" \
      --games "$EVAL_GAMES" --seed "$G" --out "$RUN/matches/gen-$GEN"
  field() { sed -E "s/.*\"$1\":([0-9.e+-]+).*/\1/" "$RUN/matches/gen-$GEN/summary.json"; }
  RATE=$(field score_rate) LOW=$(field score_rate_low) HIGH=$(field score_rate_high)
  VERDICT=kept
  if awk "BEGIN { exit !($RATE > 0.5) }"; then
    publish "$RUN/models/gen-$GEN.tgm" "$RUN/models/best.tgm"
    VERDICT=promoted
  fi
  echo "generation $G: score rate $RATE [$LOW, $HIGH] against the best, $VERDICT" >> "$RUN/trainer.log"
  echo $(( G + 1 )) > "$RUN/generation.tmp" && mv "$RUN/generation.tmp" "$RUN/generation"
done
touch "$RUN/stop"   # tells the workers to finish
