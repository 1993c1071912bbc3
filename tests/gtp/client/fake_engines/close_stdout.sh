#!/bin/sh
# Fake GTP engine: answers its first N commands (default 1) with "=id", then
# closes its stdout but keeps running and reading its input.
limit=${1:-1}
count=0
while IFS= read -r line; do
  id=${line%% *}
  if [ "$count" -ge "$limit" ]; then
    exec 1>&-
    echo "fake engine: closed stdout, still running" >&2
    while IFS= read -r line; do :; done
    sleep 86400
  fi
  count=$((count + 1))
  printf '=%s\n\n' "$id"
done
