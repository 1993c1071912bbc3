#!/bin/sh
# Fake GTP engine: never reads its input and never answers; writes to stderr
# without end, so a client that does not drain stderr would deadlock.
while :; do
  echo "fake engine: flooding stderr, line after line after line" >&2
done
