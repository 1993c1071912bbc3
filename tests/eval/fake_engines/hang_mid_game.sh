#!/bin/sh
# Fake GTP engine that plays a few moves, then hangs: it answers the
# standard commands, passes on its first N genmoves (default 2) and on the
# next one waits for a child that sleeps for a day (killed with the engine).
limit=${1:-2}
moves=0
while IFS= read -r line; do
  id=${line%% *}
  case "$id" in *[!0-9]*) id="" ;; esac
  case "$line" in
    *protocol_version*) printf '=%s 2\n\n' "$id" ;;
    *name*) printf '=%s hang-mid-game\n\n' "$id" ;;
    *version*) printf '=%s 1\n\n' "$id" ;;
    *genmove*)
      if [ "$moves" -ge "$limit" ]; then
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
