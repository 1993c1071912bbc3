#!/bin/sh
# Fake GTP engine with replies chosen by the command, for testing reply
# parsing. Ids are optional. Commands:
#   lines N    "=id first" then "line 2" .. "line N"
#   crlf       "=id one" and "two" with CRLF line ends
#   long N     "=id " then N times 'x' on one line
#   refuse X   "?id X"
#   raw        "=id " then the whole line as received
#   fixed_id   "=7 x", whatever the id
#   quit       "=id", then exits with status 0
#   other X    "=id other X"
set -f
while IFS= read -r line; do
  received=$line
  case "${line%% *}" in
    '' | *[!0-9]*) id='' ;;
    *) id=${line%% *}; line=${line#* } ;;
  esac
  set -- $line
  command=$1
  shift
  case "$command" in
    lines)
      printf '=%s first' "$id"
      i=2
      while [ "$i" -le "$1" ]; do printf '\nline %s' "$i"; i=$((i + 1)); done
      printf '\n\n'
      ;;
    crlf) printf '=%s one\r\ntwo\r\n\r\n' "$id" ;;
    long) printf '=%s ' "$id"; head -c "$1" /dev/zero | tr '\0' x; printf '\n\n' ;;
    refuse) printf '?%s %s\n\n' "$id" "$*" ;;
    raw) printf '=%s %s\n\n' "$id" "$received" ;;
    fixed_id) printf '=7 x\n\n' ;;
    quit) printf '=%s\n\n' "$id"; exit 0 ;;
    *) printf '=%s %s\n\n' "$id" "$command${1:+ }$*" ;;
  esac
done
