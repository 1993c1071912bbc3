#!/bin/sh
# Fake GTP engine that plays a few moves, then crashes: it answers the
# standard commands, passes on its first N genmoves (default 2) and exits
# with status 3 on the next one, in the middle of a game.
limit=${1:-2}
moves=0
while IFS= read -r line; do
  id=${line%% *}
  case "$id" in *[!0-9]*) id="" ;; esac
  case "$line" in
    *protocol_version*) printf '=%s 2\n\n' "$id" ;;
    *name*) printf '=%s crash-mid-game\n\n' "$id" ;;
    *version*) printf '=%s 1\n\n' "$id" ;;
    *genmove*)
      if [ "$moves" -ge "$limit" ]; then
        echo "fake engine: crashing on purpose at genmove $((moves + 1))" >&2
        exit 3
      fi
      moves=$((moves + 1))
      printf '=%s pass\n\n' "$id"
      ;;
    *) printf '=%s\n\n' "$id" ;;
  esac
done
