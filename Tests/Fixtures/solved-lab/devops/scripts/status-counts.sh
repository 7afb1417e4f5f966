#!/usr/bin/env bash
# Count HTTP status codes in an access log (Common Log Format).
# Prints "COUNT CODE" per status, most frequent first, ties by lower code first.
set -euo pipefail

usage() { echo "usage: $(basename "$0") LOGFILE" >&2; }

if [[ $# -ne 1 ]]; then
  usage
  exit 64 # EX_USAGE
fi
log="$1"
if [[ ! -f "$log" || ! -r "$log" ]]; then
  echo "$(basename "$0"): cannot read $log" >&2
  exit 2
fi

# The request is the first quoted field and may contain spaces (or be "-"), so
# split each line on double quotes: field 3 is what follows the request,
# " STATUS BYTES". Lines without a 3-digit status are skipped.
awk -F'"' '
  { split($3, rest, " ") }
  rest[1] ~ /^[0-9][0-9][0-9]$/ { count[rest[1]]++ }
  END { for (code in count) print count[code], code }
' "$log" | sort -k1,1nr -k2,2n
