#!/bin/sh
# Fake GTP engine: answers every command with "=id" except genmove, on which
# it starts a child that sleeps for a day and waits for it. The child's pid
# goes to stderr as "sleeper <pid>", so tests can check it was killed too.
while IFS= read -r line; do
  id=${line%% *}
  case "$line" in
    *genmove*)
      sleep 86400 &
      echo "fake engine: sleeper $!" >&2
      wait
      ;;
  esac
  printf '=%s\n\n' "$id"
done
