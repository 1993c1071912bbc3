#!/bin/sh
# Fake GTP engine: answers its first N commands (default 1) with "=id", then
# answers every command with a line that is not a GTP reply.
limit=${1:-1}
count=0
while IFS= read -r line; do
  id=${line%% *}
  if [ "$count" -ge "$limit" ]; then
    printf 'hello there\n\n'
  else
    printf '=%s\n\n' "$id"
  fi
  count=$((count + 1))
done
