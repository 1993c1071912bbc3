#!/bin/sh
# Fake GTP engine: before answering each command with "=id ok" it writes
# about 200 KB to stderr, more than a pipe holds, so it answers only if the
# client drains stderr meanwhile.
while IFS= read -r line; do
  id=${line%% *}
  i=0
  while [ "$i" -lt 2000 ]; do
    echo "fake engine: noise line $i, padded to about a hundred bytes ........................" >&2
    i=$((i + 1))
  done
  printf '=%s ok\n\n' "$id"
done
