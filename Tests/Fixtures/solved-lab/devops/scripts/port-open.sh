#!/usr/bin/env bash
# Exit 0 when something accepts a TCP connection on HOST PORT, 1 when the
# connection is refused or nothing answers within 2 seconds, 2 on misuse.
set -euo pipefail

if [[ $# -ne 2 || ! "$2" =~ ^[0-9]+$ ]]; then
  echo "usage: $0 HOST PORT" >&2
  exit 2
fi
host="$1"
port="$2"

# bash opens a TCP connection when redirecting to /dev/tcp/HOST/PORT; `timeout`
# bounds the wait for hosts that silently drop packets.
# shellcheck disable=SC2016 # $1 and $2 are expanded by the inner bash, on purpose
if timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$host" "$port" 2>/dev/null; then
  exit 0
fi
exit 1
