#!/bin/sh
# Fake GTP engine: answers its first N commands (default 2) with "=id", then,
# on the next one, says so on stderr and exits with status 3.
limit=${1:-2}
count=0
while IFS= read -r line; do
  id=${line%% *}
  if [ "$count" -ge "$limit" ]; then
    echo "fake engine: crashing on purpose at command $((count + 1))" >&2
    exit 3
  fi
  count=$((count + 1))
  printf '=%s\n\n' "$id"
done
