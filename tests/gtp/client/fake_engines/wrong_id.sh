#!/bin/sh
# Fake GTP engine: answers its first N commands (default 1) with "=id", then
# with the id plus one, or with no id at all when the second argument is
# "none".
limit=${1:-1}
mode=${2:-next}
count=0
while IFS= read -r line; do
  id=${line%% *}
  if [ "$count" -lt "$limit" ]; then
    printf '=%s\n\n' "$id"
  elif [ "$mode" = none ]; then
    printf '= 42\n\n'
  else
    printf '=%s 42\n\n' "$((id + 1))"
  fi
  count=$((count + 1))
done
