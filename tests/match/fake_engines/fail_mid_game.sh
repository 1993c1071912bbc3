#!/bin/sh
# Fake GTP engine that plays a few moves, then fails in the middle of a game:
# it answers the standard commands, passes on its first N genmoves and on the
# next one either crashes (exits with status 3) or hangs (waits for a child
# that sleeps for a day; killed with the engine).
# Usage: fail_mid_game.sh crash|hang [N, default 2]
mode=$1
limit=${2:-2}
case "$mode" in
  crash|hang) ;;
  *) echo "usage: fail_mid_game.sh crash|hang [N]" >&2; exit 2 ;;
esac
moves=0
while IFS= read -r line; do
  id=${line%% *}
  case "$id" in *[!0-9]*) id="" ;; esac
  case "$line" in
    *protocol_version*) printf '=%s 2\n\n' "$id" ;;
    *name*) printf '=%s %s-mid-game\n\n' "$id" "$mode" ;;
    *version*) printf '=%s 1\n\n' "$id" ;;
    *genmove*)
      if [ "$moves" -ge "$limit" ]; then
        if [ "$mode" = crash ]; then
          echo "fake engine: crashing on purpose at genmove $((moves + 1))" >&2
          exit 3
        fi
        sleep 86400 &
        echo "fake engine: sleeper $!" >&2
        wait
      fi
      moves=$((moves + 1))
      printf '=%s pass\n\n' "$id"
      ;;
    *) printf '=%s\n\n' "$id" ;;
  esac
done
