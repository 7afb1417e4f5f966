#!/usr/bin/env bash
# Print each address NAME resolves to, once, as the system resolves it
# (/etc/hosts and DNS, in nsswitch.conf order). Exit 2 when it does not resolve.
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 NAME" >&2
  exit 64
fi

# getent prints one line per address and socket type; keep the first column, once each.
if ! out="$(getent ahosts "$1")"; then
  echo "$1: does not resolve" >&2
  exit 2
fi
awk '!seen[$1]++ { print $1 }' <<<"$out"
